"""Checks for uploaded images, made before Pillow decodes any pixel."""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
# What decoding, re-encoding and resizing hold per pixel, relative to a JPEG
# (measured in tests/test_image_memory.py: a JPEG turned by its EXIF
# orientation holds two bitmaps, a PNG with alpha a premultiplied copy while
# resizing, WebP's decoder and encoder their own buffers). Each format's cap is
# IMAGE_MAX_PIXELS divided by its cost, so that one image at its cap keeps a
# worker below about 150 MB.
PIXEL_COST = {"JPEG": 1.0, "PNG": 1.25, "WEBP": 2.5}
# A JPEG above IMAGE_MAX_PIXELS is decoded at half its width and height (the
# decoder scales while it reads) and stored so: a 45 MP camera photo is still
# accepted, without its full bitmap ever being held.
JPEG_REDUCTION = 2


def max_pixels(image_format: str) -> int:
    """The most pixels an upload of this format may have."""
    if image_format == "JPEG":
        return settings.IMAGE_MAX_PIXELS * JPEG_REDUCTION**2
    return int(settings.IMAGE_MAX_PIXELS / PIXEL_COST[image_format])


def validate_image(upload) -> None:
    """Accept JPEG, PNG and WebP within the size limits, judged by content.

    A file already in storage was checked when it was uploaded: saving a form
    again (a photo inline left unchanged) must not reopen it.
    """
    # Pillow only in the worker that handles an upload.
    from PIL import Image, UnidentifiedImageError

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
                max_pixels(image_format)
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
    if width * height > max_pixels(image_format):
        raise ValidationError(
            _("Das Bild hat zu viele Pixel (höchstens %(mp)s Megapixel)."),
            params={"mp": f"{max_pixels(image_format) / 1_000_000:.0f}"},
            code="too_many_pixels",
        )


def reencode_image(upload) -> ContentFile:
    """Return a fresh copy of an uploaded image, decoded and encoded by Pillow.

    Nothing but pixels survives: no bytes after the image data (HTML-in-PNG
    polyglots), no EXIF and with it no GPS position. The camera's orientation
    is applied to the pixels first so that the photo still stands upright.
    The bitmap is decoded here, once, at most IMAGE_MAX_PIXELS of it (a larger
    JPEG at reduced scale); nothing below makes a copy it does not need.
    """
    # Pillow only in the worker that handles an upload.
    from PIL import Image, ImageOps

    upload.seek(0)
    with Image.open(upload) as image:
        image_format = image.format
        width, height = image.size
        if image_format == "JPEG" and width * height > settings.IMAGE_MAX_PIXELS:
            # Pillow picks the scale as original // requested: ask for the floor.
            image.draft(None, (width // JPEG_REDUCTION, height // JPEG_REDUCTION))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
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
    # Pillow only in the worker that handles an upload.
    from PIL import Image

    with storage.open(name) as stored, Image.open(stored) as image:
        original_width, original_height = image.size
        largest = min(max(widths), original_width)
        # A JPEG is decoded straight at 1/2, 1/4 or 1/8 of its size when that
        # is still larger than the largest rendition: the full bitmap of a big
        # photo is never held. (Stored photos carry no EXIF orientation any
        # more: reencode_image applied it.)
        image.draft("RGB", (largest, round(original_height * largest / original_width)))
        image.load()
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        renditions = []
        stem = Path(name).with_suffix("")
        for width in sorted({min(w, original_width) for w in widths}):
            height = round(original_height * width / original_width)
            copy = image.resize(
                (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
            )
            output = io.BytesIO()
            copy.save(output, format="WEBP", quality=80, method=4)
            rendition_name = f"renditions/{stem}-{width}w.webp"
            if storage.exists(rendition_name):
                storage.delete(rendition_name)
            saved = storage.save(rendition_name, ContentFile(output.getvalue()))
            renditions.append({"name": saved, "width": width, "height": height})
    return renditions
