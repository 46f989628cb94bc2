"""Stored tsvector columns for full-text search on PostgreSQL.

PostgreSQL keeps `search_vector_<language>` up to date itself (a generated
column), so a search reads precomputed vectors through a GIN index instead of
stemming every report's text at query time; ANALYZE gathers statistics on the
column, so the planner estimates matches well. The columns exist only on
PostgreSQL and are not Django fields; events.filters.search_reports queries
them. SQLite, the embedded default, searches with a substring match.
"""

from django.db import migrations

CONFIGS = {"de": "german", "en": "english"}


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS report_search_{language}_gin")
        schema_editor.execute(
            f"ALTER TABLE events_report ADD COLUMN IF NOT EXISTS search_vector_{language} "
            f"tsvector GENERATED ALWAYS AS (to_tsvector('{config}'::regconfig, "
            f"COALESCE(search_text_{language}, ''))) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS report_search_vector_{language}_gin "
            f"ON events_report USING gin (search_vector_{language})"
        )


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in CONFIGS:
        schema_editor.execute(
            f"ALTER TABLE events_report DROP COLUMN IF EXISTS search_vector_{language}"
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0005_report_facets")]

    operations = [migrations.RunPython(add_columns, drop_columns)]
