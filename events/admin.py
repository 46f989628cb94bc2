from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from contacts.models import Topic
from delegations.models import PartnerCity
from events.models import Event, Photo, Report, ReportFacet, ReportSection
from events.views import ReportDetailView


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "format", "start", "city", "country", "participants_label"]
    list_filter = [
        "format",
        ("country", CountryFilter),
        "partner_cities",
        "topics",
        "open_for_registration",
    ]
    list_select_related = ["venue", "delegation"]
    search_fields = ["title_de", "title_en", "series_de", "city_de", "venue_name_de"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = [
        "venue",
        "hosts",
        "participants",
        "partner_cities",
        "topics",
        "delegation",
    ]
    fieldsets = [
        (None, {"fields": ["title_de", "title_en", "slug", "format"]}),
        (_("Reihe"), {"fields": [("series_de", "series_en"), "edition"]}),
        (_("Wann"), {"fields": [("start", "end"), "all_day"]}),
        (
            _("Wo"),
            {
                "fields": [
                    "venue",
                    ("venue_name_de", "venue_name_en"),
                    ("city_de", "city_en"),
                    "country",
                ]
            },
        ),
        (
            _("Wer"),
            {
                "fields": [
                    "hosts",
                    "participants",
                    ("participant_count_qualifier", "participant_count"),
                    "delegation",
                ]
            },
        ),
        (
            _("Worum es ging"),
            {
                "fields": [
                    "focus_countries",
                    "partner_cities",
                    "topics",
                    "description_de",
                    "description_en",
                    "open_for_registration",
                ]
            },
        ),
    ]

    @admin.display(description=_("Teilnehmende"))
    def participants_label(self, event):
        if event.participant_count is None:
            return "–"
        qualifier = event.get_participant_count_qualifier_display()
        return f"{qualifier} {event.participant_count}"


class FacetFilter(admin.SimpleListFilter):
    """Filter reports by what they are about (countries, topics …), offering
    only values that occur, from the ReportFacet rows."""

    kind: str

    def lookups(self, request, model_admin):
        values = set(
            ReportFacet.objects.filter(kind=self.kind).values_list("value", flat=True)
        )
        labels = self.labels(values)
        return sorted(((v, labels.get(v, v)) for v in values), key=lambda c: str(c[1]))

    def labels(self, values: set[str]) -> dict[str, str]:
        return {}

    def queryset(self, request, queryset):
        if self.value():
            return queryset.about(self.kind, self.value())
        return queryset


class CountryFacetFilter(FacetFilter):
    title = _("Land")
    parameter_name = "country"
    kind = ReportFacet.Kind.COUNTRY

    def labels(self, values):
        return {code: countries.name(code) for code in values}


class TopicFacetFilter(FacetFilter):
    title = _("Thema")
    parameter_name = "topic"
    kind = ReportFacet.Kind.TOPIC

    def labels(self, values):
        ids = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): name
            for pk, name in Topic.objects.filter(pk__in=ids).values_list("pk", "name")
        }


class PartnerCityFacetFilter(FacetFilter):
    title = _("Partnerstadt")
    parameter_name = "partner_city"
    kind = ReportFacet.Kind.PARTNER_CITY

    def labels(self, values):
        ids = [int(v) for v in values if v.isdigit()]
        return {
            str(pk): name
            for pk, name in PartnerCity.objects.filter(pk__in=ids).values_list(
                "pk", "name"
            )
        }


class FormatFacetFilter(FacetFilter):
    title = _("Format")
    parameter_name = "format"
    kind = ReportFacet.Kind.FORMAT

    def labels(self, values):
        return dict(Event.Format.choices)


class ReportSectionInline(TranslationStackedInline):
    model = ReportSection
    extra = 0
    fields = ["order", ("heading_de", "heading_en"), "body_de", "body_en"]


class PhotoInline(TranslationStackedInline):
    model = Photo
    extra = 0
    fields = [
        "order",
        "image",
        ("caption_de", "caption_en"),
        ("alt_text_de", "alt_text_en"),
        "credit",
    ]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "status", "publish_at", "author", "is_public_now"]
    list_filter = [
        "status",
        CountryFacetFilter,
        TopicFacetFilter,
        PartnerCityFacetFilter,
        FormatFacetFilter,
    ]
    list_select_related = ["author"]
    search_fields = ["title_de", "title_en", "lead_de", "lead_en", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = ["author", "events", "delegations", "contacts"]
    inlines = [ReportSectionInline, PhotoInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title_de",
                    "title_en",
                    "slug",
                    "lead_de",
                    "lead_en",
                    "author",
                ]
            },
        ),
        (_("Veröffentlichung"), {"fields": [("status", "publish_at")]}),
        (
            _("Worüber berichtet wird"),
            {"fields": ["events", "delegations", "contacts"]},
        ),
    ]

    @admin.display(description=_("Öffentlich sichtbar"), boolean=True)
    def is_public_now(self, report):
        return report.is_public()

    @admin.action(description=_("Ausgewählte Berichte veröffentlichen"))
    def publish(self, request, queryset):
        # A future publish date stays: the report is then scheduled, not public.
        count = self.set_status(request, queryset, Report.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%d Bericht veröffentlicht.", "%d Berichte veröffentlicht.", count)
            % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Ausgewählte Berichte zurückziehen (Entwurf)"))
    def unpublish(self, request, queryset):
        count = self.set_status(request, queryset, Report.Status.DRAFT)
        self.message_user(
            request,
            ngettext("%d Bericht zurückgezogen.", "%d Berichte zurückgezogen.", count)
            % count,
            messages.SUCCESS,
        )

    def set_status(self, request, queryset, status: str) -> int:
        """Change the status the way the form does: each report saved (history
        row, search text, cache) and the change written to the admin log."""
        changed = 0
        for report in queryset.exclude(status=status):
            report.status = status
            self.save_model(request, report, form=None, change=True)
            message = [
                {
                    "changed": {
                        "fields": [str(Report._meta.get_field("status").verbose_name)]
                    }
                }
            ]
            self.log_change(request, report, message)
            changed += 1
        return changed

    def view_on_site(self, report):
        if report.is_public():
            return report.get_absolute_url()
        return reverse("admin:events_report_preview", args=[report.pk])

    def get_urls(self):
        preview = path(
            "<int:pk>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="events_report_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, pk):
        """The public page of a report as it will look, drafts included."""
        report = get_object_or_404(Report, pk=pk)
        if not self.has_view_or_change_permission(request, report):
            raise PermissionDenied
        view = ReportDetailView.as_view(
            queryset=Report.objects.all(), extra_context={"preview": True}
        )
        response = view(request, slug=report.slug)
        add_never_cache_headers(response)
        return response
