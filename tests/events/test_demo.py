import pytest

from contacts.models import Contact, LegalPage, Organisation
from delegations.models import Delegation, PartnerCity, ProgrammeItem
from events.demo import load_demo
from events.demo_images import scene_for
from events.models import Event, Photo, Report, ReportSection

pytestmark = pytest.mark.django_db

MODELS = [
    Report,
    ReportSection,
    Photo,
    Event,
    Delegation,
    ProgrammeItem,
    PartnerCity,
    Organisation,
    Contact,
]


def test_load_demo_turns_the_five_seeds_into_published_reports():
    load_demo()

    assert Report.objects.published().count() == 5
    korea = Report.objects.get(slug="suedkorea-delegation-benchmarking")
    assert korea.photos.count() == 9
    assert set(korea.photos.values_list("credit", flat=True)) == {"WF DO / Jäger"}
    september = Report.objects.get(slug="september-international-2025")
    assert september.events.count() == 7


def test_load_demo_keeps_the_korean_programme_in_order():
    load_demo()

    delegation = Delegation.objects.get(stops__title__icontains="Wilo")
    titles = list(delegation.stops.values_list("title", flat=True))
    assert len(titles) == 6
    assert "Masterplan" in titles[0]
    assert "FH Dortmund" in titles[-1]


def test_load_demo_twice_leaves_the_same_counts():
    load_demo()
    first = {model.__name__: model.objects.count() for model in MODELS}

    load_demo()

    assert {model.__name__: model.objects.count() for model in MODELS} == first


def test_load_demo_uses_fictional_contact_details_only():
    load_demo()

    emails = [
        email for email in Contact.objects.values_list("email", flat=True) if email
    ]
    assert emails
    assert all(email.endswith("@example.org") for email in emails)
    assert not Contact.objects.filter(email__icontains="stadtdo").exists()


def test_load_demo_gives_every_photo_renditions():
    load_demo()

    assert not Photo.objects.filter(renditions=[]).exists()
    photo = Photo.objects.first()
    assert [r["width"] for r in photo.renditions] == [480, 800, 1200]


def test_load_demo_fills_the_imprint_address_and_draws_scenes_per_caption():
    load_demo()

    imprint = LegalPage.objects.get(kind="imprint")
    assert "Grüne Straße 2–8, 44147 Dortmund" in imprint.body_de
    assert "[Anschrift bitte ergänzen]" not in imprint.body_de
    assert "[address to be added]" not in imprint.body_en
    assert scene_for("Einblicke in die Produktion bei Wilo") == "factory"
    assert scene_for("Ein Fachvortrag beim Networking-Lunch") == "hall"
    assert scene_for("Gäste im Gespräch im innoclub") == "reception"
