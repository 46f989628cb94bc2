"""Interest registrations hold personal data: only the Management group may
see and handle them, Redaktion gets nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "view_interestregistration",
    "change_interestregistration",
    "delete_interestregistration",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("contacts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Management")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contacts", codename__in=PERMISSIONS
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="contacts", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name="Management"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contacts", "0002_interest_registration"),
        ("events", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
