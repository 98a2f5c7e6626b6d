"""The front-matter schema: every content type and every field, defined once.

The validator, the model and the authors' reference in CONTRIBUTING.md are all
derived from the tables in this module. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property


class Kind(Enum):
    """What a field's value must look like."""

    TEXT = "tekst"
    DATE = "datum"  # YYYY-MM-DD, YYYY-MM or YYYY
    DAY = "datum met dag"  # YYYY-MM-DD only (events: a calendar needs the day)
    YEAR = "jaartal"
    INT = "geheel getal"
    URL = "webadres"
    VIDEO = "webadres van een video op YouTube of Vimeo"
    IMAGE = "afbeelding (pad vanaf dit bestand)"
    CHOICE = "keuze"
    REF = "verwijzing"  # one slug of another type
    REFS = "lijst van verwijzingen"  # list of slugs of another type
    PEOPLE = "lijst van personen"  # list of {naam, rol, organisatie}


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str  # Dutch, shown to authors
    required: bool = False
    target: str | None = None  # content type a REF/REFS points to
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min_items: int = 0
    example: str = ""  # YAML snippet for the authors' reference and hints
    # What the model and the validator derive from the field (see the declarations below):
    attr: str | None = None  # the Item attribute that holds the value (shared article fields only)
    alt: str | None = None  # IMAGE: the field that describes the picture; required when it is set
    not_before: str | None = None  # a date that may not lie before this other date field
    unique: bool = False  # no two items of the type may share the value
    facet: bool = False  # REFS: lists of articles can be filtered by it (query key: the target type)
    subject: bool = False  # REFS: what an article is about (feed categories, schema.org "about")

    @property
    def example_value(self) -> str:
        """The example without its field name: "datum: 2021-11-04" → "2021-11-04"."""
        return self.example.split(": ", 1)[-1]


class Show(Enum):
    """How a fact shows its value on an item's page."""

    TEXT = "text"  # the value as plain text
    REFS = "refs"  # links to the items the value names
    WEB = "web"  # a link to the web address (text: `link_text`, else the address)
    PERIOD = "period"  # `field` … `end`, in the words of `both`/`start_only`/`end_only`
    CALENDAR = "calendar"  # a link to the item's own calendar file (items of an agenda type with a day)


@dataclass(frozen=True)
class Fact:
    """One row of the facts list at the top of an item's page, shown when its value is there."""

    label: str  # Dutch
    field: str = ""
    show: Show = Show.TEXT
    link_text: str | None = None  # WEB; CALENDAR: the link's text
    note: str = ""  # CALENDAR: said after the link
    end: str | None = None  # PERIOD: the field with the end of the period
    both: str = ""  # PERIOD: "{start} tot en met {end}"
    start_only: str | None = None  # PERIOD: words when only the start is known; None: not shown
    end_only: str | None = None  # PERIOD: words when only the end is known; None: not shown
    # What the article is for and about (audiences, themes, partners, …): shown after the text,
    # so a reader meets the title, the introduction and the first paragraph first.
    about: bool = False


@dataclass(frozen=True)
class Agenda:
    """A type whose items happen on a day: an agenda of upcoming and past items and calendar files."""

    end: str  # the field with the last day
    place: str  # where
    organiser: str  # who organises


@dataclass(frozen=True)
class Player:
    """A type whose page shows a video that loads only after a click."""

    url: str  # the field with the player's address
    poster: str  # the field with the still shown until then


@dataclass(frozen=True)
class SchemaOrg:
    """The schema.org description of an item's page (JSON-LD)."""

    type: str  # "Article", "NewsArticle", "Event", "Organization"
    # (property, field, wrapper): the field's value as the property; with a wrapper, as
    # {"@type": wrapper, "name": value}. A text equal to the item's title is left out.
    properties: tuple[tuple[str, str, str | None], ...] = ()


@dataclass(frozen=True)
class ItemFeed:
    """Each item of the type has its own Atom feed of the articles that refer to it."""

    folder: str  # below feeds/
    title: str  # "{name}": the item's title in lower case
    subtitle: str
    hint: str  # the lead-in of the visible link on the item's page


