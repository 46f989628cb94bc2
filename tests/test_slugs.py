"""Slugs that read well in German and English, and addresses that keep working."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import translation

from config.page_cache import content_version
from config.slugs import slugify_de, unique_slug
from contacts.models import Organisation, Topic
from delegations.models import PartnerCity
from events.models import Report
from events.services import copy_with_children
from tests.admin_forms import as_post_data, form_fields
from tests.factories import (
    DelegationFactory,
    EventFactory,
    OrganisationFactory,
    PartnerCityFactory,
    ReportFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def english_report(**fields):
    return ReportFactory(
        title_de="Ärzte in Dortmund",
        title_en="Doctors in Dortmund",
        slug="",
        **fields,
    )


def test_slugify_de_spells_umlauts_as_german_readers_do():
    assert slugify_de("Ärzte in Dortmund") == "aerzte-in-dortmund"
    assert slugify_de("Straße") == "strasse"
    assert slugify_de("Über Öl und Güter") == "ueber-oel-und-gueter"
    assert slugify_de("Université d'Amiens") == "universite-damiens"


def test_unique_slug_counts_up_past_slugs_of_either_language():
    ReportFactory(slug="stammtisch")
    ReportFactory(slug="anderer-bericht", slug_en="stammtisch-2")

    assert unique_slug(Report, "Stammtisch") == "stammtisch-3"
    assert unique_slug(Report, "Neu") == "neu"


def test_unique_slug_leaves_a_rows_own_slug_alone():
    report = ReportFactory(slug="stammtisch")

    assert unique_slug(Report, "Stammtisch", exclude_pk=report.pk) == "stammtisch"


@pytest.mark.parametrize(
    ("factory", "fields", "expected"),
    [
        (ReportFactory, {"title": "Ärzte in Dortmund"}, "aerzte-in-dortmund"),
        (EventFactory, {"title": "Stammtisch Südkorea"}, "stammtisch-suedkorea"),
        (DelegationFactory, {"title": "Besuch aus Köln"}, "besuch-aus-koeln"),
        (PartnerCityFactory, {"name": "Düsseldorf"}, "duesseldorf"),
        (OrganisationFactory, {"name": "Straßen.NRW"}, "strassennrw"),
        (TopicFactory, {"name": "Gesundheitswirtschaft"}, "gesundheitswirtschaft"),
    ],
)
def test_empty_slug_is_filled_from_the_german_title_on_save(factory, fields, expected):
    first = factory(slug="", **fields)
    second = factory(slug="", **{k: f"{v} " for k, v in fields.items()})

    assert first.slug == expected
    assert second.slug == f"{expected}-2"


def test_english_slug_is_filled_from_the_english_title():
    report = english_report()
    german_only = ReportFactory(title="Nur Deutsch", slug="")

    assert report.slug == "aerzte-in-dortmund"
    assert report.slug_en == "doctors-in-dortmund"
    assert german_only.slug_en == ""


def test_english_address_uses_the_english_slug():
    report = english_report()
    event = EventFactory(title_de="Empfang", title_en="Reception", slug="")
    delegation = DelegationFactory(title_de="Besuch", title_en="Visit", slug="")

    with translation.override("en"):
        english = [x.get_absolute_url() for x in (report, event, delegation)]
    german = [x.get_absolute_url() for x in (report, event, delegation)]

    assert english == [
        "/en/reports/doctors-in-dortmund/",
        "/en/events/reception/",
        "/en/delegations/visit/",
    ]
    assert german == [
        "/de/berichte/aerzte-in-dortmund/",
        "/de/termine/empfang/",
        "/de/delegationen/besuch/",
    ]


@pytest.mark.parametrize(
    ("factory", "german", "english"),
    [
        (ReportFactory, "/de/berichte/{}/", "/en/reports/{}/"),
        (EventFactory, "/de/termine/{}/", "/en/events/{}/"),
        (DelegationFactory, "/de/delegationen/{}/", "/en/delegations/{}/"),
    ],
)
def test_the_other_languages_slug_redirects_permanently(
    client, factory, german, english
):
    obj = factory(title_de="Ärzte in Dortmund", title_en="Doctors", slug="")

    to_english = client.get(english.format(obj.slug))
    to_german = client.get(german.format(obj.slug_en) + "?q=x")
    page = client.get(english.format(obj.slug_en))

    assert to_english.status_code == 301
    assert to_english["Location"] == english.format("doctors")
    assert to_german.status_code == 301
    assert to_german["Location"] == german.format("aerzte-in-dortmund") + "?q=x"
    assert "Doctors" in page.content.decode()


def test_a_slug_is_read_in_the_pages_own_language_first(client):
    german = ReportFactory(title="Berlin", slug="berlin")
    ReportFactory(title_de="Hauptstadt", title_en="Capital", slug="", slug_en="berlin")

    response = client.get(german.get_absolute_url())

    assert response.status_code == 200
    assert "Berlin" in response.content.decode()


def test_language_switch_and_alternates_lead_to_each_languages_slug(client):
    report = english_report()

    html = client.get(report.get_absolute_url()).content.decode()

    english = "http://testserver/en/reports/doctors-in-dortmund/"
    assert f'<link rel="alternate" hreflang="en" href="{english}">' in html
    assert f'<a href="{english}" hreflang="en" lang="en">' in html
    assert "/en/reports/aerzte-in-dortmund/" not in html


def test_sitemap_alternates_use_each_languages_slug(client):
    english_report()

    xml = client.get("/sitemap-reports.xml").content.decode()

    assert "http://testserver/en/reports/doctors-in-dortmund/" in xml
    assert "http://testserver/de/berichte/aerzte-in-dortmund/" in xml
    assert "/en/reports/aerzte-in-dortmund/" not in xml


def test_old_address_redirects_after_a_slug_change(client):
    report = english_report()
    report.slug = "aerztinnen-und-aerzte"
    report.slug_en = "physicians"
    report.save()

    german = client.get("/de/berichte/aerzte-in-dortmund/")
    english = client.get("/en/reports/doctors-in-dortmund/")

    assert german.status_code == 301
    assert german["Location"] == "/de/berichte/aerztinnen-und-aerzte/"
    assert english.status_code == 301
    assert english["Location"] == "/en/reports/physicians/"
    assert "Ärzte in Dortmund" in client.get(german["Location"]).content.decode()


def test_an_english_slug_given_later_keeps_the_former_english_address(client):
    report = ReportFactory(title="Ärzte in Dortmund", slug="")
    report.title_en = "Doctors"
    report.save()

    assert Redirect.objects.get().old_path == "/en/reports/aerzte-in-dortmund/"
    assert Redirect.objects.get().new_path == "/en/reports/doctors/"


def test_repeated_slug_changes_make_no_redirect_chains(client):
    report = ReportFactory(title="Erst", slug="erst")
    for slug in ("zweit", "dritt", "erst"):
        report.slug = slug
        report.save()

    redirects = dict(Redirect.objects.values_list("old_path", "new_path"))

    assert redirects == {
        "/de/berichte/zweit/": "/de/berichte/erst/",
        "/de/berichte/dritt/": "/de/berichte/erst/",
        "/en/reports/zweit/": "/en/reports/erst/",
        "/en/reports/dritt/": "/en/reports/erst/",
    }
    assert client.get("/de/berichte/zweit/")["Location"] == "/de/berichte/erst/"


def test_a_drafts_slug_change_leaves_no_redirect():
    report = ReportFactory(slug="entwurf", status=Report.Status.DRAFT)
    report.slug = "entwurf-neu"
    report.save()

    assert not Redirect.objects.exists()


def test_an_old_cms_address_entered_as_redirect_works(client):
    report = ReportFactory(slug="dortmund-in-korea")
    Redirect.objects.create(
        site_id=Site.objects.get_current().pk,
        old_path="/news/2024/dortmund-in-korea.html",
        new_path=report.get_absolute_url(),
    )

    response = client.get("/news/2024/dortmund-in-korea.html")

    assert response.status_code == 301
    assert response["Location"] == "/de/berichte/dortmund-in-korea/"


def test_a_new_redirect_makes_cached_pages_stale(
    client, settings, django_capture_on_commit_callbacks
):
    settings.HORIZONT_PAGE_CACHE_SECONDS = 60
    report = ReportFactory()
    before = content_version()
    assert client.get("/news/alt.html").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(
            site_id=settings.SITE_ID,
            old_path="/news/alt.html",
            new_path=report.get_absolute_url(),
        )

    assert content_version() > before
    assert client.get("/news/alt.html")["Location"] == report.get_absolute_url()


def test_the_site_has_the_domain_of_the_site_url():
    assert Site.objects.get_current().domain == "testserver"


def test_managers_keep_redirects_and_editors_may_add_them(editor, manager):
    actions = ["add", "change", "delete", "view"]

    managed = [manager.has_perm(f"redirects.{a}_redirect") for a in actions]
    edited = [editor.has_perm(f"redirects.{a}_redirect") for a in actions]

    assert managed == [True, True, True, True]
    assert edited == [True, False, False, True]
    assert Group.objects.get(name="Management").permissions.filter(
        content_type__app_label="redirects"
    ).count() == len(actions)


def test_a_copy_gets_a_free_english_slug():
    report = english_report()

    copy = copy_with_children(report)

    assert copy.slug_en == "doctors-in-dortmund-kopie"


def test_the_admin_fills_a_slug_left_empty(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:delegations_partnercity_add")
    data = as_post_data(form_fields(client.get(url).content.decode()))
    data.update(name_de="Düsseldorf", slug="", country="DE", agreement="twinning")

    response = client.post(url, {**data, "_save": ""})

    assert response.status_code == 302
    assert PartnerCity.objects.get().slug == "duesseldorf"


def test_topic_and_organisation_slugs_are_kept_when_given():
    assert Topic.objects.create(name="Thema", slug="eigener").slug == "eigener"
    organisation = Organisation.objects.create(name="IHK", slug="ihk", country="DE")
    assert organisation.slug == "ihk"


def test_a_slug_filled_during_a_partial_save_is_stored(client):
    report = ReportFactory(slug="aerzte")
    Report.objects.filter(pk=report.pk).update(title_en="Doctors")
    report.refresh_from_db()

    report.save(update_fields=["status"])

    report.refresh_from_db()
    assert report.slug_en == "doctors"
    assert client.get("/en/reports/aerzte/")["Location"] == "/en/reports/doctors/"


def test_renamed_partner_city_and_organisation_keep_their_old_address(client):
    city = PartnerCityFactory(name="Amiens", slug="amiens")
    organisation = OrganisationFactory(slug="ihk")
    topic = TopicFactory(slug="robotik")
    for obj, slug in ((city, "amiens-metropole"), (organisation, "ihk-dortmund")):
        obj.slug = slug
        obj.save()
    topic.slug = "robotik-und-ki"
    topic.save()

    assert client.get("/de/partnerstaedte/amiens/")["Location"] == (
        "/de/partnerstaedte/amiens-metropole/"
    )
    assert Redirect.objects.filter(old_path__contains="/ihk/").count() == 2
    assert not Redirect.objects.filter(old_path__contains="robotik").exists()


def test_the_migration_gives_existing_rows_english_slugs():
    migration = import_module("events.migrations.0016_slug_en")
    taken = ReportFactory(slug="doctors")
    first, second = ReportFactory(slug="erster"), ReportFactory(slug="zweiter")
    Report.objects.filter(pk__in=[first.pk, second.pk]).update(title_en="Doctors")
    Report.objects.filter(pk=taken.pk).update(title_en="Über uns")

    migration.fill_slug_en("events.Report", "events.Event")(apps, None)

    slugs = dict(Report.objects.values_list("slug", "slug_en"))
    assert slugs.pop("doctors") == "ueber-uns"
    assert sorted(slugs.values()) == ["doctors-2", "doctors-3"]


def test_a_manager_enters_an_old_address_without_choosing_a_site(client, manager):
    client.force_login(manager)
    response = client.post(
        "/admin/redirects/redirect/add/",
        {"old_path": "/news/2024/dortmund-in-korea.html", "new_path": "/de/berichte/"},
    )
    assert response.status_code == 302
    old = client.get("/news/2024/dortmund-in-korea.html")
    assert (old.status_code, old["Location"]) == (301, "/de/berichte/")
