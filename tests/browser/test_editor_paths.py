"""The editor's daily path, in the browser: correct a published report with
photos, remove one photo, reorder two, save; the public page, served from
the page cache in Redis, shows the change at once in German and English."""

import os

import pytest
import redis
from django.contrib.auth.models import Group
from django.test.utils import override_settings

from events.models import Photo
from tests.browser.test_editor_entry import staff_groups
from tests.factories import PhotoFactory, ReportFactory, ReportSectionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# A database of its own on the Redis that CI runs, emptied by the test.
REDIS_URL = os.environ.get("HORIZONT_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_page_cache():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("HORIZONT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"this test needs Redis at {REDIS_URL}")
        pytest.skip(f"this test needs Redis at {REDIS_URL}")
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    with override_settings(CACHES=caches, HORIZONT_PAGE_CACHE_SECONDS=60):
        from django.core.cache import cache

        cache.clear()
        yield cache
        cache.clear()


def public_text(browser, url: str, locale: str) -> tuple[str, list[str]]:
    context = browser.new_context(locale=locale)
    page = context.new_page()
    response = page.goto(url)
    text = page.inner_text("main")
    images = [img.get_attribute("src") for img in page.locator(".gallery img").all()]
    cache_hit = response.headers.get("cache-control")
    context.close()
    return text, images, cache_hit


def test_editor_corrects_a_report_and_readers_see_it_at_once(
    browser, live_server, redis_page_cache, django_user_model
):
    report = ReportFactory(
        title="Stammtisch Kanada",
        title_en="Canada evening",
        lead="Ein Abend mit Gästen aus Toronoto.",
        lead_en="An evening with guests from Toronoto.",
    )
    ReportSectionFactory(report=report, body="<p>Gespräche am Tisch.</p>")
    photos = PhotoFactory.create_batch(3, report=report)
    for order, photo in enumerate(photos, start=1):
        Photo.objects.filter(pk=photo.pk).update(
            order=order, caption_de=f"Foto {order}"
        )
    staff_groups()  # an earlier transactional test's flush may have removed them
    editor = django_user_model.objects.create_user(
        "redakteurin", password="ein-langes-passwort", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Redaktion"))
    german_url = live_server.url + report.get_absolute_url()
    english_url = german_url.replace("/de/berichte/", "/en/reports/")
    before_de, images_before, _ = public_text(browser, german_url, "de-DE")
    public_text(browser, english_url, "en-GB")  # now both are in the page cache
    assert "Toronoto" in before_de and len(images_before) == 3

    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "redakteurin")
    page.fill("#id_password", "ein-langes-passwort")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/events/report/{report.pk}/change/")
    page.fill("#id_lead_de", "Ein Abend mit Gästen aus Toronto.")
    page.fill("#id_lead_en", "An evening with guests from Toronto.")
    page.click("#photos-group summary")  # the photos are a collapsed group
    page.check("#id_photos-0-DELETE")  # the first photo goes
    # The other two swap places: the second moves to the end (drag and drop
    # or this button, both from django-admin-sortable2).
    page.click("#photos-1 .move-end")
    page.click("input[name=_save]")
    success = page.locator(".messagelist .success").inner_text()
    context.close()

    after_de, images_de, _ = public_text(browser, german_url, "de-DE")
    after_en, images_en, _ = public_text(browser, english_url, "en-GB")
    assert "erfolgreich geändert" in success
    assert "Toronto." in after_de and "Toronoto" not in after_de
    assert "Toronto." in after_en and "Toronoto" not in after_en
    assert "Foto 1" not in after_de
    assert after_de.index("Foto 3") < after_de.index("Foto 2")
    assert images_de == images_en and len(images_de) == 2
