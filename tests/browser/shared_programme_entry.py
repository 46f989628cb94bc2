"""The facts of a report of the shape issue 11 describes: a test scenario.

This is NOT a seed report and nothing here happened as written. It is a
scenario of the shape the issue names for its "done when": one report covering
FOUR incoming delegations, groups from four countries (from four of the
partner cities in events/demo/horizont.json) who followed ONE shared programme
of TEN stops on the same days; dates the report gives only roughly ("zwei Tage
im Juni 2024", "Juni 2024"); organisations in different roles (organiser,
host, supporter, visited company, venue; a stop with two hosts); three
photos; German and English. Organisations, people and partner cities are the
demo data's, so what an editor would find in a running system is realistic;
the wording is ours.

As in september_entry.py, the data says what the report says and nothing
more: a date given as a month is a `When` without a day, and whatever an
admin makes the editor add on top is the entry script's business, which
records it as an invented fact (entry_counting.EntryCounter.invent).
Keys are for cross-references only.
"""

from dataclasses import dataclass

from .september_entry import (
    Organisation,
    PartnerCity,
    Person,
    Photo,
    Section,
    Topic,
    When,
)

__all__ = [
    "DELEGATIONS",
    "EVENTS",
    "ORGANISATIONS",
    "PARTNER_CITIES",
    "PEOPLE",
    "PHOTOS",
    "PROGRAMME",
    "REPORT",
    "TOPICS",
    "Delegation",
    "Event",
    "Organisation",
    "PartnerCity",
    "Person",
    "Photo",
    "Programme",
    "Report",
    "Section",
    "Stop",
    "Topic",
    "When",
]


@dataclass(frozen=True)
class Stop:
    """A programme stop: no time (the report gives none), one host or two."""

    title_de: str
    title_en: str
    hosts: tuple[str, ...] = ()
    place_de: str = ""
    place_en: str = ""


@dataclass(frozen=True)
class Programme:
    """The programme the four groups followed together."""

    start: When
    days: int
    stops: tuple[Stop, ...]
    # Companies the groups visited (the report's "besucht: …").
    visited: tuple[str, ...] = ()


@dataclass(frozen=True)
class Delegation:
    key: str
    title_de: str
    title_en: str
    country: str
    partner_city: str
    size: int
    composition_de: str
    composition_en: str
    organisers: tuple[str, ...]
    supporters: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    # The delegation whose programme it followed; None: the programme is its own.
    programme_of: str | None = None


@dataclass(frozen=True)
class Event:
    key: str
    title_de: str
    title_en: str
    format: str
    start: When
    city: str
    country: str
    venue: str
    hosts: tuple[str, ...]
    co_hosts: tuple[str, ...]
    supporters: tuple[str, ...]
    participant_count: int
    participant_count_qualifier: str
    focus_countries: tuple[str, ...]
    partner_cities: tuple[str, ...]
    topics: tuple[str, ...]
    description_de: str
    description_en: str


@dataclass(frozen=True)
class Report:
    title_de: str
    title_en: str
    lead_de: str
    lead_en: str
    author: str
    events: tuple[str, ...]
    delegations: tuple[str, ...]
    sections: tuple[Section, ...]
    photos: tuple[Photo, ...]


TOPICS = (
    Topic("smart-city", "Smart City", "Smart city"),
    Topic("logistics", "Logistik", "Logistics"),
    Topic("urban-development", "Stadtentwicklung", "Urban development"),
)

