"""Background work of the contacts app: the registration mails and daily upkeep.

Each mail is sent by `send_mail` once the registration that wrote it is
committed: on the Celery worker where a broker is configured, in the queuing
process otherwise. A failed send is retried with back-off; whatever is still
unsent afterwards (or could not be queued at all) is sent by the outbox job
that beat runs every few minutes. Every send takes a row lock on the mail and
checks that it is still unsent, so a mail goes out once however many workers,
retries and outbox runs meet.
"""

import datetime
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.models import STATUS, Email

from config.celery import app
from contacts import outbox, retention
from contacts.models import InterestRegistration

logger = logging.getLogger(__name__)
UNSENT = [STATUS.queued, STATUS.requeued]


def send_after_commit(registration: InterestRegistration, email: Email) -> None:
    """Queue the mail once the current transaction has committed.

    A broker that cannot be reached costs the request one short timeout: the
    mail stays in the outbox and the outbox job sends it.
    """

    def queue() -> None:
        try:
            send_mail.delay(email.pk)
        except Exception:
            logger.warning(
                "Mail %s not queued (broker unavailable); the outbox job sends it.",
                email.pk,
                exc_info=True,
            )
            return
        if send_mail.app.conf.task_always_eager:
            # Sent in this process: the caller may tell the partner how it went.
            registration.refresh_from_db(fields=["mail_failure"])

    transaction.on_commit(queue)


def deliver(email_pk: int) -> bool | None:
    """Send one outbox mail now, if nobody has sent it or is sending it.

    Returns True when it was sent, False when sending failed (it stays in the
    outbox, the failure noted on its registration), None when there was
    nothing to do.
    """
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True)
            .filter(pk=email_pk, status__in=UNSENT)
            .first()
        )
        if email is None:
            return None
        registration = InterestRegistration.objects.filter(
            Q(confirmation_mail=email) | Q(notification_mail=email)
        ).first()
        if registration is None:  # not a registration's mail
            return email.dispatch() == STATUS.sent
        sent = outbox.deliver(registration, email)
    if sent and registration.mail_failure:
        outbox._update_mail_failures()
    return sent


@app.task(bind=True, max_retries=None)
def send_mail(self, email_pk: int) -> None:
    if deliver(email_pk) is not False or self.request.is_eager:
        # Without a worker nothing retries now; the outbox run does later.
        return
    retries = self.request.retries
    if retries >= settings.HORIZONT_MAIL_RETRIES:
        logger.warning("Mail %s still unsent; left to the outbox job.", email_pk)
        return
    countdown = min(settings.HORIZONT_MAIL_RETRY_SECONDS * 2**retries, 3600)
    raise self.retry(countdown=countdown)


@app.task
def send_pending_mail() -> int:
    """Send what the outbox still holds; returns how many went out."""
    due = Q(scheduled_time__lte=timezone.now()) | Q(scheduled_time=None)
    pending = Email.objects.filter(due, status__in=UNSENT).order_by("pk")
    sent = 0
    for email_pk in pending.values_list("pk", flat=True):
        sent += bool(deliver(email_pk))
    outbox._update_mail_failures()
    return sent


@app.task
def apply_retention() -> tuple[int, int]:
    anonymised, deleted = retention.apply_retention()
    logger.info(
        "Retention: %s registration(s) anonymised, %s unconfirmed deleted.",
        anonymised,
        deleted,
    )
    return anonymised, deleted


@app.task
def clear_sessions() -> None:
    """Delete expired sessions: the interest form gives each visitor one."""
    call_command("clearsessions")


@app.task
def remove_stale_import_files(max_age=datetime.timedelta(days=1)) -> int:
    """An uploaded import waits in the media storage for its confirmation
    (config/spreadsheets.py); one never confirmed, its preview left open, is
    deleted after a day: a list of people is personal data."""
    folder = "django-import-export"  # import_export.tmp_storages.MediaStorage
    try:
        _folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - max_age
    stale = [
        f"{folder}/{name}"
        for name in names
        if default_storage.get_modified_time(f"{folder}/{name}") < cutoff
    ]
    for path in stale:
        default_storage.delete(path)
    return len(stale)
