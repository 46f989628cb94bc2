from collections.abc import Hashable

from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from config import fragments, i18n, prepared
from config.slugs import TranslatedSlugMixin, first_by_slug
from contacts.models import Involvement, Role, by_role
from delegations import maps
from delegations.models import Delegation, DelegationOrganisation, PartnerCity
from delegations.models import programmes as delegation_programmes
from events import calendar, figures, figures_export, pieces
from events.figures import FiguresForm, Selection
from events.filters import EventFilter, ReportFilter, filter_widgets
from events.models import Event, EventOrganisation, EventPerson, Photo, Report
from events.pagination import KeptCountPaginator, capped_count, keyset_page

EVENT_RELATIONS = [
    Prefetch(
        "involvements",
        queryset=EventOrganisation.objects.select_related("organisation"),
    ),
    "topics",
    "partner_cities",
]


def partner_cities_panel() -> str:
    """The home page's map and list of partner cities: the same for every
    reader, so rendered once per content version and language."""
    partner_cities = list(PartnerCity.objects.all())
    return render_to_string(
        "includes/home_cities.html",
        {
            "partner_cities": partner_cities,
            "world": maps.WORLD,
            "world_points": maps.city_points(partner_cities),
            "map_width": maps.WIDTH,
            "home": maps.DORTMUND,
            "map_height": maps.HEIGHT,
        },
    )


def upcoming_ids(version: int, events, limit: int, parts: Hashable) -> list[int]:
    """The next events' ids, kept per content version and minute like a
    list's count (events have no publication state; one that has just ended
    leaves the list within the minute): 0.5 ms of PostgreSQL's time a page at
    20,000 events."""
    return fragments.one(
        version,
        fragments.key(version, "upcoming", limit, parts),
        lambda: list(events.upcoming().values_list("pk", flat=True)[:limit]),
        timeout=60,
    )


def home(request):
    version = fragments.version()
    context = {
        "report_cards": pieces.report_cards(
            Report.objects.published().values_list("pk", flat=True)[:6], version
        ),
        "upcoming_events": pieces.event_items(
            upcoming_ids(version, Event.objects.all(), 4, ()), version
        ),
        "partner_cities_panel": fragments.one(
            version, fragments.key(version, "home-cities"), partner_cities_panel
        ),
    }
    return render(request, "events/home.html", context)


class ReportListView(TemplateView):
    template_name = "events/report_list.html"
    page_size = 12

    def get_context_data(self, **kwargs):
        params = self.request.GET
        version = fragments.version()
        # Only what the keyset needs: the cards come rendered (events.pieces).
        filterset = ReportFilter(
            params,
            queryset=Report.objects.published().values_list(
                "pk", "publish_at", named=True
            ),
            version=version,
        )
        queryset = filterset.qs if filterset.is_valid() else Report.objects.none()
        chosen = {k: v for k, v in params.items() if v and k not in ("older", "newer")}
        page = keyset_page(
            queryset,
            field="publish_at",
            size=self.page_size,
            older=params.get("older"),
            newer=params.get("newer"),
            # The same for every page of a filter: counted once per content
            # version and minute (a report scheduled for later is counted
            # within the minute, as the page cache shows it).
            count=lambda qs: fragments.one(
                version,
                fragments.key(
                    version,
                    "report-count",
                    # What chooses the reports: the form's valid fields.
                    sorted(
                        (name, tuple(params.getlist(name)))
                        for name in chosen
                        if name in filterset.filters
                    )
                    if filterset.is_valid()
                    else "invalid",
                ),
                lambda: capped_count(qs),
                timeout=60,
            ),
        )
        return super().get_context_data(
            filter=filterset,
            filter_panel=filter_panel(filterset, version, bool(chosen)),
            page=page,
            object_list=page.items,
            cards=pieces.report_cards(
                [report.pk for report in page.items], version, heading_level="2"
            ),
            is_filtered=bool(chosen),
            **kwargs,
        )


# Stands for the search term in a kept filter form: the term is put in per
# request, so that every term a reader types shares one kept form.
SEARCH_TERM = "\x00search-term\x00"


def filter_panel(filterset, version: int, is_filtered: bool) -> str:
    """The report list's search and filter form. A valid choice shows the same
    form to every reader, so it is rendered once per content version and
    language, with the search term put in per request; an invalid choice is
    rendered as it is."""

    def render() -> str:
        return render_to_string(
            "includes/report_filters.html",
            {
                "filter": filterset,
                "filter_fields": filter_widgets(filterset, version),
                "is_filtered": is_filtered,
                "search_term": SEARCH_TERM,
            },
        )

    # Only the form's own fields: anything else in the address changes nothing.
    data = filterset.data
    values = [
        (name, data.getlist(name))
        for name in sorted(filterset.filters)
        if name != "q" and name in data
    ]
    if filterset.form.errors or len(repr(values)) > 300:
        panel = render()
    else:
        panel = fragments.one(
            version,
            fragments.key(version, "report-filters", is_filtered, values),
            render,
        )
    term = filterset.form["q"].value() or ""
    return mark_safe(panel.replace(SEARCH_TERM, escape(term)))  # noqa: S308


