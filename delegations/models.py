import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.slugs import SluggedModel
from contacts.models import Contact, Organisation, Topic

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
    agreement = models.CharField(
        _("Art der Partnerschaft"), max_length=20, choices=Agreement
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
        return self.filter(end_date__gte=timezone.localdate())

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
    partner_city = models.ForeignKey(
        PartnerCity,
        verbose_name=_("Partnerstadt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
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
    organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("Organisiert von"),
        blank=True,
        related_name="organised_delegations",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="delegations"
    )
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"))

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("Delegation")
        verbose_name_plural = _("Delegationen")
        indexes = [models.Index(fields=["-start_date"], name="delegation_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="delegation_end_not_before_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            ),
            models.UniqueConstraint(
                fields=["slug_en"],
                condition=~Q(slug_en=""),
                name="delegation_slug_en_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "delegations:delegation_detail", kwargs={"slug": self.url_slug()}
        )

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def is_multi_day(self) -> bool:
        return self.end_date != self.start_date


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
    """One stop of a delegation's programme, in order."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="programme"
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("Gastgeber"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
    )
    starts_at = models.DateTimeField(_("Beginn"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)
    speakers = models.ManyToManyField(
        Contact,
        verbose_name=_("Vortragende"),
        blank=True,
        related_name="programme_items",
    )

    class Meta:
        ordering = ["delegation", "order", "pk"]
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")

    def __str__(self):
        return self.title

    def starts_on(self) -> datetime.date | None:
        return timezone.localtime(self.starts_at).date() if self.starts_at else None
