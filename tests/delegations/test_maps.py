"""The partner network on a map: drawn from shipped Natural Earth data, each
point a link, the same told as text, nothing loaded from another host."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from delegations import maps
from tests.factories import DelegationFactory, PartnerCityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    leeds = PartnerCityFactory(
        slug="leeds", name="Leeds", country="GB", latitude=53.8, longitude=-1.55
    )
    xian = PartnerCityFactory(
        slug="xian", name="Xi’an", country="CN", latitude=34.26, longitude=108.94
    )
    DelegationFactory(direction="incoming", countries=["KR"])
    DelegationFactory(direction="incoming", countries=["KR", "CA"])
    DelegationFactory(direction="outgoing", countries=["US"])
    return leeds, xian


def points_in(svg: str) -> dict[str, tuple[float, float]]:
    found = re.findall(
        r'<a href="([^"]+)" aria-label="[^"]*">\s*<circle class="[^"]+" '
        r'cx="([\d.]+)" cy="([\d.]+)"',
        svg,
    )
    return {url: (float(x), float(y)) for url, x, y in found}


def test_partner_city_page_draws_every_city_and_delegation_country(client, network):
    leeds, xian = network

    html = client.get(reverse("delegations:partnercity_list")).content.decode()

    # The maps, not the emblem in the header and footer.
    world, europe = html.split('<figure class="network-map')[1:3]
    on_world = points_in(world)
    assert on_world[leeds.get_absolute_url()] == maps.position(-1.55, 53.8)
    assert xian.get_absolute_url() in on_world
    assert reverse("events:report_list") + "?country=KR" in on_world
    assert leeds.get_absolute_url() in points_in(europe)
    assert xian.get_absolute_url() not in points_in(europe)
    assert 'href="/static/maps/world.svg"' in world
    assert "http" not in world  # nothing from another host


def test_the_text_beside_the_map_says_the_same(client, network):
    with translation.override("en"):
        html = client.get(reverse("delegations:partnercity_list")).content.decode()

    assert "South Korea (2)" in html
    assert "Canada (1)" in html
    assert "United States of America (1)" in html
    assert 'aria-label="South Korea: 2 delegations visiting Dortmund"' in html


def test_home_shows_the_partner_cities_small(client, network):
    html = client.get(reverse("events:home")).content.decode()

    assert 'class="network-map network-map--small"' in html
    assert len(points_in(html.split("<svg", 1)[1])) == 2


def test_the_projection_puts_places_where_they_belong():
    dortmund, amiens = maps.position(7.47, 51.51), maps.position(2.3, 49.9)
    seoul, toronto = maps.position(126.98, 37.57), maps.position(-79.38, 43.65)

    assert toronto[0] < amiens[0] < dortmund[0] < seoul[0]
    assert dortmund[1] < amiens[1] < seoul[1]  # north is up
    assert maps.WORLD.contains(seoul) and maps.EUROPE.contains(dortmund)
    assert not maps.EUROPE.contains(seoul)
    assert maps.country_point("DE") and maps.EUROPE.contains(maps.country_point("DE"))


def test_the_shipped_map_is_what_the_data_and_projection_draw():
    from django.conf import settings

    shipped = (settings.BASE_DIR / "static" / "maps" / "world.svg").read_text()

    assert shipped == maps.world_svg()
