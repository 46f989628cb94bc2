"""iCalendar files of events, written by the icalendar library (RFC 5545)."""

import datetime
from collections.abc import Iterable

import icalendar
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event

PRODID = "-//Horizont//Wirtschaftsförderung International//DE"


def build_calendar(events: Iterable[Event], request: HttpRequest) -> bytes:
    calendar = icalendar.Calendar.new(prodid=PRODID, name=_("Horizont: Termine"))
    calendar.add("method", "PUBLISH")
    for event in events:
        calendar.add_component(calendar_event(event, request))
    return calendar.to_ical()


def calendar_event(event: Event, request: HttpRequest) -> icalendar.Event:
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    if event.all_day:
        start = timezone.localtime(event.start).date()
        last_day = timezone.localtime(event.end).date() if event.end else start
        end = last_day + datetime.timedelta(days=1)  # DTEND of a date is exclusive
    else:
        start = event.start
        end = event.end or event.start + datetime.timedelta(hours=2)
    return icalendar.Event.new(
        uid=f"event-{event.pk}@{request.get_host()}",
        summary=event.title,
        start=start,
        end=end,
        location=event.place,
        description=event.description,
        url=request.build_absolute_uri(event.get_absolute_url()),
        stamp=timezone.now(),
    )
