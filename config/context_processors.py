import functools

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language


def translated_path(path: str, code: str) -> str:
    """The same page's path in another language. It follows from the URL
    patterns and the active language alone, so a short path's is worked out
    once (resolving and reversing took a tenth of a millisecond a page)."""
    if len(path) > 200:  # anything a visitor types: not kept
        return translate_url(path, code)
    return _translated_path(path, code, get_language(), get_urlconf())


@functools.lru_cache(maxsize=512)
def _translated_path(path: str, code: str, _active: str, _urlconf: str | None) -> str:
    return translate_url(path, code)


def site(request):
    """Canonical address and the same page in each language, for the layout."""
    path = request.path
    match = request.resolver_match
    try:
        absolute = request.build_absolute_uri
        canonical_url = absolute(path)
    except DisallowedHost:
        # The 400 page for a forged Host header: never echo that host.
        return {}
    # A detail page names its address in each language: slugs differ by language.
    paths = getattr(request, "language_paths", {})
    alternates = [
        (
            code,
            name,
            absolute(paths.get(code) or translated_path(path, code)),
        )
        for code, name in settings.LANGUAGES
    ]
    query = request.GET.urlencode()
    return {
        # "report" for report_list and report_detail: marks the menu entry.
        "nav_section": match.url_name.split("_")[0] if match and match.url_name else "",
        "canonical_url": canonical_url,
        # The footer's address block.
        "team_email": settings.HORIZONT_TEAM_EMAIL,
        "language_alternates": alternates,
        # The switch keeps filters and search terms; the alternates do not.
        "language_switch": [
            (code, name, f"{url}?{query}" if query else url)
            for code, name, url in alternates
        ],
    }
