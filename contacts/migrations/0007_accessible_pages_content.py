"""Slots for the pages in Leichte Sprache and Gebärdensprache (BITV 2.0)."""

from django.db import migrations

from contacts.legal_defaults import ensure_legal_pages


def create_pages(apps, schema_editor):
    # Creates only what is missing: the managers' edits of the other pages stay.
    ensure_legal_pages(apps.get_model("contacts", "LegalPage"))


class Migration(migrations.Migration):
    dependencies = [("contacts", "0006_consent_text_and_accessible_pages")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
