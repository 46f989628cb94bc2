"""The Celery app: mails and scheduled jobs, on the worker where a broker is set.

Settings are the `CELERY_*` names in config/settings.py. Without
CELERY_BROKER_URL (the embedded default, `make run`) every task runs in the
process that queues it, after the transaction commits; `make worker` starts a
worker with beat for the broker in CELERY_BROKER_URL.

The web process loads this module only when it queues a task (the tasks
modules import it): Celery and kombu would add about 9 MiB to every web worker.

`describe()` says which of the two this environment uses (`make run` prints it).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("horizont")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule() -> dict:
    from django.conf import settings

    return {
        "send-pending-mail": {
            "task": "contacts.tasks.send_pending_mail",
            "schedule": settings.HORIZONT_OUTBOX_INTERVAL,
        },
        "apply-retention": {
            "task": "contacts.tasks.apply_retention",
            "schedule": crontab(hour=3, minute=30),
        },
        "remove-orphaned-renditions": {
            "task": "events.tasks.remove_orphaned_renditions",
            "schedule": crontab(hour=4, minute=15),
        },
        # Import files whose preview was never confirmed go after a day.
        "remove-stale-import-files": {
            "task": "contacts.tasks.remove_stale_import_files",
            "schedule": crontab(hour=3, minute=50),
        },
        # The interest form's sessions (one-time fill-time tokens) end after a day.
        "clear-sessions": {
            "task": "contacts.tasks.clear_sessions",
            "schedule": crontab(hour=3, minute=45),
        },
    }


@app.on_after_configure.connect
def schedule(sender, **kwargs):
    sender.conf.beat_schedule = beat_schedule()


def describe() -> str:
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        return (
            "No CELERY_BROKER_URL: mails are sent by this process after each "
            "commit, and scheduled jobs (outbox retries, retention, rendition "
            "clean-up) run only when started by hand (manage.py send_pending_mail, "
            "apply_retention)."
        )
    return (
        "Celery broker configured: mails and scheduled jobs run on the worker "
        "(make worker)."
    )
