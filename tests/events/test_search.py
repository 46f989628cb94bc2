"""Full-text search on PostgreSQL: stemming per language and the GIN index."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from events.filters import search_reports
from events.models import Report
from tests.factories import ReportFactory, ReportSectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "stemming and GIN indexes are PostgreSQL features (CI runs them there)"
        )


def searchable(**kwargs):
    report = ReportFactory(**kwargs)
    return report


def found(client, language, query):
    with translation.override(language):
        url = reverse("events:report_list")
    response = client.get(url, {"q": query})
    # The list reads only ids and dates; the cards come rendered.
    ids = [row.pk for row in response.context["object_list"]]
    return set(Report.objects.filter(pk__in=ids).values_list("slug", flat=True))


def test_german_search_stems_plural_to_singular(client):
    searchable(slug="korea", title="Besuch einer Delegation aus Südkorea")
    searchable(slug="lunch", title="Networking-Lunch")

    assert found(client, "de", "Delegationen") == {"korea"}


def test_english_search_uses_the_english_dictionary(client):
    report = ReportFactory(
        slug="korea", title="Besuch", title_en="South Korean delegations visit Dortmund"
    )
    ReportSectionFactory(report=report, body_en="<p>Researchers visited factories.</p>")

    assert found(client, "en", "delegation") == {"korea"}
    assert found(client, "en", "factory") == {"korea"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_search_plan_uses_the_gin_index_of_the_language(language):
    searchable(title="Delegation")
    with connection.cursor() as cursor, translation.override(language):
        cursor.execute("SET enable_seqscan = off")
        plan = search_reports(Report.objects.all(), "Delegation").explain()
        cursor.execute("SET enable_seqscan = on")

    assert f"report_search_vector_{language}_gin" in plan
