from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from events.models import Report


class LatestReportsFeed(Feed):
    title = _("Horizont – Berichte der Wirtschaftsförderung International")
    description = _(
        "Neue Berichte über Veranstaltungen, Delegationen und Partnerstädte."
    )

    def link(self):
        return reverse("events:report_list")

    def items(self):
        return Report.objects.published().select_related("author")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.full_name if item.author else None


class LatestReportsAtomFeed(LatestReportsFeed):
    feed_type = Atom1Feed
    subtitle = LatestReportsFeed.description
