import pytest
from django.urls import reverse

from contacts.models import LegalPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["contacts:imprint", "contacts:privacy", "contacts:accessibility"]
)
def test_legal_pages_exist_and_every_page_links_them(client, name):
    page = client.get(reverse(name))
    home = client.get(reverse("events:home")).content.decode()

    assert page.status_code == 200
    assert reverse(name) in home


def test_manager_edits_the_imprint_and_readers_see_it(client, manager):
    client.force_login(manager)
    imprint = LegalPage.objects.get(kind=LegalPage.Kind.IMPRINT)

    client.post(
        reverse("admin:contacts_legalpage_change", args=[imprint.pk]),
        {
            "kind": "imprint",
            "title_de": "Impressum",
            "title_en": "Imprint",
            "body_de": "<p>Grüne Straße 1, 44147 Dortmund<script>x()</script></p>",
            "body_en": "",
        },
    )
    client.logout()
    content = client.get(reverse("contacts:imprint")).content.decode()

    assert "Grüne Straße 1, 44147 Dortmund" in content
    assert "<script>x()" not in content


def test_editors_cannot_change_legal_pages(client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:contacts_legalpage_changelist"))

    assert response.status_code == 403


def test_privacy_statement_written_by_managers_is_part_of_the_recorded_version(client):
    from contacts.services import privacy_notice

    before = privacy_notice("de")
    LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY,
        title_de="Datenschutzerklärung",
        body_de="<p>Allgemeine Hinweise der Wirtschaftsförderung.</p>",
    )

    after = privacy_notice("de")

    assert after.version != before.version
    assert "Allgemeine Hinweise der Wirtschaftsförderung." in after.text


def test_manager_exports_and_erases_everything_about_an_address(client, manager):
    from tests.factories import ContactFactory, InterestRegistrationFactory

    InterestRegistrationFactory(email="ada@example.com", name="Ada Lovelace")
    InterestRegistrationFactory(email="other@example.com", name="Grace Hopper")
    ContactFactory(email="ada@example.com", last_name="Lovelace")
    client.force_login(manager)
    url = reverse("admin:contacts_interestregistration_personal_data")

    export = client.post(url, {"email": "ADA@example.com", "action": "export"})
    data = export.json()
    client.post(url, {"email": "ada@example.com", "action": "erase"})

    assert [r["name"] for r in data["interest_registrations"]] == ["Ada Lovelace"]
    assert data["contact_records"][0]["email"] == "ada@example.com"
    from contacts.models import Contact, InterestRegistration

    assert list(InterestRegistration.objects.values_list("name", flat=True)) == [
        "Grace Hopper"
    ]
    assert not Contact.objects.filter(email="ada@example.com").exists()


def test_editor_cannot_open_the_personal_data_tool(client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:contacts_interestregistration_personal_data"))

    assert response.status_code == 403
