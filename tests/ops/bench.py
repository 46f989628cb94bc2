"""`make bench`: Horizont's public pages under load, against a ceiling.

On PostgreSQL (BENCH_DATABASE_URL, default the seeded horizont_bench on the
local server; created, migrated and seeded only if it has fewer than
BENCH_REPORTS reports), with production settings and the shared Redis cache
(keys under a prefix of this run's own, removed afterwards):

- queries per page as rendered (page cache off), counted with Django's test
  client; a page served from the page cache runs none;
- gunicorn with BENCH_WORKERS (2) sync workers, each page driven by wrk with
  BENCH_CONNECTIONS (4) connections for BENCH_SECONDS (10): requests/s,
  p50/p95/p99 latency, errors; peak RSS per worker from /proc (VmHWM). Twice:
  with the page cache for anonymous readers off (every request renders, as for
  any new page number, filter or search term) and on (production default);
- optionally (BENCH_STRESS_SECONDS > 0) the first report-list page, uncached,
  at BENCH_STRESS_CONNECTIONS (32) connections, counting errors;
- the ceiling: the same gunicorn serving tests/ops/ceiling.py, a fixed page of
  the same size with no Django and no database, and each page's ratio to it.

A script, not a management command: it starts and measures processes from the
outside (gunicorn, wrk, /proc), which has no place in the app or its image.
"""

import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import redis

