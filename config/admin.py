"""The admin site: Django's own, with a dashboard as its home page."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import InterestRegistration
from delegations.models import Delegation
from events.models import Event, Report
from events.views import figures_context


class ChosenFromAddressMixin:
    """An add form's choices taken from its address (`?events=3,5`, as the
    report action and the "another group" link open them) keep only ids that
    can be records: Django's admin hands anything on to the widgets, and
    `?events=abc` ended in a server error."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for field in self.model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.name not in initial:
                continue
            values = initial[field.name]
            many = isinstance(values, list)
            kept = [v for v in (values if many else [values]) if can_be_id(field, v)]
            if many:
                initial[field.name] = kept
            elif kept:
                initial[field.name] = kept[0]
            else:
                del initial[field.name]
        return initial


def can_be_id(field, value) -> bool:
    try:
        value = field.target_field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return not isinstance(value, int) or 0 < value < 2**31


class HorizontAdminSite(admin.AdminSite):
    site_header = "Horizont"
    site_title = "Horizont"
    index_title = "Wirtschaftsförderung International"
    index_template = "admin/dashboard.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ChosenFromAddressMixin):
            admin_class = type(
                admin_class.__name__, (ChosenFromAddressMixin, admin_class), {}
            )
        super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        return super().index(request, {**dashboard(request), **(extra_context or {})})

    def get_urls(self):
        return [
            path("zahlen/", self.admin_view(self.figures_view), name="figures"),
            *super().get_urls(),
        ]

    def figures_view(self, request):
        """The public figures plus confirmed registrations: for the Management
        (registrations are personal data); never cached (admin_view)."""
        if not request.user.has_perm("contacts.view_interestregistration"):
            raise PermissionDenied
        download, context = figures_context(request, registrations=True)
        if download:
            return download
        context.update(
            self.each_context(request), title=_("Zahlen für den Jahresbericht")
        )
        return TemplateResponse(request, "admin/figures.html", context)


def dashboard(request) -> dict:
    """What an editor looks at first: work in progress and what comes next.

    A fixed number of queries whatever the amount of data; registrations
    (personal data) only for those who may see them.
    """
    now = timezone.now()
    user = request.user
    missing_english = Q(title_en="") | Q(title_en__isnull=True)
    context = {
        "now": now,
        "drafts": Report.objects.filter(status=Report.Status.DRAFT)
        .order_by("-updated_at")
        .only("pk", "title", "updated_at")[:8],
        "scheduled": Report.objects.filter(status=Report.Status.PUBLISHED)
        .filter(Q(publish_at__gt=now) | Q(unpublish_at__gt=now))
        .order_by("publish_at")
        .only("pk", "title", "publish_at", "unpublish_at")[:8],
        "upcoming_events": Event.objects.upcoming().only(
            "pk", "title", "start", "end", "date_precision", "duration_days", "city"
        )[:8],
        "reports_without_english": Report.objects.filter(missing_english)
        .order_by("-updated_at")
        .only("pk", "title")[:8],
        "events_without_english": Event.objects.filter(missing_english).only(
            "pk", "title"
        )[:8],
        "delegations_without_english": Delegation.objects.filter(missing_english)
        .order_by(F("start_date").desc(nulls_first=True))
        .only("pk", "title")[:8],
    }
    if user.has_perm("contacts.view_interestregistration"):
        context["new_registrations"] = InterestRegistration.objects.filter(
            status=InterestRegistration.Status.NEW
        ).only("pk", "name", "organisation", "created_at")[:8]
    # Recent changes only of what the user may see: the log names records,
    # and a registration's name is personal data.
    visible = Q(pk__in=[])
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_view_permission(request):
            # By name, not ContentType.get_for_model: reading must not write.
            visible |= Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
            )
    context["recent_changes"] = (
        LogEntry.objects.filter(visible)
        .select_related("user", "content_type")
        .order_by("-action_time")[:10]
    )
    return context
