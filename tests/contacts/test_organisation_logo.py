"""Organisation logos are re-encoded by the model, whoever stores them."""

import io
import mimetypes

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from contacts.models import Organisation
from tests.factories import OrganisationFactory, image_file

pytestmark = pytest.mark.django_db

GPS = 0x8825


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kamera"
    exif.get_ifd(GPS)[2] = (51.0, 30.0, 0.0)  # GPSLatitude: Dortmund
    output = io.BytesIO()
    Image.new("RGB", (300, 200), "#336699").save(output, "JPEG", exif=exif.tobytes())
    return output.getvalue()


def png_polyglot() -> bytes:
    return image_file("logo.png", image_format="PNG").read() + (
        b"<html><script>alert(document.cookie)</script></html>"
    )


def test_logo_saved_from_code_loses_its_gps_position():
    assert Image.open(io.BytesIO(jpeg_with_gps())).getexif().get_ifd(GPS)

    organisation = OrganisationFactory(logo=ContentFile(jpeg_with_gps(), "logo.jpg"))

    with organisation.logo.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS)
        assert image.size == (300, 200)


def test_logo_loses_html_appended_to_the_png():
    organisation = OrganisationFactory(logo=ContentFile(png_polyglot(), "logo.png"))

    with organisation.logo.open("rb") as stored:
        content = stored.read()
    assert b"<script>" not in content
    assert content.startswith(b"\x89PNG")


def test_logo_named_pdf_is_stored_as_the_image_it_is():
    png = image_file("logo.png", image_format="PNG").read()

    organisation = OrganisationFactory(logo=ContentFile(png, "broschuere.pdf"))

    # Media servers (config.views.media, nginx, S3) pick the type by the name.
    assert organisation.logo.name.endswith(".png")
    assert mimetypes.guess_type(organisation.logo.name)[0] == "image/png"


def test_a_file_that_is_no_image_is_refused_as_a_logo():
    with pytest.raises(ValidationError):
        OrganisationFactory(logo=ContentFile(b"%PDF-1.7 nothing", "logo.png"))

    assert not Organisation.objects.exists()


def test_saving_again_leaves_the_stored_logo_alone():
    organisation = OrganisationFactory(logo=ContentFile(png_polyglot(), "logo.png"))
    name = organisation.logo.name

    organisation.city = "Bochum"
    organisation.save()

    organisation.refresh_from_db()
    assert organisation.logo.name == name


def test_logo_uploaded_in_the_admin_is_re_encoded(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:contacts_organisation_add"),
        {
            "name_de": "Patika Robotics",
            "slug": "patika-robotics",
            "kind": "company",
            "country": "KR",
            "logo": SimpleUploadedFile("logo.png", png_polyglot(), "image/png"),
        },
    )

    organisation = Organisation.objects.get()
    with organisation.logo.open("rb") as stored:
        content = stored.read()
    assert response.status_code == 302
    assert b"<script>" not in content
