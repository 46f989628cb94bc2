"""Turn the shipped Natural Earth data into the map's static SVG and the
countries' points, once; both files are committed, so nothing is built at run
time. Run again only when the data or the projection changes."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django_countries import countries

from delegations import maps

SVG = Path(settings.BASE_DIR) / "static" / "maps" / "world.svg"
CENTRES = maps.CENTRES


class Command(BaseCommand):
    help = "Draw static/maps/world.svg and the country points from Natural Earth."

    def handle(self, *args, **options):
        SVG.parent.mkdir(parents=True, exist_ok=True)
        SVG.write_text(maps.world_svg(), encoding="utf-8")
        centres = {}
        for numeric, point in maps.country_centres().items():
            code = countries.alpha2(int(numeric)) if numeric.isdigit() else ""
            if code:
                centres[code] = point
        CENTRES.write_text(
            json.dumps(dict(sorted(centres.items())), indent=0) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(
            f"{SVG} ({SVG.stat().st_size} bytes), {len(centres)} countries"
        )
