import pytest
from django_countries import countries

from delegations import regions
from delegations.regions import Region


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("KR", Region.ASIA),
        ("CA", Region.AMERICAS),
        ("GH", Region.AFRICA),
        ("IL", Region.ASIA),
        ("GB", Region.EUROPE),
        ("TR", Region.ASIA),
        ("CY", Region.ASIA),
        ("RS", Region.EUROPE),
        ("MX", Region.AMERICAS),
        ("NZ", Region.OCEANIA),
    ],
)
def test_region_of_follows_m49(code, region):
    assert regions.region_of(code) == region


def test_region_of_every_country_but_antarctica():
    without = [code for code, _name in countries if regions.region_of(code) is None]

    assert without == ["AQ"]


def test_region_of_unknown_code_is_none():
    assert regions.region_of("ZZ") is None
