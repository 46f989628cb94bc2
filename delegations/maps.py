"""The partner network on a map, drawn from Natural Earth data shipped with the
project (world-atlas 2.0.2, countries at 1:110m, in delegations/data/).

The countries are projected once into a static SVG (`manage.py build_map`);
the pages lay their points over it in the same coordinates, so a map costs no
request to another host, no tile server and no script.
"""

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "data" / "countries-110m.json"
CENTRES = Path(__file__).resolve().parent / "data" / "country-centres.json"
# Antarctica and the far north carry no partner: the map is cut there.
SOUTH, NORTH = -58.0, 84.0
WIDTH = 1000.0
ANTARCTICA = "010"


def natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič et al.), as in d3-geo."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707
        - 0.131979 * phi2
        + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226
        + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


_X_MAX = natural_earth(180, 0)[0]
_SCALE = WIDTH / (2 * _X_MAX)
_TOP = natural_earth(0, NORTH)[1]
HEIGHT = round((_TOP - natural_earth(0, SOUTH)[1]) * _SCALE, 1)


def position(longitude: float, latitude: float) -> tuple[float, float]:
    """Where a place lies on the map, in the SVG's units (0..WIDTH, 0..HEIGHT)."""
    x, y = natural_earth(longitude, max(SOUTH, min(NORTH, latitude)))
    return round((x + _X_MAX) * _SCALE, 1), round((_TOP - y) * _SCALE, 1)


@dataclass(frozen=True)
class View:
    """A part of the map: the whole world or a region, as an SVG viewBox."""

    x: float
    y: float
    width: float
    height: float

    @property
    def box(self) -> str:
        return f"{self.x} {self.y} {self.width} {self.height}"

    @property
    def radius(self) -> float:
        """A point's size that reads the same whatever part is shown."""
        return round(self.width / 110, 2)

    def contains(self, point: tuple[float, float]) -> bool:
        return (
            self.x <= point[0] <= self.x + self.width
            and self.y <= point[1] <= self.y + self.height
        )


def region(west: float, south: float, east: float, north: float) -> View:
    left, bottom = position(west, south)
    right, top = position(east, north)
    # The projection bends meridians: take the widest extent of the corners.
    left = min(left, position(west, north)[0])
    right = max(right, position(east, north)[0])
    return View(left, top, round(right - left, 1), round(bottom - top, 1))


WORLD = View(0, 0, WIDTH, HEIGHT)
DORTMUND = position(7.4653, 51.5136)
EUROPE = region(-12, 34, 42, 62)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _across_the_antimeridian(places):
    """A ring that crosses 180° (Chukotka, Fiji) goes on eastwards past the
    map's edge, where the view cuts it, instead of striking across the map."""
    if any(abs(a[0] - b[0]) > 180 for a, b in zip(places, places[1:], strict=False)):
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in places]
    return places


def _ring(arcs, indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(ISO 3166 numeric code, projected rings) for every country."""
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {
            "Polygon": [geometry.get("arcs", [])],
            "MultiPolygon": geometry.get("arcs", []),
        }.get(geometry["type"], [])
        if geometry.get("id") == ANTARCTICA:
            continue
        rings = []
        for polygon in polygons:
            for ring in polygon:
                places = _across_the_antimeridian(_ring(arcs, ring))
                points = [position(lon, lat) for lon, lat in places]
                if len(points) >= 3:
                    rings.append(points)
        if rings:
            result.append((geometry.get("id", ""), rings))
    return result


def country_paths() -> list[tuple[str, str]]:
    """(ISO 3166 numeric code, SVG path data) for every country."""
    return [
        (
            code,
            "".join(
                "M" + "L".join(f"{x:g} {y:g}" for x, y in ring) + "Z" for ring in rings
            ),
        )
        for code, rings in countries()
    ]


def _area_and_centroid(ring) -> tuple[float, tuple[float, float]]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return 0.0, ring[0]
    return abs(area) / 2, (round(cx / (3 * area), 1), round(cy / (3 * area), 1))


def country_centres() -> dict[str, tuple[float, float]]:
    """Where a country's point goes: the centre of its largest land area,
    keyed by the numeric ISO 3166 code."""
    centres = {}
    for code, rings in countries():
        centres[code] = max(
            (_area_and_centroid(ring) for ring in rings), key=lambda found: found[0]
        )[1]
    return centres


def world_svg() -> str:
    """The static background map: land in one colour, borders in another."""
    shapes = "\n".join(f'<path d="{data}"/>' for _code, data in country_paths())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="{WIDTH:g}" height="{HEIGHT:g}">\n'
        '<g fill="#dfe5ea" stroke="#ffffff" stroke-width="0.5" '
        'stroke-linejoin="round">\n'
        f"{shapes}\n</g>\n</svg>\n"
    )


@dataclass(frozen=True)
class Point:
    label: str
    url: str
    x: float
    y: float
    kind: str  # "city", "incoming" (where delegations came from), "outgoing"


@functools.cache
def _centres() -> dict[str, list[float]]:
    return json.loads(CENTRES.read_text(encoding="utf-8"))


def country_point(code: str) -> tuple[float, float] | None:
    centre = _centres().get(code)
    return tuple(centre) if centre else None


def city_points(cities) -> list[Point]:
    return [
        Point(
            city.name,
            city.get_absolute_url(),
            *position(float(city.longitude), float(city.latitude)),
            "city",
        )
        for city in cities
        if city.latitude is not None and city.longitude is not None
    ]


def visible(points: list[Point], view: View) -> list[Point]:
    return [point for point in points if view.contains((point.x, point.y))]


def delegation_points(
    countries_by_direction: dict[str, dict[str, int]], labels, url_of
):
    """One point per country that delegations came from or travelled to."""
    points = []
    for direction, counts in countries_by_direction.items():
        for code, count in counts.items():
            centre = country_point(code)
            if centre:
                points.append(
                    Point(
                        labels(direction, code, count), url_of(code), *centre, direction
                    )
                )
    return points
