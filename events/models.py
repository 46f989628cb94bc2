from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from contacts.images import validate_image
from contacts.models import Contact, Organisation, Topic
from delegations.models import Delegation, PartnerCity

# What an editor can type in a report section, and so what survives sanitising.
SECTION_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Link": {"enableTarget": False},
        "HardBreak": True,
        "History": True,
    }
}


class EventQuerySet(models.QuerySet):
    def upcoming(self):
        now = timezone.now()
        return self.filter(
            Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
        ).order_by("start")

    def past(self):
        now = timezone.now()
        return self.exclude(
            Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
        ).order_by("-start")


class Event(models.Model):
    class Format(models.TextChoices):
        STAMMTISCH = "stammtisch", _("Stammtisch")
        NETWORKING_LUNCH = "networking_lunch", _("Networking-Lunch")
        COMPANY_BREAKFAST = "company_breakfast", _("Unternehmensfrühstück")
        CONFERENCE = "conference", _("Konferenz")
        TRADE_FAIR = "trade_fair", _("Messe")
        DELEGATION_VISIT = "delegation_visit", _("Delegationsbesuch")
        SUMMIT = "summit", _("Gipfel")
        KICKOFF = "kickoff", _("Kick-off")
        RECEPTION = "reception", _("Empfang")
        PRESENTATION = "presentation", _("Standortpräsentation")
        ONLINE = "online", _("Online")
        OTHER = "other", _("Sonstiges")

    class CountQualifier(models.TextChoices):
        EXACT = "exact", _("genau")
        ABOUT = "about", _("rund")
        MORE_THAN = "more_than", _("mehr als")
        ALMOST = "almost", _("knapp")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    format = models.CharField(_("Format"), max_length=20, choices=Format, db_index=True)
    series = models.CharField(
        _("Reihe"),
        max_length=120,
        blank=True,
        help_text=_("Z. B. „Stammtisch USA/Kanada“ oder „Unternehmensfrühstück“."),
    )
    edition = models.PositiveSmallIntegerField(
        _("Ausgabe"),
        null=True,
        blank=True,
        help_text=_("Die wievielte Ausgabe der Reihe, z. B. 108."),
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    all_day = models.BooleanField(
        _("Ganztägig"),
        default=False,
        help_text=_("Ohne Uhrzeit anzeigen, etwa wenn nur der Tag bekannt ist."),
    )
    venue = models.ForeignKey(
        Organisation,
        verbose_name=_("Veranstaltungsort (Organisation)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venue_events",
        help_text=_(
            "Wenn die Veranstaltung in den Räumen einer Organisation stattfand."
        ),
    )
    venue_name = models.CharField(
        _("Veranstaltungsort"),
        max_length=200,
        blank=True,
        help_text=_(
            "Z. B. Rathaus Dortmund; leer lassen, wenn die Organisation genügt."
        ),
    )
    city = models.CharField(_("Stadt"), max_length=100)
    country = CountryField(_("Land"), default="DE", db_index=True)
    hosts = models.ManyToManyField(
        Organisation,
        verbose_name=_("Gastgeber"),
        blank=True,
        related_name="hosted_events",
    )
    participants = models.ManyToManyField(
        Organisation,
        verbose_name=_("Beteiligte Organisationen"),
        blank=True,
        related_name="participated_events",
    )
    participant_count = models.PositiveIntegerField(
        _("Zahl der Teilnehmenden"), null=True, blank=True
    )
    participant_count_qualifier = models.CharField(
        _("Genauigkeit der Zahl"),
        max_length=10,
        choices=CountQualifier,
        default=CountQualifier.EXACT,
        help_text=_("„mehr als 20“, „knapp 50“: die Zahl so, wie sie berichtet wurde."),
    )
    focus_countries = CountryField(_("Länderschwerpunkt"), multiple=True, blank=True)
    partner_cities = models.ManyToManyField(
        PartnerCity, verbose_name=_("Partnerstädte"), blank=True, related_name="events"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="events"
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("Delegation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    open_for_registration = models.BooleanField(
        _("Interessensbekundung möglich"),
        default=False,
        help_text=_(
            "Zeigt bei kommenden Veranstaltungen den Link zum Anmeldeformular."
        ),
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [
            models.Index(fields=["start"], name="event_start_idx"),
            # Upcoming events: those that end, or without an end start, from now on.
            models.Index(fields=["end"], name="event_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="event_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(edition__gte=1),
                name="event_edition_positive",
                violation_error_message=_("Die Ausgabe zählt ab 1."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def is_upcoming(self) -> bool:
        return (self.end or self.start) >= timezone.now()

    def accepts_registrations(self) -> bool:
        return self.open_for_registration and self.is_upcoming()

    @property
    def place(self) -> str:
        """Venue and city as a reader would write them."""
        venue = self.venue_name or (self.venue.name if self.venue_id else "")
        return ", ".join(part for part in (venue, self.city) if part)

    @property
    def edition_label(self) -> str:
        if self.edition and self.series:
            return f"{self.edition}. {self.series}"
        return self.series


class ReportQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publish date reached.

        Every public view, feed, sitemap and count goes through this.
        """
        return self.filter(
            status=Report.Status.PUBLISHED, publish_at__lte=timezone.now()
        )


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    title = models.CharField(_("Überschrift"), max_length=200)
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=200,
        unique=True,
        help_text=_(
            "Nach der Veröffentlichung nicht mehr ändern: Links zeigen darauf."
        ),
    )
    lead = models.TextField(
        _("Vorspann"),
        max_length=1000,
        help_text=_(
            "Zwei, drei Sätze, die in Listen, Feeds und Vorschauen erscheinen."
        ),
    )
    author = models.ForeignKey(
        Contact,
        verbose_name=_("Autor*in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_reports",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("Veröffentlichen am"),
        default=timezone.now,
        help_text=_("Ein Datum in der Zukunft plant die Veröffentlichung."),
    )
    events = models.ManyToManyField(
        Event, verbose_name=_("Veranstaltungen"), blank=True, related_name="reports"
    )
    delegations = models.ManyToManyField(
        Delegation, verbose_name=_("Delegationen"), blank=True, related_name="reports"
    )
    contacts = models.ManyToManyField(
        Contact,
        verbose_name=_("Ansprechpersonen"),
        blank=True,
        related_name="contact_for_reports",
        limit_choices_to={"is_public": True},
        help_text=_("Erscheinen im Kasten „Sprechen Sie uns gerne an“."),
    )
    # Title, lead and section texts in one column per language, kept up to date
    # by events.services.report_update_search_text for full-text search.
    search_text = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        indexes = [
            models.Index(
                fields=["status", "-publish_at", "-id"], name="report_visible_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:report_detail", kwargs={"slug": self.slug})

    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()
        )


class ReportFacet(models.Model):
    """One thing a report is about, derived from the events and delegations it covers.

    Kept by events.services.report_refresh_derived so that the public filters
    need one indexed lookup instead of joins through events and delegations.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Land")
        TOPIC = "topic", _("Thema")
        PARTNER_CITY = "city", _("Partnerstadt")
        FORMAT = "format", _("Format")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(max_length=10, choices=Kind)
    value = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("Bezug eines Berichts")
        verbose_name_plural = _("Bezüge eines Berichts")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "value"], name="reportfacet_unique"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "value", "report"], name="reportfacet_lookup")
        ]

    def __str__(self):
        return f"{self.kind}: {self.value}"


class ReportSection(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    heading = models.CharField(
        _("Zwischenüberschrift"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen für den Einstieg direkt nach dem Vorspann."),
    )
    body = ProseEditorField(_("Text"), config=SECTION_EDITOR, sanitize=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")

    def __str__(self):
        return self.heading or str(_("Einstieg"))


class Photo(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    image = models.ImageField(
        _("Bild"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_image],
        help_text=_(
            "JPEG, PNG oder WebP. Standortdaten werden beim Hochladen entfernt."
        ),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    # WebP copies in a few widths, made once by events.services.photo_make_renditions.
    renditions = models.JSONField(editable=False, default=list)
    caption = models.CharField(_("Bildunterschrift"), max_length=400)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        help_text=_("Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen."),
    )
    credit = models.CharField(
        _("Bildnachweis"), max_length=120, help_text=_("Z. B. „WF DO / Jäger“.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self):
        return self.caption

    def srcset(self) -> str:
        return ", ".join(
            f"{self.image.storage.url(r['name'])} {r['width']}w"
            for r in self.renditions
        )

    def src(self, max_width: int = 800) -> dict:
        """The largest rendition up to max_width, as url, width and height."""
        fitting = [
            r for r in self.renditions if r["width"] <= max_width
        ] or self.renditions
        if not fitting:
            return {"url": self.image.url, "width": self.width, "height": self.height}
        best = max(fitting, key=lambda r: r["width"])
        return {
            "url": self.image.storage.url(best["name"]),
            "width": best["width"],
            "height": best["height"],
        }
