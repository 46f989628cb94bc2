"""Headers, hosts, request sizes, login throttling and sessions."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from contacts.images import reencode_image, validate_image
from tests.factories import image_file

pytestmark = pytest.mark.django_db


def test_public_pages_carry_the_security_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get(reverse("events:home"), secure=True)

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_policy_built_once_follows_a_changed_setting(client, settings):
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    client.get(reverse("events:home"))  # builds the site's policy
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "img-src": ["'self'", "data:", "https://tiles"]},
    }

    policy = client.get(reverse("events:home"))["Content-Security-Policy"]

    assert "img-src 'self' data: https://tiles" in policy
    assert client.get("/admin/login/")["Content-Security-Policy"].startswith(
        "default-src 'self'; script-src 'self' 'unsafe-inline'"
    )


def test_admin_has_its_own_policy(client, editor):
    client.force_login(editor)

    response = client.get(reverse("admin:events_report_add"))

    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]


def test_anonymous_reader_gets_no_cookie(client):
    response = client.get(reverse("events:report_list"))

    assert not response.cookies


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("events:home"))

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_wrong_host_is_refused_and_not_echoed(client):
    response = client.get(reverse("events:home"), HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    assert b"evil.example.com" not in response.content


def test_oversized_form_post_is_refused_without_a_crash(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(reverse("admin:login"), {"username": "x" * 5000})

    assert response.status_code == 400
    assert b"Traceback" not in response.content


# --- Uploads ----------------------------------------------------------------


def test_small_file_declaring_a_huge_image_is_refused_before_decoding():
    # A PNG header that claims 12,000 × 10,000 pixels, then next to no data.
    bomb = image_file("bomb.png", size=(12_000, 10_000), image_format="PNG")
    assert bomb.size < 400_000

    with pytest.raises(ValidationError) as error:
        validate_image(bomb)

    assert error.value.code == "too_many_pixels"


def test_html_appended_to_a_png_does_not_survive_reencoding():
    polyglot = image_file("poly.png", image_format="PNG")
    payload = polyglot.read() + b"<html><script>alert(1)</script></html>"
    upload = io.BytesIO(payload)
    upload.name = "poly.png"

    clean = reencode_image(upload)

    assert b"<script>" not in clean.read()


# --- Staff access -------------------------------------------------------------


def login(client, password="wrong", username="editor", **extra):  # noqa: S107
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )


RIGHT = "right-password-123"


@pytest.fixture
def staff(editor):
    editor.set_password(RIGHT)
    editor.save()
    return editor


def test_wrong_passwords_from_outside_do_not_lock_the_account_elsewhere(client, staff):
    for _ in range(10):
        login(client, REMOTE_ADDR="203.0.113.66")

    attacker = login(client, password=RIGHT, REMOTE_ADDR="203.0.113.66")
    colleague = login(Client(), password=RIGHT, REMOTE_ADDR="198.51.100.4")

    assert attacker.status_code == 429
    assert "gesperrt" in attacker.content.decode()
    assert colleague.status_code == 302
    assert colleague["Location"] == "/admin/"


def test_one_address_trying_many_accounts_is_stopped(client, staff, settings):
    settings.HORIZONT_LOGIN_ADDRESS_FAILURE_LIMIT = 20
    for number in range(20):
        login(client, username=f"guess{number}", REMOTE_ADDR="203.0.113.66")

    same_address = login(client, password=RIGHT, REMOTE_ADDR="203.0.113.66")
    elsewhere = login(Client(), password=RIGHT, REMOTE_ADDR="198.51.100.4")

    assert same_address.status_code == 429
    assert elsewhere.status_code == 302


def test_rotating_addresses_of_one_ipv6_network_are_counted_as_one(client, staff):
    for number in range(5):
        login(client, REMOTE_ADDR=f"2001:db8:1:2::{number + 1:x}")

    rotated = login(client, password=RIGHT, REMOTE_ADDR="2001:db8:1:2::ffff")
    other_network = login(Client(), password=RIGHT, REMOTE_ADDR="2001:db8:9:9::1")

    assert rotated.status_code == 429
    assert other_network.status_code == 302


def test_four_mistakes_then_the_right_password_let_staff_in(client, staff):
    for _ in range(4):
        login(client)

    response = login(client, password=RIGHT)

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client, staff):
    for _ in range(5):
        login(client)

    response = login(client, password=RIGHT)

    assert response.status_code == 429
    assert "gesperrt" in response.content.decode()


def test_forged_forwarded_for_cannot_reset_the_count(client, editor, settings):
    settings.HORIZONT_TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        # The client forges a new address each time; our proxy appends the real one.
        login(client, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 203.0.113.7")

    response = login(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")

    assert response.status_code == 429


def test_login_starts_a_new_session_and_logout_ends_it(client, editor):
    editor.set_password("right-password-123")
    editor.save()
    # The interest form starts a session before anyone logs in.
    client.get(reverse("contacts:interest"))
    before = client.cookies["sessionid"].value

    login(client, password="right-password-123")
    session_key = client.cookies["sessionid"].value
    client.post(reverse("admin:logout"))
    client.cookies["sessionid"] = session_key

    assert before and session_key and before != session_key
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_deactivated_user_loses_access_on_the_next_request(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 200

    editor.is_active = False
    editor.save()

    assert client.get(reverse("admin:index")).status_code == 302


def test_pages_with_a_partners_input_are_never_cached(client):
    response = client.post(
        reverse("contacts:interest"), {"name": "Ada", "email": "bad"}
    )

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_admin_message_waits_through_public_pages_for_the_next_admin_page(
    client, editor
):
    from tests.factories import TopicFactory

    topic = TopicFactory()
    client.force_login(editor)
    page = client.get(f"/admin/contacts/topic/{topic.pk}/change/")
    assert page.status_code == 200
    data = {"name_de": "Wasserstoff", "name_en": "Hydrogen", "_save": ""}
    data |= {
        name: value
        for name, value in page.context["adminform"].form.initial.items()
        if name not in data and value is not None
    }

    saved = client.post(f"/admin/contacts/topic/{topic.pk}/change/", data)
    public = client.get("/de/berichte/")
    changelist = client.get(saved["Location"])

    assert saved.status_code == 302
    assert public.status_code == 200
    assert "erfolgreich geändert" not in public.content.decode()
    assert "erfolgreich geändert" in changelist.content.decode()
