"""Addresses that read well and keep working.

Slugs are made from German (and English) titles with the German spelling of
umlauts, filled in on save when left empty, by every writer. A public page
whose slug changes leaves a redirect behind at its old address.
"""

import copy

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import models
from django.db.models import Case, Q, When
from django.http import HttpResponsePermanentRedirect
from django.utils.text import slugify
from django.utils.translation import get_language, override

GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
# The German slug and, on models with English addresses, the English one.
SLUG_FIELDS = ("slug", "slug_en")


def slugify_de(text: str) -> str:
    """ "Ärzte in Dortmund" → "aerzte-in-dortmund", as a German reader spells it
    without umlauts (Django alone would make it "arzte-in-dortmund")."""
    return slugify(str(text).translate(GERMAN_LETTERS))


def unique_slug(
    model: type[models.Model],
    text: str,
    field: str = "slug",
    exclude_pk: int | None = None,
) -> str:
    """A slug for text that no other row uses, in either language's slug:
    "stammtisch", then "stammtisch-2", "stammtisch-3" …"""
    max_length = model._meta.get_field(field).max_length
    base = slugify_de(text)[:max_length].strip("-") or model._meta.model_name
    own_fields = [f.name for f in model._meta.fields if f.name in SLUG_FIELDS]
    others = model._default_manager.exclude(pk=exclude_pk)
    candidate, number = base, 2
    while others.filter(
        Q.create([(name, candidate) for name in own_fields], connector=Q.OR)
    ).exists():
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def redirect_moved(old_path: str, new_path: str) -> None:
    """Send old_path, and every address that led to it, to new_path: one hop,
    never a chain, and never a redirect away from a live address."""
    redirects = Redirect.objects.filter(site_id=settings.SITE_ID)
    for redirect in redirects.filter(new_path=old_path):
        redirect.new_path = new_path
        redirect.save(update_fields=["new_path"])
    redirects.update_or_create(
        site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
    )
    for redirect in redirects.filter(old_path=new_path):
        redirect.delete()


class SluggedModel:
    """Mixin for models with a slug made from a German field (slug_source):
    an empty slug is filled on save, and so is an empty English slug from
    the English title where the model has one. When a public row's address
    changes, the old address in each language redirects to the new one."""

    slug_source = "title"
    # False where the address is no page of its own (a filter of a list).
    redirects_old_addresses = True

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._stored_slugs = obj.current_slugs()
        return obj

    def save(self, *args, **kwargs):
        filled = []
        if not self.slug:
            source = getattr(self, f"{self.slug_source}_de", None)
            source = source or getattr(self, self.slug_source)
            self.slug = unique_slug(type(self), source, exclude_pk=self.pk)
            filled.append("slug")
        english = getattr(self, f"{self.slug_source}_en", None)
        if hasattr(self, "slug_en") and not self.slug_en and english:
            self.slug_en = unique_slug(
                type(self), english, field="slug_en", exclude_pk=self.pk
            )
            filled.append("slug_en")
        if filled and kwargs.get("update_fields") is not None:
            # A filled slug is stored, or the redirects below would lead nowhere.
            kwargs["update_fields"] = {*kwargs["update_fields"], *filled}
        super().save(*args, **kwargs)
        stored = getattr(self, "_stored_slugs", None)
        moved = stored and stored != self.current_slugs()
        if moved and self.redirects_old_addresses and self.is_public():
            self.redirect_from(stored)
        self._stored_slugs = self.current_slugs()

    def current_slugs(self) -> dict[str, str]:
        return {
            name: self.__dict__[name] for name in SLUG_FIELDS if name in self.__dict__
        }

    def is_public(self) -> bool:
        return True

    def url_slug(self, language: str | None = None) -> str:
        """The slug of the address in a language: the English one on English
        pages where there is one, else the German one."""
        language = language or get_language()
        return getattr(self, f"slug_{language}", "") or self.slug

    def urls_by_language(self) -> dict[str, str]:
        urls = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                urls[code] = self.get_absolute_url()
        return urls

    def redirect_from(self, stored: dict[str, str]) -> None:
        before = copy.copy(self)
        before.__dict__.update(stored)
        new_urls = self.urls_by_language()
        for code, old_path in before.urls_by_language().items():
            if old_path != new_urls[code]:
                redirect_moved(old_path, new_urls[code])


def own_slug_field(model: type[models.Model]) -> str:
    """The field that holds the active language's slug on this model."""
    own = f"slug_{get_language()}"
    fields = [f.name for f in model._meta.fields if f.name in SLUG_FIELDS]
    return own if own in fields else "slug"


def by_slug(queryset: models.QuerySet, slug: str) -> models.QuerySet:
    """The rows with this slug in either language, this language's first."""
    fields = [f.name for f in queryset.model._meta.fields if f.name in SLUG_FIELDS]
    own = own_slug_field(queryset.model)
    return queryset.filter(
        Q.create([(f, slug) for f in fields], connector=Q.OR)
    ).order_by(Case(When(**{own: slug}, then=0), default=1))


def first_by_slug(objects: list, slug: str):
    """by_slug's first row among objects already fetched (None if none)."""
    if not objects:
        return None
    own = own_slug_field(type(objects[0]))
    return min(objects, key=lambda obj: getattr(obj, own) != slug)


class TranslatedSlugMixin:
    """For detail views of SluggedModel: the object is found by its slug in
    either language, and a request that used the other language's slug is
    answered with a permanent redirect to this language's address."""

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        found = by_slug(queryset, self.kwargs["slug"]).first()
        if found is None:
            return super().get_object(queryset.none())
        return found

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.url_slug() != kwargs["slug"]:
            query = request.GET.urlencode()
            url = self.object.get_absolute_url()
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        # The language switch and hreflang links: each language's own slug.
        request.language_paths = self.object.urls_by_language()
        return self.render_to_response(self.get_context_data(object=self.object))
