"""django-filter's filters, copied lightly for each request.

A FilterSet deep-copies its filters for every request, and its form deep-copies
every field again: for a country filter that is two copies of about 250
translated choices per page, a tenth of a list page's time. The choices are
never changed once made, so these filters and their fields share them; each
copy still has its own options and its own bound method.
"""

import copy

import django_filters
from django import forms
from django_filters import fields


class LightCopy:
    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        copied.__dict__.pop("_field", None)  # its form field is made anew
        copied.extra = self.extra.copy()
        copied.method = self.method  # a FilterMethod bound to the copy
        memo[id(self)] = copied
        return copied


class SharedChoiceField(fields.ChoiceField):
    def __deepcopy__(self, memo):
        # forms.ChoiceField would deep-copy the choices as well.
        return forms.Field.__deepcopy__(self, memo)


class ChoiceFilter(LightCopy, django_filters.ChoiceFilter):
    field_class = SharedChoiceField


class ModelChoiceFilter(LightCopy, django_filters.ModelChoiceFilter):
    pass


class NumberFilter(LightCopy, django_filters.NumberFilter):
    pass


class CharFilter(LightCopy, django_filters.CharFilter):
    pass


class BooleanFilter(LightCopy, django_filters.BooleanFilter):
    pass
