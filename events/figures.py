"""Impact figures: what the team reports to the council every year.

Everything is counted in the database (GROUP BY through values().annotate())
in a fixed number of queries, whatever the amount of data. Two exceptions,
both one query each: a delegation's countries are a comma-separated column
(CountryField(multiple=True)), so delegations per country and region are
counted in Python over values_list; organisations are counted as distinct
(organisation, role) pairs gathered from four sources, whose number is
bounded by the organisations, not by the events.

Years: an event counts in its start's year, a delegation in its start date's
year, a report in its publication year. Events and delegations whose date is
open ("Termin folgt") belong to no year and are counted apart.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import Case, Count, Exists, OuterRef, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from contacts.models import InterestRegistration, Organisation, Role, Topic
from delegations import regions
from delegations.models import (
    Delegation,
    DelegationOrganisation,
    PartnerCity,
    ProgrammeItem,
)
from delegations.regions import Region
from events.models import Event, EventOrganisation, Report, ReportFacet

FIRST_YEAR, LAST_YEAR = 1900, 2100
CONFIRMED = [
    InterestRegistration.Status.NEW,
    InterestRegistration.Status.IN_PROGRESS,
    InterestRegistration.Status.DONE,
]


class FiguresForm(forms.Form):
    year = forms.IntegerField(
        label=_("Jahr"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_from = forms.IntegerField(
        label=_("von Jahr"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("bis Jahr"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    region = forms.ChoiceField(
        label=_("Weltregion"),
        required=False,
        choices=[("", _("Alle"))] + Region.choices,
    )
    direction = forms.ChoiceField(
        label=_("Richtung der Delegationen"),
        required=False,
        choices=[("", _("Alle"))] + Delegation.Direction.choices,
    )

    def clean(self):
        data = super().clean()
        if data.get("year"):
            data["year_from"] = data["year_to"] = data["year"]
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError(_("„von Jahr“ liegt nach „bis Jahr“."))
        return data


@dataclass(frozen=True)
class Selection:
    year_from: int | None = None
    year_to: int | None = None
    region: str = ""
    direction: str = ""

    @classmethod
    def from_form(cls, form: FiguresForm) -> "Selection":
        data = form.cleaned_data
        return cls(
            data.get("year_from"),
            data.get("year_to"),
            data.get("region") or "",
            data.get("direction") or "",
        )

    @property
    def region_label(self) -> str:
        return Region(self.region).label if self.region else ""

    @property
    def direction_label(self) -> str:
        return Delegation.Direction(self.direction).label if self.direction else ""

    @property
    def has_years(self) -> bool:
        return bool(self.year_from or self.year_to)

    def period(self) -> str:
        """For headings and file names: "2025", "2023-2025", "ab 2023", "alle Jahre"."""
        start, end = self.year_from, self.year_to
        if start and start == end:
            return str(start)
        if start and end:
            return f"{start}-{end}"
        if start:
            return gettext("ab %(year)s") % {"year": start}
        if end:
            return gettext("bis %(year)s") % {"year": end}
        return gettext("alle Jahre")

    def params(self, **extra) -> dict:
        """The selection as the list pages take it, plus what a figure adds."""
        values = {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "region": self.region,
        }
        values.update(extra)
        return {key: value for key, value in values.items() if value}

    def years(self, lookup: str) -> Q:
        condition = Q()
        if self.year_from:
            condition &= Q(**{f"{lookup}__year__gte": self.year_from})
        if self.year_to:
            condition &= Q(**{f"{lookup}__year__lte": self.year_to})
        return condition


def link(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


@dataclass
class Amount:
    """A number as reported: "mehr als 20" plus 5 is at least 25."""

    value: int = 0
    minimum: bool = False
    approximate: bool = False

    def add(self, value: int | None, qualifier: str = "exact") -> None:
        self.value += value or 0
        if qualifier == Event.CountQualifier.MORE_THAN:
            self.minimum = True
        elif qualifier in (Event.CountQualifier.ABOUT, Event.CountQualifier.ALMOST):
            self.approximate = True

    @property
    def qualifier(self) -> str:
        if self.minimum:
            return gettext("mindestens")
        if self.approximate:
            return gettext("rund")
        return ""

    def __str__(self):
        return f"{self.qualifier} {self.value}".strip()


@dataclass
class Cell:
    value: int | Amount
    url: str = ""


@dataclass
class Row:
    label: str
    cells: list[Cell]
    url: str = ""


@dataclass
class Table:
    slug: str
    title: str
    label: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    chart_columns: tuple[int, ...] = ()

    def charts(self) -> list[dict]:
        """Horizontal bar charts of some columns, drawn by the template as SVG."""
        if not self.rows:
            return []
        # About 8 units a character at font size 14: the labels' column fits
        # the longest label, so the chart stays readable when scaled to 360 px.
        label_width = 16 + 8 * max(len(row.label) for row in self.rows)
        return [self._chart(column, label_width) for column in self.chart_columns]

    def _chart(self, column: int, label_width: int) -> dict:
        values = [_number(row.cells[column].value) for row in self.rows]
        top = max(values) or 1
        bars = []
        for index, (row, value) in enumerate(zip(self.rows, values, strict=True)):
            width = BAR_AREA * value / top
            y = 8 + index * BAR_STEP
            # Written as text: the template would localise "12.5" to "12,5".
            bars.append(
                {
                    "label": row.label,
                    "text": str(row.cells[column].value),
                    "y": str(y),
                    "text_y": str(y + 16),
                    "width": f"{width:.1f}",
                    "value_x": f"{label_width + width + 6:.1f}",
                }
            )
        return {
            "id": f"figures-{self.slug}-chart-{column}",
            "title": f"{self.columns[column]} – {self.title}",
            "bars": bars,
            "height": str(16 + len(bars) * BAR_STEP),
            "width": str(label_width + BAR_AREA + 40),
            "label_width": str(label_width),
            "label_x": str(label_width - 8),
        }

    @property
    def span(self) -> int:
        return len(self.columns) + 1


BAR_AREA, BAR_STEP = 300, 30


def _number(value) -> int:
    return value.value if isinstance(value, Amount) else value


def figures(selection: Selection, *, registrations: bool = False) -> dict:
    """All tables for the selection (a fixed number of queries)."""
    events = Event.objects.filter(selection.years("start"))
    if selection.region:
        events = events.filter(country__in=regions.countries_in(selection.region))
    delegations = Delegation.objects.filter(selection.years("start_date"))
    if selection.region:
        delegations = delegations.filter(
            regions.multiple_country_q("countries", selection.region)
        )
    if selection.direction:
        delegations = delegations.filter(direction=selection.direction)
    reports = Report.objects.published().filter(selection.years("publish_at"))
    if selection.region:
        reports = reports.filter(
            Exists(
                ReportFacet.objects.filter(
                    report=OuterRef("pk"),
                    kind=ReportFacet.Kind.COUNTRY,
                    value__in=regions.countries_in(selection.region),
                )
            )
        )
    counter = Figures(selection, events, delegations, reports)
    tables = [
        counter.by_year(),
        counter.by_region(),
        counter.by_country(),
        counter.by_partner_city(),
        counter.by_format(),
        counter.by_topic(),
        counter.organisations(),
        counter.visited(),
    ]
    overview = counter.overview()
    if registrations:
        registration = registration_tables(selection)
        tables += registration
        overview.append(
            {
                "label": _("Bestätigte Interessensbekundungen"),
                "value": sum(row.cells[0].value for row in registration[0].rows),
                "url": reverse("admin:contacts_interestregistration_changelist"),
            }
        )
    return {"overview": overview, "tables": tables}


class Figures:
    def __init__(self, selection, events, delegations, reports):
        self.selection = selection
        self.events = events
        self.delegations = delegations
        self.reports = reports
        # One query: direction, countries, programme owner of each delegation.
        self.delegation_rows = list(
            delegations.values_list("pk", "direction", "countries", "programme_of")
        )

    def _params(self, **extra):
        return self.selection.params(**extra)

    def _event_link(self, **extra):
        return link("events:event_list", **self._params(**extra))

    def _delegation_link(self, **extra):
        extra.setdefault("direction", self.selection.direction)
        return link("delegations:delegation_list", **self._params(**extra))

    def _report_link(self, **extra):
        return link("events:report_list", **self._params(**extra))

    # Events: count and participants per group, with the number's qualifier.
    def _event_counts(self, *group, events=None) -> dict:
        result: dict = defaultdict(lambda: [0, Amount()])
        rows = (
            (self.events if events is None else events)
            .values(*group, "participant_count_qualifier")
            .annotate(n=Count("pk"), people=Sum("participant_count"))
            .order_by()
        )
        for row in rows:
            key = tuple(row[name] for name in group)
            key = key[0] if len(key) == 1 else key
            result[key][0] += row["n"]
            result[key][1].add(row["people"], row["participant_count_qualifier"])
        return result

    def _delegations_by_year(self) -> dict:
        result: dict = defaultdict(
            lambda: {"incoming": 0, "outgoing": 0, "size": Amount()}
        )
        rows = (
            self.delegations.annotate(year=ExtractYear("start_date"))
            .values("year", "direction", "size_is_approximate")
            .annotate(n=Count("pk", distinct=True), size=Sum("size"))
            .order_by()
        )
        for row in rows:
            entry = result[row["year"]]
            entry[row["direction"]] += row["n"]
            entry["size"].add(
                row["size"], "about" if row["size_is_approximate"] else "exact"
            )
        return result

    def _delegations_by_country(self) -> dict[str, Counter]:
        by_country: dict[str, Counter] = defaultdict(Counter)
        for _pk, direction, codes, _owner in self.delegation_rows:
            for code in _codes(codes):
                by_country[code][direction] += 1
        return by_country

    def overview(self) -> list[dict]:
        events = self.events.aggregate(n=Count("pk"))["n"]
        people = Amount()
        for row in (
            self.events.values("participant_count_qualifier")
            .annotate(people=Sum("participant_count"))
            .order_by()
        ):
            people.add(row["people"], row["participant_count_qualifier"])
        directions = Counter(direction for _p, direction, *_ in self.delegation_rows)
        s = self.selection
        items = [
            (_("Veranstaltungen"), events, self._event_link()),
            (_("Teilnehmende an Veranstaltungen"), people, self._event_link()),
        ]
        labels = {
            Delegation.Direction.INCOMING: _("Delegationen nach Dortmund"),
            Delegation.Direction.OUTGOING: _("Delegationen ins Ausland"),
        }
        for direction, label in labels.items():
            if not s.direction or s.direction == direction:
                items.append(
                    (
                        label,
                        directions[direction],
                        link(
                            "delegations:delegation_list",
                            **s.params(direction=direction),
                        ),
                    )
                )
        items.append(
            (_("Veröffentlichte Berichte"), self.reports.count(), self._report_link())
        )
        return [{"label": label, "value": v, "url": url} for label, v, url in items]

    def by_year(self) -> Table:
        table = Table(
            "years",
            _("Je Jahr"),
            _("Jahr"),
            [
                _("Veranstaltungen"),
                _("Teilnehmende"),
                _("Delegationen nach Dortmund"),
                _("Delegationen ins Ausland"),
                _("Mitglieder der Delegationen"),
                _("Berichte"),
            ],
            note=_(
                "Veranstaltungen und Delegationen zählen im Jahr ihres Beginns, "
                "Berichte im Jahr ihrer Veröffentlichung. „Termin folgt“ zählt "
                "in keinem Jahr."
            ),
            chart_columns=(0, 2),
        )
        events = self._event_counts(
            "year", events=self.events.annotate(year=ExtractYear("start"))
        )
        delegations = self._delegations_by_year()
        reports = dict(
            self.reports.annotate(year=ExtractYear("publish_at"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("year", "n")
        )
        years = sorted({*events, *delegations, *reports} - {None})
        for year in years:
            table.rows.append(
                self._year_row(str(year), year, events, delegations, reports)
            )
        if None in events or None in delegations:
            table.rows.append(
                self._year_row(
                    gettext("Termin folgt"), None, events, delegations, reports
                )
            )
        return table

    def _year_row(self, label, year, events, delegations, reports) -> Row:
        one = {"year_from": year, "year_to": year} if year else {"open": 1}
        event = events.get(year, [0, Amount()])
        delegation = delegations.get(year) or {
            "incoming": 0,
            "outgoing": 0,
            "size": Amount(),
        }
        return Row(
            label,
            [
                Cell(event[0], self._event_link(**one)),
                Cell(event[1]),
                Cell(
                    delegation["incoming"],
                    self._delegation_link(direction="incoming", **one),
                ),
                Cell(
                    delegation["outgoing"],
                    self._delegation_link(direction="outgoing", **one),
                ),
                Cell(delegation["size"]),
                Cell(reports.get(year, 0), self._report_link(**one) if year else ""),
            ],
        )

    def by_region(self) -> Table:
        table = Table(
            "regions",
            _("Je Weltregion"),
            _("Weltregion"),
            [
                _("Veranstaltungen"),
                _("Delegationen nach Dortmund"),
                _("Delegationen ins Ausland"),
                _("Berichte"),
            ],
            note=_(
                "Weltregionen nach der Einteilung der Vereinten Nationen (M49). "
                "Eine Veranstaltung zählt in der Region ihres Landes, eine "
                "Delegation in jeder Region ihrer Länder (einmal je Region)."
            ),
            chart_columns=(1, 2),
        )
        events: Counter = Counter()
        for code, (count, _people) in self._event_counts("country").items():
            events[regions.region_of(code)] += count
        delegations: dict[str, Counter] = defaultdict(Counter)
        for _pk, direction, codes, _owner in self.delegation_rows:
            for region in {regions.region_of(code) for code in _codes(codes)}:
                delegations[region][direction] += 1
        # One GROUP BY over the facet rows, each country mapped to its region
        # in SQL: a report about Korea and Japan counts once for Asia.
        region_reports = dict(
            ReportFacet.objects.filter(
                kind=ReportFacet.Kind.COUNTRY, report__in=self.reports
            )
            .annotate(
                region=Case(
                    *(
                        When(value__in=regions.countries_in(region), then=Value(region))
                        for region in Region.values
                    ),
                    default=Value(""),
                )
            )
            .values("region")
            .annotate(n=Count("report", distinct=True))
            .order_by()
            .values_list("region", "n")
        )
        for region, label in Region.choices:
            if self.selection.region and region != self.selection.region:
                continue
            params = {"region": region}
            table.rows.append(
                Row(
                    str(label),
                    [
                        Cell(events[region], self._event_link(**params)),
                        Cell(
                            delegations[region]["incoming"],
                            self._delegation_link(direction="incoming", **params),
                        ),
                        Cell(
                            delegations[region]["outgoing"],
                            self._delegation_link(direction="outgoing", **params),
                        ),
                        Cell(
                            region_reports.get(region, 0), self._report_link(**params)
                        ),
                    ],
                    # This page (public or admin) narrowed to the region.
                    url="?"
                    + urlencode(
                        self._params(region=region, direction=self.selection.direction)
                    ),
                )
            )
        return table

    def by_country(self) -> Table:
        table = Table(
            "countries",
            _("Je Land"),
            _("Land"),
            [
                _("Veranstaltungen"),
                _("Delegationen nach Dortmund"),
                _("Delegationen ins Ausland"),
                _("Berichte"),
            ],
            note=_(
                "Veranstaltungen nach dem Land, in dem sie stattfanden; Berichte "
                "nach allen Ländern der Veranstaltungen und Delegationen, über "
                "die sie berichten."
            ),
        )
        events = {
            code: count for code, (count, _p) in self._event_counts("country").items()
        }
        delegations = self._delegations_by_country()
        reports = dict(
            ReportFacet.objects.filter(
                kind=ReportFacet.Kind.COUNTRY, report__in=self.reports
            )
            .values("value")
            .annotate(n=Count("report"))
            .order_by()
            .values_list("value", "n")
        )
        codes = {*events, *delegations, *reports} - {""}
        if self.selection.region:
            codes &= regions.COUNTRIES[self.selection.region]
        for code in sorted(codes, key=lambda c: countries.name(c)):
            params = {"country": code}
            table.rows.append(
                Row(
                    countries.name(code) or code,
                    [
                        Cell(events.get(code, 0), self._event_link(**params)),
                        Cell(
                            delegations[code]["incoming"] if code in delegations else 0,
                            self._delegation_link(direction="incoming", **params),
                        ),
                        Cell(
                            delegations[code]["outgoing"] if code in delegations else 0,
                            self._delegation_link(direction="outgoing", **params),
                        ),
                        Cell(reports.get(code, 0), self._report_link(**params)),
                    ],
                )
            )
        return table

    def by_partner_city(self) -> Table:
        table = Table(
            "partner-cities",
            _("Je Partnerstadt"),
            _("Partnerstadt"),
            [_("Veranstaltungen"), _("Delegationen"), _("Berichte")],
        )
        events = dict(
            self.events.filter(partner_cities__isnull=False)
            .values("partner_cities")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
            .values_list("partner_cities", "n")
        )
        delegations = dict(
            self.delegations.filter(partner_cities__isnull=False)
            .values("partner_cities")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
            .values_list("partner_cities", "n")
        )
        reports = self._report_facets(ReportFacet.Kind.PARTNER_CITY)
        for city in PartnerCity.objects.only("pk", "name", "slug"):
            counts = (
                events.get(city.pk, 0),
                delegations.get(city.pk, 0),
                reports.get(str(city.pk), 0),
            )
            if not any(counts):
                continue
            params = {"partner_city": city.slug}
            table.rows.append(
                Row(
                    city.name,
                    [
                        Cell(counts[0], self._event_link(**params)),
                        Cell(counts[1], self._delegation_link(**params)),
                        Cell(counts[2], self._report_link(**params)),
                    ],
                    url=city.get_absolute_url(),
                )
            )
        return table

    def _report_facets(self, kind) -> dict[str, int]:
        return dict(
            ReportFacet.objects.filter(kind=kind, report__in=self.reports)
            .values("value")
            .annotate(n=Count("report"))
            .order_by()
            .values_list("value", "n")
        )

    def by_format(self) -> Table:
        table = Table(
            "formats",
            _("Je Format"),
            pgettext_lazy("Veranstaltung", "Format"),
            [_("Veranstaltungen"), _("Teilnehmende"), _("Berichte")],
        )
        events = self._event_counts("format")
        reports = self._report_facets(ReportFacet.Kind.FORMAT)
        for value, label in Event.Format.choices:
            count, people = events.get(value, [0, Amount()])
            if not count and not reports.get(value):
                continue
            params = {"format": value}
            table.rows.append(
                Row(
                    str(label),
                    [
                        Cell(count, self._event_link(**params)),
                        Cell(people),
                        Cell(reports.get(value, 0), self._report_link(**params)),
                    ],
                )
            )
        return table

    def by_topic(self) -> Table:
        table = Table(
            "topics",
            _("Je Thema"),
            _("Thema"),
            [_("Veranstaltungen"), _("Delegationen"), _("Berichte")],
        )
        events = dict(
            self.events.filter(topics__isnull=False)
            .values("topics")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
            .values_list("topics", "n")
        )
        delegations = dict(
            self.delegations.filter(topics__isnull=False)
            .values("topics")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
            .values_list("topics", "n")
        )
        reports = self._report_facets(ReportFacet.Kind.TOPIC)
        for topic in Topic.objects.all():
            counts = (
                events.get(topic.pk, 0),
                delegations.get(topic.pk, 0),
                reports.get(str(topic.pk), 0),
            )
            if not any(counts):
                continue
            params = {"topic": topic.slug}
            table.rows.append(
                Row(
                    topic.name,
                    [
                        Cell(counts[0], self._event_link(**params)),
                        Cell(counts[1], self._delegation_link(**params)),
                        Cell(counts[2], self._report_link(**params)),
                    ],
                )
            )
        return table

    def _stops(self):
        """Programme stops of the selected delegations (the programme they
        follow: Delegation.programme_owner) and of the selected events."""
        owners = {owner or pk for pk, _d, _c, owner in self.delegation_rows}
        return ProgrammeItem.objects.filter(
            Q(delegation__in=owners) | Q(event__in=self.events)
        )

    def organisations(self) -> Table:
        table = Table(
            "organisations",
            _("Beteiligte Organisationen"),
            _("Rolle"),
            [_("Organisationen")],
            note=_("Jede Organisation zählt je Rolle einmal."),
        )
        pairs: set[tuple[str, int]] = set()
        pairs.update(
            EventOrganisation.objects.filter(event__in=self.events)
            .values_list("role", "organisation")
            .distinct()
        )
        pairs.update(
            DelegationOrganisation.objects.filter(delegation__in=self.delegations)
            .values_list("role", "organisation")
            .distinct()
        )
        pairs.update(
            (Role.VENUE, pk)
            for pk in self.events.filter(venue__isnull=False)
            .values_list("venue", flat=True)
            .distinct()
        )
        pairs.update(
            (Role.HOST, pk)
            for pk in ProgrammeItem.hosts.through.objects.filter(
                programmeitem__in=self._stops()
            )
            .values_list("organisation", flat=True)
            .distinct()
        )
        by_role = Counter(role for role, _pk in pairs)
        for role, label in Role.choices:
            if by_role[role]:
                table.rows.append(Row(str(label), [Cell(by_role[role])]))
        table.rows.append(
            Row(
                gettext("zusammen (verschiedene)"),
                [Cell(len({pk for _r, pk in pairs}))],
            )
        )
        return table

    def visited(self) -> Table:
        """Organisations the selected delegations visited: marked visited on
        the delegation, hosts of the programme they followed, and visited or
        host at the events that belong to them."""
        table = Table(
            "visited",
            _("Besuchte Organisationen"),
            _("Organisation"),
            [_("Delegationen")],
            note=_("Wie viele der gewählten Delegationen die Organisation besuchten."),
        )
        followers: dict[int, set[int]] = defaultdict(set)
        for pk, _d, _c, owner in self.delegation_rows:
            followers[owner or pk].add(pk)
        visits: dict[int, set[int]] = defaultdict(set)
        for organisation, delegation in DelegationOrganisation.objects.filter(
            delegation__in=self.delegations, role=Role.VISITED
        ).values_list("organisation", "delegation"):
            visits[organisation].add(delegation)
        for organisation, owner in ProgrammeItem.hosts.through.objects.filter(
            programmeitem__delegation__in=list(followers)
        ).values_list("organisation", "programmeitem__delegation"):
            visits[organisation] |= followers[owner]
        for organisation, delegation in EventOrganisation.objects.filter(
            event__delegation__in=self.delegations,
            role__in=[Role.VISITED, Role.HOST],
        ).values_list("organisation", "event__delegation"):
            visits[organisation].add(delegation)
        names = Organisation.objects.filter(pk__in=list(visits)).only(
            "pk", "name", "slug"
        )
        for organisation in sorted(names, key=lambda o: (-len(visits[o.pk]), o.name)):
            table.rows.append(
                Row(
                    organisation.name,
                    [Cell(len(visits[organisation.pk]))],
                    url=organisation.get_absolute_url(),
                )
            )
        return table


def registration_tables(selection: Selection) -> list[Table]:
    """Confirmed registrations of interest (never public): per year, country,
    region and topic, in the year they came in."""
    registrations = InterestRegistration.objects.filter(
        selection.years("created_at"), status__in=CONFIRMED
    )
    if selection.region:
        registrations = registrations.filter(
            country__in=regions.countries_in(selection.region)
        )
    admin_list = reverse("admin:contacts_interestregistration_changelist")
    years = Table(
        "registrations-years",
        _("Bestätigte Interessensbekundungen je Jahr"),
        _("Jahr"),
        [_("Interessensbekundungen")],
    )
    for year, count in (
        registrations.annotate(year=ExtractYear("created_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
        .values_list("year", "n")
    ):
        years.rows.append(
            Row(str(year), [Cell(count, f"{admin_list}?created_at__year={year}")])
        )
    by_country = dict(
        registrations.values("country")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("country", "n")
    )
    country_table = Table(
        "registrations-countries",
        _("Bestätigte Interessensbekundungen je Land"),
        _("Land"),
        [_("Interessensbekundungen")],
    )
    region_counts: Counter = Counter()
    for code in sorted(by_country, key=lambda c: countries.name(c)):
        region_counts[regions.region_of(code)] += by_country[code]
        country_table.rows.append(
            Row(
                countries.name(code) or code,
                [Cell(by_country[code], f"{admin_list}?country={code}")],
            )
        )
    region_table = Table(
        "registrations-regions",
        _("Bestätigte Interessensbekundungen je Weltregion"),
        _("Weltregion"),
        [_("Interessensbekundungen")],
    )
    for region, label in Region.choices:
        if region_counts[region]:
            region_table.rows.append(Row(str(label), [Cell(region_counts[region])]))
    topic_table = Table(
        "registrations-topics",
        _("Bestätigte Interessensbekundungen je Thema"),
        _("Thema"),
        [_("Interessensbekundungen")],
    )
    by_topic = dict(
        registrations.filter(topics__isnull=False)
        .values("topics")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("topics", "n")
    )
    for topic in Topic.objects.filter(pk__in=list(by_topic)):
        topic_table.rows.append(
            Row(
                topic.name,
                [
                    Cell(
                        by_topic[topic.pk], f"{admin_list}?topics__id__exact={topic.pk}"
                    )
                ],
            )
        )
    return [years, region_table, country_table, topic_table]


def _codes(value) -> list[str]:
    if isinstance(value, str):
        return [code for code in value.split(",") if code]
    return [getattr(code, "code", code) for code in value or ()]
