"""First versions of the legal pages, and the managers' right to edit them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from contacts.legal_defaults import ensure_legal_pages


def create_pages(apps, schema_editor):
    ensure_legal_pages(apps.get_model("contacts", "LegalPage"))
    app_config = apps.get_app_config("contacts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers, _ = Group.objects.get_or_create(name="Management")
    managers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contacts", content_type__model="legalpage"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_legal_pages"),
        ("events", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
