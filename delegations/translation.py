import simple_history
from modeltranslation.translator import TranslationOptions, register

from delegations.models import (
    Delegation,
    DelegationMember,
    DelegationOrganisation,
    PartnerCity,
    ProgrammeItem,
)


@register(PartnerCity)
class PartnerCityTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"de": ("name",)}


@register(Delegation)
class DelegationTranslation(TranslationOptions):
    fields = ("title", "composition", "purpose", "description")
    required_languages = {"de": ("title",)}


@register(DelegationMember)
class DelegationMemberTranslation(TranslationOptions):
    fields = ("label",)


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "place", "description")
    required_languages = {"de": ("title",)}


# After the translation registration: the history table keeps _de/_en columns.
simple_history.register(Delegation, excluded_fields=["period_end"])
simple_history.register(DelegationOrganisation)
simple_history.register(DelegationMember)
simple_history.register(ProgrammeItem)
