"""The production layout (deploy/layout.py, compose.yaml as processes): nginx,
two app servers, Celery worker and beat, Redis, object storage; what visitors,
staff and the mail server see when parts of it misbehave."""

import contextlib
import io
import os
import re
import secrets
import shutil
import signal
import socket
import threading
import time
from pathlib import Path

import boto3
import pytest
from aiosmtpd.controller import Controller
from PIL import Image

from deploy.layout import Layout, wait_until_healthy
from tests.ops.conftest import SHARED_PG as PG
from tests.ops.conftest import (
    THANKS,
    Client,
    Load,
    free_port,
    pg_execute,
    registered_emails,
    shared_pg_reachable,
    submit_interest,
)
from tests.ops.test_scale_out import photo_bytes, report_with_photo

pytestmark = pytest.mark.ops

# How long the mail server stays away; HORIZONT_OPS_SMTP_DOWN_SECONDS=60 with
# DJANGO_MAIL_RETRY_SECONDS=60 shows the real thing (README, Operations).
SMTP_DOWN = float(os.environ.get("HORIZONT_OPS_SMTP_DOWN_SECONDS", "4"))
RETRY_SECONDS = os.environ.get("HORIZONT_OPS_MAIL_RETRY_SECONDS", "1")


class Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, envelope.content.decode("utf-8", "replace"))
        )
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        return sorted(r for rcpt, _ in self.messages for r in rcpt)


@pytest.fixture(scope="module")
def layout(template_database, tmp_path_factory):
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        reason = "the production layout needs nginx (apt-get install -y nginx)"
        if os.environ.get("HORIZONT_REQUIRE_NGINX") == "1":
            pytest.fail(f"{reason} (HORIZONT_REQUIRE_NGINX=1)", pytrace=False)
        pytest.skip(reason)
    if not shared_pg_reachable():
        pytest.skip(f"the operations tests need PostgreSQL at {PG}")
    name = f"horizont_ops_{secrets.token_hex(4)}_layout"
    pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    smtp_port = free_port()
    layout = Layout(
        tmp_path_factory.mktemp("layout"),
        database_url=f"{PG}/{name}",
        email_url=f"smtp://127.0.0.1:{smtp_port}",
        extra_env={
            "DJANGO_MAIL_RETRY_SECONDS": RETRY_SECONDS,
            "DJANGO_INTEREST_RATE": "1000/h",
            # The test sends the form as soon as it has read it.
            "DJANGO_INTEREST_MIN_FILL_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "INFO",
        },
    )
    layout.smtp_port = smtp_port
    try:
        layout.up()
        # Every worker process loads its code and connections on its first
        # requests (a second or more): not what these tests measure.
        for port in layout.app_ports:
            for _ in range(4):
                Client(f"http://127.0.0.1:{port}").get("/de/interesse/", timeout=60)
        yield layout
    finally:
        layout.down()
        pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_registrations_are_mailed_by_the_worker_after_the_mail_server_returns(
    layout,
):
    inbox = Inbox()
    visitor = Client(layout.url)
    # A frozen mail server: connections are accepted by the kernel, and
    # nothing ever answers (each attempt waits for EMAIL_TIMEOUT).
    frozen = socket.create_server(("127.0.0.1", layout.smtp_port), backlog=64)
    started = time.monotonic()
    answers = []
    for n in range(3):
        before = time.monotonic()
        answers.append(submit_interest(visitor, f"smtp-down{n}@example.kr"))
        answers[-1].seconds = time.monotonic() - before
    # Down for SMTP_DOWN seconds, and at least until the worker has failed once.
    time.sleep(max(0.0, SMTP_DOWN - (time.monotonic() - started)))
    assert wait_until(lambda: "Retry in" in layout.log("worker"), 60)
    frozen.close()

    smtp = Controller(inbox, hostname="127.0.0.1", port=layout.smtp_port)
    smtp.start()
    back = time.monotonic()
    try:
        expected = [f"smtp-down{n}@example.kr" for n in range(3)]
        assert wait_until(lambda: inbox.recipients() == expected, 60), (
            inbox.recipients(),
            layout.log("worker")[-3000:],
        )
        delivered_after = time.monotonic() - back
        # The partner opens the link and confirms with its button; the team
        # hears of it.
        link = re.search(r"http://127\.0\.0\.1:\d+(/de/\S+)", inbox.messages[0][1])
        visitor.get(link.group(1))
        pressed = visitor.post(link.group(1), {})
        confirmed = visitor.get(link.group(1))  # where the button redirects
        assert wait_until(lambda: len(inbox.messages) == 4, 30)
        # Outbox runs and late retries change nothing: each mail went out once.
        layout.manage("send_pending_mail")
        time.sleep(3)
    finally:
        smtp.stop()

    for answer in answers:
        assert THANKS in answer.text
        assert answer.seconds < 2  # the request never waited for the mail server
    assert pressed.status == 302
    assert "Ihre Anfrage ist bestätigt" in confirmed.text
    assert inbox.recipients() == sorted([*expected, "international@example.org"])
    assert registered_emails(layout.env["DATABASE_URL"])[-3:] == expected
    print(f"mails delivered {delivered_after:.1f} s after the mail server returned")