ORGANISATIONS = (
    Organisation(
        "stadt-dortmund",
        "Stadt Dortmund",
        "public",
        "DE",
        name_en="City of Dortmund",
        city="Dortmund",
    ),
    Organisation(
        "wf-dortmund", "Wirtschaftsförderung Dortmund", "public", "DE", city="Dortmund"
    ),
    Organisation(
        "fraunhofer-iml",
        "Fraunhofer-Institut für Materialfluss und Logistik IML",
        "research",
        "DE",
        name_en="Fraunhofer Institute for Material Flow and Logistics IML",
        short_name="Fraunhofer IML",
        city="Dortmund",
    ),
    Organisation(
        "digital-hub-logistics",
        "Digital Hub Logistics Dortmund",
        "network",
        "DE",
        city="Dortmund",
    ),
    Organisation(
        "open-logistics-foundation",
        "Open Logistics Foundation",
        "network",
        "DE",
        city="Dortmund",
    ),
    Organisation("wilo", "Wilo", "company", "DE", city="Dortmund"),
    Organisation("elmos", "Elmos Semiconductor", "company", "DE", city="Dortmund"),
    Organisation(
        "lamarr-institut",
        "Lamarr-Institut für Maschinelles Lernen und Künstliche Intelligenz",
        "research",
        "DE",
        name_en="Lamarr Institute for Machine Learning and Artificial Intelligence",
        city="Dortmund",
    ),
    Organisation(
        "tu-dortmund",
        "Technische Universität Dortmund",
        "university",
        "DE",
        name_en="TU Dortmund University",
        city="Dortmund",
    ),
    Organisation(
        "nrw-global-business",
        "NRW.Global Business",
        "public",
        "DE",
        city="Düsseldorf",
    ),
    Organisation(
        "business-metropole-ruhr",
        "Business Metropole Ruhr",
        "public",
        "DE",
        city="Essen",
    ),
    Organisation(
        "ahk-serbien",
        "Deutsch-Serbische Wirtschaftskammer (AHK Serbien)",
        "chamber",
        "RS",
        name_en="German-Serbian Chamber of Commerce (AHK Serbia)",
        city="Belgrad",
    ),
    Organisation("metropole-amiens", "Métropole Amiens", "public", "FR", city="Amiens"),
    Organisation(
        "kongresszentrum-dortmund",
        "Kongresszentrum Dortmund (Westfalenhallen)",
        "other",
        "DE",
        name_en="Dortmund Congress Centre (Westfalenhallen)",
        city="Dortmund",
    ),
)

PEOPLE = (
    Person(
        "julia-jaeger",
        "Julia",
        "Jäger",
        "Ansprechpartnerin Investor Support International",
        "Contact, Investor Support International",
        organisation="wf-dortmund",
    ),
)

PARTNER_CITIES = (
    PartnerCity("novi-sad", "Novi Sad", "RS", "twinning"),
    PartnerCity("amiens", "Amiens", "FR", "twinning"),
    PartnerCity("leeds", "Leeds", "GB", "twinning"),
    PartnerCity("kumasi", "Kumasi", "GH", "project"),
)

TWO_DAYS_IN_JUNE = When(2024, 6, text_de="zwei Tage im Juni 2024")

PROGRAMME = Programme(
    start=TWO_DAYS_IN_JUNE,
    days=2,
    visited=("wilo", "elmos"),
    stops=(
        Stop(
            "Empfang im Rathaus",
            "Reception at City Hall",
            hosts=("stadt-dortmund", "wf-dortmund"),
            place_de="Rathaus Dortmund, Friedensplatz",
            place_en="Dortmund City Hall, Friedensplatz",
        ),
        Stop(
            "Der Wirtschaftsstandort Dortmund",
            "Dortmund as a business location",
            hosts=("wf-dortmund",),
        ),
        Stop(
            "Besuch im Fraunhofer IML: Logistik von morgen",
            "Visit to Fraunhofer IML: the logistics of tomorrow",
            hosts=("fraunhofer-iml",),
            place_de="Fraunhofer IML, Joseph-von-Fraunhofer-Straße",
            place_en="Fraunhofer IML, Joseph-von-Fraunhofer-Straße",
        ),
        Stop(
            "Start-ups der Logistik im Digital Hub",
            "Logistics start-ups at the Digital Hub",
            hosts=("digital-hub-logistics",),
        ),
        Stop(
            "Offene Software für die Logistik",
            "Open-source software for logistics",
            hosts=("open-logistics-foundation",),
        ),
        Stop(
            "Werksbesuch in der Wilo Smart Factory",
            "Factory visit to the Wilo Smart Factory",
            hosts=("wilo",),
            place_de="Wilopark",
            place_en="Wilopark",
        ),
        Stop(
            "Chips für Autos und Industrie bei Elmos",
            "Chips for cars and industry at Elmos",
            hosts=("elmos",),
        ),
        Stop(
            "Smart City Dortmund: Projekte der Stadt",
            "Smart City Dortmund: the city's projects",
            hosts=("stadt-dortmund",),
            place_de="Dortmunder U",
            place_en="Dortmunder U",
        ),
        Stop(
            "Künstliche Intelligenz für Stadt und Logistik",
            "Artificial intelligence for cities and logistics",
            hosts=("lamarr-institut", "tu-dortmund"),
            place_de="TU Dortmund, Campus Nord",
            place_en="TU Dortmund, North Campus",
        ),
        Stop(
            "Fachkonferenz „Logistik trifft Smart City“",
            "Conference “Logistics meets smart city”",
            hosts=("wf-dortmund",),
            place_de="Kongresszentrum Westfalenhallen",
            place_en="Westfalenhallen Congress Centre",
        ),
    ),
)

