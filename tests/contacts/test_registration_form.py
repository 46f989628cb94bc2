import logging
import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contacts.forms import FILL_SALT, SESSION_TOKENS
from contacts.models import InterestRegistration
from tests.contacts.conftest import CommittingClient as Client
from tests.contacts.conftest import handed_out
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_interest_form_preselects_the_event_it_was_opened_from(
    client, interest_url, open_event
):
    response = client.get(interest_url, {"event": open_event.slug})

    content = response.content.decode()
    assert "Interesse bekunden" in content
    assert f'<option value="{open_event.pk}" selected>' in content


def test_interest_form_offers_only_upcoming_events_open_for_registration(
    client, interest_url, open_event
):
    closed = EventFactory(title="Geschlossene Runde", open_for_registration=False)
    past = EventFactory(title="Vorbei", open_for_registration=True)

    content = client.get(interest_url, {"event": past.slug}).content.decode()

    assert open_event.title in content
    assert closed.title not in content
    assert past.title not in content


def test_interest_submit_stores_an_unconfirmed_registration(
    client, interest_url, form_data, open_event
):
    response = client.post(interest_url, form_data(event=str(open_event.pk)))

    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:interest_thanks")
    registration = InterestRegistration.objects.get()
    assert registration.status == InterestRegistration.Status.UNCONFIRMED
    assert registration.name == "Ji-woo Park"
    assert registration.phone.as_e164 == "+82212345678"
    assert registration.event == open_event
    assert [country.code for country in registration.countries] == ["DE", "FR"]
    assert [topic.name for topic in registration.topics.all()] == ["Robotik"]
    assert [city.name for city in registration.partner_cities.all()] == ["Amiens"]
    assert registration.language == "de"
    assert registration.confirmed_at is None


def test_interest_submit_records_the_privacy_notice_shown(
    client, interest_url, form_data
):
    privacy_page = client.get(reverse("contacts:privacy")).content.decode()

    client.post(interest_url, form_data())

    registration = InterestRegistration.objects.get()
    assert "Datenschutzhinweis" in registration.privacy_notice_text
    assert "24 Monaten" in registration.privacy_notice_text
    assert "<" not in registration.privacy_notice_text
    assert registration.privacy_notice_version.startswith("de-")
    first_paragraph = registration.privacy_notice_text.splitlines()[0]
    assert first_paragraph in privacy_page


def test_interest_thanks_page_says_what_happens_next(client, interest_url, form_data):
    response = client.post(interest_url, form_data(), follow=True)

    content = response.content.decode()
    assert "Vielen Dank für Ihr Interesse" in content
    assert "Bestätigungslink" in content


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("name", "Dieses Feld ist zwingend erforderlich."),
        ("organisation", "Dieses Feld ist zwingend erforderlich."),
        ("email", "Dieses Feld ist zwingend erforderlich."),
        ("country", "Dieses Feld ist zwingend erforderlich."),
        ("cooperation", "Dieses Feld ist zwingend erforderlich."),
        ("consent", "Ohne Ihre Einwilligung können wir die Anfrage nicht annehmen."),
    ],
)
def test_interest_form_requires_field(client, interest_url, form_data, field, message):
    response = client.post(interest_url, form_data(**{field: None}))

    content = response.content.decode()
    assert f'id="id_{field}_error">{message}' in content
    kept = "Ji-woo Park" if field == "organisation" else "Patika Robotics"
    assert f'value="{kept}"' in content
    assert not InterestRegistration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 201, "höchstens 200 Zeichen"),
        ("organisation", "x" * 201, "höchstens 200 Zeichen"),
        ("message", "x" * 3001, "höchstens 3000 Zeichen"),
        ("email", "ji-woo.park(at)example.org", "gültige E-Mail-Adresse"),
        ("email", "a" * 250 + "@example.org", "höchstens 254 Zeichen"),
        ("phone", "12345abc", "gültige Telefonnummer"),
        ("country", "XX", "gültige Auswahl"),
        ("countries", ["ZZ"], "gültige Auswahl"),
        ("topics", ["999999"], "gültige Auswahl"),
        ("partner_cities", ["kein-id"], "kein gültiger Wert"),
        ("event", "999999", "gültige Auswahl"),
        ("cooperation", "lobbying", "gültige Auswahl"),
    ],
)
def test_interest_form_refuses_invalid_value(
    client, interest_url, form_data, field, value, message
):
    response = client.post(interest_url, form_data(**{field: value}))

    content = response.content.decode()
    assert f'id="id_{field}_error">' in content
    assert message in content
    assert not InterestRegistration.objects.exists()


