"""A registration records the report page the form was opened from."""

import pytest
from django.urls import reverse

from contacts.models import InterestRegistration
from contacts.retention import registrations_anonymise
from events.models import Report
from tests.factories import InterestRegistrationFactory, ReportFactory

pytestmark = pytest.mark.django_db


def register_from(client, interest_url, form_data, report_slug):
    url = f"{interest_url}?report={report_slug}"
    page = client.get(url)
    response = client.post(url, form_data())
    return page, response


def test_report_page_links_to_the_form_with_its_slug(client, interest_url):
    report = ReportFactory(slug="dortmund-in-korea")

    html = client.get(report.get_absolute_url()).content.decode()

    assert f'href="{interest_url}?report=dortmund-in-korea"' in html


def test_registration_started_from_a_report_page_records_the_report(
    client, interest_url, form_data
):
    report = ReportFactory(slug="dortmund-in-korea")

    page, response = register_from(client, interest_url, form_data, report.slug)

    assert 'action="/de/interesse/?report=dortmund-in-korea"' in page.content.decode()
    assert response["Location"] == reverse("contacts:interest_thanks")
    assert InterestRegistration.objects.get().source_report == report


def test_the_english_slug_of_a_report_counts_too(client, interest_url, form_data):
    report = ReportFactory(title_de="Ärzte", title_en="Doctors", slug="")

    register_from(client, interest_url, form_data, report.slug_en)

    assert InterestRegistration.objects.get().source_report == report


@pytest.mark.parametrize("slug", ["gibt-es-nicht", "nope'%20OR%201=1", "x" * 500])
def test_an_unknown_report_is_ignored(client, interest_url, form_data, slug):
    ReportFactory(slug="dortmund-in-korea")

    page, response = register_from(client, interest_url, form_data, slug)

    assert page.status_code == 200
    assert response["Location"] == reverse("contacts:interest_thanks")
    assert InterestRegistration.objects.get().source_report is None


def test_a_draft_report_is_ignored(client, interest_url, form_data):
    ReportFactory(slug="entwurf", status=Report.Status.DRAFT)

    register_from(client, interest_url, form_data, "entwurf")

    assert InterestRegistration.objects.get().source_report is None


def test_admin_shows_the_source_report_as_a_link(client, manager):
    report = ReportFactory(title="Dortmund in Korea")
    registration = InterestRegistrationFactory(source_report=report)
    client.force_login(manager)

    change = client.get(
        reverse("admin:contacts_interestregistration_change", args=[registration.pk])
    ).content.decode()
    changelist = client.get(
        reverse("admin:contacts_interestregistration_changelist")
    ).content.decode()

    report_admin = reverse("admin:events_report_change", args=[report.pk])
    assert f'<a href="{report_admin}">Dortmund in Korea</a>' in change
    assert f"source_report__id__exact={report.pk}" in changelist


def test_csv_export_names_the_source_report(client, manager):
    report = ReportFactory(title="Dortmund in Korea")
    registration = InterestRegistrationFactory(source_report=report)
    client.force_login(manager)

    response = client.post(
        reverse("admin:contacts_interestregistration_changelist"),
        {"action": "export_csv", "_selected_action": [registration.pk]},
    )

    header, row = response.content.decode("utf-8-sig").splitlines()
    assert "Gekommen über den Bericht" in header.split(";")
    assert "Dortmund in Korea" in row.split(";")


def test_anonymising_keeps_the_source_report():
    report = ReportFactory()
    registration = InterestRegistrationFactory(source_report=report)

    registrations_anonymise([registration])

    registration.refresh_from_db()
    assert registration.name == ""
    assert registration.source_report == report