def choice_label(value: str) -> str:
    """A choice as readers and authors read it: "persoonlijk-verhaal" -> "Persoonlijk verhaal"."""
    return value.replace("-", " ").capitalize()


@dataclass(frozen=True)
class ContentType:
    name: str  # singular type name, e.g. "verhaal"
    folder: str  # folder under content/; "" for root pages
    label: str  # Dutch singular label shown on pages
    plural: str  # Dutch plural label for listings
    description: str  # Dutch, for authors
    fields: tuple[Field, ...]
    is_article: bool = False
    article: str = "de"  # Dutch definite article: "de doelgroep", "het thema"
    # What readers see of the type (the generator, feeds and sharing read only these):
    listing_summary: str = ""  # the lead of the type's overview page
    facts: tuple[Fact, ...] = ()  # the facts list at the top of an item's page, in this order
    people_label: str = "Personen"  # the group of people on an item's page
    articles_heading: str | None = None  # its page lists the articles that refer to it: "… {name}"
    filterable: bool = False  # that list can be filtered
    item_feed: ItemFeed | None = None
    agenda: Agenda | None = None
    player: Player | None = None
    schema_org: SchemaOrg | None = None
    numbered_by: str | None = None  # items are numbered by this field: newest (highest) first
    sort_by: str | None = None  # non-articles: ordered by this number, then by title
    card_label: str | None = None  # the label above the title on a card ("{field}" is replaced)
    home_heading: str | None = None  # a section on the home page (the plural when empty)
    home_rank: int | None = None  # its place there; None: not on the home page
    named_after_person: bool = False  # `sdw new` names the file after the first person
    # A CHOICE field whose value names the item for readers ("interview" -> "Interview") where
    # the type's label would (kicker, cards); the type's label when it is empty.
    label_from: str | None = None
    # Its overview links only items with articles (never an empty page); the others are named,
    # unlinked, after this lead-in ("Ook partner in het convenant:"). None: they are left out.
    unlinked_lead: str | None = None
    # Articles of the type are featured on the home page and in their edition as "{heading}",
    # those of the newest edition's month (or that joined it); no block when there are none.
    featured_heading: str | None = None
    min_body_words: int = 0  # words the body needs below the front-matter (a video's transcript)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @cached_property
    def picture(self) -> Field | None:
        """The image field shown at the top of the page and on cards (the one with an alt field)."""
        return next((f for f in self.fields if f.kind is Kind.IMAGE and f.alt), None)

    def label_of(self, value: str | None) -> str:
        """The reader's name for an item whose `label_from` field has `value`."""
        return choice_label(value) if self.label_from and value else self.label

    @cached_property
    def ref_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.target)


# Limits that authors meet in messages.
SUMMARY_MAX = 300
SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# A file or folder name that is safe in a URL, an HTML attribute, Markdown and a shell (images and
# their folders): ASCII letters, digits, '.', '_' and '-', not starting with a punctuation mark.
SAFE_NAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]*"
URL_SCHEMES = ("http://", "https://")
# What authors may put in content/ besides Markdown, and how big files may be.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
MAX_IMAGE_BYTES = 500 * 1024
MAX_MARKDOWN_BYTES = 256 * 1024
# How much work one body may make for the renderer. Python-Markdown reads the rest of a
# paragraph again for every "[" or "](" that is never closed, compares every heading's id with
# all earlier ones and walks deep blockquotes recursively: a few kilobytes of hostile text
# could keep a build busy for minutes. Real articles stay far below these (measured with
# tests/security/test_input_cost.py, which also holds the worst case of each to 2 seconds).
MAX_RESCAN_CHARACTERS = 200_000
MAX_HEADINGS = 300
MAX_ANGLE_BRACKETS = 2_000
MAX_MARKUP_CHARACTERS = 30_000
MAX_QUOTE_DEPTH = 20
MAX_LIST_INDENT = 40  # spaces before a list item: ten levels of nesting
# Where the site is published (mkdocs.yml's default site_url is https://www.sterkdoorwerk.nl/): a link
# to one of these hosts is a link to the site itself, which content writes as a path to the .md file.
SITE_HOSTS = frozenset({"www.sterkdoorwerk.nl", "sterkdoorwerk.nl"})
# Hosts whose players may be embedded with <iframe>.
VIDEO_HOSTS = frozenset({"www.youtube-nocookie.com", "player.vimeo.com"})
# A video page needs this many words of summary or transcript below the front-matter.
VIDEO_MIN_WORDS = 30

