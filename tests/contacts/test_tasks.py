"""The mail task and the outbox job (contacts/tasks.py), run in-process."""

import pytest
from django.core import mail
from post_office.models import STATUS, Email

from contacts import tasks
from contacts.models import InterestRegistration

pytestmark = pytest.mark.django_db


def test_a_sent_mail_is_never_sent_again(client, interest_url, form_data):
    client.post(interest_url, form_data())
    email = Email.objects.get()

    again = tasks.deliver(email.pk)
    outbox_run = tasks.send_pending_mail()

    assert Email.objects.get().status == STATUS.sent
    assert again is None
    assert outbox_run == 0
    assert len(mail.outbox) == 1


def test_the_outbox_job_sends_what_failed_once_and_clears_the_note(
    client, interest_url, form_data, settings
):
    settings.EMAIL_BACKEND = "tests.contacts.conftest.BrokenBackend"
    client.post(interest_url, form_data())
    registration = InterestRegistration.objects.get()
    assert "SMTPServerDisconnected" in registration.mail_failure
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    first = tasks.send_pending_mail()
    second = tasks.send_pending_mail()

    registration.refresh_from_db()
    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [["ji-woo.park@example.org"]]
    assert registration.mail_failure == ""


def test_retention_runs_as_a_task(client, interest_url, form_data):
    client.post(interest_url, form_data())

    assert tasks.apply_retention() == (0, 0)
    assert InterestRegistration.objects.count() == 1
