"""The managers' CSV export of registrations, as Excel opens it in Germany."""

import csv
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from config.spreadsheets import safe_cell
from contacts.models import InterestRegistration

CSV_FIELDS = [
    "id",
    "created_at",
    "status",
    *InterestRegistration.PARTNER_FIELDS,
    "source_report",
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
    rows = registrations.select_related(
        "event", "source_report", "handled_by"
    ).prefetch_related("topics", "partner_cities")
    count = 0
    for registration in rows:
        writer.writerow(
            [safe_cell(registration_value(registration, name)) for name in CSV_FIELDS]
        )
        count += 1
    return count


def registration_value(registration: InterestRegistration, name: str) -> str:
    """A column of the export as a manager reads it."""
    if name in ("created_at", "confirmed_at"):
        moment = getattr(registration, name)
        return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""
    if name == "handled_by":
        user = registration.handled_by
        return user.get_username() if user else ""
    if name == "language":
        return registration.language
    return registration.display_value(name)
