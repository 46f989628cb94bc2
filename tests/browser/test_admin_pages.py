"""The back-office in the browser: the dashboard, a change list and the report
form have no serious or critical accessibility violation (axe), load nothing
from other hosts, and the report form shows German and English side by side."""

import pytest
from django.contrib.auth.models import Group

from events.models import Report

from .conftest import format_violations, run_axe
from .test_editor_entry import staff_groups

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "ein-langes-passwort"


def log_in(page, origin: str, username: str) -> None:
    page.goto(f"{origin}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


@pytest.fixture
def editor_login(django_user_model):
    staff_groups()  # an earlier transactional test's flush removed them
    editor = django_user_model.objects.create_user(
        "redakteurin", password=PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Redaktion"))
    return editor.username


def test_admin_pages_have_no_serious_accessibility_violation(
    open_page, live_server, demo_data, editor_login, screenshot_dir
):
    page, watch = open_page("desktop")
    log_in(page, live_server.url, editor_login)
    report = Report.objects.filter(photos__isnull=False).order_by("pk").first()
    pages = {
        "dashboard": "/admin/",
        "report-changelist": "/admin/events/report/",
        "report-form": f"/admin/events/report/{report.pk}/change/",
        "delegation-form": "/admin/delegations/delegation/add/",
    }
    failures = []
    for name, path in pages.items():
        page.goto(live_server.url + path)
        for summary in page.locator("details > summary").all():
            summary.click()  # axe checks what is folded away too
        page.screenshot(path=screenshot_dir / f"admin-{name}.png", full_page=True)
        violations = [
            v for v in run_axe(page) if v["impact"] in ("serious", "critical")
        ]
        print(f"axe admin {name}: {len(violations)} serious or critical")
        if violations:
            failures.append(format_violations(path, violations))
    watch.assert_clean()
    assert not failures, "\n\n".join(failures)


def test_report_form_shows_german_and_english_side_by_side(
    open_page, live_server, demo_data, editor_login
):
    page, watch = open_page("desktop")
    log_in(page, live_server.url, editor_login)
    report = Report.objects.filter(photos__isnull=False).order_by("pk").first()

    page.goto(f"{live_server.url}/admin/events/report/{report.pk}/change/")
    pairs = {}
    for field in ("title", "lead", "sections-0-body"):
        name = field.split("-")[-1]
        german = page.locator(f".fieldBox.field-{name}_de").first
        english = page.locator(f".fieldBox.field-{name}_en").first
        pairs[field] = (german.bounding_box(), english.bounding_box())
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"report form: {height} px tall at 1280 px (groups folded)")

    for field, (german, english) in pairs.items():
        # Same line, English to the right, each about half the form wide.
        assert abs(german["y"] - english["y"]) < 5, field
        assert english["x"] > german["x"] + german["width"] - 5, field
        assert german["width"] > 300, field
    watch.assert_clean()
