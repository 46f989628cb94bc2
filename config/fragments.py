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

Each app server also keeps the pieces it has read lately (`Recent`, about
4 MiB), so that a page needs one round trip to the shared cache (the
version) instead of one per kind of piece. That copy holds nothing the shared
cache does not: its pieces are of the current version only (a new version
empties it) and expire when their shared entry does.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from config.page_cache import content_version

# A version lives until the next public write. The filter's countries follow
# what is published, and a scheduled report is published without a write: as
# with the page cache, its country is offered at the latest an hour later.
TIMEOUT = 3600

T = TypeVar("T")

# Pieces are stored as (deadline, piece); a release that stored the pieces
# themselves used "fragment". A new prefix whenever the stored form changes:
# during a rolling deploy, servers of both releases share Redis and a content
# version, and neither may read what the other stored.
PREFIX = "piece"


def size_of(piece: Any) -> int:
    """About how many bytes a piece holds in memory: its text (two bytes a
    character once there is a „ or –), plus a little per part."""
    if isinstance(piece, str):
        return 2 * len(piece) + 100
    if isinstance(piece, dict):
        return sum(size_of(value) for value in piece.values()) + 100
    if isinstance(piece, list | tuple):
        return sum(size_of(value) for value in piece) + 50
    return 50


class Recent:
    """The pieces of one content version this process read or made lately,
    each until the deadline its shared entry has; the ones read longest ago go
    first beyond `budget` bytes (a card takes 2–4 KB, a report page's body
    10–30 KB)."""

    def __init__(self, budget: int = 4 * 1024 * 1024):
        self.budget = budget
        self.used = 0
        self.version = 0
        self.pieces: OrderedDict[str, tuple[float, Any, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get_many(self, version: int, keys: Iterable[str]) -> dict[str, Any]:
        now, found = time.time(), {}
        with self.lock:
            if version != self.version:
                self.pieces.clear()
                self.used = 0
                self.version = version
            for key in keys:
                entry = self.pieces.get(key)
                if entry is not None and entry[0] > now:
                    self.pieces.move_to_end(key)
                    found[key] = entry[1]
        return found

    def put_many(self, version: int, entries: dict[str, tuple[float, Any]]) -> None:
        with self.lock:
            if version != self.version:
                return
            for key, (deadline, piece) in entries.items():
                size = size_of(piece)
                if size > self.budget:
                    continue
                old = self.pieces.pop(key, None)
                self.used += size - (old[2] if old else 0)
                self.pieces[key] = (deadline, piece, size)
            while self.used > self.budget:
                _key, (_deadline, _piece, size) = self.pieces.popitem(last=False)
                self.used -= size


RECENT = Recent()


def version() -> int:
    """The content version to key this request's pieces by (0: cache down)."""
    return content_version()


def key(version: int, kind: str, *parts: Hashable) -> str:
    """A short key in the reader's language; parts may be any user input."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()
    return f"{PREFIX}:{version}:{get_language()}:{kind}:{digest}"


def _cached(version: int, keys: list[str]) -> dict[str, Any]:
    """What is kept of `keys`, from this process or else the shared cache.
    A shared entry is (deadline, piece): a copy here ends when it does."""
    found = RECENT.get_many(version, keys)
    rest = [k for k in keys if k not in found]
    if rest:
        shared = {
            k: entry
            for k, entry in cache.get_many(rest).items()
            if isinstance(entry, tuple) and len(entry) == 2
        }
        RECENT.put_many(version, shared)
        found |= {k: piece for k, (_deadline, piece) in shared.items()}
    return found


def _keep(version: int, made: dict[str, Any], timeout: int) -> None:
    entries = {k: (time.time() + timeout, piece) for k, piece in made.items()}
    cache.set_many(entries, timeout)
    RECENT.put_many(version, entries)


def many(
    version: int, makers: dict[str, Callable[[], T]], timeout: int = TIMEOUT
) -> dict[str, T]:
    """Each key's cached value, made (and stored) by its maker where missing:
    at most one round trip to the shared cache for all of them, two when
    something is new."""
    if not version:  # without a cache there is nothing to share
        return {k: make() for k, make in makers.items()}
    found = _cached(version, list(makers))
    missing = {k: makers[k]() for k in makers if k not in found}
    if missing:
        _keep(version, missing, timeout)
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
    found = _cached(version, keys) if version else {}
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
            _keep(version, made, TIMEOUT)
        found |= made
    return [found[k] for k in keys]
