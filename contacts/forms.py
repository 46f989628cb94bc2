import secrets
import time

from django import forms
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from contacts.models import CONSENT_TEXT, Contact, InterestRegistration, Organisation
from events.models import Event, Report

FILL_SALT = "contacts.interest.started"
# Fill-time tokens handed out to this session and not used yet.
SESSION_TOKENS = "contacts.interest.tokens"
# Tabs a visitor may have open at once; older tokens are forgotten.
MAX_OPEN_TOKENS = 5


def fill_token(session: SessionBase, started: float | None = None) -> str:
    """A signed note of when the form was handed out, valid once and only in
    the session it was handed out to (a bot cannot reuse one page view)."""
    nonce = secrets.token_urlsafe(12)
    open_tokens = session.get(SESSION_TOKENS, [])[-(MAX_OPEN_TOKENS - 1) :]
    session[SESSION_TOKENS] = [*open_tokens, nonce]
    if SESSION_KEY not in session:
        # An anonymous visitor's session holds nothing but these tokens.
        session.set_expiry(settings.HORIZONT_INTEREST_SESSION_HOURS * 3600)
    started = int(time.time() if started is None else started)
    return signing.dumps([nonce, started], salt=FILL_SALT)


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({date_format(localtime(obj.start), 'DATE_FORMAT')})"


