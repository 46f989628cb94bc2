"""django-filter's filters and filter sets, with the work that is the same for
every request done once.

For each request a FilterSet deep-copies its filters, makes a form field per
filter, builds a form class from them, and the form deep-copies every field
again: for the report list about 1 ms, with two copies of about 250 translated
countries. Yet a filter's field depends only on the filter's options, and
neither django-filter nor Django changes a field once made. Here each filter
keeps the fields it has made (the last few option sets: the report list's
countries change with the content version and language), a filter set keeps
the form classes made from them, and the fields are shared by the forms
instead of copied. Each request still has its own filters (options, bound
method), form, data and errors.
"""

import copy
from collections import OrderedDict

import django_filters
from django import forms
from django_filters import fields

# Option sets a filter or a filter set keeps the fields or form class of.
KEPT = 4


class SharedField:
    """A form field that every form using it shares (Form copies its fields)."""

    def __deepcopy__(self, memo):
        return self


def shared(field_class: type[forms.Field]) -> type[forms.Field]:
    return type(field_class.__name__, (SharedField, field_class), {})


def kept(store: list, key: tuple, make):
    """The value kept under `key` (compared by identity, element by element),
    or a new one made and kept, the oldest going first beyond KEPT."""
    for stored_key, value in store:
        if len(stored_key) == len(key) and all(
            a is b for a, b in zip(stored_key, key, strict=True)
        ):
            return value
    value = make()
    store.insert(0, (key, value))
    del store[KEPT:]
    return value


class LightCopy:
    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        copied.__dict__.pop("_field", None)
        copied.extra = self.extra.copy()
        copied.method = self.method  # a FilterMethod bound to the copy
        copied.origin = getattr(self, "origin", self)
        memo[id(self)] = copied
        return copied

    @property
    def field(self):
        # The same options (the same objects) make the same field.
        origin = getattr(self, "origin", self)
        store = origin.__dict__.setdefault("_made_fields", [])
        key = (self._label, *self.extra.keys(), *self.extra.values())
        return kept(store, key, lambda: super(LightCopy, self).field)


class ChoiceFilter(LightCopy, django_filters.ChoiceFilter):
    field_class = shared(fields.ChoiceField)


class ModelChoiceFilter(LightCopy, django_filters.ModelChoiceFilter):
    field_class = shared(fields.ModelChoiceField)


class NumberFilter(LightCopy, django_filters.NumberFilter):
    field_class = shared(forms.DecimalField)


class CharFilter(LightCopy, django_filters.CharFilter):
    field_class = shared(forms.CharField)


class BooleanFilter(LightCopy, django_filters.BooleanFilter):
    field_class = shared(forms.NullBooleanField)


class FilterSet(django_filters.FilterSet):
    def get_form_class(self):
        made = OrderedDict((name, f.field) for name, f in self.filters.items())
        store = type(self).__dict__.get("_form_classes")
        if store is None:
            store = []
            type(self)._form_classes = store
        return kept(
            store, tuple(made.values()), lambda: super(FilterSet, self).get_form_class()
        )
