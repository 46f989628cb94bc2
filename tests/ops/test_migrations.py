"""Every migration of ours can be undone and done again on PostgreSQL."""

import secrets

import pytest

from tests.ops.conftest import SHARED_PG, pg_execute, run_manage, server_env

pytestmark = pytest.mark.ops

APPS = ["events", "delegations", "contacts"]


def our_tables(server: str, name: str) -> set[str]:
    rows = pg_execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", server, name
    )
    return {table for (table,) in rows if table.split("_")[0] in APPS}


def test_migrations_go_back_to_zero_and_forward_again(template_database, tmp_path):
    name = f"horizont_ops_{secrets.token_hex(4)}"
    pg_execute(f'CREATE DATABASE "{name}"')
    try:
        env = server_env(
            database_url=f"{SHARED_PG}/{name}", media_root=tmp_path / "media"
        )
        run_manage("migrate", "--noinput", "-v0", env=env)
        tables = our_tables(SHARED_PG, name)
        assert {"events_report", "contacts_interestregistration"} <= tables

        for app in APPS:
            run_manage("migrate", app, "zero", "--noinput", "-v0", env=env)
        assert our_tables(SHARED_PG, name) == set()

        run_manage("migrate", "--noinput", "-v0", env=env)
        run_manage("migrate", "--check", "--noinput", env=env)
        assert our_tables(SHARED_PG, name) == tables
        # The groups a data migration creates are back as well.
        groups = pg_execute("SELECT name FROM auth_group", SHARED_PG, name)
        assert {"Redaktion", "Management"} <= {group for (group,) in groups}
    finally:
        pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
