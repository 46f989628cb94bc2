"""Processes the operations tests start and stop themselves, and a small HTTP client.

App servers are real gunicorn processes on free loopback ports. Their database
is on the shared PostgreSQL server whatever DATABASE_URL says (the suite also
runs on SQLite), in databases named horizont_ops_* that are dropped afterwards;
fault tests start their own PostgreSQL, Redis and SMTP servers.
"""

import contextlib
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import redis
from psycopg.sql import Composable

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("HORIZONT_PG_BIN", "/usr/lib/postgresql/15/bin"))
SHARED_PG = os.environ.get("HORIZONT_OPS_PG", "postgres://postgres@127.0.0.1:5432")
SHARED_REDIS = os.environ.get("HORIZONT_OPS_REDIS", "redis://127.0.0.1:6379/13")
ADMIN_USER = "ops-admin"
ADMIN_PASSWORD = "ops-Passwort-2026"
START_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited: {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def pg_execute(
    sql: str | Composable, server: str = SHARED_PG, dbname: str = "postgres"
) -> list:
    with psycopg.connect(
        f"{server}/{dbname}", autocommit=True, connect_timeout=5
    ) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def shared_pg_reachable() -> bool:
    try:
        pg_execute("SELECT 1")
    except psycopg.OperationalError:
        return False
    return True


def run_manage(*args: str, env: dict, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def server_env(*, database_url: str, media_root: Path, **extra: str) -> dict:
    """Production settings, except for plain HTTP on loopback."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=os.environ["DJANGO_SECRET_KEY"],
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_LOG_LEVEL="WARNING",
        EMAIL_URL="dummymail://",
        # The visitors here send the form straight after opening it.
        DJANGO_INTEREST_MIN_FILL_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class AppServer:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@pytest.fixture
def app_server(tmp_path) -> Iterator:
    """Starts gunicorn processes; all are stopped when the test ends."""
    servers: list[AppServer] = []

    def start(env: dict, *, workers: int = 1, wsgi: str = "config.wsgi") -> AppServer:
        port = free_port()
        log_path = tmp_path / f"gunicorn-{port}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    wsgi,
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--timeout",
                    "20",
                    "--graceful-timeout",
                    "5",
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        server = AppServer(process, port, log_path)
        servers.append(server)
        wait_for_port(port, START_TIMEOUT, process)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def template_database() -> Iterator[str]:
    """A migrated database with the demo data and a superuser, to copy from."""
    if not shared_pg_reachable():
        message = f"the operations tests need PostgreSQL at {SHARED_PG}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"horizont_ops_{secrets.token_hex(4)}_tpl"
    pg_execute(f'CREATE DATABASE "{name}"')
    try:
        env = server_env(
            database_url=f"{SHARED_PG}/{name}",
            media_root=Path(tempfile.gettempdir()) / "horizont-ops-unused",
            DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        )
        run_manage("migrate", "--noinput", "-v0", env=env)
        run_manage("load_demo", env=env)
        run_manage(
            "createsuperuser",
            "--noinput",
            "--username",
            ADMIN_USER,
            "--email",
            "ops@example.org",
            env=env,
        )
        yield name
    finally:
        pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database(template_database) -> Iterator[str]:
    """A fresh copy of the template database on the shared server; its URL."""
    name = f"horizont_ops_{secrets.token_hex(4)}"
    pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    try:
        yield f"{SHARED_PG}/{name}"
    finally:
        pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def shared_redis() -> Iterator[dict]:
    """The shared Redis with a key prefix of this test's own, emptied afterwards."""
    prefix = f"horizont_ops_{secrets.token_hex(4)}"
    yield {"REDIS_URL": SHARED_REDIS, "DJANGO_CACHE_KEY_PREFIX": prefix}
    client = redis.Redis.from_url(SHARED_REDIS, socket_timeout=5)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def as_postgres_user(command: list[str]) -> list[str]:
    """initdb refuses to run as root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class OwnPostgres:
    directory: Path
    port: int

    @property
    def server(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def ctl(self, action: str, *options: str) -> None:
        subprocess.run(
            as_postgres_user(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.directory / "data"),
                    "-l",
                    str(self.directory / "postgres.log"),
                    "-w",
                    "-t",
                    "20",
                    "-o",
                    f"-p {self.port} -k {self.directory} "
                    "-c listen_addresses=127.0.0.1 -c fsync=off",
                    *options,
                    action,
                ]
            ),
            check=True,
            capture_output=True,
            timeout=30,
        )


@pytest.fixture
def own_postgres() -> Iterator[OwnPostgres]:
    """A throw-away PostgreSQL server of this test's own, to stop and start."""
    directory = Path(tempfile.mkdtemp(prefix="horizont-ops-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    server = OwnPostgres(directory, free_port())
    subprocess.run(
        as_postgres_user(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(directory / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=60,
    )
    server.ctl("start")
    try:
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.ctl("stop", "-m", "immediate")  # unless the test stopped it
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def own_redis() -> Iterator[dict]:
    """A throw-away Redis server; `process` is there to kill it."""
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 10, process)
        yield {"url": f"redis://127.0.0.1:{port}/0", "process": process}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=5)


# -- A browser, as far as these tests need one ---------------------------------


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes = field(repr=False)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """Cookies and CSRF like a browser; redirects are answers, not followed.

    Two clients sharing a cookie jar are one browser talking to two servers,
    as behind a load balancer.
    """

    def __init__(self, base_url: str, jar: http.cookiejar.CookieJar | None = None):
        self.base_url = base_url
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(
        self,
        method: str,
        path: str,
        data: dict | None = None,
        files: dict | None = None,
        timeout: float = 15,
    ) -> Response:
        body, headers = None, {}
        if files:
            body, content_type = encode_multipart(data or {}, files)
            headers["Content-Type"] = content_type
        elif data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        # Always http://127.0.0.1: no other scheme reaches here.
        request = urllib.request.Request(  # noqa: S310
            self.base_url + path, data=body, headers=headers, method=method
        )
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Response:
        token = self.cookie("csrftoken")
        return self.request(
            "POST", path, data={**data, "csrfmiddlewaretoken": token}, **kwargs
        )

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def login(self, username: str = ADMIN_USER, password: str = ADMIN_PASSWORD):
        self.get("/admin/login/")
        response = self.post(
            "/admin/login/",
            {"username": username, "password": password, "next": "/admin/"},
        )
        assert response.status == 302, response.text[:2000]
        return response


def encode_multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{item}\r\n".encode()
            )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def interest_data(email: str, started: str, name: str = "Min-jun Kim") -> dict:
    """A filled-in interest form with the fill-time token the page handed out."""
    return {
        "name": name,
        "organisation": "Busan Techno Park",
        "email": email,
        "country": "KR",
        "cooperation": "market_entry",
        "message": "Wir planen eine Delegation nach Dortmund.",
        "consent": "on",
        "homepage": "",
        "started": started,
    }


def submit_interest(client: Client, email: str, **kwargs) -> Response:
    """Open the form, send it, follow the redirect: what the visitor ends up seeing."""
    form = client.get("/de/interesse/", **kwargs)
    if form.status != 200:
        return form
    started = re.search(r'name="started" value="([^"]+)"', form.text).group(1)
    sent = client.post("/de/interesse/", interest_data(email, started), **kwargs)
    if sent.status != 302:
        return sent
    return client.get(sent.location, **kwargs)


THANKS = "Vielen Dank für Ihr Interesse"


def registered_emails(database_url: str) -> list[str]:
    server, name = database_url.rsplit("/", 1)
    rows = pg_execute(
        "SELECT email FROM contacts_interestregistration ORDER BY id", server, name
    )
    return [email for (email,) in rows]


class Load:
    """Threads that request pages in a loop and note what each answer was."""

    def __init__(self, base_url: str, paths: list[str], threads: int = 4):
        self.base_url = base_url
        self.paths = paths
        self.results: list[tuple[float, float, str, int, str]] = []
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True)
            for n in range(threads)
        ]

    def _run(self, offset: int) -> None:
        client = Client(self.base_url)
        n = offset
        while not self._stop.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            started = time.monotonic()
            try:
                response = client.get(path, timeout=10)
                status, text = response.status, response.text
            except OSError as error:
                status, text = 0, repr(error)
            self.results.append((started, time.monotonic(), path, status, text))

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)


def first_match(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found"
    return match.group(1)
