"""A programme pasted as a table: the stops of a delegation or tour in one go.

The team has a visit's programme as a table in Word or Excel; copied, the
browser hands it over as lines of tab-separated cells. Each line is a stop.
The first line may name the columns (German or English words, any order);
without it the columns are read as `DEFAULT_COLUMNS`. Hosts and speakers are
named as everywhere in the admin: an existing record by its name (ignoring
case and accents), a new name becomes a record on save (contacts/choosing.py).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts import choosing
from contacts.models import Contact, Organisation
from delegations.models import ProgrammeItem

# Header words (casefolded, without punctuation) and the field each names.
COLUMNS = {
    "time": {"zeit", "uhrzeit", "datum", "wann", "beginn", "time", "date", "when"},
    "title_de": {"programmpunkt", "titel", "punkt", "thema", "programm"},
    "title_en": {
        "programme item",
        "program item",
        "item",
        "title",
        "titel en",
        "programmpunkt en",
        "programme",
        "program",
    },
    "hosts": {"gastgeber", "gastgeberin", "besuch bei", "host", "hosts", "hosted by"},
    "place_de": {"ort", "veranstaltungsort"},
    "place_en": {"place", "venue", "location", "ort en"},
    "city": {"stadt", "city"},
    "description_de": {"beschreibung", "kurzbeschreibung", "inhalt"},
    "description_en": {"description", "beschreibung en", "content"},
    "speakers": {
        "vortragende",
        "referent",
        "referentin",
        "referenten",
        "redner",
        "speaker",
        "speakers",
    },
}
DEFAULT_COLUMNS = ("time", "title_de", "title_en", "hosts", "place_de", "place_en")
LIMITS = {
    "title_de": 200,
    "title_en": 200,
    "place_de": 200,
    "place_en": 200,
    "city": 100,
}
# The longest name of one host or speaker (an organisation's name; a person's
# first and family names each take 100).
NAME_LIMITS = {"hosts": 200, "speakers": 100}
MAX_ROWS = 200
NUMBERING = {"", "nr", "no", "#"}
KNOWN = "Zeit, Programmpunkt, Programme item, Gastgeber, Ort, Place, Stadt, " + (
    "Beschreibung, Description, Vortragende"
)
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:\s*(?:uhr|h))?(?:\s*[-–].*)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})?$")


def _header_key(cell: str) -> str:
    return " ".join(re.sub(r"[^\w ]+", " ", cell.casefold()).split())


def _column(cell: str) -> str | None:
    key = _header_key(cell)
    for name, words in COLUMNS.items():
        if key in words:
            return name
    return None


def _names(cell: str) -> list[str]:
    """Several hosts or speakers in one cell: separated by ";" or a new line."""
    return [name.strip() for name in re.split(r"[;\n]", cell) if name.strip()]


@dataclass
class Stop:
    """One pasted line, checked, not yet saved."""

    line: int
    values: dict[str, str] = field(default_factory=dict)
    starts_at: datetime.datetime | None = None
    hosts: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


def _split(text: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        separator = "\t" if "\t" in line else "|"
        rows.append((number, [cell.strip() for cell in line.split(separator)]))
    return rows


def _moment(
    cell: str, day: datetime.date | None, line: int
) -> tuple[datetime.datetime | None, datetime.date | None]:
    """A stop's start from "30.09.2025 10:00", "30.09. 10:00" or "10:00"
    (the day of the line before, or the programme's first day)."""
    text = " ".join(cell.casefold().replace("uhr", "").split())
    if not text:
        return None, day
    first, _space, rest = text.partition(" ")
    if match := _DAY_MONTH.fullmatch(first):
        day_number, month, year = match.groups()
        year = int(year) if year else (day.year if day else None)
        if year is None:
            raise ValidationError(
                _("Zeile %(line)s: Bitte das Jahr angeben, z. B. „30.09.2025 10:00“.")
                % {"line": line}
            )
        try:
            day = datetime.date(year, int(month), int(day_number))
        except ValueError:
            raise ValidationError(
                _("Zeile %(line)s: Den Tag „%(text)s“ gibt es nicht.")
                % {"line": line, "text": first}
            ) from None
        text = rest.strip()
        if not text:
            raise ValidationError(
                _(
                    "Zeile %(line)s: Bitte eine Uhrzeit angeben („30.09.2025 "
                    "10:00“) oder die Zeit-Spalte dieser Zeile leer lassen."
                )
                % {"line": line}
            )
    match = _TIME.fullmatch(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError(
            _(
                "Zeile %(line)s: „%(text)s“ ist keine Zeit. So geht es: „10:00“ "
                "oder „30.09.2025 10:00“."
            )
            % {"line": line, "text": cell}
        )
    if day is None:
        raise ValidationError(
            _(
                "Zeile %(line)s: Zu „%(text)s“ fehlt der Tag: bitte „30.09.2025 "
                "10:00“ schreiben oder oben das Datum der Delegation angeben."
            )
            % {"line": line, "text": cell}
        )
    time = datetime.time(int(match.group(1)), int(match.group(2)))
    return timezone.make_aware(datetime.datetime.combine(day, time)), day


def parse_programme_table(
    text: str, *, first_day: datetime.date | None = None
) -> list[Stop]:
    """The stops of a pasted table; raises ValidationError naming each bad
    line, so that nothing is saved from a table with a mistake in it."""
    rows = _split(text)
    if not rows:
        return []
    columns: list[str | None] = list(DEFAULT_COLUMNS)
    named = [_column(cell) for cell in rows[0][1]]
    if any(named):
        unknown = [
            cell
            for cell, name in zip(rows[0][1], named, strict=True)
            if not name and cell and _header_key(cell) not in NUMBERING
        ]
        if unknown:
            raise ValidationError(
                _(
                    "Die Spalte „%(name)s“ ist unbekannt: bitte umbenennen oder "
                    "aus der Tabelle löschen. Erkannt werden: %(names)s."
                )
                % {"name": unknown[0], "names": KNOWN}
            )
        columns = named
        rows = rows[1:]
    if "title_de" not in columns:
        raise ValidationError(
            _(
                "Die Tabelle braucht eine Spalte „Programmpunkt“ (der Titel auf "
                "Deutsch). Spalten, die erkannt werden: %(names)s."
            )
            % {"names": KNOWN}
        )
    if len(rows) > MAX_ROWS:
        raise ValidationError(
            _("Höchstens %(max)s Programmpunkte auf einmal.") % {"max": MAX_ROWS}
        )
    stops, errors = [], []
    day = first_day
    for line, cells in rows:
        stop = Stop(line)
        try:
            if len(cells) > len(columns):
                extra = [c for c in cells[len(columns) :] if c]
                if extra:
                    raise ValidationError(
                        _(
                            "Zeile %(line)s hat mehr Spalten als die Kopfzeile "
                            "(„%(text)s“). Bitte die Kopfzeile mit einfügen."
                        )
                        % {"line": line, "text": extra[0][:40]}
                    )
            for name, cell in zip(columns, cells, strict=False):
                if name is None or not cell:
                    continue
                if name == "time":
                    stop.starts_at, day = _moment(cell, day, line)
                elif name in NAME_LIMITS:
                    names = _names(cell)
                    too_long = [n for n in names if len(n) > NAME_LIMITS[name]]
                    if too_long:
                        raise ValidationError(
                            _(
                                "Zeile %(line)s: Der Name „%(text)s…“ ist zu lang "
                                "(höchstens %(max)s Zeichen; mehrere mit „;“ "
                                "trennen)."
                            )
                            % {
                                "line": line,
                                "text": too_long[0][:30],
                                "max": NAME_LIMITS[name],
                            }
                        )
                    getattr(stop, name).extend(names)
                else:
                    limit = LIMITS.get(name)
                    if limit and len(cell) > limit:
                        raise ValidationError(
                            _(
                                "Zeile %(line)s: „%(text)s…“ ist zu lang für "
                                "diese Spalte (höchstens %(max)s Zeichen)."
                            )
                            % {"line": line, "text": cell[:30], "max": limit}
                        )
                    stop.values[name] = cell
            if not stop.values.get("title_de"):
                raise ValidationError(
                    _("Zeile %(line)s: Der Programmpunkt (Titel auf Deutsch) fehlt.")
                    % {"line": line}
                )
        except ValidationError as error:
            errors.extend(error.messages)
        else:
            stops.append(stop)
    if errors:
        raise ValidationError(errors)
    return stops


def _named(model: type[models.Model], names: list[str]) -> list[models.Model]:
    records = []
    for name in names:  # one at a time: a name twice is one record
        record = choosing.record_named(model, name)
        if record.pk is None:
            record.save()
        if record not in records:
            records.append(record)
    return records


@transaction.atomic
def add_programme_stops(owner: models.Model, stops: list[Stop]) -> list[ProgrammeItem]:
    """Append the stops to the programme of a delegation or an event, after
    the ones it has; each saved through save(), so history, search text and
    the page cache follow as for a stop entered in the form."""
    owner_field = "event" if owner._meta.model_name == "event" else "delegation"
    existing = ProgrammeItem.objects.filter(**{owner_field: owner})
    order = (existing.aggregate(last=models.Max("order"))["last"] or 0) + 1
    saved = []
    for offset, stop in enumerate(stops):
        item = ProgrammeItem(
            **{owner_field: owner},
            order=order + offset,
            starts_at=stop.starts_at,
            **stop.values,
        )
        item.save()
        if stop.hosts:
            item.hosts.set(_named(Organisation, stop.hosts))
        if stop.speakers:
            item.speakers.set(_named(Contact, stop.speakers))
        saved.append(item)
    return saved
