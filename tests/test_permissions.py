"""The permission matrix of docs/permissions.md, page by page."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.redirects.models import Redirect
from django.urls import NoReverseMatch, reverse
from post_office.models import Email

from tests.factories import (
    ContactFactory,
    DelegationFactory,
    EventFactory,
    InterestRegistrationFactory,
    PartnerCityFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

CONTENT = {
    "contacts.topic",
    "contacts.organisation",
    "contacts.contact",
    "delegations.partnercity",
    "delegations.delegation",
    "events.event",
    "events.report",
}
PERSONAL = {"contacts.interestregistration"}
LEGAL = {"contacts.legalpage"}
REDIRECTS = {"redirects.redirect"}
# What each role may open; anything else is refused. No add for registrations.
ALLOWED = {
    "anonymous": set(),
    "editor": CONTENT | REDIRECTS,
    "manager": CONTENT | PERSONAL | LEGAL | REDIRECTS,
    "superuser": {m._meta.label_lower for m in admin.site._registry},
}
PAGES = ["changelist", "add", "change", "delete", "history"]


def model_labels():
    return sorted(m._meta.label_lower for m in admin.site._registry)


@pytest.fixture
def data(django_user_model):
    """One row of every model the admin shows."""
    report = ReportFactory()
    report.delegations.add(DelegationFactory())
    for factory in (TopicFactory, ContactFactory, PartnerCityFactory, EventFactory):
        factory()
    InterestRegistrationFactory()
    Email.objects.create(from_email="a@example.org", to=["b@example.org"], subject="x")
    Redirect.objects.create(site_id=1, old_path="/news/alt.html", new_path="/de/")


@pytest.fixture
def login_as(client, django_user_model, editor, manager):
    def login(role):
        users = {
            "editor": editor,
            "manager": manager,
            "superuser": django_user_model.objects.create_superuser("root"),
        }
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return login


def page_url(label: str, page: str) -> str | None:
    model = apps.get_model(label)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    instance = model._default_manager.first()
    try:
        if page in ("changelist", "add"):
            return reverse(name)
        return reverse(name, args=[instance.pk]) if instance else None
    except NoReverseMatch:
        return None


def expected_status(role: str, label: str, page: str) -> int:
    if role == "anonymous":
        return 302
    allowed = label in ALLOWED[role]
    read_only = PERSONAL | {"post_office.email"}
    if page == "add" and (label in read_only or label.startswith("axes.")):
        allowed = False  # they come from the form and the system, not by hand
    if page == "delete" and role == "editor" and label in REDIRECTS:
        allowed = False  # editors add redirects; managers clear them up
    return 200 if allowed else 403


@pytest.mark.parametrize("role", ["anonymous", "editor", "manager", "superuser"])
@pytest.mark.parametrize("label", model_labels())
def test_admin_pages_follow_the_permission_matrix(data, login_as, role, label):
    client = login_as(role)
    for page in PAGES:
        url = page_url(label, page)
        if url is None:
            continue

        response = client.get(url)

        assert response.status_code == expected_status(role, label, page), (
            f"{role} GET {url}"
        )


@pytest.mark.parametrize("role", ["anonymous", "editor"])
@pytest.mark.parametrize("label", sorted(PERSONAL | LEGAL))
def test_refused_roles_cannot_delete_by_post(data, login_as, role, label):
    client = login_as(role)
    model = apps.get_model(label)
    before = model._default_manager.count()

    response = client.post(page_url(label, "delete"), {"post": "yes"})

    assert response.status_code in (302, 403)
    assert model._default_manager.count() == before


def test_no_admin_autocompletes_registrations():
    """Autocomplete answers with the rows of a field's target model: no field of
    any admin targets registrations, so none can list them to an editor."""
    targets = {
        model_admin.model._meta.get_field(name).related_model._meta.label_lower
        for model_admin in admin.site._registry.values()
        for name in model_admin.autocomplete_fields
    }

    assert targets
    assert not targets & PERSONAL
