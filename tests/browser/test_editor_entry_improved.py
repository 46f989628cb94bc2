"""The same September report entered in the improved admin (issue 11):
searchable country lists, collapsible groups, several photos uploaded at once
with one credit, organisations and topics named where they are used (no form
of their own), organisations by role, dates as precise as the seed gives
them, the text pasted with its subheadings. Same facts, same counting as
test_editor_entry.py; only the way the admin is driven differs.

What the seed gives about an organisation beyond its name (kind, country,
city, English name) is not typed here: the report needs the name, and
the organisation's profile is completed when someone needs it. The figures
say so (`not_entered`)."""

import json
import re

import pytest
from django.utils import translation
from django_countries import countries

from . import september_entry as facts
from . import test_editor_entry as today
from .conftest import ROOT, VIEWPORTS
from .entry_counting import EntryCounter
from .test_editor_entry import (
    PASSWORD,
    TodaysAdmin,
    check_public_report,
    print_figures,
)

# The fixtures of the measurement of today's admin: the same editor, the same files.
redaktion = today.redaktion
photo_files = today.photo_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RESULTS = ROOT / "test-artifacts" / "editor-entry-improved.json"


class ImprovedAdmin(TodaysAdmin):
    """The admin of this branch, driven the way it is meant to be used."""

    def __init__(self, counter: EntryCounter, origin: str, screenshots):
        super().__init__(counter, origin, screenshots)
        # Searches select2 still has under way (it sends one 250 ms after
        # the last key): a form sent meanwhile writes while they read, which
        # SQLite's shared in-memory test database refuses ("table is locked").
        self.searches = 0
        self.page.on("request", lambda r: self._searching(r, 1))
        self.page.on("requestfinished", lambda r: self._searching(r, -1))
        self.page.on("requestfailed", lambda r: self._searching(r, -1))

    def _searching(self, request, change: int) -> None:
        if "/admin/autocomplete/" in request.url:
            self.searches += change

    def save(self, button: str = "_save") -> None:
        """Send the form once the searches typed are answered (not counted:
        a person does not send a form in the middle of a search either)."""
        self.page.wait_for_timeout(300)
        for _tick in range(200):  # ten seconds at most
            if not self.searches:
                break
            self.page.wait_for_timeout(50)
        super().save(button)

    def open_group(self, title: str) -> None:
        """Unfold a collapsed group of the form (one click)."""
        summary = self.page.locator("details > summary").filter(
            has=self.page.get_by_text(title, exact=True)
        )
        if summary.locator("..").get_attribute("open") is None:
            self.c.click(summary)

    def choose_many(self, name: str, values) -> None:
        if name not in ("countries", "focus_countries"):
            return super().choose_many(name, values)
        # Two-column chooser: type the name into its search box, Enter moves it.
        search = self.field(f"{name}_input")
        for code in values:
            with translation.override("de"):
                label = str(countries.name(code))
            self.c.type_search(search, label)
            # A person's last key lets go of the box: its filter runs on keyup
            # (fill() sends none, and Enter alone moved the first country of
            # the unfiltered list, Afghanistan).
            search.dispatch_event("keyup")
            search.press("Enter")
        return None

    def name(self, name: str, label: str) -> None:
        """Pick an existing record or keep the typed name for a new one."""
        self.c.click(self.page.locator(f"#id_{name} + .select2 .select2-selection"))
        search = self.page.locator(".select2-container--open .select2-search__field")
        self.c.type_search(search, label)
        result = self.page.locator(
            ".select2-container--open .select2-results__option",
            has_text=re.compile(f"^{re.escape(label)}$"),
        )
        self.c.click(result.first)

    def names(self, name: str, labels) -> None:
        for label in labels:
            self.name(name, label)

    def when(self, when: facts.When | None) -> str:
        if when is None:
            return ""
        if when.day:
            return f"{when.day:02d}.{when.month:02d}.{when.year}"
        if when.month:
            return f"{when.month:02d}.{when.year}"
        return str(when.year)

    def enter_person(self, person: facts.Person) -> None:
        self.text("first_name", person.first_name)
        self.text("last_name", person.last_name)
        self.text("role_de", person.role_de)
        self.text("role_en", person.role_en)
        if person.organisation:
            self.name("organisation", facts.organisation(person.organisation).name_de)

    def enter_delegation(self, delegation: facts.Delegation) -> None:
        self.text("title_de", delegation.title_de)
        self.text("title_en", delegation.title_en)
        self.choose("direction", delegation.direction)
        self.choose_many("countries", delegation.countries)
        self.autocomplete_many(
            "partner_cities",
            [facts.partner_city(k).name for k in delegation.partner_cities],
        )
        self.text("size", delegation.size)
        if delegation.size_is_approximate:
            self.tick("size_is_approximate")
        self.text("composition_de", delegation.composition_de)
        self.text("composition_en", delegation.composition_en)
        self.names(
            "role_organiser",
            [facts.organisation(k).name_de for k in delegation.organisers],
        )
        self.text("when", self.when(delegation.start))
        self.text("until", self.when(delegation.end))
        self.text("purpose_de", delegation.purpose_de)
        self.text("purpose_en", delegation.purpose_en)
        self.text("description_de", delegation.description_de)
        self.text("description_en", delegation.description_en)
        self.names("topics", [facts.topic(k).name_de for k in delegation.topics])
        if delegation.programme:
            # The programme as the team has it: a table, copied and pasted once.
            self.text("programme_table", programme_table(delegation.programme))
        if delegation.key == "canada-nano":
            self.shot("delegation-canada-improved")

    def enter_event(self, event: facts.Event) -> None:
        self.text("title_de", event.title_de)
        self.text("title_en", event.title_en)
        self.choose("format", event.format)
        self.text("series_de", event.series_de)
        self.text("series_en", event.series_en)
        # What the event shares with its delegation stays empty: it is taken
        # from the delegation on save ("Leere Felder … übernehmen").
        shared = facts.delegation(event.delegation) if event.delegation else None
        if shared and not event.focus_countries and shared.countries:
            self.tick("take_from_delegation")  # nothing to take: untick
            shared = None
        if not (shared and (event.start, event.end) == (shared.start, shared.end)):
            self.text("when", self.when(event.start))
            self.text("until", self.when(event.end))
        if event.venue:
            self.name("venue", facts.organisation(event.venue).name_de)
        self.text("venue_name_de", event.venue_name_de)
        self.text("venue_name_en", event.venue_name_en)
        self.text("city_de", event.city)
        if event.country is None:
            self.choose("country", "")
        elif event.country != "DE":
            self.choose("country", event.country)
        self.names("role_host", [facts.organisation(k).name_de for k in event.hosts])
        self.names(
            "role_participant",
            [facts.organisation(k).name_de for k in event.participants],
        )
        if event.participant_count_qualifier != "exact":
            self.choose(
                "participant_count_qualifier", event.participant_count_qualifier
            )
        self.text("participant_count", event.participant_count)
        if event.delegation:
            self.autocomplete("delegation", facts.delegation(event.delegation).title_de)
        if not (shared and set(event.focus_countries) == set(shared.countries)):
            self.choose_many("focus_countries", event.focus_countries)
        if not (shared and event.partner_cities == shared.partner_cities):
            self.autocomplete_many(
                "partner_cities",
                [facts.partner_city(k).name for k in event.partner_cities],
            )
        if not (shared and event.topics == shared.topics):
            self.names("topics", [facts.topic(k).name_de for k in event.topics])
        self.text("description_de", event.description_de)
        self.text("description_en", event.description_en)
        if event.key == "diwodo":
            self.shot("event-diwodo-improved")

    def begin_report_from_event_list(self, events: int) -> None:
        """The month's events in the event list, all of them ticked, then
        "Bericht über die ausgewählten schreiben": the report form opens."""
        link = self.page.locator('a[href="/admin/events/event/"]')
        with self.page.expect_navigation():
            self.c.click(link.first)
        assert self.page.locator("#result_list tbody tr").count() == events
        self.c.click(self.page.locator("#action-toggle"))
        self.c.select(self.page.locator("select[name=action]"), "write_report")
        with self.page.expect_navigation():
            self.c.click(self.page.locator("button[name=index]"))

    def paste_text(self, name: str, sections, language: str) -> None:
        """The whole text pasted at once from the team's draft, subheadings
        and paragraphs as a word processor hands them over (one entry)."""
        parts = []
        for section in sections:
            heading = getattr(section, f"heading_{language}")
            if heading:
                parts.append(f"<h2>{heading}</h2>")
            parts += [f"<p>{p}</p>" for p in getattr(section, f"paragraphs_{language}")]
        html = "".join(parts)
        editor = self.page.locator(".prose-editor", has=self.field(name)).locator(
            ".ProseMirror[contenteditable=true]"
        )
        editor.click()
        editor.evaluate(
            """(node, html) => {
                const data = new DataTransfer();
                data.setData("text/html", html);
                data.setData("text/plain", html.replace(/<[^>]+>/g, "\\n"));
                node.dispatchEvent(new ClipboardEvent("paste", {
                    clipboardData: data, bubbles: true, cancelable: true,
                }));
            }""",
            html,
        )
        self.c.characters += len(html)
        self.c._count("field_entries")

    def enter_report(self, report: facts.Report, photo_files) -> None:
        self.text("title_de", report.title_de)
        self.text("title_en", report.title_en)
        self.text("lead_de", report.lead_de)
        self.text("lead_en", report.lead_en)
        author = facts.person(report.author)
        self.autocomplete("author", f"{author.first_name} {author.last_name}")
        self.open_group("Worüber berichtet wird")
        # The events came with the form (chosen in the event list).
        # The delegations of the chosen events come by themselves.
        of_events = {facts.event(k).delegation for k in report.events}
        self.autocomplete_many(
            "delegations",
            [
                facts.delegation(k).title_de
                for k in report.delegations
                if k not in of_events
            ],
        )
        # The text with its subheadings, pasted once per language.
        row = f"sections-{self.add_inline('sections')}"
        self.paste_text(f"{row}-body_de", report.sections, "de")
        self.paste_text(f"{row}-body_en", report.sections, "en")
        # All photos in one file dialog, with the credit most of them share.
        common_credit = report.photos[0].credit
        self.open_group("Fotos hinzufügen")
        self.c.upload(self.field("new_photos"), [str(p) for p in photo_files])
        self.text("new_photos_credit", common_credit)
        self.save("_continue")  # back to the form with the photo rows
        self.open_group("Fotos")
        for index, photo in enumerate(report.photos):
            row = f"photos-{index}"
            self.text(f"{row}-caption_de", photo.caption_de)
            self.text(f"{row}-caption_en", photo.caption_en)
            self.text(f"{row}-alt_text_de", photo.alt_text_de)
            self.text(f"{row}-alt_text_en", photo.alt_text_en)
            if photo.credit != common_credit:
                self.text(f"{row}-credit", photo.credit)
        # Published once the photos have their texts.
        self.choose("status", "published")
        self.shot("report-improved")


