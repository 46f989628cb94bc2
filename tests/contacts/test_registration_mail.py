import re
import time
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from post_office.models import STATUS, Email

from contacts.models import InterestRegistration
from contacts.services import CONFIRM_SALT

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def test_double_opt_in_confirms_once_and_notifies_the_team(
    client, interest_url, form_data, settings
):
    settings.HORIZONT_TEAM_EMAIL = "team@wirtschaftsfoerderung.example"
    client.post(interest_url, form_data())
    registration = InterestRegistration.objects.get()

    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["ji-woo.park@example.org"]
    assert "Guten Tag Ji-woo Park" in confirmation.body
    assert confirmation.alternatives[0][1] == "text/html"

    page = client.get(link_in(confirmation))
    first = client.post(link_in(confirmation), follow=True)
    registration.refresh_from_db()

    assert "Anfrage jetzt bestätigen" in page.content.decode()
    assert "Ihre Anfrage ist bestätigt" in first.content.decode()
    assert registration.status == InterestRegistration.Status.NEW
    assert registration.confirmed_at is not None
    assert len(mail.outbox) == 2
    notification = mail.outbox[1]
    assert notification.to == ["team@wirtschaftsfoerderung.example"]
    assert "Patika Robotics" in notification.subject
    admin_url = reverse(
        "admin:contacts_interestregistration_change", args=[registration.pk]
    )
    assert admin_url in notification.body
    assert "Robotik" in notification.body

    second = client.post(link_in(confirmation), follow=True)

    assert "Ihre Anfrage ist bestätigt" in second.content.decode()
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("method", ["get", "head"])
def test_opening_the_link_does_not_confirm(client, interest_url, form_data, method):
    client.post(interest_url, form_data())
    link = link_in(mail.outbox[0])

    response = getattr(client, method)(link)

    registration = InterestRegistration.objects.get()
    assert response.status_code == 200
    assert registration.status == InterestRegistration.Status.UNCONFIRMED
    assert registration.confirmed_at is None
    assert len(mail.outbox) == 1


def test_confirmation_mail_asks_for_the_button_and_states_48_hours(
    client, interest_url, form_data
):
    client.post(interest_url, form_data())

    body = mail.outbox[0].body

    assert "mit einem Klick" in body
    assert "48 Stunden gültig" in body


def test_confirmation_needs_the_pages_csrf_token(client, interest_url, form_data):
    client.post(interest_url, form_data())
    link = link_in(mail.outbox[0])
    strict = Client(enforce_csrf_checks=True)

    forged = strict.post(link)
    page = strict.get(link).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    confirmed = strict.post(link, {"csrfmiddlewaretoken": token}, follow=True)

    assert forged.status_code == 403
    assert "Ihre Anfrage ist bestätigt" in confirmed.content.decode()
    assert InterestRegistration.objects.get().status == "new"


def test_unconfirmed_registration_does_not_notify_the_team(
    client, interest_url, form_data, settings
):
    settings.HORIZONT_TEAM_EMAIL = "team@wirtschaftsfoerderung.example"

    client.post(interest_url, form_data())

    assert [message.to for message in mail.outbox] == [["ji-woo.park@example.org"]]


@pytest.mark.parametrize(("hours", "confirmed"), [(47, True), (49, False)])
def test_confirmation_link_is_valid_for_48_hours(
    client, interest_url, form_data, hours, confirmed
):
    client.post(interest_url, form_data())
    registration = InterestRegistration.objects.get()
    then = int(time.time()) - hours * 3600

    class SignerOfThen(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(then)

    token = SignerOfThen(salt=CONFIRM_SALT).sign(str(registration.pk))

    response = client.post(
        reverse("contacts:interest_confirm", args=[token]), follow=True
    )

    registration.refresh_from_db()
    if confirmed:
        assert "Ihre Anfrage ist bestätigt" in response.content.decode()
        assert registration.status == InterestRegistration.Status.NEW
    else:
        assert response.status_code == 410
        assert "Der Bestätigungslink ist abgelaufen" in response.content.decode()
        assert registration.status == InterestRegistration.Status.UNCONFIRMED
        assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "token",
    ["1:abc:def", "nonsense", signing.TimestampSigner(salt="other").sign("1")],
)
def test_forged_confirmation_link_gets_a_clear_page(
    client, interest_url, form_data, token
):
    client.post(interest_url, form_data())

    response = client.post(reverse("contacts:interest_confirm", args=[token]))

    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.content.decode()
    assert InterestRegistration.objects.get().status == "unconfirmed"