# --- Fields shared by several types -------------------------------------------

TITLE = Field(
    "titel", Kind.TEXT, "De titel van de pagina, zoals lezers die zien.", required=True,
    max_length=140, example='titel: "Samenwerking is onomkeerbaar"', attr="title",
)
SUMMARY = Field(
    "samenvatting", Kind.TEXT,
    "Een of twee zinnen. Staat in overzichten, zoekresultaten en de beschrijving voor zoekmachines.",
    required=True, max_length=SUMMARY_MAX,
    example='samenvatting: "Staatssecretaris Tamara van Ark over haar bezoek aan de regio."', attr="summary",
)
ORDER = Field("volgorde", Kind.INT, "Plaats in het overzicht (1 staat bovenaan).", example="volgorde: 1")

ARTICLE_FIELDS: tuple[Field, ...] = (
    TITLE,
    SUMMARY,
    Field(
        "datum", Kind.DATE,
        "Datum van verschijnen als JJJJ-MM-DD. Weet je alleen de maand of het jaar, "
        "schrijf dan JJJJ-MM of JJJJ.",
        required=True, example="datum: 2018-12-05", attr="date",
    ),
    Field(
        "doelgroepen", Kind.REFS, "Voor wie het artikel is (minstens één).",
        required=True, target="doelgroep", min_items=1,
        example="doelgroepen:\n  - werkgevers\n  - professionals", attr="audiences", facet=True,
    ),
    Field("themas", Kind.REFS, "Thema's waar het artikel over gaat.", target="thema",
          example="themas:\n  - ips", attr="themes", facet=True, subject=True),
    Field("partners", Kind.REFS, "Convenantpartners die bij het artikel horen.", target="partner",
          example="partners:\n  - uwv", attr="partners"),
    Field("regio", Kind.REF, "De arbeidsmarktregio waar het artikel over gaat.", target="regio",
          example="regio: zuid-kennemerland-en-ijmond", attr="region"),
    Field("editie", Kind.REF, "De maandeditie waarin het artikel verschijnt.", target="editie",
          example="editie: verhalen-deze-maand-1", attr="edition"),
    Field(
        "personen", Kind.PEOPLE, "Wie er aan het woord is of genoemd wordt: naam, rol en "
        "eventueel organisatie.",
        example="personen:\n  - naam: Tamara van Ark\n    rol: staatssecretaris\n"
                "    organisatie: ministerie van SZW", attr="people",
    ),
    Field("bron", Kind.TEXT, "Waar de informatie vandaan komt.", max_length=200,
          example='bron: "Nieuws van Cedris"'),
    Field("afbeelding", Kind.IMAGE,
          "Foto of illustratie bovenaan het artikel en op de kaartjes in overzichten (pad vanaf dit "
          "bestand; alleen met toestemming van wie erop staat). Zonder afbeelding toont de kaart alleen "
          "tekst.",
          example="afbeelding: afbeeldingen/pearl-hartgers.jpg", alt="afbeelding_alt"),
    Field("afbeelding_alt", Kind.TEXT, "Wat er op de afbeelding te zien is (verplicht bij een afbeelding).",
          max_length=200, example='afbeelding_alt: "Twee collega\'s overleggen aan een bureau"'),
)

PERSON_FIELDS: tuple[Field, ...] = (
    Field("naam", Kind.TEXT, "Voor- en achternaam.", required=True, max_length=100),
    Field("rol", Kind.TEXT, "Functie of rol.", required=True, max_length=140),
    Field("organisatie", Kind.TEXT, "Organisatie.", max_length=140),
)


