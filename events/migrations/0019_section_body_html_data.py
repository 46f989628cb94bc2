"""Sanitise the sections written before their page text was stored on save."""

from django.db import migrations

from config.html import clean

LANGUAGES = ("de", "en")


def store_html(apps, schema_editor):
    ReportSection = apps.get_model("events", "ReportSection")
    fields = [f"body_html_{language}" for language in LANGUAGES]
    batch = []
    for section in ReportSection.objects.only(
        *(f"body_{language}" for language in LANGUAGES)
    ).iterator(chunk_size=2000):
        for language in LANGUAGES:
            body = getattr(section, f"body_{language}")
            setattr(section, f"body_html_{language}", clean(body))
        batch.append(section)
        if len(batch) == 2000:
            ReportSection.objects.bulk_update(batch, fields)
            batch = []
    ReportSection.objects.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0018_section_body_html"),
    ]

    operations = [
        migrations.RunPython(store_html, migrations.RunPython.noop, elidable=True),
    ]
