"""Redirects (django.contrib.redirects): managers keep them, editors may view
and add them (an old CMS address they come across)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Management": ["add", "change", "delete", "view"],
    "Redaktion": ["add", "view"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("redirects")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="redirects",
                codename__in=[f"{action}_redirect" for action in actions],
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="redirects")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("events", "0016_slug_en"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
