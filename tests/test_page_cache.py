"""Anonymous readers get cached pages; staff changes show at once."""

import pytest
from django.urls import reverse

from events.models import Report
from tests.factories import ReportFactory

# Commits for real: cached pages go stale when a write is committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.HORIZONT_PAGE_CACHE_SECONDS = 60


def test_second_anonymous_visit_is_served_from_the_cache(
    client, django_assert_num_queries
):
    ReportFactory(title="Gecachter Bericht")
    client.get(reverse("events:report_list"))

    with django_assert_num_queries(0):
        response = client.get(reverse("events:report_list"))

    assert "Gecachter Bericht" in response.content.decode()


def test_publishing_in_the_admin_shows_at_once_on_cached_pages(client, editor):
    draft = ReportFactory(status=Report.Status.DRAFT, title="Frisch veröffentlicht")
    assert (
        "Frisch veröffentlicht"
        not in client.get(reverse("events:home")).content.decode()
    )
    staff = client_class_for(client)
    staff.force_login(editor)

    staff.post(
        reverse("admin:events_report_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )

    home = client.get(reverse("events:home"))

    assert "Frisch veröffentlicht" in home.content.decode()


def test_editing_a_report_in_the_admin_updates_its_cached_page(client, editor):
    from tests.events.test_admin import report_form_data

    report = ReportFactory(title="Alter Titel", slug="bericht")
    assert "Alter Titel" in client.get(report.get_absolute_url()).content.decode()
    staff = client_class_for(client)
    staff.force_login(editor)

    staff.post(
        reverse("admin:events_report_change", args=[report.pk]),
        report_form_data(
            title_de="Neuer Titel",
            slug="bericht",
            status="published",
            publish_at_0="2025-01-01",
            **{"sections-TOTAL_FORMS": "0", "photos-TOTAL_FORMS": "0"},
        ),
    )

    content = client.get(report.get_absolute_url()).content.decode()
    assert "Neuer Titel" in content
    assert "Alter Titel" not in content


def test_the_interest_form_is_never_cached(client):
    first = client.get(reverse("contacts:interest"))
    client.cookies.clear()
    second = client.get(reverse("contacts:interest"))

    assert "no-store" in first["Cache-Control"]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def client_class_for(client):
    """A second browser: the staff member's, separate from the reader's."""
    return type(client)()
