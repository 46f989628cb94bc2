import pytest
from django.urls import reverse
from django.utils import translation
from post_office.models import Email

from contacts.models import LegalPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "heading", "text"),
    [
        ("contacts:imprint", "<h1>Impressum</h1>", "Verantwortlich für den Inhalt"),
        ("contacts:privacy", "<h1>Datenschutzhinweis", "Wie lange speichern wir?"),
        (
            "contacts:accessibility",
            "<h1>Erklärung zur Barrierefreiheit</h1>",
            "Barrieren melden",
        ),
        ("contacts:easy_language", "<h1>Leichte Sprache</h1>", "Was ist Horizont?"),
        ("contacts:sign_language", "<h1>Gebärdensprache</h1>", "Inhalt der Videos"),
    ],
)
def test_legal_pages_exist_and_every_page_links_them(client, name, heading, text):
    page = client.get(reverse(name)).content.decode()
    home = client.get(reverse("events:home")).content.decode()
    report_list = client.get(reverse("events:report_list")).content.decode()

    assert heading in page
    assert text in page
    assert f'href="{reverse(name)}"' in home
    assert f'href="{reverse(name)}"' in report_list


@pytest.mark.parametrize(
    ("name", "path", "heading"),
    [
        ("contacts:easy_language", "/en/easy-read/", "<h1>Easy-to-read German</h1>"),
        ("contacts:sign_language", "/en/sign-language/", "<h1>Sign language</h1>"),
    ],
)
def test_accessible_pages_exist_in_english(client, name, path, heading):
    with translation.override("en"):
        url = reverse(name)

    page = client.get(url).content.decode()

    assert url == path
    assert heading in page
    assert "Placeholder" in page
    assert f'href="{path}"' in page


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
    InterestRegistrationFactory(email="nada@example.com", name="Grace Hopper")
    ContactFactory(email="ada@example.com", last_name="Lovelace")
    Email.objects.create(
        to=["ada@example.com"], subject="an Ada", from_email="team@example.org"
    )
    Email.objects.create(
        to=["nada@example.com"], subject="an Nada", from_email="team@example.org"
    )
    Email.objects.create(
        to=["team@example.org", "ADA@example.com"],
        subject="an beide",
        from_email="team@example.org",
    )
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
    assert list(Email.objects.values_list("subject", flat=True)) == ["an Nada"]


def test_editor_cannot_open_the_personal_data_tool(client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:contacts_interestregistration_personal_data"))

    assert response.status_code == 403
