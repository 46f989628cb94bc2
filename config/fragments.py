"""Pieces of public pages that are the same for every reader, rendered once.

A report card, an event line, a filter widget or the body of a report page
shows only stored data, so it is kept in the shared cache under the content
version (config.page_cache), which every committed public write moves on: a
piece never outlives what it shows, on any app server. Whether a row may be
shown at all (is the report published now?) is decided by each request's
query, never by a cached piece.

Unlike the page cache this also serves every filter, search term and page
number, and it is used for signed-in staff too: the pieces hold nothing
personal.
"""

import hashlib
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from config.page_cache import content_version

# A version lives until the next public write. The filter's countries follow
# what is published, and a scheduled report is published without a write: as
# with the page cache, its country is offered at the latest an hour later.
TIMEOUT = 3600

T = TypeVar("T")


def version() -> int:
    """The content version to key this request's pieces by (0: cache down)."""
    return content_version()


def key(version: int, kind: str, *parts: Hashable) -> str:
    """A short key in the reader's language; parts may be any user input."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f"fragment:{version}:{get_language()}:{kind}:{digest}"


def many(
    version: int, makers: dict[str, Callable[[], T]], timeout: int = TIMEOUT
) -> dict[str, T]:
    """Each key's cached value, made (and stored) by its maker where missing:
    one round trip to the cache for all of them, two when something is new."""
    if not version:  # without a cache there is nothing to share
        return {k: make() for k, make in makers.items()}
    found = cache.get_many(list(makers))
    missing = {k: makers[k]() for k in makers if k not in found}
    if missing:
        cache.set_many(missing, timeout)
    return found | missing


def one(version: int, key: str, make: Callable[[], T], timeout: int = TIMEOUT) -> T:
    return many(version, {key: make}, timeout)[key]


def each(
    version: int, kind: str, items: Iterable, parts: Callable, render: Callable
) -> list:
    """The cached piece of every item, in order: `parts(item)` tells one
    item's key apart; `render(missing_items)` returns their pieces in order,
    so that what they need can be fetched for all of them at once."""
    items = list(items)
    keys = [key(version, kind, *parts(item)) for item in items]
    found = cache.get_many(keys) if version else {}
    missing = [(k, item) for k, item in zip(keys, items, strict=True) if k not in found]
    if missing:
        made = dict(
            zip(
                [k for k, _ in missing],
                render([item for _, item in missing]),
                strict=True,
            )
        )
        if version:
            cache.set_many(made, TIMEOUT)
        found |= made
    return [found[k] for k in keys]
