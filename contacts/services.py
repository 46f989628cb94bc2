"""Interest registrations: submit, confirm, and the notice a partner agrees to."""

import contextlib
import datetime
import enum
import hashlib
import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from contacts.models import CONSENT_TEXT, InterestRegistration, LegalPage, Topic
from contacts.outbox import queue_mail
from delegations.models import PartnerCity
from events.models import Event, Report

logger = logging.getLogger(__name__)

CONFIRM_SALT = "contacts.interest.confirm"
Status = InterestRegistration.Status


@dataclass(frozen=True)
class PrivacyNotice:
    version: str
    text: str


class ConfirmResult(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
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
        "confirmation_hours": settings.HORIZONT_CONFIRMATION_HOURS,
        "mail_interval_hours": settings.HORIZONT_CONFIRMATION_MAIL_INTERVAL_HOURS,
        "session_hours": settings.HORIZONT_INTEREST_SESSION_HOURS,
        "team_email": settings.HORIZONT_TEAM_EMAIL,
    }


def registration_submit(
    *,
    name: str,
    organisation: str,
    email: str,
    phone: PhoneNumber | str,
    country: str,
    event: Event | None,
    countries: list[str],
    topics: Iterable[Topic],
    partner_cities: Iterable[PartnerCity],
    cooperation: str,
    message: str,
    language: str,
    source_report: Report | None = None,
) -> InterestRegistration | None:
    """Store the registration, then send the confirmation link after commit.

    An address gets at most one confirmation mail in
    HORIZONT_CONFIRMATION_MAIL_INTERVAL_HOURS, whoever fills in the form: a
    further registration is neither stored nor mailed (None), so nobody can
    flood a third party's inbox. The registration and its outbox mail are
    stored together; the mail is sent by contacts.tasks.send_mail once that
    is committed (on the worker, or in this process without a broker). If
    sending fails the mail stays in the outbox, is retried, and the failure
    is noted on the registration.
    """
    mailbox_key = _mailbox_key(email)
    if not _claim(mailbox_key):
        logger.info("Confirmation mail already sent to this address today.")
        return None
    try:
        registration = _store(
            notice=privacy_notice(language),
            language=language,
            fields={
                "name": name,
                "organisation": organisation,
                "email": email,
                "phone": phone,
                "country": country,
                "event": event,
                "source_report": source_report,
                "countries": countries,
                "cooperation": cooperation,
                "message": message,
            },
            topics=topics,
            partner_cities=partner_cities,
        )
    except Exception:
        # Nothing was stored or sent: the partner may try again at once.
        with contextlib.suppress(Exception):
            cache.delete(mailbox_key)
        raise
    from contacts import tasks  # Celery is loaded once a mail is queued

    tasks.send_after_commit(registration, registration.confirmation_mail)
    return registration


def _store(
    *,
    notice: PrivacyNotice,
    language: str,
    fields: dict,
    topics: Iterable[Topic],
    partner_cities: Iterable[PartnerCity],
) -> InterestRegistration:
    """The registration and its confirmation mail in the outbox, together."""
    with transaction.atomic(), translation.override(language):
        registration = InterestRegistration.objects.create(
            **fields,
            language=language,
            privacy_notice_version=notice.version,
            privacy_notice_text=notice.text,
            consent_text=str(CONSENT_TEXT),
        )
        registration.topics.set(topics)
        registration.partner_cities.set(partner_cities)
        registration.confirmation_mail = queue_mail(
            to=registration.email,
            subject=lambda: _("Bitte bestätigen Sie Ihre Interessensbekundung"),
            template="interest_confirmation",
            context={
                "registration": registration,
                "confirm_url": confirmation_url(registration),
                "hours": settings.HORIZONT_CONFIRMATION_HOURS,
            },
            language=language,
        )
        registration.save(update_fields=["confirmation_mail"])
    return registration


def _mailbox_key(email: str) -> str:
    """One key per inbox, as a hash (the cache never holds the address):
    `Ada@` and `ada+1@` reach the same inbox as `ada@`."""
    local, _at, domain = email.strip().lower().rpartition("@")
    mailbox = f"{local.split('+', 1)[0]}@{domain}"
    return "contacts:mailed:" + hashlib.sha256(mailbox.encode()).hexdigest()


def _claim(mailbox_key: str) -> bool:
    """True if this inbox may get a confirmation mail now, noting that it does
    (atomic in the shared cache, so two servers cannot both say yes)."""
    hours = settings.HORIZONT_CONFIRMATION_MAIL_INTERVAL_HOURS
    try:
        # django-redis answers None, not False, when Redis does not answer.
        added = cache.add(mailbox_key, True, timeout=hours * 3600)
    except Exception:
        added = None
    if added is None:
        # As with the rate limit: better a second mail than no registrations.
        logger.warning("Mail limit skipped: cache unavailable.")
        return True
    return added


def confirmation_url(registration: InterestRegistration) -> str:
    token = signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(registration.pk))
    with translation.override(registration.language):
        path = reverse("contacts:interest_confirm", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def _registration_for(token: str, *, lock: bool = False):
    """The registration a link names, and whether the link is still valid."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    max_age = datetime.timedelta(hours=settings.HORIZONT_CONFIRMATION_HOURS)
    try:
        pk, expired = signer.unsign(token, max_age=max_age), False
    except signing.SignatureExpired:
        pk, expired = signer.unsign(token), True
    except signing.BadSignature:
        return None, False
    registrations = InterestRegistration.objects.filter(
        pk=pk, anonymised_at__isnull=True
    )
    if lock:
        registrations = registrations.select_for_update()
    return registrations.first(), expired


def confirmation_state(*, token: str) -> ConfirmResult:
    """What the link's page shows; opening it changes nothing (mail scanners
    open links too)."""
    registration, expired = _registration_for(token)
    if registration is None:
        return ConfirmResult.EXPIRED if expired else ConfirmResult.INVALID
    if registration.status != Status.UNCONFIRMED:
        return ConfirmResult.CONFIRMED
    return ConfirmResult.EXPIRED if expired else ConfirmResult.PENDING


def registration_confirm(*, token: str) -> ConfirmResult:
    """Confirm the registration the signed link names; safe to call again."""
    with transaction.atomic():
        registration, expired = _registration_for(token, lock=True)
        if registration is None:
            return ConfirmResult.EXPIRED if expired else ConfirmResult.INVALID
        if registration.status != Status.UNCONFIRMED:
            return ConfirmResult.CONFIRMED
        if expired:
            return ConfirmResult.EXPIRED
        registration.status = Status.NEW
        registration.confirmed_at = timezone.now()
        registration.notification_mail = _queue_team_notification(registration)
        registration.save(update_fields=["status", "confirmed_at", "notification_mail"])
    from contacts import tasks  # Celery is loaded once a mail is queued

    tasks.send_after_commit(registration, registration.notification_mail)
    return ConfirmResult.CONFIRMED


def _queue_team_notification(registration: InterestRegistration):
    # Confirmed on a public page, whose requests know only the public URLs
    # (config.middleware.PublicURLsMiddleware): the admin's are in ROOT_URLCONF.
    admin_path = reverse(
        "admin:contacts_interestregistration_change",
        args=[registration.pk],
        urlconf=settings.ROOT_URLCONF,
    )
    return queue_mail(
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
