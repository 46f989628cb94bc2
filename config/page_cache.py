"""Whole-page cache for anonymous readers, in the shared cache.

Public pages are the same for every anonymous reader, so they are kept for
HORIZONT_PAGE_CACHE_SECONDS. Each page is stored with the content version it
was rendered under; every committed write to public content moves the version
on, whoever makes it (the receivers that `watch` connects, and the bulk updates
of the public querysets), and a page is served only while its version is the
current one: a published or corrected report shows at once on every app
server. A report scheduled for later appears at the latest one cache lifetime
after its time.

`PageCacheMiddleware` comes first: a hit is answered with one round trip to the
cache (the version and the page in one MGET, through django-redis' pooled
connection) and none of the other middleware, whose headers the stored page
already carries. A page past its lifetime is rendered again by one request
(which takes a short lock); meanwhile the others still get the old page, never
one of an older content version. Pages for signed-in staff, POSTs, the admin,
media and anything marked private or no-store (the interest form) are never
cached.
"""

import contextlib
import hashlib
import secrets
import time
from http.client import responses
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    has_vary_header,
    patch_response_headers,
)
from django.utils.http import http_date, parse_http_date_safe

VERSION_KEY = "public-content-version"
# How long one request may take to render an expired page again while the
# others are served the old one; after that another request tries.
REFRESH_LOCK_SECONDS = 10


def new_version() -> int:
    # Random, not 1: a version key lost to eviction or a flush must not come
    # back as a number that pages of older content are stored under.
    return secrets.randbelow(2**52) + 1


def content_version() -> int:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, new_version(), timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # cache down: serve uncached rather than fail
        return 0
    return version or 0


def public_content_changed() -> None:
    """Make every cached public page stale, on every app server."""
    try:
        cache.add(VERSION_KEY, new_version(), timeout=None)
        cache.incr(VERSION_KEY)
    except Exception:  # noqa: S110 - without a cache there is nothing stale
        pass


def public_content_changed_on_commit(**_signal) -> None:
    """Make cached pages stale once the write is committed: earlier, a reader
    could cache the old content again under the new version."""
    transaction.on_commit(public_content_changed)


def watch(*watched: type[models.Model]) -> None:
    """Make cached pages stale whenever a row of these models, or one of
    their many-to-many links, is saved or deleted, from any writer."""
    for model in watched:
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(public_content_changed_on_commit, model, dispatch_uid=uid)
        post_delete.connect(public_content_changed_on_commit, model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                public_content_changed_on_commit,
                field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )


def cacheable(request: HttpRequest) -> bool:
    """Whether the answer to this request is the same for every anonymous
    reader (HEAD gets the headers of one, but is not stored: it has no ETag)."""
    return (
        settings.HORIZONT_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(
            ("/admin/", "/" + settings.MEDIA_URL.lstrip("/"))
        )
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    )


def page_key(request: HttpRequest) -> str:
    """The page's key: scheme, host, path and query (the language is in the
    path). Raises DisallowedHost for a host the site does not serve."""
    url = request.build_absolute_uri().encode()
    return "page:" + hashlib.md5(url, usedforsecurity=False).hexdigest()


class Entry(NamedTuple):
    """A stored page: the content version and time it is good for, and the
    response as the whole middleware stack left it."""

    version: int
    fresh_until: float
    status: int
    headers: tuple[tuple[str, str], ...]
    # The request headers the page varies on (Vary), as it was rendered for.
    vary: tuple[tuple[str, str | None], ...]
    content: bytes

    def serves(self, request: HttpRequest, version: int | None) -> bool:
        """Whether this page may answer the request: rendered from the current
        content, for a request like it in every header it varies on."""
        return self.version == version and all(
            request.META.get(name) == value for name, value in self.vary
        )

    def response(self, request: HttpRequest, seconds: int) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status, headers=self.headers)
        response.headers["Expires"] = http_date(time.time() + seconds)
        # What ConditionalGetMiddleware does with a rendered page: 304 (or 412)
        # with the same headers as a rendered page would get.
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag or last_modified:
            response = get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return finish(request, response, seconds)

    def wsgi_answer(self, request: HttpRequest, seconds: int) -> tuple | None:
        """Status line, headers and body of the stored page as they are: what
        `response` gives a request without preconditions (If-None-Match …),
        without building a response; None for a request with them."""
        if any(name in request.META for name in PRECONDITIONS):
            return None
        expires = http_date(time.time() + seconds)
        headers = [
            (name, expires if name == "Expires" else value)
            for name, value in self.headers
        ]
        return f"{self.status} {responses[self.status]}", headers, self.content


PRECONDITIONS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


class Lookup(NamedTuple):
    key: str
    version: int | None
    entry: Entry | None

    def fresh(self, request: HttpRequest) -> Entry | None:
        entry = self.entry
        if (
            entry
            and entry.serves(request, self.version)
            and time.time() < entry.fresh_until
        ):
            return entry
        return None


