"""Health endpoint, error reporting, and what production installs."""

import datetime
import re
import tomllib
from pathlib import Path

import pytest

from events.tasks import remove_orphaned_files
from tests.factories import PhotoFactory

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fresh_health_outcomes():
    """Each test finds the checks run anew, not a kept outcome of another."""
    from config import health

    health._kept.clear()
    yield
    health._kept.clear()


@pytest.mark.django_db
def test_health_endpoint_reports_database_and_storage(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = client.get("/health/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response.json() == {"Database": "OK", "Storage": "OK"}
    assert "no-cache" in response["Cache-Control"]
    # The file written to check the storage is gone again.
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


@pytest.mark.django_db
def test_full_health_endpoint_adds_the_cache(client):
    response = client.get("/health/all/?format=json")

    assert response.status_code == 200
    assert response.json() == {"Database": "OK", "Storage": "OK", "Cache": "OK"}


@pytest.mark.django_db
def test_health_endpoint_answers_in_plain_text_by_default(client):
    response = client.get("/health/")

    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "Database: OK\nStorage: OK\n"


@pytest.mark.django_db
def test_a_failed_check_is_a_500_that_names_no_host(client, monkeypatch, caplog):
    from django.db import OperationalError

    from config import health

    def refused():
        raise OperationalError('connection to server at "10.0.0.7" failed')

    monkeypatch.setattr(health, "database", refused)

    response = client.get("/health/", HTTP_ACCEPT="application/json")

    assert response.status_code == 500
    assert response.json() == {"Database": "unavailable", "Storage": "OK"}
    assert "10.0.0.7" not in response.content.decode()
    assert "10.0.0.7" in caplog.text  # the reason is in the log


@pytest.mark.django_db
def test_a_flood_of_probes_runs_the_checks_once_per_interval(client, monkeypatch):
    from config import health

    runs = []
    monkeypatch.setattr(health, "storage", lambda: runs.append("storage"))
    clock = [1000.0]
    monkeypatch.setattr(health.time, "monotonic", lambda: clock[0])

    for _ in range(20):
        assert client.get("/health/").status_code == 200
    clock[0] += health.KEEP_SECONDS
    client.get("/health/")

    assert runs == ["storage", "storage"]


@pytest.mark.django_db
def test_full_health_endpoint_asks_the_workers_when_a_broker_is_set(
    client, settings, monkeypatch
):
    from config import health
    from config.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    answers = []
    monkeypatch.setattr(app.control, "ping", lambda **kwargs: answers)

    nobody = client.get("/health/all/?format=json")
    health._kept.clear()  # as if KEEP_SECONDS had passed
    answers.append({"celery@worker1": {"ok": "pong"}})
    one = client.get("/health/all/?format=json")

    assert (nobody.status_code, nobody.json()["Workers"]) == (500, "unavailable")
    assert (one.status_code, one.json()["Workers"]) == (200, "OK")


def runtime_packages() -> set[str]:
    text = (ROOT / "requirements.txt").read_text()
    return {name.lower() for name in re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M)}


def test_production_requirements_hold_no_development_package():
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    dev = {re.split(r"[\[<>=]", name)[0].lower() for name in groups["dev"]}

    assert dev & runtime_packages() == set()
    assert {"pytest", "playwright", "ruff", "moto"} <= dev
    assert {"celery", "django-redis", "gunicorn"} <= runtime_packages()


def test_every_pinned_package_carries_a_hash():
    for name in ("requirements.txt", "requirements-dev.txt"):
        blocks = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text())
        pins = [block for block in blocks if "==" in block.split("\n")[0]]
        assert pins, name
        assert all("--hash=sha256:" in block for block in pins), name


@pytest.mark.django_db
def test_orphaned_photo_files_are_removed_after_a_grace_time_and_used_ones_kept():
    photo = PhotoFactory()
    # PhotoFactory.save() made the renditions.
    storage = photo.image.storage
    used = [photo.image.name, *(r["name"] for r in photo.renditions)]
    orphans = [
        storage.save("renditions/photos/old-800w.webp", storage.open(used[1])),
        storage.save("photos/2020/01/deleted.jpg", storage.open(used[0])),
    ]

    # Just written: may belong to an upload whose row is not committed yet.
    assert remove_orphaned_files() == 0
    assert all(storage.exists(name) for name in orphans)

    assert remove_orphaned_files(grace=datetime.timedelta(0)) == 2
    assert not any(storage.exists(name) for name in orphans)
    assert all(storage.exists(name) for name in used)


def test_compose_proxy_configuration_is_the_rendered_template():
    from deploy.layout import compose_nginx_conf

    committed = (ROOT / "deploy" / "nginx.compose.conf").read_text()

    assert committed == compose_nginx_conf()
    assert "server app1:8000" in committed and "server app2:8000" in committed


def test_compose_file_has_the_whole_production_layout():
    import yaml

    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]

    assert {"app1", "app2", "worker", "beat", "postgres", "redis", "minio"} <= set(
        services
    )
    assert "celery" in services["worker"]["command"]
    assert services["proxy"]["image"].startswith("nginx")


@pytest.mark.django_db
def test_health_probe_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/").status_code == 200
    assert client.get("/de/").status_code == 301


@pytest.mark.django_db
def test_log_lines_name_the_request_they_belong_to(client, caplog):
    from config.logging import RequestFilter

    client.get("/de/berichte/gibt-es-nicht/?seite=2")

    [record] = [r for r in caplog.records if r.name == "django.request"]
    RequestFilter().filter(record)
    assert record.request_line == "GET /de/berichte/gibt-es-nicht/?seite=2"
