"""The report of issue 11's "done when", entered in the current admin.

Four incoming delegations who followed one shared programme of ten stops on
the same two days in June 2024, a conference they attended, organisations in
their roles, three photos, German and English (the scenario, not a seed
report: tests/browser/shared_programme_entry.py). Driven as the admin is
meant to be used: names typed where they are used, rough dates in "Datum",
the programme pasted once as a table on the first delegation, the other three
choosing "Gleiches Programm wie", the report begun from the event list.
Counted as in test_editor_entry.py (entry_counting.EntryCounter); the figures
are printed and written to test-artifacts/editor-entry-shared.json.

The public report is then read in German and English: the programme shown
once with all four groups, "Juni 2024"/"June 2024" and nothing more precise,
organisations by role.

What the scenario says about an organisation beyond its name (kind, country,
city, English name) is not typed: the record is made from the name where it
is used (`not_entered` in the figures). The same scenario typed into the
admin before issue 11 (b33d3dd, with that commit's TodaysAdmin: the ten
stops four times, organisations and topics on their own forms first, "Juni
2024" made a day) took 355 field entries, 227 clicks and 35 page loads and
invented 10 values (README, "Entering a report, measured").
"""

import json
import re

import pytest
from django.utils import translation
from django_countries import countries

from contacts.models import Role
from delegations.models import Delegation
from events.models import Report

from . import shared_programme_entry as facts
from . import test_editor_entry as today
from .conftest import ROOT, VIEWPORTS
from .entry_counting import EntryCounter
from .test_editor_entry import PASSWORD, stand_in_photos
from .test_editor_entry_improved import (
    ImprovedAdmin,
    enter_partner_city,
    pasted_table,
)
from .test_public_pages import load_all_images

redaktion = today.redaktion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RESULTS = ROOT / "test-artifacts" / "editor-entry-shared.json"
# Measured on 2026-12-07: 116 field entries (README); the goal of issue 11.
MAX_FIELD_ENTRIES = 118  # under a third of the old admin's 355

PROGRAMME_COLUMNS = (
    ("Programmpunkt", "title_de"),
    ("Programme item", "title_en"),
    ("Gastgeber", "hosts"),
    ("Ort", "place_de"),
    ("Place", "place_en"),
)


def org_name(key: str) -> str:
    return facts.organisation(key).name_de


def programme_table(stops) -> str:
    """The programme as Word or Excel hand a copied table over."""

    def cell(stop, name):
        if name == "hosts":
            return "; ".join(org_name(key) for key in stop.hosts)
        return getattr(stop, name)

    return pasted_table(
        [header for header, _name in PROGRAMME_COLUMNS],
        [[cell(stop, name) for _h, name in PROGRAMME_COLUMNS] for stop in stops],
    )


@pytest.fixture
def photo_files(tmp_path):
    return stand_in_photos(tmp_path, facts.PHOTOS, "shared")


