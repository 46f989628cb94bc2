"""The mail outbox (django-post-office): queue, send now, retry later."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from post_office.lockfile import FileLock, FileLocked, default_lockfile
from post_office.mail import get_queued, send_queued
from post_office.models import PRIORITY, STATUS, Email

from contacts.models import InterestRegistration

logger = logging.getLogger(__name__)

SEND_LOCK = "contacts:send_pending_mail"


def queue_mail(
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


def deliver(registration: InterestRegistration, email: Email) -> bool:
    """Try to send a queued mail now; on failure leave it to the outbox."""
    if email.dispatch() == STATUS.sent:
        return True
    # Back in the queue without a schedule: the next `send_pending_mail` run
    # retries it, and post_office counts the retries from there.
    email.status = STATUS.requeued
    email.scheduled_time = None
    email.number_of_retries = 0
    email.save(update_fields=["status", "scheduled_time", "number_of_retries"])
    registration.mail_failure = failure_text(email)
    registration.save(update_fields=["mail_failure"])
    return False


def failure_text(email: Email) -> str:
    log = email.logs.filter(status=STATUS.failed).order_by("-date").first()
    reason = f"{log.exception_type}: {log.message}" if log else _("unbekannter Fehler")
    if email.status == STATUS.failed:
        return _("Endgültig gescheitert (%(reason)s)") % {"reason": reason}
    return _("Wird erneut versucht (%(reason)s)") % {"reason": reason}


def mails_to(address: str):
    """Outbox mails with this address among their recipients, exactly.

    post_office stores recipients as one comma-separated text, so a substring
    match would also find nada@example.com for ada@example.com.
    """
    address = address.strip().lower()
    candidates = Email.objects.filter(to__icontains=address).only("pk", "to")
    return Email.objects.filter(
        pk__in=[
            email.pk
            for email in candidates
            if address in {recipient.strip().lower() for recipient in email.to}
        ]
    )


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
            failure_text(email)
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
