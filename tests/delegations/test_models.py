import datetime

import pytest
from django.db import IntegrityError

from tests.factories import (
    DelegationFactory,
    DelegationMemberFactory,
    PartnerCityFactory,
)

pytestmark = pytest.mark.django_db


def test_partnership_years_and_anniversary_follow_from_the_year():
    amiens = PartnerCityFactory.build(partner_since=1960)

    assert amiens.partnership_years(2025) == 65
    assert amiens.is_anniversary_year(2025)
    assert amiens.next_anniversary(2026) == (2030, 70)


def test_partner_city_year_outside_plausible_range_is_refused():
    with pytest.raises(IntegrityError):
        PartnerCityFactory(partner_since=1200)


def test_delegation_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        DelegationFactory(
            start_date=datetime.date(2025, 11, 27), end_date=datetime.date(2025, 11, 26)
        )


def test_delegation_member_needs_a_contact_or_a_label():
    with pytest.raises(IntegrityError):
        DelegationMemberFactory(contact=None, label="")


def test_delegation_member_without_contact_is_named_by_its_label():
    member = DelegationMemberFactory(contact=None, label="Präsident der Métropole")

    assert str(member) == "Präsident der Métropole"


def test_a_delegation_from_several_partner_cities_shows_and_filters_by_each(client):
    from django.utils import translation

    from tests.factories import ReportFactory

    kumasi = PartnerCityFactory(name="Kumasi", slug="kumasi", country="GH")
    netanya = PartnerCityFactory(name="Netanya", slug="netanya", country="IL")
    delegation = DelegationFactory(title="Internationale Gäste der diwodo")
    delegation.partner_cities.add(kumasi, netanya)
    report = ReportFactory(title="Ein September voller Aktivitäten")
    report.delegations.add(delegation)

    with translation.override("de"):
        page = client.get(delegation.get_absolute_url()).content.decode()
        assert "<dt>Partnerstädte</dt>" in page
        assert kumasi.get_absolute_url() in page
        assert netanya.get_absolute_url() in page
        for city in (kumasi, netanya):
            listed = client.get("/de/berichte/", {"partner_city": city.slug})
            assert "Ein September voller Aktivitäten" in listed.content.decode()
            timeline = client.get(city.get_absolute_url()).content.decode()
            assert "Internationale Gäste der diwodo" in timeline
