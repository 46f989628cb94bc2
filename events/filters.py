from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from config import dates, filtering, fragments
from contacts.models import Topic
from delegations import regions
from delegations.models import PartnerCity
from events.models import Event, Report, ReportFacet

SEARCH_CONFIGS = {"de": "german", "en": "english"}


def search_reports(queryset, text: str):
    """Full-text search in the reader's language.

    PostgreSQL stems words with the language's dictionary ("Delegationen"
    finds "Delegation") and matches the stored, GIN-indexed `search_vector_*`
    column (migration 0006); SQLite, the embedded default, falls back to a
    substring match of every word.
    """
    language = "en" if (get_language() or "de").startswith("en") else "de"
    if connection.vendor == "postgresql":
        # The column name comes from a fixed pair and the text is a parameter.
        match = RawSQL(  # noqa: S611
            f"events_report.search_vector_{language} "
            "@@ websearch_to_tsquery(%s::regconfig, %s)",
            (SEARCH_CONFIGS[language], text),
            output_field=BooleanField(),
        )
        return queryset.alias(matches=match).filter(matches=True)
    condition = Q()
    for word in text.split()[:10]:
        condition &= Q(**{f"search_text_{language}__icontains": word})
    return queryset.filter(condition)


class ReportFilter(filtering.FilterSet):
    q = filtering.CharFilter(label=_("Suche"), method="filter_search", max_length=200)
    country = filtering.ChoiceFilter(
        label=_("Land"),
        choices=countries,
        method="filter_country",
        empty_label=_("Alle"),
    )
    partner_city = filtering.ModelChoiceFilter(
        label=_("Partnerstadt"),
        queryset=PartnerCity.objects.all(),
        to_field_name="slug",
        method="filter_partner_city",
        empty_label=_("Alle"),
    )
    topic = filtering.ModelChoiceFilter(
        label=_("Thema"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label=_("Alle"),
    )
    format = filtering.ChoiceFilter(
        # With a context: django-import-export's German catalogue has
        # "Format" as "Dateiformat".
        label=pgettext_lazy("Veranstaltung", "Format"),
        choices=Event.Format.choices,
        method="filter_format",
        empty_label=_("Alle"),
    )
    year = filtering.NumberFilter(
        label=_("Jahr"), field_name="publish_at__year", min_value=1900, max_value=2100
    )
    # From the figures page (events/figures.py): a period and a world region.
    year_from = filtering.NumberFilter(
        field_name="publish_at__year", lookup_expr="gte", min_value=1900, max_value=2100
    )
    year_to = filtering.NumberFilter(
        field_name="publish_at__year", lookup_expr="lte", min_value=1900, max_value=2100
    )
    region = filtering.ChoiceFilter(
        label=_("Weltregion"),
        choices=regions.Region.choices,
        method="filter_region",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Report
        fields = []

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = countries_in_use(version)

    def filter_search(self, queryset, name, value):
        return search_reports(queryset, value) if value.strip() else queryset

    # What a report is about follows from what it covers (its events and
    # delegations); ReportQuerySet.refresh_derived keeps that as ReportFacet
    # rows, so each filter is one indexed EXISTS.

    def filter_country(self, queryset, name, value):
        return queryset.about(ReportFacet.Kind.COUNTRY, value)

    def filter_partner_city(self, queryset, name, value):
        return queryset.about(ReportFacet.Kind.PARTNER_CITY, str(value.pk))

    def filter_topic(self, queryset, name, value):
        return queryset.about(ReportFacet.Kind.TOPIC, str(value.pk))

    def filter_format(self, queryset, name, value):
        return queryset.about(ReportFacet.Kind.FORMAT, value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(
            Exists(
                ReportFacet.objects.filter(
                    report=OuterRef("pk"),
                    kind=ReportFacet.Kind.COUNTRY,
                    value__in=regions.countries_in(value),
                )
            )
        )


class EventFilter(filtering.FilterSet):
    """Filters of the public event list: what the figures page links to."""

    country = filtering.ChoiceFilter(label=_("Land"), choices=countries)
    region = filtering.ChoiceFilter(
        label=_("Weltregion"), choices=regions.Region.choices, method="filter_region"
    )
    format = filtering.ChoiceFilter(
        label=pgettext_lazy("Veranstaltung", "Format"), choices=Event.Format.choices
    )
    year_from = filtering.NumberFilter(
        field_name="start__year", lookup_expr="gte", min_value=1900, max_value=2100
    )
    year_to = filtering.NumberFilter(
        field_name="start__year", lookup_expr="lte", min_value=1900, max_value=2100
    )
    partner_city = filtering.ModelChoiceFilter(
        queryset=PartnerCity.objects.all(),
        to_field_name="slug",
        field_name="partner_cities",
    )
    topic = filtering.ModelChoiceFilter(
        queryset=Topic.objects.all(), to_field_name="slug", field_name="topics"
    )
    open = filtering.BooleanFilter(method="filter_open")

    class Meta:
        model = Event
        fields = []

    def filter_region(self, queryset, name, value):
        return queryset.filter(country__in=regions.countries_in(value))

    def filter_open(self, queryset, name, value):
        return (
            queryset.filter(date_precision=dates.Precision.OPEN) if value else queryset
        )


def countries_in_use(version: int | None = None) -> list[tuple[str, str]]:
    """Countries that published reports are about, for the filter's choices."""

    def load() -> list[str]:
        return sorted(
            ReportFacet.objects.filter(
                kind=ReportFacet.Kind.COUNTRY, report__in=Report.objects.published()
            )
            .values_list("value", flat=True)
            .distinct()
        )

    def named() -> list[tuple[str, str]]:
        pairs = ((code, countries.name(code)) for code in load())
        return sorted(pairs, key=lambda c: c[1])

    # Shared cache, named and sorted in the reader's language, keyed by the
    # content version that every write moves on.
    if version is None:
        version = fragments.version()
    return fragments.one(version, fragments.key(version, "countries"), named)


def filter_widgets(filterset, version: int) -> list[tuple]:
    """The filter form's fields, each with its rendered widget (None for the
    search box and the period from the figures page, which the page writes
    itself).

    The widgets (hundreds of options) are the same for every reader who chose
    the same value, so a valid or empty choice is rendered once per content
    version and language; anything else a reader typed is rendered as it is.
    """
    form = filterset.form
    fields = [f for f in form if f.name not in ("q", "year_from", "year_to")]
    keys = {
        field.name: fragments.key(version, "filter", field.name, str(field.value()))
        for field in fields
        # Erroneous widgets carry aria-invalid; and typed junk is not kept.
        if field.name not in form.errors and len(str(field.value())) < 100
    }
    widgets = fragments.many(
        version, {keys[f.name]: (lambda f=f: str(f)) for f in fields if f.name in keys}
    )
    shown = {
        f.name: widgets[keys[f.name]] if f.name in keys else str(f) for f in fields
    }
    return [(field, shown.get(field.name)) for field in form]
