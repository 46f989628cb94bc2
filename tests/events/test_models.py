import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from events.models import Event, Report
from tests.factories import EventFactory, ReportFactory, ReportSectionFactory

pytestmark = pytest.mark.django_db


def test_published_includes_report_whose_date_has_come():
    report = ReportFactory(publish_at=timezone.now() - datetime.timedelta(minutes=1))

    assert list(Report.objects.published()) == [report]
    assert report.is_public()


def test_published_excludes_draft_even_with_past_date():
    draft = ReportFactory(status=Report.Status.DRAFT)

    assert not Report.objects.published().exists()
    assert not draft.is_public()


def test_published_excludes_report_scheduled_for_later():
    scheduled = ReportFactory(publish_at=timezone.now() + datetime.timedelta(hours=1))

    assert not Report.objects.published().exists()
    assert not scheduled.is_public()


def test_event_end_before_start_is_refused_by_the_database():
    start = timezone.now()

    with pytest.raises(IntegrityError):
        EventFactory(start=start, end=start - datetime.timedelta(hours=1))


def test_event_edition_zero_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        EventFactory(edition=0)


def test_event_upcoming_and_past_split_at_now():
    now = timezone.now()
    past = EventFactory(start=now - datetime.timedelta(days=2))
    running = EventFactory(
        start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1)
    )
    future = EventFactory(start=now + datetime.timedelta(days=3))

    assert list(Event.objects.upcoming()) == [running, future]
    assert list(Event.objects.past()) == [past]


def test_event_edition_label_reads_like_the_reports():
    event = EventFactory.build(series="Unternehmensfrühstück", edition=108)

    assert event.edition_label == "108. Unternehmensfrühstück"


def test_report_slug_is_unique():
    ReportFactory(slug="stammtisch")

    with pytest.raises(IntegrityError):
        ReportFactory(slug="stammtisch")


def test_a_section_keeps_its_page_text_cleaned_in_each_language_on_save():
    section = ReportSectionFactory(
        body_de='<p onclick="x()">Hallo<script>alert(1)</script></p>',
        body_en='<p>Hello <a href="javascript:alert(1)">there</a></p>',
    )

    section.refresh_from_db()

    assert section.body_html_de == "<p>Hallo</p>"
    assert section.body_html_en == '<p>Hello <a rel="noopener">there</a></p>'
