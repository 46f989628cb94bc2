"""A programme pasted as a table, and what an event takes from its delegation."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from contacts.models import Organisation, Topic
from delegations.models import Delegation, ProgrammeItem
from delegations.services import parse_programme_table
from events.models import Event, Report
from tests.admin_forms import as_post_data, form_fields
from tests.factories import (
    DelegationFactory,
    EventFactory,
    OrganisationFactory,
    PartnerCityFactory,
    ProgrammeItemFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

# As Word hands over a copied table: tab between cells, a line per row.
TABLE = (
    "Zeit\tProgrammpunkt\tProgramme item\tGastgeber\tOrt\n"
    "30.09.2025 10:00\tEmpfang im Rathaus\tReception at City Hall\t"
    "\tRathaus Dortmund\n"
    "14:00\tBesuch bei Wilo\tVisit to Wilo\twilo se; Neue Partner GmbH\t\n"
    "\tHafenrundfahrt\tHarbour tour\t\t\n"
)


def errors_of(response) -> list[str]:
    return [
        line.strip()
        for line in response.content.decode().splitlines()
        if "errorlist" in line or "errornote" in line
    ]


def delegation_form(**fields) -> dict:
    return {
        "title_de": "Delegation aus Kanada",
        "slug": "",
        "direction": "incoming",
        "when": "30.09.2025",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "stops-TOTAL_FORMS": "0",
        "stops-INITIAL_FORMS": "0",
        "_save": "Sichern",
        **fields,
    }


def test_a_table_is_read_by_its_header_in_any_order():
    stops = parse_programme_table(
        "Ort | Programmpunkt | Zeit\nKongresszentrum | Begrüßung | 29.09.2025 9:30\n",
    )
    assert len(stops) == 1
    assert stops[0].values == {"place_de": "Kongresszentrum", "title_de": "Begrüßung"}
    assert timezone.localtime(stops[0].starts_at) == timezone.make_aware(
        datetime.datetime(2025, 9, 29, 9, 30)
    )


def test_a_time_alone_takes_the_day_of_the_line_before_or_the_first_day():
    stops = parse_programme_table(TABLE)
    days = [s.starts_at and timezone.localtime(s.starts_at) for s in stops]
    assert days[1] == timezone.make_aware(datetime.datetime(2025, 9, 30, 14, 0))
    assert days[2] is None
    assert stops[1].hosts == ["wilo se", "Neue Partner GmbH"]
    first = parse_programme_table(
        "Zeit\tProgrammpunkt\n9:00\tBegrüßung\n",
        first_day=datetime.date(2025, 9, 29),
    )
    assert timezone.localtime(first[0].starts_at).date() == datetime.date(2025, 9, 29)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("Zeit\tProgrammpunkt\n10:00\tEmpfang\n", "Zeile 2: Zu „10:00“ fehlt der Tag"),
        ("Zeit\tProgrammpunkt\n31.02.2025 10:00\tEmpfang\n", "Zeile 2: Den Tag"),
        (
            "Zeit\tProgrammpunkt\nmorgens\tEmpfang\n",
            "Zeile 2: „morgens“ ist keine Zeit",
        ),
        ("Zeit\tOrt\n10:00\tRathaus\n", "braucht eine Spalte „Programmpunkt“"),
        ("Programmpunkt\tKontakt\nEmpfang\tFrau X\n", "Die Spalte „Kontakt“"),
        ("Programmpunkt\tOrt\n\tRathaus\n", "Zeile 2: Der Programmpunkt"),
        ("Programmpunkt\nEmpfang\tzu viel\n", "Zeile 2 hat mehr Spalten"),
        (f"Programmpunkt\tGastgeber\nEmpfang\t{'W' * 201}\n", "Zeile 2: Der Name"),
        (f"Programmpunkt\tVortragende\nEmpfang\tA {'b' * 100}\n", "ist zu lang"),
    ],
)
def test_a_bad_table_says_which_line_and_what_to_enter(table, message):
    with pytest.raises(ValidationError) as error:
        parse_programme_table(table)
    assert any(message in text for text in error.value.messages), error.value.messages


def test_the_delegation_admin_makes_the_stops_of_a_pasted_table(client, editor):
    OrganisationFactory(name="WILO SE", slug="wilo")
    client.force_login(editor)
    response = client.post(
        reverse("admin:delegations_delegation_add"),
        delegation_form(programme_table=TABLE),
        follow=True,
    )
    assert not errors_of(response)
    assert "3 Programmpunkte aus der Tabelle angelegt." in response.content.decode()
    delegation = Delegation.objects.get()
    stops = list(delegation.stops.order_by("order"))
    assert [s.title_de for s in stops] == [
        "Empfang im Rathaus",
        "Besuch bei Wilo",
        "Hafenrundfahrt",
    ]
    assert [s.title_en for s in stops] == [
        "Reception at City Hall",
        "Visit to Wilo",
        "Harbour tour",
    ]
    assert stops[0].place_de == "Rathaus Dortmund"
    # The existing organisation found ignoring case; a new one made, no more.
    assert [o.name for o in stops[1].hosts.order_by("name")] == [
        "Neue Partner GmbH",
        "WILO SE",
    ]
    assert Organisation.objects.count() == 2
    # A history row for each stop, as for stops entered in the form.
    assert ProgrammeItem.history.count() == 3

    with translation.override("en"):
        page = client.get(delegation.get_absolute_url()).content.decode()
    assert "Reception at City Hall" in page and "Harbour tour" in page


def test_a_bad_table_keeps_everything_typed_and_saves_nothing(client, editor):
    client.force_login(editor)
    table = "Zeit\tProgrammpunkt\n10:00\tEmpfang\nirgendwann\tBesuch\n"
    response = client.post(
        reverse("admin:delegations_delegation_add"),
        delegation_form(when="2025", programme_table=table),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zeile 2: Zu „10:00“ fehlt der Tag" in page
    assert "Zeile 3: „irgendwann“ ist keine Zeit" in page
    assert "irgendwann\tBesuch" in page  # the pasted text is still there
    assert not Delegation.objects.exists()
    assert not ProgrammeItem.objects.exists()


def test_pasted_stops_follow_the_ones_already_there(client, editor):
    delegation = DelegationFactory()
    ProgrammeItemFactory(delegation=delegation, order=1, title="Erster Punkt")
    client.force_login(editor)
    url = reverse("admin:delegations_delegation_change", args=[delegation.pk])
    form = as_post_data(form_fields(client.get(url).content.decode()))
    form["programme_table"] = ["Programmpunkt\nZweiter Punkt\n"]
    response = client.post(url, form)
    assert response.status_code == 302, errors_of(response)
    assert [s.title for s in delegation.stops.order_by("order", "pk")] == [
        "Erster Punkt",
        "Zweiter Punkt",
    ]


def test_a_delegation_on_another_ones_programme_takes_no_table(client, editor):
    first = DelegationFactory(title="Delegation aus Japan")
    client.force_login(editor)
    response = client.post(
        reverse("admin:delegations_delegation_add"),
        delegation_form(programme_of=str(first.pk), programme_table="Programmpunkt\nX"),
    )
    assert "folgt dem Programm von „Delegation aus Japan“" in response.content.decode()
    assert Delegation.objects.count() == 1


def test_an_event_takes_what_it_leaves_empty_from_its_delegation(client, editor):
    city = PartnerCityFactory(name="Leeds")
    delegation = DelegationFactory(
        countries=["CA", "KR"],
        start_date=datetime.date(2025, 9, 29),
        end_date=None,
        date_precision="day",
    )
    delegation.partner_cities.add(city)
    nano = Topic.objects.create(name="Nanotechnologie", slug="nano")
    delegation.topics.add(nano)
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"),
        {
            "title_de": "Nanokonferenz",
            "format": "conference",
            "when": "",
            "country": "DE",
            "delegation": str(delegation.pk),
            "take_from_delegation": "on",
            "participant_count_qualifier": "exact",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "stops-TOTAL_FORMS": "0",
            "stops-INITIAL_FORMS": "0",
            "_save": "Sichern",
        },
        follow=True,
    )
    assert not errors_of(response)
    assert "Von der Delegation übernommen" in response.content.decode()
    event = Event.objects.get()
    assert event.date_precision == "day"
    assert timezone.localtime(event.start).date() == datetime.date(2025, 9, 29)
    assert [c.code for c in event.focus_countries] == ["CA", "KR"]
    assert list(event.topics.all()) == [nano]
    assert list(event.partner_cities.all()) == [city]


def test_what_the_event_form_says_is_not_overwritten_by_the_delegation(client, editor):
    delegation = DelegationFactory(
        countries=["CA"],
        start_date=datetime.date(2025, 9, 29),
        end_date=None,
        date_precision="day",
    )
    delegation.topics.add(Topic.objects.create(name="Nano", slug="nano"))
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"),
        {
            "title_de": "Empfang",
            "format": "reception",
            "when": "09.2025",
            "country": "DE",
            "focus_countries": ["FR"],
            "topics": ["Robotik"],
            "delegation": str(delegation.pk),
            "take_from_delegation": "on",
            "participant_count_qualifier": "exact",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "stops-TOTAL_FORMS": "0",
            "stops-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get()
    assert event.date_precision == "month"
    assert [c.code for c in event.focus_countries] == ["FR"]
    assert [t.name for t in event.topics.all()] == ["Robotik"]


def test_a_report_on_an_event_covers_its_delegation_too(client, editor):
    delegation = DelegationFactory()
    event = EventFactory(delegation=delegation)
    report = ReportFactory()
    client.force_login(editor)
    url = reverse("admin:events_report_change", args=[report.pk])
    form = as_post_data(form_fields(client.get(url).content.decode()))
    form["events"] = [str(event.pk)]
    response = client.post(url, form)
    assert response.status_code == 302, errors_of(response)
    assert list(Report.objects.get(pk=report.pk).delegations.all()) == [delegation]


def test_an_event_left_unticked_takes_nothing_from_its_delegation(client, editor):
    delegation = DelegationFactory(countries=["KR", "TR"])
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_add"),
        {
            "title_de": "Conf3rence 2025",
            "format": "conference",
            "when": "09.2025",
            "delegation": str(delegation.pk),
            "participant_count_qualifier": "exact",
            "appearances-TOTAL_FORMS": "0",
            "appearances-INITIAL_FORMS": "0",
            "stops-TOTAL_FORMS": "0",
            "stops-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, errors_of(response)
    assert list(Event.objects.get().focus_countries) == []


def test_the_take_over_box_is_ticked_for_a_new_event_only(client, editor):
    client.force_login(editor)
    add = client.get(reverse("admin:events_event_add")).content.decode()
    box = 'id="id_take_from_delegation" checked>'
    assert box in add
    event = EventFactory()
    change = client.get(
        reverse("admin:events_event_change", args=[event.pk])
    ).content.decode()
    assert 'id="id_take_from_delegation">' in change
    assert box not in change


def test_a_report_is_begun_from_the_events_it_covers(client, editor):
    delegation = DelegationFactory()
    first = EventFactory(title="Nanokonferenz", delegation=delegation)
    second = EventFactory(title="Stammtisch")
    EventFactory(title="Nicht gewählt")
    client.force_login(editor)
    response = client.post(
        reverse("admin:events_event_changelist"),
        {
            "action": "write_report",
            "_selected_action": [str(first.pk), str(second.pk)],
            "index": "0",
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("admin:events_report_add"))
    chosen = re.findall(r'<option value="(\d+)" selected>', page)
    assert sorted(chosen) == sorted([str(first.pk), str(second.pk)])


def test_another_group_on_the_programme_starts_with_what_the_groups_share(
    client, editor
):
    from contacts.models import Role
    from delegations.models import DelegationOrganisation

    first = DelegationFactory(
        title="Delegation aus Novi Sad",
        countries=["RS"],
        start_date=datetime.date(2024, 6, 1),
        end_date=None,
        date_precision="month",
        duration_days=2,
        purpose="Smart City kennenlernen",
    )
    first.topics.add(Topic.objects.create(name="Smart City", slug="smart-city"))
    host = OrganisationFactory(name="Wirtschaftsförderung Dortmund")
    visited = OrganisationFactory(name="Wilo SE")
    DelegationOrganisation.objects.create(
        delegation=first, organisation=host, role=Role.ORGANISER
    )
    DelegationOrganisation.objects.create(
        delegation=first, organisation=visited, role=Role.VISITED
    )
    client.force_login(editor)
    change = client.get(
        reverse("admin:delegations_delegation_change", args=[first.pk])
    ).content.decode()
    link = f"{reverse('admin:delegations_delegation_add')}?like={first.pk}"
    assert f'href="{link}"' in change

    form = as_post_data(form_fields(client.get(link).content.decode()))
    assert form["when"] == ["06.2024"]
    assert form["duration_days"] == ["2"]
    assert form["direction"] == [first.direction]
    assert form["programme_of"] == [str(first.pk)]
    assert form["purpose_de"] == ["Smart City kennenlernen"]
    assert form["role_organiser"] == [str(host.pk)]
    assert "role_visited" not in form  # visited by the programme, not again
    assert form.get("countries", []) == []  # each group's own
    assert form["title_de"] == [""]

    form.update(title_de=["Delegation aus Amiens"], countries=["FR"], _save=["x"])
    response = client.post(reverse("admin:delegations_delegation_add"), form)
    assert response.status_code == 302, errors_of(response)
    second = Delegation.objects.get(title_de="Delegation aus Amiens")
    assert second.programme_owner() == first
    assert second.when() == first.when()
    assert [t.slug for t in second.topics.all()] == ["smart-city"]
    assert [c.code for c in second.countries] == ["FR"]
    assert list(second.involvements.values_list("organisation", "role")) == [
        (host.pk, Role.ORGANISER)
    ]


def test_an_unknown_group_to_copy_gives_an_empty_form(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:delegations_delegation_add") + "?like=999")
    assert response.status_code == 200
    form = as_post_data(form_fields(response.content.decode()))
    assert form["when"] == [""]


@pytest.mark.parametrize(
    "address",
    [
        "/admin/events/report/add/?events=abc",
        "/admin/events/report/add/?events=1,x&delegations=99999999999999999999",
        "/admin/events/event/add/?delegation=abc&topics=-1",
        "/admin/delegations/delegation/add/?programme_of=x&like=abc",
    ],
)
def test_choices_typed_into_an_add_forms_address_give_the_form(client, editor, address):
    event = EventFactory(title="Nanokonferenz")
    client.force_login(editor)
    response = client.get(f"{address}&events={event.pk}")
    assert response.status_code == 200
    # The id that can be a record is still chosen where the form takes it.
    if address.startswith("/admin/events/report/"):
        assert f'<option value="{event.pk}" selected>' in response.content.decode()
