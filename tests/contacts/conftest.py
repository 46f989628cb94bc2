import datetime
import smtplib
import time

import pytest
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone, translation

from contacts.forms import fill_token
from tests.factories import EventFactory, PartnerCityFactory, TopicFactory


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def fresh_state():
    """Rate-limit counters and the language of a request to /en/ must not leak
    from one test into the next."""
    cache.clear()
    with translation.override("de"):
        yield


@pytest.fixture
def interest_url():
    return reverse("contacts:interest")


@pytest.fixture
def open_event(db):
    return EventFactory(
        title="3. Stammtisch Korea",
        slug="stammtisch-korea",
        start=timezone.now() + datetime.timedelta(days=20),
        open_for_registration=True,
    )


def handed_out(client, seconds_ago: float = 60) -> str:
    """A fill-time token as the form page hands it out to this client's session."""
    session = client.session
    token = fill_token(session, time.time() - seconds_ago)
    session.save()
    return token


@pytest.fixture
def form_data(db, client):
    """A complete, valid submission as the browser sends it, with a fill-time
    token handed out to the test client's session a minute ago."""
    topic = TopicFactory(name="Robotik", slug="robotik")
    city = PartnerCityFactory(name="Amiens", slug="amiens")

    def build(**overrides):
        data = {
            "name": "Ji-woo Park",
            "organisation": "Patika Robotics",
            "email": "ji-woo.park@example.org",
            "phone": "+82 2 1234 5678",
            "country": "KR",
            "countries": ["DE", "FR"],
            "topics": [str(topic.pk)],
            "partner_cities": [str(city.pk)],
            "cooperation": "market_entry",
            "message": "Wir suchen Partner für Robotik in Dortmund.",
            "consent": "on",
            "homepage": "",
            "started": handed_out(client),
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return build


class CommittingClient(Client):
    """A test client whose requests end as a committed transaction would:
    the mails queued on commit (contacts.tasks) are sent as the request ends."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()
