import datetime
import re
from unittest import mock

import feedparser
import icalendar
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from config import fragments
from events.models import Event, Report
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PartnerCityFactory,
    PhotoFactory,
    ReportFactory,
    ReportSectionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def make_reports(count, **kwargs):
    """Published reports, each with a section, two photos and a covered event."""
    topic = TopicFactory(slug="robotik", name="Robotik")
    city = PartnerCityFactory(slug="leeds", name="Leeds", country="GB")
    host = OrganisationFactory()
    reports = []
    for _ in range(count):
        report = ReportFactory(**kwargs)
        ReportSectionFactory(report=report)
        PhotoFactory.create_batch(2, report=report)
        event = EventFactory(country="CA", focus_countries=["CA", "US"])
        event.topics.add(topic)
        event.partner_cities.add(city)
        event.organisations.add(host, through_defaults={"role": "host"})
        report.events.add(event)
        reports.append(report)
    return reports


def hidden_reports():
    draft = ReportFactory(status=Report.Status.DRAFT, title="Entwurf Geheimsache")
    scheduled = ReportFactory(
        title="Geplant Geheimsache",
        publish_at=timezone.now() + datetime.timedelta(days=2),
    )
    # Published, but scheduled to go offline, and that time has come.
    offline = ReportFactory(
        title="Abgelaufen Geheimsache",
        publish_at=timezone.now() - datetime.timedelta(days=9),
        unpublish_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    for report in (draft, scheduled, offline):
        event = EventFactory(country="CA")
        report.events.add(event)
    return [draft, scheduled, offline]


def query_count(client, url, django_assert_max_num_queries, *, warm=True):
    if warm:
        client.get(url)  # fills the fragment cache, as the first reader does
    with django_assert_max_num_queries(1000) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# --- Fixed number of queries, whatever the amount of data -----------------


# Pinned: a change that adds a query to a public page shows up here.
LIST_QUERIES = {
    # The next events' ids are kept per content version and minute.
    reverse("events:home"): 1,
    # The count of a filter's results is kept per content version and minute.
    reverse("events:report_list"): 1,
    reverse("events:report_list") + "?country=CA&topic=robotik&partner_city=leeds": 3,
    reverse("events:report_list") + "?q=Vorspann": 1,
    # The number of past events and the next events' ids are kept per content
    # version and minute.
    reverse("events:event_list"): 1,
    reverse("events:figures"): 27,
    reverse("events:figures") + "?year=2025&region=asia&direction=incoming": 27,
    reverse("events:calendar_ics"): 1,
    reverse("events:report_feed_rss"): 1,
    reverse("events:report_feed_atom"): 1,
    reverse("delegations:delegation_list"): 1,
    reverse("delegations:partnercity_list"): 2,
    reverse("contacts:organisation_list"): 2,
    "/sitemap.xml": 6,
    "/sitemap-reports.xml": 2,
    "/sitemap-events.xml": 2,
}


@pytest.mark.parametrize(("url", "queries"), LIST_QUERIES.items())
def test_list_pages_run_the_same_queries_for_1_and_50_rows(
    client, url, queries, django_assert_max_num_queries
):
    make_reports(1)
    one = query_count(client, url, django_assert_max_num_queries)
    make_reports(49)

    fifty = query_count(client, url, django_assert_max_num_queries)

    assert one == fifty == queries


def test_report_detail_runs_the_same_queries_for_1_and_50_photos_and_events(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    report = make_reports(1)[0]
    other = make_reports(1)[0]
    one = query_count(client, report.get_absolute_url(), django_assert_max_num_queries)
    # Committed, so that the page's cached body is stale, as after an edit.
    with django_capture_on_commit_callbacks(execute=True):
        PhotoFactory.create_batch(48, report=report)
        for event in EventFactory.create_batch(49, country="CA"):
            event.organisations.add(
                OrganisationFactory(), through_defaults={"role": "host"}
            )
            report.events.add(event)
        ReportSectionFactory.create_batch(20, report=report)
    del other

    fifty = query_count(
        client, report.get_absolute_url(), django_assert_max_num_queries
    )

    # The published check; body, related reports and cards come kept.
    assert one == fifty == 1
    content = client.get(report.get_absolute_url()).content.decode()
    assert content.count('<figure class="photo') == 50


@pytest.mark.parametrize(
    ("name", "queries"),
    [("event_detail", 7), ("organisation_detail", 7), ("partnercity_detail", 4)],
)
def test_detail_pages_run_the_same_queries_for_1_and_50_reports(
    client, name, queries, django_assert_max_num_queries
):
    make_reports(1)
    event = Event.objects.first()
    organisation = event.organisations.first()
    city = event.partner_cities.first()
    urls = {
        "event_detail": event.get_absolute_url(),
        "organisation_detail": organisation.get_absolute_url(),
        "partnercity_detail": city.get_absolute_url(),
    }
    one = query_count(client, urls[name], django_assert_max_num_queries)
    for report in make_reports(49):
        report.events.add(event)

    fifty = query_count(client, urls[name], django_assert_max_num_queries)

    assert one == fifty == queries


# Pinned as well: the first reader after a change renders the pieces that the
# others get from the fragment cache (config.fragments), still in a fixed
# number of queries.
COLD_QUERIES = {
    reverse("events:home"): 5,
    reverse("events:report_list"): 7,
    reverse("events:report_list") + "?q=Vorspann": 7,
    reverse("events:event_list"): 4,
}


@pytest.mark.parametrize(("url", "queries"), COLD_QUERIES.items())
def test_list_pages_with_nothing_cached_run_the_same_queries_for_1_and_50_rows(
    client, url, queries, django_assert_max_num_queries
):
    make_reports(1)
    cache.clear()
    one = query_count(client, url, django_assert_max_num_queries, warm=False)
    make_reports(49)
    cache.clear()

    fifty = query_count(client, url, django_assert_max_num_queries, warm=False)

    assert one == fifty == queries


def test_report_detail_with_nothing_cached_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    report = make_reports(2)[0]
    cache.clear()
    one = query_count(
        client, report.get_absolute_url(), django_assert_max_num_queries, warm=False
    )
    PhotoFactory.create_batch(48, report=report)
    for event in EventFactory.create_batch(49, country="CA"):
        event.organisations.add(
            OrganisationFactory(), through_defaults={"role": "host"}
        )
        report.events.add(event)
    cache.clear()

    fifty = query_count(
        client, report.get_absolute_url(), django_assert_max_num_queries, warm=False
    )

    assert one == fifty == 14


# --- Nothing unpublished is public anywhere ---------------------------------


def test_draft_and_scheduled_reports_are_404(client):
    for report in hidden_reports():
        assert client.get(report.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("events:home"),
        reverse("events:report_list"),
        reverse("events:report_list") + "?q=Geheimsache",
        reverse("events:report_list") + "?country=CA",
        reverse("events:report_feed_rss"),
        reverse("events:report_feed_atom"),
        "/sitemap-reports.xml",
    ],
)
def test_unpublished_reports_appear_on_no_public_surface(client, url):
    make_reports(1)
    hidden = hidden_reports()

    content = client.get(url).content.decode()

    for report in hidden:
        assert report.title not in content
        assert report.slug not in content


def test_unpublished_reports_appear_in_no_count_or_related_link(client):
    published = make_reports(2)
    hidden = hidden_reports()
    for report in hidden:
        report.events.add(*published[0].events.all())

    listing = client.get(reverse("events:report_list"))
    detail = client.get(published[0].get_absolute_url()).content.decode()
    event_page = client.get(
        published[0].events.first().get_absolute_url()
    ).content.decode()

    assert listing.context["page"].result_count == 2
    for report in hidden:
        assert report.title not in detail
        assert report.title not in event_page


# --- What readers see ---------------------------------------------------------


def test_report_detail_shows_gallery_with_caption_credit_and_sizes(client):
    report = make_reports(1)[0]

    content = client.get(report.get_absolute_url()).content.decode()

    assert report.title in content
    assert "Gäste beim Empfang" in content
    assert "WF DO / Test" in content
    photo = report.photos.first()
    assert f'srcset="{photo.srcset()}"' in content
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 640w"', content)
    assert f'width="{photo.src()["width"]}" height="{photo.src()["height"]}"' in content
    assert 'loading="lazy"' in content  # the second photo is below the fold


def test_report_detail_sanitises_markup_that_slipped_into_the_database(client):
    report = make_reports(1)[0]
    ReportSectionFactory(
        report=report, body='<p onclick="x()">Hallo<script>alert(1)</script></p>'
    )

    content = client.get(report.get_absolute_url()).content.decode()

    assert "<p>Hallo</p>" in content
    assert "alert(1)" not in content
    assert "onclick" not in content


def test_report_list_filters_combine_and_stay_in_pagination_links(client):
    make_reports(15)
    ReportFactory(title="Ohne Bezug")

    response = client.get(
        reverse("events:report_list"), {"country": "CA", "topic": "robotik"}
    )

    content = response.content.decode()
    assert response.context["page"].result_count == 15
    assert "Ohne Bezug" not in content
    assert (
        "country=CA" in content and "topic=robotik" in content and "older=" in content
    )


def test_a_report_covering_a_country_twice_is_listed_once(client):
    topic = TopicFactory(slug="robotik", name="Robotik")
    report = ReportFactory(title="Zweimal Kanada")
    for _ in range(2):  # two events in Canada, both on the topic
        event = EventFactory(country="CA", focus_countries=["CA"])
        event.topics.add(topic)
        report.events.add(event)

    for query in ({"country": "CA"}, {"country": "CA", "topic": "robotik"}):
        response = client.get(reverse("events:report_list"), query)
        assert response.context["page"].result_count == 1
        assert [row.pk for row in response.context["object_list"]] == [report.pk]
        assert response.content.decode().count("Zweimal Kanada") == 1


def test_report_list_filters_by_year(client):
    ReportFactory(
        title="Bericht von 2024",
        publish_at=timezone.make_aware(datetime.datetime(2024, 11, 19)),
    )
    ReportFactory(
        title="Bericht von 2025",
        publish_at=timezone.make_aware(datetime.datetime(2025, 3, 17)),
    )

    content = client.get(
        reverse("events:report_list"), {"year": "2024"}
    ).content.decode()

    assert "Bericht von 2024" in content
    assert "Bericht von 2025" not in content


def test_search_finds_words_in_section_text(client):

    report = make_reports(1)[0]
    ReportSectionFactory(report=report, body="<p>Nanofabrikation in Dortmund</p>")
    ReportFactory(title="Anderes Thema")

    response = client.get(reverse("events:report_list"), {"q": "Nanofabrikation"})

    assert [r.pk for r in response.context["object_list"]] == [report.pk]


def test_empty_results_say_so_and_offer_to_clear_filters(client):
    make_reports(1)

    content = client.get(
        reverse("events:report_list"), {"q": "zzzqqq"}
    ).content.decode()

    assert "Keine Berichte gefunden" in content
    assert "Alle Filter entfernen" in content


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"country": "XX"},
        {"topic": "gibts-nicht"},
        {"q": "x" * 5000},
    ],
)
def test_bad_filter_input_gets_a_page_that_says_nothing_matched(client, query):
    make_reports(1)

    response = client.get(reverse("events:report_list"), query)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Keine Berichte gefunden" in content
    assert "Alle Filter entfernen" in content


