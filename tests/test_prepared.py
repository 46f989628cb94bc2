"""The report page's lookup, compiled once per process (config.prepared): it
must still answer every request with that request's values."""

import datetime

import pytest
from django.utils import timezone

from config import prepared
from events.models import Report
from events.views import VISIBLE_REPORT
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

    (found,) = VISIBLE_REPORT.instances(now=timezone.now(), slug="title")

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
