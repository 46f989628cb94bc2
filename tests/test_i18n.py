"""German and English: URLs, lang attributes, alternates, fallbacks, catalogue."""

import ast
import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from events.demo import load_demo
from events.models import Event, Report
from tests.factories import EventFactory

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES"


def parse_po(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, msgid) → msgstr(s) of a .po file, without a third-party parser."""
    entries: dict[tuple[str, str], list[str]] = {}
    current: dict[str, str] = {}
    key = None

    def flush():
        if "msgid" in current:
            strings = [v for k, v in sorted(current.items()) if k.startswith("msgstr")]
            entries[(current.get("msgctxt", ""), current["msgid"])] = strings

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if not line and current:
                flush()
                current, key = {}, None
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        current[key] = ast.literal_eval(value)
    flush()
    entries.pop(("", ""), None)  # the header
    return entries


def test_every_catalogue_entry_is_translated():
    entries = parse_po(CATALOGUE / "django.po")

    untranslated = [
        msgid for (_, msgid), strings in entries.items() if not all(strings)
    ]

    assert entries
    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    entries = parse_po(CATALOGUE / "django.po")
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    stale = [
        msgid
        for (context, msgid), strings in entries.items()
        if "\x00" not in msgid
        and len(strings) == 1
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid))
        != strings[0]
    ]

    assert stale == []


def test_catalogue_holds_every_string_of_the_code_and_templates(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("HORIZONT_REQUIRE_GETTEXT"):
            pytest.fail("xgettext (Debian package gettext) is needed in CI")
        pytest.skip("xgettext missing: install gettext to compare the catalogue")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "media",
            "staticfiles",
            "test-artifacts",
            "*.sqlite3",
            "node_modules",
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=tests/*"],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "true"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = parse_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    committed = parse_po(CATALOGUE / "django.po")

    missing = sorted(
        msgid for key, _ in fresh.items() if key not in committed for msgid in [key[1]]
    )

    assert missing == []


# --- Pages in both languages ------------------------------------------------


@pytest.fixture
def demo(db):
    load_demo()


def public_urls(language: str) -> list[str]:
    report = Report.objects.published().first()
    event = Event.objects.first()
    with translation.override(language):
        return [
            reverse("events:home"),
            reverse("events:report_list"),
            report.get_absolute_url(),
            reverse("events:event_list"),
            event.get_absolute_url(),
            reverse("delegations:delegation_list"),
            event.delegation.get_absolute_url()
            if event.delegation
            else reverse("delegations:delegation_list"),
            reverse("delegations:partnercity_list"),
            reverse("contacts:organisation_list"),
            reverse("contacts:interest"),
        ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_public_page_answers_in_its_language_with_alternates(
    client, demo, language
):
    for url in public_urls(language):
        response = client.get(url)
        content = response.content.decode()

        assert response.status_code == 200, url
        assert url.startswith(f"/{language}/")
        assert f'<html lang="{language}">' in content, url
        assert 'hreflang="de"' in content and 'hreflang="en"' in content, url


def test_english_urls_use_english_words(demo):
    with translation.override("en"):
        assert reverse("events:report_list") == "/en/reports/"
        assert reverse("events:event_list") == "/en/events/"
        assert reverse("delegations:partnercity_list") == "/en/partner-cities/"


def test_language_switch_leads_to_the_same_page(client, demo):
    report = Report.objects.published().first()

    content = client.get(report.get_absolute_url()).content.decode()

    # The English page has its own slug, made from the English title.
    assert report.slug_en and report.slug_en != report.slug
    assert (
        f'href="http://testserver/en/reports/{report.slug_en}/" hreflang="en"'
        in content
    )


def test_root_redirects_by_the_browsers_preference(client):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")

    assert english["Location"] == "/en/"
    assert german["Location"] == "/de/"


def test_english_reader_sees_english_content_and_interface(client, demo):
    report = Report.objects.get(slug="suedkorea-delegation-benchmarking")

    with translation.override("en"):
        content = client.get(report.get_absolute_url()).content.decode()

    assert report.title_en in content
    assert "Get in touch" in content
    assert "Sprechen Sie uns gerne an" not in content
    # The country, named by django-countries in the reader's language.
    assert "South Korea" in content
    assert "Südkorea" not in content


def test_missing_english_text_falls_back_to_german_and_says_so(client, demo):
    report = Report.objects.published().first()
    Report.objects.filter(pk=report.pk).update(title_en="", lead_en="")

    with translation.override("en"):
        content = client.get(report.get_absolute_url()).content.decode()

    assert report.title_de in content
    assert "only available in German" in content
    assert 'lang="de"' in content


def test_feeds_and_calendar_exist_per_language(client, demo):
    import feedparser
    import icalendar

    report = Report.objects.published().first()
    with translation.override("en"):
        feed = feedparser.parse(client.get(reverse("events:report_feed_rss")).content)
        calendar = icalendar.Calendar.from_ical(
            client.get(reverse("events:calendar_ics")).content
        )

    assert feed.feed.language == "en"
    assert report.title_en in {entry.title for entry in feed.entries}
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert summaries == set(Event.objects.upcoming().values_list("title_en", flat=True))


@pytest.mark.django_db
def test_event_formats_are_named_in_each_readers_language(client):
    EventFactory(format=Event.Format.CONFERENCE)

    with translation.override("de"):
        german = client.get(reverse("events:event_list")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("events:event_list")).content.decode()

    assert "Konferenz" in german
    assert "Conference" in english
    assert "Konferenz" not in english