@pytest.mark.parametrize("cursor", ["older", "newer"])
def test_a_broken_page_cursor_shows_the_first_page(client, cursor):
    report = make_reports(1)[0]

    response = client.get(reverse("events:report_list"), {cursor: "kaputt|x"})

    assert response.status_code == 200
    assert [r.pk for r in response.context["object_list"]] == [report.pk]


def test_event_detail_offers_calendar_and_registration_when_open(client):
    event = EventFactory(
        start=timezone.now() + datetime.timedelta(days=20), open_for_registration=True
    )

    content = client.get(event.get_absolute_url()).content.decode()

    assert reverse("events:event_ics", args=[event.slug]) in content
    assert f"?event={event.slug}" in content


# --- Feeds, calendar, sitemap, robots ------------------------------------


def test_rss_and_atom_feeds_parse_and_list_published_reports(client):
    reports = make_reports(3)

    for name in ("events:report_feed_rss", "events:report_feed_atom"):
        feed = feedparser.parse(client.get(reverse(name)).content)
        assert not feed.bozo, feed.bozo_exception
        assert {entry.title for entry in feed.entries} == {r.title for r in reports}


def test_calendar_lists_upcoming_events_and_parses(client):
    upcoming = EventFactory(
        title="3. Stammtisch USA/Kanada",
        start=timezone.now() + datetime.timedelta(days=9),
    )
    EventFactory(title="Vergangen", start=timezone.now() - datetime.timedelta(days=9))

    response = client.get(reverse("events:calendar_ics"))

    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert response["Content-Type"].startswith("text/calendar")
    assert summaries == [upcoming.title]


