"""The production layout of compose.yaml as plain processes on one machine.

    python -m deploy.layout --database-url postgres://postgres@127.0.0.1:5432/horizont \\
        --email-url smtp://127.0.0.1:2525 --port 8080

starts Redis (cache and broker), an S3-compatible object store (moto's
server), migrations, two gunicorn app servers, a Celery worker, Celery beat and
nginx in front, each on a free loopback port, with its logs in --directory;
Ctrl-C stops them all. PostgreSQL and the mail server are the operator's.
tests/ops/test_layout.py brings the same layout up for its tests.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(port: int, timeout: float = 90) -> None:
    """Until the app server's /health/ answers 200: its workers have loaded
    Django and reached the database and the storage (on a busy machine, with
    everything booting at once, that takes a while)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            # Always http://127.0.0.1: the layout's own app server.
            with urllib.request.urlopen(  # noqa: S310
                f"http://127.0.0.1:{port}/health/", timeout=timeout
            ) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"app server on port {port} not healthy after {timeout} s")


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def nginx_conf(
    *, upstreams: list[str], listen: str, run: Path | str, user: str = ""
) -> str:
    """deploy/nginx.conf for these app servers (host:port), this address to
    listen on and this directory for nginx's pid, logs and buffers."""
    template = (ROOT / "deploy" / "nginx.conf").read_text()
    return template.format(
        run=run,
        upstreams="\n".join(
            f"        server {upstream} max_fails=1 fail_timeout=10s;"
            for upstream in upstreams
        ),
        listen=listen,
        user=f"user {user};" if user else "",
    )


def compose_nginx_conf() -> str:
    """The proxy's configuration in compose.yaml (deploy/nginx.compose.conf)."""
    return nginx_conf(upstreams=["app1:8000", "app2:8000"], listen="80", run="/tmp")


class Layout:
    """Two app servers, worker, beat, Redis, object storage and nginx."""

    def __init__(
        self,
        directory: Path,
        *,
        database_url: str,
        email_url: str,
        port: int | None = None,
        extra_env: dict | None = None,
    ):
        self.directory = directory
        self.port = port or free_port()
        self.redis_port, self.s3_port = free_port(), free_port()
        self.app_ports = [free_port(), free_port()]
        self.processes: dict[str, subprocess.Popen] = {}
        self.bucket = "horizont-media"
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY")
            or secrets.token_urlsafe(40),
            DATABASE_URL=database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/1",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            EMAIL_URL=email_url,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SITE_URL=f"http://127.0.0.1:{self.port}",
            DJANGO_TRUSTED_PROXY_COUNT="1",
            DJANGO_S3_BUCKET=self.bucket,
            DJANGO_S3_ENDPOINT=f"http://127.0.0.1:{self.s3_port}",
            DJANGO_S3_REGION="us-east-1",
            DJANGO_S3_ACCESS_KEY="horizont",
            DJANGO_S3_SECRET_KEY="horizont-secret",
            # Plain HTTP on loopback; in production TLS ends in front of nginx.
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_SECURE_COOKIES="false",
            DJANGO_SECURE_HSTS_SECONDS="0",
            DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
            PYTHONUNBUFFERED="1",
        )
        self.env.update(extra_env or {})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self, name: str) -> str:
        return (self.directory / f"{name}.log").read_text(errors="replace")

    def start(self, name: str, command: list[str], port: int | None = None):
        log = (self.directory / f"{name}.log").open("ab")
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes[name] = process
        if port:
            wait_for_port(port, process)
        return process

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=180,
        )

    def start_app(self, index: int) -> subprocess.Popen:
        port = self.app_ports[index]
        return self.start(
            f"app{index + 1}",
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "20",
                "--access-logfile",
                "-",
                "--no-control-socket",
            ],
            port,
        )

    def up(self) -> "Layout":
        self.directory.mkdir(parents=True, exist_ok=True)
        self.start(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            self.redis_port,
        )
        self.start(
            "s3",
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)],
            self.s3_port,
        )
        self.create_bucket()
        self.manage("migrate", "--noinput", "-v0")
        for index in range(2):
            self.start_app(index)
        for port in self.app_ports:
            wait_until_healthy(port)
        self.start(
            "worker",
            [str(BIN / "celery"), "-A", "config", "worker", "--loglevel", "INFO"]
            + ["--concurrency", "2", "--hostname", f"worker-{self.port}@%h"],
        )
        self.start(
            "beat",
            [str(BIN / "celery"), "-A", "config", "beat", "--loglevel", "INFO"]
            + ["--schedule", str(self.directory / "celerybeat-schedule")],
        )
        self.start_nginx()
        return self

    def create_bucket(self) -> None:
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.env["DJANGO_S3_ENDPOINT"],
            region_name="us-east-1",
            aws_access_key_id="horizont",
            aws_secret_access_key="horizont-secret",
        ).create_bucket(Bucket=self.bucket)

    def start_nginx(self) -> None:
        run = self.directory / "nginx"
        run.mkdir(exist_ok=True)
        config = run / "nginx.conf"
        config.write_text(
            nginx_conf(
                upstreams=[f"127.0.0.1:{port}" for port in self.app_ports],
                listen=f"127.0.0.1:{self.port}",
                run=run,
                # Started as root, nginx's workers would run as nobody and
                # could not write request bodies into this private directory.
                user="root" if os.geteuid() == 0 else "",
            )
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.start("nginx", [nginx, "-c", str(config), "-g", "daemon off;"], self.port)

    def down(self) -> None:
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)  # a frozen one must hear TERM
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def main() -> None:
    if sys.argv[1:] == ["compose-nginx-conf"]:
        print(compose_nginx_conf(), end="")
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument(
        "--email-url", default=os.environ.get("EMAIL_URL", "consolemail://")
    )
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--directory", type=Path, default=None)
    args = parser.parse_args()
    if not args.database_url:
        parser.error(
            "--database-url (or DATABASE_URL) is needed: a PostgreSQL database"
        )
    directory = args.directory or Path(tempfile.mkdtemp(prefix="horizont-layout-"))
    layout = Layout(
        directory,
        database_url=args.database_url,
        email_url=args.email_url,
        port=args.port,
    )
    # Ctrl-C and TERM are taken by sigwait below, so that `down` always runs.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        layout.up()
        print(f"Horizont on {layout.url}/ (logs in {directory}); Ctrl-C stops it.")
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        layout.down()


if __name__ == "__main__":
    main()
