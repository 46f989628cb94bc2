"""Dates as precisely as the team knows them.

A report may say "am 29. September", "im Juni 2024", "im vergangenen Jahr"
or "Termin folgt". Events and delegations store the date with its precision,
and everything that shows a date (pages, feeds, calendar) goes through
`describe()`, so no page shows a day or a time that nobody entered.

The admin takes such a date as one line of text (`parse()`): "29.09.2025
18:00", "29.09.2025", "09.2025", "September 2025", "2025", or nothing
for "Termin folgt".
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    TIME = "time", _("Tag und Uhrzeit")
    DAY = "day", _("Tag")
    MONTH = "month", _("Monat")
    YEAR = "year", _("Jahr")
    OPEN = "open", _("Termin folgt")


# Month names as an editor types them, in both languages.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            (),
            ("januar", "jan", "january", "jänner"),
            ("februar", "feb", "february"),
            ("märz", "maerz", "mär", "mar", "march"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("dezember", "dez", "dec", "december"),
        ]
    )
    for name in names
}
OPEN_WORDS = {"termin folgt", "offen", "tba", "tbd", "to be announced", "folgt"}

_DAY = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(
    r"(?:,\s*|um\s+)?(?:(\d{1,2})(?::|\.)(\d{2})(?:\s*uhr)?|(\d{1,2})\s*uhr)"
)
_MONTH_NUMERIC = re.compile(r"(\d{1,2})\s*[./]\s*(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_NAME = re.compile(r"([a-zäöü]+)\.?\s+(\d{4})")
_YEAR = re.compile(r"(\d{4})")


class InvalidDate(ValueError):
    pass


@dataclass(frozen=True)
class Rough:
    """What an editor typed: a date (and time) with how precise it is."""

    precision: str
    date: datetime.date | None = None
    time: datetime.time | None = None

    def start(self) -> datetime.date | None:
        return self.date

    def last_day(self) -> datetime.date | None:
        """The last day the date can mean: the day, the month's or the year's last."""
        if self.date is None:
            return None
        if self.precision == Precision.MONTH:
            last = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=last)
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        return self.date


def parse(text: str, *, with_time: bool = True) -> Rough:
    """One line of text as a rough date; raises InvalidDate with what to enter."""
    value = " ".join(text.strip().casefold().split())
    if not value or value in OPEN_WORDS:
        return Rough(Precision.OPEN)
    try:
        first, _space, rest = value.partition(" ")
        if first.endswith(","):
            first, rest = first[:-1], rest
        if match := _DAY.fullmatch(first):
            day, month, year = (int(g) for g in match.groups())
            rest = rest.strip()
            return _with_time(datetime.date(year, month, day), rest, with_time)
        if match := _ISO_DAY.fullmatch(first):
            year, month, day = (int(g) for g in match.groups())
            rest = rest.strip()
            return _with_time(datetime.date(year, month, day), rest, with_time)
        if match := _MONTH_NUMERIC.fullmatch(value) or _ISO_MONTH.fullmatch(value):
            first, second = (int(g) for g in match.groups())
            year, month = (first, second) if first > 12 else (second, first)
            return Rough(Precision.MONTH, datetime.date(year, month, 1))
        if (match := _MONTH_NAME.fullmatch(value)) and match.group(1) in MONTHS:
            month = MONTHS[match.group(1)]
            return Rough(Precision.MONTH, datetime.date(int(match.group(2)), month, 1))
        if match := _YEAR.fullmatch(value):
            return Rough(Precision.YEAR, datetime.date(int(match.group(1)), 1, 1))
    except ValueError as error:
        if isinstance(error, InvalidDate):
            raise
        raise InvalidDate(gettext("Dieses Datum gibt es nicht.")) from error
    raise InvalidDate(
        gettext(
            "Bitte ein Datum so genau eingeben, wie es bekannt ist: „29.09.2025 "
            "18:00“, „29.09.2025“, „09.2025“ oder „2025“; leer lassen, wenn der "
            "Termin noch folgt."
        )
        if with_time
        else gettext(
            "Bitte ein Datum so genau eingeben, wie es bekannt ist: „29.09.2025“, "
            "„09.2025“ oder „2025“; leer lassen, wenn der Termin noch folgt."
        )
    )


def _with_time(date: datetime.date, rest: str, with_time: bool) -> Rough:
    if not rest:
        return Rough(Precision.DAY, date)
    match = _TIME.fullmatch(rest)
    if not with_time or not match:
        raise InvalidDate(
            gettext("Bitte die Uhrzeit als „18:00“ angeben.")
            if with_time
            else gettext("Hier genügt der Tag, ohne Uhrzeit.")
        )
    hour, minute = (
        (int(match.group(1)), int(match.group(2)))
        if match.group(1)
        else (int(match.group(3)), 0)
    )
    return Rough(Precision.TIME, date, datetime.time(hour, minute))


def parse_time(text: str) -> datetime.time | None:
    """An end given as a time only ("21:00"): on the start's day."""
    match = _TIME.fullmatch(" ".join(text.strip().casefold().split()))
    if not match:
        return None
    if match.group(1):
        return datetime.time(int(match.group(1)), int(match.group(2)))
    return datetime.time(int(match.group(3)), 0)


