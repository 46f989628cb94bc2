import datetime
import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from django_prose_editor.fields import ProseEditorField

from config import dates, html, i18n
from config.page_cache import public_content_changed_on_commit
from config.slugs import SluggedModel
from contacts.images import make_renditions, reencode_image, validate_image
from contacts.models import Contact, Organisation, Role, Topic, by_role
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
        # A pasted text keeps its subheadings (h2, h3).
        "Heading": {"levels": [2, 3]},
        "HardBreak": True,
        "History": True,
        # The browser's spell-checking stays on (the editor turns it off).
        "NoSpellCheck": False,
    }
}


# Later than any event: where an open date ("Termin folgt") sorts.
LAST_MOMENT = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk update sends no signal: reports filter by an event's country
        # and format, so they are refreshed here.
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        if {"start", "end", "date_precision"} & kwargs.keys():
            events = list(Event.objects.filter(pk__in=pks))
            for event in events:
                event.period_end = event.last_moment()
            Event.objects.bulk_update(events, ["period_end"], batch_size=500)
        Report.objects.covering(events=Q(event__in=pks)).refresh_derived()
        public_content_changed_on_commit()
        return count

    def upcoming(self):
        """Not over yet, as far as anyone knows: an event "im Juni" is upcoming
        until June ends; one whose date is open ("Termin folgt") comes last."""
        # Ordered by an expression, not by the start column: ordered by the
        # column, PostgreSQL walks the start index from the oldest event and
        # skips every past one (7 ms at 20,000 events); this way it takes the
        # few upcoming rows from the period_end and open-date indexes and sorts
        # them (about 1 ms). Open dates (no start) come last either way.
        return self.filter(
            Q(period_end__gte=timezone.now()) | Q(date_precision=dates.Precision.OPEN)
        ).order_by(Coalesce("start", Value(LAST_MOMENT)).asc(), "pk")

    def past(self):
        return self.filter(period_end__lt=timezone.now()).order_by("-start", "-pk")

    def dated(self):
        """Events with a known day: what a calendar can hold."""
        return self.exclude(
            date_precision__in=[
                dates.Precision.OPEN,
                dates.Precision.MONTH,
                dates.Precision.YEAR,
            ]
        )


