from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from config import dates
from config.spreadsheets import ExportAdminMixin
from contacts.choosing import CreatingAdminMixin
from contacts.models import Role
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
                "fields": ["programme_of", "programme_table", "another_group"],
                "description": _(
                    "Folgt die Gruppe dem Programm einer anderen Delegation, hier "
                    "diese wählen und unten keine Programmpunkte eintragen. "
                    "Sonst das Programm als Tabelle einfügen oder die Punkte "
                    "unten einzeln eintragen."
                ),
            },
        ),
    ]

    readonly_fields = ["another_group"]

    # What another group on the same programme shares with this one: the
    # add form starts with it (?like=<id>), the editor changes what differs.
    SHARED_ROLES = (Role.ORGANISER, Role.HOST, Role.SUPPORTER)

    @admin.display(description=_("Weitere Gruppe"))
    def another_group(self, delegation):
        if not delegation.pk:
            return _("Nach dem Sichern: weitere Gruppen auf diesem Programm anlegen.")
        return format_html(
            '<a class="button" href="{}?like={}">{}</a>',
            reverse("admin:delegations_delegation_add"),
            delegation.pk,
            _("Weitere Gruppe auf diesem Programm anlegen"),
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        like = request.GET.get("like", "")
        model = (
            Delegation.objects.filter(pk=int(like)).first() if like.isdigit() else None
        )
        if model is None:
            initial.pop("like", None)
            return initial
        initial.pop("like")
        owner = model.programme_owner()
        precision = model.date_precision
        initial.update(
            direction=model.direction,
            when=dates.as_text(model.start_date, precision),
            until=dates.as_text(model.end_date, precision),
            duration_days=model.duration_days,
            purpose_de=model.purpose_de,
            purpose_en=model.purpose_en,
            topics=list(model.topics.values_list("pk", flat=True)),
            programme_of=owner.pk,
        )
        for row in model.involvements.filter(role__in=self.SHARED_ROLES).order_by(
            "order", "pk"
        ):
            initial.setdefault(f"role_{row.role}", []).append(row.organisation_id)
        return initial

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