def as_text(value, precision: str) -> str:
    """The date as the admin shows it for editing (parse() reads it back)."""
    if value is None or precision == Precision.OPEN:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        if precision == Precision.TIME:
            return value.strftime("%d.%m.%Y %H:%M")
        value = value.date()
    if precision == Precision.MONTH:
        return value.strftime("%m.%Y")
    if precision == Precision.YEAR:
        return value.strftime("%Y")
    return value.strftime("%d.%m.%Y")


def describe(start, precision: str, end=None, duration_days: int | None = None) -> str:
    """A date (or period) for readers, in the active language, never more
    precise than entered: "29. September 2025, 18:00", "Juni 2024",
    "zwei Tage im Juni 2024", "2024", "Termin folgt"."""
    if precision == Precision.OPEN or start is None:
        return gettext("Termin folgt")
    start_date = _local_date(start)
    end_date = _local_date(end) if end is not None else None
    if precision == Precision.YEAR:
        text = str(start_date.year)
        if end_date and end_date.year != start_date.year:
            text = f"{text}–{end_date.year}"
        return _duration(text, duration_days, within_year=True)
    if precision == Precision.MONTH:
        text = formats.date_format(start_date, "YEAR_MONTH_FORMAT")
        if end_date and (end_date.year, end_date.month) != (
            start_date.year,
            start_date.month,
        ):
            text = f"{text} – {formats.date_format(end_date, 'YEAR_MONTH_FORMAT')}"
        return _duration(text, duration_days)
    text = formats.date_format(start_date, "DATE_FORMAT")
    if end_date and end_date != start_date:
        text = f"{text} – {formats.date_format(end_date, 'DATE_FORMAT')}"
    if precision == Precision.TIME and isinstance(start, datetime.datetime):
        text = (
            f"{text}, {formats.time_format(timezone.localtime(start), 'TIME_FORMAT')}"
        )
        if end is not None and end_date == start_date and end != start:
            end_time = formats.time_format(timezone.localtime(end), "TIME_FORMAT")
            text = f"{text}–{end_time}"
    return text


def _duration(text: str, days: int | None, within_year: bool = False) -> str:
    if not days:
        return text
    if days == 1:
        return gettext(
            "ein Tag im Jahr %(when)s" if within_year else "ein Tag im %(when)s"
        ) % {"when": text}
    return (
        gettext("%(days)s Tage im Jahr %(when)s")
        if within_year
        else gettext("%(days)s Tage im %(when)s")
    ) % {"days": days, "when": text}


def _local_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def machine_value(start, precision: str) -> str:
    """The `<time datetime>` value: as precise as entered (2024, 2024-06)."""
    if start is None or precision == Precision.OPEN:
        return ""
    if precision == Precision.YEAR:
        return f"{_local_date(start):%Y}"
    if precision == Precision.MONTH:
        return f"{_local_date(start):%Y-%m}"
    if precision == Precision.DAY:
        return f"{_local_date(start):%Y-%m-%d}"
    return timezone.localtime(start).strftime("%Y-%m-%dT%H:%M%z")
