"""Anonymous readers get cached pages; staff changes show at once."""

import pytest
from django.urls import reverse

from events.models import Report
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.HORIZONT_PAGE_CACHE_SECONDS = 60


def test_a_write_makes_cached_pages_stale_only_once_committed(
    client, django_capture_on_commit_callbacks
):
    report = ReportFactory(title="Alter Titel")
    client.get(reverse("events:home"))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Report.objects.filter(pk=report.pk).update(title_de="Neuer Titel")
    before_commit = client.get(reverse("events:home")).content.decode()
    for callback in callbacks:
        callback()
    after_commit = client.get(reverse("events:home")).content.decode()

    # Before the commit a reader could only cache the old text again.
    assert "Alter Titel" in before_commit
    assert "Neuer Titel" in after_commit


def test_second_anonymous_visit_is_served_from_the_cache(
    client, django_assert_num_queries
):
    ReportFactory(title="Gecachter Bericht")
    client.get(reverse("events:report_list"))

    with django_assert_num_queries(0):
        response = client.get(reverse("events:report_list"))

    assert "Gecachter Bericht" in response.content.decode()


def test_publishing_in_the_admin_shows_at_once_on_cached_pages(
    client, editor, django_capture_on_commit_callbacks
):
    draft = ReportFactory(status=Report.Status.DRAFT, title="Frisch veröffentlicht")
    assert (
        "Frisch veröffentlicht"
        not in client.get(reverse("events:home")).content.decode()
    )
    staff = client_class_for(client)
    staff.force_login(editor)

    # Cached pages go stale when the write is committed.
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("admin:events_report_changelist"),
            {"action": "publish", "_selected_action": [draft.pk]},
        )

    home = client.get(reverse("events:home"))

    assert "Frisch veröffentlicht" in home.content.decode()


def test_editing_a_report_in_the_admin_updates_its_cached_page(
    client, editor, django_capture_on_commit_callbacks
):
    from tests.events.test_admin import report_form_data

    report = ReportFactory(title="Alter Titel", slug="bericht")
    assert "Alter Titel" in client.get(report.get_absolute_url()).content.decode()
    staff = client_class_for(client)
    staff.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
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
