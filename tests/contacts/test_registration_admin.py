import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from contacts.models import InterestRegistration
from tests.factories import EventFactory, InterestRegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:contacts_interestregistration_changelist"


def change_url(registration):
    return reverse("admin:contacts_interestregistration_change", args=[registration.pk])


def run_action(client, action, registrations):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [item.pk for item in registrations]},
    )


def test_only_management_holds_the_registration_permissions():
    management = Group.objects.get(name="Management").permissions
    editors = Group.objects.get(name="Redaktion").permissions

    assert set(
        management.filter(codename__endswith="interestregistration").values_list(
            "codename", flat=True
        )
    ) == {
        "view_interestregistration",
        "change_interestregistration",
        "delete_interestregistration",
    }
    assert not editors.filter(codename__endswith="interestregistration").exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    registration = InterestRegistrationFactory()

    for url in (reverse(CHANGELIST), change_url(registration)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_editors_see_no_registrations_anywhere(client, editor):
    registration = InterestRegistrationFactory(name="Geheime Person")
    client.force_login(editor)

    index = client.get(reverse("admin:index")).content.decode()
    changelist = client.get(reverse(CHANGELIST))
    change = client.get(change_url(registration))
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "contacts",
            "model_name": "interestregistration",
            "field_name": "topics",
            "term": "Geheim",
        },
    )

    assert "Interessensbekundungen" not in index
    assert changelist.status_code == 403
    assert change.status_code == 403
    assert "Geheime Person" not in autocomplete.content.decode()


def test_editors_cannot_reach_registrations_through_related_lookups(client, editor):
    topic = TopicFactory()
    InterestRegistrationFactory(name="Geheime Person", topics=[topic])
    client.force_login(editor)

    response = client.get(
        reverse("admin:contacts_topic_changelist"),
        {"interest_registrations__name__startswith": "Geheim"},
    )

    assert response.status_code in (302, 400)
    assert "Geheime Person" not in response.content.decode()


def test_manager_finds_registrations_in_the_inbox(
    client, manager, django_assert_max_num_queries
):
    event = EventFactory(title="Stammtisch Korea")
    InterestRegistrationFactory(name="Ji-woo Park", event=event)
    InterestRegistrationFactory.create_batch(5, name="Andere Person", event=event)
    client.force_login(manager)

    with django_assert_max_num_queries(15):
        response = client.get(reverse(CHANGELIST))

    content = response.content.decode()
    assert "Ji-woo Park" in content
    assert "Stammtisch Korea" in content
    assert "Ausgewählte als CSV exportieren" in content


def test_manager_filters_and_searches(client, manager):
    InterestRegistrationFactory(name="Neue Anfrage")
    InterestRegistrationFactory(name="Alte Anfrage", status="done")
    client.force_login(manager)

    filtered = client.get(
        reverse(CHANGELIST), {"status__exact": "new"}
    ).content.decode()
    searched = client.get(reverse(CHANGELIST), {"q": "Alte"}).content.decode()

    assert "Neue Anfrage" in filtered and "Alte Anfrage" not in filtered
    assert "Alte Anfrage" in searched and "Neue Anfrage" not in searched


def test_superuser_sees_the_inbox(client, admin_user):
    InterestRegistrationFactory(name="Ji-woo Park")
    client.force_login(admin_user)

    response = client.get(reverse(CHANGELIST))

    assert "Ji-woo Park" in response.content.decode()


def test_manager_notes_and_status_record_who_handled_it(client, manager):
    registration = InterestRegistrationFactory()
    client.force_login(manager)

    response = client.post(
        change_url(registration),
        {"status": "in_progress", "notes": "Rückruf am Montag", "name": "Ersetzt"},
    )

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == "in_progress"
    assert registration.notes == "Rückruf am Montag"
    assert registration.handled_by == manager
    assert registration.name == "Ji-woo Park"


def test_change_page_shows_the_registration(client, manager):
    topic = TopicFactory(name="Wasserstoff")
    registration = InterestRegistrationFactory(
        countries=["FR", "KR"], topics=[topic], phone="+82212345678"
    )
    client.force_login(manager)

    content = client.get(change_url(registration)).content.decode()

    assert "Ji-woo Park" in content
    assert "Wasserstoff" in content
    assert "Frankreich" in content
    assert "Datenschutzhinweis (Test)" in content


def test_bulk_status_actions_skip_unconfirmed_ones(client, manager):
    confirmed = InterestRegistrationFactory()
    unconfirmed = InterestRegistrationFactory(status="unconfirmed", confirmed_at=None)
    client.force_login(manager)

    response = run_action(client, "mark_done", [confirmed, unconfirmed])

    confirmed.refresh_from_db()
    unconfirmed.refresh_from_db()
    assert response.status_code == 302
    assert confirmed.status == "done"
    assert confirmed.handled_by == manager
    assert unconfirmed.status == "unconfirmed"


