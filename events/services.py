"""Multi-step actions on reports and events."""

from django.conf import settings
from django.db import transaction
from django.utils.html import strip_tags
from modeltranslation.utils import build_localized_fieldname

from contacts.images import make_renditions
from events.models import Photo, Report, ReportFacet

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


def report_facets(report: Report) -> set[tuple[str, str]]:
    """What a report is about: countries, topics, partner cities and formats of
    the events and delegations it covers."""
    facets: set[tuple[str, str]] = set()
    kinds = ReportFacet.Kind
    for event in report.events.prefetch_related("topics", "partner_cities"):
        facets.add((kinds.COUNTRY, event.country.code))
        facets.add((kinds.FORMAT, event.format))
        facets.update((kinds.COUNTRY, c.code) for c in event.focus_countries)
        facets.update((kinds.TOPIC, t.slug) for t in event.topics.all())
        facets.update((kinds.PARTNER_CITY, c.slug) for c in event.partner_cities.all())
    for delegation in report.delegations.select_related(
        "partner_city"
    ).prefetch_related("topics"):
        facets.update((kinds.COUNTRY, c.code) for c in delegation.countries)
        facets.update((kinds.TOPIC, t.slug) for t in delegation.topics.all())
        if delegation.partner_city:
            facets.add((kinds.PARTNER_CITY, delegation.partner_city.slug))
    facets.discard((kinds.COUNTRY, ""))
    return facets


@transaction.atomic
def report_refresh_derived(report: Report) -> None:
    """Recompute what a report's search and filters read: its search text and facets."""
    report_update_search_text(report)
    wanted = report_facets(report)
    existing = set(report.facets.values_list("kind", "value"))
    for kind, value in existing - wanted:
        report.facets.filter(kind=kind, value=value).delete()
    ReportFacet.objects.bulk_create(
        ReportFacet(report=report, kind=kind, value=value)
        for kind, value in wanted - existing
    )


def reports_refresh_derived(reports) -> None:
    for report in reports:
        report_refresh_derived(report)
