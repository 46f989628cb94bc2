"""Every writer keeps the public site true: the admin, its actions, the shell,
commands. Filters, search, feeds, sitemap and the page cache follow the data."""

import datetime
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Photo, Report, ReportSection
from events.views import ReportDetailView
from tests.admin_forms import as_post_data, form_fields
from tests.factories import (
    DelegationFactory,
    EventFactory,
    PartnerCityFactory,
    PhotoFactory,
    ProgrammeItemFactory,
    ReportFactory,
    ReportSectionFactory,
    TopicFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


def listed(client, **query) -> bool:
    """Whether the report list, filtered so, shows the report titled "Kanada"."""
    page = client.get(reverse("events:report_list"), query).content.decode()
    return "Stammtisch Kanada" in page


@pytest.fixture
def report():
    report = ReportFactory(title="Stammtisch Kanada", slug="stammtisch-kanada")
    event = EventFactory(country="CA")
    event.topics.add(TopicFactory(slug="robotik", name="Robotik"))
    event.partner_cities.add(PartnerCityFactory(slug="leeds", name="Leeds"))
    report.events.add(event)
    return report


# --- Derived data follows every write --------------------------------------


def test_deleting_an_event_takes_its_report_out_of_the_country_filter(client, report):
    assert listed(client, country="CA")

    report.events.get().delete()

    assert not listed(client, country="CA")
    assert listed(client)


def test_renaming_a_topic_or_city_slug_keeps_the_filter_finding_the_report(
    client, report
):
    topic = report.events.get().topics.get()
    city = report.events.get().partner_cities.get()

    topic.slug = "robotik-und-ki"
    topic.save()
    city.slug = "leeds-uk"
    city.save()

    assert listed(client, topic="robotik-und-ki")
    assert listed(client, partner_city="leeds-uk")


def test_links_changed_from_either_side_update_the_filters(client, report):
    event = report.events.get()
    topic = event.topics.get()
    assert listed(client, topic="robotik") and listed(client, country="CA")

    topic.events.remove(event)  # from the topic's side
    assert not listed(client, topic="robotik")

    event.reports.clear()  # from the event's side
    assert not listed(client, country="CA")


def test_a_delegation_s_partner_city_filters_its_reports(client):
    city = PartnerCityFactory(slug="novi-sad", name="Novi Sad")
    delegation = DelegationFactory()
    report = ReportFactory(title="Stammtisch Kanada")
    report.delegations.add(delegation)
    assert not listed(client, partner_city="novi-sad")

    delegation.partner_cities.add(city)

    assert listed(client, partner_city="novi-sad")


def test_search_text_follows_sections_written_in_the_shell(client, report):
    section = ReportSectionFactory(report=report, body="<p>Nanofabrikation</p>")
    assert listed(client, q="Nanofabrikation")

    section.delete()

    assert not listed(client, q="Nanofabrikation")


def test_a_section_rewritten_in_the_shell_shows_cleaned_and_is_found_at_once(
    client, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        section = ReportSectionFactory(report=report, body="<p>Erste Fassung</p>")
    assert "Erste Fassung" in client.get(report.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        ReportSection.objects.filter(pk=section.pk).update(
            body_de="<p>Zweite <script>alert(1)</script>Fassung</p>"
        )

    content = client.get(report.get_absolute_url()).content.decode()
    assert "<p>Zweite Fassung</p>" in content
    assert "Erste Fassung" not in content
    assert "alert(1)" not in content
    assert listed(client, q="Zweite")


def test_bulk_update_of_a_title_is_found_by_search(client, report):
    Report.objects.filter(pk=report.pk).update(lead_de="Quantencomputer im Fokus")

    assert listed(client, q="Quantencomputer")


def test_bulk_update_of_an_event_s_country_moves_its_reports(client, report):
    Event.objects.filter(reports=report).update(country="KR")

    assert listed(client, country="KR")
    assert not listed(client, country="CA")


# --- The page cache follows every committed write ---------------------------


def test_a_report_made_a_draft_in_the_shell_leaves_the_page_cache(
    client, settings, django_capture_on_commit_callbacks
):
    settings.HORIZONT_PAGE_CACHE_SECONDS = 60
    report = ReportFactory(title="Stammtisch Kanada")
    assert "Stammtisch Kanada" in client.get(reverse("events:home")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Report.objects.filter(pk=report.pk).update(status=Report.Status.DRAFT)

    assert (
        "Stammtisch Kanada" not in client.get(reverse("events:home")).content.decode()
    )
    assert client.get(report.get_absolute_url()).status_code == 404


def test_unpublishing_by_action_leaves_history_log_and_no_cached_page(
    client, settings, editor, django_capture_on_commit_callbacks
):
    settings.HORIZONT_PAGE_CACHE_SECONDS = 60
    report = ReportFactory(title="Stammtisch Kanada", slug="kanada")
    event = EventFactory(country="CA")
    report.events.add(event)
    feed_url = reverse("events:report_feed_rss")
    for url in (report.get_absolute_url(), feed_url, "/sitemap-reports.xml"):
        assert "kanada" in client.get(url).content.decode().lower()
    history_before = report.history.count()
    staff = type(client)()
    staff.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("admin:events_report_changelist"),
            {"action": "unpublish", "_selected_action": [report.pk]},
        )

    assert report.history.count() == history_before + 1
    assert report.history.first().status == Report.Status.DRAFT
    assert report.history.first().history_user == editor
    entry = LogEntry.objects.get(object_id=str(report.pk))
    assert entry.action_flag == CHANGE and entry.user == editor
    assert client.get(report.get_absolute_url()).status_code == 404
    assert feedparser.parse(client.get(feed_url).content).entries == []
    assert "kanada" not in client.get("/sitemap-reports.xml").content.decode()
    assert not listed(client, country="CA")


def test_apply_retention_leaves_the_public_site_as_it_was(client, report):
    before = client.get(reverse("events:report_list"), {"country": "CA"})

    call_command("apply_retention", verbosity=0)

    after = client.get(reverse("events:report_list"), {"country": "CA"})
    assert "Stammtisch Kanada" in before.content.decode()
    assert "Stammtisch Kanada" in after.content.decode()


def test_a_report_published_after_the_first_request_is_readable(client):
    first = ReportFactory()
    assert client.get(first.get_absolute_url()).status_code == 200
    # The view class was imported and served long before this report existed.
    assert ReportDetailView.queryset is None

    later = ReportFactory(title="Ganz frisch", publish_at=timezone.now())

    response = client.get(later.get_absolute_url())
    assert response.status_code == 200
    assert "Ganz frisch" in response.content.decode()


# --- Photos: files follow the rows, drafts stay private ----------------------


def stored(name: str) -> bool:
    from django.core.files.storage import default_storage

    return default_storage.exists(name)


def test_replacing_a_photo_removes_the_old_file_and_its_renditions(
    django_capture_on_commit_callbacks,
):
    photo = PhotoFactory()
    old = [photo.image.name, *(r["name"] for r in photo.renditions)]
    assert all(stored(name) for name in old) and len(old) > 1

    with django_capture_on_commit_callbacks(execute=True):
        photo.image = image_file("neu.jpg")
        photo.save()

    assert not any(stored(name) for name in old)
    assert stored(photo.image.name)
    assert photo.renditions and all(stored(r["name"]) for r in photo.renditions)


def test_deleting_a_report_removes_its_photo_files(
    django_capture_on_commit_callbacks,
):
    photo = PhotoFactory()
    names = [photo.image.name, *(r["name"] for r in photo.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        photo.report.delete()

    assert not any(stored(name) for name in names)


def test_a_draft_s_photos_are_hidden_until_it_is_published(client, editor):
    draft = ReportFactory(status=Report.Status.DRAFT)
    photo = PhotoFactory(report=draft)
    urls = [photo.src(800)["url"], f"/media/{photo.image.name}"]

    anonymous = [client.get(url).status_code for url in urls]
    staff = type(client)()
    staff.force_login(editor)
    for_staff = [staff.get(url) for url in urls]
    draft.status = Report.Status.PUBLISHED
    draft.save()
    published = [client.get(url) for url in urls]

    assert anonymous == [404, 404]
    assert [r.status_code for r in for_staff] == [200, 200]
    assert "no-store" in for_staff[0]["Cache-Control"]
    assert [r.status_code for r in published] == [200, 200]
    assert published[0]["Content-Type"] == "image/webp"
    assert published[0]["X-Content-Type-Options"] == "nosniff"
    assert "public" in published[0]["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/media/" + "a" * 300 + ".jpg", "/media/../config/settings.py"]
)
def test_odd_media_paths_are_404(client, path):
    assert client.get(path).status_code == 404


# --- The editor's own path through the admin ---------------------------------


def test_editor_corrects_a_published_report_with_photos_and_it_shows_at_once(
    client, editor
):
    report = ReportFactory(title="Stammtisch Kanada", title_en="Canada evening")
    ReportSectionFactory(report=report, body_de="<p>Ein Abend mit Gästen.</p>")
    first, second, third = PhotoFactory.create_batch(3, report=report)
    for order, photo in enumerate((first, second, third)):
        Photo.objects.filter(pk=photo.pk).update(order=order)
    client.force_login(editor)
    url = reverse("admin:events_report_change", args=[report.pk])
    data = as_post_data(form_fields(client.get(url).content.decode()))
    data["title_de"] = ["Stammtisch Kanada und USA"]
    data["sections-0-body_de"] = ["<p>Ein Abend mit vielen Gästen.</p>"]
    photo_index = {data[f"photos-{i}-id"][0]: i for i in range(3)}
    data[f"photos-{photo_index[str(first.pk)]}-DELETE"] = ["on"]
    data[f"photos-{photo_index[str(second.pk)]}-order"] = ["5"]
    data[f"photos-{photo_index[str(third.pk)]}-order"] = ["1"]

    response = client.post(url, {**data, "_save": ""})

    assert response.status_code == 302
    public = type(client)()
    german = public.get(report.get_absolute_url()).content.decode()
    with translation.override("en"):
        english = public.get(report.get_absolute_url()).content.decode()
    assert "Stammtisch Kanada und USA" in german
    assert "vielen Gästen" in german
    assert "Canada evening" in english
    assert list(report.photos.values_list("pk", flat=True)) == [third.pk, second.pk]
    assert german.index(third.src(800)["url"]) < german.index(second.src(800)["url"])
    assert first.image.name not in german


# --- English pages mark every German stand-in --------------------------------


def test_english_page_marks_each_german_field_and_names_the_parts(client):
    report = ReportFactory(title_en="Canada evening", lead_en="An evening.")
    ReportSectionFactory(
        report=report, heading_de="Rückblick", heading_en="", body_en=""
    )
    PhotoFactory(report=report, caption_en="", alt_text_en="Guests")
    delegation = DelegationFactory(title_en="Delegation from Korea")
    ProgrammeItemFactory(delegation=delegation, title_de="Werksbesuch", title_en="")
    report.delegations.add(delegation)

    with translation.override("en"):
        html = client.get(report.get_absolute_url()).content.decode()

    assert '<h2 lang="de">Rückblick</h2>' in html
    assert '<span lang="de">Gäste beim Empfang</span>' in html
    assert '<h3 lang="de">Werksbesuch</h3>' in html
    assert 'lang="de">An evening.' not in html
    note = html[html.index('class="fallback-note"') :].split("</p>")[0]
    assert "Sections" in note and "Captions" in note and "Programme" in note
    assert "Lead" not in note


def test_german_page_has_no_fallback_marks(client):
    report = ReportFactory(title_en="")
    ReportSectionFactory(report=report, heading_en="")

    html = client.get(report.get_absolute_url()).content.decode()

    assert 'lang="de">' not in html.split("<body", 1)[1]
    assert "fallback-note" not in html


# --- Smaller bugs, each with the test that found it --------------------------


def test_partner_city_timeline_shows_the_local_day_of_an_event(client):
    city = PartnerCityFactory(slug="amiens", name="Amiens")
    # 00:30 in Dortmund on 10 June is still 9 June in UTC.
    start = datetime.datetime(2024, 6, 9, 22, 30, tzinfo=datetime.UTC)
    event = EventFactory(start=start, date_precision="day", title="Empfang in Amiens")
    event.partner_cities.add(city)

    html = client.get(city.get_absolute_url()).content.decode()

    assert "10. Juni 2024" in html
    assert "9. Juni 2024" not in html


def test_sitemap_x_default_links_lead_to_pages(client):
    ReportFactory(slug="kanada")

    xml = client.get("/sitemap-reports.xml").content.decode()

    x_default = [
        part.split('href="', 1)[1].split('"', 1)[0]
        for part in xml.split("<xhtml:link")[1:]
        if 'hreflang="x-default"' in part
    ]
    assert x_default == ["http://testserver/de/berichte/kanada/"] * 2
    assert client.get(x_default[0]).status_code == 200


def test_calendar_uids_do_not_depend_on_the_host_or_the_fetch(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    EventFactory(start=timezone.now() + datetime.timedelta(days=3))
    url = reverse("events:calendar_ics")

    first = icalendar.Calendar.from_ical(client.get(url, HTTP_HOST="a.test").content)
    second = icalendar.Calendar.from_ical(client.get(url, HTTP_HOST="b.test").content)

    assert first["UID"] == second["UID"]
    assert [e["UID"] for e in first.walk("VEVENT")] == [
        e["UID"] for e in second.walk("VEVENT")
    ]
    assert "a.test" not in first.walk("VEVENT")[0]["UID"]


@pytest.mark.parametrize(
    "url",
    ["/de/interesse/?event=a%00b", "/de/berichte/?q=a%00b", "/de/berichte/?x%00=1"],
)
def test_nul_characters_in_the_query_get_400_not_500(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "Anfrage" in response.content.decode()


def test_trace_and_other_methods_are_refused(client):
    response = client.generic("TRACE", reverse("events:home"))

    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_make_run_s_site_url_follows_the_port():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(root),
            "PORT=8101",
            "--eval",
            "site-url:\n\t@echo $$DJANGO_SITE_URL",
            "site-url",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )

    assert result.stdout.strip() == "http://127.0.0.1:8101"


def test_load_demo_prints_the_admin_address_of_the_site(settings, capsys):
    settings.SITE_URL = "http://127.0.0.1:8101"
    settings.DEBUG = True  # demo logins exist only in development

    call_command("load_demo", "--with-users")

    assert "http://127.0.0.1:8101/admin/" in capsys.readouterr().out


def test_refresh_derived_repairs_what_a_data_migration_left(client, report):
    # A data migration writes through historical models: no signal is sent.
    from events.models import ReportFacet

    ReportFacet.objects.all().delete()
    Report.objects.filter(pk=report.pk).update(search_text_de="")
    assert not listed(client, country="CA")

    call_command("refresh_derived", verbosity=0)

    assert listed(client, country="CA")
    assert listed(client, q="Kanada")


def test_the_kept_filter_form_offers_a_country_once_a_report_is_about_it(
    client, report, django_capture_on_commit_callbacks
):
    url = reverse("events:report_list")
    assert '<option value="CA">Kanada</option>' in client.get(url).content.decode()
    assert '<option value="KR"' not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        korea = ReportFactory(title="Delegation aus Daejeon")
        korea.events.add(EventFactory(country="KR"))

    assert '<option value="KR">Südkorea</option>' in client.get(url).content.decode()
