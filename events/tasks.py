"""Background upkeep of the events app (Celery beat, config/settings.py)."""

import logging
from pathlib import PurePosixPath

from celery import shared_task
from django.core.files.storage import Storage, default_storage

from events.models import Photo

logger = logging.getLogger(__name__)
RENDITIONS = "renditions"


def _walk(storage: Storage, folder: str):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")


def remove_orphaned_renditions(storage: Storage | None = None) -> int:
    """Delete renditions no photo refers to any more (a photo deleted or
    replaced). Works through the storage API: a volume or a bucket alike."""
    storage = storage or default_storage
    if not storage.exists(RENDITIONS) and not storage.listdir(RENDITIONS)[1]:
        return 0
    used = {
        str(PurePosixPath(rendition["name"]))
        for renditions in Photo.objects.values_list("renditions", flat=True)
        for rendition in renditions
    }
    removed = 0
    for name in _walk(storage, RENDITIONS):
        if name not in used:
            storage.delete(name)
            removed += 1
    if removed:
        logger.info("%s orphaned rendition(s) removed.", removed)
    return removed


@shared_task(name="events.tasks.remove_orphaned_renditions")
def remove_orphaned_renditions_task() -> int:
    return remove_orphaned_renditions()
