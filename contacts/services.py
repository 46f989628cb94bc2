"""Interest registrations: submit, confirm, mail through the outbox, anonymise."""

import csv
import datetime
import enum
import hashlib
import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from post_office.lockfile import FileLock, FileLocked, default_lockfile
from post_office.mail import get_queued, send_queued
from post_office.models import PRIORITY, STATUS, Email

from contacts import tasks
from contacts.forms import InterestForm
from contacts.models import Contact, InterestRegistration, LegalPage

logger = logging.getLogger(__name__)

CONFIRM_SALT = "contacts.interest.confirm"
SEND_LOCK = "contacts:send_pending_mail"
Status = InterestRegistration.Status


@dataclass(frozen=True)
class PrivacyNotice:
    version: str
    text: str


class ConfirmResult(enum.StrEnum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    EXPIRED = "expired"
    INVALID = "invalid"


def privacy_notice(language: str) -> PrivacyNotice:
    """The privacy page as plain text; its hash is the version a form records."""
    # Rendering the page into a layout of nothing but its content keeps one
    # source for the page and the text stored as evidence of consent.
    layout = engines["django"].from_string("{% block content %}{% endblock content %}")
    with translation.override(language):
        page = render_to_string(
            "contacts/privacy.html", privacy_context() | {"layout": layout}
        )
    lines = (line.strip() for line in html.unescape(strip_tags(page)).splitlines())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    return PrivacyNotice(version=f"{language}-{version}", text=text)


def privacy_context() -> dict:
    return {
        # The managers' general privacy statement, if written, comes first.
        "page": LegalPage.objects.filter(kind=LegalPage.Kind.PRIVACY).first(),
        "retention_months": settings.HORIZONT_RETENTION_MONTHS,
        "confirmation_days": settings.HORIZONT_CONFIRMATION_DAYS,
        "team_email": settings.HORIZONT_TEAM_EMAIL,
    }


def registration_submit(*, form: InterestForm, language: str) -> InterestRegistration:
    """Store the registration, then send the confirmation link after commit.

    The registration and its outbox mail are stored together; the mail is sent
    by contacts.tasks.send_mail (on the worker, or in this process without a
    broker). If sending fails the mail stays in the outbox, is retried, and
    the failure is noted on the registration.
    """
    notice = privacy_notice(language)
    with transaction.atomic():
        registration = form.save(commit=False)
        registration.language = language
        registration.privacy_notice_version = notice.version
        registration.privacy_notice_text = notice.text
        registration.save()
        form.save_m2m()
        registration.confirmation_mail = _queue_mail(
            to=registration.email,
            subject=lambda: _("Bitte bestätigen Sie Ihre Interessensbekundung"),
            template="interest_confirmation",
            context={
                "registration": registration,
                "confirm_url": confirmation_url(registration),
                "days": settings.HORIZONT_CONFIRMATION_DAYS,
            },
            language=language,
        )
        registration.save(update_fields=["confirmation_mail"])
    tasks.send_after_commit(registration, registration.confirmation_mail)
    return registration


def confirmation_url(registration: InterestRegistration) -> str:
    token = signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(registration.pk))
    with translation.override(registration.language):
        path = reverse("contacts:interest_confirm", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def registration_confirm(*, token: str) -> ConfirmResult:
    """Confirm the registration the signed link names; safe to call again."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    max_age = datetime.timedelta(days=settings.HORIZONT_CONFIRMATION_DAYS)
    expired = False
    try:
        pk = signer.unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        pk, expired = signer.unsign(token), True
    except signing.BadSignature:
        return ConfirmResult.INVALID
    with transaction.atomic():
        registration = (
            InterestRegistration.objects.select_for_update()
            .filter(pk=pk, anonymised_at__isnull=True)
            .first()
        )
        if registration is None:
            return ConfirmResult.EXPIRED if expired else ConfirmResult.INVALID
        if registration.status != Status.UNCONFIRMED:
            return ConfirmResult.ALREADY_CONFIRMED
        if expired:
            return ConfirmResult.EXPIRED
        registration.status = Status.NEW
        registration.confirmed_at = timezone.now()
        registration.notification_mail = _queue_team_notification(registration)
        registration.save(update_fields=["status", "confirmed_at", "notification_mail"])
    tasks.send_after_commit(registration, registration.notification_mail)
    return ConfirmResult.CONFIRMED


def _queue_team_notification(registration: InterestRegistration) -> Email:
    admin_path = reverse(
        "admin:contacts_interestregistration_change", args=[registration.pk]
    )
    return _queue_mail(
        to=settings.HORIZONT_TEAM_EMAIL,
        subject=lambda: (
            _("Neue Interessensbekundung: %(name)s")
            % {"name": registration.organisation or registration.name}
        ),
        template="interest_notification",
        context={
            "registration": registration,
            "admin_url": settings.SITE_URL.rstrip("/") + admin_path,
        },
        language=settings.LANGUAGE_CODE,
    )


def _queue_mail(
    *,
    to: str,
    subject: Callable[[], str],
    template: str,
    context: dict,
    language: str,
) -> Email:
    """Store a mail in the outbox, rendered in the given language.

    The Email row is written directly: post_office's `mail.send()` would run
    the finished texts through the template engine again, and a partner's
    name or message must never be read as template code.
    """
    with translation.override(language):
        subject_line = subject()
        text = render_to_string(f"email/{template}.txt", context)
        html_text = render_to_string(f"email/{template}.html", context)
    return Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        subject=" ".join(subject_line.split())[:200],
        message=text,
        html_message=html_text,
        status=STATUS.queued,
        priority=PRIORITY.medium,
    )


def _deliver(registration: InterestRegistration, email: Email) -> bool:
    """Try to send a queued mail now; on failure leave it to the outbox."""
    if email.dispatch() == STATUS.sent:
        return True
    # Back in the queue without a schedule: the next `send_pending_mail` run
    # retries it, and post_office counts the retries from there.
    email.status = STATUS.requeued
    email.scheduled_time = None
    email.number_of_retries = 0
    email.save(update_fields=["status", "scheduled_time", "number_of_retries"])
    registration.mail_failure = _failure_text(email)
    registration.save(update_fields=["mail_failure"])
    return False


def _failure_text(email: Email) -> str:
    log = email.logs.filter(status=STATUS.failed).order_by("-date").first()
    reason = f"{log.exception_type}: {log.message}" if log else _("unbekannter Fehler")
    if email.status == STATUS.failed:
        return _("Endgültig gescheitert (%(reason)s)") % {"reason": reason}
    return _("Wird erneut versucht (%(reason)s)") % {"reason": reason}


def send_pending_mail() -> int:
    """Send what the outbox holds, then update the registrations' mail notes.

    A lock in the shared cache keeps two servers' cron jobs from sending the
    same mails; post_office's file lock does the same on one machine.
    Returns the number of registrations whose note changed.
    """
    try:
        locked = cache.add(SEND_LOCK, True, timeout=30 * 60)
    except Exception:
        logger.warning("Cache unavailable: sending without the shared lock.")
        locked = None
    if locked is False:
        logger.info("Another send_pending_mail is running; nothing to do.")
        return 0
    try:
        # Not post_office's send_queued_mail_until_done(): it closes the
        # database connection between batches, which breaks a transaction
        # around the command (tests, or a caller's atomic block).
        with FileLock(default_lockfile):
            while get_queued().exists():
                send_queued()
    except FileLocked:
        logger.info("Another send_pending_mail is running on this machine.")
        return 0
    finally:
        if locked:
            cache.delete(SEND_LOCK)
    return _update_mail_failures()


def _update_mail_failures() -> int:
    unsent = [STATUS.failed, STATUS.requeued, STATUS.queued]
    registrations = InterestRegistration.objects.filter(
        Q(mail_failure__gt="")
        | Q(confirmation_mail__status__in=[STATUS.failed, STATUS.requeued])
        | Q(notification_mail__status__in=[STATUS.failed, STATUS.requeued])
    ).select_related("confirmation_mail", "notification_mail")
    changed = 0
    for registration in registrations:
        failures = [
            _failure_text(email)
            for email in (
                registration.confirmation_mail,
                registration.notification_mail,
            )
            if email and email.status in unsent and email.logs.exists()
        ]
        failure = "\n".join(failures)
        if failure != registration.mail_failure:
            registration.mail_failure = failure
            registration.save(update_fields=["mail_failure"])
            changed += 1
    return changed


def registrations_set_status(
    registrations: QuerySet[InterestRegistration],
    *,
    status: str,
    user: AbstractBaseUser,
) -> int:
    """Set the status of confirmed registrations and note who handled them.

    Unconfirmed ones are left alone: without confirmation there is no consent,
    and they must stay unconfirmed to be deleted on time.
    """
    return registrations.exclude(status=Status.UNCONFIRMED).update(
        status=status, handled_by=user
    )


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
        # The outbox holds copies of the person's data too.
        Email.objects.filter(pk__in=[pk for pk in mails if pk]).delete()


def registrations_anonymise(registrations: Iterable[InterestRegistration]) -> int:
    count = 0
    for registration in registrations:
        if registration.anonymised_at is None:
            registration_anonymise(registration)
            count += 1
    return count


def registrations_delete(registrations: QuerySet[InterestRegistration]) -> int:
    mails = list(registrations.values_list("confirmation_mail", "notification_mail"))
    with transaction.atomic():
        _total, per_model = registrations.delete()
        Email.objects.filter(
            pk__in=[pk for pair in mails for pk in pair if pk]
        ).delete()
    return per_model.get(InterestRegistration._meta.label, 0)


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


CSV_FIELDS = [
    "id",
    "created_at",
    "status",
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
    "language",
    "confirmed_at",
    "handled_by",
    "notes",
]


def write_registrations_csv(
    registrations: QuerySet[InterestRegistration], output: IO[str]
) -> int:
    """CSV as Excel opens it in Germany: UTF-8 with BOM, semicolons."""
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    opts = InterestRegistration._meta
    writer.writerow(
        [capfirst(opts.get_field(name).verbose_name) for name in CSV_FIELDS]
    )
    rows = registrations.select_related("event", "handled_by").prefetch_related(
        "topics", "partner_cities"
    )
    count = 0
    for registration in rows:
        writer.writerow([_cell(value) for value in _csv_row(registration)])
        count += 1
    return count


def _csv_row(registration: InterestRegistration) -> list:
    local = timezone.localtime
    return [
        registration.pk,
        local(registration.created_at).strftime("%d.%m.%Y %H:%M"),
        registration.get_status_display(),
        registration.name,
        registration.organisation,
        registration.email,
        registration.phone.as_international if registration.phone else "",
        registration.country.name,
        registration.event.title if registration.event else "",
        ", ".join(country.name for country in registration.countries),
        ", ".join(topic.name for topic in registration.topics.all()),
        ", ".join(city.name for city in registration.partner_cities.all()),
        registration.get_cooperation_display(),
        registration.message,
        registration.language,
        local(registration.confirmed_at).strftime("%d.%m.%Y %H:%M")
        if registration.confirmed_at
        else "",
        registration.handled_by.get_username() if registration.handled_by else "",
        registration.notes,
    ]


def _cell(value) -> str:
    """A cell Excel shows as text, never runs as a formula (CSV injection)."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def personal_data_export(email: str) -> dict:
    """Everything stored about one e-mail address (a GDPR access request)."""
    registrations = (
        InterestRegistration.objects.filter(email__iexact=email)
        .select_related("event", "confirmation_mail", "notification_mail")
        .prefetch_related("topics", "partner_cities")
    )
    contacts = Contact.objects.filter(email__iexact=email).select_related(
        "organisation"
    )
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "interest_registrations": [
            {
                "created_at": r.created_at.isoformat(),
                "status": r.status,
                "language": r.language,
                "name": r.name,
                "organisation": r.organisation,
                "email": r.email,
                "phone": str(r.phone or ""),
                "country": str(r.country or ""),
                "event": r.event.title if r.event else None,
                "cooperation": r.cooperation,
                "interest_countries": [str(c) for c in r.countries],
                "topics": [t.name for t in r.topics.all()],
                "partner_cities": [c.name for c in r.partner_cities.all()],
                "message": r.message,
                "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
                "privacy_notice_version": r.privacy_notice_version,
                "internal_notes": r.notes,
                "mails": [
                    {"subject": m.subject, "created": m.created.isoformat()}
                    for m in (r.confirmation_mail, r.notification_mail)
                    if m
                ],
            }
            for r in registrations
        ],
        "contact_records": [
            {
                "name": c.full_name,
                "role": c.role,
                "organisation": c.organisation.name if c.organisation else None,
                "phone": str(c.phone or ""),
                "email": c.email,
            }
            for c in contacts
        ],
    }


def personal_data_erase(email: str) -> tuple[int, int]:
    """Delete an address's registrations and its outbox mails; remove the
    address and phone from person records (reports keep the name as author).

    Returns (registrations deleted, person records cleared)."""
    with transaction.atomic():
        deleted = registrations_delete(
            InterestRegistration.objects.filter(email__iexact=email)
        )
        cleared = Contact.objects.filter(email__iexact=email).update(email="", phone="")
        Email.objects.filter(to__icontains=email).delete()
    return deleted, cleared
