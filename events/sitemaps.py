from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from contacts.models import Organisation
from delegations.models import Delegation, PartnerCity
from events.models import Event, Report


class LanguageProduct:
    """(item, language) pairs of a queryset, sliced lazily.

    Django's i18n sitemaps build the whole list of pairs before paginating,
    which at 100,000 reports took seconds; this sequence fetches one page.
    """

    def __init__(self, items, languages: list[str]):
        self.items = items
        self.languages = languages

    def __len__(self):
        is_query = isinstance(self.items, QuerySet)
        count = self.items.count() if is_query else len(self.items)
        return count * len(self.languages)

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        width = len(self.languages)
        start, stop = (
            index.start or 0,
            index.stop if index.stop is not None else len(self),
        )
        first, last = start // width, -(-stop // width)
        pairs = [
            (item, language)
            for item in self.items[first:last]
            for language in self.languages
        ]
        return pairs[start - first * width : stop - first * width]


class I18nSitemap(Sitemap):
    limit = 2000  # URLs per page and language: sitemap.xml is an index of pages
    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        return LanguageProduct(self.items(), [code for code, _ in settings.LANGUAGES])

    def _urls(self, page, protocol, domain):
        # Django strips the language prefix for x-default, but every page
        # lives under one: x-default is the page in the default language.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = {a["lang_code"]: a["location"] for a in url["alternates"]}.get(
                settings.LANGUAGE_CODE
            )
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls


class StaticSitemap(I18nSitemap):
    def items(self):
        return [
            "events:home",
            "events:report_list",
            "events:event_list",
            "events:figures",
            "delegations:delegation_list",
            "delegations:partnercity_list",
            "contacts:organisation_list",
        ]

    def location(self, item):
        return reverse(item)


class ReportSitemap(I18nSitemap):
    def items(self):
        return Report.objects.published().order_by("-publish_at", "-pk")

    def lastmod(self, report):
        return report.updated_at

    def get_latest_lastmod(self):
        # One aggregate instead of Django's default loop over every report.
        return Report.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class EventSitemap(I18nSitemap):
    def items(self):
        return Event.objects.order_by("-start")


class DelegationSitemap(I18nSitemap):
    def items(self):
        return Delegation.objects.order_by("pk")


class PartnerCitySitemap(I18nSitemap):
    def items(self):
        return PartnerCity.objects.order_by("name", "pk")


class OrganisationSitemap(I18nSitemap):
    def items(self):
        return Organisation.objects.with_activity().order_by("name", "pk")


SITEMAPS = {
    "static": StaticSitemap,
    "reports": ReportSitemap,
    "events": EventSitemap,
    "delegations": DelegationSitemap,
    "partner-cities": PartnerCitySitemap,
    "organisations": OrganisationSitemap,
}