DELEGATIONS = (
    Delegation(
        "novi-sad",
        "Delegation aus Novi Sad: Smart City und Logistik",
        "Delegation from Novi Sad: smart city and logistics",
        "RS",
        "novi-sad",
        9,
        "Stadtverwaltung sowie IT- und Logistikunternehmen aus Novi Sad.",
        "City administration and IT and logistics companies from Novi Sad.",
        organisers=("wf-dortmund",),
        supporters=("ahk-serbien",),
        topics=("smart-city", "logistics"),
    ),
    Delegation(
        "amiens",
        "Delegation der Métropole Amiens: Smart City und Logistik",
        "Delegation of Métropole Amiens: smart city and logistics",
        "FR",
        "amiens",
        6,
        "Vertreterinnen und Vertreter der Métropole Amiens und ihrer "
        "Wirtschaftsförderung.",
        "Representatives of Métropole Amiens and its economic development agency.",
        organisers=("stadt-dortmund",),
        supporters=("metropole-amiens",),
        topics=("smart-city", "urban-development"),
        programme_of="novi-sad",
    ),
    Delegation(
        "leeds",
        "Delegation aus Leeds: Smart City und Logistik",
        "Delegation from Leeds: smart city and logistics",
        "GB",
        "leeds",
        5,
        "Unternehmen der Logistik- und Digitalwirtschaft aus Leeds.",
        "Logistics and digital companies from Leeds.",
        organisers=("wf-dortmund",),
        supporters=("nrw-global-business",),
        topics=("smart-city", "logistics"),
        programme_of="novi-sad",
    ),
    Delegation(
        "kumasi",
        "Delegation aus Kumasi: Smart City und Logistik",
        "Delegation from Kumasi: smart city and logistics",
        "GH",
        "kumasi",
        4,
        "Vertreter der Stadtverwaltung von Kumasi (Kumasi Metropolitan Assembly).",
        "Representatives of the city administration of Kumasi (Kumasi "
        "Metropolitan Assembly).",
        organisers=("stadt-dortmund",),
        topics=("smart-city", "urban-development"),
        programme_of="novi-sad",
    ),
)

EVENTS = (
    Event(
        "logistik-smart-city",
        "Fachkonferenz „Logistik trifft Smart City“",
        "Conference “Logistics meets smart city”",
        "conference",
        When(2024, 6, text_de="Juni 2024"),
        city="Dortmund",
        country="DE",
        venue="kongresszentrum-dortmund",
        hosts=("wf-dortmund",),
        co_hosts=("digital-hub-logistics",),
        supporters=("nrw-global-business", "business-metropole-ruhr"),
        participant_count=200,
        participant_count_qualifier="about",
        focus_countries=("RS", "FR", "GB", "GH"),
        partner_cities=("novi-sad", "amiens", "leeds", "kumasi"),
        topics=("smart-city", "logistics"),
        description_de=(
            "Unternehmen, Forschung und Städte aus fünf Ländern sprachen über "
            "Logistik in wachsenden Städten: Lieferverkehr, Daten und Flächen."
        ),
        description_en=(
            "Companies, researchers and cities from five countries discussed "
            "logistics in growing cities: deliveries, data and space."
        ),
    ),
)

