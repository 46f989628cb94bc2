from adminsortable2.admin import (
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from delegations.models import Delegation, DelegationMember, PartnerCity, ProgrammeItem
from events.admin import CopyMixin, SearchableCountriesMixin


@admin.register(PartnerCity)
class PartnerCityAdmin(TranslationAdmin):
    list_display = ["name", "country", "partner_since", "agreement", "years"]
    list_filter = ["agreement", ("country", CountryFilter)]
    search_fields = ["name_de", "name_en"]
    prepopulated_fields = {"slug": ["name_de"]}
    fields = [
        ("name_de", "name_en"),
        "slug",
        "country",
        ("partner_since", "agreement"),
        ("latitude", "longitude"),
        ("description_de", "description_en"),
    ]

    @admin.display(description=_("Jahre"))
    def years(self, city):
        return city.partnership_years()


class DelegationMemberInline(SortableTabularInline, TranslationTabularInline):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ["contact"]
    fields = ["order", "contact", "label_de", "label_en", "role"]


class ProgrammeItemInline(SortableStackedInline, TranslationStackedInline):
    model = ProgrammeItem
    extra = 0
    ordering = ["order", "pk"]  # within one delegation
    autocomplete_fields = ["host", "speakers"]
    fields = [
        "order",
        ("title_de", "title_en"),
        ("host", "starts_at"),
        ("place_de", "place_en"),
        ("description_de", "description_en"),
        "speakers",
    ]


@admin.register(Delegation)
class DelegationAdmin(
    CopyMixin,
    SearchableCountriesMixin,
    SortableAdminBase,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    list_display = [
        "title",
        "direction",
        "country_list",
        "partner_city",
        "start_date",
        "size",
    ]
    list_filter = ["direction", "partner_city", "topics", "start_date"]
    list_select_related = ["partner_city"]
    search_fields = ["title_de", "title_en", "purpose_de", "composition_de"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_de"], "slug_en": ["title_en"]}
    autocomplete_fields = ["partner_city", "organisers", "topics"]
    inlines = [DelegationMemberInline, ProgrammeItemInline]
    fieldsets = [
        (
            None,
            {"fields": [("title_de", "title_en"), ("slug", "slug_en"), "direction"]},
        ),
        (
            _("Wer und woher"),
            {
                "fields": [
                    "countries",
                    "partner_city",
                    ("size", "size_is_approximate"),
                    ("composition_de", "composition_en"),
                    "organisers",
                ]
            },
        ),
        (_("Wann"), {"fields": [("start_date", "end_date")]}),
        (
            _("Worum es ging"),
            {
                "fields": [
                    ("purpose_de", "purpose_en"),
                    ("description_de", "description_en"),
                    "topics",
                ]
            },
        ),
    ]

    @admin.display(description=_("Länder"))
    def country_list(self, delegation):
        return ", ".join(country.name for country in delegation.countries)