def test_interest_form_refuses_an_event_not_open_for_registration(
    client, interest_url, form_data
):
    closed = EventFactory(open_for_registration=False)

    response = client.post(interest_url, form_data(event=str(closed.pk)))

    assert 'id="id_event_error">' in response.content.decode()
    assert not InterestRegistration.objects.exists()


def test_interest_form_accepts_a_german_number_without_country_code(
    client, interest_url, form_data
):
    client.post(interest_url, form_data(phone="0231 1234567"))

    assert InterestRegistration.objects.get().phone.as_e164 == "+492311234567"


def test_interest_form_ignores_fields_it_does_not_have(client, interest_url, form_data):
    data = form_data(
        status="done",
        notes="eingeschleust",
        handled_by="1",
        confirmed_at="2020-01-01 00:00",
        language="xx",
        privacy_notice_text="nichts",
    )

    client.post(interest_url, data)

    registration = InterestRegistration.objects.get()
    assert registration.status == InterestRegistration.Status.UNCONFIRMED
    assert registration.notes == ""
    assert registration.handled_by is None
    assert registration.confirmed_at is None
    assert registration.language == "de"
    assert registration.privacy_notice_text != "nichts"


def test_filled_honeypot_gets_the_same_answer_as_a_real_submission(
    client, interest_url, form_data
):
    real = client.post(interest_url, form_data(), follow=True)
    bot = client.post(
        interest_url,
        form_data(email="bot@example.org", homepage="http://spam.example"),
        follow=True,
    )

    assert bot.redirect_chain == real.redirect_chain
    assert bot.status_code == real.status_code == 200
    assert bot.content == real.content
    assert list(InterestRegistration.objects.values_list("email", flat=True)) == [
        "ji-woo.park@example.org"
    ]
    assert [message.to for message in mail.outbox] == [["ji-woo.park@example.org"]]


def test_interest_form_refuses_a_form_sent_back_too_fast(
    client, interest_url, form_data
):
    response = client.post(interest_url, form_data(started=handed_out(client, 0)))

    assert "Das ging sehr schnell." in response.content.decode()
    assert not InterestRegistration.objects.exists()


def started_in(content: str) -> str:
    return re.search(r'name="started" value="([^"]*)"', content).group(1)


@pytest.mark.parametrize(
    "started",
    [
        "",
        "123",
        signing.dumps(["made-up", int(time.time()) - 60], salt=FILL_SALT),
        signing.dumps(["made-up", int(time.time()) - 60], salt=FILL_SALT)[:-2] + "xx",
    ],
)
def test_interest_form_replaces_a_forged_fill_time(
    client, interest_url, form_data, started
):
    response = client.post(interest_url, form_data(started=started))

    content = response.content.decode()
    assert "Das Formular ist abgelaufen." in content
    fresh = started_in(content)
    assert fresh != started
    nonce, _started = signing.loads(fresh, salt=FILL_SALT)
    assert nonce in client.session[SESSION_TOKENS]
    assert not InterestRegistration.objects.exists()


def test_fill_time_token_is_refused_the_second_time(client, interest_url, form_data):
    token = handed_out(client)
    first = client.post(interest_url, form_data(started=token))

    replayed = client.post(
        interest_url, form_data(email="second@example.org", started=token)
    )

    assert first.status_code == 302
    assert "Das Formular ist abgelaufen." in replayed.content.decode()
    assert list(InterestRegistration.objects.values_list("email", flat=True)) == [
        "ji-woo.park@example.org"
    ]


def test_fill_time_token_is_refused_in_another_session(client, interest_url, form_data):
    token = handed_out(client)
    bot = Client(REMOTE_ADDR="198.51.100.20")
    bot.get(interest_url)

    response = bot.post(interest_url, form_data(started=token))

    assert "Das Formular ist abgelaufen." in response.content.decode()
    assert not InterestRegistration.objects.exists()


def test_form_page_hands_out_a_token_the_same_browser_can_use(
    client, interest_url, form_data, settings
):
    settings.HORIZONT_INTEREST_MIN_FILL_SECONDS = 0
    page = client.get(interest_url).content.decode()

    response = client.post(interest_url, form_data(started=started_in(page)))

    assert response.status_code == 302
    assert InterestRegistration.objects.count() == 1


def test_interest_form_limits_submissions_per_address(client, interest_url, form_data):
    for number in range(5):
        client.post(interest_url, form_data(email=f"person{number}@example.org"))

    response = client.post(interest_url, form_data(email="person6@example.org"))
    other = Client(REMOTE_ADDR="192.0.2.7")
    other_address = other.post(
        interest_url, form_data(email="other@example.org", started=handed_out(other))
    )

    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert other_address.status_code == 302
    emails = set(InterestRegistration.objects.values_list("email", flat=True))
    assert "person6@example.org" not in emails
    assert len(emails) == 6


