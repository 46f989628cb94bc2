"""An app server holds what serving public pages needs, not what only the
admin, downloads, calendars, uploads or mails need (worker memory, issue 14)."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Loaded on first use: the admin's ModelAdmins with import-export, tablib and
# openpyxl (first /admin/ request), Celery (first mail), icalendar, Pillow.
ON_DEMAND = [
    "events.admin",
    "contacts.admin",
    "import_export.admin",
    "tablib",
    "openpyxl",
    "celery",
    "kombu",
    "icalendar",
    "PIL",
]


def test_an_app_server_resolves_public_pages_without_the_on_demand_modules(tmp_path):
    code = textwrap.dedent(
        """
        import json, sys
        from config.wsgi import application
        from django.urls import resolve, reverse

        for path in ("/de/", "/de/berichte/", "/de/termine/", "/sitemap.xml"):
            resolve(path, urlconf="config.public_urls")
        reverse("events:report_list", urlconf="config.public_urls")
        print(json.dumps(sorted(sys.modules)))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "tests-only-" + "x" * 50,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "DJANGO_STATICFILES_STORAGE": (
                "django.contrib.staticfiles.storage.StaticFilesStorage"
            ),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))

    assert "config.public_urls" in loaded and "events.views" in loaded
    assert [name for name in ON_DEMAND if name in loaded] == []