SECTIONS = (
    Section(
        heading_de="",
        heading_en="",
        paragraphs_de=(
            "Zwei Tage im Juni 2024 stand Dortmund im Zeichen seiner "
            "Partnerstädte: Delegationen aus Novi Sad, Amiens, Leeds und Kumasi "
            "kamen zu einem gemeinsamen Programm rund um Smart City und Logistik "
            "in die Stadt.",
            "Nach dem Empfang im Rathaus durch die Stadt Dortmund und die "
            "Wirtschaftsförderung lernten die Gäste den Wirtschaftsstandort "
            "kennen. Im Fraunhofer IML, im Digital Hub Logistics und bei der Open "
            "Logistics Foundation ging es um die Logistik von morgen und offene "
            "Software, mit der Unternehmen sie gemeinsam bauen.",
            "Bei Wilo und Elmos Semiconductor sahen die Delegationen, wie in "
            "Dortmund produziert wird. Die Stadt stellte ihre Smart-City-Projekte "
            "vor, das Lamarr-Institut und die TU Dortmund zeigten, was "
            "Künstliche Intelligenz für Städte und Lieferketten leisten kann.",
            "Zum Abschluss diskutierten die Gäste auf der Fachkonferenz „Logistik "
            "trifft Smart City“ mit rund 200 Teilnehmenden. Erste Kontakte für "
            "Projekte zwischen Unternehmen der vier Städte und aus Dortmund sind "
            "geknüpft.",
        ),
        paragraphs_en=(
            "For two days in June 2024 Dortmund was all about its partner "
            "cities: delegations from Novi Sad, Amiens, Leeds and Kumasi came to "
            "the city for a shared programme on smart cities and logistics.",
            "After a reception at City Hall by the City of Dortmund and "
            "Wirtschaftsförderung Dortmund, the guests got to know Dortmund as a "
            "business location. At Fraunhofer IML, the Digital Hub Logistics and "
            "the Open Logistics Foundation they learned about the logistics of "
            "tomorrow and the open-source software companies build it with.",
            "At Wilo and Elmos Semiconductor the delegations saw how Dortmund "
            "manufactures. The city presented its smart city projects, and the "
            "Lamarr Institute and TU Dortmund University showed what artificial "
            "intelligence can do for cities and supply chains.",
            "To close, the guests joined about 200 participants at the conference "
            "“Logistics meets smart city”. First contacts for projects between "
            "companies from the four cities and from Dortmund have been made.",
        ),
    ),
)

PHOTOS = (
    Photo(
        "Die vier Delegationen beim Empfang im Dortmunder Rathaus",
        "The four delegations at the reception in Dortmund City Hall",
        "Rund zwanzig Gäste stehen für ein Gruppenfoto vor der Treppe im Rathaus.",
        "About twenty guests pose for a group photo at the stairs in City Hall.",
        "WF DO / Jäger",
        "#2f5d8a",
    ),
    Photo(
        "Führung durch die Wilo Smart Factory",
        "Tour of the Wilo Smart Factory",
        "Die Gruppe lässt sich eine Fertigungslinie mit Robotern erklären.",
        "The group has a production line with robots explained to them.",
        "WF DO / Jäger",
        "#7a8a2f",
    ),
    Photo(
        "Podium der Fachkonferenz „Logistik trifft Smart City“",
        "Panel at the conference “Logistics meets smart city”",
        "Fünf Personen sitzen auf einem Podium vor einem vollen Saal.",
        "Five people sit on a panel in front of a full hall.",
        "WF DO / Jäger",
        "#8a2f5d",
    ),
)

REPORT = Report(
    title_de="Vier Partnerstädte, ein Programm: Smart City und Logistik in Dortmund",
    title_en="Four partner cities, one programme: smart city and logistics in Dortmund",
    lead_de=(
        "Delegationen aus Novi Sad, Amiens, Leeds und Kumasi besuchten im Juni 2024 "
        "zwei Tage lang gemeinsam Unternehmen, Forschung und die Stadtverwaltung "
        "in Dortmund."
    ),
    lead_en=(
        "In June 2024 delegations from Novi Sad, Amiens, Leeds and Kumasi spent "
        "two days together visiting companies, research institutes and the city "
        "administration in Dortmund."
    ),
    author="julia-jaeger",
    events=tuple(event.key for event in EVENTS),
    delegations=tuple(delegation.key for delegation in DELEGATIONS),
    sections=SECTIONS,
    photos=PHOTOS,
)


def organisation(key: str) -> Organisation:
    return next(o for o in ORGANISATIONS if o.key == key)


def person(key: str) -> Person:
    return next(p for p in PEOPLE if p.key == key)


def partner_city(key: str) -> PartnerCity:
    return next(c for c in PARTNER_CITIES if c.key == key)


def topic(key: str) -> Topic:
    return next(t for t in TOPICS if t.key == key)


def delegation(key: str) -> Delegation:
    return next(d for d in DELEGATIONS if d.key == key)


def event(key: str) -> Event:
    return next(e for e in EVENTS if e.key == key)
