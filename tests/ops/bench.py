"""`make bench`: Horizont's public pages against a ceiling and a plain Django
list, side by side in one run on this machine (issue 14).

What runs, each on its own gunicorn with BENCH_WORKERS (2) sync workers,
driven by wrk with BENCH_CONNECTIONS (4) connections:

- the no-database ceiling: a fixed 30 KB page from a Django view
  (tests/ops/ceiling.py);
- the reference: a plain Django ListView on PostgreSQL, 20 rows a page of a
  table with 10,000 and one with 100,000 rows, 2 queries (tests/ops/reference/);
- Horizont at 1,000 and 100,000 reports (BENCH_DATABASE_URL_1K,
  BENCH_DATABASE_URL; created, migrated and seeded with `seed_volume` when they
  have fewer reports), with production settings and the shared Redis cache:
  home, report list, list filtered by country, search, report detail, events
  list; uncached (page cache off: every request renders, as for any new page
  number, filter or search term) and cached (the page cache for anonymous
  readers, as in production).

Each target is measured BENCH_SECONDS (10) at a time, BENCH_REPS (3) times,
the targets alternating so that a noisy neighbour hits them all alike; the
table shows medians. Queries per page are counted with Django's test client
(page cache off); worker memory is each worker's peak RSS (VmHWM) at the end.
It prints the table and the issue's goals with PASS or FAIL, and writes both
as Markdown to test-artifacts/bench.md. Quick look: BENCH_SECONDS=3 BENCH_REPS=1.

A script, not a management command: it starts and measures processes from the
outside (gunicorn, wrk, /proc), which has no place in the app or its image.
"""

import datetime
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

from tests.ops.conftest import ROOT, free_port, run_manage, wait_for_port

SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"{SERVER}/horizont_bench")
DATABASE_URL_1K = os.environ.get("BENCH_DATABASE_URL_1K", f"{SERVER}/horizont_bench_1k")
REFERENCE_URL = os.environ.get("BENCH_REFERENCE_URL", f"{SERVER}/horizont_bench_ref")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
REPS = int(os.environ.get("BENCH_REPS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
LUA = Path(__file__).with_name("bench_report.lua")
ARTIFACT = ROOT / "test-artifacts" / "bench.md"
RAW = ARTIFACT.with_suffix(".json")  # every run's figures: `… bench report` again
CACHE_PREFIX = f"horizont_bench_{secrets.token_hex(4)}"
# Reports, events and organisations per data set (seed_volume adds the demo).
DATA_SETS = {
    "1k": (DATABASE_URL_1K, 1_000, 1_000, 200),
    "100k": (DATABASE_URL, 100_000, 20_000, 2_000),
}
REFERENCE_ROWS = {"10k": 10_000, "100k": 100_000}

# The goals, as shares of the ceiling and absolute figures.
LIST_SHARE, DETAIL_SHARE, CACHED_SHARE = 0.073, 0.16, 0.40
P95_MS, LIST_QUERIES, DETAIL_QUERIES, WORKER_MIB = 45.0, 4, 10, 70.0


def production_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY")
        or secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        DJANGO_CACHE_KEY_PREFIX=CACHE_PREFIX,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        # Plain HTTP on loopback; everything else as in production.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.pop("DJANGO_STATICFILES_STORAGE", None)
    return env


def create_database(url: str) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def ensure_horizont(url: str, reports: int, events: int, organisations: int) -> None:
    create_database(url)
    env = production_env(url)
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    if check.returncode:
        run_manage("migrate", "--noinput", "-v0", env=env, timeout=600)
    with psycopg.connect(url) as conn:
        (count,) = conn.execute("SELECT count(*) FROM events_report").fetchone()
    if count < reports:
        print(f"Seeding {reports:,} reports (about 75 s per 100,000) …", flush=True)
        run_manage(
            "seed_volume",
            "--reports",
            str(reports - count),
            "--events",
            str(events),
            "--organisations",
            str(organisations),
            env=env,
            timeout=3600,
        )
    # As autovacuum would have done on a server that has run a while: without
    # statistics and a visibility map after a fresh seed or migration, the
    # planner expects one row where there are thousands (a country filter took
    # 54 ms instead of 0.8 ms at 1,000 reports).
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def reference_env(url: str) -> dict:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.ops.reference.settings",
        DATABASE_URL=url,
    )


def ensure_reference(url: str, rows: int) -> None:
    create_database(url)
    run_manage("migrate", "--run-syncdb", "--noinput", "-v0", env=reference_env(url))
    with psycopg.connect(url) as conn:
        (count,) = conn.execute("SELECT count(*) FROM reference_item").fetchone()
        if count != rows:
            conn.execute("TRUNCATE reference_item")
            conn.execute(
                "INSERT INTO reference_item (title, lead, published_at) "
                "SELECT 'Bericht ' || n, repeat('Wirtschaftsförderung und "
                "internationale Zusammenarbeit. ', 6), "
                "now() - n * interval '1 hour' FROM generate_series(1, %s) n",
                [rows],
            )
            conn.execute("ANALYZE reference_item")


# -- Run inside a subprocess per data set: the pages and their queries --------


def horizont_pages() -> list[dict]:
    """The pages measured, with their kind (list or detail) and queries."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from events.models import Report

    newest = Report.objects.published().order_by("-publish_at", "-pk").first()
    pages = [
        ("home", "list", "/de/"),
        ("report list", "list", "/de/berichte/"),
        ("list filtered by country", "list", "/de/berichte/?country=CA"),
        ("search", "list", "/de/berichte/?q=Wasserstoff"),
        ("report detail", "detail", newest.get_absolute_url()),
        ("events list", "list", "/de/termine/"),
    ]
    client, result = Client(), []
    for name, kind, url in pages:
        with override_settings(HORIZONT_PAGE_CACHE_SECONDS=0):
            client.get(url)  # fills the small caches a second visitor finds full
            with CaptureQueriesContext(connection) as context:
                response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        result.append({"name": name, "kind": kind, "url": url, "queries": len(context)})
    return result


def reference_queries() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        response = client.get("/")
    assert response.status_code == 200, response.status_code
    return len(context)


def in_subprocess(function: str, env: dict):
    result = subprocess.run(
        [sys.executable, "-m", "tests.ops.bench", function],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- Measuring ------------------------------------------------------------


@dataclass
class Target:
    name: str
    group: str  # "ceiling", "reference", "horizont"
    server: str
    url: str
    size: str = ""
    kind: str = ""
    mode: str = ""
    queries: int | None = None
    runs: list[dict] = field(default_factory=list)

    def median(self, key: str) -> float:
        return statistics.median(run[key] for run in self.runs)

    def share(self, ceiling: "Target") -> float:
        """Requests/s as a share of the ceiling's in the same rep, median."""
        return statistics.median(
            run["rps"] / top["rps"]
            for run, top in zip(self.runs, ceiling.runs, strict=True)
        )


def start_gunicorn(app: str, env: dict, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    with log.open("wb") as output:
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
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    wait_for_port(port, 60, process)
    return process, port


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
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


def workers_peak_mib(master: int) -> list[float]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return peaks


def servers_and_targets() -> tuple[dict, list[Target]]:
    """Every server to start (name: app, env) and every target to measure."""
    servers = {
        "ceiling": (
            "tests.ops.ceiling:application",
            dict(os.environ, DJANGO_SETTINGS_MODULE="tests.ops.ceiling"),
        )
    }
    targets = [
        Target(
            "no-database ceiling (fixed 30 KB page, Django view)",
            "ceiling",
            "ceiling",
            "/",
        )
    ]
    for size, rows in REFERENCE_ROWS.items():
        url = f"{REFERENCE_URL}_{size}"
        servers[f"reference {size}"] = (
            "tests.ops.reference.wsgi:application",
            reference_env(url),
        )
        targets.append(
            Target(
                f"plain Django ListView, {rows:,} rows",
                "reference",
                f"reference {size}",
                "/",
                size=size,
                kind="list",
                queries=in_subprocess("reference_queries", reference_env(url)),
            )
        )
    for size, (url, *_counts) in DATA_SETS.items():
        env = production_env(url)
        pages = in_subprocess("horizont_pages", env)
        for mode, extra in [
            ("uncached", {"DJANGO_PAGE_CACHE_SECONDS": "0"}),
            ("cached", {}),
        ]:
            servers[f"horizont {size} {mode}"] = ("config.wsgi", env | extra)
            for page in pages:
                targets.append(
                    Target(
                        page["name"],
                        "horizont",
                        f"horizont {size} {mode}",
                        page["url"],
                        size=size,
                        kind=page["kind"],
                        mode=mode,
                        queries=page["queries"] if mode == "uncached" else 0,
                    )
                )
    return servers, targets


def measure(servers: dict, targets: list[Target]) -> dict[str, list[float]]:
    started, ports, logs, memory = {}, {}, {}, {}
    ARTIFACT.parent.mkdir(exist_ok=True)
    try:
        for name, (app, env) in servers.items():
            logs[name] = ARTIFACT.with_name(f"bench-{name.replace(' ', '-')}.log")
            started[name], ports[name] = start_gunicorn(app, env, logs[name])
        for target in targets:
            base = f"http://127.0.0.1:{ports[target.server]}"
            try:
                for _ in range(5):  # connections, small caches, the page cache
                    fetch(base + target.url)
            except OSError as error:
                raise RuntimeError(
                    f"{target.server} does not answer {target.url} ({error}); "
                    f"its log: {logs[target.server]}"
                ) from error
        for rep in range(REPS):
            for target in targets:
                print(
                    f"… {rep + 1}/{REPS} {target.server}: {target.name}",
                    file=sys.stderr,
                    flush=True,
                )
                base = f"http://127.0.0.1:{ports[target.server]}"
                # A cached page gone since the last rep (two lifetimes) is
                # rendered here, not by the connections measured: those are
                # the uncached figures.
                fetch(base + target.url)
                target.runs.append(wrk(base + target.url, SECONDS))
        for name, process in started.items():
            memory[name] = workers_peak_mib(process.pid)
    finally:
        for process in started.values():
            process.terminate()
        for process in started.values():
            process.wait(timeout=30)
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
        keys = list(client.scan_iter(match=f"{CACHE_PREFIX}:*"))
        if keys:
            client.delete(*keys)
    return memory


# -- Reporting ------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(targets: list[Target], memory: dict[str, list[float]]) -> str:
    top = next(t for t in targets if t.group == "ceiling")
    ceiling = top.median("rps")
    lines = [
        f"`make bench`, {datetime.date.today():%Y-%m-%d}: {os.cpu_count()} cores, "
        f"gunicorn {WORKERS} sync workers, wrk {CONNECTIONS} connections, "
        f"{SECONDS} s × {REPS} alternating reps (medians; a share of the ceiling is "
        "taken against the ceiling's figure of the same rep); PostgreSQL, Redis. "
        "Uncached: every request renders the page; cached: the page cache for "
        "anonymous readers.",
        "",
        "| page | data | mode | queries | req/s | p95 ms | p99 ms | errors "
        "| share of ceiling | worker peak MiB |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for target in targets:
        peak = max(memory.get(target.server, [0]))
        rps = target.median("rps")
        if target.group == "ceiling":
            data = "—"
        elif target.group == "reference":
            data = f"{REFERENCE_ROWS[target.size]:,} rows"
        else:
            data = f"{target.size} reports"
        name = target.name if target.group != "horizont" else f"Horizont {target.name}"
        lines.append(
            f"| {name} | {data} | {target.mode or '—'} "
            f"| {'' if target.queries is None else target.queries} "
            f"| {rps:.0f} | {target.median('p95'):.1f} | {target.median('p99'):.1f} "
            f"| {sum(run['errors'] for run in target.runs)} "
            f"| {target.share(top):.1%} | {peak:.0f} |"
        )

    horizont = [t for t in targets if t.group == "horizont"]
    uncached = [t for t in horizont if t.mode == "uncached"]
    cached = [t for t in horizont if t.mode == "cached"]

    def worst_share(pages: list[Target]) -> tuple[float, str]:
        page = min(pages, key=lambda t: t.share(top))
        return page.share(top), f"{page.name}, {page.size}"

    goals = []
    for label, pages, goal in [
        ("uncached lists", [t for t in uncached if t.kind == "list"], LIST_SHARE),
        ("uncached details", [t for t in uncached if t.kind == "detail"], DETAIL_SHARE),
        ("cached, every page", cached, CACHED_SHARE),
    ]:
        share, which = worst_share(pages)
        goals.append(
            (
                f"{label} ≥ {goal:.1%} of the ceiling",
                f"{share:.1%} ({which})",
                share >= goal,
            )
        )
    slowest = max(
        (t for t in horizont if t.size == "100k"), key=lambda t: t.median("p95")
    )
    goals.append(
        (
            f"p95 ≤ {P95_MS:.0f} ms at 100k reports, any page",
            f"{slowest.median('p95'):.1f} ms ({slowest.name}, {slowest.mode})",
            slowest.median("p95") <= P95_MS,
        )
    )
    for kind, limit in [("list", LIST_QUERIES), ("detail", DETAIL_QUERIES)]:
        most = max((t for t in uncached if t.kind == kind), key=lambda t: t.queries)
        goals.append(
            (
                f"{kind} pages ≤ {limit} queries",
                f"{most.queries} ({most.name}, {most.size})",
                most.queries <= limit,
            )
        )
    peaks = {name: max(values) for name, values in memory.items() if "horizont" in name}
    heaviest = max(peaks, key=peaks.get)
    goals.append(
        (
            f"worker memory ≤ {WORKER_MIB:.0f} MiB peak",
            f"{peaks[heaviest]:.1f} MiB ({heaviest})",
            peaks[heaviest] <= WORKER_MIB,
        )
    )
    lines += [
        "",
        f"Ceiling: {ceiling:.0f} req/s. Reference workers: "
        + ", ".join(
            f"{name} {max(values):.0f} MiB"
            for name, values in memory.items()
            if "horizont" not in name
        )
        + ".",
        "",
        "| goal (issue 14) | measured (worst) | |",
        "|---|---|---|",
        *(f"| {goal} | {measured} | {verdict(ok)} |" for goal, measured, ok in goals),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk (Debian: apt-get install -y wrk).")
    for url, reports, events, organisations in DATA_SETS.values():
        ensure_horizont(url, reports, events, organisations)
    for size, rows in REFERENCE_ROWS.items():
        ensure_reference(f"{REFERENCE_URL}_{size}", rows)
    run_manage("collectstatic", "--noinput", "-v0", env=production_env(DATABASE_URL))

    servers, targets = servers_and_targets()
    memory = measure(servers, targets)
    RAW.write_text(
        json.dumps({"targets": [vars(t) for t in targets], "memory": memory}),
        encoding="utf-8",
    )
    table = report(targets, memory)
    print("\n" + table)
    ARTIFACT.write_text(table, encoding="utf-8")
    print(f"Written to {ARTIFACT.relative_to(ROOT)}.")


if __name__ == "__main__":
    if sys.argv[1:] == ["horizont_pages"]:
        print(json.dumps(horizont_pages()))
    elif sys.argv[1:] == ["reference_queries"]:
        print(json.dumps(reference_queries()))
    elif sys.argv[1:] == ["report"]:
        raw = json.loads(RAW.read_text(encoding="utf-8"))
        print(report([Target(**t) for t in raw["targets"]], raw["memory"]))
    else:
        main()