def test_event_ics_of_an_all_day_event_has_dates_and_exclusive_end(client):
    event = EventFactory(
        start=timezone.make_aware(datetime.datetime(2025, 11, 26)),
        end=timezone.make_aware(datetime.datetime(2025, 11, 27)),
        date_precision="day",
    )

    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("events:event_ics", args=[event.slug])).content
    )

    vevent = calendar.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == datetime.date(2025, 11, 26)
    assert vevent.decoded("DTEND") == datetime.date(2025, 11, 28)


def test_sitemap_index_leads_to_reports_in_both_languages(client):
    report = make_reports(1)[0]

    index = client.get("/sitemap.xml").content.decode()
    content = client.get("/sitemap-reports.xml").content.decode()

    assert "http://testserver/sitemap-reports.xml" in index

    assert f"/de/berichte/{report.slug}/" in content
    assert 'hreflang="en"' in content


def test_robots_points_to_the_sitemap(client):
    content = client.get("/robots.txt").content.decode()

    assert "Sitemap: http://testserver/sitemap.xml" in content
    assert "Disallow: /admin/" in content


def test_pages_carry_canonical_and_open_graph_tags(client):
    report = make_reports(1)[0]

    content = client.get(report.get_absolute_url()).content.decode()

    assert (
        f'<link rel="canonical" href="http://testserver{report.get_absolute_url()}">'
        in content
    )
    assert f'<meta property="og:title" content="{report.title}">' in content
    assert '<meta property="og:image"' in content


