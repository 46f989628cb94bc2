"""The report page's lookup, compiled once per process (config.prepared): it
must still answer every request with that request's values."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config import prepared
from events.models import Report
from events.views import REPORT_BY_SLUG
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_the_page_follows_publication_with_the_sql_compiled_before(client):
    shown = ReportFactory(title="Wasserstoff aus Kanada", slug="wasserstoff")
    later = ReportFactory(
        slug="spaeter", publish_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert client.get("/de/berichte/wasserstoff/").status_code == 200

    assert client.get("/de/berichte/spaeter/").status_code == 404
    Report.objects.filter(pk=later.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert client.get("/de/berichte/spaeter/").status_code == 200
    Report.objects.filter(pk=shown.pk).update(status=Report.Status.DRAFT)
    assert client.get("/de/berichte/wasserstoff/").status_code == 404


def test_each_field_lands_on_its_own_attribute():
    report = ReportFactory(
        title_de="Titel",
        title_en="Title",
        lead_de="Vorspann",
        lead_en="Lead",
        slug="titel",
        slug_en="title",
    )

    (found,) = REPORT_BY_SLUG.instances(slug="title")

    assert (found.pk, found.slug, found.slug_en) == (report.pk, "titel", "title")
    assert (found.title_de, found.title_en) == ("Titel", "Title")
    assert (found.lead_de, found.lead_en) == ("Vorspann", "Lead")


def test_both_languages_find_the_report_by_either_slug(client):
    ReportFactory(slug="wasserstoff", slug_en="hydrogen")

    assert client.get("/en/reports/hydrogen/").status_code == 200
    english = client.get("/en/reports/wasserstoff/")
    assert (english.status_code, english["Location"]) == (301, "/en/reports/hydrogen/")
    german = client.get("/de/berichte/hydrogen/")
    assert (german.status_code, german["Location"]) == (
        301,
        "/de/berichte/wasserstoff/",
    )


def test_a_value_the_query_does_not_use_is_refused():
    unused = prepared.Prepared(
        Report,
        ("id",),
        lambda slug: Report.objects.all(),
        slug="\x00slug",
    )

    with pytest.raises(ValueError, match="slug"):
        unused.instances(slug="wasserstoff")


def test_a_report_past_its_unpublish_date_is_gone(client):
    report = ReportFactory(slug="abgelaufen")
    assert client.get("/de/berichte/abgelaufen/").status_code == 200

    Report.objects.filter(pk=report.pk).update(
        unpublish_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert client.get("/de/berichte/abgelaufen/").status_code == 404


def test_a_slug_two_reports_share_across_languages_names_this_languages_own(client):
    german = ReportFactory(title="Messe", slug="expo", slug_en="trade-fair")
    english = ReportFactory(title="Expo", slug="weltausstellung", slug_en="expo")

    assert client.get("/de/berichte/expo/").context["report"].pk == german.pk
    assert client.get("/en/reports/expo/").context["report"].pk == english.pk
    # Only a report the reader may see is a candidate.
    Report.objects.filter(pk=german.pk).update(status=Report.Status.DRAFT)
    answer = client.get("/de/berichte/expo/")
    assert (answer.status_code, answer["Location"]) == (
        301,
        "/de/berichte/weltausstellung/",
    )


def test_the_lookup_is_prepared_on_postgresql(client):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (CI runs them there)")
    ReportFactory(slug="wasserstoff")
    for _ in range(6):  # psycopg prepares on the connection's fifth run
        assert client.get("/de/berichte/wasserstoff/").status_code == 200

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE from_sql = false"
        )
        prepared_sql = [row[0] for row in cursor.fetchall()]

    assert any('"events_report"."slug_en" = $2' in sql for sql in prepared_sql)
    # Still counted as the page's one query, for tests and the bench.
    with CaptureQueriesContext(connection) as queries:
        client.get("/de/berichte/wasserstoff/")
    assert len(queries) == 1
