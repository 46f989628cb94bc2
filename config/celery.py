"""The Celery app: mails and scheduled jobs, on the worker where a broker is set.

Settings are the `CELERY_*` names in config/settings.py. Without
CELERY_BROKER_URL (the embedded default, `make run`) every task runs in the
process that queues it, after the transaction commits; `make worker` starts a
worker with beat for the broker in CELERY_BROKER_URL.

`describe()` says which of the two this environment uses (`make run` prints it).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("horizont")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