def test_tampered_registration_number_is_refused(client, interest_url, form_data):
    client.post(interest_url, form_data())
    path = link_in(mail.outbox[0])
    token = path.rstrip("/").rsplit("/", 1)[1]
    pk, rest = token.split(":", 1)

    response = client.post(
        reverse("contacts:interest_confirm", args=[f"{int(pk) + 1}:{rest}"])
    )

    assert "Dieser Link ist ungültig" in response.content.decode()


def test_confirmation_mail_is_in_the_language_of_the_form(client, form_data):
    with translation.override("en"):
        url = reverse("contacts:interest")

    client.post(url, form_data())

    assert link_in(mail.outbox[0]).startswith("/en/")
    assert 'lang="en"' in mail.outbox[0].alternatives[0][0]


def test_partner_input_is_never_run_as_template_code(client, interest_url, form_data):
    client.post(interest_url, form_data(name="{% now 'Y' %} {{ secret }}"))

    client.post(link_in(mail.outbox[0]))

    assert "{% now 'Y' %} {{ secret }}" in mail.outbox[0].body
    assert "{% now 'Y' %} {{ secret }}" in mail.outbox[1].body


# Committed for real: without a broker the mail is sent in the request right
# after the commit, and the thanks page can say that it did not go out.
@pytest.mark.django_db(transaction=True)
def test_mail_failure_keeps_the_registration_and_the_command_resends(
    client, interest_url, form_data, settings
):
    settings.EMAIL_BACKEND = "tests.contacts.conftest.BrokenBackend"

    response = client.post(interest_url, form_data(), follow=True)

    registration = InterestRegistration.objects.get()
    assert "konnten wir gerade nicht versenden" in response.content.decode()
    assert "SMTPServerDisconnected" in registration.mail_failure
    assert registration.confirmation_mail.status == STATUS.requeued
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_mail", stdout=StringIO())
    call_command("send_pending_mail", stdout=StringIO())

    registration.refresh_from_db()
    assert [message.to for message in mail.outbox] == [["ji-woo.park@example.org"]]
    assert registration.mail_failure == ""
    assert registration.confirmation_mail.status == STATUS.sent


def test_failed_team_notification_is_recorded_and_resent(
    client, interest_url, form_data, settings
):
    client.post(interest_url, form_data())
    link = link_in(mail.outbox[0])
    settings.EMAIL_BACKEND = "tests.contacts.conftest.BrokenBackend"

    response = client.post(link, follow=True)

    registration = InterestRegistration.objects.get()
    assert "Ihre Anfrage ist bestätigt" in response.content.decode()
    assert registration.status == InterestRegistration.Status.NEW
    assert "SMTPServerDisconnected" in registration.mail_failure

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_mail", stdout=StringIO())

    registration.refresh_from_db()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [settings.HORIZONT_TEAM_EMAIL]
    assert registration.mail_failure == ""


def test_send_pending_mail_keeps_a_still_failing_mail_queued(
    client, interest_url, form_data, settings
):
    settings.EMAIL_BACKEND = "tests.contacts.conftest.BrokenBackend"
    client.post(interest_url, form_data())

    call_command("send_pending_mail", stdout=StringIO())

    registration = InterestRegistration.objects.get()
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert "Wird erneut versucht" in registration.mail_failure
