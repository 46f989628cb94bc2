"""Turn the demo data file (events/demo/horizont.json) into records.

Everything is keyed by slug and written with update_or_create, so loading
twice leaves the same rows. Photos are drawn at load time (events.demo_images).
"""

import datetime
import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from config import dates
from contacts.legal_defaults import ensure_legal_pages
from contacts.models import Contact, LegalPage, Organisation, Role, Topic
from delegations.models import (
    Delegation,
    DelegationMember,
    DelegationOrganisation,
    PartnerCity,
    ProgrammeItem,
)
from events.demo_images import demo_photo
from events.models import (
    Event,
    EventOrganisation,
    EventPerson,
    Photo,
    Report,
    ReportSection,
)
from events.templatetags.horizont import sanitize_html

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "horizont.json"
LANGUAGES = ("de", "en")
# Lists of organisation slugs in a record, by the role they stand for.
ROLE_KEYS = {
    "hosts": Role.HOST,
    "co_hosts": Role.CO_HOST,
    "organisers": Role.ORGANISER,
    "supporters": Role.SUPPORTER,
    "visited": Role.VISITED,
    "participants": Role.PARTICIPANT,
}


def translated(record: dict, *fields: str) -> dict[str, Any]:
    return {
        f"{field}_{language}": record.get(f"{field}_{language}") or ""
        for field in fields
        for language in LANGUAGES
    }


