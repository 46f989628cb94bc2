import io

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from PIL import Image

from events.models import Photo, Report
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PhotoFactory,
    ReportFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:contacts_topic_changelist",
    "admin:contacts_organisation_changelist",
    "admin:contacts_organisation_add",
    "admin:contacts_contact_changelist",
    "admin:delegations_partnercity_changelist",
    "admin:delegations_delegation_changelist",
    "admin:delegations_delegation_add",
    "admin:events_event_changelist",
    "admin:events_event_add",
    "admin:events_report_changelist",
    "admin:events_report_add",
]


@pytest.mark.parametrize("url_name", ADMIN_PAGES)
@pytest.mark.parametrize("role", ["editor", "manager"])
def test_admin_pages_open_for_staff(client, request, role, url_name):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert b'id="content"' in response.content


@pytest.mark.parametrize("url_name", ADMIN_PAGES)
def test_admin_pages_refuse_non_staff(client, django_user_model, url_name):
    client.force_login(django_user_model.objects.create_user("reader"))

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_report_changelist_queries_do_not_grow_with_rows(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    ReportFactory.create_batch(3)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("admin:events_report_changelist"))
    ReportFactory.create_batch(40)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admin:events_report_changelist"))

    assert response.context["cl"].result_count == 43


def report_form_data(**overrides):
    data = {
        "title_de": "Stammtisch Kanada",
        "title_en": "",
        "slug": "stammtisch-kanada",
        "lead_de": "Mehr als 20 Gäste.",
        "lead_en": "",
        "status": "draft",
        "publish_at_0": "2025-10-01",
        "publish_at_1": "10:00:00",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-order": "1",
        "sections-0-heading_de": "Einstieg",
        "sections-0-body_de": '<p>Text <script>alert(1)</script><a href="javascript:x">x</a></p>',
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-0-order": "1",
        "photos-0-caption_de": "Empfang",
        "photos-0-alt_text_de": "Gäste im Saal",
        "photos-0-credit": "WF DO / Jäger",
    }
    data.update(overrides)
    return data


def test_editor_saves_report_with_photo_and_sanitised_section(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:events_report_add"),
        report_form_data(**{"photos-0-image": image_file("empfang.jpg")}),
    )

    assert response.status_code == 302, response.context["errors"]
    report = Report.objects.get(slug="stammtisch-kanada")
    section = report.sections.get()
    assert "<script" not in section.body_de
    assert "javascript:" not in section.body_de
    photo = report.photos.get()
    assert photo.credit == "WF DO / Jäger"
    assert len(photo.renditions) >= 1
    assert "mehr als 20" in report.search_text_de.lower()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (io.BytesIO(b"%PDF-1.4 not an image"), "Bild"),
        (io.BytesIO(b"\x89PNG\r\n\x1a\n broken"), "Bild"),
    ],
)
def test_upload_that_is_not_an_image_gets_a_form_error_and_saves_nothing(
    client, editor, upload, message
):
    client.force_login(editor)
    upload.name = "photo.jpg"

    response = client.post(
        reverse("admin:events_report_add"),
        report_form_data(**{"photos-0-image": upload}),
    )

    assert response.status_code == 200
    assert message in str(response.context["inline_admin_formsets"][1].formset.errors)
    assert not Report.objects.exists()
    assert not Photo.objects.exists()


def test_uploaded_photo_loses_its_gps_position(client, editor):
    client.force_login(editor)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    upload = image_file("phone.jpg", exif=exif.tobytes())

    client.post(
        reverse("admin:events_report_add"),
        report_form_data(**{"photos-0-image": upload}),
    )

    photo = Photo.objects.get()
    with photo.image.open() as stored, Image.open(stored) as image:
        assert not image.getexif()


def test_publish_action_publishes_selected_reports(client, editor):
    client.force_login(editor)
    drafts = ReportFactory.create_batch(2, status=Report.Status.DRAFT)

    response = client.post(
        reverse("admin:events_report_changelist"),
        {"action": "publish", "_selected_action": [r.pk for r in drafts]},
        follow=True,
    )

    assert Report.objects.published().count() == 2
    assert "2 Berichte veröffentlicht" in response.content.decode()
    for report in drafts:
        assert report.history.first().status == Report.Status.PUBLISHED
        assert report.history.first().history_user == editor
    logged = LogEntry.objects.filter(user=editor, action_flag=CHANGE)
    assert sorted(int(e.object_id) for e in logged) == sorted(r.pk for r in drafts)
    public = type(client)().get(drafts[0].get_absolute_url())
    assert drafts[0].title in public.content.decode()


def test_staff_preview_shows_a_draft_the_public_cannot_see(client, editor):
    draft = ReportFactory(status=Report.Status.DRAFT, title="Geheimer Entwurf")
    PhotoFactory(report=draft)

    public = client.get(draft.get_absolute_url())
    client.force_login(editor)
    preview = client.get(reverse("admin:events_report_preview", args=[draft.pk, "de"]))

    assert public.status_code == 404
    assert "Geheimer Entwurf" in preview.content.decode()
    assert "Vorschau" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]


def test_staff_preview_shows_the_english_version_of_a_draft(client, editor):
    draft = ReportFactory(
        status=Report.Status.DRAFT, title_de="Geheimer Entwurf", title_en="Secret draft"
    )
    client.force_login(editor)

    english = client.get(reverse("admin:events_report_preview", args=[draft.pk, "en"]))
    german = client.get(reverse("admin:events_report_preview", args=[draft.pk, "de"]))

    assert "Secret draft" in english.content.decode()
    assert 'lang="en"' in english.content.decode()
    assert "Geheimer Entwurf" not in english.content.decode().split("<main")[-1]
    assert "Geheimer Entwurf" in german.content.decode()
    assert (
        client.get(
            reverse("admin:events_report_preview", args=[draft.pk, "fr"])
        ).status_code
        == 404
    )


def test_event_admin_autocomplete_finds_organisations(client, editor):
    client.force_login(editor)
    OrganisationFactory(name="Raith GmbH")
    EventFactory()

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Raith",
            "app_label": "events",
            "model_name": "event",
            "field_name": "venue",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Raith GmbH"]


def test_change_history_records_who_changed_a_report(client, editor):
    client.force_login(editor)
    report = ReportFactory(title="Alter Titel", slug="bericht")
    data = report_form_data(
        title_de="Neuer Titel",
        slug="bericht",
        **{"sections-TOTAL_FORMS": "0", "photos-TOTAL_FORMS": "0"},
    )

    client.post(reverse("admin:events_report_change", args=[report.pk]), data)
    history_page = client.get(reverse("admin:events_report_history", args=[report.pk]))

    latest = report.history.first()
    assert latest.title_de == "Neuer Titel"
    assert latest.history_user == editor
    assert "editor" in history_page.content.decode()


def test_admin_speaks_german_whatever_the_browser_prefers(client, editor):
    client.force_login(editor)

    response = client.get(
        reverse("admin:events_report_changelist"), HTTP_ACCEPT_LANGUAGE="en-GB,en"
    )

    assert "Bericht" in response.content.decode()
    assert 'lang="de"' in response.content.decode()


def test_report_filters_offer_only_countries_that_reports_are_about(client, editor):

    report = ReportFactory()
    report.events.add(EventFactory(country="KR"))
    client.force_login(editor)

    response = client.get(reverse("admin:events_report_changelist"), {"country": "KR"})

    content = response.content.decode()
    assert "Südkorea" in content
    assert "Afghanistan" not in content
    assert response.context["cl"].result_count == 1
