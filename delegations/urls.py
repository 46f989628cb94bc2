from django.urls import path
from django.utils.translation import gettext_lazy as _

from delegations import views

app_name = "delegations"

urlpatterns = [
    path(
        _("delegationen/"), views.DelegationListView.as_view(), name="delegation_list"
    ),
    path(
        _("delegationen/<slug:slug>/"),
        views.DelegationDetailView.as_view(),
        name="delegation_detail",
    ),
    path(
        _("partnerstaedte/"),
        views.PartnerCityListView.as_view(),
        name="partnercity_list",
    ),
    path(
        _("partnerstaedte/<slug:slug>/"),
        views.PartnerCityDetailView.as_view(),
        name="partnercity_detail",
    ),
]