PROGRAMME_COLUMNS = (
    ("Programmpunkt", "title_de"),
    ("Programme item", "title_en"),
    ("Gastgeber", "host"),
    ("Ort", "place_de"),
    ("Place", "place_en"),
    ("Beschreibung", "description_de"),
    ("Description", "description_en"),
    ("Vortragende", "speakers"),
)


def programme_table(stops) -> str:
    """The programme as Word or Excel hand a copied table over: a header
    line, then a line per stop, cells separated by tabs."""

    def cell(stop, name):
        value = getattr(stop, name)
        if name == "host":
            return facts.organisation(value).name_de if value else ""
        if name == "speakers":
            people = [facts.person(key) for key in value]
            return "; ".join(f"{p.first_name} {p.last_name}" for p in people)
        return value

    used = [
        (header, name)
        for header, name in PROGRAMME_COLUMNS
        if any(cell(stop, name) for stop in stops)
    ]
    return pasted_table(
        [header for header, _name in used],
        [[cell(stop, name) for _h, name in used] for stop in stops],
    )


def pasted_table(header: list[str], rows: list[list[str]]) -> str:
    """Rows as Word or Excel hand a copied table over: cells separated by
    tabs, a line per row."""
    return "".join("\t".join(cells) + "\n" for cells in [header, *rows])