def _article(*extra: Field, require_people: bool = False, require_partners: bool = False,
             date: Field | None = None) -> tuple[Field, ...]:
    fields = list(ARTICLE_FIELDS)
    if require_partners:
        fields = [replace(f, description="De convenantpartner(s) die het artikel publiceerden (minstens één).",
                          required=True, min_items=1) if f.attr == "partners" else f for f in fields]
    if date is not None:
        fields = [date if f.attr == "date" else f for f in fields]
    if require_people:
        fields = [
            replace(f, description=f.description + " Verplicht bij een verhaal.", required=True, min_items=1)
            if f.attr == "people" else f
            for f in fields
        ]
    return tuple(fields) + extra


# --- What readers see of every article ---------------------------------------------

ARTICLE_FACTS: tuple[Fact, ...] = (
    Fact("Voor", "doelgroepen", Show.REFS, about=True),
    Fact("Thema's", "themas", Show.REFS, about=True),
    Fact("Partners", "partners", Show.REFS, about=True),
    Fact("Regio", "regio", Show.REFS, about=True),
    Fact("Editie", "editie", Show.REFS, about=True),
)
SOURCE_FACT = Fact("Bron", "bron", about=True)
ARTICLE = SchemaOrg("Article")


def _facts(*own: Fact) -> tuple[Fact, ...]:
    """An article's facts: what it refers to, its type's own facts, then its source."""
    return ARTICLE_FACTS + own + (SOURCE_FACT,)


