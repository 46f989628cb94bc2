"""Readers and feed readers revisit: pages answer 304 when nothing changed, and
English pages write dates the British way."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_page_answers_304_to_its_own_etag(client):
    ReportFactory(title="Bericht")
    first = client.get(reverse("events:report_list"))

    again = client.get(reverse("events:report_list"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_answers_200_to_an_old_etag(client):
    ReportFactory(title="Erster Bericht")
    first = client.get(reverse("events:report_list"))
    ReportFactory(title="Zweiter Bericht")

    again = client.get(reverse("events:report_list"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Zweiter Bericht" in again.content.decode()


def test_the_feed_answers_304_when_nothing_is_newer(client):
    ReportFactory()
    url = reverse("events:report_feed_rss")
    first = client.get(url)

    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_english_dates_are_british_and_german_dates_german(client):
    start = timezone.make_aware(datetime.datetime(2027, 2, 17, 18, 0))
    event = EventFactory(start=start, date_precision="day")

    german = client.get(event.get_absolute_url()).content.decode()
    with translation.override("en"):
        english = client.get(event.get_absolute_url()).content.decode()

    assert "17. Februar 2027" in german
    assert "17 February 2027" in english
    assert "Feb. 17, 2027" not in english and "February 17, 2027" not in english


def test_the_language_switch_keeps_filters_and_search(client):
    page = client.get(reverse("events:report_list"), {"q": "Korea", "country": "KR"})

    html = page.content.decode()

    assert 'href="http://testserver/en/reports/?q=Korea&amp;country=KR"' in html
    # The alternates for search engines stay the plain pages.
    assert 'hreflang="en" href="http://testserver/en/reports/"' in html


def test_machine_readable_times_carry_no_microseconds(client):
    report = ReportFactory(publish_at=timezone.now() - datetime.timedelta(seconds=5))

    html = client.get(report.get_absolute_url()).content.decode()

    stamp = html.split('<time datetime="', 1)[1].split('"', 1)[0]
    assert "." not in stamp
    datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z")
