from django.conf import settings
from django.urls import translate_url


def site(request):
    """Canonical address and the same page in each language, for the layout."""
    path = request.path
    match = request.resolver_match
    return {
        # "report" for report_list and report_detail: marks the menu entry.
        "nav_section": match.url_name.split("_")[0] if match and match.url_name else "",
        "canonical_url": request.build_absolute_uri(path),
        "language_alternates": [
            (code, name, request.build_absolute_uri(translate_url(path, code)))
            for code, name in settings.LANGUAGES
        ],
    }
