"""Upkeep that follows every write, whoever makes it: admin, actions,
commands, imports, the shell.

A report's search text and facets (ReportQuerySet.refresh_derived) follow
from its sections and from the events and delegations it covers, and these
from their topics and partner cities; a photo's files go with its row; and
every change to public content makes cached pages stale (config.page_cache).
Bulk writes that send no signal (QuerySet.update, bulk_create) keep the same
rules by calling refresh_derived themselves.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
)

from config import page_cache
from contacts.models import Topic
from delegations.models import Delegation, PartnerCity
from events.models import (
    Event,
    EventOrganisation,
    EventPerson,
    Photo,
    Report,
    ReportSection,
)


def reports_depending_on(obj) -> set[int]:
    """Ids of the reports whose search text or facets read this row."""
    match obj:
        case Report():
            return {obj.pk}
        case ReportSection():
            return {obj.report_id}
        case Event():
            reports = Report.objects.covering(events=Q(event=obj))
        case Delegation():
            reports = Report.objects.covering(delegations=Q(delegation=obj))
        case Topic():
            reports = Report.objects.covering(
                events=Q(event__topics=obj), delegations=Q(delegation__topics=obj)
            )
        case PartnerCity():
            reports = Report.objects.covering(
                events=Q(event__partner_cities=obj),
                delegations=Q(delegation__partner_cities=obj),
            )
        case _:
            return set()
    return set(reports.values_list("pk", flat=True))


def reports_covering(model, pks: set[int]) -> set[int]:
    """Ids of the reports that are, or cover, these reports, events or
    delegations: the owning side of every watched link, in one query."""
    if model is Report:
        return set(pks)
    if model is Event:
        reports = Report.objects.covering(events=Q(event__in=pks))
    elif model is Delegation:
        reports = Report.objects.covering(delegations=Q(delegation__in=pks))
    else:
        return set()
    return set(reports.values_list("pk", flat=True))


def refresh(report_ids: set[int]) -> None:
    if report_ids:
        Report.objects.filter(pk__in=report_ids).refresh_derived()


def saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(reports_depending_on(instance))


def deleting(sender, instance, **kwargs):
    # The links go with the row: remember now who depended on it.
    instance._dependent_reports = reports_depending_on(instance) - {
        instance.pk if isinstance(instance, Report) else None
    }


def deleted(sender, instance, **kwargs):
    refresh(getattr(instance, "_dependent_reports", set()))


def links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A link added or removed on either side: report.events.add(event) or
    event.reports.add(report), event.topics.remove(topic) or topic.events.clear()."""
    if not reverse or pk_set is None:
        ids = reports_depending_on(instance)
    else:
        ids = reports_covering(model, pk_set)
    if action.startswith("pre_"):
        instance._dependent_reports = ids
    else:
        refresh(ids | getattr(instance, "_dependent_reports", set()))


def photo_deleted(sender, instance, **kwargs):
    name = instance.image.name
    transaction.on_commit(lambda: Photo.delete_files(name))


def migrated(sender, **kwargs):
    # A migration may have changed anything the pages show.
    page_cache.public_content_changed()


def site_migrated(sender, **kwargs):
    """The site row (redirects, sitemaps and feeds read its domain) follows
    DJANGO_SITE_URL at every migrate, instead of Django's example.com."""
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "Horizont"}
    )


def connect() -> None:
    for model in (Report, ReportSection, Event, Delegation, Topic, PartnerCity):
        uid = f"derived-{model._meta.label}"
        post_save.connect(saved, model, dispatch_uid=uid)
        pre_delete.connect(deleting, model, dispatch_uid=uid)
        post_delete.connect(deleted, model, dispatch_uid=uid)
    for link in (
        Report.events,
        Report.delegations,
        Event.topics,
        Event.partner_cities,
        Delegation.topics,
        Delegation.partner_cities,
    ):
        m2m_changed.connect(links_changed, link.through, dispatch_uid=str(link.field))
    post_delete.connect(photo_deleted, Photo, dispatch_uid="photo-files")
    # A new redirect answers where a 404 was: cached pages become stale too.
    page_cache.watch(
        Report, ReportSection, Photo, Event, EventOrganisation, EventPerson, Redirect
    )
    post_migrate.connect(migrated, dispatch_uid="page-cache-migrate")
    post_migrate.connect(
        site_migrated, apps.get_app_config("sites"), dispatch_uid="site-domain"
    )
