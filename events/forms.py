from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts.images import validate_image
from events.models import Photo, Report


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos chosen at once; each checked on its own, so that the
    message names the file that cannot be used."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        errors = []
        cleaned = []
        for upload in files:
            try:
                upload = super().clean(upload, initial)
                validate_image(upload)
            except ValidationError as error:
                errors += [
                    ValidationError(
                        _("„%(name)s“: %(reason)s"),
                        params={"name": upload.name, "reason": message},
                    )
                    for message in error.messages
                ]
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ReportAdminForm(forms.ModelForm):
    new_photos = MultipleImageField(
        label=_("Mehrere Fotos hochladen"),
        required=False,
        help_text=_(
            "Mehrere Dateien auf einmal auswählen (JPEG, PNG oder WebP). Nach dem "
            "Sichern erscheinen sie unter „Fotos“: dort Bildunterschrift und "
            "Alternativtext ergänzen."
        ),
    )
    new_photos_credit = forms.CharField(
        label=_("Bildnachweis der neuen Fotos"),
        required=False,
        max_length=120,
        help_text=_("Gilt für alle oben gewählten Dateien, z. B. „WF DO / Jäger“."),
    )
    reuse_photos = forms.ModelMultipleChoiceField(
        label=_("Fotos aus anderen Berichten übernehmen"),
        queryset=Photo.objects.select_related("report").order_by("-report__publish_at"),
        required=False,
        help_text=_(
            "Die Datei wird nicht kopiert: beide Berichte zeigen dasselbe Bild, "
            "mit eigener Bildunterschrift."
        ),
    )

    class Meta:
        model = Report
        fields = [
            "title",
            "slug",
            "lead",
            "author",
            "status",
            "publish_at",
            "unpublish_at",
            "events",
            "delegations",
            "contacts",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reuse_photos"]
        if self.instance.pk:
            field.queryset = field.queryset.exclude(report=self.instance)
        field.label_from_instance = lambda photo: f"{photo.caption} ({photo.report})"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_photos") and not cleaned.get("new_photos_credit"):
            self.add_error(
                "new_photos_credit",
                _(
                    "Bitte den Bildnachweis der neuen Fotos angeben, z. B. „WF DO / Jäger“."
                ),
            )
        return cleaned
