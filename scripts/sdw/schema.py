"""The front-matter schema: every content type and every field, defined once.

The validator, the model and the authors' reference in CONTRIBUTING.md are all
derived from the tables in this module. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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

    @property
    def example_value(self) -> str:
        """The example without its field name: "datum: 2021-11-04" → "2021-11-04"."""
        return self.example.split(": ", 1)[-1]


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

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


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
    max_length=140, example='titel: "Samenwerking is onomkeerbaar"',
)
SUMMARY = Field(
    "samenvatting", Kind.TEXT,
    "Een of twee zinnen. Staat in overzichten, zoekresultaten en de beschrijving voor zoekmachines.",
    required=True, max_length=SUMMARY_MAX,
    example='samenvatting: "Staatssecretaris Tamara van Ark over haar bezoek aan de regio."',
)
ORDER = Field("volgorde", Kind.INT, "Plaats in het overzicht (1 staat bovenaan).", example="volgorde: 1")

ARTICLE_FIELDS: tuple[Field, ...] = (
    TITLE,
    SUMMARY,
    Field(
        "datum", Kind.DATE,
        "Datum van verschijnen als JJJJ-MM-DD. Weet je alleen de maand of het jaar, "
        "schrijf dan JJJJ-MM of JJJJ.",
        required=True, example="datum: 2018-12-05",
    ),
    Field(
        "doelgroepen", Kind.REFS, "Voor wie het artikel is (minstens één).",
        required=True, target="doelgroep", min_items=1,
        example="doelgroepen:\n  - werkgevers\n  - professionals",
    ),
    Field("themas", Kind.REFS, "Thema's waar het artikel over gaat.", target="thema",
          example="themas:\n  - ips"),
    Field("partners", Kind.REFS, "Convenantpartners die bij het artikel horen.", target="partner",
          example="partners:\n  - uwv"),
    Field("regio", Kind.REF, "De arbeidsmarktregio waar het artikel over gaat.", target="regio",
          example="regio: zuid-kennemerland-en-ijmond"),
    Field("editie", Kind.REF, "De maandeditie waarin het artikel verschijnt.", target="editie",
          example="editie: verhalen-deze-maand-1"),
    Field(
        "personen", Kind.PEOPLE, "Wie er aan het woord is of genoemd wordt: naam, rol en "
        "eventueel organisatie.",
        example="personen:\n  - naam: Tamara van Ark\n    rol: staatssecretaris\n"
                "    organisatie: ministerie van SZW",
    ),
    Field("bron", Kind.TEXT, "Waar de informatie vandaan komt.", max_length=200,
          example='bron: "Nieuws van Cedris"'),
    Field("afbeelding", Kind.IMAGE,
          "Foto of illustratie bovenaan het artikel en op de kaartjes in overzichten (pad vanaf dit "
          "bestand; alleen met toestemming van wie erop staat). Zonder afbeelding toont de kaart een "
          "vlak met initialen.",
          example="afbeelding: afbeeldingen/pearl-hartgers.jpg"),
    Field("afbeelding_alt", Kind.TEXT, "Wat er op de afbeelding te zien is (verplicht bij een afbeelding).",
          max_length=200, example='afbeelding_alt: "Pearl Hartgers aan het woord op een bijeenkomst"'),
)

PERSON_FIELDS: tuple[Field, ...] = (
    Field("naam", Kind.TEXT, "Voor- en achternaam.", required=True, max_length=100),
    Field("rol", Kind.TEXT, "Functie of rol.", required=True, max_length=140),
    Field("organisatie", Kind.TEXT, "Organisatie.", max_length=140),
)


def _article(*extra: Field, require_people: bool = False, date: Field | None = None) -> tuple[Field, ...]:
    fields = list(ARTICLE_FIELDS)
    if date is not None:
        fields = [date if f.name == "datum" else f for f in fields]
    if require_people:
        fields = [
            Field(f.name, f.kind, f.description + " Verplicht bij een verhaal.", True,
                  f.target, f.choices, f.max_length, 1, f.example)
            if f.name == "personen" else f
            for f in fields
        ]
    return tuple(fields) + extra


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
    ),
    ContentType(
        "nieuws", "nieuws", "Nieuws", "Nieuws", "Een nieuwsbericht.", _article(), is_article=True,
    ),
    ContentType(
        "tip", "tips", "Tip", "Tips",
        "Een kort, praktisch advies voor een of meer doelgroepen.", _article(), is_article=True,
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
    ),
    ContentType(
        "evenement", "evenementen", "Evenement", "Evenementen",
        "Een bijeenkomst, congres of webinar, of het verslag ervan. De datum is de dag van het "
        "evenement.",
        _article(
            Field("einddatum", Kind.DAY, "Laatste dag als JJJJ-MM-DD, als het evenement meer dagen duurt.",
                  example="einddatum: 2021-11-05"),
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
                required=True, example="datum: 2021-11-04",
            ),
        ),
        is_article=True,
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
    ),
    ContentType("thema", "themas", "Thema", "Thema's", "Een thema.", (TITLE, SUMMARY, ORDER),
                article="het"),
    ContentType(
        "doelgroep", "doelgroepen", "Doelgroep", "Doelgroepen", "Een van de drie doelgroepen.",
        (TITLE, SUMMARY, ORDER),
    ),
    ContentType("regio", "regios", "Regio", "Regio's", "Een arbeidsmarktregio.", (TITLE, SUMMARY)),
    ContentType(
        "editie", "edities", "Editie", "Edities",
        "Een maandeditie die verhalen bundelt. Artikelen melden zich aan met `editie:`.",
        (
            TITLE, SUMMARY,
            Field("nummer", Kind.INT, "Volgnummer van de editie.", required=True,
                  example="nummer: 1"),
            Field("datum", Kind.DATE, "Maand van verschijnen, als JJJJ-MM.", example="datum: 2021-03"),
            Field("themas", Kind.REFS, "Thema's die centraal staan.", target="thema",
                  example="themas:\n  - samenwerking-zorg-en-werk"),
        ),
    ),
    ContentType(
        "pagina", "", "Pagina", "Pagina's",
        "Een vaste pagina zoals 'over ons' of de privacyverklaring (bestanden direct in content/).",
        (TITLE, SUMMARY, ORDER),
    ),
)

TYPES_BY_NAME: dict[str, ContentType] = {t.name: t for t in TYPES}
TYPES_BY_FOLDER: dict[str, ContentType] = {t.folder: t for t in TYPES}
ARTICLE_TYPES: tuple[ContentType, ...] = tuple(t for t in TYPES if t.is_article)

def listing_rel(ctype: ContentType) -> str:
    """Path (below the generated docs) of the overview page of a type."""
    return f"{ctype.folder}/index.md" if ctype.folder else "index.md"


# Published paths that generated pages use; a root page may not take these names.
RESERVED_SLUGS: frozenset[str] = frozenset(
    {t.folder for t in TYPES if t.folder}
    | {"index", "archief", "artikelen", "zoeken", "assets", "search", "404"}
)

# Generated overview pages that content may link to, besides other content files.
LINKABLE_LISTINGS: frozenset[str] = frozenset(
    {listing_rel(t) for t in TYPES} | {"archief/index.md", "artikelen/index.md"})