def local_datetime(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    parsed = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


# The Impressum's address placeholder, filled in for the demo with the agency's
# public address; a real installation's managers enter theirs in the admin.
DEMO_ADDRESS = {
    "body_de": (
        "[Anschrift bitte ergänzen]",
        "Grüne Straße 2–8, 44147 Dortmund (Anschrift für die Demo)",
    ),
    "body_en": (
        "[address to be added]",
        "Grüne Straße 2–8, 44147 Dortmund, Germany (address for the demo)",
    ),
}


class DemoLoader:
    def __init__(self, data: dict):
        self.data = data
        self.topics: dict[str, Topic] = {}
        self.organisations: dict[str, Organisation] = {}
        self.contacts: dict[str, Contact] = {}
        self.cities: dict[str, PartnerCity] = {}
        self.delegations: dict[str, Delegation] = {}
        self.events: dict[str, Event] = {}

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            ensure_legal_pages(LegalPage)
            self.fill_demo_address()
            self.load_topics()
            self.load_organisations()
            self.load_contacts()
            self.load_partner_cities()
            self.load_delegations()
            self.load_events()
            self.load_reports()
        return {
            name: len(self.data.get(name, []))
            for name in (
                "topics",
                "organisations",
                "contacts",
                "partner_cities",
                "delegations",
                "events",
                "reports",
            )
        }

    def fill_demo_address(self) -> None:
        imprint = LegalPage.objects.filter(kind="imprint").first()
        if imprint is None:
            return
        for field, (placeholder, address) in DEMO_ADDRESS.items():
            setattr(
                imprint, field, getattr(imprint, field).replace(placeholder, address)
            )
        imprint.save()

    def load_topics(self) -> None:
        for record in self.data["topics"]:
            self.topics[record["slug"]], _ = Topic.objects.update_or_create(
                slug=record["slug"], defaults=translated(record, "name")
            )

    def load_organisations(self) -> None:
        for record in self.data["organisations"]:
            organisation, _ = Organisation.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    **translated(record, "name", "description"),
                    "short_name": record.get("short_name") or "",
                    "kind": record["kind"],
                    "country": record["country"],
                    "city": record.get("city") or "",
                    "website": record.get("website") or "",
                },
            )
            organisation.topics.set([self.topics[s] for s in record.get("topics", [])])
            self.organisations[record["slug"]] = organisation
        for record in self.data["organisations"]:
            if record.get("parent"):
                organisation = self.organisations[record["slug"]]
                organisation.parent = self.organisations[record["parent"]]
                organisation.save(update_fields=["parent"])

    def load_contacts(self) -> None:
        for record in self.data["contacts"]:
            self.contacts[record["slug"]], _ = Contact.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    **translated(record, "role"),
                    "title": record.get("title") or "",
                    "first_name": record.get("first_name") or "",
                    "last_name": record["last_name"],
                    "organisation": self.organisations.get(record.get("organisation")),
                    "team": record.get("team") or "",
                    "phone": record.get("phone") or "",
                    "email": record.get("email") or "",
                    "is_public": bool(record.get("is_public")),
                },
            )

    def load_partner_cities(self) -> None:
        for record in self.data["partner_cities"]:
            self.cities[record["slug"]], _ = PartnerCity.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    **translated(record, "name", "description"),
                    "country": record["country"],
                    "partner_since": record.get("partner_since"),
                    "agreement": record["agreement"],
                    "latitude": record.get("latitude"),
                    "longitude": record.get("longitude"),
                },
            )

    def load_delegations(self) -> None:
        for record in self.data["delegations"]:
            delegation, _ = Delegation.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    **translated(
                        record, "title", "composition", "purpose", "description"
                    ),
                    "direction": record["direction"],
                    "countries": record.get("countries") or [],
                    "size": record.get("size"),
                    "size_is_approximate": bool(record.get("size_is_approximate")),
                    "date_precision": record.get("date_precision")
                    or (
                        dates.Precision.DAY
                        if record.get("start_date")
                        else dates.Precision.OPEN
                    ),
                    "start_date": record.get("start_date"),
                    "end_date": record.get("end_date"),
                    "duration_days": record.get("duration_days"),
                    "programme_of": self.delegations.get(record.get("programme_of")),
                },
            )
            self.set_roles(delegation, DelegationOrganisation, "delegation", record)
            delegation.topics.set([self.topics[s] for s in record.get("topics", [])])
            delegation.partner_cities.set(
                [self.cities[s] for s in record.get("partner_cities", [])]
            )
            delegation.members.all().delete()
            for order, member in enumerate(record.get("members", []), start=1):
                DelegationMember.objects.create(
                    delegation=delegation,
                    order=order,
                    contact=self.contacts.get(member.get("contact")),
                    role=member.get("role") or DelegationMember.Role.MEMBER,
                    **translated(member, "label"),
                )
            self.load_stops(delegation, record)
            self.delegations[record["slug"]] = delegation

    def load_stops(self, owner, record) -> None:
        owner.stops.all().delete()
        for order, stop in enumerate(record.get("programme", []), start=1):
            item = ProgrammeItem.objects.create(
                **{owner._meta.model_name: owner},
                order=order,
                starts_at=local_datetime(stop.get("starts_at")),
                city=stop.get("city", ""),
                **translated(stop, "title", "place", "description"),
            )
            hosts = stop.get("hosts") or ([stop["host"]] if stop.get("host") else [])
            item.hosts.set([self.organisations[s] for s in hosts])
            item.speakers.set([self.contacts[s] for s in stop.get("speakers", [])])

    def set_roles(self, owner, through, owner_field: str, record) -> None:
        """Organisations by role, from lists named after the role
        ("hosts", "supporters", "visited" …)."""
        through.objects.filter(**{owner_field: owner}).delete()
        through.objects.bulk_create(
            through(
                **{owner_field: owner},
                organisation=self.organisations[slug],
                role=role,
                order=order,
            )
            for key, role in ROLE_KEYS.items()
            for order, slug in enumerate(record.get(key, []))
        )

    def load_events(self) -> None:
        for record in self.data["events"]:
            event, _ = Event.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    **translated(
                        record, "title", "series", "venue_name", "city", "description"
                    ),
                    "format": record["format"],
                    "edition": record.get("edition"),
                    "date_precision": record.get("date_precision")
                    or (
                        dates.Precision.OPEN
                        if not record.get("start")
                        else dates.Precision.DAY
                        if record.get("all_day")
                        else dates.Precision.TIME
                    ),
                    "start": local_datetime(record.get("start")),
                    "end": local_datetime(record.get("end")),
                    "duration_days": record.get("duration_days"),
                    "venue": self.organisations.get(record.get("venue")),
                    "country": record.get("country") or "DE",
                    "participant_count": record.get("participant_count"),
                    "participant_count_qualifier": record.get(
                        "participant_count_qualifier"
                    )
                    or Event.CountQualifier.EXACT,
                    "focus_countries": record.get("focus_countries") or [],
                    "delegation": self.delegations.get(record.get("delegation")),
                    "open_for_registration": bool(record.get("open_for_registration")),
                },
            )
            self.set_roles(event, EventOrganisation, "event", record)
            self.load_stops(event, record)
            EventPerson.objects.filter(event=event).delete()
            EventPerson.objects.bulk_create(
                EventPerson(
                    event=event,
                    contact=self.contacts[person["contact"]],
                    part=person.get("part") or EventPerson.Part.SPEAKER,
                    order=order,
                )
                for order, person in enumerate(record.get("people", []))
            )
            event.partner_cities.set(
                [self.cities[s] for s in record.get("partner_cities", [])]
            )
            event.topics.set([self.topics[s] for s in record.get("topics", [])])
            self.events[record["slug"]] = event

    def load_reports(self) -> None:
        for record in self.data["reports"]:
            report, _ = Report.objects.update_or_create(
                slug=record["slug"],
                defaults={
                    **translated(record, "title", "lead"),
                    "author": self.contacts.get(record.get("author")),
                    "status": Report.Status.PUBLISHED,
                    "publish_at": local_datetime(record["publish_at"]),
                },
            )
            report.events.set([self.events[s] for s in record.get("events", [])])
            report.delegations.set(
                [self.delegations[s] for s in record.get("delegations", [])]
            )
            report.contacts.set([self.contacts[s] for s in record.get("contacts", [])])
            report.sections.all().delete()
            for order, section in enumerate(record.get("sections", []), start=1):
                ReportSection.objects.create(
                    report=report,
                    order=order,
                    **translated(section, "heading"),
                    **{
                        f"body_{language}": str(
                            sanitize_html(section.get(f"body_{language}") or "")
                        )
                        for language in LANGUAGES
                    },
                )
            self.load_photos(report, record.get("photos", []))

    def load_photos(self, report: Report, photos: list[dict]) -> None:
        report.photos.filter(order__gt=len(photos)).delete()
        for order, record in enumerate(photos, start=1):
            photo = report.photos.filter(order=order).first() or Photo(
                report=report, order=order
            )
            for name, value in translated(record, "caption", "alt_text").items():
                setattr(photo, name, value)
            photo.credit = record.get("credit") or ""
            if not photo.image:
                photo.image = demo_photo(f"{report.slug}-{order}", photo.caption_de)
            photo.save()


def load_demo(path: Path = DEMO_FILE) -> dict[str, int]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return DemoLoader(data).run()