class Event(SluggedModel, models.Model):
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
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Leer lassen: wird beim Sichern aus dem Titel gebildet."),
    )
    slug_en = models.SlugField(
        _("Kurzname in der englischen Adresse"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leer lassen: wird beim Sichern aus dem englischen Titel gebildet, "
            "wenn es einen gibt."
        ),
    )
    # With a context: django-import-export translates a bare "Format" as "Dateiformat".
    format = models.CharField(
        pgettext_lazy("Veranstaltung", "Format"),
        max_length=20,
        choices=Format,
        db_index=True,
    )
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
    # The date as precisely as known (config/dates.py): the admin takes it as
    # one line of text; `start` holds the first moment it can mean.
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=10,
        choices=dates.Precision,
        default=dates.Precision.TIME,
    )
    start = models.DateTimeField(_("Beginn"), null=True, blank=True)
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(
        _("Dauer in Tagen"),
        null=True,
        blank=True,
        help_text=_("Wenn nur der Monat bekannt ist: „zwei Tage im Juni 2024“."),
    )
    # The last moment the date can mean (the end of the month for "Juni 2024"),
    # kept by save(): what upcoming() and past() compare with.
    period_end = models.DateTimeField(editable=False, null=True)
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
    # Empty when the report does not say where (or whether online).
    country = CountryField(_("Land"), default="DE", blank=True, db_index=True)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("Organisationen"),
        through="EventOrganisation",
        blank=True,
        related_name="events",
    )
    people = models.ManyToManyField(
        Contact,
        verbose_name=_("Personen"),
        through="EventPerson",
        blank=True,
        related_name="events",
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
        ordering = [F("start").desc(nulls_first=True), "-pk"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [
            models.Index(fields=["start"], name="event_start_idx"),
            # Upcoming and past events: compared by the end of what the date means.
            models.Index(fields=["period_end"], name="event_period_end_idx"),
            models.Index(
                fields=["date_precision"],
                condition=Q(date_precision=dates.Precision.OPEN),
                name="event_open_date_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, date_precision=dates.Precision.OPEN)
                | Q(start__isnull=False) & ~Q(date_precision=dates.Precision.OPEN),
                name="event_start_unless_open",
                violation_error_message=_(
                    "Bitte ein Datum angeben oder „Termin folgt“ wählen."
                ),
            ),
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
            models.UniqueConstraint(
                fields=["slug_en"],
                condition=~Q(slug_en=""),
                name="event_slug_en_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.period_end = self.last_moment()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"slug": self.url_slug()})

    def last_moment(self):
        """The end of what the date means: the end's (or start's) day, month
        or year, at its last second; None while the date is open."""
        if self.start is None or self.date_precision == dates.Precision.OPEN:
            return None
        if self.date_precision == dates.Precision.TIME:
            return self.end or self.start
        local = timezone.localtime(self.end or self.start)
        rough = dates.Rough(self.date_precision, local.date())
        last = datetime.datetime.combine(rough.last_day(), datetime.time.max)
        return timezone.make_aware(last.replace(microsecond=0))

    @property
    def all_day(self) -> bool:
        return self.date_precision != dates.Precision.TIME

    def when(self) -> str:
        """The date for readers, as precise as entered."""
        return dates.describe(
            self.start, self.date_precision, self.end, self.duration_days
        )

    def organisations_by_role(self) -> list[tuple[str, list]]:
        """From the prefetched involvements (select_related organisation)."""
        return by_role(self.involvements.all())

    def when_machine(self) -> str:
        return dates.machine_value(self.start, self.date_precision)

    def is_upcoming(self) -> bool:
        if self.date_precision == dates.Precision.OPEN:
            return True
        return (self.period_end or self.last_moment()) >= timezone.now()

    def accepts_registrations(self) -> bool:
        return self.open_for_registration and self.is_upcoming()

    @property
    def place(self) -> str:
        """Venue and city as a reader would write them."""
        venue = self.venue_name or (self.venue.name if self.venue_id else "")
        return ", ".join(part for part in (venue, self.city) if part)

    @property
    def format_label(self) -> str:
        """What get_format_display says, without gettext on every row."""
        return i18n.choice_label(Event.Format, self.format)

    @property
    def edition_label(self) -> str:
        if self.edition and self.series:
            return f"{self.edition}. {self.series}"
        return self.series


class EventOrganisation(models.Model):
    """An organisation's part in an event: host, supporter, visited …"""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="involvements"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="event_involvements",
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=Role, default=Role.PARTICIPANT
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Beteiligung an einer Veranstaltung")
        verbose_name_plural = _("Beteiligungen an Veranstaltungen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"],
                name="eventorganisation_unique",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_role_display()}"


class EventPerson(models.Model):
    """A person's part in an event: speaker, guest of honour, official …"""

    class Part(models.TextChoices):
        SPEAKER = "speaker", _("Vortrag")
        WELCOME = "welcome", _("Grußwort")
        GUEST_OF_HONOUR = "guest_of_honour", _("Ehrengast")
        MODERATOR = "moderator", _("Moderation")
        PANEL = "panel", _("Podium")
        OFFICIAL = "official", _("Offizielle Teilnahme")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="appearances"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="event_appearances",
    )
    part = models.CharField(
        _("Rolle"), max_length=20, choices=Part, default=Part.SPEAKER
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Person bei einer Veranstaltung")
        verbose_name_plural = _("Personen bei der Veranstaltung")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "contact"], name="eventperson_unique"
            )
        ]

    def __str__(self):
        return f"{self.contact}: {self.get_part_display()}"


