"""What one photo at the pixel cap costs a worker, measured in this process.

Pillow allocates bitmaps outside Python's allocator, so tracemalloc does not
see them; the kernel's peak resident set size (VmHWM) does. Writing 5 to
/proc/self/clear_refs resets the peak, so each measurement starts fresh (Linux).
"""

import ctypes
import gc
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from PIL import Image

from contacts.images import make_renditions, max_pixels, reencode_image, validate_image

LIMIT_MB = 150
ROTATED = 6  # EXIF orientation "turn 90°": re-encoding holds two bitmaps


def resident_mb() -> tuple[float, float]:
    status = Path("/proc/self/status").read_text()
    now, peak = (
        int(re.search(rf"{name}:\s+(\d+)", status).group(1)) / 1024
        for name in ("VmRSS", "VmHWM")
    )
    return now, peak


def peak_mb_of(work) -> float:
    # Memory freed earlier but kept by the allocator would be reused without
    # showing in the resident size: hand it back to the system first.
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    Path("/proc/self/clear_refs").write_text("5")
    before, _peak = resident_mb()
    work()
    _now, peak = resident_mb()
    return peak - before


def image_at(pixels: int, image_format: str, mode: str) -> ContentFile:
    width = int((pixels * 4 / 3) ** 0.5)
    height = pixels // width
    output = io.BytesIO()
    options = {}
    if image_format == "JPEG":
        exif = Image.Exif()
        exif[0x0112] = ROTATED
        options["exif"] = exif.tobytes()
    Image.new(mode, (width, height), "#336699").save(output, image_format, **options)
    return ContentFile(output.getvalue(), name=f"big.{image_format.lower()}")


@pytest.mark.parametrize(
    ("image_format", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGBA")]
)
def test_a_photo_at_the_cap_stays_under_150_mb(tmp_path, image_format, mode):
    upload = image_at(max_pixels(image_format), image_format, mode)
    storage = FileSystemStorage(location=tmp_path)
    validate_image(upload)
    stored = {}

    def reencode():
        clean = reencode_image(upload)
        stored["name"] = storage.save(clean.name, clean)

    reencoding = peak_mb_of(reencode)
    renditions = peak_mb_of(
        lambda: make_renditions(storage, stored["name"], (480, 800, 1200))
    )

    print(
        f"{image_format} at {max_pixels(image_format):,} px: re-encoding "
        f"{reencoding:.0f} MB, renditions {renditions:.0f} MB"
    )
    assert reencoding < LIMIT_MB, f"re-encoding {reencoding:.0f} MB"
    assert renditions < LIMIT_MB, f"renditions {renditions:.0f} MB"


def test_a_jpeg_above_the_stored_size_is_kept_at_half_its_width(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    upload = image_at(3_000_000, "JPEG", "RGB")

    validate_image(upload)
    clean = reencode_image(upload)

    with Image.open(clean) as image:
        width, height = image.size
    assert width * height <= 1_000_000
    # Turned upright by the EXIF orientation of image_at: portrait now.
    assert (width, height) == (750, 1000)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_one_pixel_row_above_the_cap_is_refused(image_format):
    cap = max_pixels(image_format)
    width = 4000
    output = io.BytesIO()
    Image.new("RGB", (width, cap // width + 1), "#336699").save(output, image_format)

    with pytest.raises(ValidationError) as error:
        validate_image(ContentFile(output.getvalue(), name="big"))

    assert error.value.code == "too_many_pixels"
