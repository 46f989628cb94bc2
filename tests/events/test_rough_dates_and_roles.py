"""Dates as precise as known, organisations by role, shared programmes, and
names typed in the admin that become records (issue 11, the domain half)."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from config import dates
from contacts.models import Organisation, Role, Topic
from delegations.models import Delegation, ProgrammeItem
from events.models import Event
from tests.factories import (
    DelegationFactory,
    EventFactory,
    OrganisationFactory,
    ProgrammeItemFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "precision", "date", "time"),
    [
        ("29.09.2025 18:00", "time", datetime.date(2025, 9, 29), datetime.time(18)),
        ("29.9.2025, 18 Uhr", "time", datetime.date(2025, 9, 29), datetime.time(18)),
        ("29.09.2025", "day", datetime.date(2025, 9, 29), None),
        ("2025-09-29", "day", datetime.date(2025, 9, 29), None),
        ("09.2025", "month", datetime.date(2025, 9, 1), None),
        ("Juni 2024", "month", datetime.date(2024, 6, 1), None),
        ("June 2024", "month", datetime.date(2024, 6, 1), None),
        ("2024", "year", datetime.date(2024, 1, 1), None),
        ("", "open", None, None),
        ("Termin folgt", "open", None, None),
    ],
)
def test_a_date_is_read_as_precisely_as_it_was_typed(text, precision, date, time):
    rough = dates.parse(text)
    assert (rough.precision, rough.date, rough.time) == (precision, date, time)


@pytest.mark.parametrize("text", ["31.02.2025", "irgendwann", "13.2025", "29.09.25x"])
def test_a_date_that_cannot_be_read_says_what_to_enter(text):
    with pytest.raises(dates.InvalidDate):
        dates.parse(text)


def test_pages_show_no_precision_that_nobody_entered():
    june = EventFactory(
        date_precision="month",
        start=timezone.make_aware(datetime.datetime(2024, 6, 1)),
        duration_days=2,
    )
    year = EventFactory(
        date_precision="year", start=timezone.make_aware(datetime.datetime(2024, 1, 1))
    )
    open_event = EventFactory(date_precision="open", start=None)
    with translation.override("de"):
        assert june.when() == "2 Tage im Juni 2024"
        assert year.when() == "2024"
        assert open_event.when() == "Termin folgt"
    with translation.override("en"):
        assert june.when() == "2 days in June 2024"
        assert open_event.when() == "Date to be announced"
    assert june.when_machine() == "2024-06"


def test_an_event_in_a_month_is_upcoming_until_the_month_ends_and_open_ones_come_last():
    today = timezone.localdate()
    this_month = EventFactory(
        date_precision="month",
        start=timezone.make_aware(datetime.datetime(today.year, today.month, 1)),
    )
    open_event = EventFactory(date_precision="open", start=None)
    EventFactory(start=timezone.now() - datetime.timedelta(days=3))

    assert list(Event.objects.upcoming()) == [this_month, open_event]
    assert open_event.is_upcoming()


def test_the_calendar_holds_only_events_with_a_known_day(client):
    tomorrow = EventFactory(
        title="Mit Tag", start=timezone.now() + datetime.timedelta(days=1)
    )
    EventFactory(title="Ohne Termin", date_precision="open", start=None)
    EventFactory(
        title="Nur Monat",
        date_precision="month",
        start=timezone.now() + datetime.timedelta(days=40),
    )
    with translation.override("de"):
        response = client.get(reverse("events:calendar_ics"))
        open_ics = client.get(
            reverse(
                "events:event_ics", args=[Event.objects.get(title="Ohne Termin").slug]
            )
        )
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries == [tomorrow.title]
    assert open_ics.status_code == 404


def test_event_page_reads_organisations_by_role_and_the_open_date(client):
    event = EventFactory(title="Empfang", date_precision="open", start=None)
    ihk = OrganisationFactory(name="IHK zu Dortmund")
    wf = OrganisationFactory(name="Wirtschaftsförderung Dortmund")
    elmos = OrganisationFactory(name="Elmos")
    event.organisations.add(ihk, through_defaults={"role": Role.HOST})
    event.organisations.add(wf, through_defaults={"role": Role.SUPPORTER})
    event.organisations.add(elmos, through_defaults={"role": Role.VISITED})
    with translation.override("de"):
        page = client.get(event.get_absolute_url()).content.decode()
    host, supporter, visited = (
        page.index("Gastgeber"),
        page.index("Unterstützt von"),
        page.index("Besucht"),
    )
    assert host < page.index("IHK zu Dortmund") < supporter < visited
    assert page.index("Wirtschaftsförderung Dortmund") < visited < page.index("Elmos")
    assert "Termin folgt" in page


def test_delegations_on_one_programme_show_it_once_with_each_group(client):
    first = DelegationFactory(title="Delegation aus Kanada", countries=["CA"])
    second = DelegationFactory(
        title="Delegation aus Südkorea", countries=["KR"], programme_of=first
    )
    third = DelegationFactory(
        title="Delegation aus Japan", countries=["JP"], programme_of=first
    )
    for n in range(3):
        ProgrammeItemFactory(delegation=first, title=f"Station {n}", order=n)
    report = ReportFactory()
    report.delegations.add(first, second, third)

    with translation.override("de"):
        page = client.get(report.get_absolute_url()).content.decode()

    assert page.count("Station 1") == 1
    assert "Gemeinsames Programm von:" in page
    for title in ("Kanada", "Südkorea", "Japan"):
        assert f"Delegation aus {title}" in page


def test_the_event_admin_takes_a_rough_date_roles_and_new_names(client, editor):
    OrganisationFactory(name="Fraunhofer IML", slug="fraunhofer-iml")
    client.force_login(editor)
    url = reverse("admin:events_event_add")
    form = {
        "title_de": "Kick-off GINI",
        "slug": "kick-off-gini",
        "format": "kickoff",
        "when": "09.2025",
        "until": "",
        "country": "",
        "role_host": ["Global Innopolis Network Initiative"],
        "role_supporter": ["fraunhofer iml", "Stadt Dortmund"],
        "topics": ["Wasserstoff"],
        "participant_count_qualifier": "exact",
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
        "_save": "Sichern",
    }
    response = client.post(url, form)
    assert response.status_code == 302, [
        line
        for line in response.content.decode().splitlines()
        if "errorlist" in line or "errornote" in line
    ]

    event = Event.objects.get(slug="kick-off-gini")
    assert event.date_precision == dates.Precision.MONTH
    assert timezone.localtime(event.start).date() == datetime.date(2025, 9, 1)
    assert event.country == ""
    assert [(r.role, r.organisation.name) for r in event.involvements.all()] == [
        ("host", "Global Innopolis Network Initiative"),
        ("supporter", "Fraunhofer IML"),
        ("supporter", "Stadt Dortmund"),
    ]
    # Typed names became records, an existing one was found, none invented.
    assert Organisation.objects.count() == 3
    gini = Organisation.objects.get(name="Global Innopolis Network Initiative")
    assert (gini.kind, gini.country) == ("", "")
    assert list(event.topics.values_list("name", flat=True)) == ["Wasserstoff"]
    assert Topic.objects.count() == 1


def test_a_bad_date_in_the_admin_keeps_the_typed_names(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"),
        {
            "title_de": "Empfang",
            "slug": "empfang",
            "format": "reception",
            "when": "irgendwann im Herbst",
            "country": "DE",
            "role_host": ["Neue Organisation GmbH"],
            "participant_count_qualifier": "exact",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "stops-TOTAL_FORMS": "0",
            "stops-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte ein Datum so genau eingeben" in page
    assert 'value="Neue Organisation GmbH" selected' in page
    assert not Organisation.objects.exists()


def test_a_delegation_follows_another_ones_programme_in_the_admin(client, editor):
    first = DelegationFactory()
    ProgrammeItemFactory(delegation=first)
    client.force_login(editor)
    response = client.post(
        reverse("admin:delegations_delegation_add"),
        {
            "title_de": "Zweite Gruppe",
            "slug": "zweite-gruppe",
            "direction": "incoming",
            "when": "2024",
            "programme_of": str(first.pk),
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "stops-TOTAL_FORMS": "0",
            "stops-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, [
        line
        for line in response.content.decode().splitlines()
        if "errorlist" in line or "errornote" in line
    ]
    second = Delegation.objects.get(slug="zweite-gruppe")
    assert second.programme_owner() == first
    assert second.when() == "2024"
    assert not ProgrammeItem.objects.filter(delegation=second).exists()


def test_a_new_venue_and_a_new_person_are_named_in_the_event_form(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"),
        {
            "title_de": "4. Stammtisch USA/Kanada",
            "slug": "stammtisch-4",
            "format": "stammtisch",
            "when": "",
            "country": "DE",
            "venue": "Dortmunder Oberflächenzentrum",
            "participant_count_qualifier": "exact",
            "appearances-TOTAL_FORMS": "1",
            "appearances-INITIAL_FORMS": "0",
            "appearances-0-contact": "Dr. Jane Example",
            "appearances-0-part": "guest_of_honour",
            "appearances-0-order": "0",
            "stops-TOTAL_FORMS": "0",
            "stops-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, [
        line
        for line in response.content.decode().splitlines()
        if "errorlist" in line or "errornote" in line
    ]
    event = Event.objects.get(slug="stammtisch-4")
    assert event.venue.name == "Dortmunder Oberflächenzentrum"
    appearance = event.appearances.get()
    assert (appearance.contact.title, appearance.contact.last_name) == (
        "Dr.",
        "Example",
    )
    assert appearance.part == "guest_of_honour"
    assert event.date_precision == dates.Precision.OPEN


def test_a_taken_address_gets_the_next_free_one_for_a_new_event(client, editor):
    EventFactory(slug="stammtisch-usa-kanada")
    client.force_login(editor)
    form = {
        "title_de": "Stammtisch USA/Kanada",
        "slug": "stammtisch-usa-kanada",
        "format": "stammtisch",
        "when": "11.03.2027",
        "country": "DE",
        "participant_count_qualifier": "exact",
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:events_event_add"), form)
    assert response.status_code == 302
    new = Event.objects.get(title="Stammtisch USA/Kanada")
    assert new.slug == "stammtisch-usa-kanada-2"

    change = reverse("admin:events_event_change", args=[new.pk])
    page = client.post(change, {**form, "slug": "stammtisch-usa-kanada"})
    assert page.status_code == 200
    assert "z. B. „stammtisch-usa-kanada-2“" in page.content.decode()


def test_each_delegation_page_shows_the_shared_programme_with_all_groups(client):
    first = DelegationFactory(title="Delegation aus Kanada")
    second = DelegationFactory(title="Delegation aus Japan", programme_of=first)
    ProgrammeItemFactory(delegation=first, title="Besuch bei Elmos")
    with translation.override("de"):
        for delegation in (first, second):
            page = client.get(delegation.get_absolute_url()).content.decode()
            assert page.count("Besuch bei Elmos") == 1
            assert "Gemeinsames Programm von:" in page
            assert "Delegation aus Kanada" in page and "Delegation aus Japan" in page


def test_the_format_label_is_not_import_exports_file_format(client):
    """django-import-export's German catalogue has "Format" as "Dateiformat"."""
    event = EventFactory(title="Empfang")
    with translation.override("de"):
        page = client.get(event.get_absolute_url()).content.decode()
        reports = client.get(reverse("events:report_list")).content.decode()
    assert "<dt>Format</dt>" in page
    assert "Dateiformat" not in page + reports
    with translation.override("en"):
        page = client.get(event.get_absolute_url()).content.decode()
    assert "<dt>Format</dt>" in page
