"""Pages the project serves itself: errors that need no database, and the
uploaded media, each file only to those who may see what it belongs to."""

import mimetypes
import sys

from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

from contacts.models import Organisation
from events.models import Photo


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


def media_is_public(name: str) -> bool:
    """A report's photos (and their renditions) are public once the report
    is; organisation logos always are; anything else is for staff only."""
    if name.startswith(("photos/", "renditions/photos/")):
        return Photo.objects.of_file(name).public().exists()
    if name.startswith("logos/"):
        return Organisation.objects.filter(logo=name).exists()
    return False


def media(request: HttpRequest, path: str) -> HttpResponse:
    # Stored names are at most 100 characters: longer paths name nothing.
    if len(path) > 255 or "\x00" in path or ".." in path.split("/"):
        raise Http404
    staff = request.user.is_active and request.user.is_staff
    public = media_is_public(path)
    if not (public or staff) or not default_storage.exists(path):
        raise Http404
    content_type, _encoding = mimetypes.guess_type(path)
    response = FileResponse(
        default_storage.open(path),
        content_type=content_type or "application/octet-stream",
    )
    # An upload is never run as another type than the one it was stored as.
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = (
        "public, max-age=86400" if public else "private, no-store"
    )
    return response
