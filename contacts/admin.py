from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from contacts.models import Contact, Organisation, Topic


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_de", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "kind", "country", "city", "parent"]
    list_filter = ["kind", "country", "topics"]
    list_select_related = ["parent"]
    search_fields = ["name_de", "name_en", "short_name", "city"]
    prepopulated_fields = {"slug": ["name_de"]}
    autocomplete_fields = ["parent", "topics"]
    fieldsets = [
        (
            None,
            {"fields": ["name_de", "name_en", "short_name", "slug", "kind", "parent"]},
        ),
        (_("Ort"), {"fields": ["country", "city", "website"]}),
        (
            _("Darstellung"),
            {"fields": ["description_de", "description_en", "logo", "topics"]},
        ),
    ]


@admin.register(Contact)
class ContactAdmin(TranslationAdmin):
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

    @admin.display(description=_("Name"), ordering="last_name")
    def full_name(self, contact):
        return contact.full_name
