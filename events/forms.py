from django import forms

from contacts.images import reencode_image, validate_image
from events.models import Photo


class PhotoAdminForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["order", "image", "caption", "alt_text", "credit"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and hasattr(image, "content_type"):  # a new upload
            validate_image(image)  # limits first: re-encoding decodes every pixel
            return reencode_image(image)
        return image
