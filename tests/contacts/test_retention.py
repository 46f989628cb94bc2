import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from post_office.models import Email

from contacts.models import InterestRegistration
from tests.factories import InterestRegistrationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def run_retention() -> str:
    output = StringIO()
    call_command("apply_retention", stdout=output)
    return output.getvalue()


def test_retention_anonymises_registrations_older_than_the_period():
    topic = TopicFactory(name="Logistik")
    old = InterestRegistrationFactory(
        created_at=days_ago(25 * 31), countries=["FR"], topics=[topic], notes="VIP"
    )
    recent = InterestRegistrationFactory(created_at=days_ago(23 * 30))

    output = run_retention()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert "1 registration(s) anonymised" in output
    assert old.name == old.email == old.organisation == old.notes == ""
    assert old.country.code == "KR"
    assert [country.code for country in old.countries] == ["FR"]
    assert [topic.name for topic in old.topics.all()] == ["Logistik"]
    assert old.created_at < days_ago(24 * 30)
    assert recent.name == "Ji-woo Park"


def test_retention_period_comes_from_the_settings(settings):
    settings.HORIZONT_RETENTION_MONTHS = 6
    registration = InterestRegistrationFactory(created_at=days_ago(200))

    run_retention()

    registration.refresh_from_db()
    assert registration.anonymised_at is not None


def test_retention_deletes_unconfirmed_registrations_after_48_hours(
    client, interest_url, form_data
):
    client.post(interest_url, form_data())
    stale = InterestRegistration.objects.get()
    InterestRegistration.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=49)
    )
    fresh = InterestRegistrationFactory(
        status="unconfirmed",
        confirmed_at=None,
        created_at=timezone.now() - datetime.timedelta(hours=47),
    )
    confirmed = InterestRegistrationFactory(created_at=days_ago(30))

    output = run_retention()

    assert "1 unconfirmed registration(s) deleted" in output
    assert set(InterestRegistration.objects.all()) == {fresh, confirmed}
    assert not Email.objects.exists()


def test_retention_is_safe_to_run_twice():
    InterestRegistrationFactory(created_at=days_ago(800))
    run_retention()
    anonymised = InterestRegistration.objects.get()

    output = run_retention()

    assert "0 registration(s) anonymised, 0 unconfirmed" in output
    assert InterestRegistration.objects.get().anonymised_at == anonymised.anonymised_at