# What the page shows of a report beyond its body: the title and lead.
REPORT_HEAD_FIELDS = ("pk", "slug", "slug_en", "title", "lead")

# The public lookup of a report page, compiled once and prepared on PostgreSQL
# (config.prepared): the reports with this slug in either language, at most
# two. Whether the reader may see one is asked of the row, by the rule of
# Report.objects.published(): with the date in its SQL, PostgreSQL had to plan
# the lookup on every request (a third of its time), and a plan made once for
# any date scans every visible report (12 ms at 100k).
REPORT_BY_SLUG = prepared.Prepared(
    Report,
    ("id", "slug", "slug_en", "title_de", "title_en", "lead_de", "lead_en")
    + ("status", "publish_at", "unpublish_at"),
    lambda slug: Report.objects.filter(Q(slug=slug) | Q(slug_en=slug)).order_by(),
    slug="\x00slug",
)


def visible_report(slug: str) -> Report | None:
    """The report a public address names, if the reader may see it now."""
    now = timezone.now()
    found = [r for r in REPORT_BY_SLUG.instances(slug=slug) if r.is_public(now)]
    return first_by_slug(found, slug)


def report_body(pk: int) -> dict:
    """The rendered page of a report, from the breadcrumb to the invitation,
    with what the rest of the page needs from it: the photo for link
    previews and the topics that choose related reports. It shows only the
    report's own data, so it is kept per content version (config.fragments).
    """
    report = (
        Report.objects.select_related("author")
        .prefetch_related(
            "sections",
            Prefetch("photos", queryset=Photo.objects.order_by("order", "pk")),
            Prefetch(
                "events",
                queryset=Event.objects.select_related("venue")
                .prefetch_related(*EVENT_RELATIONS)
                .order_by(F("start").asc(nulls_last=True), "pk"),
            ),
            Prefetch(
                "delegations",
                queryset=Delegation.objects.prefetch_related(
                    "partner_cities",
                    Prefetch(
                        "involvements",
                        queryset=DelegationOrganisation.objects.select_related(
                            "organisation"
                        ),
                    ),
                ),
            ),
            "contacts",
        )
        .get(pk=pk)
    )
    events = list(report.events.all())
    delegations = list(report.delegations.all())
    programmes = delegation_programmes(delegations, events)
    organisations = by_role(
        [row for event in events for row in event.involvements.all()]
        + [row for d in delegations for row in d.involvements.all()]
        + [
            Involvement(role=Role.HOST, organisation=host)
            for programme in programmes
            for stop in programme["stops"]
            for host in stop.hosts.all()
        ]
        + [
            Involvement(role=Role.VENUE, organisation=event.venue)
            for event in events
            if event.venue
        ]
    )
    topics = {topic.pk: topic for event in events for topic in event.topics.all()}
    partner_cities = {
        city.pk: city for event in events for city in event.partner_cities.all()
    }
    partner_cities.update(
        {city.pk: city for d in delegations for city in d.partner_cities.all()}
    )
    photos = list(report.photos.all())
    german_only = i18n.german_only(
        [
            (_("Vorspann"), [report], ("lead",)),
            (_("Abschnitte"), report.sections.all(), ("heading", "body")),
            (_("Bildunterschriften"), photos, ("caption", "alt_text")),
            (_("Veranstaltungen"), events, ("title",)),
            (_("Delegationen"), delegations, ("title",)),
            (
                _("Programm"),
                [stop for p in programmes for stop in p["stops"]],
                ("title", "place", "description"),
            ),
        ]
    )
    context = {
        "report": report,
        "events": events,
        "delegations": delegations,
        "german_only": german_only,
        "organisations": organisations,
        "programmes": programmes,
        "topics": sorted(topics.values(), key=lambda t: t.name),
        "partner_cities": sorted(partner_cities.values(), key=lambda c: c.name),
        "photos": photos,
        "LANGUAGE_CODE": get_language(),
    }
    lead_photo = photos[0].src() if photos else None
    lead = Truncator(report.lead or "")
    return {
        "content": render_to_string("events/report_body.html", context),
        # The page's description and the link preview's, as truncatechars.
        "description": lead.chars(160),
        "og_description": lead.chars(200),
        "og_image": lead_photo and {**lead_photo, "alt": photos[0].alt_text},
        "topics": list(topics),
    }


