"""Report cards and event lines, rendered once per content version and
language (config.fragments) and shared by every list they appear in.

A list's query decides which rows a reader may see, per request; it reads
only their ids. The rows a piece shows are read only for pieces not rendered
yet, all at once.
"""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.translation import get_language

from config import fragments
from events.models import Event, Photo, Report

# What a card shows; the long search texts stay in the database.
CARD_FIELDS = ("pk", "slug", "slug_en", "title", "lead", "publish_at")


def report_cards(ids, version: int, *, heading_level: str = "3") -> list[str]:
    """A card per report id, in order; the first three load their photo eagerly."""

    def render(positions: list[tuple[int, int]]) -> list[str]:
        rows = (
            Report.objects.only(*CARD_FIELDS)
            .prefetch_related(
                Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"))
            )
            .in_bulk([pk for _, pk in positions])
        )
        context = {"heading_level": heading_level, "LANGUAGE_CODE": get_language()}
        return [
            render_to_string(
                "includes/report_card.html",
                {**context, "report": rows[pk], "forloop": {"counter": i + 1}},
            )
            for i, pk in positions
        ]

    return fragments.each(
        version,
        "card",
        enumerate(ids),
        lambda position: (position[1], heading_level, position[0] < 3),
        render,
    )


def event_items(ids, version: int) -> list[str]:
    """A line per event id (date, title, format, place), in order."""

    def render(missing: list[int]) -> list[str]:
        rows = (
            Event.objects.select_related("venue")
            .defer("description", "focus_countries")
            .in_bulk(missing)
        )
        return [
            render_to_string("includes/event_item.html", {"event": rows[pk]})
            for pk in missing
        ]

    return fragments.each(version, "event", ids, lambda pk: (pk,), render)
