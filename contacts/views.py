import ipaddress
import logging

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_ratelimit.core import is_ratelimited

from config.client_ip import client_ip
from contacts import services
from contacts.forms import InterestForm
from contacts.models import LegalPage, Organisation
from delegations.models import Delegation
from events.models import Event, Report

logger = logging.getLogger(__name__)


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
        events = Event.objects.filter(involved).distinct()
        delegations = Delegation.objects.filter(
            Q(organisers=organisation) | Q(programme__host=organisation)
        ).distinct()
        reports = list(
            Report.objects.published()
            .covering(
                events=Q(event__in=events.values("pk")),
                delegations=Q(delegation__in=delegations.values("pk")),
            )
            .prefetch_related("photos")[:12]
        )
        events = list(events.select_related("venue").order_by("-start")[:50])
        delegations = list(delegations.order_by("-start_date")[:50])
        return super().get_context_data(
            events=events, delegations=delegations, reports=reports, **kwargs
        )


def client_address(group: str, request: HttpRequest) -> str:
    """The address a rate limit counts: the visitor's, not our proxy's
    (config.client_ip). An IPv6 client usually holds a whole /64, so that
    counts as one address."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = 64 if ip.version == 6 else 32
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def _rate_limited(request: HttpRequest) -> bool:
    try:
        return is_ratelimited(
            request,
            group="contacts.interest",
            key=client_address,
            rate=settings.HORIZONT_INTEREST_RATE,
            method="POST",
            increment=True,
        )
    except Exception:
        # Better some spam than no registrations while the cache is down.
        logger.warning("Rate limit skipped: cache unavailable.", exc_info=True)
        return False


# What a partner typed is never kept in a shared or browser cache.
@never_cache
def interest(request):
    if request.method == "POST" and _rate_limited(request):
        return render(
            request,
            "contacts/interest_limited.html",
            {"team_email": settings.HORIZONT_TEAM_EMAIL},
            status=429,
        )
    form = InterestForm(
        request.POST if request.method == "POST" else None,
        event_slug=request.GET.get("event"),
    )
    if form.is_valid():
        registration = services.registration_submit(
            form=form, language=translation.get_language()
        )
        thanks = reverse("contacts:interest_thanks")
        return redirect(
            f"{thanks}?mail=delayed" if registration.mail_failure else thanks
        )
    return render(request, "contacts/interest_form.html", {"form": form})


@never_cache
def interest_thanks(request):
    return render(
        request,
        "contacts/interest_thanks.html",
        {
            "mail_delayed": request.GET.get("mail") == "delayed",
            "days": settings.HORIZONT_CONFIRMATION_DAYS,
        },
    )


CONFIRM_STATUS = {
    services.ConfirmResult.EXPIRED: 410,
    services.ConfirmResult.INVALID: 400,
}


@never_cache
def interest_confirm(request, token):
    result = services.registration_confirm(token=token)
    return render(
        request,
        "contacts/interest_confirm.html",
        {"result": result.value},
        status=CONFIRM_STATUS.get(result, 200),
    )


def privacy(request):
    return render(request, "contacts/privacy.html", services.privacy_context())


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "contacts/legalpage_detail.html", {"page": page})
