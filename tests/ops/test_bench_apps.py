"""The yardsticks of `make bench` answer as it expects (tests/ops/bench.py).

Not marked `ops`: each runs in a subprocess of its own settings, without
PostgreSQL or a server, in a few seconds.
"""

import json
import subprocess
import sys
import textwrap

from tests.ops.conftest import ROOT


def run_python(code: str, **env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_ceiling_is_a_fixed_30_kb_page_from_a_django_view():
    answer = run_python(
        """
        import io, json
        from tests.ops.ceiling import application
        sent = {}
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": "/", "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(),
            "wsgi.url_scheme": "http",
        }
        body = b"".join(application(environ, lambda s, h: sent.update(status=s)))
        print(json.dumps({"status": sent["status"], "size": len(body),
                          "text": body.decode()[-40:]}))
        """
    )

    assert answer["status"] == "200 OK"
    assert answer["size"] == 30_000
    assert answer["text"].endswith("</main></body></html>\n")


def test_the_reference_lists_20_rows_a_page_with_2_queries(tmp_path):
    database = f"sqlite:///{tmp_path / 'reference.sqlite3'}"
    settings = "tests.ops.reference.settings"
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v0"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": database,
            "DJANGO_SETTINGS_MODULE": settings,
        },
        check=True,
        timeout=120,
    )

    answer = run_python(
        """
        import datetime, json
        import django
        django.setup()
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone
        from tests.ops.reference.models import Item
        now = timezone.now()
        Item.objects.bulk_create(
            Item(title=f"Bericht {n}", lead="Vorspann",
                 published_at=now - datetime.timedelta(hours=n))
            for n in range(1, 26)
        )
        with CaptureQueriesContext(connection) as queries:
            response = Client().get("/")
        html = response.content.decode()
        print(json.dumps({"status": response.status_code, "queries": len(queries),
                          "rows": html.count("<article>"),
                          "newest": "Bericht 1<" in html,
                          "pages": "Seite 1 von 2" in html}))
        """,
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE=settings,
    )

    assert answer == {
        "status": 200,
        "queries": 2,
        "rows": 20,
        "newest": True,
        "pages": True,
    }
