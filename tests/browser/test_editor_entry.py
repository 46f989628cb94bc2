"""An editor enters the September report from scratch through today's admin.

Issue 11 asks for a measured back-office: this drives headless Chromium as the
`redaktion` editor through the admin, the way a person would (links, forms,
autocompletes, "Sichern und neu hinzufügen"), starting from a database with
nothing but the staff groups. It enters the facts of
tests/browser/september_entry.py – topics, organisations, people, partner
cities, five delegations with their programmes, seven events, then the report
with eight sections, seven photos and its English version – and publishes it.

It prints and writes (test-artifacts/editor-entry.json) the field entries,
clicks and page loads it took (counted by entry_counting.EntryCounter), and
the facts the admin made it invent: values the admin requires that the seed
does not give. It then checks on the public pages, German and English, that
the entry really worked. Screenshots of the longest forms land in
test-artifacts/screenshots/admin-entry-*.png.

To measure a changed admin, write the `TodaysAdmin` part anew and keep the
facts and the counter.

`TodaysAdmin` drives the admin as it was on main at 7957cee (436 field
entries, 250 clicks, 58 page loads; README). That admin is gone on this
branch (countries are chosen in a searchable two-column list, long forms are
folded), so the running measurement is test_editor_entry_improved.py, whose
`ImprovedAdmin` inherits everything that did not change from `TodaysAdmin`.
To measure the old admin again, run this driver against that commit.
"""

import calendar
import importlib
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import translation
from PIL import Image

from events.models import Report

from . import september_entry as facts
from .conftest import ROOT
from .entry_counting import EntryCounter
from .test_public_pages import load_all_images

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "redaktion-entry-test"
RESULTS = ROOT / "test-artifacts" / "editor-entry.json"

# Where today's admin wants a value the seed does not give, the script has to
# choose one: these are its choices (each is recorded as an invented fact).
CHOSEN = {
    ("organisation", "gini", "country"): "KR",
    ("organisation", "kanadische-botschaft", "country"): "DE",
    ("partner city", "*", "agreement"): "twinning",
    ("event", "conf3rence", "city"): "Dortmund",
    ("event", "gini-kickoff", "city"): "Dortmund",
    # "in der ersten Septemberwoche"
    ("delegation", "diwodo-guests", "end_date"): "07.09.2025",
}


def staff_groups() -> None:
    """The staff groups as their data migration makes them.

    An earlier transactional test's flush removes them (post_migrate brings
    back permissions, not groups); running the migration's own function on
    its historical models restores them exactly.
    """
    if Group.objects.filter(name="Redaktion").exists():
        return
    loader = MigrationLoader(connection)
    key = ("events", "0002_staff_groups")
    module = importlib.import_module(loader.get_migration(*key).__module__)
    module.create_groups(loader.project_state(key).apps, None)
    # Permissions that later migrations gave the groups.
    for key in [("events", "0015_staff_permissions_roles_people")]:
        module = importlib.import_module(loader.get_migration(*key).__module__)
        module.grant(loader.project_state(key, at_end=True).apps, None)


