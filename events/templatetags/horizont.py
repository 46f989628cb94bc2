from html import escape

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from config import html
from config.i18n import falls_back

register = template.Library()

# Pieces of the layout that follow from code, settings and the language only
# (menu, footer): rendered once per process and language, never from data.
_RENDERED: dict[tuple, str] = {}


@register.simple_tag
def rendered_once(template_name: str, **values) -> str:
    """The template rendered with `values` (and the team's address), once per
    language and values; the layout's menu and footer need nothing else."""
    key = (template_name, get_language(), *sorted(values.items()))
    piece = _RENDERED.get(key)
    if piece is None:
        piece = render_to_string(
            template_name, {**values, "team_email": settings.HORIZONT_TEAM_EMAIL}
        )
        _RENDERED[key] = piece
    return mark_safe(piece)  # noqa: S308 - our own templates, rendered


@register.filter
def sanitize_html(value: str) -> str:
    """Clean stored rich text once more on its way to the page."""
    # nh3 has just removed everything unsafe.
    return mark_safe(html.clean(value))  # noqa: S308


@register.filter
def sanitize_legal_html(value: str) -> str:
    """Like sanitize_html, with the subheadings legal pages need."""
    return mark_safe(html.clean(value, headings=True))  # noqa: S308


@register.simple_tag
def fallback_lang(obj, *fields: str) -> str:
    """` lang="de"` on an element whose text is German standing in for the
    reader's language (any of the fields), so that it is read out right."""
    if any(falls_back(obj, field) for field in fields):
        return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')  # noqa: S308 - fixed text
    return ""


# The layout's links to the page in each language, on every page: written
# here rather than as loops in base.html (0.06 ms of a 1.5 ms page), with the
# standard library's escape (Django's escape is the same, with more calls).
@register.simple_tag(takes_context=True)
def alternate_links(context) -> SafeString:
    """A `<link rel="alternate">` per language, and x-default (the first)."""
    alternates = context.get("language_alternates") or []
    links = "".join(
        f'<link rel="alternate" hreflang="{escape(code)}" href="{escape(url)}">\n  '
        for code, _name, url in alternates
    )
    first = escape(alternates[0][2]) if alternates else ""
    return mark_safe(  # noqa: S308 - every value escaped
        f'{links}<link rel="alternate" hreflang="x-default" href="{first}">'
    )


def language_items(context) -> str:
    """The language menu's entries, the reader's own marked as current."""
    current = context.get("LANGUAGE_CODE") or get_language()
    marked = ' aria-current="true"'
    return "".join(
        f'\n            <li><a href="{escape(url)}" hreflang="{escape(code)}" '
        f'lang="{escape(code)}"{marked if code == current else ""}>'
        f"{escape(code.upper())}"
        f'<span class="visually-hidden"> – {escape(str(name))}</span></a></li>'
        "\n            "
        for code, name, url in context.get("language_switch") or []
    )


# Stands for the language menu's entries in the kept header: they link to the
# page itself, so they are put in per request.
LANGUAGE_ITEMS = "\x00language-items\x00"


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    """The layout's header, rendered once per language and menu section (each
    `{% translate %}` in it cost about 9 µs a page), with this page's language
    links put in."""
    header = rendered_once(
        "includes/site_header.html",
        nav_section=context.get("nav_section", ""),
        language_items=LANGUAGE_ITEMS,
    )
    return mark_safe(header.replace(LANGUAGE_ITEMS, language_items(context)))  # noqa: S308
