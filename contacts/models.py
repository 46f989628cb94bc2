from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from contacts.images import validate_image


class Topic(models.Model):
    """A theme shared by reports, events, delegations and organisations."""

    name = models.CharField(_("Name"), max_length=80, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:report_list") + f"?topic={self.slug}"


class OrganisationQuerySet(models.QuerySet):
    def with_activity(self):
        """Organisations that hosted, took part in or ran something public."""
        return self.filter(
            models.Q(hosted_events__isnull=False)
            | models.Q(participated_events__isnull=False)
            | models.Q(venue_events__isnull=False)
            | models.Q(organised_delegations__isnull=False)
            | models.Q(programme_items__isnull=False)
        ).distinct()


class Organisation(models.Model):
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
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind, db_index=True)
    country = CountryField(_("Land"), db_index=True)
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:organisation_detail", kwargs={"slug": self.slug})


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

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.title, self.first_name, self.last_name) if part
        )
