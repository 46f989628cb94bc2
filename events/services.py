"""Multi-step actions on reports and events."""

from django.conf import settings
from django.utils.html import strip_tags
from modeltranslation.utils import build_localized_fieldname

from contacts.images import make_renditions
from events.models import Photo, Report

SEARCH_LANGUAGES = ("de", "en")


def report_update_search_text(report: Report) -> None:
    """Gather title, lead and section texts per language into `search_text_*`.

    Full-text search reads one column per language instead of joining the
    sections table, so a search over 100,000 reports stays one indexed query.
    An English column falls back to German text where no translation exists.
    """
    sections = list(report.sections.all())
    values = {}
    for language in SEARCH_LANGUAGES:

        def text(obj, field, language=language):
            value = getattr(obj, build_localized_fieldname(field, language)) or ""
            if not value and language != "de":
                value = getattr(obj, build_localized_fieldname(field, "de")) or ""
            return value

        parts = [text(report, "title"), text(report, "lead")]
        for section in sections:
            parts += [text(section, "heading"), strip_tags(text(section, "body"))]
        values[build_localized_fieldname("search_text", language)] = "\n".join(
            part for part in parts if part
        )
    Report.objects.filter(pk=report.pk).update(**values)
    for name, value in values.items():
        setattr(report, name, value)


def photo_make_renditions(photo: Photo) -> None:
    """Make the photo's WebP renditions and remember them on the row."""
    photo.renditions = make_renditions(
        photo.image.storage, photo.image.name, settings.PHOTO_RENDITION_WIDTHS
    )
    Photo.objects.filter(pk=photo.pk).update(renditions=photo.renditions)