def test_partner_who_mistypes_five_times_can_still_register(
    client, interest_url, form_data
):
    mistakes = [
        form_data(email="ji-woo.park(at)example.org"),
        form_data(phone="12345abc"),
        form_data(consent=None),
        form_data(name=None),
        form_data(country="XX"),
        form_data(cooperation=None),
    ]
    answers = [client.post(interest_url, data) for data in mistakes]

    final = client.post(interest_url, form_data(), follow=True)

    assert all("Bitte prüfen Sie Ihre Angaben" in a.content.decode() for a in answers)
    assert "Vielen Dank für Ihr Interesse" in final.content.decode()
    assert InterestRegistration.objects.get().email == "ji-woo.park@example.org"


def test_an_address_gets_one_confirmation_mail_a_day_whoever_sends_the_form(
    interest_url, form_data
):
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="203.0.113.9")

    answers = [
        browser.post(
            interest_url,
            form_data(email=email, started=handed_out(browser)),
            follow=True,
        )
        for browser, email in [
            (first, "victim@example.org"),
            (second, "Victim@Example.org"),
            (second, "victim+1@example.org"),
        ]
    ]

    assert [message.to for message in mail.outbox] == [["victim@example.org"]]
    assert InterestRegistration.objects.count() == 1
    assert answers[1].content == answers[0].content == answers[2].content
    assert "Vielen Dank für Ihr Interesse" in answers[1].content.decode()


def test_the_mail_limit_lasts_the_configured_hours(
    client, interest_url, form_data, settings
):
    settings.HORIZONT_CONFIRMATION_MAIL_INTERVAL_HOURS = 0.001  # 3.6 seconds
    client.post(interest_url, form_data())
    time.sleep(4)

    client.post(interest_url, form_data())

    assert len(mail.outbox) == 2


def test_interest_rate_limit_counts_the_visitor_behind_the_proxy(
    client, interest_url, form_data, settings
):
    settings.HORIZONT_TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        client.post(
            interest_url,
            form_data(email=f"p{number}@example.org"),
            HTTP_X_FORWARDED_FOR=f"spoofed-{number}, 198.51.100.1",
        )

    blocked = client.post(
        interest_url, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    other = client.post(interest_url, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert blocked.status_code == 429
    assert other.status_code == 302


def test_interest_rate_limit_fails_open_when_the_cache_is_down(
    client, interest_url, form_data, settings, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    with caplog.at_level(logging.WARNING, logger="contacts.views"):
        response = client.post(interest_url, form_data())

    assert response.status_code == 302
    assert InterestRegistration.objects.count() == 1
    assert "Rate limit skipped" in caplog.text


def test_interest_form_in_english_records_the_language(client, form_data):
    with translation.override("en"):
        url = reverse("contacts:interest")

    client.post(url, form_data())

    registration = InterestRegistration.objects.get()
    assert url.startswith("/en/")
    assert registration.language == "en"
    assert registration.privacy_notice_version.startswith("en-")


text_or_list = st.one_of(
    st.text(max_size=300),
    st.lists(st.text(max_size=20), max_size=3),
    st.sampled_from(["", "KR", "DE", "1", "-1", "on", "+49 231 1234567"]),
)


def trap_filled(value) -> bool:
    """Whether the hidden homepage field was filled in, as the form reads it:
    the last value sent, without surrounding blanks."""
    if isinstance(value, list):
        value = value[-1] if value else ""
    return bool((value or "").strip())


@hypothesis_settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "organisation",
                "email",
                "phone",
                "country",
                "event",
                "countries",
                "topics",
                "partner_cities",
                "cooperation",
                "message",
                "consent",
                "homepage",
                "started",
                "status",
            ]
        ),
        text_or_list,
    )
)
@example(fields={"homepage": [""]})  # a blank trap field: a person, not a bot
@example(fields={"homepage": ["", "https://spam.example"]})
def test_interest_form_never_fails_and_never_stores_invalid_data(
    client, interest_url, form_data, settings, fields
):
    settings.RATELIMIT_ENABLE = False
    InterestRegistration.objects.all().delete()
    cache.clear()  # the one-mail-a-day note of the previous example

    response = client.post(interest_url, form_data(**fields))

    if response.status_code == 302 and trap_filled(fields.get("homepage")):
        assert not InterestRegistration.objects.exists()
    elif response.status_code == 302:
        registration = InterestRegistration.objects.get()
        registration.full_clean()
        assert registration.status == InterestRegistration.Status.UNCONFIRMED
        assert registration.name and registration.email and registration.organisation
    else:
        assert response.status_code == 200
        assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()
        assert not InterestRegistration.objects.exists()


