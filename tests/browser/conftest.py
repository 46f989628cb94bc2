"""Headless Chromium against pytest-django's live server.

Playwright drives Debian's chromium (its own browser download does not work
here). Without /usr/bin/chromium the browser tests are skipped with a visible
reason, unless HORIZONT_REQUIRE_BROWSER=1 asks for them to fail instead.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test.utils import override_settings

# Playwright's sync API runs an event loop in this thread; the ORM calls made
# by the fixtures below would otherwise refuse to run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("HORIZONT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 360, "height": 740},
}


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("HORIZONT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (HORIZONT_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def _plain_http_live_server():
    """The live server speaks plain HTTP: no redirect to https, no HSTS.

    Session-scoped and autouse so it is active before the (session-scoped)
    live server builds its middleware, which reads these settings once.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SECURE_HSTS_SECONDS=0,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    ):
        yield


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nBrowser screenshots: {SCREENSHOTS}")
    return SCREENSHOTS


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _browser_unavailable(f"browser tests need Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("browser tests need the Python package playwright")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_data():
    from events.demo import load_demo

    return load_demo()


class PageWatch:
    """Records console errors, failed requests and requests to foreign hosts."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.failed_responses: list[str] = []
        # Documents that answer with an error on purpose (the 404 page).
        self.expected_errors: set[str] = set()
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._on_request)
        page.on("response", self._on_response)

    def _on_console(self, message):
        if message.type == "error" and (
            message.location.get("url") not in self.expected_errors
        ):
            self.console_errors.append(f"{message.text} ({message.location})")

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign_requests.append(request.url)

    def _on_response(self, response):
        # 404 pages are requested on purpose; everything else must load.
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed_responses.append(f"{response.status} {response.url}")

    def assert_clean(self):
        assert not self.foreign_requests, (
            "requests to hosts other than the live server:\n"
            + "\n".join(self.foreign_requests)
        )
        assert not self.failed_responses, "sub-resources failed:\n" + "\n".join(
            self.failed_responses
        )
        assert not self.console_errors, "console errors:\n" + "\n".join(
            self.console_errors
        )


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport_name(request):
    return request.param


@pytest.fixture
def open_page(browser, live_server):
    """open_page(viewport) -> (page, watch); contexts are closed afterwards."""
    contexts = []

    def factory(viewport: str):
        context = browser.new_context(
            viewport=VIEWPORTS[viewport],
            locale="de-DE",
            device_scale_factor=1,
            is_mobile=viewport == "mobile",
            has_touch=viewport == "mobile",
            service_workers="block",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page, PageWatch(page, live_server.url)

    yield factory
    for context in contexts:
        context.close()


def run_axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the site's
        # Content-Security-Policy (script-src 'self') rightly does not allow
        # for inline <script> tags.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(' '), summary: n.failureSummary,
                    html: n.html.slice(0, 200),
                })),
            }));
        }"""
    )
    return result


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe: {len(violations)} violation(s) on {url}"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html']}")
            for summary_line in (node["summary"] or "").splitlines():
                lines.append(f"       {summary_line}")
    return "\n".join(lines)
