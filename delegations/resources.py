"""Spreadsheet columns of the delegations and partner cities change lists
(export only)."""

from config.spreadsheets import (
    ChoiceWidget,
    CountryWidget,
    NamesWidget,
    SpreadsheetResource,
    column,
)
from delegations.models import Delegation, PartnerCity


def by_role_text(groups) -> str:
    """ "Gastgeber: IHK; Besucht: Elmos, Raith" for one cell."""
    return "; ".join(
        f"{label}: {', '.join(o.name for o in organisations)}"
        for label, organisations in groups
    )


class DelegationResource(SpreadsheetResource):
    title_de = column("title_de", "Titel")
    direction = column("direction", "Richtung", ChoiceWidget(Delegation.Direction))
    countries = column("countries", "Länder", readonly=True)
    partner_cities = column("partner_cities", "Partnerstädte", NamesWidget())
    # The date as precisely as entered ("September 2025", "2024").
    when = column("when", "Datum", readonly=True)
    size = column("size", "Teilnehmende")
    organisations = column("organisations", "Organisationen", readonly=True)
    topics = column("topics", "Themen", NamesWidget())

    prefetch_related = ["involvements__organisation", "topics", "partner_cities"]

    class Meta:
        model = Delegation
        fields = [
            "title_de",
            "direction",
            "countries",
            "partner_cities",
            "when",
            "size",
            "organisations",
            "topics",
        ]

    def dehydrate_organisations(self, delegation):
        return by_role_text(delegation.organisations_by_role())

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
