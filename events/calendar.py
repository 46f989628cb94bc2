"""iCalendar files of events, written by the icalendar library (RFC 5545)."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event

if TYPE_CHECKING:
    import icalendar

PRODID = "-//Horizont//Wirtschaftsförderung International//DE"


def uid_domain() -> str:
    """The site's own host, whatever host a request came by: a subscriber who
    fetches the calendar again sees the same calendar and events, no copies."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def build_calendar(events: Iterable[Event], request: HttpRequest) -> bytes:
    # icalendar (about 4 MiB) only in the workers that serve a calendar.
    import icalendar

    calendar = icalendar.Calendar.new(
        prodid=PRODID,
        name=_("Horizont: Termine"),
        uid=f"calendar{request.path}@{uid_domain()}",
    )
    calendar.add("method", "PUBLISH")
    for event in events:
        calendar.add_component(calendar_event(event, request))
    return calendar.to_ical()


def calendar_event(event: Event, request: HttpRequest) -> "icalendar.Event":
    import icalendar

    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    # Only events with a known day come here (Event.objects.dated()).
    if event.all_day:
        start = timezone.localtime(event.start).date()
        last_day = timezone.localtime(event.end).date() if event.end else start
        end = last_day + datetime.timedelta(days=1)  # DTEND of a date is exclusive
    else:
        start = event.start
        end = event.end or event.start + datetime.timedelta(hours=2)
    return icalendar.Event.new(
        uid=f"event-{event.pk}@{uid_domain()}",
        summary=event.title,
        start=start,
        end=end,
        location=event.place,
        description=event.description,
        url=request.build_absolute_uri(event.get_absolute_url()),
        stamp=timezone.now(),
    )
