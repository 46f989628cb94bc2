from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts import choosing
from delegations.models import Delegation, DelegationOrganisation
from events.forms import (
    WHEN_HELP,
    ProgrammeTableFormMixin,
    RoughDateField,
    RoughDatesFormMixin,
    add_fields,
    programme_table_field,
)


class DelegationAdminForm(
    ProgrammeTableFormMixin,
    RoughDatesFormMixin,
    choosing.RolesFormMixin,
    forms.ModelForm,
):
    involvement_model = DelegationOrganisation
    owner_field = "delegation"
    roles = choosing.DELEGATION_ROLES
    start_name = "start_date"
    end_name = "end_date"
    with_time = False

    when = RoughDateField(label=_("Datum"), help_text=WHEN_HELP, with_time=False)
    until = RoughDateField(
        label=_("Bis"),
        with_time=False,
        help_text=_("Bei mehreren Tagen: „01.10.2025“; so genau wie der Beginn."),
    )

    class Meta:
        model = Delegation
        fields = ["title"]  # the admin names the rest (fieldsets)

    def clean_programme_of(self):
        other = self.cleaned_data.get("programme_of")
        if other is None:
            return None
        if self.instance.pk and other.pk == self.instance.pk:
            raise ValidationError(
                _("Bitte eine andere Delegation wählen, nicht diese selbst.")
            )
        # One step only: the delegation chosen has the programme itself.
        return other.programme_owner()


add_fields(
    DelegationAdminForm,
    {**DelegationAdminForm.role_fields(), "programme_table": programme_table_field()},
)