class SharedProgrammeAdmin(ImprovedAdmin):
    """The current admin (ImprovedAdmin), entering this scenario's facts."""

    def enter_person(self, person: facts.Person) -> None:
        self.text("first_name", person.first_name)
        self.text("last_name", person.last_name)
        self.text("role_de", person.role_de)
        self.text("role_en", person.role_en)
        if person.organisation:
            self.name("organisation", org_name(person.organisation))

    def enter_delegation(self, delegation: facts.Delegation) -> None:
        self.text("title_de", delegation.title_de)
        self.text("title_en", delegation.title_en)
        self.choose("direction", "incoming")
        self.choose_many("countries", [delegation.country])
        self.autocomplete(
            "partner_cities", facts.partner_city(delegation.partner_city).name
        )
        self.text("size", delegation.size)
        self.text("composition_de", delegation.composition_de)
        self.text("composition_en", delegation.composition_en)
        self.names("role_organiser", [org_name(k) for k in delegation.organisers])
        self.names("role_supporter", [org_name(k) for k in delegation.supporters])
        # "zwei Tage im Juni 2024": the month, and two days.
        self.text("when", self.when(facts.PROGRAMME.start))
        self.text("duration_days", facts.PROGRAMME.days)
        self.names("topics", [facts.topic(k).name_de for k in delegation.topics])
        if delegation.programme_of:
            # "Gleiches Programm wie": the stops are the other group's.
            self.autocomplete(
                "programme_of", facts.delegation(delegation.programme_of).title_de
            )
        else:
            # The companies the groups visited, on the programme's delegation.
            self.names("role_visited", [org_name(k) for k in facts.PROGRAMME.visited])
            # The programme as the team has it: a table, copied and pasted once.
            self.text("programme_table", programme_table(facts.PROGRAMME.stops))
            self.shot("delegation-shared")

    def adjust_names(self, name: str, shown, wanted) -> None:
        """A choice that came filled in: remove what differs (the "×" of the
        chosen name, a click), then name what is missing."""
        for label in shown:
            if label not in wanted:
                choice = self.page.locator(
                    f"#id_{name} + .select2 .select2-selection__choice",
                    has_text=label,
                )
                self.c.click(choice.locator(".select2-selection__choice__remove"))
                self.page.keyboard.press("Escape")  # the list opens on removal
        self.names(name, [label for label in wanted if label not in shown])

    def enter_another_group(
        self, delegation: facts.Delegation, previous: facts.Delegation
    ) -> None:
        """The add form reached by "Weitere Gruppe auf diesem Programm anlegen"
        on the page of the group saved before: direction, dates, programme,
        topics and organisers come filled in from it; what differs is typed."""
        self.text("title_de", delegation.title_de)
        self.text("title_en", delegation.title_en)
        self.choose_many("countries", [delegation.country])
        self.autocomplete(
            "partner_cities", facts.partner_city(delegation.partner_city).name
        )
        self.text("size", delegation.size)
        self.text("composition_de", delegation.composition_de)
        self.text("composition_en", delegation.composition_en)
        for field, shown, wanted in (
            ("role_organiser", previous.organisers, delegation.organisers),
            ("role_supporter", previous.supporters, delegation.supporters),
        ):
            self.adjust_names(
                field, [org_name(k) for k in shown], [org_name(k) for k in wanted]
            )
        self.adjust_names(
            "topics",
            [facts.topic(k).name_de for k in previous.topics],
            [facts.topic(k).name_de for k in delegation.topics],
        )

    def enter_delegations(self, delegations) -> None:
        previous, *others = delegations
        self.open_add_form("delegations", "delegation")
        self.enter_delegation(previous)
        self.save("_continue")
        for delegation in others:
            link = self.page.get_by_role(
                "link", name="Weitere Gruppe auf diesem Programm anlegen"
            )
            with self.page.expect_navigation():
                self.c.click(link)
            self.enter_another_group(delegation, previous)
            self.save("_continue")
            previous = delegation

    def enter_event(self, event: facts.Event) -> None:
        self.text("title_de", event.title_de)
        self.text("title_en", event.title_en)
        self.choose("format", event.format)
        self.text("when", self.when(event.start))
        self.name("venue", org_name(event.venue))
        self.text("city_de", event.city)
        if event.country != "DE":
            self.choose("country", event.country)
        self.names("role_host", [org_name(k) for k in event.hosts])
        self.names("role_co_host", [org_name(k) for k in event.co_hosts])
        self.names("role_supporter", [org_name(k) for k in event.supporters])
        self.choose("participant_count_qualifier", event.participant_count_qualifier)
        self.text("participant_count", event.participant_count)
        self.choose_many("focus_countries", event.focus_countries)
        self.autocomplete_many(
            "partner_cities", [facts.partner_city(k).name for k in event.partner_cities]
        )
        self.names("topics", [facts.topic(k).name_de for k in event.topics])
        self.text("description_de", event.description_de)
        self.text("description_en", event.description_en)

    def enter_report(self, report: facts.Report, photo_files) -> None:
        self.text("title_de", report.title_de)
        self.text("title_en", report.title_en)
        self.text("lead_de", report.lead_de)
        self.text("lead_en", report.lead_en)
        author = facts.person(report.author)
        self.autocomplete("author", f"{author.first_name} {author.last_name}")
        # The event came with the form (ticked in the event list); it has no
        # delegation of its own, so the four groups are chosen here.
        self.open_group("Worüber berichtet wird")
        self.autocomplete_many(
            "delegations", [facts.delegation(k).title_de for k in report.delegations]
        )
        row = f"sections-{self.add_inline('sections')}"
        self.paste_text(f"{row}-body_de", report.sections, "de")
        self.paste_text(f"{row}-body_en", report.sections, "en")
        common_credit = report.photos[0].credit
        self.open_group("Fotos hinzufügen")
        self.c.upload(self.field("new_photos"), [str(p) for p in photo_files])
        self.text("new_photos_credit", common_credit)
        self.save("_continue")
        self.open_group("Fotos")
        for index, photo in enumerate(report.photos):
            row = f"photos-{index}"
            self.text(f"{row}-caption_de", photo.caption_de)
            self.text(f"{row}-caption_en", photo.caption_en)
            self.text(f"{row}-alt_text_de", photo.alt_text_de)
            self.text(f"{row}-alt_text_en", photo.alt_text_en)
            if photo.credit != common_credit:
                self.text(f"{row}-credit", photo.credit)
        self.choose("status", "published")
        self.shot("report-shared")


