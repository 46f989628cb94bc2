from django.db.models import Prefetch, Q
from django.views.generic import DetailView, ListView

from contacts.models import Organisation
from delegations.models import Delegation
from events.models import Event, Report


class OrganisationListView(ListView):
    paginate_by = 60
    template_name = "contacts/organisation_list.html"

    def get_queryset(self):
        queryset = Organisation.objects.all()
        kind = self.request.GET.get("kind")
        if kind in Organisation.Kind.values:
            queryset = queryset.filter(kind=kind)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kinds=Organisation.Kind.choices,
            kind=self.request.GET.get("kind", ""),
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    template_name = "contacts/organisation_detail.html"

    def get_queryset(self):
        return Organisation.objects.select_related("parent").prefetch_related(
            "children", "topics"
        )

    def get_context_data(self, **kwargs):
        organisation = self.object
        involved = (
            Q(hosts=organisation) | Q(participants=organisation) | Q(venue=organisation)
        )
        events = list(
            Event.objects.filter(involved)
            .select_related("venue")
            .distinct()
            .order_by("-start")
        )
        delegations = list(
            Delegation.objects.filter(
                Q(organisers=organisation) | Q(programme__host=organisation)
            ).distinct()
        )
        reports = list(
            Report.objects.published()
            .filter(
                Q(events__in=[event.pk for event in events])
                | Q(delegations__in=[delegation.pk for delegation in delegations])
            )
            .distinct()
            .prefetch_related(Prefetch("photos"))[:12]
        )
        return super().get_context_data(
            events=events, delegations=delegations, reports=reports, **kwargs
        )


def interest(request):
    """Placeholder until the interest form lands (issue 4)."""
    from django.shortcuts import render

    return render(request, "contacts/interest_placeholder.html")