def enter_partner_city(admin: ImprovedAdmin, city: facts.PartnerCity) -> None:
    admin.text("name_de", city.name)
    admin.choose("country", city.country)
    if city.agreement:
        admin.choose("agreement", city.agreement)


def enter_september_report(admin: ImprovedAdmin, photo_files) -> None:
    c = admin.c
    for milestone in facts.REPORT.milestones:
        c.cannot_enter(
            f"{milestone.title_de}: keine Veranstaltung, keine Delegation; "
            f"{len(milestone.supporters)} unterstützende Organisationen bleiben "
            "im Text"
        )
    with c.step("log in"):
        admin.log_in("redaktion", PASSWORD)
    with c.step("people"):
        admin.open_add_form("contacts", "contact")
        admin.save_all(facts.PEOPLE, admin.enter_person)
    with c.step("partner cities"):
        admin.open_add_form("delegations", "partnercity")
        admin.save_all(facts.PARTNER_CITIES, lambda c: enter_partner_city(admin, c))
    with c.step("delegations"):
        admin.open_add_form("delegations", "delegation")
        admin.save_all(facts.DELEGATIONS, admin.enter_delegation)
    with c.step("events"):
        admin.open_add_form("events", "event")
        admin.save_all(facts.EVENTS, admin.enter_event)
    with c.step("report"):
        admin.begin_report_from_event_list(len(facts.REPORT.events))
        admin.enter_report(facts.REPORT, photo_files)
        admin.save()
    c.stop()


def test_editor_enters_september_report_in_the_improved_admin(
    browser,
    live_server,
    redaktion,
    photo_files,
    screenshot_dir,  # noqa: F811
):
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], locale="de-DE", device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    counter = EntryCounter(page)
    admin = ImprovedAdmin(counter, live_server.url, screenshot_dir)
    results = {}
    try:
        enter_september_report(admin, photo_files)
        for language in ("de", "en"):
            results[f"public_{language}"] = check_public_report(
                page, live_server.url, language, screenshot_dir
            )
    finally:
        results = {**counter.figures(), **results}
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        print("\nImproved admin (branch issue-11b):")
        print_figures(results)
        context.close()
    assert not results["server_errors"], results["server_errors"]
    assert not results["validation_errors"], results["validation_errors"]
    # Nothing the seed does not say, no link nobody set, and about half the
    # entries the admin took before issue 11 (436; README).
    assert results["invented_facts"] == []
    assert results["public_de"]["links_in_text"] == []
    assert results["public_en"]["links_in_text"] == []
    assert results["field_entries"] <= 225