class ReportDetailView(TranslatedSlugMixin, DetailView):
    template_name = "events/report_detail.html"
    # None: published reports as of this request (the admin preview passes all).
    queryset = None

    def get_queryset(self):
        # May the reader see it: asked on every request, never cached.
        reports = Report.objects.published() if self.queryset is None else self.queryset
        return reports.only(*REPORT_HEAD_FIELDS)

    def get_object(self, queryset=None):
        if self.queryset is not None or queryset is not None:
            return super().get_object(queryset)  # the admin's preview
        found = visible_report(self.kwargs["slug"])
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs):
        report = self.object
        if self.queryset is None:
            version = fragments.version()
            body = fragments.one(
                version,
                # A new name when the piece's shape changes: an app server
                # of the new release never reads one the old release stored.
                fragments.key(version, "report-page", report.pk),
                lambda: report_body(report.pk),
            )
        else:  # the admin's preview: as it is now, never kept
            version, body = 0, report_body(report.pk)

        def related_ids() -> list[int]:
            if not body["topics"]:
                return []
            return list(
                Report.objects.published()
                .exclude(pk=report.pk)
                .covering(events=Q(event__topics__in=body["topics"]))
                .values_list("pk", flat=True)[:3]
            )

        # Published reports on the same topics, chosen once per content version
        # and minute, like the count of a list: one scheduled for later joins
        # within the minute, as the page cache shows it.
        related = fragments.one(
            version,
            fragments.key(version, "related", report.pk),
            related_ids,
            timeout=60,
        )
        return super().get_context_data(
            body=body,
            related_cards=pieces.report_cards(related, version),
            **kwargs,
        )


class EventListView(ListView):
    paginate_by = 20
    template_name = "events/event_list.html"

    def get_queryset(self):
        # The figures page links here with a period, a region, a country …
        self.filterset = EventFilter(self.request.GET, queryset=Event.objects.all())
        self.events = (
            self.filterset.qs if self.filterset.is_valid() else Event.objects.all()
        )
        # Ids only: the lines come rendered (events.pieces).
        return self.events.past().values_list("pk", flat=True)

    def get_paginator(self, queryset, per_page, **kwargs):
        params = self.request.GET
        # What chooses the events: the filter's valid fields (all events else).
        valid = self.filterset.is_valid()
        chosen = self.chosen = sorted(
            (k, tuple(params.getlist(k)))
            for k in params
            if valid and k in self.filterset.filters
        )
        version = self.version = fragments.version()
        # Like a report list's count: kept per content version and minute (an
        # event that has just ended is counted within the minute).
        return KeptCountPaginator(
            queryset,
            per_page,
            count=lambda: fragments.one(
                version,
                fragments.key(version, "event-count", chosen),
                queryset.count,
                timeout=60,
            ),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        narrowed = {k for k, v in self.request.GET.items() if v and k != "page"}
        context = super().get_context_data(**kwargs)
        version = self.version
        return {
            **context,
            "upcoming_events": pieces.event_items(
                upcoming_ids(version, self.events, 50, self.chosen), version
            ),
            "past_events": pieces.event_items(context["object_list"], version),
            "is_filtered": bool(narrowed),
        }


class EventDetailView(TranslatedSlugMixin, DetailView):
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return Event.objects.select_related("venue", "delegation").prefetch_related(
            *EVENT_RELATIONS,
            Prefetch(
                "appearances",
                queryset=EventPerson.objects.select_related("contact"),
            ),
            Prefetch(
                "reports", queryset=Report.objects.published(), to_attr="public_reports"
            ),
        )

    def get_context_data(self, **kwargs):
        event = self.object
        programmes = delegation_programmes([], [event])
        people = [
            appearance
            for appearance in event.appearances.all()
            if appearance.contact.is_public
        ]
        german_only = i18n.german_only(
            [
                (_("Ort"), [event], ("venue_name", "city")),
                (_("Reihe"), [event], ("series",)),
                (_("Beschreibung"), [event], ("description",)),
                (
                    _("Programm"),
                    [stop for p in programmes for stop in p["stops"]],
                    ("title", "place", "description"),
                ),
            ]
        )
        return super().get_context_data(
            german_only=german_only, programmes=programmes, people=people, **kwargs
        )


def figures_context(request, *, registrations: bool = False):
    """The figures for the selection in the address, or a download of one
    table (?download=csv&table=years); for the public page and the admin's."""
    form = FiguresForm(request.GET)
    valid = form.is_valid()
    selection = Selection.from_form(form) if valid else Selection()
    result = figures.figures(selection, registrations=registrations)
    download = request.GET.get("download")
    if download in ("csv", "xlsx"):
        tables = {table.slug: table for table in result["tables"]}
        table = tables.get(request.GET.get("table", ""))
        if table is None:
            raise Http404
        if download == "csv":
            return figures_export.csv_response(table, selection), None
        return figures_export.xlsx_response(table, selection), None
    context = {
        **result,
        "form": form,
        "invalid": not valid,
        "selection": selection,
        "query": request.GET.urlencode(),
    }
    return None, context


def figures_page(request):
    download, context = figures_context(request)
    if download:
        return download
    return render(request, "events/figures.html", context)


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.dated().select_related("venue"), slug=slug)
    return ics_response(calendar.build_calendar([event], request), f"{event.slug}.ics")


def calendar_ics(request):
    events = Event.objects.upcoming().dated().select_related("venue")[:500]
    return ics_response(calendar.build_calendar(events, request), "horizont.ics")


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
