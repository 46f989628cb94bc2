"""Whole-page cache for anonymous readers, in the shared cache.

Public pages are the same for every anonymous reader, so they are kept for
HORIZONT_PAGE_CACHE_SECONDS. The cache key carries a content version; every
committed write to public content bumps it, whoever makes it (the receivers
that `watch` connects, and the bulk updates of the public querysets), so a
published or corrected report shows at once on every app server. A report
scheduled for later appears at the latest one cache lifetime after its time.
Pages for signed-in staff, POSTs and anything marked private or no-store (the
interest form) are never cached.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware

VERSION_KEY = "public-content-version"


def content_version() -> int:
    try:
        return cache.get_or_set(VERSION_KEY, 1, timeout=None)
    except Exception:  # cache down: serve uncached rather than fail
        return 0


def public_content_changed() -> None:
    """Make every cached public page stale, on every app server."""
    try:
        cache.add(VERSION_KEY, 1, timeout=None)
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


def cacheable(request) -> bool:
    return (
        settings.HORIZONT_PAGE_CACHE_SECONDS > 0
        and not request.path.startswith(
            ("/admin/", "/" + settings.MEDIA_URL.lstrip("/"))
        )
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    )


# The middleware instances are shared by the requests of a process; gunicorn's
# sync workers (our default) serve one request at a time per process.


class PageCacheMixin:
    def _use(self, prefix: str) -> None:
        self.cache_timeout = settings.HORIZONT_PAGE_CACHE_SECONDS
        self.page_timeout = settings.HORIZONT_PAGE_CACHE_SECONDS
        self.key_prefix = prefix


class UpdatePageCacheMiddleware(PageCacheMixin, UpdateCacheMiddleware):
    def process_response(self, request, response):
        prefix = getattr(request, "_page_cache_prefix", None)
        if prefix is None:
            return response
        # Stored under the version the page was read with: a change made
        # meanwhile has already moved readers on to a newer version.
        self._use(prefix)
        return super().process_response(request, response)


class FetchPageCacheMiddleware(PageCacheMixin, FetchFromCacheMiddleware):
    def process_request(self, request):
        if not cacheable(request):
            request._cache_update_cache = False
            return None
        request._page_cache_prefix = f"pages-v{content_version()}"
        self._use(request._page_cache_prefix)
        return super().process_request(request)
