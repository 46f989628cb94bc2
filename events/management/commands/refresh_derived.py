"""Recompute every report's search text and facets, and make cached pages stale.

The receivers in events/signals.py keep them right for every writer that goes
through the models. A data migration works on historical models, which send
no signals to them: run this after one that changes what reports cover.
"""

from django.core.management.base import BaseCommand

from config.page_cache import public_content_changed
from events.models import Report

BATCH = 1000


class Command(BaseCommand):
    help = "Recompute search text and filter facets of all reports."

    def handle(self, *args, **options):
        pks = list(Report.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            Report.objects.filter(pk__in=pks[start : start + BATCH]).refresh_derived()
        public_content_changed()
        self.stdout.write(f"{len(pks)} reports refreshed.")
