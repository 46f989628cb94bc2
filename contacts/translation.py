import simple_history
from modeltranslation.translator import TranslationOptions, register

from contacts.models import Contact, LegalPage, Organisation, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"de": ("name",)}


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("role",)


@register(LegalPage)
class LegalPageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"de": ("title", "body")}


# After the translation registration: the history tables keep _de/_en columns.
simple_history.register(Organisation)
simple_history.register(Contact)
