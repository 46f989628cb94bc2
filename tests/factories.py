"""Factories for every model, in one place."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from contacts.models import Contact, InterestRegistration, Organisation, Topic
from delegations.models import Delegation, DelegationMember, PartnerCity, ProgrammeItem
from events.models import Event, Photo, Report, ReportSection


def image_file(name="photo.jpg", size=(640, 427), image_format="JPEG", **save_options):
    output = io.BytesIO()
    Image.new("RGB", size, "#336699").save(output, format=image_format, **save_options)
    return ContentFile(output.getvalue(), name=name)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.COMPANY
    country = "DE"
    city = "Dortmund"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = "Julia"
    last_name = factory.Sequence(lambda n: f"Beispiel {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Partnerstadt {n}")
    slug = factory.Sequence(lambda n: f"partnerstadt-{n}")
    country = "FR"
    partner_since = 1960
    agreement = PartnerCity.Agreement.TWINNING


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    title = factory.Sequence(lambda n: f"Delegation {n}")
    slug = factory.Sequence(lambda n: f"delegation-{n}")
    direction = Delegation.Direction.INCOMING
    countries = ["KR"]
    start_date = datetime.date(2025, 5, 12)
    end_date = datetime.date(2025, 5, 13)


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    contact = factory.SubFactory(ContactFactory)
    role = DelegationMember.Role.HEAD


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem
        skip_postgeneration_save = True

    delegation = factory.SubFactory(DelegationFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Programmpunkt {n}")

    @factory.post_generation
    def hosts(self, create, extracted, **kwargs):
        if create:
            self.hosts.set(
                extracted if extracted is not None else [OrganisationFactory()]
            )


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    slug = factory.Sequence(lambda n: f"veranstaltung-{n}")
    format = Event.Format.STAMMTISCH
    start = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    city = "Dortmund"
    country = "DE"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Bericht {n}")
    slug = factory.Sequence(lambda n: f"bericht-{n}")
    lead = "Ein kurzer Vorspann über internationale Zusammenarbeit."
    status = Report.Status.PUBLISHED
    publish_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )


class ReportSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSection

    report = factory.SubFactory(ReportFactory)
    heading = "Zwischenüberschrift"
    body = "<p>Ein Absatz.</p>"


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    report = factory.SubFactory(ReportFactory)
    image = factory.LazyFunction(image_file)
    caption = "Gäste beim Empfang"
    alt_text = "Eine Gruppe von Menschen in einem Saal"
    credit = "WF DO / Test"


class InterestRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestRegistration
        skip_postgeneration_save = True

    name = "Ji-woo Park"
    organisation = factory.Sequence(lambda n: f"Partner GmbH {n}")
    email = factory.Sequence(lambda n: f"partner{n}@example.org")
    country = "KR"
    cooperation = InterestRegistration.Cooperation.NETWORKING
    language = "de"
    privacy_notice_version = "de-test"
    privacy_notice_text = "Datenschutzhinweis (Test)"
    status = InterestRegistration.Status.NEW
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
