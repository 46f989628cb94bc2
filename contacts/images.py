"""Checks for uploaded images, made before Pillow decodes any pixel."""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image(upload) -> None:
    """Accept JPEG, PNG and WebP within the size limits, judged by content.

    A file already in storage was checked when it was uploaded: saving a form
    again (a photo inline left unchanged) must not reopen it.
    """
    if getattr(upload, "_committed", False):
        return
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(mb)d MB)."),
            params={"mb": settings.IMAGE_MAX_BYTES // (1024 * 1024)},
            code="file_too_large",
        )
    upload.seek(0)
    try:
        # Image.open reads only the header: width and height are known before
        # a single pixel is decoded, so a decompression bomb costs nothing.
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if image_format in ACCEPTED_FORMATS and width * height <= (
                settings.IMAGE_MAX_PIXELS
            ):
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("Die Datei ist kein lesbares Bild (JPEG, PNG oder WebP)."),
            code="invalid_image",
        ) from error
    except Image.DecompressionBombError as error:
        raise ValidationError(
            _("Das Bild hat zu viele Pixel."), code="too_many_pixels"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Nur JPEG-, PNG- und WebP-Bilder sind erlaubt."), code="invalid_format"
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("Das Bild hat zu viele Pixel (höchstens %(mp)d Megapixel)."),
            params={"mp": settings.IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        )


def reencode_image(upload) -> ContentFile:
    """Return a fresh copy of an uploaded image, decoded and encoded by Pillow.

    Nothing but pixels survives: no bytes after the image data (HTML-in-PNG
    polyglots), no EXIF and with it no GPS position. The camera's orientation
    is applied to the pixels first so that the photo still stands upright.
    """
    upload.seek(0)
    with Image.open(upload) as image:
        image_format = image.format
        image = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        output = io.BytesIO()
        options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
        image.save(output, format=image_format, **options)
    name = Path(getattr(upload, "name", "") or "image").stem or "image"
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    return ContentFile(output.getvalue(), name=f"{name}.{extension}")


def make_renditions(
    storage, name: str, widths: tuple[int, ...]
) -> list[dict[str, int | str]]:
    """Write WebP copies of a stored image in the given widths, once.

    Returns what a template needs for `srcset`: each rendition's name, width
    and height. A width at or above the original's makes one copy at the
    original size. The files live in the same storage as the original, so
    every app server sees them.
    """
    with storage.open(name) as stored, Image.open(stored) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGB")
        original_width, original_height = image.size
        renditions = []
        stem = Path(name).with_suffix("")
        for width in sorted({min(w, original_width) for w in widths}):
            height = round(original_height * width / original_width)
            copy = image.resize((width, height), Image.Resampling.LANCZOS)
            output = io.BytesIO()
            copy.save(output, format="WEBP", quality=80, method=4)
            rendition_name = f"renditions/{stem}-{width}w.webp"
            if storage.exists(rendition_name):
                storage.delete(rendition_name)
            saved = storage.save(rendition_name, ContentFile(output.getvalue()))
            renditions.append({"name": saved, "width": width, "height": height})
    return renditions
