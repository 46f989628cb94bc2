"""Facets name topics and partner cities by id, so a renamed slug keeps them."""

from django.db import migrations

KINDS = {"topic": ("contacts", "Topic"), "city": ("delegations", "PartnerCity")}


def slugs_to_ids(apps, schema_editor):
    facets = apps.get_model("events", "ReportFacet")
    for kind, (app, name) in KINDS.items():
        for pk, slug in apps.get_model(app, name).objects.values_list("pk", "slug"):
            facets.objects.filter(kind=kind, value=slug).update(value=str(pk))


def ids_to_slugs(apps, schema_editor):
    facets = apps.get_model("events", "ReportFacet")
    for kind, (app, name) in KINDS.items():
        for pk, slug in apps.get_model(app, name).objects.values_list("pk", "slug"):
            facets.objects.filter(kind=kind, value=str(pk)).update(value=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_event_end_index"),
        ("contacts", "0001_initial"),
        ("delegations", "0001_initial"),
    ]

    operations = [migrations.RunPython(slugs_to_ids, ids_to_slugs)]
