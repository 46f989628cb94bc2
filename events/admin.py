from adminsortable2.admin import (
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.redirects.admin import RedirectAdmin as StockRedirectAdmin
from django.contrib.redirects.models import Redirect
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_countries import countries
from django_countries.fields import CountryField
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from config.spreadsheets import ExportAdminMixin
from contacts.choosing import CreatingAdminMixin
from contacts.models import Topic
from delegations.inlines import ProgrammeItemInline
from delegations.models import PartnerCity
from events import services
from events.forms import EventAdminForm, ReportAdminForm
from events.models import (
    Event,
    EventPerson,
    Photo,
    Report,
    ReportFacet,
    ReportSection,
)
from events.resources import EventResource, ReportResource
from events.views import ReportDetailView


class SearchableCountriesMixin:
    """Several countries chosen from a list with a search box and two columns
    (Django's own widget), not a 250-line list that needs Ctrl-click."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField) and db_field.multiple:
            kwargs["widget"] = FilteredSelectMultiple(
                db_field.verbose_name, is_stacked=False
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CopyMixin:
    """ "Als neu sichern" on the form and an action that copies the selected
    records with what they own (events.services.copy_with_children)."""

    save_as = True
    actions = ["duplicate"]

    @admin.action(
        description=_("Ausgewählte kopieren (mit Programm, Mitgliedern, Bezügen)"),
        permissions=["add"],
    )
    def duplicate(self, request, queryset):
        copies = [services.copy_with_children(obj) for obj in queryset]
        for copy in copies:
            self.log_addition(request, copy, [{"added": {}}])
        if len(copies) == 1:
            self.message_user(
                request,
                _("Kopie angelegt: bitte Datum und Kurzname prüfen."),
                messages.SUCCESS,
            )
            info = copies[0]._meta.app_label, copies[0]._meta.model_name
            return redirect(
                reverse("admin:{}_{}_change".format(*info), args=[copies[0].pk])
            )
        self.message_user(
            request,
            ngettext("%d Kopie angelegt.", "%d Kopien angelegt.", len(copies))
            % len(copies),
            messages.SUCCESS,
        )
        return None


class EventPersonInline(CreatingAdminMixin, SortableTabularInline):
    model = EventPerson
    extra = 0
    autocomplete_fields = ["contact"]
    fields = ["order", "contact", "part"]


def report_pasted_programme(model_admin, request, form) -> None:
    stops = getattr(form, "pasted_stops", [])
    if stops:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d Programmpunkt aus der Tabelle angelegt.",
                "%(count)d Programmpunkte aus der Tabelle angelegt.",
                len(stops),
            )
            % {"count": len(stops)},
            messages.SUCCESS,
        )


@admin.register(Event)
class EventAdmin(
    CreatingAdminMixin,
    ExportAdminMixin,
    CopyMixin,
    SearchableCountriesMixin,
    SortableAdminBase,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    form = EventAdminForm
    resource_classes = [EventResource]
    list_display = ["title", "format", "when", "city", "country", "participants_label"]
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
    prepopulated_fields = {"slug": ["title_de"], "slug_en": ["title_en"]}
    autocomplete_fields = ["venue", "partner_cities", "topics", "delegation"]
    inlines = [EventPersonInline, ProgrammeItemInline]
    actions = [*CopyMixin.actions, "write_report"]
    fieldsets = [
        (None, {"fields": [("title_de", "title_en"), ("slug", "slug_en"), "format"]}),
        (_("Reihe"), {"fields": [("series_de", "series_en"), "edition"]}),
        (_("Wann"), {"fields": [("when", "until"), "duration_days"]}),
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
                    *[f"role_{role.value}" for role, _label in EventAdminForm.roles],
                    ("participant_count_qualifier", "participant_count"),
                    ("delegation", "take_from_delegation"),
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
                    ("description_de", "description_en"),
                    "open_for_registration",
                ]
            },
        ),
        (
            _("Programm an mehreren Orten"),
            {
                "classes": ["collapse"],
                "fields": ["programme_table"],
                "description": _(
                    "Für Touren und Reisen mit Stationen: die Tabelle hier "
                    "einfügen oder die Programmpunkte unten einzeln eintragen."
                ),
            },
        ),
    ]

    @admin.action(description=_("Bericht über die ausgewählten schreiben"))
    def write_report(self, request, queryset):
        """A new report form with these events (and so their delegations)."""
        if not request.user.has_perm("events.add_report"):
            raise PermissionDenied
        ids = ",".join(
            str(pk) for pk in queryset.order_by("start").values_list("pk", flat=True)
        )
        return redirect(f"{reverse('admin:events_report_add')}?events={ids}")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report_pasted_programme(self, request, form)
        if form.taken_from_delegation:
            self.message_user(
                request,
                _("Von der Delegation übernommen: %(fields)s.")
                % {"fields": ", ".join(form.taken_from_delegation)},
                messages.INFO,
            )

    @admin.display(description=_("Datum"), ordering="start")
    def when(self, event):
        return event.when()

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
    title = pgettext_lazy("Veranstaltung", "Format")
    parameter_name = "format"
    kind = ReportFacet.Kind.FORMAT

    def labels(self, values):
        return dict(Event.Format.choices)


class ReportSectionInline(SortableStackedInline, TranslationStackedInline):
    model = ReportSection
    extra = 0
    fields = ["order", ("heading_de", "heading_en"), ("body_de", "body_en")]


class PhotoInline(SortableStackedInline, TranslationStackedInline):
    model = Photo
    extra = 0
    classes = ["collapse"]
    fields = [
        "order",
        ("thumbnail", "image"),
        ("caption_de", "caption_en"),
        ("alt_text_de", "alt_text_en"),
        "credit",
    ]
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("Vorschau"))
    def thumbnail(self, photo):
        if not photo.pk or not photo.image:
            return "–"
        src = photo.src(max_width=480)
        return format_html(
            '<img class="photo-thumbnail" src="{}" width="{}" height="{}" alt="{}">',
            src["url"],
            src["width"] or "",
            src["height"] or "",
            photo.alt_text or photo.caption,
        )


@admin.register(Report)
class ReportAdmin(
    CreatingAdminMixin,
    ExportAdminMixin,
    SortableAdminBase,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    resource_classes = [ReportResource]
    form = ReportAdminForm
    save_as = True
    list_display = [
        "title",
        "status",
        "publish_at",
        "unpublish_at",
        "author",
        "is_public_now",
    ]
    list_filter = [
        "status",
        CountryFacetFilter,
        TopicFacetFilter,
        PartnerCityFacetFilter,
        FormatFacetFilter,
    ]
    list_select_related = ["author"]
    search_fields = ["title_de", "title_en", "lead_de", "lead_en", "slug", "slug_en"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title_de"], "slug_en": ["title_en"]}
    autocomplete_fields = ["author", "events", "delegations", "contacts"]
    inlines = [ReportSectionInline, PhotoInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            _("Text"),
            {
                "fields": [
                    ("title_de", "title_en"),
                    ("slug", "slug_en"),
                    ("lead_de", "lead_en"),
                    "author",
                ]
            },
        ),
        (
            _("Fotos hinzufügen"),
            {
                "classes": ["collapse"],
                "fields": [("new_photos", "new_photos_credit"), "reuse_photos"],
            },
        ),
        (
            _("Worüber berichtet wird"),
            {"classes": ["collapse"], "fields": ["events", "delegations"]},
        ),
        (_("Ansprechpersonen"), {"classes": ["collapse"], "fields": ["contacts"]}),
        (
            _("Veröffentlichung"),
            {"fields": ["status", ("publish_at", "unpublish_at"), "preview_links"]},
        ),
    ]
    readonly_fields = ["preview_links"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["reuse_photos"].widget = FilteredSelectMultiple(
            _("Fotos"), is_stacked=False
        )
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report = form.instance
        uploaded = services.photos_upload(
            report,
            form.cleaned_data.get("new_photos") or [],
            credit=form.cleaned_data.get("new_photos_credit", ""),
        )
        reused = [
            services.photo_reuse(photo, report)
            for photo in form.cleaned_data.get("reuse_photos") or []
        ]
        if uploaded or reused:
            count = len(uploaded) + len(reused)
            self.message_user(
                request,
                ngettext(
                    "%d Foto hinzugefügt: bitte unter „Fotos“ Bildunterschrift und "
                    "Alternativtext ergänzen.",
                    "%d Fotos hinzugefügt: bitte unter „Fotos“ Bildunterschriften und "
                    "Alternativtexte ergänzen.",
                    count,
                )
                % count,
                messages.WARNING,
            )
            request.photos_added = True

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "photos_added", False):
            # Back to the form, where the new photos wait for their texts.
            return redirect(reverse("admin:events_report_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "photos_added", False):
            return redirect(reverse("admin:events_report_change", args=[obj.pk]))
        return super().response_change(request, obj)

    @admin.display(description=_("Vorschau"))
    def preview_links(self, report):
        if not report.pk:
            return _("Nach dem ersten Sichern verfügbar.")
        return format_html(
            '<a href="{}" target="_blank">{}</a> · <a href="{}" target="_blank">{}</a>',
            reverse("admin:events_report_preview", args=[report.pk, "de"]),
            _("Deutsch"),
            reverse("admin:events_report_preview", args=[report.pk, "en"]),
            _("Englisch"),
        )

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
        return reverse("admin:events_report_preview", args=[report.pk, "de"])

    def get_urls(self):
        preview = path(
            "<int:pk>/preview/<str:language>/",
            self.admin_site.admin_view(self.preview_view),
            name="events_report_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, pk, language):
        """The public page of a report as it will look in German or in
        English, drafts included."""
        if language not in dict(settings.LANGUAGES):
            raise Http404
        report = get_object_or_404(Report, pk=pk)
        if not self.has_view_or_change_permission(request, report):
            raise PermissionDenied
        view = ReportDetailView.as_view(
            queryset=Report.objects.all(),
            extra_context={
                "preview": True,
                "preview_languages": [
                    (
                        code,
                        name,
                        reverse("admin:events_report_preview", args=[report.pk, code]),
                    )
                    for code, name in settings.LANGUAGES
                ],
            },
        )
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, slug=report.url_slug())
            response.render()
        add_never_cache_headers(response)
        return response


# Old addresses (a migrated CMS's, or a report's before its slug changed)
# lead to the page now: the site is always this one, so it is not asked for.
admin.site.unregister(Redirect)


@admin.register(Redirect)
class RedirectAdmin(StockRedirectAdmin):
    fields = ["old_path", "new_path"]
    radio_fields = {}
    list_filter = []

    def save_model(self, request, obj, form, change):
        obj.site_id = settings.SITE_ID
        super().save_model(request, obj, form, change)
