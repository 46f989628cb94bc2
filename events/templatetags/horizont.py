from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from config import html
from config.i18n import falls_back

register = template.Library()


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