def test_fill_time_is_measured_from_when_the_form_was_handed_out(
    client, interest_url, form_data, settings
):
    settings.HORIZONT_INTEREST_MIN_FILL_SECONDS = 120

    slow_enough = client.post(interest_url, form_data(started=handed_out(client, 121)))
    too_fast = client.post(
        interest_url,
        form_data(email="b@example.org", started=handed_out(client, 60)),
    )

    assert slow_enough.status_code == 302
    assert "Das ging sehr schnell." in too_fast.content.decode()
    assert InterestRegistration.objects.count() == 1


def test_privacy_notice_names_the_cookies_and_what_is_kept(
    client, interest_url, form_data
):
    page = client.get(reverse("contacts:privacy")).content.decode()
    client.post(interest_url, form_data())

    notice = InterestRegistration.objects.get().privacy_notice_text
    for text in (
        "„csrftoken“",
        "„sessionid“",
        "endet nach 24 Stunden",
        "Wortlaut des Kästchens",
        "nicht innerhalb von 48 Stunden",
        "aus dem Protokoll unserer Verwaltung",
    ):
        assert text in notice
        assert text in page


def test_a_registration_is_stored_while_the_cache_does_not_answer(
    interest_url, form_data, settings
):
    # What django-redis does with IGNORE_EXCEPTIONS when Redis is down.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.1,
                "SOCKET_TIMEOUT": 0.1,
            },
        }
    }
    browser = Client()

    answer = browser.post(
        interest_url, form_data(started=handed_out(browser)), follow=True
    )

    assert "Vielen Dank für Ihr Interesse" in answer.content.decode()
    assert InterestRegistration.objects.get().email == "ji-woo.park@example.org"
    assert [message.to for message in mail.outbox] == [["ji-woo.park@example.org"]]


def test_interest_form_labels_have_no_colon_and_mark_optional_fields(
    client, interest_url
):
    content = client.get(interest_url).content.decode()

    assert '<label for="id_name">Name</label>' in content
    assert not re.search(r"<label[^>]*>[^<]*:</label>", content)
    assert re.search(r'<label for="id_phone">Telefon <span class="optional">', content)
    assert "(optional)" not in content.split('for="id_email"')[1].split("</label>")[0]


@pytest.mark.parametrize(
    ("field", "token"),
    [
        ("name", "name"),
        ("organisation", "organization"),
        ("email", "email"),
        ("phone", "tel"),
        ("country", "country"),
    ],
)
def test_interest_form_personal_fields_have_autocomplete_tokens(
    client, interest_url, field, token
):
    content = client.get(interest_url).content.decode()

    tag = re.search(rf'<(?:input|select)[^>]*id="id_{field}"[^>]*>', content)
    assert tag, field
    assert f'autocomplete="{token}"' in tag.group(0)


def test_interest_form_country_asks_to_choose_and_countries_are_checkboxes(
    client, interest_url
):
    content = client.get(interest_url).content.decode()

    assert '<option value="" selected>Bitte wählen</option>' in content
    assert "---------" not in content
    assert 'type="checkbox" name="countries" value="KR"' in content
    assert "Strg" not in content


def test_interest_form_with_errors_says_so_in_the_title_and_links_each_field(
    client, interest_url, form_data
):
    response = client.post(interest_url, form_data(name=None, consent=None))

    content = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    assert title.startswith("Fehler: Interesse bekunden")
    summary = content.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_name">Name: Dieses Feld ist zwingend erforderlich.</a>' in (
        summary
    )
    assert '<a href="#id_consent">' in summary
    assert 'id="id_name"' in content
    name_input = re.search(r'<input[^>]*id="id_name"[^>]*>', content).group(0)
    assert 'aria-invalid="true"' in name_input


def test_interest_form_in_english_says_error_in_the_title(client, form_data):
    with translation.override("en"):
        url = reverse("contacts:interest")

    content = client.post(url, form_data(email=None)).content.decode()

    assert "<title>Error: Register your interest" in content
    assert re.search(r'<option value=""[^>]*>Please choose</option>', content)


def test_interest_form_renders_every_hidden_field(client, interest_url):
    content = client.get(interest_url).content.decode()

    assert re.search(r'<input type="hidden" name="started" value="[^"]+"', content)
