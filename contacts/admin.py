import logging

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from import_export.forms import ExportForm
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from config.spreadsheets import ExportAdminMixin, ImportExportAdminMixin
from contacts.choosing import CreatingAdminMixin
from contacts.exports import write_registrations_csv
from contacts.forms import ContactAdminForm, OrganisationAdminForm
from contacts.gdpr import personal_data_erase, personal_data_export
from contacts.models import (
    Contact,
    InterestRegistration,
    LegalPage,
    Organisation,
    Topic,
)
from contacts.resources import (
    ContactResource,
    InterestRegistrationResource,
    OrganisationResource,
    TopicResource,
)
from contacts.retention import registrations_anonymise, registrations_delete
from contacts.services import registrations_set_status

logger = logging.getLogger(__name__)


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    action = forms.ChoiceField(
        label=_("Aktion"),
        choices=[
            ("export", _("Alle gespeicherten Daten herunterladen (JSON)")),
            ("erase", _("Alle Anfragen dieser Adresse löschen")),
        ],
        widget=forms.RadioSelect,
    )


@admin.register(Topic)
class TopicAdmin(ExportAdminMixin, TranslationAdmin):
    resource_classes = [TopicResource]
    list_display = ["name", "slug"]
    search_fields = ["name_de", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}


class DuplicateWarningMixin:
    """On the add form only: the box that confirms a probable duplicate."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return [
                (
                    name,
                    {
                        **options,
                        "fields": [
                            f for f in options["fields"] if f != "confirm_duplicate"
                        ],
                    },
                )
                for name, options in fieldsets
            ]
        if "confirm_duplicate" not in str(fieldsets):
            fieldsets = [*fieldsets, (None, {"fields": ["confirm_duplicate"]})]
        return fieldsets


@admin.register(Organisation)
class OrganisationAdmin(
    CreatingAdminMixin,
    ImportExportAdminMixin,
    DuplicateWarningMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    form = OrganisationAdminForm
    resource_classes = [OrganisationResource]
    import_help = _(
        "Eine Organisation, die es schon gibt, wird am Kurznamen erkannt, sonst "
        "an der Website, sonst am Namen (Groß- und Kleinschreibung und Akzente "
        "zählen nicht): sie wird ergänzt, nicht doppelt angelegt."
    )
    list_display = ["name", "short_name", "kind", "country", "city", "parent"]
    list_filter = ["kind", ("country", CountryFilter), "topics"]
    list_select_related = ["parent"]
    search_fields = ["name_de", "name_en", "short_name", "city"]
    prepopulated_fields = {"slug": ["name_de"]}
    autocomplete_fields = ["parent", "topics"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_de", "name_en"),
                    "short_name",
                    "slug",
                    "kind",
                    "parent",
                ]
            },
        ),
        (_("Ort"), {"fields": ["country", "city", "website"]}),
        (
            _("Darstellung"),
            {"fields": [("description_de", "description_en"), "logo", "topics"]},
        ),
    ]


@admin.register(Contact)
class ContactAdmin(
    CreatingAdminMixin,
    ImportExportAdminMixin,
    DuplicateWarningMixin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    form = ContactAdminForm
    resource_classes = [ContactResource]
    import_help = _(
        "Eine Person, die es schon gibt, wird an der E-Mail-Adresse erkannt, "
        "sonst an Vor- und Nachname bei derselben Organisation. Die Organisation "
        "muss es in Horizont schon geben (Name, englischer Name oder Kurzform)."
    )
    list_display = ["full_name", "role", "organisation", "team", "is_public"]
    list_filter = ["is_public", "organisation__kind"]
    list_select_related = ["organisation"]
    search_fields = [
        "first_name",
        "last_name",
        "role_de",
        "role_en",
        "organisation__name_de",
    ]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": [("title", "first_name", "last_name"), "slug"]}),
        (
            _("Funktion"),
            {"fields": [("role_de", "role_en"), "organisation", "team"]},
        ),
        (_("Erreichbarkeit"), {"fields": [("phone", "email"), "is_public"]}),
    ]

    @admin.display(description=_("Name"), ordering="last_name")
    def full_name(self, contact):
        return contact.full_name


@admin.register(InterestRegistration)
class InterestRegistrationAdmin(ExportAdminMixin, admin.ModelAdmin):
    """The managers' inbox. Seen only with the model's permissions, which the
    Management group holds and the Redaktion group does not; so are its CSV
    action and its CSV/XLSX export button (both need the view permission)."""

    resource_classes = [InterestRegistrationResource]
    # Always every column: the export is the record a manager hands on.
    export_form_class = ExportForm
    # Our template keeps the GDPR link beside the export button.
    import_export_change_list_template = (
        "admin/contacts/interestregistration/change_list.html"
    )

    list_display = [
        "created_at",
        "person",
        "organisation",
        "country",
        "event",
        "cooperation",
        "status",
        "handled_by",
        "mail_ok",
    ]
    list_display_links = ["created_at", "person"]
    list_filter = [
        "status",
        ("country", CountryFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        ("event", admin.RelatedOnlyFieldListFilter),
        ("source_report", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["event", "handled_by"]
    search_fields = ["name", "organisation", "email", "message", "notes"]
    date_hierarchy = "created_at"
    actions = [
        "mark_in_progress",
        "mark_done",
        "mark_spam",
        "export_csv",
        "anonymise",
    ]
    # What the partner sent, and the record of consent and mail: read-only.
    # The report the form was opened from follows the event: both say where
    # the partner came from (a read-only link to the report).
    request_fields = [
        field
        for name in InterestRegistration.PARTNER_FIELDS
        for field in (
            ["interest_countries"]
            if name == "countries"
            else [name, "source_report"]
            if name == "event"
            else [name]
        )
    ]
    record_fields = [
        "language",
        "created_at",
        "confirmed_at",
        "anonymised_at",
        "mail_failure",
        "consent_text",
        "privacy_notice_version",
        "privacy_notice_text",
    ]
    fieldsets = [
        (None, {"fields": ["status", "handled_by", "notes"]}),
        (_("Anfrage"), {"fields": request_fields}),
        (
            _("Nachweis und Versand"),
            {"classes": ["collapse"], "fields": record_fields},
        ),
    ]
    readonly_fields = ["handled_by", *request_fields, *record_fields]

    def has_add_permission(self, request):
        # Registrations come only from the public form, with consent.
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.personal_data_view)
        return [
            path(
                "personal-data/",
                view,
                name="contacts_interestregistration_personal_data",
            ),
            *super().get_urls(),
        ]

    def personal_data_view(self, request):
        """Answer a GDPR request for one e-mail address: export or erase."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if form.cleaned_data["action"] == "export":
                data = personal_data_export(email)
                response = JsonResponse(
                    data, json_dumps_params={"ensure_ascii": False, "indent": 2}
                )
                response["Content-Disposition"] = (
                    'attachment; filename="personal-data.json"'
                )
                return response
            deleted, cleared = personal_data_erase(email)
            self.message_user(
                request,
                gettext(
                    "Gelöscht: %(deleted)d Anfrage(n); bereinigt: %(cleared)d Personeneintrag/-einträge."
                )
                % {"deleted": deleted, "cleared": cleared},
            )
            return redirect("admin:contacts_interestregistration_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Auskunft und Löschung nach E-Mail-Adresse"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/contacts/personal_data.html", context)

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        logger.info("%s exported %d interest registrations.", request.user, len(data))
        return data

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.status == InterestRegistration.Status.UNCONFIRMED:
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # Back to "unconfirmed" would put a consented registration up for
            # deletion.
            kwargs["choices"] = [
                choice
                for choice in InterestRegistration.Status.choices
                if choice[0] != InterestRegistration.Status.UNCONFIRMED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if {"status", "notes"} & set(form.changed_data):
            obj.handled_by = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        registrations_delete(InterestRegistration.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        registrations_delete(queryset)

    @admin.display(description=_("Name"), ordering="name")
    def person(self, registration):
        return registration.name or _("(anonymisiert)")

    @admin.display(description=_("Interesse an Ländern"))
    def interest_countries(self, registration):
        return ", ".join(country.name for country in registration.countries)

    @admin.display(description=_("E-Mail zugestellt"), boolean=True)
    def mail_ok(self, registration):
        return not registration.mail_failure

    def _set_status(self, request, queryset, status):
        count = registrations_set_status(queryset, status=status, user=request.user)
        label = InterestRegistration.Status(status).label
        self.message_user(
            request,
            ngettext(
                "%(count)d Bekundung auf „%(status)s“ gesetzt.",
                "%(count)d Bekundungen auf „%(status)s“ gesetzt.",
                count,
            )
            % {"count": count, "status": label}
            + (
                " " + gettext("Unbestätigte wurden übersprungen.")
                if count < len(queryset)
                else ""
            ),
        )

    @admin.action(
        description=_("Als „In Bearbeitung“ markieren"), permissions=["change"]
    )
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, InterestRegistration.Status.IN_PROGRESS)

    @admin.action(description=_("Als „Erledigt“ markieren"), permissions=["change"])
    def mark_done(self, request, queryset):
        self._set_status(request, queryset, InterestRegistration.Status.DONE)

    @admin.action(description=_("Als Spam markieren"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, InterestRegistration.Status.SPAM)

    @admin.action(
        description=_("Ausgewählte als CSV exportieren"), permissions=["view"]
    )
    def export_csv(self, request, queryset):
        filename = f"interessensbekundungen-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        count = write_registrations_csv(queryset, response)
        logger.info("%s exported %d interest registrations.", request.user, count)
        return response

    @admin.action(
        description=_("Personenbezogene Daten löschen (anonymisieren)"),
        permissions=["change"],
    )
    def anonymise(self, request, queryset):
        count = registrations_anonymise(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d Bekundung anonymisiert.",
                "%(count)d Bekundungen anonymisiert.",
                count,
            )
            % {"count": count},
        )


@admin.register(LegalPage)
class LegalPageAdmin(TranslationAdmin):
    list_display = ["kind", "title", "updated_at"]
    fields = ["kind", "title_de", "title_en", "body_de", "body_en"]
