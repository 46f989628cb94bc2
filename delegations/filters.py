"""Filters of the public delegation list: what the figures page links to."""

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from config import dates, filtering
from contacts.models import Topic
from delegations import regions
from delegations.models import Delegation, PartnerCity


class DelegationFilter(filtering.FilterSet):
    direction = filtering.ChoiceFilter(
        label=_("Richtung"), choices=Delegation.Direction.choices
    )
    country = filtering.ChoiceFilter(
        label=_("Land"), choices=countries, method="filter_country"
    )
    region = filtering.ChoiceFilter(
        label=_("Weltregion"), choices=regions.Region.choices, method="filter_region"
    )
    year_from = filtering.NumberFilter(
        label=_("von Jahr"),
        field_name="start_date__year",
        lookup_expr="gte",
        min_value=1900,
        max_value=2100,
    )
    year_to = filtering.NumberFilter(
        label=_("bis Jahr"),
        field_name="start_date__year",
        lookup_expr="lte",
        min_value=1900,
        max_value=2100,
    )
    partner_city = filtering.ModelChoiceFilter(
        label=_("Partnerstadt"),
        field_name="partner_cities",
        queryset=PartnerCity.objects.all(),
        to_field_name="slug",
    )
    topic = filtering.ModelChoiceFilter(
        label=_("Thema"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
    )
    open = filtering.BooleanFilter(label=_("Termin folgt"), method="filter_open")

    class Meta:
        model = Delegation
        fields = []

    def filter_country(self, queryset, name, value):
        # Stored as "KR,JP": a two-letter substring is always one whole code.
        return queryset.filter(countries__contains=value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(regions.multiple_country_q("countries", value))

    def filter_open(self, queryset, name, value):
        if value:
            return queryset.filter(date_precision=dates.Precision.OPEN)
        return queryset
