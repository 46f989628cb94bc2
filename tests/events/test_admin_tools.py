"""The back-office's tools: copies, photos at once and reused, duplicates
warned, the dashboard, readable history, previews, scheduled going offline."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Organisation
from delegations.models import Delegation
from events.models import SECTION_EDITOR, Event, Photo, Report
from events.services import copy_with_children, photo_reuse
from tests.events.test_admin import report_form_data
from tests.factories import (
    ContactFactory,
    DelegationFactory,
    DelegationMemberFactory,
    EventFactory,
    InterestRegistrationFactory,
    OrganisationFactory,
    PhotoFactory,
    ProgrammeItemFactory,
    ReportFactory,
    TopicFactory,
    image_file,
)

pytestmark = pytest.mark.django_db


# --- Copies -------------------------------------------------------------------


def test_copy_of_a_delegation_brings_members_programme_and_links():
    delegation = DelegationFactory(slug="korea-2025")
    topic = TopicFactory()
    delegation.topics.add(topic)
    organiser = OrganisationFactory()
    delegation.organisations.add(organiser, through_defaults={"role": "organiser"})
    DelegationMemberFactory(delegation=delegation, label="Delegationsleitung")
    speaker = ContactFactory()
    stops = [ProgrammeItemFactory(delegation=delegation, order=n) for n in (1, 2)]
    stops[0].speakers.add(speaker)
    event = EventFactory(delegation=delegation)
    report = ReportFactory()
    report.delegations.add(delegation)

    copy = copy_with_children(delegation)

    assert copy.pk != delegation.pk
    assert copy.slug == "korea-2025-kopie"
    assert copy.title == delegation.title
    assert list(copy.topics.all()) == [topic]
    assert list(copy.organisations.all()) == [organiser]
    assert [m.label for m in copy.members.all()] == ["Delegationsleitung"]
    copied_stops = list(copy.stops.order_by("order"))
    assert [s.title for s in copied_stops] == [s.title for s in stops]
    assert {s.pk for s in copied_stops}.isdisjoint({s.pk for s in stops})
    assert list(copied_stops[0].speakers.all()) == [speaker]
    # What only points at the original stays with it.
    event.refresh_from_db()
    assert event.delegation == delegation
    assert not copy.reports.exists()
    # The original is untouched.
    assert delegation.stops.count() == 2
    assert copy_with_children(delegation).slug == "korea-2025-kopie-2"


def test_duplicate_action_copies_an_event_and_opens_the_copy(client, editor):
    event = EventFactory(slug="stammtisch-usa-2", edition=2)
    host = OrganisationFactory()
    event.organisations.add(host, through_defaults={"role": "host"})
    client.force_login(editor)

    response = client.post(
        reverse("admin:events_event_changelist"),
        {"action": "duplicate", "_selected_action": [event.pk]},
    )

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == reverse("admin:events_event_change", args=[copy.pk])
    assert copy.slug == "stammtisch-usa-2-kopie"
    assert list(copy.organisations.all()) == [host]
    assert copy.history.count() == 1
    assert LogEntry.objects.filter(object_id=str(copy.pk)).exists()


def test_delegation_form_offers_save_as_new(client, editor):
    delegation = DelegationFactory()
    client.force_login(editor)

    page = client.get(
        reverse("admin:delegations_delegation_change", args=[delegation.pk])
    )

    assert 'name="_saveasnew"' in page.content.decode()
    assert Delegation.objects.count() == 1


# --- Photos ---------------------------------------------------------------------


def test_several_photos_uploaded_at_once_become_rows_with_the_credit(client, editor):
    client.force_login(editor)
    files = [image_file(f"bild-{n}.jpg") for n in range(3)]

    response = client.post(
        reverse("admin:events_report_add"),
        report_form_data(
            **{
                "photos-TOTAL_FORMS": "0",
                "new_photos": files,
                "new_photos_credit": "WF DO / Jäger",
            }
        ),
    )

    report = Report.objects.get(slug="stammtisch-kanada")
    # Back to the form, where captions and alt texts are filled in.
    assert response["Location"] == reverse(
        "admin:events_report_change", args=[report.pk]
    )
    photos = list(report.photos.all())
    assert [p.order for p in photos] == [1, 2, 3]
    assert {p.credit for p in photos} == {"WF DO / Jäger"}
    assert all(p.renditions for p in photos)
    form = client.get(response["Location"]).content.decode()
    assert 'class="photo-thumbnail"' in form
    assert photos[0].renditions[0]["name"] in form


def test_a_file_that_is_no_image_is_named_in_the_message(client, editor):
    client.force_login(editor)
    not_image = ContentFile(b"%PDF-1.4 not an image", name="programm.pdf")

    response = client.post(
        reverse("admin:events_report_add"),
        report_form_data(
            **{
                "photos-TOTAL_FORMS": "0",
                "new_photos": [image_file("gut.jpg"), not_image],
                "new_photos_credit": "WF DO",
            }
        ),
    )

    errors = str(response.context["adminform"].form.errors["new_photos"])
    assert "programm.pdf" in errors
    assert "gut.jpg" not in errors
    assert not Report.objects.exists()
    assert not Photo.objects.exists()


def test_reused_photo_shares_the_file_which_stays_until_the_last_use_goes():
    photo = PhotoFactory()
    other = ReportFactory()

    reused = photo_reuse(photo, other)

    assert reused.report == other
    assert reused.image.name == photo.image.name
    assert reused.renditions == photo.renditions
    with django_capture_on_commit():
        photo.delete()
    assert default_storage.exists(reused.image.name)
    with django_capture_on_commit():
        reused.delete()
    assert not default_storage.exists(photo.image.name)


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_report_form_reuses_a_photo_of_another_report(client, editor):
    photo = PhotoFactory(caption="Empfang im Rathaus")
    client.force_login(editor)

    client.post(
        reverse("admin:events_report_add"),
        report_form_data(**{"photos-TOTAL_FORMS": "0", "reuse_photos": [photo.pk]}),
    )

    report = Report.objects.get(slug="stammtisch-kanada")
    assert [(p.image.name, p.caption) for p in report.photos.all()] == [
        (photo.image.name, "Empfang im Rathaus")
    ]


# --- Duplicates -------------------------------------------------------------------


def organisation_form(**overrides):
    data = {
        "name_de": "Universite d'Amiens",
        "name_en": "",
        "short_name": "",
        "slug": "uni-amiens",
        "kind": Organisation.Kind.UNIVERSITY,
        "country": "FR",
        "city": "Amiens",
        "website": "",
        "description_de": "",
        "description_en": "",
    }
    data.update(overrides)
    return data


def test_new_organisation_like_an_existing_one_shows_it_and_saves_when_confirmed(
    client, editor
):
    existing = OrganisationFactory(name="Université d’Amiens", slug="universite-amiens")
    client.force_login(editor)
    url = reverse("admin:contacts_organisation_add")

    warned = client.post(url, organisation_form())
    confirmed = client.post(url, organisation_form(confirm_duplicate="on"))

    page = warned.content.decode()
    assert "Einen ähnlichen Eintrag gibt es schon" in page
    assert reverse("admin:contacts_organisation_change", args=[existing.pk]) in page
    assert "Trotzdem anlegen" in page
    assert confirmed.status_code == 302
    assert Organisation.objects.count() == 2


def test_same_website_is_a_duplicate_whatever_the_name(client, editor):
    OrganisationFactory(name="IHK Dortmund", website="https://www.dortmund.ihk.de/")
    client.force_login(editor)

    warned = client.post(
        reverse("admin:contacts_organisation_add"),
        organisation_form(name_de="IHK zu Dortmund", website="http://dortmund.ihk.de"),
    )

    assert "IHK Dortmund" in warned.content.decode()
    assert Organisation.objects.count() == 1


def test_new_person_with_an_existing_email_is_warned(client, editor):
    ContactFactory(first_name="Mathis", last_name="Biermann", email="mb@example.org")
    client.force_login(editor)
    url = reverse("admin:contacts_contact_add")
    form = client.get(url).content.decode()
    assert "Trotzdem anlegen" in form

    warned = client.post(
        url,
        {
            "first_name": "M.",
            "last_name": "Bíermann",
            "slug": "m-biermann",
            "email": "MB@example.org",
        },
    )

    assert "Mathis Biermann" in warned.content.decode()
    assert Contact.objects.count() == 1


def test_change_form_of_an_organisation_has_no_duplicate_box(client, editor):
    organisation = OrganisationFactory()
    client.force_login(editor)

    page = client.get(
        reverse("admin:contacts_organisation_change", args=[organisation.pk])
    )

    assert "Trotzdem anlegen" not in page.content.decode()


# --- Dashboard --------------------------------------------------------------------


def test_dashboard_shows_work_in_progress(client, editor):
    draft = ReportFactory(status=Report.Status.DRAFT, title="Entwurf Leeds")
    scheduled = ReportFactory(
        title="Geplant Amiens", publish_at=timezone.now() + datetime.timedelta(days=3)
    )
    upcoming = EventFactory(
        title="Stammtisch Kanada",
        start=timezone.now() + datetime.timedelta(days=10),
    )
    untranslated = EventFactory(title_de="Nur deutsch", title_en="")
    client.force_login(editor)
    LogEntry.objects.log_actions(
        editor.pk, [draft], 2, change_message="Titel geändert", single_object=True
    )

    page = client.get(reverse("admin:index")).content.decode()

    assert draft.title in page
    assert scheduled.title in page
    assert upcoming.title in page
    assert untranslated.title in page
    assert "Letzte Änderungen" in page


def test_dashboard_shows_registrations_to_managers_only(client, editor, manager):
    registration = InterestRegistrationFactory(name="Erika Partnerin")
    registration.status = registration.Status.NEW
    registration.save()
    LogEntry.objects.log_actions(
        manager.pk, [registration], 2, change_message="", single_object=True
    )

    client.force_login(manager)
    for_manager = client.get(reverse("admin:index")).content.decode()
    client.force_login(editor)
    for_editor = client.get(reverse("admin:index")).content.decode()

    assert "Erika Partnerin" in for_manager
    assert "Neue Interessensbekundungen" in for_manager
    assert "Erika Partnerin" not in for_editor
    assert "Interessensbekundungen" not in for_editor.split("app-contacts")[0]


def test_dashboard_queries_do_not_grow_with_rows(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    client.get(reverse("admin:index"))
    with django_assert_max_num_queries(100) as few:
        client.get(reverse("admin:index"))
    for n in range(10):
        ReportFactory(status=Report.Status.DRAFT, title_en="")
        EventFactory(start=timezone.now() + datetime.timedelta(days=n + 1))
        DelegationFactory(title_en="")

    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        client.get(reverse("admin:index"))

    assert len(many.captured_queries) == len(few.captured_queries)


# --- History --------------------------------------------------------------------


def test_history_says_who_changed_what_without_none(client, editor):
    report = ReportFactory(title="Alter Titel")
    client.force_login(editor)
    report.title_de = "Neuer Titel"
    report._history_user = editor
    report.save()

    page = client.get(
        reverse("admin:events_report_history", args=[report.pk])
    ).content.decode()

    assert "None" not in page
    assert "Änderungen" in page
    assert "Alter Titel" in page and "Neuer Titel" in page
    assert "editor" in page
    assert "System (Import oder Befehl)" in page  # the first version, by a factory


def test_children_and_people_have_history():
    section_photo = PhotoFactory()
    member = DelegationMemberFactory()
    stop = ProgrammeItemFactory()
    organisation = OrganisationFactory()

    for record in (section_photo, member, stop, organisation, member.contact):
        assert record.history.count() == 1
    organisation.name_en = "English name"
    organisation.save()
    assert organisation.history.first().name_en == "English name"


# --- The editor, the forms ----------------------------------------------------------


def test_rich_text_editor_keeps_dotted_words_and_spellcheck():
    link = SECTION_EDITOR["extensions"]["Link"]

    assert link["autolink"] is False
    assert link["linkOnPaste"] is False
    assert SECTION_EDITOR["extensions"]["NoSpellCheck"] is False


def test_report_form_is_grouped_and_pairs_languages(client, editor):
    client.force_login(editor)

    page = client.get(reverse("admin:events_report_add")).content.decode()

    assert page.count("<details") >= 4
    assert "form-multiline" in page
    assert "admin_horizont/admin.css" in page
    assert "adminsortable2" in page


def test_delegation_countries_are_chosen_in_a_searchable_list(client, editor):
    client.force_login(editor)

    page = client.get(reverse("admin:delegations_delegation_add")).content.decode()

    assert "selectfilter" in page
    assert "SelectFilter2.js" in page


def test_report_goes_offline_when_its_time_comes():
    now = timezone.now()
    until_tomorrow = ReportFactory(unpublish_at=now + datetime.timedelta(days=1))
    gone = ReportFactory(unpublish_at=now - datetime.timedelta(seconds=1))

    assert until_tomorrow.is_public()
    assert not gone.is_public()
    assert list(Report.objects.published()) == [until_tomorrow]


WORD_HTML = (
    '<p class="MsoNormal" style="margin-bottom:0cm;mso-line-height-alt:12pt">'
    '<span style="font-family:Calibri;mso-fareast-language:DE">Gäste aus '
    "<b>Kanada</b></span><o:p></o:p></p>"
    '<p class=MsoListParagraph style="mso-list:l0 level1 lfo1">'
    '<span style="mso-list:Ignore">·<span style="font:7.0pt">&nbsp;</span></span>'
    "NRW.Global Business</p><!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->"
)


def test_text_pasted_from_a_word_processor_is_cleaned_on_save(client, editor):
    client.force_login(editor)

    client.post(
        reverse("admin:events_report_add"),
        report_form_data(
            **{"photos-TOTAL_FORMS": "0", "sections-0-body_de": WORD_HTML}
        ),
    )

    body = Report.objects.get(slug="stammtisch-kanada").sections.get().body_de
    # What is left is text in paragraphs (the editor itself turns <b> into
    # <strong> when pasting; the server keeps only what its buttons make).
    assert body.startswith("<p>Gäste aus Kanada</p>")
    for residue in ("mso", "style=", "class=", "<span", "o:p", "<xml", "<!--"):
        assert residue not in body
    assert "<a" not in body  # "NRW.Global" stays a word