def test_editor_cannot_run_actions(client, editor):
    registration = InterestRegistrationFactory()
    client.force_login(editor)

    response = run_action(client, "mark_spam", [registration])

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.status == "new"


def test_csv_export_opens_in_excel(client, manager):
    topic = TopicFactory(name="Robotik")
    registration = InterestRegistrationFactory(
        name='=HYPERLINK("http://evil.example")',
        organisation="Müller; Söhne",
        phone="+4923112345",
        countries=["FR"],
        topics=[topic],
        created_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 14, 30)),
    )
    other = InterestRegistrationFactory(name="Nicht ausgewählt")
    client.force_login(manager)

    response = run_action(client, "export_csv", [registration])

    body = response.content
    text = body.decode("utf-8")
    lines = text.splitlines()
    assert body.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert lines[0].lstrip("\ufeff").startswith("ID;Eingegangen;Status;Name;")
    assert len(lines) == 2
    assert "05.03.2026 14:30" in lines[1]
    assert '"Müller; Söhne"' in lines[1]
    assert "'=HYPERLINK" in lines[1]
    assert "'+49 231 12345" in lines[1]
    assert "Frankreich" in lines[1] and "Robotik" in lines[1]
    assert other.name not in text


def test_anonymise_action_drops_the_person_and_keeps_the_statistics(
    client, manager, interest_url, form_data
):
    client.post(interest_url, form_data(), REMOTE_ADDR="192.0.2.1")
    registration = InterestRegistration.objects.get()
    client.force_login(manager)

    run_action(client, "anonymise", [registration])

    registration.refresh_from_db()
    assert registration.name == registration.email == registration.organisation == ""
    assert registration.message == "" and not registration.phone
    assert registration.anonymised_at is not None
    assert registration.country.code == "KR"
    assert [topic.name for topic in registration.topics.all()] == ["Robotik"]
    assert not Email.objects.exists()
    changelist = client.get(reverse(CHANGELIST)).content.decode()
    assert "(anonymisiert)" in changelist


def test_deleting_a_registration_also_deletes_its_mails(
    client, manager, interest_url, form_data
):
    client.post(interest_url, form_data())
    registration = InterestRegistration.objects.get()
    client.force_login(manager)

    client.post(
        reverse("admin:contacts_interestregistration_delete", args=[registration.pk]),
        {"post": "yes"},
    )

    assert not InterestRegistration.objects.exists()
    assert not Email.objects.exists()


def test_anonymising_takes_the_person_out_of_the_admin_log_and_home_page(
    client, manager
):
    registration = InterestRegistrationFactory(
        name="Ada Lovelace", organisation="Analytical Engines Ltd"
    )
    client.force_login(manager)
    client.post(change_url(registration), {"status": "in_progress", "notes": "Ada"})
    before = client.get(reverse("admin:index")).content.decode()

    run_action(client, "anonymise", [registration])

    home = client.get(reverse("admin:index")).content.decode()
    entry = LogEntry.objects.get(object_id=str(registration.pk))
    assert "Ada Lovelace" in before
    assert "Ada Lovelace" not in home
    assert "Analytical Engines" not in home
    assert f"Anonymisierte Bekundung {registration.pk}" in home
    assert "Ada" not in entry.object_repr
    assert entry.get_change_message() == "Status und Interne Notizen geändert."
    assert entry.user == manager


def test_erasing_an_address_takes_it_out_of_the_admin_log(client, manager):
    registration = InterestRegistrationFactory(
        name="Ada Lovelace", email="ada@example.com"
    )
    client.force_login(manager)
    client.post(change_url(registration), {"status": "done", "notes": ""}, follow=True)

    client.post(
        reverse("admin:contacts_interestregistration_personal_data"),
        {"email": "ada@example.com", "action": "erase"},
    )

    home = client.get(reverse("admin:index")).content.decode()
    assert not InterestRegistration.objects.exists()
    assert "Ada Lovelace" not in home
    assert not LogEntry.objects.filter(object_repr__contains="Ada").exists()


def test_registration_keeps_the_checkbox_wording_and_notice_version(
    client, manager, interest_url, form_data
):
    client.post(interest_url, form_data())
    registration = InterestRegistration.objects.get()
    client.force_login(manager)

    content = client.get(change_url(registration)).content.decode()

    assert registration.consent_text.startswith(
        "Ich habe den Datenschutzhinweis gelesen und bin einverstanden"
    )
    assert registration.privacy_notice_version.startswith("de-")
    assert registration.consent_text in content
    assert registration.privacy_notice_version in content


def test_english_registration_keeps_the_english_checkbox_wording(form_data):
    from django.test import Client
    from django.utils import translation

    with translation.override("en"):
        url = reverse("contacts:interest")
    browser = Client()
    from tests.contacts.conftest import handed_out

    browser.post(url, form_data(started=handed_out(browser)))

    assert InterestRegistration.objects.get().consent_text.startswith(
        "I have read the privacy notice"
    )
