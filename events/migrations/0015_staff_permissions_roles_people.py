"""Editors and managers work with the new rows as with the rest of the
content: people at events, organisations by role (events, delegations)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = {
    "events": ["eventperson", "eventorganisation"],
    "delegations": ["delegationorganisation"],
}


def grant(apps, schema_editor):
    for label in MODELS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.none()
    for label, models in MODELS.items():
        permissions |= Permission.objects.filter(
            content_type__app_label=label, content_type__model__in=models
        )
    for group in Group.objects.filter(name__in=["Redaktion", "Management"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for label, models in MODELS.items():
        permissions = Permission.objects.filter(
            content_type__app_label=label, content_type__model__in=models
        )
        for group in Group.objects.filter(name__in=["Redaktion", "Management"]):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_event_country_optional"),
        ("delegations", "0007_partner_city_agreement_optional"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
