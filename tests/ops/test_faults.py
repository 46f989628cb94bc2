"""Database restarted, Redis gone, mail server gone: what visitors and staff see."""

import signal
import subprocess
import time

import pytest
from aiosmtpd.controller import Controller

from tests.ops.conftest import (
    ADMIN_USER,
    PG_BIN,
    THANKS,
    Client,
    Load,
    free_port,
    pg_execute,
    registered_emails,
    run_manage,
    server_env,
    submit_interest,
)

pytestmark = pytest.mark.ops

PUBLIC_PAGES = ["/de/", "/de/berichte/", "/de/termine/", "/de/termine/kalender.ics"]
UNAVAILABLE = "Vorübergehend nicht erreichbar"


def copy_database(source_url: str, target_server: str) -> str:
    """pg_dump -Fc | pg_restore, as docs/deployment.md restores a backup."""
    pg_execute('CREATE DATABASE "horizont"', target_server)
    dump = subprocess.run(
        [str(PG_BIN / "pg_dump"), "-Fc", "--no-owner", source_url],
        check=True,
        capture_output=True,
        timeout=60,
    )
    subprocess.run(
        [str(PG_BIN / "pg_restore"), "--no-owner", "-d", f"{target_server}/horizont"],
        input=dump.stdout,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return f"{target_server}/horizont"


def test_database_restart_under_load_answers_503_then_recovers_without_errors(
    app_server, database, own_postgres, tmp_path
):
    database_url = copy_database(database, own_postgres.server)
    server = app_server(
        server_env(
            database_url=database_url,
            media_root=tmp_path / "media",
            DJANGO_INTEREST_RATE="1000/h",
            # Every request goes to the database: the page cache would hide it.
            DJANGO_PAGE_CACHE_SECONDS="0",
        ),
        workers=2,
    )
    visitor = Client(server.url)
    stored = [submit_interest(visitor, "before@example.kr")]

    with Load(server.url, PUBLIC_PAGES) as load:
        time.sleep(1.5)
        down = time.monotonic()
        own_postgres.ctl("stop", "-m", "fast")
        pages_down = [Client(server.url).get(path) for path in PUBLIC_PAGES]
        uncached = Client(server.url).get("/de/berichte/?q=Ausfall")
        during = submit_interest(Client(server.url), "during@example.kr")
        time.sleep(1)
        own_postgres.ctl("start")
        up = time.monotonic()
        stored += [
            submit_interest(visitor, f"after{n}@example.kr", timeout=10)
            for n in range(2)
        ]
        time.sleep(2)

    timeline = [
        (round(s - down, 2), round(e - down, 2), st) for s, e, _, st, _ in load.results
    ]
    before = [status for start, end, _, status, _ in load.results if end < down]
    after = [status for start, end, _, status, _ in load.results if start > up]
    assert before and after, timeline
    assert set(before) == {200}, timeline
    # After the restart, not a single failed request (connection health checks).
    assert set(after) == {200}, timeline
    # While the database is away: a clear page, never an error trace.
    statuses = {status for *_, status, _ in load.results}
    assert statuses <= {200, 503}, server.log()[-6000:]
    assert 503 in statuses, timeline
    for answer in [*pages_down, uncached, during]:
        assert answer.status == 503
        assert answer.headers["Retry-After"] == "30"
    for text in [a.text for a in [*pages_down, uncached, during] if a.status == 503] + [
        text for *_, status, text in load.results if status == 503
    ]:
        assert UNAVAILABLE in text
        assert "Traceback" not in text

    # Every registration that was thanked for is stored.
    assert all(THANKS in answer.text for answer in stored)
    assert registered_emails(database_url) == [
        "before@example.kr",
        "after0@example.kr",
        "after1@example.kr",
    ]


def test_without_redis_pages_answer_and_registrations_are_stored(
    app_server, database, own_redis, tmp_path
):
    server = app_server(
        server_env(
            database_url=database,
            media_root=tmp_path / "media",
            REDIS_URL=own_redis["url"],
        ),
        workers=2,
    )
    staff = Client(server.url)
    staff.login()
    visitor = Client(server.url)
    assert THANKS in submit_interest(visitor, "with-redis@example.kr").text

    own_redis["process"].send_signal(signal.SIGKILL)
    own_redis["process"].wait(timeout=5)

    for path in PUBLIC_PAGES:
        for _ in range(3):  # every worker, cached or not
            page = visitor.get(path)
            assert page.status == 200, (path, page.text[:500])
    assert "Berichte" in visitor.get("/de/berichte/").text
    assert "BEGIN:VCALENDAR" in visitor.get("/de/termine/kalender.ics").text
    assert THANKS in submit_interest(visitor, "without-redis@example.kr").text
    # Sessions are in the database: staff stay logged in.
    assert ADMIN_USER in staff.get("/admin/").text

    assert registered_emails(database) == [
        "with-redis@example.kr",
        "without-redis@example.kr",
    ]
    # One line per outage and process (config.redis), not one per request.
    assert "Redis unavailable" in server.log()


class Inbox:
    def __init__(self):
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted"


def test_mail_server_gone_registrations_succeed_and_outbox_sends_each_mail_once(
    app_server, database, tmp_path
):
    inbox, port = Inbox(), free_port()
    env = server_env(
        database_url=database,
        media_root=tmp_path / "media",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DJANGO_INTEREST_RATE="1000/h",
    )
    server = app_server(env)
    visitor = Client(server.url)
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        sent_at_once = submit_interest(visitor, "first@example.kr")
    finally:
        smtp.stop()

    while_down = [submit_interest(visitor, f"later{n}@example.kr") for n in range(2)]

    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        run_manage("send_pending_mail", env=env, timeout=60)
        run_manage("send_pending_mail", env=env, timeout=60)  # cron runs again
    finally:
        smtp.stop()

    assert THANKS in sent_at_once.text
    assert "Wir haben Ihnen eine E-Mail" in sent_at_once.text
    for answer in while_down:
        assert THANKS in answer.text
        assert "konnten wir gerade nicht versenden" in answer.text
    expected = ["first@example.kr", "later0@example.kr", "later1@example.kr"]
    assert sorted(inbox.recipients) == expected
    assert registered_emails(database) == expected
