"""Two app servers over one database, one Redis and one media volume."""

import io
import re

import pytest
from PIL import Image

from tests.ops.conftest import (
    ADMIN_USER,
    THANKS,
    Client,
    registered_emails,
    server_env,
    submit_interest,
)

pytestmark = pytest.mark.ops


def photo_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (900, 600), "#336699").save(output, format="JPEG")
    return output.getvalue()


def report_with_photo() -> dict:
    return {
        "title_de": "Delegation aus Busan",
        "title_en": "",
        "slug": "ops-delegation-aus-busan",
        "lead_de": "Zwölf Unternehmen aus Busan besuchten Dortmund.",
        "lead_en": "",
        "status": "published",
        "publish_at_0": "2025-10-01",
        "publish_at_1": "10:00:00",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-0-order": "1",
        "photos-0-caption_de": "Empfang im Rathaus",
        "photos-0-alt_text_de": "Gäste im Ratssaal",
        "photos-0-credit": "WF DO",
    }


def test_two_app_servers_share_logins_media_rate_limits_and_registrations(
    app_server, database, shared_redis, tmp_path
):
    env = server_env(
        database_url=database,
        media_root=tmp_path / "shared-media",
        DJANGO_INTEREST_RATE="5/h",
        **shared_redis,
    )
    a, b = app_server(env, workers=2), app_server(env, workers=2)
    browser_a = Client(a.url)
    browser_b = Client(b.url, jar=browser_a.jar)  # one browser, two servers

    # A staff login on A is valid on B (sessions live in the database).
    browser_a.login()
    admin_on_b = browser_b.get("/admin/")
    assert admin_on_b.status == 200
    assert ADMIN_USER in admin_on_b.text
    assert Client(b.url).get("/admin/").location.startswith("/admin/login/")

    # A photo uploaded through the admin of A is served by B.
    browser_a.get("/admin/events/report/add/")
    saved = browser_a.post(
        "/admin/events/report/add/",
        report_with_photo(),
        files={"photos-0-image": ("rathaus.jpg", photo_bytes(), "image/jpeg")},
    )
    assert saved.status == 302, saved.text[:3000]
    page_on_b = Client(b.url).get("/de/berichte/ops-delegation-aus-busan/")
    assert "Zwölf Unternehmen aus Busan" in page_on_b.text
    photo_urls = re.findall(r'(/media/[^"\s,]+\.webp)', page_on_b.text)
    assert photo_urls, re.findall(r"<img[^>]+>", page_on_b.text)
    photo = Client(b.url).get(photo_urls[0])
    assert photo.status == 200
    assert photo.headers["Content-Type"] == "image/webp"
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(photo.body)).width <= 1200

    # The rate limit (5 an hour per address) counts submissions on both servers.
    visitor_a, visitor_b = Client(a.url), Client(b.url)
    answers = [
        submit_interest(visitor, f"partner{n}@example.kr")
        for n, visitor in enumerate(
            [visitor_a, visitor_b, visitor_a, visitor_b, visitor_a, visitor_b]
        )
    ]
    assert all(THANKS in answer.text for answer in answers[:5])
    assert answers[5].status == 429
    assert "Zu viele Anfragen" in answers[5].text
    assert registered_emails(database) == [f"partner{n}@example.kr" for n in range(5)]

    # A registration made on A is in the admin on B.
    listing = browser_b.get("/admin/contacts/interestregistration/")
    assert listing.status == 200
    assert "partner0@example.kr" in listing.text or "Min-jun Kim" in listing.text
