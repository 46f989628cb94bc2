from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from contacts.models import Organisation
from delegations.models import Delegation, PartnerCity
from events.models import Event, Report


class I18nSitemap(Sitemap):
    limit = 2000  # URLs per page and language: sitemap.xml is an index of pages
    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(I18nSitemap):
    def items(self):
        return [
            "events:home",
            "events:report_list",
            "events:event_list",
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


class EventSitemap(I18nSitemap):
    def items(self):
        return Event.objects.order_by("-start")


class DelegationSitemap(I18nSitemap):
    def items(self):
        return Delegation.objects.order_by("-start_date", "pk")


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
