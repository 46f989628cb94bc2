"""Keyset pagination for long, newest-first lists.

OFFSET pagination reads and throws away every row before the page and needs a
COUNT(*) over everything; at 100,000 reports a deep page took a second. A
keyset page starts from the last row seen ("older than this one"), which the
(status, publish_at, id) index finds at once, at any depth.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property

COUNT_LIMIT = 1000


@dataclass
class KeysetPage:
    items: list
    older: str | None  # cursor for the next page (older items), if any
    newer: str | None  # cursor for the previous page (newer items), if any
    result_count: int  # capped at COUNT_LIMIT + 1
    is_first: bool

    @property
    def count_is_capped(self) -> bool:
        return self.result_count > COUNT_LIMIT


def cursor_of(item, field: str) -> str:
    return f"{getattr(item, field).isoformat()}~{item.pk}"


def parse_cursor(value: str | None) -> tuple[datetime.datetime, int] | None:
    if not value or "~" not in value or len(value) > 80:
        return None
    stamp, _, pk = value.rpartition("~")
    try:
        moment = parse_datetime(stamp.replace(" ", "+"))
        number = int(pk)
    except ValueError:
        return None
    if moment is None or number < 0:
        return None
    return moment, number


def capped_count(queryset: QuerySet) -> int:
    return queryset.order_by()[: COUNT_LIMIT + 1].count()


def keyset_page(
    queryset: QuerySet,
    *,
    field: str,
    size: int,
    older: str | None,
    newer: str | None,
    count: Callable[[QuerySet], int] = capped_count,
) -> KeysetPage:
    """One page of `queryset`, newest first by (`field`, pk); `count` gives
    the number of results (capped), for instance from a cache."""
    result_count = count(queryset)
    after, before = parse_cursor(older), parse_cursor(newer)
    if before and not after:
        moment, pk = before
        # "(field, pk) > cursor", written so that PostgreSQL can start an
        # index range scan at the cursor (an OR of two conditions cannot).
        rows = list(
            queryset.filter(**{f"{field}__gte": moment})
            .exclude(**{field: moment, "pk__lte": pk})
            .order_by(field, "pk")[: size + 1]
        )
        has_newer = len(rows) > size
        items = list(reversed(rows[:size]))
        has_older = True
    else:
        if after:
            moment, pk = after
            queryset = queryset.filter(**{f"{field}__lte": moment}).exclude(
                **{field: moment, "pk__gte": pk}
            )
        rows = list(queryset.order_by(f"-{field}", "-pk")[: size + 1])
        items = rows[:size]
        has_older = len(rows) > size
        has_newer = after is not None
    return KeysetPage(
        items=items,
        older=cursor_of(items[-1], field) if items and has_older else None,
        newer=cursor_of(items[0], field) if items and has_newer else None,
        result_count=result_count,
        is_first=not has_newer,
    )


class KeptCountPaginator(Paginator):
    """Django's Paginator with the number of rows from `count()`, for a count
    kept in a cache (a COUNT over 20,000 past events took 1.8 ms a page)."""

    def __init__(self, *args, count: Callable[[], int], **kwargs):
        super().__init__(*args, **kwargs)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()