def enter_shared_report(admin: SharedProgrammeAdmin, photo_files) -> None:
    c = admin.c
    with c.step("log in"):
        admin.log_in("redaktion", PASSWORD)
    with c.step("people"):
        admin.open_add_form("contacts", "contact")
        admin.save_all(facts.PEOPLE, admin.enter_person)
    with c.step("partner cities"):
        admin.open_add_form("delegations", "partnercity")
        admin.save_all(facts.PARTNER_CITIES, lambda c: enter_partner_city(admin, c))
    with c.step("delegations"):
        admin.enter_delegations(facts.DELEGATIONS)
    with c.step("events"):
        admin.open_add_form("events", "event")
        admin.save_all(facts.EVENTS, admin.enter_event)
    with c.step("report"):
        admin.begin_report_from_event_list(len(facts.REPORT.events))
        admin.enter_report(facts.REPORT, photo_files)
        admin.save()
    c.stop()


def roles_shown(page) -> dict[str, list[str]]:
    """The report's "Beteiligte Organisationen": role → names, as shown."""
    box = page.locator("#involved-organisations + dl")
    labels = box.locator("dt").all_inner_texts()
    names = [
        [name.strip() for name in text.split(",")]
        for text in box.locator("dd").all_inner_texts()
    ]
    return dict(zip(labels, names, strict=True))


def check_programme(page, language: str) -> None:
    """One programme, with the four groups and the ten stops."""
    programmes = page.locator("section.programme")
    assert programmes.count() == 1, "the shared programme is shown more than once"
    groups = programmes.locator(".programme__groups > li").all_inner_texts()
    with translation.override(language):
        expected = {
            f"{d.title_en if language == 'en' else d.title_de} "
            f"({countries.name(d.country)})"
            for d in facts.DELEGATIONS
        }
    assert set(groups) == expected
    stops = programmes.locator(".programme__list > li")
    titles = stops.locator("h3").all_inner_texts()
    assert titles == [
        stop.title_en if language == "en" else stop.title_de
        for stop in facts.PROGRAMME.stops
    ]
    two_hosts = stops.nth(0).locator(".meta").inner_text()
    for key in facts.PROGRAMME.stops[0].hosts:
        assert org_name(key) in two_hosts


