"""Backup and restore as docs/deployment.md describes them: the round trip."""

import hashlib
import secrets
import subprocess
import tarfile

import pytest
from psycopg import sql

from tests.ops.conftest import PG_BIN, SHARED_PG, pg_execute

pytestmark = pytest.mark.ops


def table_fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Rows and a hash of their content, per table."""
    server, name = url.rsplit("/", 1)
    tables = [
        table
        for (table,) in pg_execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", server, name
        )
    ]
    fingerprints = {}
    for table in tables:
        ((count, digest),) = pg_execute(
            sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                "ORDER BY t::text), '')) FROM {} t"
            ).format(sql.Identifier(table)),
            server,
            name,
        )
        fingerprints[table] = (count, digest)
    return fingerprints


def test_database_and_media_backup_restore_into_fresh_places(database, tmp_path):
    media = tmp_path / "media"
    (media / "photos/2025/10").mkdir(parents=True)
    (media / "photos/2025/10/rathaus.jpg").write_bytes(secrets.token_bytes(50_000))
    backup, archive = tmp_path / "horizont.dump", tmp_path / "media.tar.gz"

    subprocess.run(
        [str(PG_BIN / "pg_dump"), "-Fc", "--no-owner", "-f", str(backup), database],
        check=True,
        timeout=60,
    )
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(media, arcname="media")

    restored = f"horizont_ops_{secrets.token_hex(4)}_restored"
    pg_execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(
            [
                str(PG_BIN / "pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "-d",
                f"{SHARED_PG}/{restored}",
                str(backup),
            ],
            check=True,
            timeout=60,
        )
        original = table_fingerprints(database)
        copy = table_fingerprints(f"{SHARED_PG}/{restored}")
    finally:
        pg_execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "restored", filter="data")

    assert original["events_report"][0] > 0
    assert copy == original
    restored_photo = tmp_path / "restored/media/photos/2025/10/rathaus.jpg"
    assert (
        hashlib.sha256(restored_photo.read_bytes()).digest()
        == hashlib.sha256((media / "photos/2025/10/rathaus.jpg").read_bytes()).digest()
    )