class ReportQuerySet(models.QuerySet):
    def published(self, now: datetime.datetime | None = None):
        """What the public may see: published, and its publish date reached.

        Every public view, feed, sitemap and count goes through this.
        """
        now = now or timezone.now()
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
        """Reports about a country, topic, partner city or format: one indexed
        join on the facet rows that refresh_derived keeps. A report has each
        facet once (reportfacet_unique), so the join repeats no report, and
        PostgreSQL plans it as it planned an EXISTS; the ORM builds it in
        half the time (0.45 of 0.9 ms a request)."""
        return self.filter(facets__kind=kind, facets__value=value)

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
                    queryset=Delegation.objects.prefetch_related(
                        "topics", "partner_cities"
                    ),
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


class Report(SluggedModel, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    title = models.CharField(_("Überschrift"), max_length=200)
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Leer lassen: wird beim Sichern aus der Überschrift gebildet. Nach "
            "einer Änderung führt die alte Adresse weiter auf die neue."
        ),
    )
    slug_en = models.SlugField(
        _("Kurzname in der englischen Adresse"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leer lassen: wird beim Sichern aus der englischen Überschrift "
            "gebildet, wenn es eine gibt."
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
            models.UniqueConstraint(
                fields=["slug_en"],
                condition=~Q(slug_en=""),
                name="report_slug_en_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:report_detail", kwargs={"slug": self.url_slug()})

    def is_public(self, now: datetime.datetime | None = None) -> bool:
        """This row's answer to Report.objects.published(now)."""
        now = now or timezone.now()
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
            facets.update(
                (kinds.PARTNER_CITY, str(c.pk)) for c in delegation.partner_cities.all()
            )
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
        FORMAT = "format", pgettext_lazy("Veranstaltung", "Format")

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


SECTION_HTML_FIELDS = [f"body_html_{language}" for language in SEARCH_LANGUAGES]


class ReportSectionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk update sends no signal: the stored page text, the search text
        # and the cached pages follow here.
        changed = [
            name
            for name in kwargs
            if name.startswith(("body", "heading")) and name not in SECTION_HTML_FIELDS
        ]
        pks = list(self.values_list("pk", flat=True)) if changed else []
        count = super().update(**kwargs)
        if pks:
            sections = list(ReportSection.objects.filter(pk__in=pks))
            for section in sections:
                section.store_html()
            ReportSection.objects.bulk_update(
                sections, SECTION_HTML_FIELDS, batch_size=500
            )
            Report.objects.filter(
                pk__in={section.report_id for section in sections}
            ).refresh_derived()
        public_content_changed_on_commit()
        return count


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
    # The body as pages show it, sanitised once on save rather than on every
    # request, one column per language (store_html).
    body_html_de = models.TextField(editable=False, blank=True, default="")
    body_html_en = models.TextField(editable=False, blank=True, default="")

    objects = ReportSectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")

    def __str__(self):
        return self.heading or str(_("Einstieg"))

    def save(self, *args, **kwargs):
        self.store_html()
        fields = kwargs.get("update_fields")
        if fields is not None and any(name.startswith("body") for name in fields):
            kwargs["update_fields"] = {*fields, *SECTION_HTML_FIELDS}
        super().save(*args, **kwargs)

    def store_html(self) -> None:
        for language in SEARCH_LANGUAGES:
            body = getattr(self, f"body_{language}")
            setattr(self, f"body_html_{language}", html.clean(body))

    def body_as_html(self) -> str:
        """The body in the reader's language as stored on save; German where
        the translation is missing, as `body` falls back."""
        language = i18n.reading_language()
        if language not in SEARCH_LANGUAGES or not getattr(self, f"body_{language}"):
            language = settings.LANGUAGE_CODE
        stored = getattr(self, f"body_html_{language}")
        if not stored and getattr(self, f"body_{language}"):
            # A row written around save(), by a raw or bulk insert.
            stored = html.clean(getattr(self, f"body_{language}"))
        return mark_safe(stored)  # noqa: S308 - cleaned by nh3 (config.html)


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
