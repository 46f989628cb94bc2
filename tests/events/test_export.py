"""Events, reports, delegations and partner cities exported from their change
lists, as filtered, with names a reader understands."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    DelegationFactory,
    EventFactory,
    PartnerCityFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def export(client, app, model, query="", file_format="1"):
    url = reverse(f"admin:{app}_{model}_export") + query
    form = client.get(url).context["form"]
    data = {"format": file_format, "resource": "0"}
    data.update(
        {
            name: "on"
            for name, field in form.fields.items()
            if field.__class__.__name__ == "BooleanField"
        }
    )
    return client.post(url, data)


def test_events_filtered_by_country_export_as_csv_for_excel(client, editor):
    client.force_login(editor)
    start = timezone.make_aware(datetime.datetime(2025, 9, 18, 18, 30))
    seoul = EventFactory(
        title="Stammtisch Südkorea", country="KR", city="Seoul", start=start
    )
    seoul.topics.add(TopicFactory(name="Robotik"))
    EventFactory(title="Messe Düsseldorf", country="DE")

    response = export(client, "events", "event", "?country=KR", file_format="0")

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the umlauts as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["Titel", "Format", "Datum", "Ort", "Land"]
    assert len(rows) == 2
    assert rows[1][0] == "Stammtisch Südkorea"
    assert rows[1][1] == "Stammtisch"
    assert rows[1][2] == "18. September 2025, 18:30"
    assert rows[1][3:5] == ["Seoul", "Südkorea"]
    assert rows[1][8] == "Robotik"


def test_reports_delegations_and_partner_cities_export_as_xlsx(client, editor):
    client.force_login(editor)
    ReportFactory(title="Besuch aus Tel Aviv")
    city = PartnerCityFactory(name="Amiens", country="FR")
    DelegationFactory(title="Delegation aus Amiens").partner_cities.add(city)

    reports = export(client, "events", "report")
    delegations = export(client, "delegations", "delegation")
    cities = export(client, "delegations", "partnercity")

    def rows(response):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return [list(row) for row in book.active.iter_rows(values_only=True)]

    assert rows(reports)[1][:2] == ["Besuch aus Tel Aviv", "Veröffentlicht"]
    delegation = rows(delegations)[1]
    assert delegation[:4] == [
        "Delegation aus Amiens",
        "Besuch in Dortmund",
        "Südkorea",
        "Amiens",
    ]
    assert delegation[4] == "12. Mai 2025 – 13. Mai 2025"
    assert rows(cities)[1][:3] == ["Amiens", None, "Frankreich"]


def test_event_export_takes_the_same_queries_for_more_events(client, editor):
    client.force_login(editor)
    topic = TopicFactory(name="Wasserstoff")
    city = PartnerCityFactory(name="Rostow am Don")

    def queries_for_export():
        with CaptureQueriesContext(connection) as queries:
            export(client, "events", "event")
        return len(queries)

    EventFactory().topics.add(topic)
    few = queries_for_export()
    for _ in range(5):
        event = EventFactory()
        event.topics.add(topic)
        event.partner_cities.add(city)

    assert queries_for_export() == few
