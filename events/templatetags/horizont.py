import nh3
from django import template
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()
