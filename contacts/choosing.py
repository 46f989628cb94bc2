"""Choosing organisations, people and topics in the admin, or naming new ones.

A report names "Fraunhofer IML" or "Digitale Gesundheit"; the editor types
the name into the field where it is used and either picks the existing
record or, when there is none, keeps the typed name, and the record is
created on save (with nothing the editor did not say: no invented country or
kind). A typed name that matches an existing record, ignoring case and
accents, is that record: no duplicates.

Organisations linked by role ("Gastgeber", "Unterstützt von", …) get one
such field per role (`RolesFormMixin`), backed by a through model with
`role` and `order`.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.slugs import unique_slug
from contacts.models import Contact, Organisation, Role, Topic, comparable_name


def new_organisation(name: str) -> Organisation:
    return Organisation(name_de=name)  # the slug follows on save


def new_topic(name: str) -> Topic:
    return Topic(name_de=name)  # the slug follows on save


def new_contact(name: str) -> Contact:
    """A person from "Dr. Heike Marzen": the last word is the family name."""
    words = name.split()
    titles = [w for w in words[:-1] if w.endswith(".")]
    rest = [w for w in words if w not in titles]
    return Contact(
        title=" ".join(titles),
        first_name=" ".join(rest[:-1]),
        last_name=rest[-1] if rest else name,
    )  # the slug follows on save


def find_by_name(model: type[models.Model], name: str):
    """The existing record this name means, ignoring case and accents: for
    organisations and people the duplicate warning's own rule (similar_to)."""
    if model is Organisation:
        return Organisation.objects.similar_to(names=[name]).first()
    if model is Contact:
        person = new_contact(name)
        return Contact.objects.similar_to(
            first_name=person.first_name, last_name=person.last_name
        ).first()
    wanted = comparable_name(name)
    for pk, *values in model.objects.values_list("pk", "name_de", "name_en"):
        if wanted in {comparable_name(v or "") for v in values}:
            return model.objects.get(pk=pk)
    return None


def record_named(model: type[models.Model], name: str) -> models.Model:
    """The existing record this name means, or a new one (unsaved) by it."""
    return find_by_name(model, name) or CREATE[model](name)


class CreatingMixin:
    """A model choice that also takes a name for a record still to be made."""

    widget_attrs_tags = {"data-tags": "true"}

    def resolve(self, value) -> models.Model:
        text = str(value).strip()
        if text.isdigit():
            found = self.queryset.filter(pk=int(text)).first()
            if found:
                return found
        if len(text) > 200:
            raise ValidationError(_("Der Name ist zu lang (höchstens 200 Zeichen)."))
        return record_named(self.queryset.model, text)


class CreatingChoiceField(CreatingMixin, forms.ModelChoiceField):
    def clean(self, value):
        if value in self.empty_values:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        return self.resolve(value)


class CreatingMultipleChoiceField(CreatingMixin, forms.ModelMultipleChoiceField):
    def clean(self, value):
        values = [v for v in (value or []) if str(v).strip()]
        if not values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        chosen = []
        for value in values:
            obj = self.resolve(value)
            if obj not in chosen or obj.pk is None:
                chosen.append(obj)
        return chosen

    def has_changed(self, initial, data):
        initial = [str(getattr(v, "pk", v)) for v in initial or []]
        return initial != [str(v) for v in data or []]


class _NamesStayMixin:
    """Autocomplete that keeps typed names (select2 "tags") across a form
    that comes back with an error, and shows them as chosen."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-tags"] = "true"
        attrs["data-placeholder"] = str(_("Namen eingeben: vorhandene wählen oder neu"))
        return attrs

    def optgroups(self, name, value, attr=None):
        value = [v for v in value if v not in ("", None)]
        known = [v for v in value if str(v).isdigit()]
        typed = [v for v in value if not str(v).isdigit()]
        groups = super().optgroups(name, known, attr)
        options = groups[0][1] if groups else []
        for index, text in enumerate(typed, start=len(options)):
            options.append(
                self.create_option(name, text, text, set(map(str, value)), index)
            )
        # Chosen first in the order chosen, as the field stores them.
        position = {str(v): i for i, v in enumerate(value)}
        options.sort(key=lambda o: position.get(str(o["value"]), len(position)))
        if not groups:
            groups = [(None, options, 0)]
        return groups


class NamesAutocompleteMultiple(_NamesStayMixin, AutocompleteSelectMultiple):
    pass


class NamesAutocomplete(_NamesStayMixin, AutocompleteSelect):
    pass


CREATE = {Organisation: new_organisation, Topic: new_topic, Contact: new_contact}


def creating_field(db_field, *, multiple: bool, **kwargs) -> forms.Field:
    """The admin form field for a FK or M2M to an organisation, person or topic."""
    model = db_field.remote_field.model
    widget_class = NamesAutocompleteMultiple if multiple else NamesAutocomplete
    field_class = CreatingMultipleChoiceField if multiple else CreatingChoiceField
    kwargs.pop("widget", None)
    kwargs.setdefault("required", not db_field.blank)
    kwargs.setdefault("label", db_field.verbose_name)
    kwargs.setdefault("help_text", db_field.help_text)
    queryset = kwargs.pop("queryset", None)
    if queryset is None:
        queryset = model._default_manager.all()
    return field_class(
        queryset,
        widget=widget_class(db_field, admin.site),
        **kwargs,
    )


def save_new(objects) -> list:
    """Create the named records still unsaved; returns all, saved."""
    for obj in objects:
        if obj.pk is None:
            obj.save()
    return list(objects)


def save_named(form) -> None:
    """Save the records a form's fields named but that do not exist yet, so
    that the form's own save can link them."""
    for value in getattr(form, "cleaned_data", {}).values():
        if (
            isinstance(value, models.Model)
            and value.pk is None
            and type(value) in CREATE
        ):
            value.save()
        elif isinstance(value, list):
            save_new([v for v in value if isinstance(v, models.Model)])


