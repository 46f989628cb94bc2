from django.urls import path
from django.utils.translation import gettext_lazy as _

from contacts import views

app_name = "contacts"

urlpatterns = [
    path(_("interesse/"), views.interest, name="interest"),
    path(_("interesse/danke/"), views.interest_thanks, name="interest_thanks"),
    path(
        _("interesse/bestaetigen/<str:token>/"),
        views.interest_confirm,
        name="interest_confirm",
    ),
    path(_("datenschutz/"), views.privacy, name="privacy"),
    path(_("impressum/"), views.legal_page, {"kind": "imprint"}, name="imprint"),
    path(
        _("barrierefreiheit/"),
        views.legal_page,
        {"kind": "accessibility"},
        name="accessibility",
    ),
    path(
        _("leichte-sprache/"),
        views.legal_page,
        {"kind": "easy_language"},
        name="easy_language",
    ),
    path(
        _("gebaerdensprache/"),
        views.legal_page,
        {"kind": "sign_language"},
        name="sign_language",
    ),
    path(
        _("organisationen/"),
        views.OrganisationListView.as_view(),
        name="organisation_list",
    ),
    path(
        _("organisationen/<slug:slug>/"),
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
]
