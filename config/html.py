"""Rich text as it may appear on a public page: what the report editor can
produce (events.models.SECTION_EDITOR), everything else removed by nh3."""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def clean(value: str | None, *, headings: bool = False) -> str:
    """The markup that is safe to show; with `headings`, h2 and h3 stay."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS | {"h2", "h3"} if headings else ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
