"""Anonymous readers get cached pages; staff changes show at once."""

import time

import pytest
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory
from django.urls import reverse

from config import page_cache
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


class CountingCache(LocMemCache):
    """A local cache that notes each call a client makes of it: each would be
    one round trip to Redis (get_many is one MGET)."""

    calls: list[str] = []
    _depth = 0

    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name not in {"get", "get_many", "set", "add", "delete", "incr"}:
            return attribute
        owner = type(self)

        def counted(*args, **kwargs):
            if owner._depth == 0:
                owner.calls.append(name)
            owner._depth += 1
            try:
                return attribute(*args, **kwargs)
            finally:
                owner._depth -= 1

        return counted


@pytest.fixture
def counting_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "tests.test_page_cache.CountingCache"}}
    CountingCache.calls = []
    return CountingCache.calls


class Clock:
    def __init__(self):
        self.now = time.time()

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    """Time as the page cache and the local cache see it, moved by the test."""
    clock = Clock()
    monkeypatch.setattr(time, "time", lambda: clock.now)
    return clock


def change_without_a_write(report, title):
    """Content that changes without a write to watch, as when a report
    scheduled for later comes out: a report appears, no signal is sent and no
    version moves on (a new row, so no piece of it is kept yet either)."""
    del report  # the page's other report stays as it is
    Report.objects.bulk_create([ReportFactory.build(title=title, slug="neuer-titel")])


def test_a_cached_page_costs_one_round_trip_to_the_cache(client, counting_cache):
    ReportFactory(title="Gecachter Bericht")
    client.get(reverse("events:report_list"))
    counting_cache.clear()

    response = client.get(reverse("events:report_list"))

    assert "Gecachter Bericht" in response.content.decode()
    assert counting_cache == ["get_many"]


def test_a_hit_has_the_headers_and_body_of_the_rendered_page(client, settings):
    ReportFactory(title="Gecachter Bericht")
    url = reverse("events:report_list")
    settings.HORIZONT_PAGE_CACHE_SECONDS = 0
    etag = client.get(url)["ETag"]  # a reader's earlier visit
    settings.HORIZONT_PAGE_CACHE_SECONDS = 60

    not_modified_rendered = client.get(url, HTTP_IF_NONE_MATCH=etag)
    rendered = client.get(url)
    cached = client.get(url)
    not_modified_cached = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert "Gecachter Bericht" in cached.content.decode()
    assert cached.content == rendered.content
    assert without_expires(cached) == without_expires(rendered)
    assert cached["Expires"] and rendered["Expires"]
    assert "frame-ancestors 'none'" in cached["Content-Security-Policy"]
    assert not_modified_cached.status_code == not_modified_rendered.status_code == 304
    assert not_modified_cached.content == b""
    assert without_expires(not_modified_cached) == without_expires(
        not_modified_rendered
    )


def test_the_wsgi_answer_of_a_hit_is_the_rendered_page(client):
    """config.wsgi answers a fresh page before Django; what it sends is what
    Django would have sent."""
    ReportFactory(title="Gecachter Bericht")
    url = reverse("events:report_list")
    rendered = client.get(url)
    sent = {}

    def start_response(status, headers):
        sent.update(status=status, headers=headers)

    def django(environ, start_response):
        raise AssertionError("a fresh cached page reached Django")

    body = page_cache.PageCacheApplication(django)(
        RequestFactory().get(url).environ, start_response
    )

    assert sent["status"] == "200 OK"
    assert b"".join(body) == rendered.content
    assert {n: v for n, v in sent["headers"] if n != "Expires"} == without_expires(
        rendered
    )


def test_the_wsgi_answer_to_a_revisit_is_304_as_from_django(client):
    ReportFactory(title="Gecachter Bericht")
    url = reverse("events:report_list")
    rendered = client.get(url)
    from_django = client.get(url, HTTP_IF_NONE_MATCH=rendered["ETag"])
    sent = {}

    def start_response(status, headers):
        sent.update(status=status, headers=headers)

    def django(environ, start_response):
        raise AssertionError("a fresh cached page reached Django")

    environ = RequestFactory().get(url, HTTP_IF_NONE_MATCH=rendered["ETag"]).environ
    body = page_cache.PageCacheApplication(django)(environ, start_response)

    assert sent["status"] == "304 Not Modified" and from_django.status_code == 304
    assert b"".join(body) == b""
    assert {n: v for n, v in sent["headers"] if n != "Expires"} == without_expires(
        from_django
    )


def without_expires(response) -> dict[str, str]:
    """The headers, but Expires (the time of the answer plus max-age); their
    order carries no meaning in HTTP."""
    return {name: value for name, value in response.items() if name != "Expires"}


def test_an_expired_page_is_served_as_it_was_while_another_request_renders_it(
    client, clock
):
    report = ReportFactory(title="Alter Titel")
    url = reverse("events:home")
    client.get(url)
    change_without_a_write(report, "Neuer Titel")
    clock.advance(61)
    # Another app server started rendering the page again just now.
    assert page_cache.claim_refresh(page_cache.page_key(RequestFactory().get(url)))

    meanwhile = client.get(url).content.decode()
    clock.advance(page_cache.REFRESH_LOCK_SECONDS + 1)  # it gave up
    after = client.get(url).content.decode()

    assert "Alter Titel" in meanwhile and "Neuer Titel" not in meanwhile
    assert "Neuer Titel" in after


def test_the_first_request_after_expiry_renders_the_page_again(client, clock):
    report = ReportFactory(title="Alter Titel")
    url = reverse("events:home")
    client.get(url)
    change_without_a_write(report, "Neuer Titel")
    clock.advance(61)

    first = client.get(url).content.decode()
    next_one = client.get(url).content.decode()

    assert "Neuer Titel" in first
    assert "Neuer Titel" in next_one


def test_an_expired_page_of_older_content_is_never_served(
    client, clock, django_capture_on_commit_callbacks
):
    report = ReportFactory(title="Alter Titel")
    url = reverse("events:home")
    client.get(url)
    clock.advance(61)
    assert page_cache.claim_refresh(page_cache.page_key(RequestFactory().get(url)))

    with django_capture_on_commit_callbacks(execute=True):
        Report.objects.filter(pk=report.pk).update(title_de="Neuer Titel")
    content = client.get(url).content.decode()

    assert "Neuer Titel" in content and "Alter Titel" not in content


def test_a_lost_content_version_never_brings_back_older_pages(
    client, django_capture_on_commit_callbacks
):
    report = ReportFactory(title="Alter Titel")
    url = reverse("events:home")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Report.objects.filter(pk=report.pk).update(title_de="Neuer Titel")
    client.get(url)

    cache.delete(page_cache.VERSION_KEY)  # evicted, or Redis restarted empty
    content = client.get(url).content.decode()

    assert "Neuer Titel" in content and "Alter Titel" not in content


def test_signed_in_staff_get_pages_rendered_not_cached(
    client, editor, django_capture_on_commit_callbacks
):
    report = ReportFactory(title="Alter Titel")
    url = reverse("events:home")
    client.get(url)
    change_without_a_write(report, "Neuer Titel")
    staff = client_class_for(client)
    staff.force_login(editor)

    for_staff = staff.get(url).content.decode()
    for_readers = client.get(url).content.decode()

    assert "Neuer Titel" in for_staff
    assert "Alter Titel" in for_readers


def client_class_for(client):
    """A second browser: the staff member's, separate from the reader's."""
    return type(client)()
