"""Where English text is missing and German stands in (modeltranslation's
fallback), the page says so: the element carries lang="de" and the page
names once the parts that exist only in German."""

import functools
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language


def reading_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def falls_back(obj, field: str, language: str | None = None) -> bool:
    """Whether obj.<field> shows German text in place of the reader's language."""
    language = language or reading_language()
    if obj is None or language == settings.LANGUAGE_CODE:
        return False
    own = getattr(obj, f"{field}_{language}", None)
    german = getattr(obj, f"{field}_{settings.LANGUAGE_CODE}", None)
    return not own and bool(german)


def german_only(parts: Iterable[tuple[str, Iterable, tuple[str, ...]]]) -> list[str]:
    """The labels of the parts in which some object shows German for a field.

    `parts` are (label, objects, fields), e.g. ("Bildunterschriften", photos,
    ("caption", "alt_text")).
    """
    language = reading_language()
    if language == settings.LANGUAGE_CODE:
        return []
    return [
        str(label)
        for label, objects, fields in parts
        if any(falls_back(obj, field, language) for obj in objects for field in fields)
    ]


@functools.cache
def _labels(choices: type, language: str) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices: type, value: str) -> str:
    """A TextChoices value's label in the reader's language, translated once
    per language rather than through gettext for every row of a list."""
    return _labels(choices, reading_language()).get(value, value)
