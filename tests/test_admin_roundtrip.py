"""Every change form of every demo record, opened and saved back unchanged, as
a browser would send it: the admin takes its own output without an error."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from events.demo import load_demo
from tests.admin_forms import as_post_data, form_fields

pytestmark = pytest.mark.django_db

# Records per model: enough to meet every kind of row, few enough to be quick.
PER_MODEL = 12


def test_every_demo_record_saves_back_unchanged(client, admin_user):
    load_demo()
    client.force_login(admin_user)
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    problems, saved = [], 0
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        for record in model_admin.get_queryset(request).order_by("pk")[:PER_MODEL]:
            url = reverse("admin:{}_{}_change".format(*info), args=[record.pk])
            page = client.get(url)
            html = page.content.decode()
            if page.status_code != 200:
                problems.append(f"{url}: GET {page.status_code}")
                continue
            if 'name="_save"' not in html:
                continue  # a read-only record (the login log): nothing to submit
            history = getattr(record, "history", None)
            before = history.count() if history is not None else None

            response = client.post(
                url, {**as_post_data(form_fields(html)), "_save": ""}
            )

            changelist = reverse("admin:{}_{}_changelist".format(*info))
            if response.status_code != 302 or not response["Location"].endswith(
                changelist
            ):
                errors = response.context and response.context.get("errors")
                problems.append(f"{url}: {response.status_code} {errors}")
            elif before is not None and history.count() != before + 1:
                problems.append(f"{url}: no history row")
            else:
                saved += 1
    assert problems == []
    # The round trip is only as good as the records it meets: every demo
    # report, event, delegation, organisation and person, the legal pages.
    assert saved >= 70  # 76 with the demo data of December 2026