def look_up(request: HttpRequest) -> Lookup | None:
    """The stored page and the current content version, in one round trip
    (an MGET through django-redis' pooled connection); None if the request is
    not answered from the cache."""
    if request.method != "GET" or not cacheable(request):
        return None
    try:
        key = page_key(request)
    except DisallowedHost:
        return None  # answered with 400 inside
    try:
        found = cache.get_many([VERSION_KEY, key])
    except Exception:  # cache down: render
        return Lookup(key, None, None)
    version = found.get(VERSION_KEY)
    if version is None:
        version = content_version()
    entry = found.get(key)
    return Lookup(key, version, entry if isinstance(entry, Entry) else None)


def finish(request: HttpRequest, response: HttpResponse, seconds: int):
    """The Cache-Control and Expires that Django's cache middleware gave
    every cacheable answer, hit or not (a browser may keep it as long)."""
    if response.streaming or response.status_code not in (200, 304):
        return response
    if not request.COOKIES and response.cookies and has_vary_header(response, "Cookie"):
        return response
    if "private" in response.get("Cache-Control", ""):
        return response
    patch_response_headers(response, seconds)
    return response


def vary_on(response: HttpResponse) -> list[str] | None:
    """The request headers (as META keys) the response depends on; None for
    `Vary: *`."""
    names = [
        name.strip() for name in cc_delim_re.split(response.get("Vary", "")) if name
    ]
    if "*" in names:
        return None
    return ["HTTP_" + name.upper().replace("-", "_") for name in names]


def storable(response: HttpResponse) -> bool:
    """The same for every anonymous reader: no cookie of anyone's, nothing
    marked private or not to be stored."""
    control = response.get("Cache-Control", "")
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(control)}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not directives & {"private", "no-store", "no-cache"}
        and "max-age=0" not in control.replace(" ", "")
        and vary_on(response) is not None
    )


def store(lookup: Lookup, request: HttpRequest, response: HttpResponse) -> None:
    """Keep the page under the version it was read with: a change made
    meanwhile has already moved readers on to a newer version."""
    seconds = settings.HORIZONT_PAGE_CACHE_SECONDS
    entry = Entry(
        version=lookup.version,
        fresh_until=time.time() + seconds,
        status=response.status_code,
        headers=tuple(response.items()),
        vary=tuple((name, request.META.get(name)) for name in vary_on(response)),
        content=response.content,
    )
    # Kept past its lifetime, to be served while one request renders it
    # again. Not stored (cache down): the next reader renders it.
    with contextlib.suppress(Exception):
        cache.set(lookup.key, entry, timeout=2 * seconds)


def claim_refresh(key: str) -> bool:
    """Whether this request is the one to render the expired page again (a
    short lock: SET NX with an expiry)."""
    return bool(cache.add(key + ":refresh", 1, timeout=REFRESH_LOCK_SECONDS))


# The page read by PageCacheApplication, for the middleware of the same request.
LOOKUP = "horizont.page_cache"


class PageCacheMiddleware:
    """First in MIDDLEWARE: answers anonymous readers' GETs from the cache,
    and stores what they are answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request):
            return self.get_response(request)
        seconds = settings.HORIZONT_PAGE_CACHE_SECONDS
        lookup = request.META.pop(LOOKUP, None) or look_up(request)
        if lookup is None:  # HEAD: the headers of a cacheable page, not stored
            return finish(request, self.get_response(request), seconds)
        if fresh := lookup.fresh(request):
            return fresh.response(request, seconds)
        refreshing = False
        if lookup.entry and lookup.entry.serves(request, lookup.version):
            # Expired: one request renders it again, the others get it as it was.
            refreshing = claim_refresh(lookup.key)
            if not refreshing:
                return lookup.entry.response(request, seconds)
        response = finish(request, self.get_response(request), seconds)
        if lookup.version and storable(response):
            store(lookup, request, response)
        if refreshing:
            cache.delete(lookup.key + ":refresh")
        return response


class PageCacheApplication:
    """Wraps Django's WSGI application (config/wsgi.py): a fresh cached page
    is answered before Django's request handling starts; anything else goes on
    to Django, with what was read for PageCacheMiddleware."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            environ.get("REQUEST_METHOD") == "GET"
            and settings.HORIZONT_PAGE_CACHE_SECONDS > 0
        ):
            try:
                answer = self.answer(environ)
            except Exception:  # whatever it is, Django answers it properly
                answer = None
            if answer is not None:
                status, headers, content = answer
                start_response(status, headers)
                return [content]
        return self.application(environ, start_response)

    @staticmethod
    def answer(environ) -> tuple | None:
        request = WSGIRequest(environ)
        lookup = look_up(request)
        if lookup is None:
            return None
        fresh = lookup.fresh(request)
        if fresh is None:
            environ[LOOKUP] = lookup
            return None
        seconds = settings.HORIZONT_PAGE_CACHE_SECONDS
        answer = fresh.wsgi_answer(request, seconds)
        if answer is None:  # preconditions: as the middleware answers them
            page = fresh.response(request, seconds)
            answer = (
                f"{page.status_code} {page.reason_phrase}",
                list(page.items()),
                page.content,
            )
        return answer