def check_public_report(page, origin: str, language: str, screenshots) -> dict:
    report = Report.objects.get()
    with translation.override(language):
        page.goto(origin + report.get_absolute_url())
        month = "June 2024" if language == "en" else "Juni 2024"
        labels = {role: str(role.label) for role in Role}
    title = facts.REPORT.title_en if language == "en" else facts.REPORT.title_de
    assert page.locator("article.report h1").inner_text() == title
    check_programme(page, language)
    # The conference: a month, as entered.
    dates = page.locator("#covered-events ~ ul .event-item__date").all_inner_texts()
    assert dates == [month]
    # Organisations by role.
    shown = roles_shown(page)
    event = facts.EVENTS[0]
    expected = {
        Role.HOST: {k for s in facts.PROGRAMME.stops for k in s.hosts}
        | set(event.hosts),
        Role.CO_HOST: set(event.co_hosts),
        Role.ORGANISER: {k for d in facts.DELEGATIONS for k in d.organisers},
        Role.SUPPORTER: {k for d in facts.DELEGATIONS for k in d.supporters}
        | set(event.supporters),
        Role.VISITED: set(facts.PROGRAMME.visited),
        Role.VENUE: {event.venue},
    }
    for role, keys in expected.items():
        assert set(shown[labels[role]]) == {org_name(k) for k in keys}, role
    captions = " ".join(page.locator(".gallery figcaption").all_inner_texts())
    assert page.locator(".gallery figure").count() == len(facts.PHOTOS)
    for photo in facts.PHOTOS:
        assert (photo.caption_en if language == "en" else photo.caption_de) in captions
    text = page.locator("article.report").inner_text()
    load_all_images(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(
        path=screenshots / f"editor-entry-shared-report-{language}.png", full_page=True
    )
    # A follower's own page shows the same programme, once, with all groups.
    follower = Delegation.objects.get(title_de=facts.DELEGATIONS[-1].title_de)
    with translation.override(language):
        page.goto(origin + follower.get_absolute_url())
    check_programme(page, language)
    delegation_when = page.locator("dt", has_text=re.compile("^(Wann|When)$"))
    delegation_when = delegation_when.locator("+ dd").inner_text()
    assert month in delegation_when
    return {
        "programmes_shown": 1,
        "page_height_px": height,
        "event_dates": dates,
        "delegation_date": delegation_when,
        "roles": shown,
        # Nothing more precise than a month: no day of June 2024 anywhere.
        "days_shown": re.findall(
            r"\b\d{1,2}\.? (?:Juni|June) 2024|June \d{1,2}, 2024|\d\d\.06\.2024",
            text + delegation_when,
        ),
        "links_in_text": page.locator(".report__body a").all_inner_texts(),
    }


def not_entered() -> list[str]:
    """What the scenario gives about an organisation beyond its name: not
    typed here (the record is made from the name where it is used, and its
    profile completed when someone needs it), so English pages show these
    organisations by their German name."""
    return [
        f"{o.name_de}: "
        + ", ".join(
            f"{name} {value!r}"
            for name in ("name_en", "short_name", "kind", "country", "city")
            if (value := getattr(o, name))
        )
        for o in facts.ORGANISATIONS
    ]


def print_figures(figures: dict) -> None:
    print(
        f"\nShared-programme report entered in the current admin: "
        f"{figures['field_entries']} field entries, {figures['clicks']} clicks, "
        f"{figures['page_loads']} page loads, {figures['characters_typed']} "
        f"characters, {figures['wall_seconds']} s."
    )
    for step, counts in figures["by_step"].items():
        print(f"  {step}: {counts}")
    print(f"Invented facts ({len(figures['invented_facts'])}):")
    for fact in figures["invented_facts"]:
        print(f"  {fact['record']} – {fact['field']}: {fact['value']} ({fact['seed']})")
    print("Not representable:", *figures["not_representable"], sep="\n  ")
    print(
        f"Not entered: {len(figures['not_entered'])} organisations' kind, "
        "country, city, English and short name (made from the name)"
    )
    for name in ("server_errors", "console_errors", "validation_errors"):
        if figures[name]:
            print(f"{name}:", *figures[name], sep="\n  ")
    for language in ("de", "en"):
        public = figures.get(f"public_{language}")
        if public:
            print(f"Public page ({language}): {public}")
    print(f"Figures written to {RESULTS}")


def test_editor_enters_shared_programme_report(
    browser, live_server, redaktion, photo_files, screenshot_dir
):
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], locale="de-DE", device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    counter = EntryCounter(page)
    admin = SharedProgrammeAdmin(counter, live_server.url, screenshot_dir)
    results = {}
    try:
        enter_shared_report(admin, photo_files)
        for language in ("de", "en"):
            results[f"public_{language}"] = check_public_report(
                page, live_server.url, language, screenshot_dir
            )
    finally:
        results = {**counter.figures(), "not_entered": not_entered(), **results}
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        print_figures(results)
        context.close()
    assert not results["server_errors"], results["server_errors"]
    assert not results["validation_errors"], results["validation_errors"]
    assert not results["console_errors"], results["console_errors"]
    assert results["invented_facts"] == []
    assert results["not_representable"] == []
    for language in ("de", "en"):
        assert results[f"public_{language}"]["days_shown"] == []
        assert results[f"public_{language}"]["links_in_text"] == []
    # One programme of ten stops, not four: the stops exist once.
    assert sum(d.stops.count() for d in Delegation.objects.all()) == len(
        facts.PROGRAMME.stops
    )
    assert results["field_entries"] <= MAX_FIELD_ENTRIES
