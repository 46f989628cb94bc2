import datetime

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView
from django_countries import countries

from config import i18n
from config.slugs import TranslatedSlugMixin
from delegations import maps
from delegations.filters import DelegationFilter
from delegations.models import (
    Delegation,
    DelegationMember,
    DelegationOrganisation,
    PartnerCity,
)
from delegations.models import programmes as delegation_programmes
from events.models import Event, Report


class DelegationListView(ListView):
    paginate_by = 20
    template_name = "delegations/delegation_list.html"

    def get_queryset(self):
        queryset = Delegation.objects.prefetch_related("partner_cities")
        self.filterset = DelegationFilter(self.request.GET, queryset=queryset)
        # Invalid values (a typed address) show every delegation.
        return self.filterset.qs if self.filterset.is_valid() else queryset

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        direction = self.filterset.form.cleaned_data.get("direction") or ""
        narrowed = {k: v for k, v in params.items() if v and k != "direction"}
        return super().get_context_data(
            directions=Delegation.Direction.choices,
            direction=direction,
            is_filtered=bool(narrowed),
            query=params.urlencode(),
            **kwargs,
        )


class DelegationDetailView(TranslatedSlugMixin, DetailView):
    template_name = "delegations/delegation_detail.html"

    def get_queryset(self):
        return Delegation.objects.select_related("programme_of").prefetch_related(
            "partner_cities",
            Prefetch(
                "involvements",
                queryset=DelegationOrganisation.objects.select_related("organisation"),
            ),
            "topics",
            Prefetch(
                "members",
                queryset=DelegationMember.objects.select_related(
                    "contact__organisation"
                ),
            ),
            Prefetch(
                "events",
                queryset=Event.objects.select_related("venue").order_by("start"),
            ),
            Prefetch(
                "reports", queryset=Report.objects.published(), to_attr="public_reports"
            ),
        )

    def get_context_data(self, **kwargs):
        delegation = self.object
        # Groups on one programme: each page shows it with all of them.
        owner = delegation.programme_owner()
        programmes = delegation_programmes([owner, *owner.programme_sharers.all()])
        german_only = i18n.german_only(
            [
                (
                    _("Beschreibung"),
                    [delegation],
                    ("composition", "purpose", "description"),
                ),
                (_("Mitglieder"), delegation.members.all(), ("label",)),
                (
                    _("Programm"),
                    [stop for p in programmes for stop in p["stops"]],
                    ("title", "place", "description"),
                ),
            ]
        )
        return super().get_context_data(
            german_only=german_only, programmes=programmes, **kwargs
        )


class PartnerCityListView(ListView):
    template_name = "delegations/partnercity_list.html"
    queryset = PartnerCity.objects.all()

    def get_context_data(self, **kwargs):
        cities = list(self.object_list)
        by_direction = Delegation.objects.countries_by_direction()
        points = maps.city_points(cities) + maps.delegation_points(
            by_direction, delegation_label, country_reports_url
        )
        return super().get_context_data(
            world=maps.WORLD,
            europe=maps.EUROPE,
            world_points=points,
            europe_points=maps.visible(points, maps.EUROPE),
            map_width=maps.WIDTH,
            home=maps.DORTMUND,
            map_height=maps.HEIGHT,
            delegation_countries=[
                (
                    direction,
                    label,
                    sorted(
                        (
                            (countries.name(code), count, country_reports_url(code))
                            for code, count in by_direction[direction].items()
                        ),
                    ),
                )
                for direction, label in Delegation.Direction.choices
                if by_direction[direction]
            ],
            **kwargs,
        )


def delegation_label(direction: str, code: str, count: int) -> str:
    if direction == Delegation.Direction.INCOMING:
        text = ngettext(
            "%(country)s: %(count)d Delegation zu Besuch in Dortmund",
            "%(country)s: %(count)d Delegationen zu Besuch in Dortmund",
            count,
        )
    else:
        text = ngettext(
            "%(country)s: %(count)d Reise aus Dortmund",
            "%(country)s: %(count)d Reisen aus Dortmund",
            count,
        )
    return text % {"country": countries.name(code), "count": count}


def country_reports_url(code: str) -> str:
    return f"{reverse('events:report_list')}?country={code}"


class PartnerCityDetailView(DetailView):
    template_name = "delegations/partnercity_detail.html"
    queryset = PartnerCity.objects.all()

    def get_context_data(self, **kwargs):
        city = self.object
        delegations = list(city.delegations.all())
        events = list(city.events.select_related("venue"))
        reports = list(
            Report.objects.published().covering(
                events=Q(event__partner_cities=city),
                delegations=Q(delegation__partner_cities=city),
            )[:20]
        )
        # One timeline of everything done with the city, newest first.
        timeline = sorted(
            [(d.start_date or datetime.date.max, "delegation", d) for d in delegations]
            + [
                (
                    timezone.localdate(e.start) if e.start else datetime.date.max,
                    "event",
                    e,
                )
                for e in events
            ],
            key=lambda entry: entry[0],
            reverse=True,
        )
        return super().get_context_data(timeline=timeline, reports=reports, **kwargs)
