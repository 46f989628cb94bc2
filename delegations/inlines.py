"""The programme's inline, shared by delegations and by events held at
several places (a tour of consulates)."""

from adminsortable2.admin import SortableStackedInline
from modeltranslation.admin import TranslationStackedInline

from contacts.choosing import CreatingAdminMixin
from delegations.models import ProgrammeItem


class ProgrammeItemInline(
    CreatingAdminMixin, SortableStackedInline, TranslationStackedInline
):
    model = ProgrammeItem
    extra = 0
    ordering = ["order", "pk"]
    autocomplete_fields = ["hosts", "speakers"]
    fields = [
        "order",
        ("title_de", "title_en"),
        ("hosts", "starts_at"),
        ("place_de", "place_en"),
        "city",
        ("description_de", "description_en"),
        "speakers",
    ]
