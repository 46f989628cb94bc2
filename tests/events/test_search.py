"""Full-text search on PostgreSQL: stemming per language and the GIN index."""

import importlib

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from events.filters import search_reports
from events.models import Report
from tests.factories import ReportFactory, ReportSectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "stemming and GIN indexes are PostgreSQL features (CI runs them there)"
        )


def searchable(**kwargs):
    report = ReportFactory(**kwargs)
    return report


def found(client, language, query):
    with translation.override(language):
        url = reverse("events:report_list")
    response = client.get(url, {"q": query})
    # The list reads only ids and dates; the cards come rendered.
    ids = [row.pk for row in response.context["object_list"]]
    return set(Report.objects.filter(pk__in=ids).values_list("slug", flat=True))


def test_german_search_stems_plural_to_singular(client):
    searchable(slug="korea", title="Besuch einer Delegation aus Südkorea")
    searchable(slug="lunch", title="Networking-Lunch")

    assert found(client, "de", "Delegationen") == {"korea"}


def test_english_search_uses_the_english_dictionary(client):
    report = ReportFactory(
        slug="korea", title="Besuch", title_en="South Korean delegations visit Dortmund"
    )
    ReportSectionFactory(report=report, body_en="<p>Researchers visited factories.</p>")

    assert found(client, "en", "delegation") == {"korea"}
    assert found(client, "en", "factory") == {"korea"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_search_plan_uses_the_gin_index_of_the_language(language):
    searchable(title="Delegation")
    with connection.cursor() as cursor, translation.override(language):
        cursor.execute("SET enable_seqscan = off")
        plan = search_reports(Report.objects.all(), "Delegation").explain()
        cursor.execute("SET enable_seqscan = on")

    assert f"report_search_vector_{language}_gin" in plan


def vector_compression(report, language="de"):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_column_compression(search_vector_{language}) "  # noqa: S608
            "FROM events_report WHERE id = %s",
            [report.pk],
        )
        return cursor.fetchone()[0]


def long_report(**kwargs):
    """A report whose vector is large enough to be stored compressed (and
    compresses with pglz too, which gives up on many vectors)."""
    report = ReportFactory(**kwargs)
    words = " ".join(chr(97 + n % 26) * 8 + str(n // 26) for n in range(1500))
    ReportSectionFactory(
        report=report, body=f"<p>{words}</p>", body_en=f"<p>{words}</p>"
    )
    return report


def test_search_vectors_are_stored_with_lz4(client):
    report = long_report(slug="messe", title="Wasserstoff auf der Messe")

    # pglz took most of a search's time at 100,000 reports (migration 0021).
    assert vector_compression(report, "de") == "lz4"
    assert vector_compression(report, "en") == "lz4"
    assert found(client, "de", "Wasserstoff") == {"messe"}


def test_migration_writes_vectors_stored_before_it_with_lz4():
    migration = importlib.import_module("events.migrations.0021_search_vector_lz4")
    with connection.schema_editor() as editor:
        migration.set_compression(editor, "pglz")
    report = long_report(slug="messe", title="Wasserstoff")
    assert vector_compression(report) == "pglz"
    with connection.cursor() as cursor:  # as if committed: ALTER TABLE may run
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    with connection.schema_editor() as editor:
        migration.to_lz4(None, editor)

    assert vector_compression(report) == "lz4"
    report.refresh_from_db()
    assert report.title == "Wasserstoff"