from tests.ops.conftest import ROOT, free_port, run_manage, wait_for_port

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/horizont_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
REPORTS = int(os.environ.get("BENCH_REPORTS", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CEILING_SECONDS = int(os.environ.get("BENCH_CEILING_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
STRESS_SECONDS = int(os.environ.get("BENCH_STRESS_SECONDS", "0"))
STRESS_CONNECTIONS = int(os.environ.get("BENCH_STRESS_CONNECTIONS", "32"))
LUA = Path(__file__).with_name("bench_report.lua")
CACHE_PREFIX = f"horizont_bench_{secrets.token_hex(4)}"


def production_env() -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY")
        or secrets.token_urlsafe(50),
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        DJANGO_CACHE_KEY_PREFIX=CACHE_PREFIX,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        # Plain HTTP on loopback; everything else as in production.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.pop("DJANGO_STATICFILES_STORAGE", None)
    return env


def ensure_database(env: dict) -> None:
    server, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    if check.returncode:
        run_manage("migrate", "--noinput", "-v0", env=env, timeout=600)
    with psycopg.connect(DATABASE_URL) as conn:
        (count,) = conn.execute("SELECT count(*) FROM events_report").fetchone()
    if count < REPORTS:
        print(f"Seeding {REPORTS} reports (about 75 s per 100,000) …", flush=True)
        run_manage(
            "seed_volume",
            "--reports",
            str(REPORTS - count),
            "--events",
            "20000",
            "--organisations",
            "2000",
            env=env,
            timeout=3600,
        )


def pages() -> list[tuple[str, str]]:
    from contacts.models import Topic
    from events.models import Report
    from events.pagination import cursor_of

    published = Report.objects.published().order_by("-publish_at", "-pk")
    total = published.count()
    deep = published[int(total * 0.9)]
    newest = published.first()
    topic = Topic.objects.order_by("pk").first()
    older = urllib.parse.quote(cursor_of(deep, "publish_at"))
    return [
        ("home", "/de/"),
        ("reports, first page", "/de/berichte/"),
        (f"reports, page at {int(total * 0.9):,}", f"/de/berichte/?older={older}"),
        ("reports, filtered", f"/de/berichte/?country=CA&topic={topic.slug}"),
        ("reports, search", "/de/berichte/?q=Wasserstoff"),
        ("report detail", newest.get_absolute_url()),
        ("events", "/de/termine/"),
        ("iCal, upcoming", "/de/termine/kalender.ics"),
        ("interest form", "/de/interesse/"),
    ]


def queries_per_page(urls: list[str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client, counts = Client(), {}
    for url in urls:
        with override_settings(HORIZONT_PAGE_CACHE_SECONDS=0):
            client.get(url)  # fills the small caches a second visitor finds full
            with CaptureQueriesContext(connection) as context:
                response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(context.captured_queries)
    return counts


def start_gunicorn(app: str, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, 30, process)
    return process, port


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.read()


def wrk(url: str, seconds: int, connections: int = CONNECTIONS) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    line = next(
        line for line in result.stdout.splitlines() if line.startswith("BENCH ")
    )
    values = dict(part.split("=") for part in line.split()[1:])
    return {
        "rps": int(values["requests"]) / float(values["seconds"]),
        "p50": float(values["p50"]),
        "p95": float(values["p95"]),
        "p99": float(values["p99"]),
        "errors": int(values["socket_errors"]) + int(values["status_errors"]),
    }


def workers_peak_rss_mb(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return peaks


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (Debian: apt-get install -y wrk).")
    env = production_env()
    os.environ.update(env)
    ensure_database(env)
    run_manage("collectstatic", "--noinput", "-v0", env=env)

    import django

    django.setup()
    named = pages()
    queries = queries_per_page([url for _, url in named])

    runs, peaks, stress = {}, {}, None
    for mode, extra in [
        ("uncached", {"DJANGO_PAGE_CACHE_SECONDS": "0"}),
        ("cached", {}),
    ]:
        app, port = start_gunicorn("config.wsgi", env | extra)
        try:
            base = f"http://127.0.0.1:{port}"
            for name, url in named:
                size = len(fetch(base + url))
                for _ in range(5):
                    fetch(base + url)
                print(f"… {mode}: {name}", file=sys.stderr, flush=True)
                runs[mode, url] = (size, wrk(base + url, SECONDS))
            if mode == "uncached" and STRESS_SECONDS:
                print("… stress", file=sys.stderr, flush=True)
                stress = wrk(base + "/de/berichte/", STRESS_SECONDS, STRESS_CONNECTIONS)
            peaks[mode] = workers_peak_rss_mb(app.pid)
        finally:
            app.terminate()
            app.wait(timeout=30)

    ceiling, port = start_gunicorn("tests.ops.ceiling:application", env)
    try:
        ceilings = {}
        for _name, url in named:
            size = runs["uncached", url][0]
            top = f"http://127.0.0.1:{port}/?bytes={size}"
            fetch(top)
            ceilings[url] = wrk(top, CEILING_SECONDS)["rps"]
    finally:
        ceiling.terminate()
        ceiling.wait(timeout=30)
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
        keys = list(client.scan_iter(match=f"{CACHE_PREFIX}:*"))
        if keys:
            client.delete(*keys)

    print(
        f"\n{os.cpu_count()} cores, {WORKERS} gunicorn workers, {CONNECTIONS} "
        f"connections, {SECONDS} s per page and mode; {REPORTS:,} reports on "
        "PostgreSQL. Uncached: every request renders the page; cached: the page "
        "cache for anonymous readers is on.\n"
    )
    print(
        "| page | bytes | queries | uncached req/s | p50 ms | p95 ms | p99 ms "
        "| cached req/s | p95 ms | errors | ceiling req/s | uncached / ceiling "
        "| cached / ceiling |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, url in named:
        size, cold = runs["uncached", url]
        warm = runs["cached", url][1]
        top = ceilings[url]
        print(
            f"| {name} | {size:,} | {queries[url]} | {cold['rps']:.0f} "
            f"| {cold['p50']:.1f} | {cold['p95']:.1f} | {cold['p99']:.1f} "
            f"| {warm['rps']:.0f} | {warm['p95']:.1f} "
            f"| {cold['errors'] + warm['errors']} | {top:.0f} "
            f"| {cold['rps'] / top:.0%} | {warm['rps'] / top:.0%} |"
        )
    for mode, values in peaks.items():
        print(
            f"\nPeak RSS per worker, {mode}: "
            f"{', '.join(f'{p:.0f} MB' for p in values)} "
            f"(median {statistics.median(values):.0f} MB)"
        )
    if stress:
        print(
            f"\nStress: /de/berichte/ uncached, {STRESS_CONNECTIONS} connections, "
            f"{STRESS_SECONDS} s: {stress['rps']:.0f} req/s, p99 "
            f"{stress['p99']:.0f} ms, {stress['errors']} errors"
        )


if __name__ == "__main__":
    main()