def test_unknown_page_gets_the_sites_404(client):
    response = client.get("/de/gibt-es-nicht/")

    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


def test_keyset_pages_walk_through_every_report_once_in_both_directions(client):
    reports = make_reports(30)
    url = reverse("events:report_list")
    seen, cursors, response = [], [], client.get(url)
    while True:
        page = response.context["page"]
        seen += [r.pk for r in page.items]
        cursors.append(page)
        if not page.older:
            break
        response = client.get(url, {"older": page.older})

    back = client.get(url, {"newer": cursors[-1].newer}).context["page"]

    expected = sorted(reports, key=lambda r: (r.publish_at, r.pk), reverse=True)
    assert seen == [r.pk for r in expected]
    assert [r.pk for r in back.items] == [r.pk for r in cursors[-2].items]


def test_sitemap_pages_list_every_report_in_every_language_once(client, settings):
    from events.sitemaps import ReportSitemap

    reports = make_reports(7)
    ReportSitemap.limit = 3
    try:
        urls = []
        for page in range(1, 6):
            response = client.get("/sitemap-reports.xml", {"p": page})
            if response.status_code != 200:
                break
            urls += re.findall(r"<loc>(.*?)</loc>", response.content.decode())
    finally:
        ReportSitemap.limit = 2000

    expected = {
        f"http://testserver/{language}/{words}/{report.slug}/"
        for report in reports
        for language, words in (("de", "berichte"), ("en", "reports"))
    }
    assert len(urls) == 14
    assert set(urls) == expected


def test_the_kept_count_of_reports_follows_a_committed_report(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_reports(2)
    assert "2 Berichte" in client.get("/de/berichte/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_reports(1)
    assert "3 Berichte" in client.get("/de/berichte/").content.decode()


def test_related_reports_follow_a_committed_report_on_the_same_topic(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_reports(1)[0]
    assert (
        "Weitere Berichte zum Thema"
        not in client.get(first.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = make_reports(1, title="Roboter in Daejeon")[0]
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Weitere Berichte zum Thema" in page
    assert second.get_absolute_url() in page


def test_the_kept_number_of_past_events_follows_a_new_event(
    client, django_capture_on_commit_callbacks
):
    EventFactory.create_batch(20)
    url = reverse("events:event_list")
    assert client.get(url + "?page=2").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title="Stammtisch Toronto")

    assert client.get(url + "?page=2").status_code == 200


def test_the_home_pages_partner_cities_follow_a_new_city(
    client, django_capture_on_commit_callbacks
):
    PartnerCityFactory(name="Leeds", slug="leeds", country="GB")
    assert ">Netanya</a>" not in client.get(reverse("events:home")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        PartnerCityFactory(name="Netanya", slug="netanya", country="IL")

    page = client.get(reverse("events:home")).content.decode()
    assert "Leeds" in page
    assert ">Netanya</a>" in page


def test_the_kept_next_events_follow_a_new_event(
    client, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(days=3)
    EventFactory(title="Stammtisch Leeds", start=soon)
    for url in (reverse("events:home"), reverse("events:event_list")):
        assert "Stammtisch Leeds" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(title="Networking-Lunch Toronto", start=soon)

    for url in (reverse("events:home"), reverse("events:event_list")):
        assert "Networking-Lunch Toronto" in client.get(url).content.decode()


def test_every_search_term_and_stray_parameter_shares_one_kept_filter_form(client):
    url, keys = reverse("events:report_list"), []

    def key(version, kind, *parts):
        made = real_key(version, kind, *parts)
        if kind == "report-filters":
            keys.append(made)
        return made

    real_key = fragments.key
    with mock.patch.object(fragments, "key", key):
        client.get(url, {"q": "Kanada"})
        first = client.get(url, {"q": '"><script>x</script>'}).content.decode()
        client.get(url, {"q": "Leeds", "utm_source": "newsletter"})

    assert len(keys) == 3 and len(set(keys)) == 1
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in first
    assert "<script>x</script>" not in first