@pytest.fixture
def redaktion(django_user_model):
    staff_groups()
    user = django_user_model.objects.create_user(
        "redaktion", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def stand_in_photos(folder, photos, name: str) -> list:
    """Small stand-in JPEGs, one per photo of a report, in its colour."""
    paths = []
    for number, photo in enumerate(photos, start=1):
        path = folder / f"{name}-{number}.jpg"
        Image.new("RGB", (960, 640), photo.colour).save(path, "JPEG", quality=85)
        paths.append(path)
    return paths


@pytest.fixture
def photo_files(tmp_path):
    return stand_in_photos(tmp_path, facts.PHOTOS, "september")


def german_date(day: int, month: int, year: int) -> str:
    return f"{day:02d}.{month:02d}.{year}"


class TodaysAdmin:
    """Django's admin as it is on main, driven like a person would drive it."""

    def __init__(self, counter: EntryCounter, origin: str, screenshots):
        self.c = counter
        self.page = counter.page
        self.origin = origin
        self.screenshots = screenshots

    # Getting around

    def log_in(self, username: str, password: str) -> None:
        self.page.goto(self.origin + "/admin/")
        self.c.fill(self.page.locator("#id_username"), username)
        self.c.fill(self.page.locator("#id_password"), password)
        with self.page.expect_navigation():
            self.c.click(self.page.locator("input[type=submit]"))

    def open_add_form(self, app: str, model: str) -> None:
        """Follow the model's "Hinzufügen" link (index page or side bar)."""
        link = self.page.locator(f'a.addlink[href="/admin/{app}/{model}/add/"]')
        with self.page.expect_navigation():
            self.c.click(link.first)

    def save(self, button: str = "_save") -> None:
        with self.page.expect_navigation():
            self.c.click(self.page.locator(f"input[name={button}]"))
        if self.page.locator(".errornote").count():
            errors = self.page.locator(".errorlist li").all_inner_texts()
            self.c.validation_errors.append(f"{self.page.url}: {errors}")
            raise AssertionError(f"the admin refused the form: {errors}")

    def save_all(self, items, enter) -> None:
        """Enter items one after another with "Sichern und neu hinzufügen"."""
        for number, item in enumerate(items, start=1):
            enter(item)
            self.save("_addanother" if number < len(items) else "_save")

    def shot(self, name: str) -> None:
        self.page.screenshot(
            path=self.screenshots / f"admin-entry-{name}.png", full_page=True
        )

    # Fields

    def field(self, name: str):
        return self.page.locator(f"#id_{name}")

    def text(self, name: str, value) -> None:
        if value not in ("", None):
            self.c.fill(self.field(name), str(value))

    def choose(self, name: str, value: str) -> None:
        self.c.select(self.field(name), value)

    def choose_many(self, name: str, values) -> None:
        if values:
            self.c.select(self.field(name), list(values))

    def tick(self, name: str) -> None:
        self.c.click(self.field(name))

    def autocomplete(self, name: str, label: str) -> None:
        """Open the select2 box, type the first words, click the result."""
        self.c.click(self.page.locator(f"#id_{name} + .select2 .select2-selection"))
        search = self.page.locator(".select2-container--open .select2-search__field")
        self.c.type_search(search, " ".join(label.split()[:3]))
        result = self.page.locator(
            ".select2-container--open .select2-results__option",
            has_text=re.compile(f"^{re.escape(label)}$"),
        )
        self.c.click(result)

    def autocomplete_many(self, name: str, labels) -> None:
        for label in labels:
            self.autocomplete(name, label)

    def rich_text(self, name: str, paragraphs) -> None:
        editor = self.page.locator(".prose-editor", has=self.field(name)).locator(
            ".ProseMirror"
        )
        self.c.type_rich_text(editor, paragraphs)

    def add_inline(self, prefix: str) -> int:
        """Click "add another" under an inline; returns the new row's index."""
        self.c.click(self.page.locator(f"#{prefix}-group .add-row a"))
        return int(self.field(f"{prefix}-TOTAL_FORMS").input_value()) - 1

    # Values the seed does not give

    def chosen(self, kind: str, key: str, field_name: str, seed: str) -> str:
        value = CHOSEN.get((kind, key, field_name)) or CHOSEN[(kind, "*", field_name)]
        return self.c.invent(f"{kind} {key}", field_name, value, seed)

    def day(self, when: facts.When, record: str, field_name: str, last=False):
        """The date in the admin's format; a vaguer one is made a day, recorded."""
        if when.day:
            return german_date(when.day, when.month, when.year)
        month = when.month or (12 if last else 1)
        day = calendar.monthrange(when.year, month)[1] if last else 1
        return self.c.invent(
            record, field_name, german_date(day, month, when.year), when.describe()
        )

    # Entering the facts

    def enter_topic(self, topic: facts.Topic) -> None:
        self.text("name_de", topic.name_de)
        self.text("name_en", topic.name_en)

    def enter_organisation(self, org: facts.Organisation) -> None:
        self.text("name_de", org.name_de)
        self.text("name_en", org.name_en)
        self.text("short_name", org.short_name)
        # "Sonstige" claims nothing; the seed does not always say what it is.
        self.choose("kind", org.kind or "other")
        country = org.country or self.chosen(
            "organisation", org.key, "country", "nennt kein Land"
        )
        self.choose("country", country)
        self.text("city", org.city)

    def enter_person(self, person: facts.Person) -> None:
        self.text("first_name", person.first_name)
        self.text("last_name", person.last_name)
        self.text("role_de", person.role_de)
        self.text("role_en", person.role_en)
        if person.organisation:
            self.autocomplete(
                "organisation", facts.organisation(person.organisation).name_de
            )

    def enter_partner_city(self, city: facts.PartnerCity) -> None:
        self.text("name_de", city.name)
        self.choose("country", city.country)
        agreement = city.agreement or self.chosen(
            "partner city", city.key, "agreement", "nur „Partnerstadt“"
        )
        self.choose("agreement", agreement)

    def enter_delegation(self, delegation: facts.Delegation) -> None:
        record = f"delegation {delegation.key}"
        self.text("title_de", delegation.title_de)
        self.text("title_en", delegation.title_en)
        self.choose("direction", delegation.direction)
        self.choose_many("countries", delegation.countries)
        if len(delegation.partner_cities) == 1:
            self.autocomplete(
                "partner_city", facts.partner_city(delegation.partner_cities[0]).name
            )
        elif delegation.partner_cities:
            self.c.cannot_enter(
                f"{record}: {len(delegation.partner_cities)} Partnerstädte, das Feld "
                "nimmt eine (auf der Veranstaltung eingetragen)"
            )
        self.text("size", delegation.size)
        if delegation.size_is_approximate:
            self.tick("size_is_approximate")
        self.text("composition_de", delegation.composition_de)
        self.text("composition_en", delegation.composition_en)
        self.autocomplete_many(
            "organisers", [facts.organisation(k).name_de for k in delegation.organisers]
        )
        self.text("start_date", self.day(delegation.start, record, "start_date"))
        if delegation.end:
            end = self.day(delegation.end, record, "end_date", last=True)
        elif ("delegation", delegation.key, "end_date") in CHOSEN:
            end = self.chosen(
                "delegation", delegation.key, "end_date", delegation.start.describe()
            )
        elif delegation.start.day:
            end = self.c.invent(
                record,
                "end_date",
                self.day(delegation.start, record, "end_date"),
                "nur ein Tag genannt; das Ende ist Pflicht",
            )
        else:
            end = self.day(delegation.start, record, "end_date", last=True)
        self.text("end_date", end)
        self.text("purpose_de", delegation.purpose_de)
        self.text("purpose_en", delegation.purpose_en)
        self.text("description_de", delegation.description_de)
        self.text("description_en", delegation.description_en)
        self.autocomplete_many(
            "topics", [facts.topic(k).name_de for k in delegation.topics]
        )
        for stop in delegation.programme:
            row = f"programme-{self.add_inline('programme')}"
            self.text(f"{row}-title_de", stop.title_de)
            self.text(f"{row}-title_en", stop.title_en)
            if stop.host:
                self.autocomplete(f"{row}-host", facts.organisation(stop.host).name_de)
            self.text(f"{row}-place_de", stop.place_de)
            self.text(f"{row}-place_en", stop.place_en)
            self.text(f"{row}-description_de", stop.description_de)
            self.text(f"{row}-description_en", stop.description_en)
            for speaker in stop.speakers:
                person = facts.person(speaker)
                self.autocomplete(
                    f"{row}-speakers", f"{person.first_name} {person.last_name}"
                )
        if delegation.key == "canada-nano":
            self.shot("delegation-canada")

    def enter_event(self, event: facts.Event) -> None:
        record = f"event {event.key}"
        self.text("title_de", event.title_de)
        self.text("title_en", event.title_en)
        self.choose("format", event.format)
        self.text("series_de", event.series_de)
        self.text("series_en", event.series_en)
        self.text("start_0", self.day(event.start, record, "start (Tag)"))
        # The admin needs a time even for an all-day event.
        self.text(
            "start_1", self.c.invent(record, "start (Uhrzeit)", "00:00", "ganztägig")
        )
        if event.end:
            self.text("end_0", self.day(event.end, record, "end (Tag)", last=True))
            self.text(
                "end_1", self.c.invent(record, "end (Uhrzeit)", "00:00", "ganztägig")
            )
        self.tick("all_day")
        if event.venue:
            self.autocomplete("venue", facts.organisation(event.venue).name_de)
        self.text("venue_name_de", event.venue_name_de)
        self.text("venue_name_en", event.venue_name_en)
        city = event.city or self.chosen("event", event.key, "city", "nennt keinen Ort")
        self.text("city_de", city)
        if event.country is None:
            # Nothing to do but leave the default: it is still a claim.
            self.c.invent(record, "country", "DE (Vorgabe)", "nennt kein Land")
        elif event.country != "DE":
            self.choose("country", event.country)
        self.autocomplete_many(
            "hosts", [facts.organisation(k).name_de for k in event.hosts]
        )
        self.autocomplete_many(
            "participants", [facts.organisation(k).name_de for k in event.participants]
        )
        if event.participant_count_qualifier != "exact":
            self.choose(
                "participant_count_qualifier", event.participant_count_qualifier
            )
        self.text("participant_count", event.participant_count)
        if event.delegation:
            self.autocomplete("delegation", facts.delegation(event.delegation).title_de)
        self.choose_many("focus_countries", event.focus_countries)
        self.autocomplete_many(
            "partner_cities", [facts.partner_city(k).name for k in event.partner_cities]
        )
        self.autocomplete_many("topics", [facts.topic(k).name_de for k in event.topics])
        self.text("description_de", event.description_de)
        self.text("description_en", event.description_en)
        if event.key == "diwodo":
            self.shot("event-diwodo")

    def enter_report(self, report: facts.Report, photo_files) -> None:
        self.text("title_de", report.title_de)
        self.text("title_en", report.title_en)
        self.text("lead_de", report.lead_de)
        self.text("lead_en", report.lead_en)
        author = facts.person(report.author)
        self.autocomplete("author", f"{author.first_name} {author.last_name}")
        # Published at once: the publish date stays at its default, now.
        self.choose("status", "published")
        self.autocomplete_many(
            "events", [facts.event(k).title_de for k in report.events]
        )
        self.autocomplete_many(
            "delegations", [facts.delegation(k).title_de for k in report.delegations]
        )
        for section in report.sections:
            row = f"sections-{self.add_inline('sections')}"
            self.text(f"{row}-heading_de", section.heading_de)
            self.text(f"{row}-heading_en", section.heading_en)
            self.rich_text(f"{row}-body_de", section.paragraphs_de)
            self.rich_text(f"{row}-body_en", section.paragraphs_en)
        for photo, path in zip(report.photos, photo_files, strict=True):
            row = f"photos-{self.add_inline('photos')}"
            self.c.upload(self.field(f"{row}-image"), path)
            self.text(f"{row}-caption_de", photo.caption_de)
            self.text(f"{row}-caption_en", photo.caption_en)
            self.text(f"{row}-alt_text_de", photo.alt_text_de)
            self.text(f"{row}-alt_text_en", photo.alt_text_en)
            self.text(f"{row}-credit", photo.credit)
        self.shot("report")


def used_keys():
    """Topics and organisations that something entered refers to."""
    topics, organisations = set(), set()
    for event in facts.EVENTS:
        topics.update(event.topics)
        organisations.update(event.hosts + event.participants)
        organisations.update([event.venue] if event.venue else [])
    for delegation in facts.DELEGATIONS:
        topics.update(delegation.topics)
        organisations.update(delegation.organisers)
        organisations.update(stop.host for stop in delegation.programme if stop.host)
    organisations.update(p.organisation for p in facts.PEOPLE if p.organisation)
    return topics, organisations


def enter_september_report(admin: TodaysAdmin, photo_files) -> None:
    c = admin.c
    used_topics, used_organisations = used_keys()
    for milestone in facts.REPORT.milestones:
        # Neither an event nor a delegation: only the report's text tells it.
        c.cannot_enter(
            f"{milestone.title_de}: keine Veranstaltung, keine Delegation; "
            f"{len(milestone.supporters)} unterstützende Organisationen bleiben "
            "im Text"
        )
    with c.step("log in"):
        admin.log_in("redaktion", PASSWORD)
    with c.step("topics"):
        admin.open_add_form("contacts", "topic")
        admin.save_all(
            [t for t in facts.TOPICS if t.key in used_topics], admin.enter_topic
        )
    with c.step("organisations"):
        admin.open_add_form("contacts", "organisation")
        admin.save_all(
            [o for o in facts.ORGANISATIONS if o.key in used_organisations],
            admin.enter_organisation,
        )
    with c.step("people"):
        admin.open_add_form("contacts", "contact")
        admin.save_all(facts.PEOPLE, admin.enter_person)
    with c.step("partner cities"):
        admin.open_add_form("delegations", "partnercity")
        admin.save_all(facts.PARTNER_CITIES, admin.enter_partner_city)
    with c.step("delegations"):
        admin.open_add_form("delegations", "delegation")
        admin.save_all(facts.DELEGATIONS, admin.enter_delegation)
    with c.step("events"):
        admin.open_add_form("events", "event")
        admin.save_all(facts.EVENTS, admin.enter_event)
    with c.step("report"):
        admin.open_add_form("events", "report")
        admin.enter_report(facts.REPORT, photo_files)
        admin.save()
    c.stop()


def check_public_report(page, origin: str, language: str, screenshots) -> dict:
    """The report reads right on the public site; returns what a reader sees
    that nobody entered (dates shown to the day, links the editor made)."""
    report = Report.objects.get()
    with translation.override(language):
        page.goto(origin + report.get_absolute_url())
    title = facts.REPORT.title_en if language == "en" else facts.REPORT.title_de
    assert page.locator("article.report h1").inner_text() == title
    items = page.locator("#covered-events ~ ul .event-item")
    listed = items.locator(".event-item__title").all_inner_texts()
    expected = [
        (event.title_en if language == "en" else "") or event.title_de
        for event in facts.EVENTS
    ]
    assert sorted(listed) == sorted(expected)
    figures = page.locator(".gallery figure")
    assert figures.count() == len(facts.PHOTOS)
    captions = " ".join(page.locator(".gallery figcaption").all_inner_texts())
    for photo in facts.PHOTOS:
        caption = photo.caption_en if language == "en" else photo.caption_de
        assert caption in captions
    load_all_images(page)
    page.screenshot(
        path=screenshots / f"editor-entry-report-{language}.png", full_page=True
    )
    dates = items.locator(".event-item__date").all_inner_texts()
    return {
        "events_as_shown": [f"{d} {t}" for d, t in zip(dates, listed, strict=True)],
        # The seed's sections have no links: any link here the editor made.
        "links_in_text": page.locator(".report__body a").all_inner_texts(),
    }


def print_figures(figures: dict) -> None:
    print(
        f"\nSeptember report entered: "
        f"{figures['field_entries']} field entries, {figures['clicks']} clicks, "
        f"{figures['page_loads']} page loads, {figures['characters_typed']} "
        f"characters, {figures['wall_seconds']} s."
    )
    for step, counts in figures["by_step"].items():
        print(f"  {step}: {counts}")
    print(f"Invented facts ({len(figures['invented_facts'])}):")
    for fact in figures["invented_facts"]:
        print(f"  {fact['record']} – {fact['field']}: {fact['value']} ({fact['seed']})")
    print("Not representable:")
    for what in figures["not_representable"]:
        print(f"  {what}")
    for name in ("server_errors", "console_errors"):
        if figures[name]:
            print(f"{name}:", *figures[name], sep="\n  ")
    for language in ("de", "en"):
        public = figures.get(f"public_{language}")
        if public:
            print(f"Public page ({language}): events as shown:")
            print(*public["events_as_shown"], sep="\n  ", end="\n")
            print(f"  links in the text: {public['links_in_text']}")
    print(f"Figures written to {RESULTS}")
