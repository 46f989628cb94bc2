import simple_history
from modeltranslation.translator import TranslationOptions, register

from events.models import (
    Event,
    EventOrganisation,
    EventPerson,
    Photo,
    Report,
    ReportSection,
)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "series", "venue_name", "city", "description")
    required_languages = {"de": ("title",)}


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "lead", "search_text")
    required_languages = {"de": ("title", "lead")}


@register(ReportSection)
class ReportSectionTranslation(TranslationOptions):
    fields = ("heading", "body")
    required_languages = {"de": ("body",)}


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("caption", "alt_text")
    required_languages = {"de": ("caption", "alt_text")}


# After the translation registration, so that the history tables get the
# _de/_en columns too (HistoricalRecords() on the model would miss them).
simple_history.register(Event, excluded_fields=["search_text", "period_end"])
simple_history.register(EventOrganisation)
simple_history.register(EventPerson)
simple_history.register(
    Report, excluded_fields=["search_text", "search_text_de", "search_text_en"]
)
simple_history.register(ReportSection, excluded_fields=["body_html_de", "body_html_en"])
# Renditions follow from the image: history keeps which file, not its copies.
simple_history.register(Photo, excluded_fields=["renditions"])
