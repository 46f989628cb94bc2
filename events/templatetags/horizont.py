import nh3
from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from config.i18n import falls_back

register = template.Library()

# Matches what the report editor can produce (events.models.SECTION_EDITOR).
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


@register.filter
def sanitize_html(value: str) -> str:
    """Clean stored rich text once more on its way to the page."""
    return mark_safe(  # noqa: S308 - nh3 has just removed everything unsafe
        nh3.clean(
            value or "",
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener",
        )
    )


@register.filter
def sanitize_legal_html(value: str) -> str:
    """Like sanitize_html, with the subheadings legal pages need."""
    return mark_safe(  # noqa: S308 - nh3 has just removed everything unsafe
        nh3.clean(
            value or "",
            tags=ALLOWED_TAGS | {"h2", "h3"},
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener",
        )
    )


@register.simple_tag
def fallback_lang(obj, *fields: str) -> str:
    """` lang="de"` on an element whose text is German standing in for the
    reader's language (any of the fields), so that it is read out right."""
    if any(falls_back(obj, field) for field in fields):
        return mark_safe(f' lang="{settings.LANGUAGE_CODE}"')  # noqa: S308 - fixed text
    return ""
