"""Health endpoints: `/health/` for the load balancer (can this app server
answer?), `/health/all/` for monitoring (is everything it relies on there?).

Each check is a function that returns nothing or raises; the answer is 200
when every check passed and 500 otherwise, never cached. `Accept:
application/json` (or `?format=json`) gives `{"Database": "OK", …}`; anything
else gives the same as plain text, a line per check.

The endpoints are public (the load balancer probes through nginx), and a
check writes to the media storage or waits up to a second for the workers:
each app server process runs them at most once per KEEP_SECONDS and answers
the probes in between with that outcome, so a flood of requests costs no
more than one probe would.

Written here rather than taken from django-health-check: that package imports
all its checks at start (DNS resolver, SMTP), about 3.4 MiB in every web
worker, for the four lines each of these takes.
"""

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

Check = Callable[[], None]

# How long a process answers with the outcome it found: a failure reaches the
# load balancer at most this much later.
KEEP_SECONDS = 5.0
# Per process on purpose: it is this app server's health.
_kept: dict[tuple[str, ...], tuple[float, dict[str, str]]] = {}


class Unhealthy(Exception):
    """A check's service answered, but not as it should."""


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise Unhealthy("SELECT 1 did not return 1")


def storage() -> None:
    """Write, read and delete a small file where photos are kept."""
    content = uuid.uuid4().hex.encode()
    name = default_storage.save(
        f"health-check/{uuid.uuid4().hex}.txt", ContentFile(content)
    )
    try:
        with default_storage.open(name) as stored:
            if stored.read() != content:
                raise Unhealthy("the file read back differs from the one written")
    finally:
        default_storage.delete(name)
    if default_storage.exists(name):
        raise Unhealthy("the file written could not be deleted")


def shared_cache() -> None:
    key, value = f"health-check:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise Unhealthy("a value set could not be read back")
    finally:
        cache.delete(key)


def workers() -> None:
    """The broker, and at least one Celery worker answering through it."""
    from config.celery import app  # Celery only in a process that checks it

    if not app.control.ping(timeout=1.0, limit=1):
        raise Unhealthy("no worker answered within 1 s")


def results(checks: dict[str, Check]) -> dict[str, str]:
    """Each check's name with "OK" or "unavailable"; the reason goes to the log,
    not to the page (it may name hosts and users, and the page is public).
    Found again once KEEP_SECONDS have passed since the last time."""
    kept = _kept.get(tuple(checks))
    if kept is not None and time.monotonic() - kept[0] < KEEP_SECONDS:
        return kept[1]
    outcome = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:  # any failure is the answer
            logger.exception("Health check %s failed", name)
            outcome[name] = "unavailable"
        else:
            outcome[name] = "OK"
    _kept[tuple(checks)] = (time.monotonic(), outcome)
    return outcome


def respond(request: HttpRequest, checks: dict[str, Check]) -> HttpResponse:
    outcome = results(checks)
    status = 200 if set(outcome.values()) == {"OK"} else 500
    if request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    ):
        response = JsonResponse(outcome, status=status)
    else:
        text = "".join(f"{name}: {state}\n" for name, state in outcome.items())
        response = HttpResponse(text, status=status, content_type="text/plain")
    add_never_cache_headers(response)
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """What an app server needs to answer requests: the load balancer's probe.

    The cache and the broker are left out: without them the site still
    answers (slower, mails later), so they must not take servers out.
    """
    return respond(request, {"Database": database, "Storage": storage})


@require_safe
def health_all(request: HttpRequest) -> HttpResponse:
    """Everything, for monitoring: an error here is worth a look, not an outage."""
    checks = {"Database": database, "Storage": storage, "Cache": shared_cache}
    if settings.CELERY_BROKER_URL:
        checks["Workers"] = workers
    return respond(request, checks)
