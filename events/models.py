import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from config.page_cache import public_content_changed_on_commit
from contacts.images import make_renditions, reencode_image, validate_image
from contacts.models import Contact, Organisation, Topic
from delegations.models import Delegation, PartnerCity

SEARCH_LANGUAGES = ("de", "en")

# What an editor can type in a report section, and so what survives sanitising.
SECTION_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        # "NRW.Global" or "Dr.Müller" are words, not addresses: links only
        # where the editor sets one, also when pasting.
        "Link": {"enableTarget": False, "autolink": False, "linkOnPaste": False},
        "HardBreak": True,
        "History": True,
        # The browser's spell-checking stays on (the editor turns it off).
        "NoSpellCheck": False,
    }
}


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk update sends no signal: reports filter by an event's country
        # and format, so they are refreshed here.
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        Report.objects.covering(events=Q(event__in=pks)).refresh_derived()
        public_content_changed_on_commit()
        return count

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
    city = models.CharField(
        _("Stadt"),
        max_length=100,
        blank=True,
        help_text=_("Leer lassen, wenn sie noch nicht feststeht oder online."),
    )
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
        now = timezone.now()
        return self.filter(
            Q(unpublish_at__isnull=True) | Q(unpublish_at__gt=now),
            status=Report.Status.PUBLISHED,
            publish_at__lte=now,
        )

    def scheduled(self):
        """Published, but with a publish date still to come."""
        return self.filter(
            status=Report.Status.PUBLISHED, publish_at__gt=timezone.now()
        )

    def about(self, kind: str, value: str):
        """Reports about a country, topic, partner city or format (one indexed
        EXISTS over the facet rows that refresh_derived keeps)."""
        return self.filter(
            Exists(
                ReportFacet.objects.filter(
                    report=OuterRef("pk"), kind=kind, value=value
                )
            )
        )

    def covering(self, *, events: Q | None = None, delegations: Q | None = None):
        """Reports covering an event or a delegation that meets the condition,
        written against the link tables (`Q(event__topics=…)`)."""
        condition = Q(pk__in=[])
        if events is not None:
            condition |= Exists(
                Report.events.through.objects.filter(events, report_id=OuterRef("pk"))
            )
        if delegations is not None:
            condition |= Exists(
                Report.delegations.through.objects.filter(
                    delegations, report_id=OuterRef("pk")
                )
            )
        return self.filter(condition)

    def refresh_derived(self) -> int:
        """Recompute what search and filters read: search text and facets.

        Every writer reaches this: the receivers in events/signals.py call it
        for saves, deletions and link changes, bulk writers call it for what
        they wrote. A constant number of queries per call, whatever the count.
        """
        reports = list(
            self.prefetch_related(
                "sections",
                Prefetch(
                    "events",
                    queryset=Event.objects.prefetch_related("topics", "partner_cities"),
                ),
                Prefetch(
                    "delegations",
                    queryset=Delegation.objects.prefetch_related("topics"),
                ),
                "facets",
            )
        )
        if not reports:
            return 0
        stale_facets: list[int] = []
        new_facets: list[ReportFacet] = []
        for report in reports:
            for name, value in report.search_texts().items():
                setattr(report, name, value)
            wanted = report.facet_values()
            existing = {(f.kind, f.value): f.pk for f in report.facets.all()}
            stale_facets += [pk for key, pk in existing.items() if key not in wanted]
            new_facets += [
                ReportFacet(report=report, kind=kind, value=value)
                for kind, value in wanted - existing.keys()
            ]
        search_fields = [f"search_text_{language}" for language in SEARCH_LANGUAGES]
        with transaction.atomic():
            Report.objects.bulk_update(reports, search_fields, batch_size=500)
            ReportFacet.objects.filter(pk__in=stale_facets).delete()
            ReportFacet.objects.bulk_create(new_facets, batch_size=1000)
        return len(reports)

    def update(self, **kwargs):
        # A bulk update sends no signal: keep search text and cache right here.
        searched = [name for name in kwargs if name.startswith(("title", "lead"))]
        pks = list(self.values_list("pk", flat=True)) if searched else []
        count = super().update(**kwargs)
        if pks:
            Report.objects.filter(pk__in=pks).refresh_derived()
        public_content_changed_on_commit()
        return count


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
    unpublish_at = models.DateTimeField(
        _("Offline nehmen am"),
        null=True,
        blank=True,
        help_text=_(
            "Leer lassen, wenn der Bericht online bleibt. Ab diesem Zeitpunkt "
            "ist er nicht mehr öffentlich, bleibt aber als Veröffentlicht gespeichert."
        ),
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
    # by ReportQuerySet.refresh_derived for full-text search.
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
        constraints = [
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(unpublish_at__gt=F("publish_at")),
                name="report_unpublish_after_publish",
                violation_error_message=_(
                    "„Offline nehmen am“ muss nach „Veröffentlichen am“ liegen."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:report_detail", kwargs={"slug": self.slug})

    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at <= now
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    def search_texts(self) -> dict[str, str]:
        """Title, lead and section texts, one column per language.

        Full-text search reads one column instead of joining the sections
        table. An English column falls back to German where a text lacks its
        translation, as the page does.
        """
        sections = list(self.sections.all())
        values = {}
        for language in SEARCH_LANGUAGES:

            def text(obj, field, language=language):
                value = getattr(obj, f"{field}_{language}") or ""
                return value or getattr(obj, f"{field}_de") or ""

            parts = [text(self, "title"), text(self, "lead")]
            for section in sections:
                parts += [text(section, "heading"), strip_tags(text(section, "body"))]
            values[f"search_text_{language}"] = "\n".join(p for p in parts if p)
        return values

    def facet_values(self) -> set[tuple[str, str]]:
        """What the report is about: countries, topics, partner cities and
        formats of the events and delegations it covers. Topics and cities
        are kept by id, so renaming a slug changes nothing here."""
        kinds = ReportFacet.Kind
        facets: set[tuple[str, str]] = set()
        for event in self.events.all():
            facets.add((kinds.COUNTRY, event.country.code))
            facets.add((kinds.FORMAT, event.format))
            facets.update((kinds.COUNTRY, c.code) for c in event.focus_countries)
            facets.update((kinds.TOPIC, str(t.pk)) for t in event.topics.all())
            facets.update(
                (kinds.PARTNER_CITY, str(c.pk)) for c in event.partner_cities.all()
            )
        for delegation in self.delegations.all():
            facets.update((kinds.COUNTRY, c.code) for c in delegation.countries)
            facets.update((kinds.TOPIC, str(t.pk)) for t in delegation.topics.all())
            if delegation.partner_city_id:
                facets.add((kinds.PARTNER_CITY, str(delegation.partner_city_id)))
        facets.discard((kinds.COUNTRY, ""))
        return facets


class ReportFacet(models.Model):
    """One thing a report is about, derived from the events and delegations it covers.

    Kept by ReportQuerySet.refresh_derived so that the public filters
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


def media_url(name: str) -> str:
    """Where the site serves a stored file: through config.views.media, which
    checks who may see it, whatever the storage behind it."""
    return "/" + settings.MEDIA_URL.lstrip("/") + quote(name)


class PhotoQuerySet(models.QuerySet):
    def public(self):
        return self.filter(report__in=Report.objects.published())

    def of_file(self, name: str):
        """Photos whose image, or one of whose renditions, is stored under name."""
        if name.startswith("renditions/") and name.endswith("w.webp"):
            stem = name.removeprefix("renditions/").rsplit("-", 1)[0]
            return self.filter(image__startswith=f"{stem}.")
        return self.filter(image=name)


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
    # WebP copies in a few widths, made once by Photo.make_renditions on save.
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

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        """Store a new upload as pixels only, with its renditions; a replaced
        file goes, with its renditions, once the change is committed."""
        stored_name = getattr(self, "_stored_name", "")
        if self.image and not self.image._committed:
            # Limits first: re-encoding decodes every pixel.
            validate_image(self.image)
            self.image = reencode_image(self.image)
        super().save(*args, **kwargs)
        if self.image.name != stored_name or (self.image and not self.renditions):
            self.make_renditions()
        if stored_name and stored_name != self.image.name:
            transaction.on_commit(lambda: Photo.delete_files(stored_name))
        self._stored_name = self.image.name

    # Which file the row held when read: a replaced file is removed on save.
    @classmethod
    def from_db(cls, db, field_names, values):
        photo = super().from_db(db, field_names, values)
        photo._stored_name = photo.__dict__.get("image") or ""
        return photo

    def make_renditions(self) -> None:
        """WebP copies in the configured widths, remembered on the row."""
        self.renditions = (
            make_renditions(
                self.image.storage, self.image.name, settings.PHOTO_RENDITION_WIDTHS
            )
            if self.image
            else []
        )
        Photo.objects.filter(pk=self.pk).update(renditions=self.renditions)

    @staticmethod
    def delete_files(name: str) -> None:
        """Remove a stored image and its renditions, unless a photo still uses it."""
        if not name or Photo.objects.filter(image=name).exists():
            return
        storage = Photo._meta.get_field("image").storage
        stem = str(Path(name).with_suffix(""))
        directory = str(Path(f"renditions/{stem}").parent)
        rendition = re.compile(rf"{re.escape(Path(stem).name)}-\d+w\.webp")
        try:
            _dirs, files = storage.listdir(directory)
        except (FileNotFoundError, NotADirectoryError):
            files = []
        for file in files:
            if rendition.fullmatch(file):
                storage.delete(f"{directory}/{file}")
        storage.delete(name)

    def srcset(self) -> str:
        return ", ".join(
            f"{media_url(r['name'])} {r['width']}w" for r in self.renditions
        )

    def large(self) -> dict:
        """The largest rendition: what a gallery photo links to, to enlarge it."""
        return self.src(max_width=max(settings.PHOTO_RENDITION_WIDTHS))

    def src(self, max_width: int = 800) -> dict:
        """The largest rendition up to max_width, as url, width and height."""
        fitting = [
            r for r in self.renditions if r["width"] <= max_width
        ] or self.renditions
        if not fitting:
            return {
                "url": media_url(self.image.name),
                "width": self.width,
                "height": self.height,
            }
        best = max(fitting, key=lambda r: r["width"])
        return {
            "url": media_url(best["name"]),
            "width": best["width"],
            "height": best["height"],
        }
