"""GIN indexes for full-text search on PostgreSQL, one per language.

The expressions match events.filters.search_reports exactly, so PostgreSQL
uses them. SQLite, the embedded default, searches without an index.
"""

from django.db import migrations

INDEXES = {"de": "german", "en": "english"}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS report_search_{language}_gin ON events_report "
            f"USING gin (to_tsvector('{config}'::regconfig, "
            f"COALESCE(search_text_{language}, '')))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS report_search_{language}_gin")


class Migration(migrations.Migration):
    dependencies = [("events", "0002_staff_groups")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