def test_slow_clients_do_not_take_the_site_down(layout):
    # More slow clients than the four gunicorn workers behind nginx: without
    # nginx's buffering each would hold a worker until its body is complete.
    slow = []
    for _ in range(6):
        connection = socket.create_connection(("127.0.0.1", layout.port))
        connection.sendall(b"POST /de/interesse/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        slow.append(connection)
    stop = threading.Event()

    def drip():  # one byte a second on each connection
        while not stop.is_set():
            for connection in slow:
                with contextlib.suppress(OSError):
                    connection.sendall(b"X")
            time.sleep(1)

    dripping = threading.Thread(target=drip, daemon=True)
    dripping.start()
    try:
        time.sleep(2)
        timings = []
        for _ in range(8):
            before = time.monotonic()
            page = Client(layout.url).get("/de/berichte/", timeout=5)
            timings.append(time.monotonic() - before)
            assert page.status == 200
            assert "Berichte" in page.text
    finally:
        stop.set()
        dripping.join(timeout=5)
        for connection in slow:
            connection.close()
    assert max(timings) < 2, timings
    print(f"pages while 6 clients drip: {timings} s")


def test_a_300_mb_anonymous_post_is_refused_before_django(layout):
    logs_before = layout.log("app1") + layout.log("app2")
    connection = socket.create_connection(("127.0.0.1", layout.port), timeout=10)
    connection.sendall(
        b"POST /de/interesse/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 314572800\r\n\r\n" + b"a" * 65536
    )
    answer = connection.recv(4096).decode("latin-1")
    connection.close()

    assert answer.startswith("HTTP/1.1 413"), answer
    logs_after = layout.log("app1") + layout.log("app2")
    assert logs_after.count("POST /de/interesse/") == logs_before.count(
        "POST /de/interesse/"
    )


def bucket_names(layout) -> set[str]:
    s3 = boto3.client(
        "s3",
        endpoint_url=layout.env["DJANGO_S3_ENDPOINT"],
        region_name="us-east-1",
        aws_access_key_id="horizont",
        aws_secret_access_key="horizont-secret",  # noqa: S106 - the test's store
    )
    listing = s3.list_objects_v2(Bucket=layout.bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_photos_live_in_object_storage_shared_by_both_app_servers(layout):
    staff = Client(layout.url)
    staff.login()
    staff.get("/admin/events/report/add/")
    data = report_with_photo() | {"slug": "ops-s3-busan"}
    saved = staff.post(
        "/admin/events/report/add/",
        data,
        files={"photos-0-image": ("rathaus.jpg", photo_bytes(), "image/jpeg")},
    )
    assert saved.status == 302, saved.text[:2000]

    stored = bucket_names(layout)
    originals = {n for n in stored if n.startswith("photos/")}
    renditions = {n for n in stored if n.startswith("renditions/")}
    assert len(originals) == 1 and len(renditions) == 3, stored
    assert not any(Path(layout.directory).rglob("*.webp"))  # nothing on a disk
    for port in layout.app_ports:  # either app server shows the photo
        page = Client(f"http://127.0.0.1:{port}").get("/de/berichte/ops-s3-busan/")
        urls = re.findall(r'(/media/[^"\s,]+\.webp)', page.text)
        assert urls, page.text[:2000]
    photo = Client(layout.url).get(urls[0])
    assert photo.status == 200
    assert photo.headers["Content-Type"] == "image/webp"
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in photo.headers["Content-Security-Policy"]
    assert Image.open(io.BytesIO(photo.body)).width == 800

    # Deleted in the admin: the clean-up job removes the files from the bucket.
    server, database = layout.env["DATABASE_URL"].rsplit("/", 1)
    [(report_id,)] = pg_execute(
        "SELECT id FROM events_report WHERE slug = 'ops-s3-busan'", server, database
    )
    delete = f"/admin/events/report/{report_id}/delete/"
    staff.get(delete)
    assert staff.post(delete, {"post": "yes"}).status == 302
    layout.manage(
        "shell",
        "-c",
        "import datetime; from events.tasks import remove_orphaned_files; "
        "print(remove_orphaned_files(grace=datetime.timedelta(0)))",
    )
    assert not (bucket_names(layout) & (originals | renditions))


def test_a_frozen_redis_costs_a_page_a_fraction_of_a_second(layout):
    paths = ["/de/", "/de/berichte/", "/de/termine/", "/de/interesse/"]
    visitor = Client(layout.url)

    def timed_pages(query: str) -> list[float]:
        timings = []
        for n in range(12):  # every app worker, more than once; never cached
            before = time.monotonic()
            page = visitor.get(f"{paths[n % 4]}?{query}={n}")
            timings.append(round(time.monotonic() - before, 2))
            assert page.status == 200, page.text[:500]
        return timings

    # The same pages with Redis answering: what the machine takes anyway.
    baseline = timed_pages("up")
    redis = layout.processes["redis"]
    redis.send_signal(signal.SIGSTOP)
    try:
        timings = timed_pages("frozen")
        before = time.monotonic()
        registered = submit_interest(visitor, "redis-frozen@example.kr")
        post_seconds = time.monotonic() - before
    finally:
        redis.send_signal(signal.SIGCONT)

    # Each page waits for Redis at most once (0.25 s, twice at worst).
    assert max(timings) < max(baseline) + 0.55, (baseline, timings)
    print(f"pages with Redis up: {baseline} s, frozen: {timings} s")
    assert THANKS in registered.text
    assert post_seconds < 2
    assert "redis-frozen@example.kr" in registered_emails(layout.env["DATABASE_URL"])
    # The mail could not be queued: it waits in the outbox for the outbox job.
    assert "not queued (broker unavailable)" in layout.log("app1") + layout.log("app2")


def test_a_killed_app_server_loses_no_request_beyond_those_in_flight(layout):
    paths = ["/de/", "/de/berichte/", "/de/termine/", "/health/"]
    with Load(layout.url, paths, threads=3) as load:
        time.sleep(2)
        killed = time.monotonic()
        layout.processes["app1"].send_signal(signal.SIGKILL)
        time.sleep(4)
    layout.processes["app1"].wait(timeout=5)
    layout.start_app(0)
    wait_until_healthy(layout.app_ports[0])

    failed = [(path, status) for _, _, path, status, _ in load.results if status != 200]
    # At most the requests app1's two workers were serving when it was killed.
    assert len(failed) <= 2, failed
    assert any(end < killed for _, end, *_ in load.results)
    assert any(start > killed + 1 for start, *_ in load.results)
    print(f"app server killed: {len(failed)} of {len(load.results)} requests failed")