TYPES: tuple[ContentType, ...] = (
    ContentType(
        "verhaal", "verhalen", "Verhaal", "Verhalen",
        "Een interview of persoonlijk verhaal. Noem wie er aan het woord is.",
        _article(
            Field("soort", Kind.CHOICE, "Wat voor verhaal het is.",
                  choices=("interview", "persoonlijk-verhaal", "praktijkvoorbeeld"),
                  example="soort: interview"),
            require_people=True,
        ),
        is_article=True,
        listing_summary="Interviews en persoonlijke verhalen over werk en psychische kwetsbaarheid.",
        facts=_facts(), people_label="Aan het woord", schema_org=ARTICLE,
        home_heading="Verhalen", home_rank=2, named_after_person=True, label_from="soort",
    ),
    ContentType(
        "nieuws", "nieuws", "Nieuws", "Nieuws", "Een nieuwsbericht.", _article(), is_article=True,
        listing_summary="Nieuws over werk voor mensen met een psychische kwetsbaarheid.",
        facts=_facts(), schema_org=SchemaOrg("NewsArticle"), home_heading="Laatste nieuws", home_rank=1,
    ),
    ContentType(
        "tip", "tips", "Tip", "Tips",
        "Een kort, praktisch advies voor een of meer doelgroepen.", _article(), is_article=True,
        listing_summary="Korte, praktische tips voor werkgevers, professionals en werkzoekenden.",
        facts=_facts(), schema_org=ARTICLE, home_heading="Tips", home_rank=3,
    ),
    ContentType(
        "kennis", "kennis", "Kennis", "Kennis",
        "Onderzoek, rapport of handreiking: wie het uitgaf, wanneer en waar het te vinden is.",
        _article(
            Field("uitgever", Kind.TEXT, "Wie het onderzoek of rapport uitgaf.", required=True,
                  max_length=140, example="uitgever: ZINZIZ"),
            Field("soort", Kind.CHOICE, "Wat voor publicatie het is.",
                  choices=("onderzoek", "rapport", "handreiking"), example="soort: rapport"),
            Field("link", Kind.URL, "Webadres van de publicatie zelf.",
                  example="link: https://www.example.nl/rapport.pdf"),
        ),
        is_article=True,
        listing_summary="Onderzoeken, rapporten en handreikingen.",
        facts=_facts(
            Fact("Uitgever", "uitgever"),
            Fact("Soort", "soort"),
            Fact("Publicatie", "link", Show.WEB, link_text="Naar de publicatie"),
        ),
        schema_org=SchemaOrg("Article", (("isBasedOn", "link", None),)),
        home_heading="Kennis", home_rank=6,
    ),
    ContentType(
        "video", "videos", "Video", "Video's",
        "Een video met een samenvatting of uitgeschreven tekst (verplicht, minstens "
        f"{VIDEO_MIN_WORDS} woorden), zodat ook wie de video niet kan of wil afspelen weet wat "
        "erin zit.",
        _article(
            Field("video_url", Kind.VIDEO,
                  "Webadres van de video op YouTube of Vimeo. Een kijkadres (youtube.com/watch?v=…, "
                  "youtu.be/…, vimeo.com/…) wordt vanzelf het adres van de speler; van YouTube de "
                  "privacyvriendelijke versie (youtube-nocookie.com).", required=True,
                  example="video_url: https://www.youtube.com/watch?v=abc123def45"),
            Field("poster", Kind.IMAGE,
                  "Stilstaand beeld uit de video, als afbeelding in content/ (pad vanaf dit bestand). "
                  "Lezers zien het tot ze op afspelen klikken; pas dan laadt de video van YouTube of Vimeo.",
                  required=True, example="poster: afbeeldingen/mijn-video.jpg"),
            Field("duur", Kind.TEXT, "Hoe lang de video duurt, bijvoorbeeld 4:30.", max_length=20,
                  example='duur: "4:30"'),
        ),
        is_article=True,
        listing_summary="Video's over werk en psychische kwetsbaarheid.",
        # The link to the video's own page is part of the player.
        facts=_facts(Fact("Duur", "duur")), player=Player("video_url", "poster"), schema_org=ARTICLE,
        home_rank=7, min_body_words=VIDEO_MIN_WORDS,
    ),
    ContentType(
        "evenement", "evenementen", "Evenement", "Evenementen",
        "Een bijeenkomst, congres of webinar, of het verslag ervan. De datum is de dag van het "
        "evenement.",
        _article(
            Field("einddatum", Kind.DAY, "Laatste dag als JJJJ-MM-DD, als het evenement meer dagen duurt.",
                  example="einddatum: 2021-11-05", not_before="datum"),
            Field("plaats", Kind.TEXT, "Waar het evenement is.", max_length=140,
                  example="plaats: Utrecht"),
            Field("organisator", Kind.TEXT, "Wie het evenement organiseert.", max_length=140,
                  example="organisator: Programmaraad"),
            Field("aanmelden", Kind.URL, "Webadres om je aan te melden.",
                  example="aanmelden: https://www.example.nl/aanmelden"),
            date=Field(
                "datum", Kind.DAY,
                "Dag van het evenement als JJJJ-MM-DD, ook bij een verslag achteraf. De dag is verplicht: "
                "daarmee komt het evenement in de agenda van de site.",
                required=True, example="datum: 2021-11-04", attr="date",
            ),
        ),
        is_article=True,
        listing_summary="Bijeenkomsten en congressen, en verslagen ervan.",
        facts=_facts(
            Fact("Wanneer", "datum", Show.PERIOD, end="einddatum", both="{start} tot en met {end}"),
            Fact("Waar", "plaats"),
            Fact("Organisatie", "organisator"),
            Fact("Aanmelden", "aanmelden", Show.WEB),
            Fact("Agenda", show=Show.CALENDAR, link_text="Zet in uw agenda", note="iCalendar-bestand"),
        ),
        agenda=Agenda(end="einddatum", place="plaats", organiser="organisator"),
        schema_org=SchemaOrg("Event", (("endDate", "einddatum", None), ("location", "plaats", "Place"),
                                       ("organizer", "organisator", "Organization"))),
        home_heading="Evenementen", home_rank=4,
    ),
    ContentType(
        "partnerartikel", "partnerartikelen", "Partnerartikel", "Partnerartikelen",
        "Een artikel dat een convenantpartner op de eigen website publiceerde (‘Elke maand "
        "uitgelicht’): een korte inleiding hier, met een link naar het hele artikel bij de partner. "
        "Met `editie:` of een datum in de maand van de nieuwste editie staat het op de startpagina.",
        _article(
            Field("artikel_url", Kind.URL, "Webadres van het hele artikel op de website van de partner.",
                  required=True, example="artikel_url: https://www.example.nl/nieuws/artikel"),
            require_partners=True,
        ),
        is_article=True,
        listing_summary="Artikelen die de convenantpartners op hun eigen websites publiceerden.",
        facts=_facts(Fact("Het hele artikel", "artikel_url", Show.WEB,
                          link_text="Lees het hele artikel op de website van de partner")),
        schema_org=SchemaOrg("Article", (("isBasedOn", "artikel_url", None),)),
        featured_heading="Elke maand uitgelicht",
    ),
    ContentType(
        "partner", "partners", "Partner", "Partners",
        "Een partner van het convenant.",
        (
            TITLE, SUMMARY,
            Field("afkorting", Kind.TEXT, "Gangbare afkorting van de naam.", max_length=20,
                  example="afkorting: UWV"),
            Field("website", Kind.URL, "Webadres van de organisatie.",
                  example="website: https://www.example.nl"),
            Field("lid_sinds", Kind.YEAR, "Jaar waarin de partner bij het convenant kwam.",
                  example="lid_sinds: 2021"),
            Field("lid_tot", Kind.YEAR, "Jaar waarin de partner het convenant verliet.",
                  example="lid_tot: 2024"),
        ),
        listing_summary="De partners van het convenant en wat zij bijdragen.",
        facts=(
            Fact("Afkorting", "afkorting"),
            Fact("Website", "website", Show.WEB),
            Fact("Lid van het convenant", "lid_sinds", Show.PERIOD, end="lid_tot", both="{start} tot {end}",
                 start_only="sinds {start}", end_only="tot {end}"),
        ),
        articles_heading="Artikelen van en over {name}", unlinked_lead="Ook partner in het convenant:",
        schema_org=SchemaOrg("Organization", (("alternateName", "afkorting", None), ("url", "website", None))),
        home_heading="De convenantpartners", home_rank=8,
    ),
    ContentType(
        "thema", "themas", "Thema", "Thema's", "Een thema.", (TITLE, SUMMARY, ORDER), article="het",
        listing_summary="De thema's waar Sterk door Werk over gaat.",
        articles_heading="Artikelen over {name}", filterable=True, sort_by="volgorde",
        home_heading="Thema's", home_rank=9,
    ),
    ContentType(
        "doelgroep", "doelgroepen", "Doelgroep", "Doelgroepen", "Een van de drie doelgroepen.",
        (TITLE, SUMMARY, ORDER),
        listing_summary="Sterk door Werk is er voor drie groepen lezers.",
        articles_heading="Artikelen voor {name}", filterable=True, sort_by="volgorde",
        item_feed=ItemFeed("doelgroepen", title="Sterk door Werk: artikelen voor {name}",
                           subtitle="De nieuwste artikelen voor {name} op Sterk door Werk.",
                           hint="Nieuwe artikelen voor {name} automatisch ontvangen?"),
    ),
    ContentType(
        "regio", "regios", "Regio", "Regio's", "Een arbeidsmarktregio.", (TITLE, SUMMARY),
        listing_summary="Arbeidsmarktregio's die in de verhalen voorkomen.",
        articles_heading="Artikelen uit de regio {name}",
    ),
    ContentType(
        "editie", "edities", "Editie", "Edities",
        "Een maandeditie die verhalen bundelt. Artikelen melden zich aan met `editie:`.",
        (
            TITLE, SUMMARY,
            Field("nummer", Kind.INT, "Volgnummer van de editie.", required=True,
                  example="nummer: 1", unique=True),
            Field("datum", Kind.DATE, "Maand van verschijnen, als JJJJ-MM.", example="datum: 2021-03",
                  attr="date"),
            Field("themas", Kind.REFS, "Thema's die centraal staan.", target="thema",
                  example="themas:\n  - samenwerking-zorg-en-werk"),
        ),
        listing_summary="Elke maand een nieuwe editie met verhalen. Hier staan ze allemaal, de nieuwste eerst.",
        articles_heading="In deze editie", numbered_by="nummer", card_label="Editie {nummer}",
    ),
    ContentType(
        "pagina", "", "Pagina", "Pagina's",
        "Een vaste pagina zoals 'over ons' of de privacyverklaring (bestanden direct in content/).",
        (TITLE, SUMMARY, ORDER),
        listing_summary="Over Sterk door Werk.", sort_by="volgorde",
    ),
)


