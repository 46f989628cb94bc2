"""Fill the database with a realistic volume for load tests (not for production)."""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from config import dates
from contacts.models import Organisation, Role, Topic
from delegations.models import PartnerCity
from events.demo import load_demo
from events.models import Event, EventOrganisation, Photo, Report, ReportSection

COMMON = [
    "Delegation",
    "Kooperation",
    "Innovation",
    "Robotik",
    "Logistik",
    "Wasserstoff",
    "Forschung",
    "Netzwerk",
    "Hochschule",
    "Unternehmen",
    "Markteintritt",
    "Partnerstadt",
    "Digitalisierung",
    "Konferenz",
    "Stammtisch",
    "Mikrotechnik",
    "Gesundheit",
    "Sicherheit",
    "Start-up",
    "Messe",
]
# Real reports share a few common words and many rare ones (names, places,
# products): a common word then appears in a small share of the reports.
RARE = [
    f"{stem}{n}" for stem in ("Projekt", "Firma", "Ort", "Thema") for n in range(2500)
]
BATCH = 2000


def sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(COMMON if rng.random() < 0.02 else RARE) for _ in range(words)]
    return " ".join(chosen) + "."


class Command(BaseCommand):
    help = "Seed N reports (with photos and sections), events and organisations."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=10_000)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--organisations", type=int, default=2_000)

    def handle(self, *args, reports, events, organisations, **options):
        load_demo()
        rng = random.Random(42)  # noqa: S311 - repeatable demo data, not secrets
        template_photo = Photo.objects.exclude(renditions=[]).first()
        topics = list(Topic.objects.all())
        cities = list(PartnerCity.objects.all())
        countries = ["DE", "CA", "US", "KR", "GB", "FR", "NL", "IN", "RS", "TR", "IL"]
        now = timezone.now()
        with transaction.atomic():
            existing = Organisation.objects.filter(slug__startswith="bench-").count()
            Organisation.objects.bulk_create(
                Organisation(
                    name_de=f"Organisation {n}",
                    slug=f"bench-org-{n}",
                    kind=rng.choice(Organisation.Kind.values),
                    country=rng.choice(countries),
                    city="Dortmund",
                )
                for n in range(existing, organisations)
            )
        orgs = list(Organisation.objects.values_list("pk", flat=True))
        event_ids = self.seed_events(rng, events, now, countries, orgs, topics, cities)
        self.seed_reports(rng, reports, now, event_ids, template_photo)
        self.stdout.write(
            f"{Report.objects.count()} reports, {Photo.objects.count()} photos, "
            f"{Event.objects.count()} events, {Organisation.objects.count()} organisations"
        )

    def seed_events(self, rng, count, now, countries, orgs, topics, cities):
        existing = Event.objects.filter(slug__startswith="bench-").count()
        for start in range(existing, count, BATCH):
            with transaction.atomic():
                batch = Event.objects.bulk_create(
                    Event(
                        title_de=f"Veranstaltung {n}",
                        slug=f"bench-event-{n}",
                        format=rng.choice(Event.Format.values),
                        start=(
                            start_at := now
                            - datetime.timedelta(days=rng.randint(-200, 3000))
                        ),
                        date_precision=dates.Precision.DAY,
                        period_end=start_at,
                        city_de="Dortmund",
                        country=rng.choice(countries),
                        focus_countries=rng.sample(countries, 2),
                    )
                    for n in range(start, min(start + BATCH, count))
                )
                Event.topics.through.objects.bulk_create(
                    Event.topics.through(event_id=e.pk, topic_id=rng.choice(topics).pk)
                    for e in batch
                )
                Event.partner_cities.through.objects.bulk_create(
                    Event.partner_cities.through(
                        event_id=e.pk, partnercity_id=rng.choice(cities).pk
                    )
                    for e in batch
                    if rng.random() < 0.3
                )
                EventOrganisation.objects.bulk_create(
                    EventOrganisation(
                        event_id=e.pk,
                        organisation_id=rng.choice(orgs),
                        role=Role.HOST,
                    )
                    for e in batch
                )
        return list(
            Event.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)
        )

    def seed_reports(self, rng, count, now, event_ids, template_photo):
        existing = Report.objects.filter(slug__startswith="bench-").count()
        for start in range(existing, count, BATCH):
            with transaction.atomic():
                batch = Report.objects.bulk_create(
                    self.report(rng, n, now)
                    for n in range(start, min(start + BATCH, count))
                )
                sections = [
                    ReportSection(
                        report=r,
                        order=1,
                        heading_de="Einstieg",
                        body_de=f"<p>{sentence(rng, 60)}</p>",
                    )
                    for r in batch
                ]
                for section in sections:
                    section.store_html()  # what save() does
                ReportSection.objects.bulk_create(sections)
                Photo.objects.bulk_create(
                    Photo(
                        report=r,
                        order=1,
                        image=template_photo.image.name,
                        width=template_photo.width,
                        height=template_photo.height,
                        renditions=template_photo.renditions,
                        caption_de=sentence(rng, 6),
                        alt_text_de=sentence(rng, 5),
                        credit="WF DO / Bench",
                    )
                    for r in batch
                )
                event_pks = list(event_ids)
                covered = {r.pk: rng.choice(event_pks) for r in batch}
                Report.events.through.objects.bulk_create(
                    Report.events.through(report_id=pk, event_id=event_pk)
                    for pk, event_pk in covered.items()
                )
                # Bulk writes send no signals: the one rule for search text
                # and facets is called for what was written.
                Report.objects.filter(pk__in=covered).refresh_derived()

    def report(self, rng, n, now):
        title = sentence(rng, 6)
        lead = sentence(rng, 30)
        return Report(
            title_de=title,
            slug=f"bench-report-{n}",
            lead_de=lead,
            status=Report.Status.PUBLISHED
            if rng.random() < 0.95
            else Report.Status.DRAFT,
            publish_at=now - datetime.timedelta(minutes=rng.randint(1, 5_000_000)),
        )
