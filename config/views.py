"""Pages the project serves itself: errors that need no database, and media
where no other host serves it (setting HORIZONT_SERVE_MEDIA)."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults, static


def database_unavailable(error: BaseException | None) -> bool:
    """Whether the error, or one it arose from, says the database is away."""
    driver = connection.Database
    kinds = (
        OperationalError,
        InterfaceError,
        driver.OperationalError,
        driver.InterfaceError,
    )
    for _depth in range(10):
        if error is None:
            return False
        if isinstance(error, kinds):
            return True
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """A database that is down or restarting is a 503 with a page of its own.

    The page is rendered without the request: context processors and the
    session would ask the database again.
    """
    if database_unavailable(sys.exc_info()[1]):
        return HttpResponse(
            loader.render_to_string("503.html"),
            status=503,
            headers={"Retry-After": "30"},
        )
    return defaults.server_error(request)


def media(request: HttpRequest, path: str) -> HttpResponse:
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    # An upload is never run as another type than the one it was stored as.
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
