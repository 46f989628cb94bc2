from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from config.spreadsheets import ExportAdminMixin
from contacts.choosing import CreatingAdminMixin
from delegations.forms import DelegationAdminForm
from delegations.inlines import ProgrammeItemInline
from delegations.models import Delegation, DelegationMember, PartnerCity
from delegations.resources import DelegationResource, PartnerCityResource
from events.admin import (
    CopyMixin,
    SearchableCountriesMixin,
    report_pasted_programme,
)


@admin.register(PartnerCity)
class PartnerCityAdmin(ExportAdminMixin, TranslationAdmin):
    resource_classes = [PartnerCityResource]
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


class DelegationMemberInline(
    CreatingAdminMixin, SortableTabularInline, TranslationTabularInline
):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ["contact"]
    fields = ["order", "contact", "label_de", "label_en", "role"]


@admin.register(Delegation)
class DelegationAdmin(
    CreatingAdminMixin,
    ExportAdminMixin,
    CopyMixin,
    SearchableCountriesMixin,
    SortableAdminBase,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    resource_classes = [DelegationResource]
    list_display = [
        "title",
        "direction",
        "country_list",
        "partner_city_list",
        "when",
        "size",
    ]
    list_filter = ["direction", "partner_cities", "topics", "start_date"]
    search_fields = ["title_de", "title_en", "purpose_de", "composition_de"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title_de"], "slug_en": ["title_en"]}
    form = DelegationAdminForm
    autocomplete_fields = ["partner_cities", "topics", "programme_of"]
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
                    "partner_cities",
                    ("size", "size_is_approximate"),
                    ("composition_de", "composition_en"),
                    *[f"role_{role.value}" for role, _l in DelegationAdminForm.roles],
                ]
            },
        ),
        (_("Wann"), {"fields": [("when", "until"), "duration_days"]}),
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
        (
            _("Programm"),
            {
                "fields": ["programme_of", "programme_table"],
                "description": _(
                    "Folgt die Gruppe dem Programm einer anderen Delegation, hier "
                    "diese wählen und unten keine Programmpunkte eintragen. "
                    "Sonst das Programm als Tabelle einfügen oder die Punkte "
                    "unten einzeln eintragen."
                ),
            },
        ),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report_pasted_programme(self, request, form)

    @admin.display(description=_("Datum"), ordering="start_date")
    def when(self, delegation):
        return delegation.when()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("partner_cities")

    @admin.display(description=_("Partnerstädte"))
    def partner_city_list(self, delegation):
        return ", ".join(city.name for city in delegation.partner_cities.all())

    @admin.display(description=_("Länder"))
    def country_list(self, delegation):
        return ", ".join(country.name for country in delegation.countries)
