"""The PostgreSQL connection's health check (config/postgresql/base.py): no
round trip for a connection that is fine, a new connection for one the server
has ended."""

import time
from unittest import mock

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql import base

from config.postgresql import base as health
from events.models import Report


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the check is PostgreSQL's (CI runs it there)")


@pytest.mark.django_db(transaction=True)
def test_a_busy_open_connection_is_trusted_without_a_query():
    connection.ensure_connection()
    connection.is_usable()  # as the request before did
    with mock.patch.object(base.DatabaseWrapper, "is_usable") as select_one:
        assert connection.is_usable()
    select_one.assert_not_called()


@pytest.mark.django_db(transaction=True)
def test_an_idle_connection_or_one_in_trouble_is_asked(monkeypatch):
    connection.ensure_connection()
    connection.is_usable()
    with mock.patch.object(base.DatabaseWrapper, "is_usable", return_value=True) as q:
        # Idle longer than IDLE_SECONDS: the server may have vanished silently.
        later = health.time.monotonic() + health.IDLE_SECONDS + 1
        monkeypatch.setattr(health.time, "monotonic", lambda: later)
        assert connection.is_usable()
        assert q.call_count == 1
        # A request that had a database error: asked again.
        connection.errors_occurred = True
        assert connection.is_usable()
        assert q.call_count == 2
    connection.errors_occurred = False


@pytest.mark.django_db
def test_a_connection_in_a_transaction_is_asked():
    # pytest-django runs this test in atomic(), as a request in a transaction;
    # the transaction begins on the server with the first query.
    Report.objects.count()
    connection.is_usable()
    with mock.patch.object(base.DatabaseWrapper, "is_usable", return_value=True) as q:
        assert connection.is_usable()
    assert q.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_before_the_next_query():
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    settings = connection.get_connection_params()
    with psycopg.connect(**settings, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    time.sleep(0.2)  # the server's goodbye reaches the socket

    assert not connection.is_usable()
    # What Django does when a request starts with health checks on.
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert Report.objects.count() == 0
    assert connection.connection.info.backend_pid != pid
