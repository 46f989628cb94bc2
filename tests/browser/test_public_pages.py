"""The public pages in headless Chromium: a visitor's path and axe-core checks.

Screenshots land in test-artifacts/screenshots/ (printed at the start).
"""

import re

import pytest

from .conftest import format_violations, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_DETAIL_LINK = """prefix => {
    for (const a of document.querySelectorAll('main a[href]')) {
        const path = new URL(a.getAttribute('href'), document.baseURI).pathname;
        if (path.startsWith(prefix) && path !== prefix && path.endsWith('/')) {
            return path;
        }
    }
    return null;
}"""

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .filter(el => !el.closest('.visually-hidden, .skip-link'))
        // Inside an <svg> what lies beyond its box is cut off by the SVG itself.
        .filter(el => !(el.ownerSVGElement && el.ownerSVGElement.getBoundingClientRect().right <= width + 1))
        // Inside a box that scrolls sideways (a wide table) the page stays put.
        .filter(el => {
            for (let box = el.parentElement; box; box = box.parentElement) {
                const overflow = getComputedStyle(box).overflowX;
                if ((overflow === 'auto' || overflow === 'scroll')
                    && box.getBoundingClientRect().right <= width + 1) return false;
            }
            return true;
        })
        .slice(0, 5)
        .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
}"""


def load_all_images(page):
    """Scroll through the page so lazy images load, then wait for them."""
    page.evaluate(
        """async () => {
            for (const img of document.querySelectorAll('img')) {
                img.scrollIntoView();
                await new Promise(r => requestAnimationFrame(r));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function(
        "[...document.images].every(img => img.complete && img.naturalWidth > 0)"
    )


def shot(page, folder, name):
    load_all_images(page)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def assert_fits(page):
    overflowing = page.evaluate(OVERFLOW)
    assert not overflowing, f"{page.url}: wider than the screen: {overflowing}"


def test_visitor_path(demo_data, open_page, viewport_name, screenshot_dir):
    page, watch = open_page(viewport_name)
    prefix = viewport_name

    # Home
    page.goto(watch.origin + "/de/")
    assert page.locator("h1").count() == 1
    assert page.locator("main .card").count() >= 3
    assert_fits(page)
    shot(page, screenshot_dir, f"{prefix}-01-home")

    # Reports filtered by a country; on a phone through the menu button and
    # the collapsed filter panel.
    if viewport_name == "mobile":
        page.locator(".site-menu > summary").click()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Berichte"
    ).click()
    page.wait_for_url("**/de/berichte/")
    if viewport_name == "mobile":
        assert not page.get_by_label("Land").is_visible()
        page.get_by_text("Suchen und filtern").click()
    page.get_by_label("Land").select_option(label="Kanada")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url(re.compile(r"country=CA"))
    titles = page.locator("main .card__title").all_inner_texts()
    assert any("Kanada" in title for title in titles), titles
    assert not any("Südkorea" in title for title in titles), titles
    assert page.get_by_label("Land").input_value() == "CA"
    assert_fits(page)
    shot(page, screenshot_dir, f"{prefix}-02-reports-kanada")

    # Search for a word from the home page's search box
    page.goto(watch.origin + "/de/")
    page.get_by_label("Berichte durchsuchen").fill("Benchmarking")
    page.get_by_role("button", name="Suchen").click()
    page.wait_for_url(re.compile(r"q=Benchmarking"))
    titles = page.locator("main .card__title").all_inner_texts()
    assert titles and all("Südkorea" in title for title in titles), titles
    assert "Benchmarking" in page.title()
    shot(page, screenshot_dir, f"{prefix}-03-search")

    # A report from the search results, with its gallery, captions and credits
    page.locator("main .card__title a").first.click()
    page.wait_for_selector("article.report h1")
    figures = page.locator(".gallery figure")
    assert figures.count() >= 2
    for index in range(figures.count()):
        caption = figures.nth(index).locator("figcaption")
        assert caption.inner_text().strip()
        assert "Foto:" in caption.locator(".credit").inner_text()
        assert figures.nth(index).locator("img").get_attribute("alt")
    load_all_images(page)
    assert_fits(page)
    shot(page, screenshot_dir, f"{prefix}-04-report")

    # Follow a link to an organisation
    organisations = page.locator("section[aria-labelledby=involved-organisations] a")
    name = organisations.first.inner_text().strip()
    organisations.first.click()
    page.wait_for_url("**/de/organisationen/*/")
    assert page.locator("h1").inner_text().strip().startswith(name)
    assert_fits(page)
    shot(page, screenshot_dir, f"{prefix}-05-organisation")

    watch.assert_clean()


PATHS = {
    "de": {
        "home": "/de/",
        "reports": "/de/berichte/",
        "events": "/de/termine/",
        "delegations": "/de/delegationen/",
        "partnercities": "/de/partnerstaedte/",
        "organisations": "/de/organisationen/",
        "interest": "/de/interesse/",
        "imprint": "/de/impressum/",
        "figures": "/de/zahlen/",
        "privacy": "/de/datenschutz/",
        # The richest pages of the demo: roles, rough dates, programmes.
        "report-september": "/de/berichte/september-international-2025/",
        "report-highlights": "/de/berichte/highlights-jahresende-2025/",
        "event-nanokonferenz": "/de/termine/nanokonferenz-2025/",
        "delegation-kanada": "/de/delegationen/kanada-nanokonferenz-2025/",
        "organisation-fraunhofer-iml": "/de/organisationen/fraunhofer-iml/",
    },
    "en": {
        "home": "/en/",
        "reports": "/en/reports/",
        "events": "/en/events/",
        "delegations": "/en/delegations/",
        "partnercities": "/en/partner-cities/",
        "organisations": "/en/organisations/",
        "interest": "/en/register-interest/",
        "imprint": "/en/legal-notice/",
        "figures": "/en/figures/",
        "privacy": "/en/privacy/",
        "report-september": "/en/reports/"
        "september-2025-a-month-full-of-international-encounters/",
        "report-highlights": "/en/reports/"
        "dortmund-goes-international-highlights-at-the-end-of-2025/",
        "event-nanokonferenz": "/en/events/nano-conference-with-a-canadian-delegation/",
        "delegation-kanada": "/en/delegations/"
        "canadian-delegation-to-the-nano-conference/",
        "organisation-fraunhofer-iml": "/en/organisations/fraunhofer-iml/",
    },
}


def collect_pages(page, origin, language="de"):
    """Every public page type, with detail pages found through their lists."""
    paths = PATHS[language]
    pages = {
        "home": paths["home"],
        "report-list": paths["reports"],
        "search-results": paths["reports"] + "?q=Dortmund",
        "empty-results": paths["reports"] + "?q=zzzzqqq",
        "event-list": paths["events"],
        "delegation-list": paths["delegations"],
        "partnercity-list": paths["partnercities"],
        "organisation-list": paths["organisations"],
        "interest-form": paths["interest"],
        "imprint": paths["imprint"],
        "figures": paths["figures"],
        "figures-filtered": paths["figures"] + "?year=2025&region=asia",
        "figures-invalid": paths["figures"] + "?year=abc",
        "privacy": paths["privacy"],
        "not-found": f"/{language}/gibt-es-nicht/",
    }
    for name in (
        "report-september",
        "report-highlights",
        "event-nanokonferenz",
        "delegation-kanada",
        "organisation-fraunhofer-iml",
    ):
        pages[name] = paths[name]
    for name, key in [
        ("report", "reports"),
        ("event", "events"),
        ("delegation", "delegations"),
        ("partnercity", "partnercities"),
        ("organisation", "organisations"),
    ]:
        prefix = paths[key]
        page.goto(origin + prefix)
        path = page.evaluate(FIRST_DETAIL_LINK, prefix)
        assert path, f"no detail link on {prefix}: " + page.inner_text("main")[-1500:]
        pages[f"{name}-detail"] = path
    return pages


@pytest.mark.parametrize("language", ["de", "en"])
def test_axe_on_every_page_type(
    demo_data, open_page, viewport_name, screenshot_dir, language
):
    page, watch = open_page(viewport_name)
    pages = collect_pages(page, watch.origin, language)
    failures = []
    for name, path in pages.items():
        expected = 404 if name == "not-found" else 200
        if expected == 404:
            watch.expected_errors.add(watch.origin + path)
        response = page.goto(watch.origin + path)
        assert response.status == expected, f"{path}: {response.status}"
        load_all_images(page)
        page.screenshot(
            path=screenshot_dir / f"{viewport_name}-{language}-{name}.png",
            full_page=True,
        )
        if viewport_name == "mobile":
            assert_fits(page)
        violations = run_axe(page)
        print(f"axe {viewport_name} {name} {path}: {len(violations)} violation(s)")
        if violations:
            failures.append(format_violations(path, violations))
    watch.assert_clean()
    assert not failures, "\n\n".join(failures)


LONG_CREDIT = "Wirtschaftsförderung Dortmund / Jäger"

BOXES = """selector => [...document.querySelectorAll(selector)].map(el => {
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})"""


def test_long_photo_credits_wrap_without_overlap_or_overflow(
    demo_data, open_page, viewport_name
):
    from events.models import Photo

    for photo in Photo.objects.filter(report__slug="suedkorea-delegation-benchmarking"):
        photo.credit = LONG_CREDIT
        photo.save()
    page, watch = open_page(viewport_name)

    page.goto(watch.origin + "/de/berichte/suedkorea-delegation-benchmarking/")
    load_all_images(page)

    assert_fits(page)
    captions = page.evaluate(BOXES, ".gallery figcaption")
    assert len(captions) == 9
    for index, box in enumerate(captions):
        for other in captions[index + 1 :]:
            apart = (
                box["right"] <= other["left"] + 1
                or other["right"] <= box["left"] + 1
                or box["bottom"] <= other["top"] + 1
                or other["bottom"] <= box["top"] + 1
            )
            assert apart, f"captions overlap: {box} {other}"
    figures = page.evaluate(BOXES, ".gallery figure")
    for caption, figure in zip(captions, figures, strict=True):
        assert caption["right"] <= figure["right"] + 1
    assert LONG_CREDIT in page.locator(".gallery .credit").first.inner_text()
    watch.assert_clean()


def test_gallery_photo_opens_large_in_a_dialog(demo_data, open_page):
    page, watch = open_page("desktop")
    page.goto(watch.origin + "/de/berichte/suedkorea-delegation-benchmarking/")

    link = page.locator(".gallery a[data-lightbox]").nth(1)
    href = link.get_attribute("href")
    link.click()

    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    assert dialog.locator("img").get_attribute("src").endswith(href)
    assert "Foto:" in dialog.locator("p").inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    watch.assert_clean()


def test_phone_header_is_compact_and_the_first_report_is_on_the_first_screen(
    demo_data, open_page
):
    page, watch = open_page("mobile")

    page.goto(watch.origin + "/de/")

    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, header
    assert not page.get_by_role("link", name="Termine", exact=True).is_visible()
    first_title = page.locator("main .card__title").first.bounding_box()
    assert first_title["y"] + first_title["height"] <= 740, first_title
    page.locator(".site-menu > summary").click()
    assert page.get_by_role("link", name="Termine", exact=True).is_visible()
    watch.assert_clean()


def test_report_filters_are_open_on_desktop_and_when_used(demo_data, open_page):
    page, watch = open_page("desktop")
    page.goto(watch.origin + "/de/berichte/")
    assert page.get_by_label("Land").is_visible()

    phone, phone_watch = open_page("mobile")
    phone.goto(phone_watch.origin + "/de/berichte/?country=CA")
    assert phone.get_by_label("Land").is_visible()
    phone.goto(phone_watch.origin + "/de/berichte/")
    assert not phone.get_by_label("Land").is_visible()
