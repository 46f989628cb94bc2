"""The facts of the seed report "Ein September voller internationaler Aktivitäten".

The report of the international desk for September 2025 (seven events, the
delegations behind them, seven photos, German and English), as one data
structure that an entry script types into the admin. It says what the seed
says and nothing more: a date the seed gives only as "September" is a `When`
without a day, a place the seed does not name is `None`. Whatever an admin
makes the editor add on top is that script's business, and it lists those
additions as invented facts (see test_editor_entry.py).

Wording follows the project's demo data (the seed's facts in our own words);
the English is a translation, not a fact. Keys are for cross-references only.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class When:
    """A date as precisely as the seed gives it."""

    year: int
    month: int | None = None
    day: int | None = None
    # How the seed puts it when it is vaguer than a day.
    text_de: str = ""

    def describe(self) -> str:
        if self.text_de:
            return self.text_de
        if self.day:
            return f"{self.day}.{self.month}.{self.year}"
        if self.month:
            return f"{self.month}/{self.year}"
        return str(self.year)


@dataclass(frozen=True)
class Topic:
    key: str
    name_de: str
    name_en: str


@dataclass(frozen=True)
class Organisation:
    key: str
    name_de: str
    # None: the seed does not say (the admin may still demand one).
    kind: str | None
    country: str | None
    name_en: str = ""
    short_name: str = ""
    city: str = ""


@dataclass(frozen=True)
class Person:
    key: str
    first_name: str
    last_name: str
    role_de: str = ""
    role_en: str = ""
    organisation: str | None = None


@dataclass(frozen=True)
class PartnerCity:
    key: str
    name: str
    country: str
    # twinning, friendship, project; None: the seed only says "Partnerstadt".
    agreement: str | None = None


@dataclass(frozen=True)
class ProgrammeStop:
    title_de: str
    title_en: str = ""
    host: str | None = None
    place_de: str = ""
    place_en: str = ""
    description_de: str = ""
    description_en: str = ""
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Delegation:
    key: str
    title_de: str
    title_en: str
    direction: str  # incoming, outgoing
    countries: tuple[str, ...]
    start: When
    end: When | None = None
    partner_cities: tuple[str, ...] = ()
    size: int | None = None
    size_is_approximate: bool = False
    composition_de: str = ""
    composition_en: str = ""
    purpose_de: str = ""
    purpose_en: str = ""
    description_de: str = ""
    description_en: str = ""
    organisers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    programme: tuple[ProgrammeStop, ...] = ()


@dataclass(frozen=True)
class Event:
    key: str
    title_de: str
    title_en: str
    format: str
    start: When
    # None: the seed does not name the place.
    city: str | None
    country: str | None
    end: When | None = None
    series_de: str = ""
    series_en: str = ""
    venue: str | None = None
    venue_name_de: str = ""
    venue_name_en: str = ""
    hosts: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    participant_count: int | None = None
    participant_count_qualifier: str = "exact"  # exact, about, more_than, almost
    focus_countries: tuple[str, ...] = ()
    partner_cities: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    delegation: str | None = None
    description_de: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Section:
    heading_de: str
    heading_en: str
    paragraphs_de: tuple[str, ...]
    paragraphs_en: tuple[str, ...]


@dataclass(frozen=True)
class Photo:
    caption_de: str
    caption_en: str
    alt_text_de: str
    alt_text_en: str
    credit: str
    # Colour of the stand-in JPEG the script generates.
    colour: str = "#336699"


@dataclass(frozen=True)
class Milestone:
    """Something the report tells that is neither an event nor a delegation."""

    key: str
    title_de: str
    organisation: str
    supporters: tuple[str, ...]
    description_de: str
    topics: tuple[str, ...] = ()


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
    contacts: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = field(default=())


TOPICS = (
    Topic("digital", "Digitalisierung", "Digitalisation"),
    Topic("web3", "Web3, Krypto und Blockchain", "Web3, crypto and blockchain"),
    Topic("market-entry", "Markteintritt", "Market entry"),
    Topic("startups", "Start-ups", "Start-ups"),
    Topic("digital-health", "Digitale Gesundheit", "Digital health"),
    Topic("hydrogen", "Wasserstoff", "Hydrogen"),
    Topic("cybersecurity", "Cybersicherheit", "Cybersecurity"),
    Topic("nano", "Nanotechnologie", "Nanotechnology"),
    Topic("microsystems", "Mikrosystemtechnik", "Microsystems technology"),
    Topic("production", "Produktionstechnik", "Production technology"),
    Topic("robotics", "Robotik", "Robotics"),
)

ORGANISATIONS = (
    Organisation(
        "wf-dortmund", "Wirtschaftsförderung Dortmund", "public", "DE", city="Dortmund"
    ),
    Organisation(
        "stadt-dortmund",
        "Stadt Dortmund",
        "public",
        "DE",
        name_en="City of Dortmund",
        city="Dortmund",
    ),
    Organisation(
        "edih-do",
        "European Digital Innovation Hub Dortmund",
        "network",
        "DE",
        short_name="EDIH-DO",
        city="Dortmund",
    ),
    Organisation(
        "fh-dortmund",
        "Fachhochschule Dortmund",
        "university",
        "DE",
        name_en="FH Dortmund – University of Applied Sciences and Arts",
        short_name="FH Dortmund",
        city="Dortmund",
    ),
    Organisation(
        "fraunhofer-iml",
        "Fraunhofer-Institut für Materialfluss und Logistik IML",
        "research",
        "DE",
        name_en="Fraunhofer Institute for Material Flow and Logistics IML",
        short_name="Fraunhofer IML",
    ),
    # "geht auf Bestrebungen der südkoreanischen Region Daejeon zurück": an
    # international network without a seat the seed names.
    Organisation(
        "gini",
        "Global Innopolis Network Initiative",
        "network",
        None,
        short_name="GINI",
    ),
    Organisation("nrw-global-business", "NRW.Global Business", "public", "DE"),
    Organisation("business-metropole-ruhr", "Business Metropole Ruhr", "public", "DE"),
    Organisation("innoclub", "innoclub", "network", "DE", city="Dortmund"),
    Organisation("researchmanager", "ResearchManager", "company", "NL"),
    Organisation(
        "technologiezentrum",
        "TechnologieZentrumDortmund",
        None,
        "DE",
        city="Dortmund",
    ),
    Organisation("sparkassenakademie", "Sparkassenakademie", None, "DE"),
    # The seed names the embassy, not where it is.
    Organisation(
        "kanadische-botschaft",
        "Kanadische Botschaft",
        "embassy",
        None,
        name_en="Embassy of Canada",
    ),
    Organisation("elmos", "Elmos", "company", "DE", city="Dortmund"),
    Organisation("raith", "Raith", "company", "DE", city="Dortmund"),
    Organisation(
        "zfp",
        "Zentrum für Produktionstechnologie",
        None,
        "DE",
        name_en="Centre for Production Technology",
        city="Dortmund",
    ),
    Organisation(
        "zfm",
        "Zentrum für Mikrosystemtechnik",
        None,
        "DE",
        name_en="Centre for Microsystems Technology",
        city="Dortmund",
    ),
    Organisation(
        "kongresszentrum",
        "Kongresszentrum Dortmund",
        None,
        "DE",
        name_en="Dortmund Congress Centre",
        city="Dortmund",
    ),
    # The settlement of Patika Robotics and the six who supported it.
    Organisation("patika-robotics", "Patika Robotics", "company", "TR"),
    Organisation("ihk-dortmund", "IHK zu Dortmund", "chamber", "DE", city="Dortmund"),
    Organisation(
        "digital-hub-logistics",
        "Digital Hub Logistics Dortmund",
        "network",
        "DE",
        city="Dortmund",
    ),
    Organisation("digital-hub-management", "Digital Hub Management", None, None),
    Organisation("open-logistics-foundation", "Open Logistics Foundation", None, None),
)

PEOPLE = (
    Person("mathis-biermann", "Mathis", "Biermann"),
    Person("heike-marzen", "Heike", "Marzen", "Geschäftsführerin", "Managing Director"),
    Person(
        "mona-neubaur",
        "Mona",
        "Neubaur",
        "Ministerin für Wirtschaft, Industrie, Klimaschutz und Energie",
        "Minister for Economic Affairs, Industry, Climate Action and Energy",
    ),
    Person(
        "evelyne-coulombe",
        "Evelyne",
        "Coulombe",
        "Chargée d’Affaires",
        organisation="kanadische-botschaft",
    ),
)

PARTNER_CITIES = (
    PartnerCity("leeds", "Leeds", "GB"),
    PartnerCity("kumasi", "Kumasi", "GH"),
    PartnerCity("netanya", "Netanya", "IL"),
    PartnerCity("xian", "Xi’an", "CN"),
)

FIRST_WEEK = When(2025, 9, text_de="in der ersten Septemberwoche 2025")

DELEGATIONS = (
    Delegation(
        "diwodo-guests",
        "Internationale Gäste der Digitalen Woche Dortmund 2025",
        "International guests at Digitale Woche Dortmund 2025",
        "incoming",
        ("KR", "TR", "PT", "GH", "IL", "CN"),
        start=FIRST_WEEK,
        partner_cities=("kumasi", "netanya", "xian"),
        size=50,
        size_is_approximate=True,
        composition_de=(
            "Innovationsmanagerinnen und -manager aus dem Netzwerk der European "
            "Digital Innovation Hubs, Vertreterinnen aus Daejeon (Südkorea), "
            "Unternehmen aus der Türkei und Portugal, Gäste aus den Partnerstädten "
            "Kumasi, Netanya und Xi’an sowie Verantwortliche internationaler "
            "Partnerhochschulen der FH Dortmund."
        ),
        composition_en=(
            "Innovation managers from the European Digital Innovation Hub network, "
            "representatives from Daejeon (South Korea), companies from Turkey and "
            "Portugal, guests from the partner cities of Kumasi, Netanya and Xi’an, "
            "and staff of FH Dortmund's international partner universities."
        ),
        purpose_de=(
            "Sich an besonderen Orten vernetzen und die digitalen Potenziale "
            "Dortmunds kennenlernen."
        ),
        purpose_en=(
            "Networking at special places and getting to know Dortmund's digital "
            "potential."
        ),
        organisers=("wf-dortmund", "edih-do"),
        topics=("digital", "web3"),
        programme=(
            ProgrammeStop(
                "Empfang im Rathaus",
                "Reception at City Hall",
                place_de="Rathaus Dortmund",
                place_en="Dortmund City Hall",
            ),
            ProgrammeStop("Hafenrundfahrt", "Harbour tour"),
            ProgrammeStop(
                "Vorstellung des Fraunhofer IML",
                "Presentation of Fraunhofer IML",
                host="fraunhofer-iml",
            ),
            ProgrammeStop(
                "Besuch der Conf3rence mit Gemeinschaftsstand",
                "Visit to Conf3rence, with a joint stand",
            ),
        ),
    ),
    Delegation(
        "dutch-health-tech",
        "Niederländische Health-Tech-Delegation im Ruhrgebiet",
        "Dutch health-tech delegation in the Ruhr area",
        "incoming",
        ("NL",),
        start=When(2025, 9, 19),
        composition_de="Unternehmerinnen und Unternehmer aus dem Health-Tech-Bereich.",
        composition_en="Entrepreneurs from the health-tech sector.",
        description_de=(
            "Die Delegation besuchte neben Essen und Bochum auch das "
            "TechnologieZentrumDortmund."
        ),
        description_en=(
            "Besides Essen and Bochum, the delegation visited the "
            "TechnologieZentrumDortmund."
        ),
        organisers=("business-metropole-ruhr",),
        topics=("digital-health", "market-entry"),
        programme=(
            ProgrammeStop(
                "innoclub und die Erfahrungen von ResearchManager",
                "The innoclub and ResearchManager's experience",
                host="innoclub",
                place_de="TechnologieZentrumDortmund",
                description_de=(
                    "Das niederländische Unternehmen ResearchManager berichtet, wie "
                    "es von Dortmund aus den deutschen Markt bearbeitet."
                ),
                description_en=(
                    "The Dutch company ResearchManager explains how it serves the "
                    "German market from Dortmund."
                ),
            ),
            ProgrammeStop(
                "Schulung zum deutschen Markt",
                "Training on the German market",
                host="sparkassenakademie",
            ),
        ),
    ),
    Delegation(
        "ruhr-manchester",
        "Ruhrgebiets-Delegation beim Innovation Summit in Manchester",
        "Ruhr delegation to the Innovation Summit in Manchester",
        "outgoing",
        ("GB",),
        start=When(2025, 9, 25),
        composition_de=(
            "Delegation aus dem Ruhrgebiet, mit dem Team Start-up & Investor Support."
        ),
        composition_en=(
            "Delegation from the Ruhr area, with the Start-up & Investor Support team."
        ),
        purpose_de=(
            "Weitere Kooperations- und Innovationspotenziale zwischen dem Ruhrgebiet "
            "und Greater Manchester finden."
        ),
        purpose_en=(
            "To identify further potential for cooperation and innovation between "
            "the Ruhr area and Greater Manchester."
        ),
        topics=("hydrogen", "digital-health", "cybersecurity"),
    ),
    Delegation(
        "canada-nano",
        "Kanadische Delegation zur Nanokonferenz",
        "Canadian delegation to the nano conference",
        "incoming",
        ("CA",),
        start=When(2025, 9, 29),
        composition_de="Unternehmensvertreter und Forschende aus Kanada.",
        composition_en="Business representatives and researchers from Canada.",
        purpose_de="Die Nanokonferenz in Dortmund.",
        purpose_en="The nano conference in Dortmund.",
        topics=("nano", "microsystems"),
        programme=(
            ProgrammeStop(
                "Begrüßung bei der Nanokonferenz",
                "Welcome at the nano conference",
                place_de="Kongresszentrum Dortmund",
                place_en="Dortmund Congress Centre",
                speakers=("heike-marzen", "mona-neubaur", "evelyne-coulombe"),
            ),
            ProgrammeStop("Vernetzung mit Elmos", "Meeting Elmos", host="elmos"),
            ProgrammeStop("Vernetzung mit Raith", "Meeting Raith", host="raith"),
            ProgrammeStop(
                "Vorstellung des Zentrums für Produktionstechnologie",
                "Presentation of the Centre for Production Technology",
                host="zfp",
            ),
            ProgrammeStop(
                "Vorstellung des Zentrums für Mikrosystemtechnik",
                "Presentation of the Centre for Microsystems Technology",
                host="zfm",
            ),
            ProgrammeStop(
                "Eigener Stand auf der Nanokonferenz",
                "The delegation's own stand at the nano conference",
                description_de=(
                    "Austausch mit anderen Branchenvertreterinnen und -vertretern "
                    "und Beiträge in unterschiedlichen Vortragsformaten."
                ),
                description_en=(
                    "Talks with other people from the industry and contributions "
                    "to various talk formats."
                ),
            ),
        ),
    ),
    Delegation(
        "dortmund-korea",
        "Dortmunder Delegation in Südkorea",
        "Dortmund delegation to South Korea",
        "outgoing",
        ("KR",),
        # "im vergangenen Jahr", in a report about September 2025.
        start=When(2024, text_de="im vergangenen Jahr (2024)"),
        description_de=(
            "Nach diesem Besuch wurde die Stadt Dortmund eines von sechs "
            "Gründungsmitgliedern der Global Innopolis Network Initiative (GINI)."
        ),
        description_en=(
            "After this visit the City of Dortmund became one of the six founding "
            "members of the Global Innopolis Network Initiative (GINI)."
        ),
    ),
)

EVENTS = (
    Event(
        "diwodo",
        "Digitale Woche Dortmund (diwodo) 2025",
        "",
        "other",
        start=FIRST_WEEK,
        city="Dortmund",
        country="DE",
        series_de="Digitale Woche Dortmund",
        participants=("wf-dortmund", "edih-do", "fh-dortmund", "fraunhofer-iml"),
        participant_count=50,
        participant_count_qualifier="almost",
        focus_countries=("KR", "TR", "PT", "GH", "IL", "CN"),
        partner_cities=("kumasi", "netanya", "xian"),
        topics=("digital",),
        delegation="diwodo-guests",
        description_de=(
            "Knapp 50 internationale Gäste, mit einem Rahmenprogramm aus Empfang im "
            "Rathaus und Hafenrundfahrt."
        ),
        description_en=(
            "Almost 50 international guests, with a supporting programme of a "
            "reception at City Hall and a harbour tour."
        ),
    ),
    Event(
        "conf3rence",
        "Conf3rence 2025",
        "",
        "conference",
        # Told within the diwodo paragraph, without a date of its own.
        start=When(2025, 9, text_de="im September 2025, während der diwodo"),
        # The guests were "vor Ort in Dortmund"; the seed names no place for it.
        city=None,
        country=None,
        participants=("wf-dortmund",),
        topics=("web3",),
        delegation="diwodo-guests",
        description_de=(
            "Europas führendes Technologie-Event für Krypto, Blockchain und Web3; "
            "besucht mit einem Gemeinschaftsstand."
        ),
        description_en=(
            "Europe's leading technology event for crypto, blockchain and Web3, "
            "visited with a joint stand."
        ),
    ),
    Event(
        "leeds",
        "From Leeds to NRW: How UK Startups and SMEs Can Grow in Germany’s "
        "Economic Powerhouse",
        "",
        "presentation",
        start=When(2025, 9, 10),
        city="Leeds",
        country="GB",
        hosts=("nrw-global-business",),
        participants=("wf-dortmund",),
        participant_count=25,
        participant_count_qualifier="about",
        focus_countries=("GB",),
        partner_cities=("leeds",),
        topics=("market-entry", "startups"),
        description_de=(
            "Standortpräsentation vor rund 25 Unternehmen: die wirtschaftlichen "
            "Stärken der Region und die Chancen eines Markteintritts in "
            "Nordrhein-Westfalen für britische Start-ups und KMU."
        ),
        description_en=(
            "Presentation of Dortmund to around 25 companies: the region's economic "
            "strengths and the opportunities of entering the market in North "
            "Rhine-Westphalia for British start-ups and SMEs."
        ),
    ),
    Event(
        "dutch-visit",
        "Niederländische Health-Tech-Delegation im TechnologieZentrumDortmund",
        "Dutch health-tech delegation at the TechnologieZentrumDortmund",
        "delegation_visit",
        start=When(2025, 9, 19),
        city="Dortmund",
        country="DE",
        venue="technologiezentrum",
        hosts=("business-metropole-ruhr",),
        participants=("innoclub", "researchmanager", "sparkassenakademie"),
        focus_countries=("NL",),
        topics=("digital-health", "market-entry"),
        delegation="dutch-health-tech",
    ),
    Event(
        "manchester",
        "Innovation Summit Manchester 2025",
        "",
        "summit",
        start=When(2025, 9, 25),
        city="Manchester",
        country="GB",
        series_de="Innovation Bridge Manchester–Ruhrgebiet",
        series_en="Innovation Bridge Manchester–Ruhr",
        participants=("wf-dortmund",),
        focus_countries=("GB",),
        topics=("hydrogen", "digital-health", "cybersecurity"),
        delegation="ruhr-manchester",
        description_de=(
            "Teil der Innovation Bridge, eines regelmäßigen Austauschformats "
            "zwischen Manchester und dem Ruhrgebiet."
        ),
        description_en=(
            "Part of the Innovation Bridge, a regular exchange format between "
            "Manchester and the Ruhr area."
        ),
    ),
    Event(
        "gini-kickoff",
        "Kick-off der Global Innopolis Network Initiative (GINI)",
        "Global Innopolis Network Initiative (GINI) kick-off",
        "kickoff",
        start=When(2025, 9, 26),
        # The seed does not say where (or whether online) the kick-off was.
        city=None,
        country=None,
        hosts=("gini",),
        participants=("stadt-dortmund",),
        focus_countries=("KR",),
        description_de=(
            "Die Mitglieder lernten sich kennen und präsentierten ihre Stärken und "
            "Potenziale; die Stadt Dortmund ist eines von sechs Gründungsmitgliedern."
        ),
        description_en=(
            "The members got to know each other and presented their strengths and "
            "potential; the City of Dortmund is one of six founding members."
        ),
    ),
    Event(
        "nano",
        "Nanokonferenz mit kanadischer Delegation",
        "Nano conference with a Canadian delegation",
        "conference",
        start=When(2025, 9, 29),
        city="Dortmund",
        country="DE",
        venue="kongresszentrum",
        participants=(
            "kanadische-botschaft",
            "elmos",
            "raith",
            "zfp",
            "zfm",
            "wf-dortmund",
        ),
        focus_countries=("CA",),
        topics=("nano", "microsystems", "production"),
        delegation="canada-nano",
    ),
)

SECTIONS = (
    Section(
        "Digitale Woche Dortmund: knapp 50 Gäste aus aller Welt",
        "Digitale Woche Dortmund: almost 50 guests from around the world",
        (
            "In der ersten Septemberwoche begrüßte das Team zur Digitalen Woche "
            "Dortmund (diwodo) knapp 50 Gäste aus dem Ausland. Darunter waren "
            "Innovationsmanagerinnen und -manager aus dem Netzwerk der European "
            "Digital Innovation Hubs, die einer Einladung des Dortmunder EDIH-DO zur "
            "diwodo gefolgt waren.",
            "Außerdem reisten Vertreterinnen aus Daejeon in Südkorea an, dazu "
            "Unternehmen aus der Türkei und aus Portugal sowie Gäste aus den "
            "Partnerstädten Xi’an (China), Netanya (Israel) und Kumasi (Ghana). Auch "
            "Verantwortliche internationaler Partnerhochschulen der Fachhochschule "
            "Dortmund waren dabei.",
            "Ein umfangreiches Begleitprogramm mit Empfang im Rathaus und "
            "Hafenrundfahrt gab der Gruppe Gelegenheit, an besonderen Orten Kontakte "
            "zu knüpfen und zu erleben, was die Stadt digital zu bieten hat.",
        ),
        (
            "In the first week of September the team welcomed almost 50 guests from "
            "abroad to Digitale Woche Dortmund (diwodo), the city's digital week. "
            "Among them were innovation managers from the European Digital "
            "Innovation Hub network who had accepted an invitation to diwodo from "
            "Dortmund's own hub, EDIH-DO.",
            "Representatives from Daejeon in South Korea also came, along with "
            "companies from Turkey and Portugal and guests from the partner cities "
            "of Kumasi (Ghana), Netanya (Israel) and Xi’an (China). Staff from FH "
            "Dortmund's international partner universities joined them too.",
            "A full supporting programme, including a reception at City Hall and a "
            "harbour tour, gave the group the chance to network in special places "
            "and discover the city's digital potential.",
        ),
    ),
    Section(
        "Conf3rence: Gemeinschaftsstand beim Web3-Treffpunkt",
        "Conf3rence: a joint stand at the Web3 meeting point",
        (
            "Ein weiterer Höhepunkt war der Besuch der Conf3rence, Europas führender "
            "Technologieveranstaltung rund um Krypto, Blockchain und Web3. Zum Besuch "
            "gehörte auch ein Gemeinschaftsstand.",
        ),
        (
            "Another highlight was the visit to Conf3rence, Europe's leading "
            "technology event for crypto, blockchain and Web3. The visit included a "
            "joint stand.",
        ),
    ),
    Section(
        "Patika Robotics kommt nach Dortmund",
        "Patika Robotics comes to Dortmund",
        (
            "Besonders erfreulich: Das türkische Start-up Patika Robotics lässt sich "
            "in Dortmund nieder. Gemeinsam begleitet haben die Ansiedlung die "
            "Wirtschaftsförderung Dortmund, die IHK zu Dortmund, der Digital Hub "
            "Logistics Dortmund, die Digital Hub Management, die Open Logistics "
            "Foundation und das Fraunhofer IML.",
            "In den kommenden Monaten nutzt das junge Unternehmen mit einem "
            "Co-Working-Gutschein der Wirtschaftsförderung die Infrastruktur des "
            "innoclubs – so fällt der Start auf dem deutschen Markt leichter. Patika "
            "Robotics arbeitet an einer neuen Generation autonomer mobiler Roboter "
            "für die Industrie.",
        ),
        (
            "We are particularly pleased that the Turkish start-up Patika Robotics "
            "is setting up in Dortmund. Its arrival was supported jointly by "
            "Wirtschaftsförderung Dortmund, the IHK zu Dortmund, Digital Hub "
            "Logistics Dortmund, Digital Hub Management, the Open Logistics "
            "Foundation and Fraunhofer IML.",
            "Over the coming months the young company will use a co-working voucher "
            "from Wirtschaftsförderung Dortmund to work from the innoclub's "
            "facilities, making it easier to enter the German market. Patika "
            "Robotics is developing a new generation of autonomous mobile robots "
            "for industry.",
        ),
    ),
    Section(
        "GINI: Dortmund ist Gründungsmitglied",
        "GINI: Dortmund is a founding member",
        (
            "Am Rande der diwodo kam das Team außerdem mit dem Organisationsteam von "
            "GINI zusammen. Hinter dem Kürzel steht die Global Innopolis Network "
            "Initiative, die auf eine Initiative der südkoreanischen Region Daejeon "
            "zurückgeht.",
            "Nachdem eine Dortmunder Delegation im vergangenen Jahr Südkorea besucht "
            "hatte, wurde die Stadt Dortmund eines von sechs Gründungsmitgliedern des "
            "Netzwerks. Beim Kick-off am 26. September stellten sich die Mitglieder "
            "einander vor und zeigten, wo ihre Stärken und Potenziale liegen.",
        ),
        (
            "On the sidelines of diwodo the team also met the organisers of the GINI "
            "network. GINI stands for Global Innopolis Network Initiative, which "
            "originated in the South Korean region of Daejeon.",
            "Following a visit by a Dortmund delegation to South Korea last year, "
            "the City of Dortmund became one of the network's six founding members. "
            "At the kick-off on 26 September the members got to know each other and "
            "presented their strengths and potential.",
        ),
    ),
    Section(
        "From Leeds to NRW: Dortmund in der Partnerstadt Leeds",
        "From Leeds to NRW: Dortmund in its partner city of Leeds",
        (
            "Rund 25 Unternehmen erfuhren am 10. September, was Dortmund zu bieten "
            "hat. Anlass war „From Leeds to NRW: How UK Startups and SMEs Can Grow in "
            "Germany’s Economic Powerhouse“; Gastgeber war NRW.Global Business.",
            "Britischen Start-ups und kleinen und mittleren Unternehmen sollte "
            "gezeigt werden, wie wirtschaftsstark unsere Region ist und welche "
            "Chancen Nordrhein-Westfalen als Zielmarkt bietet. Dass das Treffen in "
            "Leeds, einer Partnerstadt Dortmunds, stattfand, machte es zu einer "
            "guten Bühne, um den Standort international bekannter zu machen und neue "
            "Geschäftskontakte zu knüpfen.",
        ),
        (
            "On 10 September we had the opportunity to present Dortmund to around 25 "
            "companies at “From Leeds to NRW: How UK Startups and SMEs Can Grow in "
            "Germany’s Economic Powerhouse”, an event organised by NRW.Global "
            "Business.",
            "The aim was to show British start-ups and SMEs the economic strengths "
            "of our region and the opportunities of entering the market in North "
            "Rhine-Westphalia. Held in our partner city of Leeds, the event was a "
            "valuable platform for raising Dortmund's international profile and "
            "making new business contacts.",
        ),
    ),
    Section(
        "Health-Tech aus den Niederlanden",
        "Health tech from the Netherlands",
        (
            "Am 19. September war eine niederländische Delegation im Ruhrgebiet "
            "unterwegs. Neben Essen und Bochum stand auch das "
            "TechnologieZentrumDortmund auf dem Programm, das die Business Metropole "
            "Ruhr zusammengestellt hatte.",
            "Die Unternehmerinnen und Unternehmer aus dem Health-Tech-Bereich lernten "
            "den innoclub kennen und hörten von ResearchManager, wie es ist, als "
            "niederländisches Unternehmen von Dortmund aus den deutschen Markt zu "
            "bearbeiten. Danach ging es in die Sparkassenakademie: Dort erfuhr die "
            "Gruppe in einer Schulung, was den deutschen Markt auszeichnet.",
        ),
        (
            "On 19 September a Dutch delegation toured the Ruhr area. Alongside Essen "
            "and Bochum, the programme put together by Business Metropole Ruhr "
            "included the TechnologieZentrumDortmund.",
            "The health-tech entrepreneurs got to know the innoclub and heard from "
            "ResearchManager what it is like to serve the German market from "
            "Dortmund as a Dutch company. The group then went on to the "
            "Sparkassenakademie for training on the particularities of the German "
            "market.",
        ),
    ),
    Section(
        "Innovation Summit in Manchester",
        "Innovation Summit in Manchester",
        (
            "Am 25. September nahm das Team Start-up & Investor Support außerdem am "
            "Innovation Summit in Manchester teil. Eine Delegation aus dem Ruhrgebiet "
            "sprach dort mit Vertreterinnen und Vertretern aus Wirtschaft und Städten "
            "der Region Greater Manchester über Wasserstoff, digitale Gesundheit und "
            "Cybersicherheit.",
            "Ziel war es, weitere Felder für Kooperation und Innovation zwischen den "
            "beiden aufstrebenden Hightech-Regionen zu finden. Der Summit ist Teil "
            "der Innovation Bridge, die Manchester und das Ruhrgebiet verbindet – ein "
            "regelmäßiges Austauschformat, das vor einigen Jahren gestartet ist.",
        ),
        (
            "On 25 September the Start-up & Investor Support team took part in the "
            "Innovation Summit in Manchester. A delegation from the Ruhr area met "
            "business and city representatives from Greater Manchester to discuss "
            "hydrogen, digital health and cybersecurity.",
            "The aim was to identify further areas for cooperation and innovation "
            "between the two up-and-coming high-tech regions. The summit is part of "
            "the Innovation Bridge between Manchester and the Ruhr area, a regular "
            "exchange format launched a few years ago.",
        ),
    ),
    Section(
        "Kanadische Delegation bei der Nanokonferenz",
        "Canadian delegation at the nano conference",
        (
            "Am 29. September reiste eine kanadische Delegation aus Unternehmen und "
            "Forschung zur Nanokonferenz nach Dortmund. Das Team nutzte den Besuch, "
            "um Kontakte zu Dortmunder Unternehmen wie Elmos und Raith herzustellen. "
            "Außerdem lernte die Gruppe das Zentrum für Mikrosystemtechnik und das "
            "Zentrum für Produktionstechnologie kennen.",
            "Auf der Konferenz im Kongresszentrum Dortmund präsentierte sich die "
            "Delegation mit einem eigenen Stand, kam mit anderen Fachleuten der "
            "Branche ins Gespräch und wirkte an verschiedenen Vortragsformaten mit.",
        ),
        (
            "On 29 September a Canadian delegation of business representatives and "
            "researchers came to Dortmund for the nano conference. The team used the "
            "visit to put them in touch with Dortmund companies such as Elmos and "
            "Raith. The group was also introduced to the Centre for Microsystems "
            "Technology and the Centre for Production Technology.",
            "At the conference in the Kongresszentrum Dortmund, the delegation had "
            "its own stand, talked with other people from the industry and took "
            "part in various talk formats.",
        ),
    ),
)

PHOTOS = (
    Photo(
        "Geschäftsführerin Heike Marzen, Ministerin Mona Neubaur und Evelyne "
        "Coulombe, Chargée d’Affaires der Kanadischen Botschaft, heißen bei der "
        "Nanokonferenz die kanadische Delegation aus Wissenschaft und Wirtschaft "
        "willkommen",
        "Managing Director Heike Marzen, Minister Mona Neubaur and Evelyne Coulombe, "
        "Chargée d’Affaires of the Canadian Embassy, welcome the Canadian "
        "delegation of researchers and entrepreneurs at the nano conference",
        "Begrüßung der kanadischen Delegation bei der Nanokonferenz",
        "Welcome for the Canadian delegation at the nano conference",
        "Nico Schmitz",
        "#8a2d3b",
    ),
    Photo(
        "„From Leeds to NRW“ in der Partnerstadt Leeds",
        "At the “From Leeds to NRW” event in Leeds",
        "Veranstaltung „From Leeds to NRW“",
        "The “From Leeds to NRW” event",
        "NRW Global Business",
        "#2d5a8a",
    ),
    Photo(
        "Empfang im Rathaus für die internationalen Gäste der diwodo",
        "Reception at City Hall for the international guests of diwodo",
        "Internationale Gäste der diwodo im Dortmunder Rathaus",
        "International diwodo guests at Dortmund City Hall",
        "Mathis Biermann",
        "#5a8a2d",
    ),
    Photo(
        "ResearchManager aus den Niederlanden berichtet von seinen Erfahrungen am "
        "Standort Dortmund",
        "ResearchManager, a Dutch company, shares its experience of doing business "
        "in Dortmund",
        "Präsentation von ResearchManager vor der niederländischen Delegation",
        "ResearchManager presenting to the Dutch delegation",
        "Business Metropole Ruhr",
        "#8a6a2d",
    ),
    Photo(
        "Die Delegation aus den Niederlanden vor dem TechnologieZentrumDortmund",
        "The delegation from the Netherlands outside the TechnologieZentrumDortmund",
        "Niederländische Delegation vor dem TechnologieZentrumDortmund",
        "Dutch delegation in front of the TechnologieZentrumDortmund",
        "Business Metropole Ruhr",
        "#2d8a7a",
    ),
    Photo(
        "Das Fraunhofer IML stellt sich den internationalen Gästen der diwodo vor",
        "Fraunhofer IML introduces itself to the international guests of diwodo",
        "Internationale Gäste beim Fraunhofer IML",
        "International guests at Fraunhofer IML",
        "Ludger Staudinger",
        "#6a2d8a",
    ),
    Photo(
        "Internationale Gäste der diwodo zu Besuch beim Fraunhofer IML",
        "International diwodo guests visiting Fraunhofer IML",
        "Gruppe internationaler Gäste beim Fraunhofer IML",
        "Group of international guests at Fraunhofer IML",
        "Ludger Staudinger",
        "#3b3b3b",
    ),
)

REPORT = Report(
    title_de="September 2025: Ein Monat voller internationaler Begegnungen",
    title_en="September 2025: a month full of international encounters",
    lead_de=(
        "Im September 2025 knüpfte das Team Start-up & Investor Support viele neue "
        "internationale Kontakte und baute bestehende aus – von der Digitalen Woche "
        "Dortmund über Leeds und Manchester bis zur Nanokonferenz mit einer "
        "Delegation aus Kanada."
    ),
    lead_en=(
        "In September 2025 the Start-up & Investor Support team made many new "
        "international contacts and strengthened existing ones – from Digitale "
        "Woche Dortmund to Leeds and Manchester and the nano conference with a "
        "delegation from Canada."
    ),
    author="mathis-biermann",
    events=tuple(event.key for event in EVENTS),
    delegations=tuple(delegation.key for delegation in DELEGATIONS),
    sections=SECTIONS,
    photos=PHOTOS,
    milestones=(
        Milestone(
            "patika-settlement",
            "Ansiedlung von Patika Robotics",
            "patika-robotics",
            (
                "wf-dortmund",
                "ihk-dortmund",
                "digital-hub-logistics",
                "digital-hub-management",
                "open-logistics-foundation",
                "fraunhofer-iml",
            ),
            "Das türkische Start-up nutzt einen Co-Working-Gutschein der "
            "Wirtschaftsförderung im innoclub und entwickelt autonome mobile "
            "Roboter für die Industrie.",
            topics=("robotics",),
        ),
    ),
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