class NewNamesFormMixin:
    """A model form whose fields may hold records still to be made: the model
    does not check those (their id is not known before they are saved)."""

    def clean_slug(self):
        """A taken address: a new record gets the next free one ("-2"), a
        changed one is asked for another, with a suggestion."""
        slug = self.cleaned_data.get("slug")
        model = self._meta.model
        taken = model._default_manager.exclude(pk=self.instance.pk).filter(slug=slug)
        if not slug or not taken.exists():
            return slug
        free = unique_slug(model, slug, exclude_pk=self.instance.pk)
        if self.instance.pk is None:
            return free
        raise ValidationError(
            _(
                "Diesen Kurznamen hat schon „%(other)s“. Bitte einen anderen "
                "eingeben, z. B. „%(free)s“."
            ),
            params={"other": taken.first(), "free": free},
        )

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        for name, value in getattr(self, "cleaned_data", {}).items():
            if isinstance(value, models.Model) and value.pk is None:
                exclusions.add(name)
        return exclusions


def with_new_names(form_class):
    if issubclass(form_class, NewNamesFormMixin):
        return form_class
    return type(form_class.__name__, (NewNamesFormMixin, form_class), {})


class CreatingAdminMixin:
    """ModelAdmin or inline: FKs and M2Ms to organisations, people and topics
    that are in autocomplete_fields take a new name too."""

    def get_form(self, request, obj=None, **kwargs):
        return with_new_names(super().get_form(request, obj, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_new_names(formset.form)
        return formset

    def save_form(self, request, form, change):
        save_named(form)
        return super().save_form(request, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if not inline_form.cleaned_data.get("DELETE"):
                save_named(inline_form)
        return super().save_formset(request, form, formset, change)

    def creates(self, db_field) -> bool:
        # A choice limited to some records (public contacts) takes no new one.
        return (
            db_field.remote_field.model in CREATE
            and db_field.name in getattr(self, "autocomplete_fields", ())
            and not db_field.remote_field.limit_choices_to
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if self.creates(db_field):
            return creating_field(db_field, multiple=False, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if self.creates(db_field):
            return creating_field(db_field, multiple=True, **kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RolesFormMixin:
    """One field per role for the organisations of an event or delegation.

    Subclasses set `involvement_model` (the through model), `owner_field`
    and `roles` [(Role, label), …]; fields are named `role_<value>`.
    """

    involvement_model: type[models.Model]
    owner_field: str
    roles: list

    @classmethod
    def role_fields(cls) -> dict[str, forms.Field]:
        db_field = cls.involvement_model._meta.get_field("organisation")
        return {
            f"role_{role.value}": creating_field(
                db_field, multiple=True, required=False, label=label, help_text=""
            )
            for role, label in cls.roles
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            rows = self.involvement_model.objects.filter(
                **{self.owner_field: self.instance}
            ).order_by("order", "pk")
            for row in rows:
                name = f"role_{row.role}"
                if name in self.fields:
                    self.initial.setdefault(name, []).append(row.organisation_id)

    def _save_m2m(self):
        super()._save_m2m()
        self.save_roles()

    def save_roles(self) -> None:
        owner = self.instance
        wanted = []
        for role, _label in self.roles:
            name = f"role_{role.value}"
            if name not in self.cleaned_data:
                continue
            for order, organisation in enumerate(save_new(self.cleaned_data[name])):
                wanted.append((role.value, organisation.pk, order))
        Through = self.involvement_model
        existing = {
            (row.role, row.organisation_id): row
            for row in Through.objects.filter(**{self.owner_field: owner})
        }
        keep = set()
        for role, organisation_id, order in wanted:
            row = existing.get((role, organisation_id))
            keep.add((role, organisation_id))
            if row is None:
                Through.objects.create(
                    **{self.owner_field: owner},
                    organisation_id=organisation_id,
                    role=role,
                    order=order,
                )
            elif row.order != order:
                row.order = order
                row.save()
        for key, row in existing.items():
            if key not in keep and row.role in {r.value for r, _ in self.roles}:
                row.delete()


EVENT_ROLES = [
    (Role.HOST, _("Gastgeber")),
    (Role.CO_HOST, _("Mitveranstalter")),
    (Role.SUPPORTER, _("Unterstützt von / Partner")),
    (Role.VISITED, _("Besucht")),
    (Role.PARTICIPANT, _("Beteiligt")),
]
DELEGATION_ROLES = [
    (Role.ORGANISER, _("Organisiert von")),
    (Role.HOST, _("Gastgeber")),
    (Role.SUPPORTER, _("Unterstützt von / Partner")),
    (Role.VISITED, _("Besucht")),
]
