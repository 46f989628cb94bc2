"""Background upkeep of the events app (Celery beat, config/settings.py)."""

import datetime
import logging

from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from config.celery import app
from events.models import Photo

logger = logging.getLogger(__name__)
# Files are written before the row that names them is committed: anything
# younger than this may still be on its way to being used.
GRACE = datetime.timedelta(hours=6)


def _walk(storage: Storage, folder: str):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")


def remove_orphaned_files(
    storage: Storage | None = None, *, grace: datetime.timedelta = GRACE
) -> int:
    """Delete photos and renditions that no photo refers to any more (a photo
    deleted or replaced). Works through the storage API: a volume or a bucket.
    Returns how many files were deleted."""
    storage = storage or default_storage
    used = set()
    for image, renditions in Photo.objects.values_list("image", "renditions"):
        used.add(image)
        used.update(rendition["name"] for rendition in renditions)
    folder = Photo._meta.get_field("image").upload_to.split("/")[0]
    cutoff = timezone.now() - grace
    removed = 0
    for name in [*_walk(storage, folder), *_walk(storage, "renditions")]:
        if name not in used and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            removed += 1
    if removed:
        logger.info("%s orphaned photo file(s) removed.", removed)
    return removed


@app.task(name="events.tasks.remove_orphaned_renditions")
def remove_orphaned_renditions() -> int:
    return remove_orphaned_files()
