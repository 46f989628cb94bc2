"""The same September report entered in the improved admin (issue 11, the
admin half): searchable country lists, collapsible groups, several photos
uploaded at once with one credit. Same facts, same counting as
test_editor_entry.py; only the way the admin is driven differs."""

import json

import pytest
from django.utils import translation
from django_countries import countries

from . import september_entry as facts
from . import test_editor_entry as today
from .conftest import ROOT, VIEWPORTS
from .entry_counting import EntryCounter
from .test_editor_entry import (
    TodaysAdmin,
    check_public_report,
    enter_september_report,
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
            search.press("Enter")
        return None

    def enter_report(self, report: facts.Report, photo_files) -> None:
        self.text("title_de", report.title_de)
        self.text("title_en", report.title_en)
        self.text("lead_de", report.lead_de)
        self.text("lead_en", report.lead_en)
        author = facts.person(report.author)
        self.autocomplete("author", f"{author.first_name} {author.last_name}")
        self.open_group("Worüber berichtet wird")
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