def check_declarations(types: tuple[ContentType, ...]) -> None:
    """Every field a declaration names exists in its type: a misspelt name fails on import."""
    for t in types:
        names = {f.name for f in t.fields}
        named = [f.field for f in t.facts if f.field] + [f.end for f in t.facts if f.end]
        named += [f.alt for f in t.fields if f.alt] + [f.not_before for f in t.fields if f.not_before]
        named += [name for _prop, name, _wrap in (t.schema_org.properties if t.schema_org else ())]
        card_field = t.card_label and t.card_label.split("{")[1].split("}")[0]
        named += [x for x in (t.numbered_by, t.sort_by, t.label_from, card_field) if x]
        for spec in (t.agenda, t.player):
            if spec is not None:
                named += list(vars(spec).values())
        missing = sorted(set(named) - names)
        if missing:
            raise AssertionError(f"{t.name}: declared but not a field: {', '.join(missing)}")
        for f in t.fields:
            if f.target and f.target not in {u.name for u in types}:
                raise AssertionError(f"{t.name}.{f.name}: no type {f.target!r}")


check_declarations(TYPES)


TYPES_BY_NAME: dict[str, ContentType] = {t.name: t for t in TYPES}
TYPES_BY_FOLDER: dict[str, ContentType] = {t.folder: t for t in TYPES}
ARTICLE_TYPES: tuple[ContentType, ...] = tuple(t for t in TYPES if t.is_article)

