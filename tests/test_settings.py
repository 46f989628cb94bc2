import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "ALLOWED_HOSTS": "horizont.example.org",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_manage("check", env=PRODUCTION)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_check():
    env = {
        **PRODUCTION,
        "DJANGO_SECRET_KEY": "k" * 30 + "-Production-Secret-" + "9" * 20,
    }

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def production_setting(expression: str, **env: str) -> str:
    """Evaluate a setting as production would load it."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**PRODUCTION, "DJANGO_SECRET_KEY": "s" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_admins_for_error_mails_come_from_the_environment():
    admins = production_setting(
        "settings.ADMINS", DJANGO_ADMINS="IT-Team <it@example.org>,ops@example.org"
    )

    assert admins == (
        "[('IT-Team', 'it@example.org'), ('ops@example.org', 'ops@example.org')]"
    )


def test_sentry_is_on_only_with_a_dsn():
    is_active = "__import__('sentry_sdk').get_client().is_active()"

    assert production_setting(is_active) == "False"
    assert (
        production_setting(is_active, SENTRY_DSN="https://key@sentry.example.org/1")
        == "True"
    )


def test_without_a_broker_tasks_run_in_process_and_with_one_on_the_worker():
    eager = "settings.CELERY_TASK_ALWAYS_EAGER"

    assert production_setting(eager) == "True"
    assert production_setting(eager, CELERY_BROKER_URL="redis://r:6379/0") == "False"
