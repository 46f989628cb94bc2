"""Organisations by role, rough dates and programme hosts, from the old links.

Hosts and participants of events become roles, a delegation's organisers
role "organiser", a stop's single host one of its hosts; all-day events get
the precision "day", every event and delegation the end of its period.
"""

import datetime

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    EventOrganisation = apps.get_model("events", "EventOrganisation")
    Delegation = apps.get_model("delegations", "Delegation")
    DelegationOrganisation = apps.get_model("delegations", "DelegationOrganisation")
    ProgrammeItem = apps.get_model("delegations", "ProgrammeItem")

    rows = []
    for event in Event.objects.prefetch_related("hosts", "participants"):
        for order, organisation in enumerate(event.hosts.all()):
            rows.append(
                EventOrganisation(
                    event=event, organisation=organisation, role="host", order=order
                )
            )
        for order, organisation in enumerate(event.participants.all()):
            rows.append(
                EventOrganisation(
                    event=event,
                    organisation=organisation,
                    role="participant",
                    order=order,
                )
            )
        event.date_precision = "day" if event.all_day else "time"
        if event.date_precision == "time":
            event.period_end = event.end or event.start
        else:
            last = timezone.localtime(event.end or event.start).date()
            event.period_end = timezone.make_aware(
                datetime.datetime.combine(last, datetime.time(23, 59, 59))
            )
        event.save(update_fields=["date_precision", "period_end"])
    EventOrganisation.objects.bulk_create(rows, ignore_conflicts=True)

    rows = []
    for delegation in Delegation.objects.prefetch_related("organisers"):
        for order, organisation in enumerate(delegation.organisers.all()):
            rows.append(
                DelegationOrganisation(
                    delegation=delegation,
                    organisation=organisation,
                    role="organiser",
                    order=order,
                )
            )
        delegation.period_end = delegation.end_date or delegation.start_date
        delegation.save(update_fields=["period_end"])
    DelegationOrganisation.objects.bulk_create(rows, ignore_conflicts=True)

    for stop in ProgrammeItem.objects.exclude(host=None):
        stop.hosts.add(stop.host_id)


def backwards(apps, schema_editor):
    EventOrganisation = apps.get_model("events", "EventOrganisation")
    DelegationOrganisation = apps.get_model("delegations", "DelegationOrganisation")
    ProgrammeItem = apps.get_model("delegations", "ProgrammeItem")
    Event = apps.get_model("events", "Event")
    for row in EventOrganisation.objects.filter(role__in=["host", "participant"]):
        field = "hosts" if row.role == "host" else "participants"
        getattr(row.event, field).add(row.organisation_id)
    for row in DelegationOrganisation.objects.filter(role="organiser"):
        row.delegation.organisers.add(row.organisation_id)
    for stop in ProgrammeItem.objects.prefetch_related("hosts"):
        first = stop.hosts.first()
        if first:
            stop.host = first
            stop.save(update_fields=["host"])
    Event.objects.exclude(date_precision="time").update(all_day=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0011_roles_people_rough_dates"),
        ("delegations", "0005_roles_rough_dates_shared_programme"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
