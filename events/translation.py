from modeltranslation.translator import TranslationOptions, register

from events.models import Event, Photo, Report, ReportSection


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "series", "venue_name", "city", "description")
    required_languages = {"de": ("title", "city")}


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
