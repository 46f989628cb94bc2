"""The two staff groups: editors write content, managers also handle personal data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = {
    "contacts": ["topic", "organisation", "contact"],
    "delegations": ["partnercity", "delegation", "delegationmember", "programmeitem"],
    "events": ["event", "report", "reportsection", "photo"],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_permissions = Permission.objects.none()
    for app_label, models in EDITOR_MODELS.items():
        content_permissions |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model__in=models
        )
    for name in ("Redaktion", "Management"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*content_permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Redaktion", "Management"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contacts", "0001_initial"),
        ("delegations", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
