"""The managers' CSV export of registrations, as Excel opens it in Germany."""

import csv
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from contacts.models import InterestRegistration

CSV_FIELDS = [
    "id",
    "created_at",
    "status",
    *InterestRegistration.PARTNER_FIELDS,
    "language",
    "confirmed_at",
    "handled_by",
    "notes",
]


def write_registrations_csv(
    registrations: QuerySet[InterestRegistration], output: IO[str]
) -> int:
    """UTF-8 with BOM, semicolons; formulas are never run."""
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    opts = InterestRegistration._meta
    writer.writerow(
        [capfirst(opts.get_field(name).verbose_name) for name in CSV_FIELDS]
    )
    rows = registrations.select_related("event", "handled_by").prefetch_related(
        "topics", "partner_cities"
    )
    count = 0
    for registration in rows:
        writer.writerow([safe_text(_value(registration, name)) for name in CSV_FIELDS])
        count += 1
    return count


def _value(registration: InterestRegistration, name: str) -> str:
    if name in ("created_at", "confirmed_at"):
        moment = getattr(registration, name)
        return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""
    if name == "handled_by":
        user = registration.handled_by
        return user.get_username() if user else ""
    if name == "language":
        return registration.language
    return registration.display_value(name)


def safe_text(value) -> str:
    """A cell Excel shows as text, never runs as a formula (CSV injection)."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
