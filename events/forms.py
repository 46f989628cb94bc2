import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config import dates
from contacts import choosing
from contacts.images import validate_image
from delegations import services as programme
from events.models import Event, EventOrganisation, Photo, Report


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos chosen at once; each checked on its own, so that the
    message names the file that cannot be used."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        errors = []
        cleaned = []
        for upload in files:
            try:
                upload = super().clean(upload, initial)
                validate_image(upload)
            except ValidationError as error:
                errors += [
                    ValidationError(
                        _("„%(name)s“: %(reason)s"),
                        params={"name": upload.name, "reason": message},
                    )
                    for message in error.messages
                ]
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ReportAdminForm(forms.ModelForm):
    new_photos = MultipleImageField(
        label=_("Mehrere Fotos hochladen"),
        required=False,
        help_text=_(
            "Mehrere Dateien auf einmal auswählen (JPEG, PNG oder WebP). Nach dem "
            "Sichern erscheinen sie unter „Fotos“: dort Bildunterschrift und "
            "Alternativtext ergänzen."
        ),
    )
    new_photos_credit = forms.CharField(
        label=_("Bildnachweis der neuen Fotos"),
        required=False,
        max_length=120,
        help_text=_("Gilt für alle oben gewählten Dateien, z. B. „WF DO / Jäger“."),
    )
    reuse_photos = forms.ModelMultipleChoiceField(
        label=_("Fotos aus anderen Berichten übernehmen"),
        queryset=Photo.objects.select_related("report").order_by("-report__publish_at"),
        required=False,
        help_text=_(
            "Die Datei wird nicht kopiert: beide Berichte zeigen dasselbe Bild, "
            "mit eigener Bildunterschrift."
        ),
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "slug",
            "lead",
            "author",
            "status",
            "publish_at",
            "unpublish_at",
            "events",
            "delegations",
            "contacts",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reuse_photos"]
        if self.instance.pk:
            field.queryset = field.queryset.exclude(report=self.instance)
        field.label_from_instance = lambda photo: f"{photo.caption} ({photo.report})"
        if "delegations" in self.fields:
            self.fields["delegations"].help_text = _(
                "Die Delegationen der gewählten Veranstaltungen kommen beim Sichern "
                "von selbst dazu; hier nur weitere wählen."
            )

    def clean(self):
        cleaned = super().clean()
        events = cleaned.get("events")
        if events is not None and "delegations" in cleaned:
            # A report on a delegation's visit covers the delegation too: its
            # programme and groups appear on the report without a second entry.
            chosen = list(cleaned["delegations"] or [])
            for event in events.select_related("delegation"):
                delegation = event.delegation
                if delegation is not None and delegation not in chosen:
                    chosen.append(delegation)
            cleaned["delegations"] = chosen
        if cleaned.get("new_photos") and not cleaned.get("new_photos_credit"):
            self.add_error(
                "new_photos_credit",
                _(
                    "Bitte den Bildnachweis der neuen Fotos angeben, z. B. „WF DO / Jäger“."
                ),
            )
        return cleaned


class RoughDateField(forms.CharField):
    """A date typed as precisely as known (config/dates.py): returns a
    dates.Rough."""

    def __init__(self, *, with_time: bool = True, **kwargs):
        self.with_time = with_time
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return dates.parse(value or "", with_time=self.with_time)
        except dates.InvalidDate as error:
            raise ValidationError(str(error), code="invalid") from error

    def validate(self, value):
        pass

    def run_validators(self, value):
        pass


WHEN_HELP = _(
    "So genau, wie es bekannt ist: „29.09.2025 18:00“, „29.09.2025“, „09.2025“ "
    "oder „2025“. Leer lassen, wenn der Termin noch folgt."
)
UNTIL_HELP = _(
    "Nur bei mehreren Tagen oder mit Uhrzeit: „21:00“, „01.10.2025“; so genau "
    "wie der Beginn."
)


class RoughDatesFormMixin:
    """`when` and `until` in place of the model's start, end and precision."""

    start_name = "start"
    end_name = "end"
    with_time = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            precision = instance.date_precision
            self.initial.setdefault(
                "when", dates.as_text(getattr(instance, self.start_name), precision)
            )
            end = getattr(instance, self.end_name)
            self.initial.setdefault("until", dates.as_text(end, precision))

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("when")
        until = cleaned.get("until")
        if "until" in self.errors and "when" not in self.errors:
            text = self.data.get(self.add_prefix("until"), "")
            if (
                when
                and when.precision == dates.Precision.TIME
                and dates.parse_time(text)
            ):
                until = dates.Rough(
                    dates.Precision.TIME, when.date, dates.parse_time(text)
                )
                del self.errors["until"]
                cleaned["until"] = until
        if when is None or "until" in self.errors:
            return cleaned
        instance = self.instance
        instance.date_precision = when.precision
        setattr(instance, self.start_name, self.moment(when))
        end = None
        if until is not None and until.precision != dates.Precision.OPEN:
            if when.precision == dates.Precision.OPEN:
                self.add_error(
                    "until",
                    _("Ohne Beginn kein Ende: bitte zuerst den Beginn angeben."),
                )
                return cleaned
            if until.precision != when.precision:
                self.add_error(
                    "until",
                    _(
                        "Bitte das Ende so genau wie den Beginn angeben "
                        "(Beginn: „%(when)s“)."
                    )
                    % {"when": self.data.get(self.add_prefix("when"), "")},
                )
                return cleaned
            end = self.moment(until)
            if end < getattr(instance, self.start_name):
                self.add_error("until", _("Das Ende darf nicht vor dem Beginn liegen."))
                return cleaned
        setattr(instance, self.end_name, end)
        return cleaned

    def moment(self, rough: dates.Rough):
        if rough.date is None:
            return None
        if not self.with_time:
            return rough.date
        value = datetime.datetime.combine(rough.date, rough.time or datetime.time())
        return timezone.make_aware(value)


def add_fields(form_class, fields: dict) -> None:
    form_class.base_fields.update(fields)
    form_class.declared_fields.update(fields)


def programme_table_field() -> forms.CharField:
    return forms.CharField(
        label=_("Programm als Tabelle einfügen"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "Die Tabelle des Programms aus Word oder Excel kopieren und hier "
            "einfügen: eine Zeile je Programmpunkt. Die erste Zeile nennt die "
            "Spalten, in beliebiger Reihenfolge: Zeit, Programmpunkt, Programme "
            "item, Gastgeber, Ort, Place, Stadt, Beschreibung, Description, "
            "Vortragende. Mehrere Gastgeber oder Vortragende mit „;“ trennen. "
            "Zeit als „30.09.2025 10:00“ oder nur „14:00“ (Tag der Zeile davor). "
            "Ohne Kopfzeile gilt: Zeit | Programmpunkt | Programme item | "
            "Gastgeber | Ort | Place. Die Punkte kommen hinter die vorhandenen "
            "und lassen sich danach unten ändern und verschieben."
        ),
    )


class ProgrammeTableFormMixin:
    """A programme pasted as a table (delegations/services.py): checked with
    the form, its stops appended on save after the ones in the form."""

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("programme_table") or ""
        if not text.strip():
            cleaned["programme_table"] = []
            return cleaned
        if cleaned.get("programme_of"):
            self.add_error(
                "programme_table",
                _(
                    "Diese Delegation folgt dem Programm von „%(other)s“: die "
                    "Programmpunkte dort eintragen, oder „Gleiches Programm wie“ "
                    "leeren."
                )
                % {"other": cleaned["programme_of"]},
            )
            return cleaned
        start = getattr(self.instance, self.start_name, None)
        first_day = None
        if start is not None and self.instance.date_precision in (
            dates.Precision.DAY,
            dates.Precision.TIME,
        ):
            first_day = (
                timezone.localtime(start).date()
                if isinstance(start, datetime.datetime)
                else start
            )
        try:
            cleaned["programme_table"] = programme.parse_programme_table(
                text, first_day=first_day
            )
        except ValidationError as error:
            self.add_error("programme_table", error)
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        stops = self.cleaned_data.get("programme_table") or []
        if stops:
            self.pasted_stops = programme.add_programme_stops(self.instance, stops)


class EventAdminForm(
    ProgrammeTableFormMixin,
    RoughDatesFormMixin,
    choosing.RolesFormMixin,
    forms.ModelForm,
):
    involvement_model = EventOrganisation
    owner_field = "event"
    roles = choosing.EVENT_ROLES

    when = RoughDateField(label=_("Datum"), help_text=WHEN_HELP)
    until = RoughDateField(label=_("Bis"), help_text=UNTIL_HELP)

    class Meta:
        model = Event
        fields = ["title"]  # the admin names the rest (fieldsets)

    # What an event of a delegation (its visit, its trip's summit) shares with
    # it: left empty here, it is taken from the delegation on save.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.taken_from_delegation: list[str] = []
        # New events take what they leave empty; a changed one only if asked,
        # so that a field emptied on purpose stays empty.
        self.fields["take_from_delegation"].initial = self.instance.pk is None

    def clean(self):
        cleaned = super().clean()
        delegation = cleaned.get("delegation")
        if delegation is None or self.errors:
            return cleaned
        if not cleaned.get("take_from_delegation"):
            return cleaned
        event = self.instance
        typed = (self.data.get(self.add_prefix("when")) or "").strip()
        if (
            not typed
            and event.date_precision == dates.Precision.OPEN
            and delegation.start_date
        ):
            event.date_precision = delegation.date_precision
            event.start = timezone.make_aware(
                datetime.datetime.combine(delegation.start_date, datetime.time())
            )
            event.end = delegation.end_date and timezone.make_aware(
                datetime.datetime.combine(delegation.end_date, datetime.time())
            )
            if not cleaned.get("duration_days") and delegation.duration_days:
                cleaned["duration_days"] = delegation.duration_days
            self.taken_from_delegation.append(str(_("Datum")))
        countries = cleaned.get("focus_countries", ["kept"])
        if not countries and delegation.countries:
            cleaned["focus_countries"] = [c.code for c in delegation.countries]
            self.taken_from_delegation.append(str(_("Länderschwerpunkt")))
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        event, delegation = self.instance, self.cleaned_data.get("delegation")
        if delegation is None or not self.cleaned_data.get("take_from_delegation"):
            return
        if "topics" in self.cleaned_data and not self.cleaned_data["topics"]:
            topics = list(delegation.topics.all())
            if topics:
                event.topics.set(topics)
                self.taken_from_delegation.append(str(_("Themen")))
        cities = self.cleaned_data.get("partner_cities", ["kept"])
        taken = list(delegation.partner_cities.all())
        if not cities and taken:
            event.partner_cities.set(taken)
            self.taken_from_delegation.append(str(_("Partnerstädte")))


add_fields(
    EventAdminForm,
    {
        **EventAdminForm.role_fields(),
        "programme_table": programme_table_field(),
        "take_from_delegation": forms.BooleanField(
            label=_("Leere Felder von der Delegation übernehmen"),
            required=False,
            help_text=_(
                "Datum, Länderschwerpunkt, Partnerstadt und Themen, die hier leer "
                "bleiben, kommen beim Sichern von der gewählten Delegation."
            ),
        ),
    },
)
