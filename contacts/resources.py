"""Spreadsheet columns of organisations, people, topics and registrations.

An import finds the record a row means with the same rules as the admin's
duplicate warning (`similar_to`), so importing a list again creates nothing.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from config.spreadsheets import (
    BooleanWidget,
    ChoiceWidget,
    CountryWidget,
    NamesWidget,
    NameWidget,
    SpreadsheetResource,
    WebsiteWidget,
    column,
    safe_cell,
)
from contacts.exports import CSV_FIELDS, registration_value
from contacts.models import (
    Contact,
    InterestRegistration,
    Organisation,
    Topic,
    comparable_name,
    comparable_website,
)


class OrganisationWidget(widgets.Widget):
    """An organisation by its name in German or English (case and accents
    ignored) or its short form (IHK)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        found = Organisation.objects.similar_to(names=[text]).order_by("pk")
        wanted = comparable_name(text)
        match = next(
            (
                organisation
                for organisation in found
                if wanted
                in {
                    comparable_name(name or "")
                    for name in (organisation.name_de, organisation.name_en)
                }
            ),
            None,
        ) or next(iter(found), None)
        if match is None:
            raise ValueError(
                _(
                    "Eine Organisation „%(value)s“ gibt es in Horizont nicht. Bitte "
                    "den Namen so schreiben, wie er unter „Organisationen“ steht, "
                    "oder die Organisation zuerst anlegen oder importieren."
                )
                % {"value": text}
            )
        return match

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class OrganisationResource(SpreadsheetResource):
    name_de = column("name_de", "Name")
    name_en = column("name_en", "Name (englisch)")
    short_name = column("short_name", "Kurzform")
    slug = column("slug", "Kurzname")
    kind = column("kind", "Art", ChoiceWidget(Organisation.Kind))
    country = column("country", "Land", CountryWidget())
    city = column("city", "Stadt")
    website = column("website", "Website", WebsiteWidget())
    description_de = column("description_de", "Beschreibung")
    description_en = column("description_en", "Beschreibung (englisch)")
    parent = column("parent", "Übergeordnete Organisation", NameWidget(), readonly=True)
    topics = column("topics", "Themen", NamesWidget(), readonly=True)

    select_related = ["parent"]
    prefetch_related = ["topics"]

    class Meta:
        model = Organisation
        name = _("Organisationen")
        fields = [
            "name_de",
            "name_en",
            "short_name",
            "slug",
            "kind",
            "country",
            "city",
            "website",
            "description_de",
            "description_en",
            "parent",
            "topics",
        ]

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # "www.example.org/" for a stored "https://example.org" is no change.
        if field.attribute == "website" and instance.website:
            typed = comparable_website(str(row.get(field.column_name) or ""))
            if typed == comparable_website(instance.website):
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_instance(self, instance_loader, row):
        """By slug, else by website, else by name (as the duplicate warning
        compares them: case, accents, "www." and the scheme ignored)."""
        existing = Organisation.objects.order_by("pk")
        slug = str(row.get("Kurzname") or "").strip()
        if slug:
            return existing.filter(slug=slug).first()
        website = str(row.get("Website") or "").strip()
        if website:
            match = existing.similar_to(names=[], website=website).first()
            if match:
                return match
        names = [str(row.get(column) or "") for column in ("Name", "Name (englisch)")]
        if any(name.strip() for name in names):
            return existing.similar_to(names=names).first()
        return None


class ContactResource(SpreadsheetResource):
    title = column("title", "Titel")
    first_name = column("first_name", "Vorname")
    last_name = column("last_name", "Nachname")
    role_de = column("role_de", "Funktion")
    role_en = column("role_en", "Funktion (englisch)")
    organisation = column("organisation", "Organisation", OrganisationWidget())
    email = column("email", "E-Mail")
    phone = column("phone", "Telefon")
    team = column("team", "Team")
    is_public = column("is_public", "öffentlich", BooleanWidget())

    select_related = ["organisation"]

    class Meta:
        model = Contact
        name = _("Personen")
        fields = [
            "title",
            "first_name",
            "last_name",
            "role_de",
            "role_en",
            "organisation",
            "email",
            "phone",
            "team",
            "is_public",
        ]

    def get_instance(self, instance_loader, row):
        """By business e-mail (case ignored), else by first and last name
        (case and accents ignored) within the same organisation."""
        existing = Contact.objects.order_by("pk")
        email = str(row.get("E-Mail") or "").strip()
        if email:
            match = existing.filter(email__iexact=email).first()
            if match:
                return match
        last_name = str(row.get("Nachname") or "")
        if not last_name.strip():
            return None
        try:
            organisation = self.fields["organisation"].clean(row)
        except (KeyError, ValueError):
            organisation = None  # an unknown name is the field's row error
        return (
            existing.filter(organisation=organisation)
            .similar_to(first_name=str(row.get("Vorname") or ""), last_name=last_name)
            .first()
        )

    def dehydrate_phone(self, contact):
        return contact.phone.as_international if contact.phone else ""


class TopicResource(SpreadsheetResource):
    name_de = column("name_de", "Name")
    name_en = column("name_en", "Name (englisch)")
    slug = column("slug", "Kurzname")

    class Meta:
        model = Topic
        name = _("Themen")
        fields = ["name_de", "name_en", "slug"]


class InterestRegistrationResource(SpreadsheetResource):
    """The managers' export, with the columns of the CSV export."""

    select_related = ["event", "handled_by"]
    prefetch_related = ["topics", "partner_cities"]

    class Meta:
        model = InterestRegistration
        name = _("Interessensbekundungen")
        fields = []

    def get_export_headers(self, selected_fields=None):
        return [
            capfirst(InterestRegistration._meta.get_field(name).verbose_name)
            for name in CSV_FIELDS
        ]

    def export_resource(self, instance, selected_fields=None, **kwargs):
        xlsx = kwargs.get("force_native_type", False)
        return [
            safe_cell(registration_value(instance, name), xlsx=xlsx)
            for name in CSV_FIELDS
        ]
