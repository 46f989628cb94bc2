"""World regions of countries, as the United Nations count them.

Source: UN Statistics Division, "Standard country or area codes for statistical
use (M49)", https://unstats.un.org/unsd/methodology/m49/overview/ (the five
regions, level 1). ISO 3166-1 alpha-2 codes as django-countries stores them.
No maintained package is available here (pycountry has no regions and
pycountry-convert is not on the package index we install from), so the table
is kept here; it changes when the UN reassigns a country, which is rare.
Not in M49 but in django-countries or likely to be entered: Taiwan (TW, Asia)
and Kosovo (XK, Europe). Antarctica (AQ) belongs to no region.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "africa", _("Afrika")
    AMERICAS = "americas", _("Amerika")
    ASIA = "asia", _("Asien")
    EUROPE = "europe", _("Europa")
    OCEANIA = "oceania", _("Ozeanien")


_CODES = {
    Region.AFRICA: (
        # Northern Africa
        "DZ EG EH LY MA SD TN "
        # Eastern Africa
        "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW "
        # Middle Africa
        "AO CD CF CG CM GA GQ ST TD "
        # Southern Africa
        "BW LS NA SZ ZA "
        # Western Africa
        "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG"
    ),
    Region.AMERICAS: (
        # Caribbean
        "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX "
        "TC TT VC VG VI "
        # Central America
        "BZ CR GT HN MX NI PA SV "
        # South America
        "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE "
        # Northern America
        "BM CA GL PM US"
    ),
    Region.ASIA: (
        # Central Asia
        "KG KZ TJ TM UZ "
        # Eastern Asia
        "CN HK JP KP KR MN MO TW "
        # South-eastern Asia
        "BN ID KH LA MM MY PH SG TH TL VN "
        # Southern Asia
        "AF BD BT IN IR LK MV NP PK "
        # Western Asia
        "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE"
    ),
    Region.EUROPE: (
        # Eastern Europe
        "BG BY CZ HU MD PL RO RU SK UA "
        # Northern Europe
        "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ "
        # Southern Europe
        "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA XK "
        # Western Europe
        "AT BE CH DE FR LI LU MC NL"
    ),
    Region.OCEANIA: (
        # Australia and New Zealand
        "AU CC CX HM NF NZ "
        # Melanesia
        "FJ NC PG SB VU "
        # Micronesia
        "FM GU KI MH MP NR PW UM "
        # Polynesia
        "AS CK NU PF PN TK TO TV WF WS"
    ),
}

COUNTRIES: dict[str, frozenset[str]] = {
    region: frozenset(codes.split()) for region, codes in _CODES.items()
}
REGION_OF: dict[str, str] = {
    code: region for region, codes in COUNTRIES.items() for code in codes
}


def region_of(code: str) -> str | None:
    """The region of an ISO alpha-2 code ("KR" -> "asia"); None if it has none."""
    return REGION_OF.get(str(code).upper())


def countries_in(region: str) -> list[str]:
    return sorted(COUNTRIES.get(region, ()))


def multiple_country_q(field: str, region: str) -> Q:
    """Rows whose multiple CountryField (stored as "KR,JP") names a country
    of the region. A two-letter substring of such a value is always one whole
    code (any other pair spans a comma), so `contains` is exact here."""
    condition = Q(pk__in=[])
    for code in countries_in(region):
        condition |= Q(**{f"{field}__contains": code})
    return condition