def listing_rel(ctype: ContentType) -> str:
    """Path (below the generated docs) of the overview page of a type."""
    return f"{ctype.folder}/index.md" if ctype.folder else "index.md"


ARCHIVE_FOLDER = "archief"
ALL_ARTICLES_FOLDER = "artikelen"

# Published paths that generated pages use; a root page may not take these names.
RESERVED_SLUGS: frozenset[str] = frozenset(
    {t.folder for t in TYPES if t.folder}
    | {"index", ARCHIVE_FOLDER, ALL_ARTICLES_FOLDER, "zoeken", "assets", "search", "404"}
)

# The generated overviews that are not one type's: every article by year, and on one page.
ARCHIVE_REL = f"{ARCHIVE_FOLDER}/index.md"
ALL_ARTICLES_REL = f"{ALL_ARTICLES_FOLDER}/index.md"

# Generated overview pages that content may link to, besides other content files.
LINKABLE_LISTINGS: frozenset[str] = frozenset({listing_rel(t) for t in TYPES} | {ARCHIVE_REL, ALL_ARTICLES_REL})

# --- Derived from the declarations, for the stages that ask ------------------------

# The fields shared by every article, by the Item attribute that holds them.
ARTICLE_ATTRS: dict[str, Field] = {f.attr: f for f in ARTICLE_FIELDS if f.attr}
# Types that articles refer to (audiences, themes, partners, regions, editions), in field order.
REF_TARGETS: tuple[str, ...] = tuple(dict.fromkeys(f.target for f in ARTICLE_FIELDS if f.target))
# Article fields lists can be filtered by, and those that say what an article is about.
FACET_FIELDS: tuple[Field, ...] = tuple(f for f in ARTICLE_FIELDS if f.facet)
SUBJECT_FIELDS: tuple[Field, ...] = tuple(f for f in ARTICLE_FIELDS if f.subject)
# The type whose items are numbered editions that articles join (None if there is none).
EDITION_TYPE: ContentType | None = next((t for t in TYPES if t.numbered_by), None)
AGENDA_TYPES: tuple[ContentType, ...] = tuple(t for t in TYPES if t.agenda)
# Types whose articles the home page and each edition feature ("Elke maand uitgelicht").
FEATURED_TYPES: tuple[ContentType, ...] = tuple(t for t in TYPES if t.featured_heading)
HOME_TYPES: tuple[ContentType, ...] = tuple(sorted((t for t in TYPES if t.home_rank is not None),
                                                   key=lambda t: t.home_rank or 0))
