"""Anonymise and delete registrations: on request, and when their time is up."""

import datetime
import json
from collections.abc import Iterable

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from post_office.models import Email

from contacts.models import InterestRegistration


def registration_anonymise(registration: InterestRegistration) -> None:
    """Drop the person, keep the statistics (country, interests, dates)."""
    with transaction.atomic():
        mails = [registration.confirmation_mail_id, registration.notification_mail_id]
        registration.name = ""
        registration.organisation = ""
        registration.email = ""
        registration.phone = ""
        registration.message = ""
        registration.notes = ""
        registration.mail_failure = ""
        registration.confirmation_mail = None
        registration.notification_mail = None
        registration.anonymised_at = timezone.now()
        registration.save()
        # The outbox and the admin's log hold copies of the person's data too.
        Email.objects.filter(pk__in=[pk for pk in mails if pk]).delete()
        scrub_admin_log([registration.pk])


def registrations_anonymise(registrations: Iterable[InterestRegistration]) -> int:
    count = 0
    for registration in registrations:
        if registration.anonymised_at is None:
            registration_anonymise(registration)
            count += 1
    return count


def registrations_delete(registrations: QuerySet[InterestRegistration]) -> int:
    rows = list(
        registrations.values_list("pk", "confirmation_mail", "notification_mail")
    )
    with transaction.atomic():
        _total, per_model = registrations.delete()
        Email.objects.filter(
            pk__in=[pk for _pk, *mails in rows for pk in mails if pk]
        ).delete()
        scrub_admin_log([pk for pk, *_mails in rows])
    return per_model.get(InterestRegistration._meta.label, 0)


def scrub_admin_log(pks: list[int]) -> int:
    """Take the person out of the admin's log (and so the admin's home page,
    which lists recent actions by their log text), keeping who did what when.

    The log names a registration by its `__str__` (name and organisation);
    the change messages keep only the names of the changed fields.
    """
    # The admin is German (config.middleware.AdminInGermanMiddleware).
    with translation.override(settings.LANGUAGE_CODE):
        label = _("Anonymisierte Bekundung %(number)s")
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(InterestRegistration),
        object_id__in=[str(pk) for pk in pks],
    )
    for entry in entries:
        entry.object_repr = label % {"number": entry.object_id}
        entry.change_message = _field_names_only(entry.change_message)
        entry.save(update_fields=["object_repr", "change_message"])
    return len(entries)


def _field_names_only(change_message: str) -> str:
    try:
        messages = json.loads(change_message or "[]")
    except ValueError:
        return ""
    if not isinstance(messages, list):
        return ""
    kept = []
    for message in messages:
        if isinstance(message, dict) and "changed" in message:
            fields = message["changed"].get("fields", [])
            kept.append({"changed": {"fields": fields}})
        elif isinstance(message, dict) and ("added" in message or "deleted" in message):
            kept.append({key: {} for key in message if key in ("added", "deleted")})
    return json.dumps(kept)


def apply_retention(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Anonymise what is older than the retention period, delete the unconfirmed.

    Returns (anonymised, deleted).
    """
    now = now or timezone.now()
    deleted = registrations_delete(
        InterestRegistration.objects.expired_unconfirmed(now)
    )
    anonymised = registrations_anonymise(
        InterestRegistration.objects.beyond_retention(now)
    )
    return anonymised, deleted
