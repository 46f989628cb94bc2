import datetime
import unicodedata
from collections import namedtuple

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField
from phonenumber_field.modelfields import PhoneNumberField

from config.slugs import SluggedModel, unique_slug
from contacts.images import reencode_image, validate_image


class Topic(SluggedModel, models.Model):
    """A theme shared by reports, events, delegations and organisations."""

    name = models.CharField(_("Name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("Kurzname"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Leer lassen: wird beim Sichern aus dem Namen gebildet."),
    )

    slug_source = "name"
    # Its address is the report list filtered by it, never a 404.
    redirects_old_addresses = False

    class Meta:
        ordering = ["name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:report_list") + f"?topic={self.slug}"


def comparable_name(name: str) -> str:
    """A name as a person compares it: without case, accents or extra spaces
    ("Université d'Amiens" and "universite d’amiens" are the same)."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def comparable_website(url: str) -> str:
    """A website without scheme, "www." and trailing slash."""
    url = url.strip().casefold().removeprefix("https://").removeprefix("http://")
    return url.removeprefix("www.").rstrip("/")


class Role(models.TextChoices):
    """An organisation's part in an event, a delegation or a programme stop,
    in the order pages list them ("Gastgeber …, unterstützt von …")."""

    HOST = "host", _("Gastgeber")
    CO_HOST = "co_host", _("Mitveranstalter")
    ORGANISER = "organiser", _("Organisiert von")
    SUPPORTER = "supporter", _("Unterstützt von")
    VISITED = "visited", _("Besucht")
    VENUE = "venue", _("Veranstaltungsort")
    PARTICIPANT = "participant", _("Beteiligt")


# An organisation's part where no row records it (a venue, a stop's host).
Involvement = namedtuple("Involvement", "role organisation")


def by_role(involvements) -> list[tuple[str, list]]:
    """Organisations grouped by their part, in the order pages read them:
    [("Gastgeber", [IHK]), ("Unterstützt von", [...]), …]."""
    groups: dict[str, list] = {}
    for involvement in involvements:
        group = groups.setdefault(involvement.role, [])
        if involvement.organisation not in group:
            group.append(involvement.organisation)
    return [(Role(role).label, groups[role]) for role in Role.values if role in groups]


class OrganisationQuerySet(models.QuerySet):
    def similar_to(self, *, names: list[str], website: str = ""):
        """Organisations with the same name (ignoring case and accents, in any
        language) or the same website: probably the one about to be entered."""
        wanted = {comparable_name(n) for n in names if n.strip()}
        site = comparable_website(website)
        rows = self.values_list("pk", "name_de", "name_en", "short_name", "website")
        pks = [
            pk
            for pk, *row_names, row_site in rows
            if wanted & {comparable_name(n or "") for n in row_names}
            or (site and comparable_website(row_site) == site)
        ]
        return self.filter(pk__in=pks)

    def with_activity(self):
        """Organisations that hosted, took part in or ran something public."""
        return self.filter(
            models.Q(event_involvements__isnull=False)
            | models.Q(venue_events__isnull=False)
            | models.Q(delegation_involvements__isnull=False)
            | models.Q(hosted_stops__isnull=False)
        ).distinct()


class Organisation(SluggedModel, models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Unternehmen")
        UNIVERSITY = "university", _("Hochschule")
        RESEARCH = "research", _("Forschungseinrichtung")
        CHAMBER = "chamber", _("Kammer oder Verband")
        PUBLIC = "public", _("Öffentliche Einrichtung")
        EMBASSY = "embassy", _("Botschaft oder Konsulat")
        NETWORK = "network", _("Netzwerk oder Initiative")
        OTHER = "other", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(
        _("Kurzform"),
        max_length=60,
        blank=True,
        help_text=_("Abkürzung, unter der die Organisation bekannt ist, z. B. IHK."),
    )
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Leer lassen: wird beim Sichern aus dem Namen gebildet."),
    )
    # Both may stay empty: an organisation named in a report is entered by its
    # name; what kind it is and where can follow when someone knows.
    kind = models.CharField(
        _("Art"), max_length=20, choices=Kind, blank=True, db_index=True
    )
    country = CountryField(_("Land"), blank=True, db_index=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(
        _("Kurzbeschreibung"),
        blank=True,
        help_text=_("Zwei, drei Sätze für die öffentliche Seite der Organisation."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnete Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Z. B. die Fraunhofer-Gesellschaft für ein Fraunhofer-Institut."),
    )
    logo = models.ImageField(
        _("Logo"),
        upload_to="logos/",
        blank=True,
        validators=[validate_image],
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="organisations"
    )

    objects = OrganisationQuerySet.as_manager()

    slug_source = "name"

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_slug()
        # Every writer (admin, import, shell) stores the logo re-encoded: no EXIF
        # or GPS, nothing appended after the pixels, a name that fits the content.
        if self.logo and not self.logo._committed:
            validate_image(self.logo.file)
            self.logo = reencode_image(self.logo.file)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contacts:organisation_detail", kwargs={"slug": self.slug})

    def fill_slug(self) -> None:
        """Writers without a slug field (imports, the shell) get one from the name."""
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name_de or self.name)


class ContactQuerySet(models.QuerySet):
    def similar_to(self, *, first_name: str, last_name: str, email: str = ""):
        """People with the same name (ignoring case and accents) or the same
        business e-mail address."""
        wanted = comparable_name(f"{first_name} {last_name}")
        rows = self.values_list("pk", "first_name", "last_name")
        pks = [
            pk
            for pk, first, last in rows
            if comparable_name(f"{first} {last}") == wanted
        ]
        condition = models.Q(pk__in=pks)
        if email.strip():
            condition |= models.Q(email__iexact=email.strip())
        return self.filter(condition)


class Contact(models.Model):
    """A person: a partner named in a report or a member of the team."""

    title = models.CharField(
        _("Akademischer Titel"), max_length=40, blank=True, help_text=_("Z. B. Dr.")
    )
    first_name = models.CharField(_("Vorname"), max_length=100, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=100)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    role = models.CharField(
        _("Funktion"),
        max_length=200,
        blank=True,
        help_text=_("Z. B. Trade Commissioner, Generalkonsulin, Geschäftsführerin."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
    )
    team = models.CharField(
        _("Team"),
        max_length=120,
        blank=True,
        help_text=_(
            "Team innerhalb der Organisation, z. B. Investor Support International."
        ),
    )
    phone = PhoneNumberField(_("Telefon (dienstlich)"), blank=True, region="DE")
    email = models.EmailField(_("E-Mail (dienstlich)"), blank=True)
    is_public = models.BooleanField(
        _("Öffentliche Ansprechperson"),
        default=False,
        help_text=_(
            "Nur öffentliche Ansprechpersonen erscheinen mit Telefon und E-Mail im "
            "Kasten „Sprechen Sie uns gerne an“ unter einem Bericht."
        ),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.title, self.first_name, self.last_name) if part
        )

    def fill_slug(self) -> None:
        """Writers without a slug field (imports, the shell) get one from the name."""
        if not self.slug:
            self.slug = unique_slug(Contact, f"{self.first_name} {self.last_name}")


def language_choices():
    return settings.LANGUAGES


# The checkbox a partner ticks; stored with the registration as proof of consent.
CONSENT_TEXT = _(
    "Ich habe den Datenschutzhinweis gelesen und bin einverstanden, dass "
    "meine Angaben zur Bearbeitung meiner Anfrage gespeichert werden."
)


class InterestRegistrationQuerySet(models.QuerySet):
    def expired_unconfirmed(self, now: datetime.datetime):
        """Never confirmed within the confirmation period: no consent, so no data."""
        hours = settings.HORIZONT_CONFIRMATION_HOURS
        return self.filter(
            status=InterestRegistration.Status.UNCONFIRMED,
            created_at__lt=now - datetime.timedelta(hours=hours),
        )

    def beyond_retention(self, now: datetime.datetime):
        """Older than the retention period and still holding personal data."""
        cutoff = now - relativedelta(months=settings.HORIZONT_RETENTION_MONTHS)
        return self.filter(created_at__lt=cutoff, anonymised_at__isnull=True)


class InterestRegistration(models.Model):
    """What a partner sent through the public form "Interesse bekunden"."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Unbestätigt")
        NEW = "new", _("Neu")
        IN_PROGRESS = "in_progress", _("In Bearbeitung")
        DONE = "done", _("Erledigt")
        SPAM = "spam", _("Spam")

    class Cooperation(models.TextChoices):
        MARKET_ENTRY = "market_entry", _("Markteinstieg in der Region")
        RESEARCH = "research", _("Forschungskooperation")
        DELEGATION = "delegation", _("Teilnahme an einer Delegation")
        NETWORKING = "networking", _("Networking")
        OTHER = "other", _("Sonstiges")

    # The person; emptied when the registration is anonymised.
    name = models.CharField(_("Name"), max_length=200, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = PhoneNumberField(_("Telefon"), blank=True)
    message = models.TextField(_("Nachricht"), max_length=3000, blank=True)
    # What stays for the statistics.
    country = CountryField(_("Land"), db_index=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("Veranstaltung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interest_registrations",
    )
    # Where the form was opened from; not personal data, kept when anonymised.
    source_report = models.ForeignKey(
        "events.Report",
        verbose_name=_("Gekommen über den Bericht"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interest_registrations",
        help_text=_(
            "Der veröffentlichte Bericht, von dessen Seite aus das Formular "
            "geöffnet wurde."
        ),
    )
    countries = CountryField(_("Interesse an Ländern"), multiple=True, blank=True)
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("Interesse an Themen"),
        blank=True,
        related_name="interest_registrations",
    )
    partner_cities = models.ManyToManyField(
        "delegations.PartnerCity",
        verbose_name=_("Interesse an Partnerstädten"),
        blank=True,
        related_name="interest_registrations",
    )
    cooperation = models.CharField(
        _("Art der Zusammenarbeit"), max_length=20, choices=Cooperation
    )
    language = models.CharField(
        _("Sprache des Formulars"), max_length=10, choices=language_choices
    )
    # Evidence of consent: the notice exactly as the person saw it.
    privacy_notice_version = models.CharField(
        _("Version des Datenschutzhinweises"), max_length=64
    )
    privacy_notice_text = models.TextField(_("Datenschutzhinweis (Textfassung)"))
    consent_text = models.TextField(
        _("Wortlaut der Einwilligung"),
        blank=True,
        help_text=_("Der Text des Kästchens, das die Person angekreuzt hat."),
    )
    created_at = models.DateTimeField(_("Eingegangen"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("Bestätigt"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("Anonymisiert"), null=True, blank=True)
    # The team's work on it.
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=Status,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Bearbeitet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Wird beim Ändern des Status automatisch gesetzt."),
    )
    notes = models.TextField(
        _("Interne Notizen"),
        blank=True,
        help_text=_("Nur für das Team sichtbar; wird beim Anonymisieren gelöscht."),
    )
    # Outbox entries (django-post-office) and what went wrong delivering them.
    confirmation_mail = models.ForeignKey(
        "post_office.Email",
        verbose_name=_("Bestätigungs-E-Mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notification_mail = models.ForeignKey(
        "post_office.Email",
        verbose_name=_("Benachrichtigung an das Team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    mail_failure = models.TextField(
        _("E-Mail-Problem"),
        blank=True,
        help_text=_(
            "Letzter Fehler beim Versand. Der Versand wird automatisch wiederholt; "
            "das Feld leert sich, sobald alle E-Mails zugestellt sind."
        ),
    )

    objects = InterestRegistrationQuerySet.as_manager()

    # What the partner fills in, in the form's order. The form, the admin, the
    # CSV export and the GDPR export all take this one list.
    PARTNER_FIELDS = (
        "name",
        "organisation",
        "email",
        "phone",
        "country",
        "event",
        "countries",
        "topics",
        "partner_cities",
        "cooperation",
        "message",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Interessensbekundung")
        verbose_name_plural = _("Interessensbekundungen")
        indexes = [
            models.Index(fields=["created_at"], name="interest_created_idx"),
        ]

    def __str__(self):
        if self.anonymised_at:
            return _("Anonymisierte Bekundung %(number)s") % {"number": self.pk}
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def display_value(self, name: str) -> str:
        """A field as a person reads it: names of choices, countries, topics."""
        field = self._meta.get_field(name)
        value = getattr(self, name)
        if field.many_to_many:
            return ", ".join(str(item) for item in value.all())
        if name == "countries":
            return ", ".join(country.name for country in value)
        if name == "country":
            return value.name if value else ""
        if name == "phone":
            return value.as_international if value else ""
        if field.choices:
            return getattr(self, f"get_{name}_display")()
        if name in ("event", "source_report"):
            return value.title if value else ""
        return "" if value is None else str(value)


class LegalPage(models.Model):
    """Impressum, privacy notice, accessibility statement and the pages in Leichte
    Sprache and Gebärdensprache (BITV 2.0): managers keep them."""

    class Kind(models.TextChoices):
        IMPRINT = "imprint", _("Impressum")
        PRIVACY = "privacy", _("Datenschutzerklärung")
        ACCESSIBILITY = "accessibility", _("Erklärung zur Barrierefreiheit")
        EASY_LANGUAGE = "easy_language", _("Leichte Sprache")
        SIGN_LANGUAGE = "sign_language", _("Gebärdensprache")

    kind = models.CharField(_("Seite"), max_length=20, choices=Kind, unique=True)
    title = models.CharField(_("Überschrift"), max_length=200)
    body = ProseEditorField(
        _("Text"),
        config={
            "extensions": {
                "Bold": True,
                "Italic": True,
                "Heading": {"levels": [2, 3]},
                "BulletList": True,
                "OrderedList": True,
                "ListItem": True,
                "Link": {"enableTarget": False},
                "HardBreak": True,
                "History": True,
            }
        },
        sanitize=True,
        help_text=_(
            "Beim Datenschutz: gilt zusätzlich zum festen Hinweis zum Formular; "
            "jede Änderung ergibt eine neue Fassung, die mit neuen Anfragen "
            "gespeichert wird."
        ),
    )
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        names = {
            self.Kind.IMPRINT: "contacts:imprint",
            self.Kind.PRIVACY: "contacts:privacy",
            self.Kind.ACCESSIBILITY: "contacts:accessibility",
            self.Kind.EASY_LANGUAGE: "contacts:easy_language",
            self.Kind.SIGN_LANGUAGE: "contacts:sign_language",
        }
        return reverse(names[self.kind])
