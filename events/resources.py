"""Spreadsheet columns of the events and reports change lists (export only)."""

from import_export.widgets import DateTimeWidget

from config.spreadsheets import (
    ChoiceWidget,
    CountryWidget,
    NamesWidget,
    NameWidget,
    SpreadsheetResource,
    column,
)
from delegations.resources import by_role_text
from events.models import Event, Report


class EventResource(SpreadsheetResource):
    title_de = column("title_de", "Titel")
    # Not named "format": the export form has a field of that name.
    event_format = column("format", "Format", ChoiceWidget(Event.Format))
    # The date as precisely as entered ("September 2025", "Termin folgt").
    when = column("when", "Datum", readonly=True)
    city_de = column("city_de", "Ort")
    country = column("country", "Land", CountryWidget())
    venue = column("venue", "Veranstaltungsort", NameWidget())
    participant_count = column("participant_count", "Teilnehmende")
    organisations = column("organisations", "Organisationen", readonly=True)
    topics = column("topics", "Themen", NamesWidget())
    partner_cities = column("partner_cities", "Partnerstädte", NamesWidget())

    select_related = ["venue"]
    prefetch_related = ["involvements__organisation", "topics", "partner_cities"]

    class Meta:
        model = Event
        fields = [
            "title_de",
            "event_format",
            "when",
            "city_de",
            "country",
            "venue",
            "participant_count",
            "organisations",
            "topics",
            "partner_cities",
        ]

    def dehydrate_organisations(self, event):
        return by_role_text(event.organisations_by_role())


class ReportResource(SpreadsheetResource):
    title_de = column("title_de", "Überschrift")
    status = column("status", "Status", ChoiceWidget(Report.Status))
    publish_at = column("publish_at", "Veröffentlichen am", DateTimeWidget())
    unpublish_at = column("unpublish_at", "Offline nehmen am", DateTimeWidget())
    author = column("author", "Autor/in", NameWidget())
    events = column("events", "Veranstaltungen", NamesWidget())
    delegations = column("delegations", "Delegationen", NamesWidget())

    select_related = ["author"]
    prefetch_related = ["events", "delegations"]

    class Meta:
        model = Report
        fields = [
            "title_de",
            "status",
            "publish_at",
            "unpublish_at",
            "author",
            "events",
            "delegations",
        ]
