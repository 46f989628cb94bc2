import django_filters
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from contacts.models import Topic
from delegations.models import PartnerCity
from events.models import Event, Report

SEARCH_CONFIGS = {"de": "german", "en": "english"}


def search_reports(queryset, text: str):
    """Full-text search in the reader's language.

    PostgreSQL stems words with the language's dictionary ("Delegationen"
    finds "Delegation") and uses the GIN index of the migration; SQLite, the
    embedded default, falls back to a plain substring match.
    """
    language = (get_language() or "de")[:2]
    column = "search_text_en" if language == "en" else "search_text_de"
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        config = SEARCH_CONFIGS.get(language, "german")
        query = SearchQuery(text, config=config, search_type="websearch")
        return queryset.alias(document=SearchVector(column, config=config)).filter(
            document=query
        )
    words = text.split()[:10]
    condition = Q()
    for word in words:
        condition &= Q(**{f"{column}__icontains": word})
    return queryset.filter(condition)


class ReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche"), method="filter_search", max_length=200
    )
    country = django_filters.ChoiceFilter(
        label=_("Land"),
        choices=countries,
        method="filter_country",
        empty_label=_("Alle"),
    )
    partner_city = django_filters.ModelChoiceFilter(
        label=_("Partnerstadt"),
        queryset=PartnerCity.objects.all(),
        to_field_name="slug",
        method="filter_partner_city",
        empty_label=_("Alle"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Thema"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label=_("Alle"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        choices=Event.Format.choices,
        method="filter_format",
        empty_label=_("Alle"),
    )
    year = django_filters.NumberFilter(
        label=_("Jahr"), field_name="publish_at__year", min_value=1900, max_value=2100
    )

    class Meta:
        model = Report
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = countries_in_use()

    def filter_search(self, queryset, name, value):
        return search_reports(queryset, value) if value.strip() else queryset

    # What a report is about follows from what it covers: its events and its
    # delegations. EXISTS subqueries keep the newest-first index usable (a JOIN
    # with DISTINCT would sort every match before the first page).

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            covers_events(
                Q(event__country=value) | Q(event__focus_countries__contains=value)
            )
            | covers_delegations(Q(delegation__countries__contains=value))
        )

    def filter_partner_city(self, queryset, name, value):
        return queryset.filter(
            covers_events(Q(event__partner_cities=value))
            | covers_delegations(Q(delegation__partner_city=value))
        )

    def filter_topic(self, queryset, name, value):
        return queryset.filter(
            covers_events(Q(event__topics=value))
            | covers_delegations(Q(delegation__topics=value))
        )

    def filter_format(self, queryset, name, value):
        return queryset.filter(covers_events(Q(event__format=value)))


def covers_events(condition: Q) -> Exists:
    return Exists(
        Report.events.through.objects.filter(condition, report_id=OuterRef("pk"))
    )


def covers_delegations(condition: Q) -> Exists:
    return Exists(
        Report.delegations.through.objects.filter(condition, report_id=OuterRef("pk"))
    )


def countries_in_use() -> list[tuple[str, str]]:
    """The countries that events and delegations name, for the filter choices."""
    from delegations.models import Delegation

    codes: set[str] = set()
    for country, focus in Event.objects.values_list(
        "country", "focus_countries"
    ).distinct():
        codes.add(country)
        codes.update(code for code in focus.split(",") if code)
    for (delegation_countries,) in Delegation.objects.values_list(
        "countries"
    ).distinct():
        codes.update(code for code in delegation_countries.split(",") if code)
    return sorted(
        ((code, countries.name(code)) for code in codes if code), key=lambda c: c[1]
    )
