import logging

from django.conf import settings
from django.db.models import F, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from config.client_ip import client_network
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
            Q(organisations=organisation)
            | Q(venue=organisation)
            | Q(stops__hosts=organisation)
        )
        events = Event.objects.filter(involved).distinct()
        delegations = Delegation.objects.filter(
            Q(organisations=organisation) | Q(stops__hosts=organisation)
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
        delegations = list(
            delegations.order_by(F("start_date").desc(nulls_first=True))[:50]
        )
        return super().get_context_data(
            events=events, delegations=delegations, reports=reports, **kwargs
        )


def _submissions(request: HttpRequest, *, count: bool) -> dict | None:
    """Accepted submissions from the client's address this period
    (HORIZONT_INTEREST_RATE); None while the cache is down."""
    try:
        return get_usage(
            request,
            group="contacts.interest",
            key=lambda _group, request: client_network(request),
            rate=settings.HORIZONT_INTEREST_RATE,
            method=ALL,
            increment=count,
        )
    except Exception:
        return None


def _limited(request: HttpRequest) -> bool:
    """Only forms that passed count (each can cost a mail): a partner who
    mistypes five times, or an office behind one address, is not blocked."""
    usage = _submissions(request, count=False)
    if usage is None:
        # Better some spam than no registrations while the cache is down.
        logger.warning("Rate limit skipped: cache unavailable.")
        return False
    return usage["count"] >= usage["limit"]


# What a partner typed is never kept in a shared or browser cache.
@never_cache
def interest(request):
    if request.method == "POST" and _limited(request):
        return render(
            request,
            "contacts/interest_limited.html",
            {"team_email": settings.HORIZONT_TEAM_EMAIL},
            status=429,
        )
    form = InterestForm(
        request.POST if request.method == "POST" else None,
        session=request.session,
        event_slug=request.GET.get("event"),
        report_slug=request.GET.get("report"),
    )
    if not form.is_valid():
        return render(request, "contacts/interest_form.html", {"form": form})
    _submissions(request, count=True)
    form.use_fill_token()
    thanks = reverse("contacts:interest_thanks")
    if form.is_spam:
        logger.info("Honeypot filled in: nothing stored, nothing sent.")
        return redirect(thanks)
    registration = services.registration_submit(
        **form.registration_data(), language=translation.get_language()
    )
    if registration and registration.mail_failure:
        return redirect(f"{thanks}?mail=delayed")
    return redirect(thanks)


@never_cache
def interest_thanks(request):
    return render(
        request,
        "contacts/interest_thanks.html",
        {
            "mail_delayed": request.GET.get("mail") == "delayed",
            "hours": settings.HORIZONT_CONFIRMATION_HOURS,
            "mail_interval_hours": settings.HORIZONT_CONFIRMATION_MAIL_INTERVAL_HOURS,
        },
    )


CONFIRM_STATUS = {
    services.ConfirmResult.EXPIRED: 410,
    services.ConfirmResult.INVALID: 400,
}


@never_cache
def interest_confirm(request, token):
    """The link from the mail opens a page with a button; only the button
    (a POST) confirms. Mail scanners that open links confirm nothing."""
    if request.method == "POST":
        result = services.registration_confirm(token=token)
        if result == services.ConfirmResult.CONFIRMED:
            return redirect(request.path)
    else:
        result = services.confirmation_state(token=token)
    return render(
        request,
        "contacts/interest_confirm.html",
        {"result": result.value, "hours": settings.HORIZONT_CONFIRMATION_HOURS},
        status=CONFIRM_STATUS.get(result, 200),
    )


def privacy(request):
    return render(request, "contacts/privacy.html", services.privacy_context())


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "contacts/legalpage_detail.html", {"page": page})