class InterestForm(forms.ModelForm):
    """The public form; nothing but these fields reaches the registration."""

    phone = PhoneNumberField(
        label=_("Telefon"),
        required=False,
        region="DE",
        help_text=_("Mit Ländervorwahl, z. B. +82 2 1234 5678."),
        error_messages={
            "invalid": _(
                "Bitte geben Sie eine gültige Telefonnummer ein, am besten mit "
                "Ländervorwahl, z. B. +49 231 123456."
            )
        },
    )
    event = EventChoiceField(
        label=_("Veranstaltung"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("– keine bestimmte –"),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": _(
                "Ohne Ihre Einwilligung können wir die Anfrage nicht annehmen."
            )
        },
    )
    # Hidden from people by CSS; bots fill in every field they find.
    homepage = forms.CharField(
        label=_("Dieses Feld bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Not required: a missing token is answered like a stale one, with a new one.
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = InterestRegistration
        fields = InterestRegistration.PARTNER_FIELDS
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "countries": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "partner_cities": forms.CheckboxSelectMultiple,
            "cooperation": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "countries": _("Wählen Sie so viele, wie Sie möchten."),
            "message": _("Was sollen wir wissen? Höchstens 3000 Zeichen."),
        }

    # How the page groups the visible fields, in this order; a field not named
    # here still appears, in the last group (the template loops over these).
    FIELDSETS = (
        (_("Über Sie"), ("name", "organisation", "email", "phone", "country")),
        (
            _("Ihr Interesse"),
            (
                "event",
                "cooperation",
                "countries",
                "topics",
                "partner_cities",
                "message",
            ),
        ),
    )
    # Rendered on their own: the consent box and the honeypot.
    APART = ("consent", "homepage")

    def __init__(
        self,
        *args,
        session: SessionBase,
        event_slug: str | None = None,
        report_slug: str | None = None,
        **kwargs,
    ):
        # Labels without a colon, as in the GOV.UK Design System.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.session = session
        # The report page the form was opened from (?report=, which the form's
        # action keeps for the POST); anything but a published report counts
        # as none.
        self.source_report = (
            Report.objects.published()
            .filter(Q(slug=report_slug) | Q(slug_en=report_slug))
            .first()
            if report_slug
            else None
        )
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.fields["country"].choices = [
            ("", _("Bitte wählen")),
            *[choice for choice in self.fields["country"].choices if choice[0]],
        ]
        # Blank in the model only so that anonymising can empty them.
        for name in ("name", "organisation", "email"):
            self.fields[name].required = True
        self.fields["cooperation"].choices = InterestRegistration.Cooperation.choices
        events = Event.objects.upcoming().filter(open_for_registration=True)
        self.fields["event"].queryset = events
        if event_slug and not self.is_bound:
            self.initial["event"] = events.filter(slug=event_slug).first()
        if not self.is_bound:
            self.fields["started"].initial = fill_token(session)

    def clean_started(self):
        try:
            nonce, started = signing.loads(
                self.cleaned_data["started"],
                salt=FILL_SALT,
                max_age=settings.HORIZONT_INTEREST_SESSION_HOURS * 3600,
            )
        except (signing.BadSignature, ValueError, TypeError):
            nonce = started = None
        if nonce not in self.session.get(SESSION_TOKENS, []):
            # Forged, used before or from another session: hand out a fresh
            # token, or the form could never be sent again.
            self.data = self.data.copy()
            self.data["started"] = fill_token(self.session)
            raise forms.ValidationError(
                _("Das Formular ist abgelaufen. Bitte senden Sie es erneut."),
                code="expired",
            )
        if time.time() - started < settings.HORIZONT_INTEREST_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden "
                    "Sie das Formular erneut."
                ),
                code="too_fast",
            )
        return nonce

    def fieldsets(self) -> list[tuple[str, list]]:
        """The visible fields in groups of (legend, bound fields) for the page."""
        named = {name for _legend, names in self.FIELDSETS for name in names}
        rest = [
            field
            for field in self.visible_fields()
            if field.name not in named and field.name not in self.APART
        ]
        groups = [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.FIELDSETS
        ]
        groups[-1][1].extend(rest)
        return groups

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled in. The view answers as if all went well:
        a bot learns nothing from the reply."""
        return bool(self.cleaned_data.get("homepage"))

    def use_fill_token(self) -> None:
        """Spend the token of a form that was accepted; it cannot come again."""
        nonce = self.cleaned_data["started"]
        self.session[SESSION_TOKENS] = [
            token for token in self.session.get(SESSION_TOKENS, []) if token != nonce
        ]

    def registration_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "source_report": self.source_report}


class DuplicateWarningForm(forms.ModelForm):
    """An admin form that, before a new record is saved, shows the existing
    ones it probably duplicates, with links, and saves only when confirmed."""

    confirm_duplicate = forms.BooleanField(
        label=_("Trotzdem anlegen"),
        required=False,
        help_text=_(
            "Nur ankreuzen, wenn oben ähnliche Einträge gemeldet wurden und es "
            "sich wirklich um einen anderen handelt."
        ),
    )

    def similar(self):
        return self._meta.model.objects.none()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or cleaned.get("confirm_duplicate") or self.errors:
            return cleaned
        existing = list(self.similar()[:5])
        if existing:
            opts = self._meta.model._meta
            links = format_html_join(
                ", ",
                '<a href="{}" target="_blank">{}</a>',
                (
                    (
                        reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change",
                            args=[obj.pk],
                        ),
                        str(obj),
                    )
                    for obj in existing
                ),
            )
            raise forms.ValidationError(
                format_html(
                    "{} {} {}",
                    gettext("Einen ähnlichen Eintrag gibt es schon:"),
                    links,
                    gettext(
                        "Bitte den vorhandenen Eintrag verwenden oder, wenn es "
                        "ein anderer ist, „Trotzdem anlegen“ ankreuzen und "
                        "erneut sichern."
                    ),
                )
            )
        return cleaned


class OrganisationAdminForm(DuplicateWarningForm):
    class Meta:
        model = Organisation
        fields = ["name"]

    def similar(self):
        data = self.cleaned_data
        names = [
            data.get(name) or ""
            for name in ("name_de", "name_en", "name", "short_name")
        ]
        return Organisation.objects.similar_to(
            names=names, website=data.get("website") or ""
        )


class ContactAdminForm(DuplicateWarningForm):
    class Meta:
        model = Contact
        fields = ["last_name"]

    def similar(self):
        data = self.cleaned_data
        return Contact.objects.similar_to(
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            email=data.get("email") or "",
        )
