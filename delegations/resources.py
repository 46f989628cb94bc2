"""Spreadsheet columns of the delegations and partner cities change lists
(export only)."""

from import_export.widgets import DateWidget

from config.spreadsheets import (
    ChoiceWidget,
    CountryWidget,
    NamesWidget,
    NameWidget,
    SpreadsheetResource,
    column,
)
from delegations.models import Delegation, PartnerCity


class DelegationResource(SpreadsheetResource):
    title_de = column("title_de", "Titel")
    direction = column("direction", "Richtung", ChoiceWidget(Delegation.Direction))
    countries = column("countries", "Länder", readonly=True)
    partner_city = column("partner_city", "Partnerstadt", NameWidget())
    start_date = column("start_date", "Beginn", DateWidget())
    end_date = column("end_date", "Ende", DateWidget())
    size = column("size", "Teilnehmende")
    organisers = column("organisers", "Organisiert von", NamesWidget())
    topics = column("topics", "Themen", NamesWidget())

    select_related = ["partner_city"]
    prefetch_related = ["organisers", "topics"]

    class Meta:
        model = Delegation
        fields = [
            "title_de",
            "direction",
            "countries",
            "partner_city",
            "start_date",
            "end_date",
            "size",
            "organisers",
            "topics",
        ]

    def dehydrate_countries(self, delegation):
        return ", ".join(country.name for country in delegation.countries)


class PartnerCityResource(SpreadsheetResource):
    name_de = column("name_de", "Name")
    name_en = column("name_en", "Name (englisch)")
    country = column("country", "Land", CountryWidget())
    partner_since = column("partner_since", "Partnerschaft seit")
    agreement = column(
        "agreement", "Art der Partnerschaft", ChoiceWidget(PartnerCity.Agreement)
    )

    class Meta:
        model = PartnerCity
        fields = ["name_de", "name_en", "country", "partner_since", "agreement"]
