"""Multi-step writes that the admin offers as one click."""

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from events.models import Photo, Report


@transaction.atomic
def copy_with_children(obj: models.Model, **changes) -> models.Model:
    """A copy of obj with everything it owns: the rows that would be deleted
    with it (members, programme stops, link rows of its own through models)
    are copied too, each with its own children, and its many-to-many links
    are set again. Rows that only point at it without being owned (reports
    covering an event, events of a delegation) stay with the original.

    Walks the model's relations, so it keeps up with new child models.
    Unique text fields (slugs) get a free "-kopie" suffix.
    """
    original_pk = obj.pk
    original = type(obj)._default_manager.get(pk=original_pk)
    copy = type(obj)._default_manager.get(pk=original_pk)
    copy.pk = None
    copy._state.adding = True
    # Unique also where only a constraint says so (slug_en, when not empty).
    constrained = {
        constraint.fields[0]
        for constraint in copy._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and len(constraint.fields) == 1
    }
    for field in copy._meta.concrete_fields:
        if (field.unique or field.name in constrained) and not field.primary_key:
            value = getattr(copy, field.attname)
            if isinstance(value, str) and value:
                setattr(copy, field.attname, _free_value(copy, field, value))
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save()
    for field in original._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            getattr(copy, field.name).set(getattr(original, field.name).all())
    for relation in original._meta.related_objects:
        if not relation.one_to_many or relation.on_delete is not models.CASCADE:
            continue
        if relation.related_model._meta.auto_created:
            continue  # the link table of a many-to-many field, handled above
        for child in relation.related_model._default_manager.filter(
            **{relation.field.name: original}
        ):
            copy_with_children(child, **{relation.field.name: copy})
    return copy


def _free_value(obj: models.Model, field: models.Field, value: str) -> str:
    manager = type(obj)._default_manager
    suffix = "-kopie"
    max_length = field.max_length or 200
    candidate = value[: max_length - len(suffix)] + suffix
    number = 2
    while manager.filter(**{field.attname: candidate}).exists():
        tail = f"{suffix}-{number}"
        candidate = value[: max_length - len(tail)] + tail
        number += 1
    return candidate


@transaction.atomic
def photos_upload(
    report: Report, files: list[UploadedFile], *, credit: str = ""
) -> list[Photo]:
    """Photo rows for several uploaded files, after the report's last photo.

    Caption and alternative text are left for the editor to fill in on the
    report form (validated files only: see events.forms.MultipleImageField).
    """
    last = report.photos.aggregate(models.Max("order"))["order__max"] or 0
    photos = []
    for number, upload in enumerate(files, start=1):
        # Saved through the model: checked, re-encoded without EXIF, renditions.
        photo = Photo(report=report, order=last + number, credit=credit)
        photo.image = upload
        photo.save()
        photos.append(photo)
    return photos


def photo_reuse(photo: Photo, report: Report) -> Photo:
    """The photo shown in another report too: a new row pointing at the same
    stored file and renditions, with its texts to adapt there. The file stays
    until no photo uses it (Photo.delete_files)."""
    last = report.photos.aggregate(models.Max("order"))["order__max"] or 0
    copy = Photo(
        report=report,
        order=last + 1,
        image=photo.image.name,
        width=photo.width,
        height=photo.height,
        renditions=photo.renditions,
        caption=photo.caption,
        alt_text=photo.alt_text,
        credit=photo.credit,
    )
    for field in Photo._meta.concrete_fields:
        if field.name.startswith(("caption_", "alt_text_")):
            setattr(copy, field.attname, getattr(photo, field.attname))
    # Already stored with its renditions: Photo.save must not make them again.
    copy._stored_name = photo.image.name
    copy.save()
    return copy
