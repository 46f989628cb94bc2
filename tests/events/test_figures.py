import csv
import datetime
import io
from collections import Counter
from html.parser import HTMLParser

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from config import dates
from contacts.models import Role
from delegations.models import Delegation, DelegationOrganisation
from events.figures import Selection, figures
from events.models import Event, EventOrganisation, Report
from tests.factories import (
    DelegationFactory,
    EventFactory,
    InterestRegistrationFactory,
    OrganisationFactory,
    ProgrammeItemFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

URL = "/de/zahlen/"
ADMIN_URL = "/admin/zahlen/"


def delegation(**kwargs):
    return DelegationFactory(end_date=None, **kwargs)


def moment(year, month=6, day=15):
    return timezone.make_aware(datetime.datetime(year, month, day, 18, 0))


def table(result, slug):
    return next(t for t in result["tables"] if t.slug == slug)


def row(table, label):
    return next(r for r in table.rows if r.label == label)


def values(row):
    return [str(cell.value) for cell in row.cells]


@pytest.fixture
def asia_2025():
    """Two incoming delegations from Asia in 2025 (one follows the other's
    programme), one from Canada, and one from Korea in 2024."""
    wilo = OrganisationFactory(name="Wilo SE")
    fraunhofer = OrganisationFactory(name="Fraunhofer ISST")
    tu = OrganisationFactory(name="TU Dortmund")
    elmos = OrganisationFactory(name="Elmos")
    korea = delegation(countries=["KR"], start_date=datetime.date(2025, 5, 12), size=20)
    japan = delegation(
        countries=["JP"],
        start_date=datetime.date(2025, 5, 12),
        programme_of=korea,
        size=10,
        size_is_approximate=True,
    )
    canada = delegation(countries=["CA"], start_date=datetime.date(2025, 9, 1))
    delegation(countries=["KR"], start_date=datetime.date(2024, 3, 1))
    DelegationOrganisation.objects.create(
        delegation=korea, organisation=wilo, role=Role.VISITED
    )
    DelegationOrganisation.objects.create(
        delegation=canada, organisation=elmos, role=Role.VISITED
    )
    ProgrammeItemFactory(delegation=korea, hosts=[fraunhofer])
    visit = EventFactory(
        delegation=japan,
        start=moment(2025, 5, 13),
        format=Event.Format.DELEGATION_VISIT,
    )
    EventOrganisation.objects.create(event=visit, organisation=tu, role=Role.HOST)
    return {"korea": korea, "japan": japan, "canada": canada, "wilo": wilo}


def test_figures_asia_2025_counts_incoming_delegations(asia_2025):
    result = figures(Selection(2025, 2025, "asia"))

    overview = {str(item["label"]): item["value"] for item in result["overview"]}
    assert overview["Delegationen nach Dortmund"] == 2
    regions = table(result, "regions")
    assert [r.label for r in regions.rows] == ["Asien"]
    assert values(regions.rows[0])[1] == "2"


def test_figures_regions_of_all_delegations(asia_2025):
    result = figures(Selection(2025, 2025))

    regions = table(result, "regions")
    assert values(row(regions, "Asien"))[1] == "2"
    assert values(row(regions, "Amerika"))[1] == "1"


def test_figures_visited_organisations_of_asia_2025(asia_2025):
    visited = table(figures(Selection(2025, 2025, "asia")), "visited")

    # Wilo (visited by Korea), Fraunhofer (stop of the programme Japan
    # follows too), TU Dortmund (host of the event of the Japanese visit);
    # Elmos was visited by the Canadians only.
    counts = {r.label: values(r)[0] for r in visited.rows}
    assert counts == {"Fraunhofer ISST": "2", "TU Dortmund": "1", "Wilo SE": "1"}
    assert row(visited, "Wilo SE").url == asia_2025["wilo"].get_absolute_url()


def test_figures_page_answers_asia_2025_in_two_clicks(client, asia_2025):
    page = client.get(URL, {"year": 2025, "region": "asia"}).content.decode()

    assert "Besuchte Organisationen" in page
    assert 'href="/de/organisationen/' in page
    assert "Fraunhofer ISST" in page and "Elmos" not in page
    link = (
        reverse("delegations:delegation_list")
        + "?year_from=2025&amp;year_to=2025&amp;region=asia&amp;direction=incoming"
    )
    assert link in page


def test_delegation_list_filters_region_and_year(client, asia_2025):
    page = client.get(
        reverse("delegations:delegation_list"),
        {"region": "asia", "year_from": 2025, "year_to": 2025, "direction": "incoming"},
    ).content.decode()

    assert asia_2025["korea"].title in page
    assert asia_2025["japan"].title in page
    assert asia_2025["canada"].title not in page
    assert "2 Delegationen in dieser Auswahl" in page


def test_delegation_list_filters_country(client, asia_2025):
    page = client.get(
        reverse("delegations:delegation_list"), {"country": "CA"}
    ).content.decode()

    assert asia_2025["canada"].title in page
    assert asia_2025["korea"].title not in page


def test_figures_participants_more_than_plus_exact_is_at_least():
    EventFactory(
        start=moment(2025),
        participant_count=20,
        participant_count_qualifier=Event.CountQualifier.MORE_THAN,
    )
    EventFactory(start=moment(2025), participant_count=5)
    EventFactory(
        start=moment(2024),
        participant_count=50,
        participant_count_qualifier=Event.CountQualifier.ALMOST,
    )

    years = table(figures(Selection()), "years")

    assert values(row(years, "2025"))[:2] == ["2", "mindestens 25"]
    assert values(row(years, "2024"))[:2] == ["1", "rund 50"]


def test_figures_delegation_size_approximate(asia_2025):
    years = table(figures(Selection(2025, 2025)), "years")

    assert values(row(years, "2025"))[4] == "rund 30"


def test_figures_open_dates_in_no_year():
    EventFactory(start=None, date_precision=dates.Precision.OPEN)
    EventFactory(start=moment(2025))
    delegation(start_date=None, date_precision="open")

    years = table(figures(Selection()), "years")

    assert [r.label for r in years.rows] == ["2025", "Termin folgt"]
    assert values(row(years, "Termin folgt"))[0] == "1"
    assert values(row(years, "Termin folgt"))[2] == "1"
    assert values(row(years, "2025"))[2] == "0"
    assert [r.label for r in table(figures(Selection(2025, 2025)), "years").rows] == [
        "2025"
    ]


def test_figures_count_only_published_reports():
    event = EventFactory(country="KR", start=moment(2025))
    published = ReportFactory(publish_at=moment(2025, 3))
    published.events.add(event)
    draft = ReportFactory(status=Report.Status.DRAFT, publish_at=moment(2025, 3))
    draft.events.add(event)
    later = ReportFactory(publish_at=timezone.now() + datetime.timedelta(days=3))
    later.events.add(event)

    result = figures(Selection(region="asia"))

    overview = {str(item["label"]): item["value"] for item in result["overview"]}
    assert overview["Veröffentlichte Berichte"] == 1
    assert values(row(table(result, "countries"), "Südkorea"))[3] == "1"
    assert values(row(table(result, "regions"), "Asien"))[3] == "1"
    assert values(row(table(result, "years"), "2025"))[5] == "1"


def test_figures_per_topic_format_partner_city(asia_2025):
    topic = TopicFactory(name="Robotik")
    event = EventFactory(start=moment(2025), format=Event.Format.CONFERENCE)
    event.topics.add(topic)
    asia_2025["korea"].topics.add(topic)

    result = figures(Selection(2025, 2025))

    assert values(row(table(result, "topics"), "Robotik"))[:2] == ["1", "1"]
    assert values(row(table(result, "formats"), "Konferenz"))[0] == "1"


def test_figures_organisations_counted_once_per_role(asia_2025):
    venue = OrganisationFactory(name="Kongresszentrum")
    EventFactory(start=moment(2025), venue=venue)
    EventFactory(start=moment(2025), venue=venue)

    organisations = table(figures(Selection(2025, 2025)), "organisations")

    counts = {r.label: values(r)[0] for r in organisations.rows}
    assert counts["Veranstaltungsort"] == "1"
    assert counts["Besucht"] == "2"  # Wilo, Elmos
    assert counts["Gastgeber"] == "2"  # Fraunhofer (stop), TU Dortmund (event)
    assert counts["zusammen (verschiedene)"] == "5"


def test_figures_csv_and_xlsx_have_the_same_numbers(client, asia_2025):
    params = {"year": 2025, "table": "years"}

    csv_response = client.get(URL, {**params, "download": "csv"})
    xlsx_response = client.get(URL, {**params, "download": "xlsx"})

    assert 'filename="horizont-je-jahr-2025.csv"' in csv_response["Content-Disposition"]
    text = csv_response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    cells = [
        ["" if v is None else str(v) for v in r]
        for r in sheet.iter_rows(values_only=True)
    ]
    assert lines == cells
    assert lines[0][:3] == ["Jahr", "Veranstaltungen", "Teilnehmende"]
    year = next(line for line in lines if line[0] == "2025")
    header = lines[0]
    assert year[header.index("Delegationen nach Dortmund")] == "3"


def test_figures_downloads_write_formulas_as_text(client):
    organisation = OrganisationFactory(name='=HYPERLINK("http://x")')
    visit = delegation()
    DelegationOrganisation.objects.create(
        delegation=visit, organisation=organisation, role=Role.VISITED
    )
    params = {"table": "visited"}

    text = client.get(URL, {**params, "download": "csv"}).content.decode()
    workbook = client.get(URL, {**params, "download": "xlsx"}).content

    assert "'=HYPERLINK" in text
    cell = openpyxl.load_workbook(io.BytesIO(workbook)).active["A2"]
    assert cell.value == '=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_figures_downloads_respect_filters(client, asia_2025):
    text = client.get(
        URL, {"region": "americas", "table": "countries", "download": "csv"}
    ).content.decode()

    assert "Kanada" in text and "Südkorea" not in text


def test_figures_unknown_table_is_404(client):
    assert client.get(URL, {"download": "csv", "table": "nope"}).status_code == 404


@pytest.mark.parametrize(
    "params", [{"year": "abc"}, {"region": "xyz"}, {"year_from": 2026, "year_to": 2020}]
)
def test_figures_bad_filter_shows_everything_with_a_message(client, asia_2025, params):
    response = client.get(URL, params)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Die Auswahl war ungültig" in page
    assert "Auf einen Blick: alle Jahre" in page
    assert "Elmos" in page


def test_figures_public_page_shows_no_registrations(client, asia_2025):
    InterestRegistrationFactory(country="KR")

    page = client.get(URL).content.decode()

    assert "Interessensbekundungen" not in page


def test_figures_english_page(client, asia_2025):
    page = client.get("/en/figures/").content.decode()

    assert "Dortmund international in figures" in page
    assert "Visited organisations" in page


def test_figures_admin_page_for_managers_with_registrations(client, manager):
    topic = TopicFactory(name="Wasserstoff")
    InterestRegistrationFactory(country="KR", topics=[topic])
    InterestRegistrationFactory(country="JP", status="in_progress")
    InterestRegistrationFactory(country="GH", status="unconfirmed")
    InterestRegistrationFactory(country="GH", status="spam")
    client.force_login(manager)

    response = client.get(ADMIN_URL, {"region": "asia"})

    page = response.content.decode()
    assert "Bestätigte Interessensbekundungen je Land" in page
    assert "Südkorea" in page and "Japan" in page and "Ghana" not in page
    assert "Wasserstoff" in page
    assert "<strong>2</strong> <span>Bestätigte Interessensbekundungen</span>" in page
    assert (
        "no-cache" in response["Cache-Control"]
        or "private" in response["Cache-Control"]
    )
    regions = client.get(
        ADMIN_URL, {"table": "registrations-regions", "download": "csv"}
    ).content.decode()
    assert "Asien;2" in regions
    assert "Afrika" not in regions


def test_figures_admin_page_forbidden_for_editors(client, editor):
    client.force_login(editor)

    response = client.get(ADMIN_URL)

    assert response.status_code == 403
    assert "Interessensbekundungen" not in response.content.decode()


def test_figures_admin_page_needs_login(client):
    response = client.get(ADMIN_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_dashboard_links_figures_for_managers_only(client, manager, editor):
    client.force_login(manager)
    assert ADMIN_URL in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert ADMIN_URL not in client.get("/admin/").content.decode()


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1


def test_figures_page_has_unique_ids_and_accessible_charts(client, asia_2025):
    page = client.get(URL).content.decode()

    parser = IdCollector()
    parser.feed(page)
    assert [i for i, n in parser.ids.items() if n > 1] == []
    assert page.count('role="img"') == page.count('<svg class="figures-svg"') >= 2
    assert page.count("<caption") == page.count("<table")
    assert '<th scope="col">' in page and '<th scope="row">' in page
    assert "Dortmund international in Zahlen" in page


def make_data(count):
    topic = TopicFactory()
    organisation = OrganisationFactory()
    for index in range(count):
        year = 2020 + index % 6
        trip = delegation(
            countries=["KR", "JP"] if index % 2 else ["CA"],
            direction=Delegation.Direction.INCOMING
            if index % 3
            else Delegation.Direction.OUTGOING,
            start_date=datetime.date(year, 5, 1),
        )
        trip.topics.add(topic)
        DelegationOrganisation.objects.create(
            delegation=trip, organisation=organisation, role=Role.VISITED
        )
        ProgrammeItemFactory(delegation=trip)
        event = EventFactory(
            start=moment(year), country="KR", delegation=trip, venue=organisation
        )
        event.topics.add(topic)
        EventOrganisation.objects.create(
            event=event, organisation=OrganisationFactory(), role=Role.HOST
        )
        report = ReportFactory(publish_at=moment(year))
        report.events.add(event)
        InterestRegistrationFactory(topics=[topic])


@pytest.mark.parametrize("count", [1, 30])
def test_figures_page_queries_constant(client, django_assert_max_num_queries, count):
    make_data(count)

    with django_assert_max_num_queries(30):
        page = client.get(URL, {"region": "asia", "year_from": 2020})

    assert "Besuchte Organisationen" in page.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_figures_admin_page_queries_constant(
    client, manager, django_assert_max_num_queries, count
):
    make_data(count)
    client.force_login(manager)

    with django_assert_max_num_queries(40):
        page = client.get(ADMIN_URL)

    assert "Bestätigte Interessensbekundungen je Jahr" in page.content.decode()


def test_figures_report_about_two_asian_countries_counts_once_for_asia():
    report = ReportFactory(publish_at=moment(2025, 3))
    report.delegations.add(delegation(countries=["KR", "JP"]))

    result = figures(Selection())

    assert values(row(table(result, "regions"), "Asien"))[3] == "1"
    countries = table(result, "countries")
    assert values(row(countries, "Japan"))[3] == "1"
    assert values(row(countries, "Südkorea"))[3] == "1"
