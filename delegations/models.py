import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config import dates
from config.slugs import SluggedModel
from contacts.models import Contact, Organisation, Role, Topic, by_role

FIRST_PLAUSIBLE_YEAR = 1900
LAST_PLAUSIBLE_YEAR = 2100


class PartnerCity(SluggedModel, models.Model):
    class Agreement(models.TextChoices):
        TWINNING = "twinning", _("Städtepartnerschaft")
        FRIENDSHIP = "friendship", _("Städtefreundschaft")
        PROJECT = "project", _("Projektpartnerschaft")

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Leer lassen: wird beim Sichern aus dem Namen gebildet."),
    )
    country = CountryField(_("Land"))
    partner_since = models.PositiveSmallIntegerField(
        _("Partnerschaft seit"),
        null=True,
        blank=True,
        help_text=_("Jahr der Unterzeichnung; daraus ergeben sich die Jubiläen."),
    )
    # Empty when a report only says "Partnerstadt".
    agreement = models.CharField(
        _("Art der Partnerschaft"), max_length=20, choices=Agreement, blank=True
    )
    latitude = models.DecimalField(
        _("Breitengrad"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Längengrad"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    description = models.TextField(_("Kurzbeschreibung"), blank=True)

    slug_source = "name"

    class Meta:
        ordering = ["name"]
        verbose_name = _("Partnerstadt")
        verbose_name_plural = _("Partnerstädte")
        constraints = [
            models.CheckConstraint(
                condition=Q(partner_since__isnull=True)
                | Q(
                    partner_since__gte=FIRST_PLAUSIBLE_YEAR,
                    partner_since__lte=LAST_PLAUSIBLE_YEAR,
                ),
                name="partnercity_partner_since_plausible",
                violation_error_message=_(
                    "Das Jahr muss zwischen 1900 und 2100 liegen."
                ),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90),
                name="partnercity_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=-180, longitude__lte=180),
                name="partnercity_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("delegations:partnercity_detail", kwargs={"slug": self.slug})

    def partnership_years(self, year: int | None = None) -> int | None:
        """How many years the partnership has existed in the given year."""
        if self.partner_since is None:
            return None
        return (year or timezone.localdate().year) - self.partner_since

    def next_anniversary(self, year: int | None = None) -> tuple[int, int] | None:
        """The next round (5-year) anniversary as (year, years); this year counts."""
        years = self.partnership_years(year)
        if years is None:
            return None
        upcoming = max(5, -(-years // 5) * 5)
        return (self.partner_since + upcoming, upcoming)

    def is_anniversary_year(self, year: int | None = None) -> bool:
        years = self.partnership_years(year)
        return bool(years) and years % 5 == 0


class DelegationQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(
            Q(period_end__gte=timezone.localdate())
            | Q(date_precision=dates.Precision.OPEN)
        )

    def countries_by_direction(self) -> dict[str, dict[str, int]]:
        """How many delegations came from (incoming) or went to (outgoing) each
        country, in one query."""
        counts: dict[str, dict[str, int]] = {d: {} for d in Delegation.Direction.values}
        for direction, codes in self.values_list("direction", "countries"):
            if isinstance(codes, str):
                codes = [code for code in codes.split(",") if code]
            for code in codes:
                code = getattr(code, "code", code)
                counts[direction][code] = counts[direction].get(code, 0) + 1
        return counts


class Delegation(SluggedModel, models.Model):
    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Besuch in Dortmund")
        OUTGOING = "outgoing", _("Reise ins Ausland")

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
    direction = models.CharField(
        _("Richtung"), max_length=10, choices=Direction, db_index=True
    )
    countries = CountryField(
        _("Länder"),
        multiple=True,
        blank=True,
        help_text=_(
            "Herkunftsländer einer besuchenden Delegation, Zielländer einer Reise."
        ),
    )
    partner_cities = models.ManyToManyField(
        PartnerCity,
        verbose_name=_("Partnerstädte"),
        blank=True,
        related_name="delegations",
        help_text=_("Gäste aus mehreren Partnerstädten: alle wählen."),
    )
    size = models.PositiveSmallIntegerField(_("Teilnehmende"), null=True, blank=True)
    size_is_approximate = models.BooleanField(_("Zahl ungefähr"), default=False)
    composition = models.TextField(
        _("Zusammensetzung"),
        max_length=1000,
        blank=True,
        help_text=_("Wer reist, z. B. „Forschende und Führungskräfte“."),
    )
    purpose = models.TextField(_("Anlass und Ziel"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("Organisationen"),
        through="DelegationOrganisation",
        blank=True,
        related_name="delegations",
    )
    programme_of = models.ForeignKey(
        "self",
        verbose_name=_("Gleiches Programm wie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_sharers",
        help_text=_(
            "Gruppen, die dieselben Orte an denselben Tagen besuchen: das Programm "
            "wird einmal bei der ersten Delegation eingetragen."
        ),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="delegations"
    )
    # As precisely as known (config/dates.py); start_date is the first day
    # the date can mean, period_end (kept by save()) the last.
    date_precision = models.CharField(
        _("Genauigkeit des Datums"),
        max_length=10,
        choices=dates.Precision,
        default=dates.Precision.DAY,
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(
        _("Dauer in Tagen"),
        null=True,
        blank=True,
        help_text=_("Wenn nur der Monat bekannt ist: „zwei Tage im Juni 2024“."),
    )
    period_end = models.DateField(editable=False, null=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = [F("start_date").desc(nulls_first=True), "title"]
        verbose_name = _("Delegation")
        verbose_name_plural = _("Delegationen")
        indexes = [models.Index(fields=["-start_date"], name="delegation_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="delegation_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.CheckConstraint(
                condition=Q(
                    start_date__isnull=True, date_precision=dates.Precision.OPEN
                )
                | Q(start_date__isnull=False) & ~Q(date_precision=dates.Precision.OPEN),
                name="delegation_start_unless_open",
                violation_error_message=_(
                    "Bitte ein Datum angeben oder „Termin folgt“ wählen."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(programme_of=F("pk")),
                name="delegation_programme_not_own",
                violation_error_message=_(
                    "Eine Delegation kann nicht das Programm von sich selbst teilen."
                ),
            ),
            models.UniqueConstraint(
                fields=["slug_en"],
                condition=~Q(slug_en=""),
                name="delegation_slug_en_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.date_precision == dates.Precision.OPEN or self.start_date is None:
            self.period_end = None
        else:
            rough = dates.Rough(self.date_precision, self.end_date or self.start_date)
            self.period_end = rough.last_day()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "delegations:delegation_detail", kwargs={"slug": self.url_slug()}
        )

    def when(self) -> str:
        """The dates for readers, as precise as entered."""
        return dates.describe(
            self.start_date, self.date_precision, self.end_date, self.duration_days
        )

    def when_machine(self) -> str:
        return dates.machine_value(self.start_date, self.date_precision)

    def organisations_by_role(self) -> list[tuple[str, list]]:
        """From the prefetched involvements (select_related organisation)."""
        return by_role(self.involvements.all())

    def programme_owner(self) -> "Delegation":
        """The delegation whose stops this one follows (itself, usually)."""
        return self.programme_of if self.programme_of_id else self


class DelegationOrganisation(models.Model):
    """An organisation's part in a delegation: organiser, host, visited …"""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="involvements"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="delegation_involvements",
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=Role, default=Role.ORGANISER
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Beteiligung an einer Delegation")
        verbose_name_plural = _("Beteiligungen an Delegationen")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "organisation", "role"],
                name="delegationorganisation_unique",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_role_display()}"


def programmes(delegations, events=()) -> list[dict]:
    """The programmes of these delegations and events, each once: delegations
    that follow one programme are grouped with it (three queries in all).

    Each item: {"delegations": [...], "event": event or None, "stops": [...]}.
    """
    delegations = list(delegations)
    events = list(events)
    owners = {d.programme_of_id or d.pk for d in delegations}
    stops = (
        ProgrammeItem.objects.filter(
            Q(delegation__in=owners) | Q(event__in=[e.pk for e in events])
        )
        .prefetch_related("hosts", "speakers")
        .order_by("order", "pk")
        if owners or events
        else []
    )
    by_delegation: dict[int, list] = {}
    by_event: dict[int, list] = {}
    for stop in stops:
        if stop.delegation_id:
            by_delegation.setdefault(stop.delegation_id, []).append(stop)
        else:
            by_event.setdefault(stop.event_id, []).append(stop)
    groups: dict[int, dict] = {}
    for delegation in delegations:
        owner = delegation.programme_of_id or delegation.pk
        group = groups.setdefault(
            owner,
            {"delegations": [], "event": None, "stops": by_delegation.get(owner, [])},
        )
        group["delegations"].append(delegation)
    result = [group for group in groups.values() if group["stops"]]
    result += [
        {"delegations": [], "event": event, "stops": by_event[event.pk]}
        for event in events
        if event.pk in by_event
    ]
    return result


class DelegationMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Delegationsleitung")
        GUEST_OF_HONOUR = "guest_of_honour", _("Ehrengast")
        MEMBER = "member", _("Mitglied")
        INTERPRETER = "interpreter", _("Dolmetschung")
        ORGANISER = "organiser", _("Organisation")

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="members"
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("Person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegation_memberships",
    )
    label = models.CharField(
        _("Bezeichnung"),
        max_length=200,
        blank=True,
        help_text=_(
            "Für Mitglieder ohne Personeneintrag, "
            "z. B. „Präsident der Métropole Amiens“."
        ),
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=Role, default=Role.MEMBER
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Mitglied der Delegation")
        verbose_name_plural = _("Mitglieder der Delegation")
        constraints = [
            models.CheckConstraint(
                condition=Q(contact__isnull=False) | ~Q(label=""),
                name="delegationmember_contact_or_label",
                violation_error_message=_(
                    "Bitte eine Person wählen oder eine Bezeichnung eingeben."
                ),
            ),
        ]

    def __str__(self):
        return str(self.contact) if self.contact_id else self.label


class ProgrammeItem(models.Model):
    """One stop of a programme, in order: of a delegation (shared by the
    delegations that follow it) or of an event held at several places."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stops",
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stops",
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    hosts = models.ManyToManyField(
        Organisation,
        verbose_name=_("Gastgeber"),
        blank=True,
        related_name="hosted_stops",
    )
    starts_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    city = models.CharField(
        _("Stadt"),
        max_length=100,
        blank=True,
        help_text=_("Bei Reisen und Touren mit Stationen in mehreren Städten."),
    )
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    speakers = models.ManyToManyField(
        Contact,
        verbose_name=_("Vortragende"),
        blank=True,
        related_name="programme_items",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        constraints = [
            models.CheckConstraint(
                condition=Q(delegation__isnull=False, event__isnull=True)
                | Q(delegation__isnull=True, event__isnull=False),
                name="programmeitem_of_delegation_or_event",
            ),
        ]

    def __str__(self):
        return self.title

    def starts_on(self) -> datetime.date | None:
        return timezone.localtime(self.starts_at).date() if self.starts_at else None
