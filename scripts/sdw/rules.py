"""Every rule, as a unit: its ID, name, summary and fix (for the authors' reference), and the
functions that word its messages, declared together and in ID order.

A check (load, validate, validate_body, policy) finds what is wrong and calls the rule's
function here, which returns a Violation: `rules.too_long(fld, 312).at(path, line, column)`.
No message is written anywhere else, and limits in messages come from the constants that
enforce them (schema.py, dates.py, or the caller's bound passed in).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .characters import character_name, clip, clip_line
from .dates import FIRST_YEAR, LAST_YEAR, MONTHS, DateError
from .problems import Problem, Severity, Violation, declare
from .schema import (
    IMAGE_SUFFIXES,
    MAX_IMAGE_BYTES,
    MAX_MARKDOWN_BYTES,
    PERSON_FIELDS,
    SUMMARY,
    TITLE,
    TYPES,
    VIDEO_HOSTS,
    ContentType,
    Field,
    Kind,
)

if TYPE_CHECKING:
    from .dates import PartialDate

WARNING = Severity.WARNING

# --- Helpers that messages share ------------------------------------------------------------


def did_you_mean(value: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """'Bedoelde je 'x'? ' for the closest option, or '' when nothing is close."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=cutoff)
    return f"Bedoelde je '{close[0]}'? " if close else ""


def _example(fld: Field) -> str:
    return f" Bijvoorbeeld: {fld.example.replace(chr(10), ' / ')}" if fld.example else ""


def _describe(node) -> str:
    """What an author wrote instead, for 'maar is …' (a raw node of sdw.load: list, mapping or text)."""
    if hasattr(node, "items"):
        return "een lijst"
    if hasattr(node, "entries"):
        return "een groep velden"
    return f"de tekst '{node.value}'"


def _image(target: str, field: str | None) -> str:
    """'De afbeelding …' as a message starts: with the front-matter field it is in, if any."""
    return f"De afbeelding '{target}' in '{field}'" if field else f"De afbeelding '{clip(target)}'"


_PLAYER_TYPE = next(t for t in TYPES if t.player)  # a video gets its own item of this type
_PLAYER_FOLDER, _PLAYER_URL = _PLAYER_TYPE.folder, _PLAYER_TYPE.player.url if _PLAYER_TYPE.player else ""
_FOLDERS = ", ".join(f"{t.folder}/" for t in TYPES if t.folder)

# --- File and encoding -----------------------------------------------------------------------

NOT_UTF8 = declare("SDW001", "geen-utf8", "Het bestand is geen UTF-8-tekst.",
                   "Sla het bestand op als 'UTF-8' (in de meeste editors: Opslaan als → Codering → UTF-8).")


@NOT_UTF8.words
def not_utf8():
    return ("Dit bestand is geen UTF-8-tekst (het is waarschijnlijk opgeslagen als Windows-1252 of Latin-1).",
            NOT_UTF8.example_fix)


EMPTY_FILE = declare("SDW002", "leeg-bestand", "Het bestand is leeg.",
                     "Vul het bestand met front-matter en tekst, of verwijder het.")


@EMPTY_FILE.words
def empty_file():
    return EMPTY_FILE.summary, "Begin met front-matter tussen twee regels '---', of verwijder het bestand."


NO_FRONT_MATTER = declare("SDW003", "geen-front-matter",
                          "Het bestand begint niet met een front-matterblok tussen twee regels '---'.",
                          "Zet op regel 1 '---', daaronder de velden, en sluit af met '---'.")


@NO_FRONT_MATTER.words
def no_front_matter(first_line: str):
    return (f"Regel 1 moet '---' zijn, maar is '{clip_line(first_line)}'.",
            "Begin het bestand met een regel '---', dan de velden, dan weer '---'.")


FRONT_MATTER_NOT_CLOSED = declare("SDW004", "front-matter-niet-gesloten",
                                  "Het front-matterblok wordt niet afgesloten met '---'.",
                                  "Zet na het laatste veld een regel met alleen '---'.")


@FRONT_MATTER_NOT_CLOSED.words
def front_matter_not_closed():
    return ("Het front-matterblok dat op regel 1 begint, wordt nergens afgesloten.",
            FRONT_MATTER_NOT_CLOSED.example_fix)


# --- Front-matter syntax ---------------------------------------------------------------------

YAML_ERROR = declare("SDW005", "yaml-fout", "De front-matter is geen geldige YAML.",
                     "Zet waarden met een dubbele punt tussen aanhalingstekens; spring in met spaties, niet met tabs.")

# What the loader made of PyYAML's error (sdw.load._explain_yaml_error), in words.
_YAML_ERRORS = {
    "tab": ("Op deze regel staat een tab.", "Spring in met spaties, niet met tabs."),
    "colon": ("Er staat een dubbele punt op een plek waar YAML die niet verwacht.",
              f'Zet de hele waarde tussen aanhalingstekens, bijvoorbeeld {TITLE.name}: "Werk: het beste medicijn".'),
    "quote": ("Een aanhalingsteken wordt niet afgesloten.",
              "Zet aan het eind van de waarde hetzelfde aanhalingsteken als aan het begin."),
    "structure": ("Deze regel past niet in de lijst van velden: een veldnaam of dubbele punt ontbreekt, "
                  "of de inspringing klopt niet.",
                  "Schrijf 'naam: waarde' en spring lijstjes in met twee spaties en '- '."),
    "token": ("Een waarde begint met een teken dat YAML niet accepteert (zoals @ of `).",
              "Zet de waarde tussen aanhalingstekens."),
    "reference": ("Een waarde begint met * of &, wat YAML als verwijzing leest.",
                  "Zet de waarde tussen aanhalingstekens."),
    "line": (YAML_ERROR.summary, "Controleer aanhalingstekens, dubbele punten en inspringing op deze regel."),
    "unknown": (YAML_ERROR.summary, "Controleer aanhalingstekens en inspringing."),
}
_CURLY_CLOSE = "”“’‘»"


@YAML_ERROR.words
def yaml_error(why: str):
    """`why`: a key of _YAML_ERRORS."""
    return _YAML_ERRORS[why]


@YAML_ERROR.words
def yaml_curly_quotes(name: str, value: str):
    """A value between typographic quotes that PyYAML stumbled over (`name` is '' for a list item)."""
    inner = value[1:].rstrip(_CURLY_CLOSE).replace('"', '\\"')
    closing = value[-1] if len(value) > 1 and value[-1] in _CURLY_CLOSE else ""
    return (f"De waarde staat tussen gekrulde aanhalingstekens ({value[0]}…{closing}); YAML ziet die niet als "
            "aanhalingstekens, en struikelt daarom over de dubbele punt (of een ander teken) erin. De "
            "aanhalingstekens moeten rechte zijn.",
            f'Vervang ze door rechte aanhalingstekens ("): {f"{name}:" if name else "-"} "{clip_line(inner, 50)}".')


DUPLICATE_FIELD = declare("SDW006", "dubbel-veld", "Een veld staat twee keer in de front-matter.",
                          "Houd één van de twee regels over.")


@DUPLICATE_FIELD.words
def duplicate_field(key: str, first_line: int):
    return (f"Het veld '{key}' staat twee keer in de front-matter (ook op regel {first_line}).",
            "Houd één van de twee over; de tweede zou de eerste stilletjes vervangen.")


# --- Fields and values -----------------------------------------------------------------------

REQUIRED_FIELD = declare("SDW007", "verplicht-veld", "Een verplicht veld ontbreekt of is leeg.",
                         f"Voeg het veld toe, bijvoorbeeld '{SUMMARY.name}: \"Een korte zin.\"'.")


@REQUIRED_FIELD.words
def empty_front_matter():
    return ("De front-matter is leeg: er staan geen velden tussen de '---'-regels.",
            f"Vul minstens '{TITLE.name}' en '{SUMMARY.name}' in.")


@REQUIRED_FIELD.words
def required_field(fld: Field, *, empty: bool):
    return (f"Het verplichte veld '{fld.name}' {'is leeg' if empty else 'ontbreekt'}.",
            f"{fld.description}{_example(fld)}")


@REQUIRED_FIELD.words
def required_person_field(fld: Field, sub: Field, *, empty: bool):
    missing = f"is '{sub.name}' leeg" if empty else f"ontbreekt '{sub.name}'"
    return f"Bij een persoon in '{fld.name}' {missing}.", sub.description


UNKNOWN_FIELD = declare("SDW008", "onbekend-veld", "Een veld bestaat niet voor dit soort pagina.",
                        "Controleer de spelling ('thema' moet 'themas' zijn) of verwijder het veld.")


@UNKNOWN_FIELD.words
def unknown_field(key: str, ctype: ContentType):
    names = [f.name for f in ctype.fields]
    return (f"Het veld '{key}' bestaat niet voor een {ctype.label.lower()}.",
            did_you_mean(key, names).strip() or f"Toegestane velden: {', '.join(names)}.")


@UNKNOWN_FIELD.words
def unknown_person_field(key: str):
    names = [f.name for f in PERSON_FIELDS]
    return (f"Het veld '{key}' bestaat niet voor een persoon.",
            did_you_mean(key, names).strip() or f"Toegestaan: {', '.join(names)}.")


WRONG_TYPE = declare("SDW009", "verkeerd-type",
                     "Een veld heeft de verkeerde vorm (bijvoorbeeld tekst waar een lijst hoort).",
                     "Schrijf een lijst als regels die beginnen met '  - '.")
# What a value of each kind must be, for "Het veld 'x' moet … zijn".
_SHAPES = {Kind.REFS: "een lijst", Kind.PEOPLE: "een lijst", Kind.REF: "één naam", Kind.DATE: "een datum",
           Kind.DAY: "een datum"}


@WRONG_TYPE.words
def wrong_shape(fld: Field, node):
    """A list where one value belongs, or the other way round (`node`: what the author wrote)."""
    return (f"Het veld '{fld.name}' moet {_SHAPES.get(fld.kind, 'een enkele waarde')} zijn, maar is "
            f"{_describe(node)}.", f"{fld.description}{_example(fld)}")


@WRONG_TYPE.words
def too_few_items(fld: Field, node):
    what = "persoon" if fld.kind is Kind.PEOPLE else "item"
    return (f"Het veld '{fld.name}' moet een lijst met minstens {fld.min_items} {what} zijn, maar is "
            f"{_describe(node)}.", f"{fld.description}{_example(fld)}")


@WRONG_TYPE.words
def item_not_a_name(fld: Field, item):
    return (f"Elk item in '{fld.name}' moet een naam zijn, maar dit is {_describe(item)}.",
            "Schrijf één naam per regel, bijvoorbeeld '  - werkgevers'.")


@WRONG_TYPE.words
def person_not_a_group(fld: Field, item):
    return (f"Elke persoon in '{fld.name}' moet een naam en een rol hebben, maar dit is {_describe(item)}.",
            "Schrijf '  - naam: Jan Jansen' en daaronder '    rol: jobcoach'.")


@WRONG_TYPE.words
def person_field_not_text(key: str):
    return f"'{key}' van een persoon moet tekst zijn.", "Bijvoorbeeld: rol: jobcoach"


INVALID_DATE = declare("SDW010", "ongeldige-datum", "Een datum bestaat niet of is verkeerd geschreven.",
                       "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2018-12-05.")
_YEARS = f"tussen {FIRST_YEAR} en {LAST_YEAR}"


@INVALID_DATE.words
def invalid_date(fld: Field, error: DateError):
    text = error.text
    if error.why == "order":
        why = f"'{text}' staat in de volgorde dag-maand-jaar; schrijf {error.suggestion}."
    elif error.why == "year":
        why = f"Het jaar {error.year} ligt niet {_YEARS}."
    elif error.why == "month":
        why = f"'{text}' bestaat niet: maand {error.month} bestaat niet (1 t/m 12)."
    elif error.why == "day":
        why = f"'{text}' bestaat niet: {MONTHS[error.month - 1]} {error.year} heeft {error.last_day} dagen."
    else:
        why = f"'{text}' is geen datum; schrijf JJJJ-MM-DD, JJJJ-MM of JJJJ."
    return f"Ongeldige datum in '{fld.name}': {why}", f"Bijvoorbeeld: {fld.example_value or '2018-12-05'}."


# --- References, names and places ------------------------------------------------------------

UNKNOWN_REFERENCE = declare("SDW011", "onbekende-verwijzing",
                            "Een verwijzing naar een doelgroep, thema, partner, regio of editie bestaat niet.",
                            "Kies een bestaande naam uit de lijst in de melding, of maak die pagina eerst aan.")


@UNKNOWN_REFERENCE.words
def unknown_reference(fld: Field, target: ContentType, slug: str, options: Sequence[str]):
    listed = ", ".join(options) if options else "(er zijn er nog geen)"
    return (f"{target.article.capitalize()} {target.label.lower()} '{slug}' in '{fld.name}' bestaat niet.",
            f"{did_you_mean(slug, options)}Kies uit: {listed}.")


SAME_ADDRESS = declare("SDW012", "dubbel-adres",
                       "Twee bestanden zouden op hetzelfde webadres of met hetzelfde nummer verschijnen.",
                       "Geef een van de bestanden een andere bestandsnaam of een ander nummer.")


@SAME_ADDRESS.words
def reserved_address(slug: str):
    return (f"Een pagina met de naam '{slug}' zou op hetzelfde adres verschijnen als een overzicht van de site "
            f"(/{slug}/).", "Kies een andere bestandsnaam.")


@SAME_ADDRESS.words
def replaces_listing(ctype: ContentType):
    return (f"'index.md' zou het overzicht van {ctype.folder}/ vervangen.",
            "Kies een bestandsnaam die zegt waar het over gaat.")


@SAME_ADDRESS.words
def value_taken(ctype: ContentType, fld: Field, value, first_path: str):
    """A field declared `unique` whose value an earlier file of the type already has."""
    this = "dit" if ctype.article == "het" else "deze"
    other = f"het volgende vrije {fld.name}" if fld.kind is Kind.INT else f"een andere waarde voor '{fld.name}'"
    return (f"{ctype.label} {fld.name} {value} bestaat al ({first_path}).",
            f"Geef {this} {ctype.label.lower()} {other}.")


INVALID_FILE_NAME = declare(
    "SDW013", "ongeldige-bestandsnaam",
    "De bestandsnaam is geen geldige slug (kleine letters, cijfers en streepjes, eindigt op .md), of de naam "
    "van een afbeelding of map bevat andere tekens dan letters, cijfers, '-', '_' en '.'.",
    "Hernoem 'Mijn Verhaal.md' naar 'mijn-verhaal.md' en 'Foto (1).JPG' naar 'foto-1.jpg'.")


@INVALID_FILE_NAME.words
def invalid_slug(name: str, suggestion: str):
    return (f"De bestandsnaam '{name}' is geen geldige slug.",
            f"Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{suggestion}.md'.")


@INVALID_FILE_NAME.words
def unsafe_name(name: str, suggestion: str, *, is_file: bool):
    """An image's file name, or a folder's it is in, with a character outside SAFE_NAME_PATTERN."""
    return (f"De {'bestandsnaam' if is_file else 'mapnaam'} '{clip_line(name, 60)}' {_unsafe_part(name)}; zo'n "
            "naam past niet veilig in een webadres, en de afbeelding komt niet op de site.",
            f"Hernoem {'het bestand' if is_file else 'de map'} naar '{suggestion}' en pas de verwijzingen aan. "
            "Gebruik alleen letters zonder accent, cijfers, '-', '_' en '.'.")


def _unsafe_part(name: str) -> str:
    """What is wrong with a file or folder name, in words: its first unsafe character."""
    if name[0] in "._-":
        return f"begint met '{name[0]}'"
    char = next(c for c in name if not (c.isascii() and (c.isalnum() or c in "._-")))
    if char == " ":
        return "bevat een spatie"
    if char in "\"'`":
        return "bevat een aanhalingsteken"
    if char.isprintable() and not char.isspace() and char != "\u00ad":
        return f"bevat het teken '{char}'"
    return f"bevat het teken {character_name(char)}"


UNKNOWN_FOLDER = declare("SDW014", "onbekende-map", "Het bestand staat in een map die geen soort inhoud is.",
                         "Verplaats het bestand naar een van de mappen uit de melding.")


@UNKNOWN_FOLDER.words
def unknown_folder(folder: str):
    return (f"De map '{folder}/' is geen soort inhoud.",
            f"Zet het bestand in een van deze mappen: {_FOLDERS} (of direct in content/ voor een vaste pagina).")


INVALID_CHOICE = declare("SDW015", "ongeldige-keuze", "Een waarde hoort niet bij de toegestane keuzes.",
                         "Kies een van de waarden uit de melding.")


@INVALID_CHOICE.words
def invalid_choice(fld: Field, text: str):
    return (f"'{text}' is geen geldige waarde voor '{fld.name}'.",
            f"{did_you_mean(text, fld.choices)}Kies uit: {', '.join(fld.choices)}.")


INVALID_ADDRESS = declare(
    "SDW016", "ongeldig-webadres",
    "Een webadres is geen volledig adres met http:// of https:// en een websitenaam, of bevat spaties, "
    "aanhalingstekens, haakjes als < > [ ] of stuurtekens.",
    "Schrijf het volledige adres, bijvoorbeeld https://www.example.nl.")
_ADDRESS_HINT = "Schrijf het volledige adres, bijvoorbeeld https://www.example.nl/pagina."
_ADDRESS_CHARACTERS = {" ": "een spatie", '"': "een aanhalingsteken", "'": "een aanhalingsteken", "<": "'<'",
                       ">": "'>'", "[": "'['", "]": "']'"}


@INVALID_ADDRESS.words
def address_character(field: str, char: str, position: int):
    """A character that cannot be in a web address, at `position` (1-based)."""
    named = character_name(char) if char < " " or ord(char) > 126 else repr(char)
    shown = _ADDRESS_CHARACTERS.get(char, f"het teken {named}")
    return (f"Het webadres in '{field}' bevat {shown} (teken {position}); dat kan niet in een webadres.",
            _ADDRESS_HINT)


@INVALID_ADDRESS.words
def address_not_absolute(field: str, text: str):
    return (f"'{clip(text)}' in '{field}' is geen volledig webadres.",
            "Begin met https:// (of http://), bijvoorbeeld https://www.example.nl.")


@INVALID_ADDRESS.words
def address_without_host(field: str, text: str):
    return f"'{clip(text)}' in '{field}' heeft geen geldige websitenaam na https://.", _ADDRESS_HINT


TOO_LONG = declare("SDW017", "te-lang", "Een tekstveld is langer dan toegestaan.",
                   "Maak de tekst korter; de melding zegt hoeveel tekens mogen.")


@TOO_LONG.words
def too_long(fld: Field, length: int):
    return f"Het veld '{fld.name}' is {length} tekens lang; er mogen er {fld.max_length}.", "Maak de tekst korter."


BOM = declare("SDW018", "bom", "Het bestand begint met een onzichtbaar BOM-teken.",
              "Sla het bestand op als 'UTF-8 zonder BOM'.", WARNING)


@BOM.words
def bom():
    return BOM.summary, BOM.example_fix


CRLF = declare("SDW019", "windows-regeleinden", "Het bestand heeft Windows-regeleinden (CRLF).",
               "Sla het bestand op met Unix-regeleinden (LF).", WARNING)


@CRLF.words
def crlf():
    return CRLF.summary, CRLF.example_fix


EMPTY_BODY = declare("SDW020", "lege-tekst", "Onder de front-matter staat geen tekst.",
                     "Schrijf de tekst van het artikel onder de tweede '---'.", WARNING)


@EMPTY_BODY.words
def empty_body():
    return "Onder de front-matter staat nog geen tekst.", EMPTY_BODY.example_fix


NOT_A_MAPPING = declare("SDW021", "geen-mapping", "De front-matter is geen lijst van velden ('naam: waarde').",
                        "Schrijf elk veld op een eigen regel als 'naam: waarde'.")


@NOT_A_MAPPING.words
def not_a_mapping():
    return "De front-matter is geen lijst van velden.", NOT_A_MAPPING.example_fix


@NOT_A_MAPPING.words
def key_not_text():
    return "Een veldnaam moet gewone tekst zijn.", "Schrijf 'naam: waarde'."


INVALID_NUMBER = declare("SDW022", "ongeldig-getal", "Een getal of jaartal is ongeldig.",
                         "Schrijf alleen cijfers, bijvoorbeeld 'nummer: 3' of 'lid_sinds: 2021'.")


@INVALID_NUMBER.words
def not_a_number(fld: Field, text: str):
    return (f"Het veld '{fld.name}' moet een getal zijn, maar is '{text}'.",
            f"Schrijf alleen cijfers, bijvoorbeeld: {fld.example}.")


@INVALID_NUMBER.words
def year_out_of_range(fld: Field, year: int):
    return (f"Het jaartal {year} in '{fld.name}' ligt niet {_YEARS}.",
            "Schrijf het jaar met vier cijfers, bijvoorbeeld 2021.")


# --- The body: links, HTML, images -----------------------------------------------------------

BROKEN_LINK = declare("SDW023", "kapotte-link",
                      "Een link naar een ander bestand in content/ wijst naar een bestand dat niet bestaat.",
                      "Link met het pad naar het .md-bestand, gezien vanaf dit bestand, bijvoorbeeld "
                      "../themas/ips.md.")


@BROKEN_LINK.words
def broken_link(target: str, suggestion: str | None, *, to_markdown: bool):
    """`suggestion`: the closest existing path, as the author would write it."""
    if not to_markdown:
        hint = "Link naar het .md-bestand zelf, bijvoorbeeld ../themas/ips.md (niet naar het webadres)."
    else:
        hint = (f"Bedoelde je '{suggestion}'?" if suggestion
                else "Controleer het pad: het is relatief aan de map van dit bestand.")
    return f"De link '{target}' wijst naar een bestand dat niet bestaat.", hint


@BROKEN_LINK.words
def missing_anchor(anchor: str, anchors: Iterable[str], page: str | None = None):
    """`anchor` with its '#'; `page`: the file it should be in (None: this one)."""
    where = f"in {page}" if page else "op deze pagina"
    anchors = sorted(anchors)
    hint = f"Kies uit: {', '.join(anchors[:12])}." if anchors else "Die pagina heeft geen kopjes om naar te linken."
    return f"Het anker '{anchor}' bestaat niet {where}.", hint


FORBIDDEN_HTML = declare(
    "SDW024", "verboden-html",
    "Een HTML-element dat niet in de lijst van toegestane elementen staat (zoals script, style, form, svg of "
    "een iframe van een onbekende site).",
    f"Haal het element weg; gebruik Markdown. Voor een video: maak een item in {_PLAYER_FOLDER}/.")


@FORBIDDEN_HTML.words
def forbidden_element(name: str):
    return (f"Het HTML-element <{clip(name, 30)}> is niet toegestaan in content.",
            f"Haal het weg en gebruik Markdown voor opmaak. Voor een video: maak een item in {_PLAYER_FOLDER}/.")


@FORBIDDEN_HTML.words
def iframe_from(host: str):
    return (f"Een <iframe> van '{clip(host, 40)}' is niet toegestaan.",
            f"Alleen video's van {', '.join(sorted(VIDEO_HOSTS))}; beter: maak een item in {_PLAYER_FOLDER}/.")


@FORBIDDEN_HTML.words
def iframe_not_a_player(src: str):
    return (f"'{clip(src)}' is geen adres van een video-speler.",
            "Kopieer het insluitadres van de video, bijvoorbeeld https://www.youtube-nocookie.com/embed/abc123def45.")


@FORBIDDEN_HTML.words
def iframe_without_src():
    return ("Een <iframe> zonder adres (src) is niet toegestaan.",
            f"Kopieer de insluitcode van de video, of beter: maak een item in {_PLAYER_FOLDER}/.")


EVENT_ATTRIBUTE = declare("SDW025", "event-attribuut",
                          "Een HTML-attribuut dat code uitvoert (onclick, onerror, onload, …) is niet toegestaan.",
                          "Haal het attribuut weg.")


@EVENT_ATTRIBUTE.words
def event_attribute(element: str, name: str):
    return (f"Het attribuut '{clip(name, 30)}' op <{element}> voert code uit en is niet toegestaan.",
            EVENT_ATTRIBUTE.example_fix)


UNSAFE_LINK = declare("SDW026", "onveilige-link",
                      "Een link of bron gebruikt een ander schema dan https, http of mailto (zoals javascript: of "
                      "data:).",
                      "Link naar een webadres (https://…), een e-mailadres (mailto:…) of een ander .md-bestand.")


@UNSAFE_LINK.words
def unsafe_scheme(element: str, url: str, scheme: str):
    what = f"De link '{clip(url)}'" if element == "a" else f"De bron '{clip(url)}'"
    return (f"{what} gebruikt '{scheme}', dat is niet toegestaan.",
            "Gebruik https://…, mailto:… of een relatief pad naar een .md-bestand.")


IMAGE_MISSING = declare("SDW027", "afbeelding-ontbreekt", "Een afbeelding bestaat niet in content/.",
                        "Zet de afbeelding in content/ en link er relatief naar, bijvoorbeeld afbeeldingen/foto.jpg.")


@IMAGE_MISSING.words
def image_missing(target: str, field: str | None = None):
    return (f"{_image(target, field)} bestaat niet in content/.",
            "Controleer de naam en het pad (relatief aan dit bestand). Toegestaan: "
            f"{', '.join(sorted(IMAGE_SUFFIXES))}, tot {MAX_IMAGE_BYTES // 1024} kB.")


@IMAGE_MISSING.words
def image_path_unsafe(target: str, field: str | None = None):
    return (f"{_image(target, field)} heeft tekens die niet in de naam van een afbeelding mogen.",
            "Gebruik in map- en bestandsnamen alleen letters, cijfers, '-', '_' en '.', bijvoorbeeld "
            "afbeeldingen/foto-pearl.jpg.")


@IMAGE_MISSING.words
def image_refused(target: str, refused: Problem):
    """An image that exists but is not published: `refused` is the problem reported on it."""
    rule = refused.rule
    if rule is FILE_TOO_BIG:
        return (f"De afbeelding '{target}' komt niet op de site: ze is geweigerd omdat ze te groot is "
                f"({rule.id} {rule.name}, zie {refused.path}).", f"{refused.hint} Dan werkt deze verwijzing vanzelf.")
    return (f"De afbeelding '{target}' komt niet op de site: ze is geweigerd ({rule.id} {rule.name}, zie "
            f"{refused.path}).", "Los eerst de melding bij de afbeelding zelf op; dan werkt deze verwijzing vanzelf.")


NO_ALT_TEXT = declare("SDW028", "geen-alt-tekst", "Een afbeelding heeft geen alt-tekst.",
                      "Beschrijf wat er op de afbeelding staat: ![Twee collega's aan een bureau](foto.jpg).")


@NO_ALT_TEXT.words
def no_alt_text(target: str):
    return (f"De afbeelding '{target}' heeft geen alt-tekst.",
            "Beschrijf kort wat er te zien is, bijvoorbeeld ![Twee collega's aan een bureau](foto.jpg).")


@NO_ALT_TEXT.words
def no_alt_field(fld: Field, value: str):
    """A front-matter image whose `Field.alt` field is not filled in."""
    return (f"De afbeelding '{value}' in '{fld.name}' heeft geen alt-tekst.",
            f"Zet eronder wat er te zien is, bijvoorbeeld: {fld.alt}: \"Twee collega's aan een bureau\".")


FILE_TOO_BIG = declare("SDW029", "bestand-te-groot",
                       f"Een bestand is groter dan toegestaan (afbeeldingen {MAX_IMAGE_BYTES // 1024} kB, teksten "
                       f"{MAX_MARKDOWN_BYTES // 1024} kB).",
                       "Verklein de afbeelding of splits de tekst.")


@FILE_TOO_BIG.words
def file_too_big(size: int, *, image: bool):
    limit = MAX_IMAGE_BYTES if image else MAX_MARKDOWN_BYTES
    return (f"Het bestand is {size // 1024} kB; de grens is {limit // 1024} kB.",
            "Verklein de afbeelding (bijvoorbeeld naar 1600 pixels breed)." if image
            else "Splits de tekst op in meer artikelen.")


SYMLINK = declare("SDW030", "symlink", "Een snelkoppeling (symlink) in content/ wordt niet gevolgd.",
                  "Zet het bestand zelf in content/.")


@SYMLINK.words
def symlink():
    return ("Dit is een snelkoppeling (symlink); die worden niet gevolgd.",
            "Zet het bestand zelf in content/ in plaats van een verwijzing ernaar.")


UNKNOWN_FILE = declare("SDW031", "onbekend-bestand",
                       "Een bestand in content/ is geen Markdown, geen afbeelding en niet zoekwoorden.yml.",
                       "Verwijder het, of zet het ergens anders (bijvoorbeeld op de website van de partner) en link "
                       "ernaar.")


@UNKNOWN_FILE.words
def unknown_file(kind: str):
    """`kind`: the file's suffix, or its name when it has none."""
    return (f"Bestanden van het type '{kind}' horen niet in content/.",
            f"Alleen Markdown (.md) en afbeeldingen ({', '.join(sorted(IMAGE_SUFFIXES))}).")


EXTERNAL_IMAGE = declare("SDW032", "externe-afbeelding",
                         "Een afbeelding komt van een andere website; dan ziet die website elke lezer.",
                         "Zet de afbeelding in content/ en link er relatief naar.")


@EXTERNAL_IMAGE.words
def external_image(url: str, field: str | None = None):
    where = ("schrijf het pad vanaf dit bestand, bijvoorbeeld afbeeldingen/foto.jpg;" if field
             else "link er relatief naar;")
    return (f"{_image(url, field)} komt van een andere website.",
            f"Zet de afbeelding in content/ en {where} zo blijft de lezer anoniem.")


@EXTERNAL_IMAGE.words
def image_from_server_root(url: str):
    return (f"De afbeelding '{clip(url)}' wijst naar de hoofdmap van de server.",
            "Schrijf het pad vanaf dit bestand, bijvoorbeeld afbeeldingen/foto.jpg.")


# What `sdw new` writes where the author still has to fill something in; `sdw check` warns about it.
PLACEHOLDER = "VUL IN"
PLACEHOLDER_PATTERN = re.compile(PLACEHOLDER.replace(" ", "[ -]"), re.IGNORECASE)

PLACEHOLDER_LEFT = declare("SDW033", "nog-invullen",
                           f"Er staat nog een '{PLACEHOLDER}'-aanwijzing uit een nieuw aangemaakt bestand.",
                           f"Vervang de tekst na '{PLACEHOLDER}' door de echte inhoud.", WARNING)


@PLACEHOLDER_LEFT.words
def placeholder_left():
    return (f"Hier staat nog een '{PLACEHOLDER}'-aanwijzing.",
            "Vervang die door de echte tekst voordat het artikel verschijnt.")


DATE_WITHOUT_DAY = declare("SDW034", "datum-zonder-dag",
                           "Een datum die een volledige dag moet zijn (zoals de datum van een evenement) noemt alleen "
                           "een maand of jaar.",
                           "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 'datum: 2021-11-04'.")


@DATE_WITHOUT_DAY.words
def date_without_day(fld: Field, text: str):
    return (f"'{text}' in '{fld.name}' noemt geen dag; een evenement heeft een volledige datum nodig om in de "
            "agenda te komen.",
            f"Schrijf de dag erbij als JJJJ-MM-DD, bijvoorbeeld {fld.example_value}. Weet je de dag niet, zoek hem "
            "dan op in de bron.")


END_BEFORE_START = declare("SDW035", "einddatum-voor-datum",
                           "De einddatum van een evenement ligt vóór de datum (de eerste dag).",
                           "Zet de eerste dag bij 'datum' en de laatste bij 'einddatum'.")


@END_BEFORE_START.words
def end_before_start(fld: Field, end: PartialDate, start: PartialDate):
    """`fld` declares `not_before`: its date may not lie before that field's."""
    first, last = fld.not_before, fld.name
    return (f"De {last} {end.dutch()} ligt vóór de {first} {start.dutch()}.",
            f"Zet bij '{first}' de eerste dag en bij '{last}' de laatste dag van het evenement, of laat '{last}' weg "
            "bij een evenement van één dag.")


UNKNOWN_VIDEO_SERVICE = declare("SDW036", "onbekende-videodienst",
                                f"Het webadres in '{_PLAYER_URL}' is geen video op YouTube of Vimeo.",
                                "Kopieer het adres van de video zelf, bijvoorbeeld "
                                "https://www.youtube.com/watch?v=abc123def45 of https://vimeo.com/123456789.")


@UNKNOWN_VIDEO_SERVICE.words
def unknown_video_service(fld: Field, text: str):
    return (f"'{text}' in '{fld.name}' is geen video op YouTube of Vimeo.",
            "Alleen video's van YouTube en Vimeo kunnen op de site; kopieer het adres van de video zelf, "
            "bijvoorbeeld https://www.youtube.com/watch?v=abc123def45 of https://vimeo.com/123456789.")


VIDEO_WITHOUT_TEXT = declare("SDW037", "video-zonder-tekst",
                             "Onder een video staat geen samenvatting of uitgeschreven tekst van minstens "
                             f"{max(t.min_body_words for t in TYPES)} woorden.",
                             "Vat samen wat er in de video gezegd en getoond wordt, of zet de uitgeschreven tekst "
                             "eronder.")


@VIDEO_WITHOUT_TEXT.words
def too_few_words(ctype: ContentType, words: int):
    """A body shorter than its type's `min_body_words`."""
    return (f"Onder {ctype.article} {ctype.label.lower()} staan {words} woorden; er moeten er minstens "
            f"{ctype.min_body_words} staan.",
            f"{VIDEO_WITHOUT_TEXT.example_fix} Zo weet ook wie de video niet kan of wil afspelen wat erin zit.")


FORBIDDEN_ATTRIBUTE = declare(
    "SDW038", "verboden-attribuut",
    "Een HTML-attribuut of een attribuut in een attributenlijst ({ … }) is niet toegestaan (data-*, style, "
    "of een attribuut dat niet bij het element hoort).",
    "Haal het attribuut weg; gebruik Markdown voor opmaak.")


@FORBIDDEN_ATTRIBUTE.words
def data_attribute(name: str):
    return (f"Het attribuut '{clip(name, 40)}' is niet toegestaan: data-attributen zijn voor de site zelf.",
            "Haal het attribuut weg.")


@FORBIDDEN_ATTRIBUTE.words
def style_attribute(value: str):
    return (f"De opmaak style=\"{clip(value, 40)}\" is niet toegestaan.",
            "Alleen de uitlijning van een tabelcel (text-align) mag; de rest doet de site zelf.")


@FORBIDDEN_ATTRIBUTE.words
def attribute_not_allowed(element: str, name: str, allowed: Iterable[str]):
    return (f"Het attribuut '{clip(name, 40)}' is niet toegestaan op <{element}>.",
            f"Toegestaan: {', '.join(sorted(allowed))}. Gebruik Markdown voor opmaak.")


@FORBIDDEN_ATTRIBUTE.words
def attribute_value_not_allowed(element: str, name: str, value: str, allowed: Iterable[str]):
    return (f"{name}=\"{clip(value, 30)}\" is niet toegestaan op <{element}>.",
            f"Toegestaan: {', '.join(sorted(allowed))}, of laat het attribuut weg.")


@FORBIDDEN_ATTRIBUTE.words
def invalid_id(value: str):
    return (f"Het id '{clip(value, 30)}' is geen geldige naam.",
            "Een id is één woord zonder spaties, bijvoorbeeld #aanpak; laat een leeg id weg.")


RESERVED_NAME = declare("SDW039", "gereserveerde-naam",
                        "Een id of class begint met een naam die de site zelf gebruikt (__, md-, sdw-).",
                        "Kies een andere naam, of laat de id of class weg.")


@RESERVED_NAME.words
def reserved_id(value: str, prefix: str):
    return (f"Het id '{clip(value, 40)}' begint met '{prefix}'; zulke namen gebruikt de site zelf.",
            "Kies een andere naam, bijvoorbeeld een die met een woord uit de tekst begint.")


@RESERVED_NAME.words
def reserved_class(token: str, prefix: str):
    return (f"De class '{clip(token, 40)}' begint met '{prefix}'; zulke namen gebruikt de site zelf.",
            "Haal de class weg; de opmaak van de site zorgt voor de vormgeving.")


@RESERVED_NAME.words
def reserved_heading_id(anchor: str, prefix: str):
    return (f"Dit kopje krijgt het adres '#{clip(anchor, 40)}'; namen die met '{prefix}' beginnen gebruikt de "
            "site zelf.", "Begin het kopje met een ander woord.")


INVISIBLE_CHARACTER = declare("SDW040", "onzichtbaar-teken",
                              "Een tekst bevat een stuurteken, een richtingsteken of een onzichtbaar teken.",
                              "Typ de tekst opnieuw in plaats van hem te plakken uit een ander programma.")
_UNSEEN = "Zo'n teken ziet niemand, maar het"


@INVISIBLE_CHARACTER.words
def invisible_in_value(field: str, char: str, position: int):
    """In a front-matter value, at `position` (1-based)."""
    return (f"Het veld '{field}' bevat op teken {position} een onzichtbaar of stuurteken: {character_name(char)}.",
            f"{_UNSEEN} kan de tekst anders laten lezen of de feeds breken. Typ de waarde opnieuw (niet plakken "
            "uit een ander programma).")


@INVISIBLE_CHARACTER.words
def invisible_in_body(char: str):
    return (f"Hier staat een onzichtbaar of stuurteken in de tekst: {character_name(char)}.",
            f"{_UNSEEN} kan de tekst anders laten lezen dan hij er staat. Typ dit stuk opnieuw (niet plakken uit "
            "een ander programma).")


@INVISIBLE_CHARACTER.words
def invisible_in_front_matter(char: str):
    """A character that YAML refuses or reads as a line break."""
    return (f"In de front-matter staat een onzichtbaar of stuurteken: {character_name(char)}.",
            f"{_UNSEEN} breekt de front-matter. Typ de regel opnieuw (niet plakken uit een ander programma).")


YAML_REFERENCE = declare("SDW041", "yaml-verwijzing",
                         "De front-matter gebruikt een YAML-anker (&), -verwijzing (*) of -label (!); die zijn niet "
                         "nodig en niet toegestaan.",
                         "Schrijf de waarde zelf uit, tussen aanhalingstekens als hij met &, * of ! begint.")


@YAML_REFERENCE.words
def yaml_reference(kind: str, written: str):
    """`kind`: "alias", "anchor" or "tag"; `written`: its name (a tag as the author wrote it)."""
    what = {"alias": f"een YAML-verwijzing ('*{clip_line(written, 30)}')",
            "anchor": f"een YAML-anker ('&{clip_line(written, 30)}')",
            "tag": f"een YAML-label ('{clip_line(written, 40)}')"}[kind]
    return (f"Hier staat {what}; die zijn in de front-matter niet toegestaan.",
            "Schrijf de waarde zelf uit. Begint die met &, * of !, zet hem dan tussen aanhalingstekens.")


FRONT_MATTER_TOO_BIG = declare("SDW042", "front-matter-te-groot", "De front-matter is te groot of te diep genest.",
                               "Houd de front-matter bij de velden uit de naslag; lange tekst hoort onder de tweede "
                               "'---'.")


@FRONT_MATTER_TOO_BIG.words
def front_matter_bytes(size: int, limit: int):
    return f"De front-matter is {size // 1024} kB; de grens is {limit // 1024} kB.", FRONT_MATTER_TOO_BIG.example_fix


@FRONT_MATTER_TOO_BIG.words
def front_matter_values(limit: int):
    return f"De front-matter heeft meer dan {limit} waarden.", FRONT_MATTER_TOO_BIG.example_fix


@FRONT_MATTER_TOO_BIG.words
def front_matter_depth(limit: int):
    return f"De front-matter is hier dieper genest dan {limit} niveaus.", FRONT_MATTER_TOO_BIG.example_fix


@FRONT_MATTER_TOO_BIG.words
def front_matter_unreadable():
    return "De front-matter is te groot of te diep genest om te lezen.", FRONT_MATTER_TOO_BIG.example_fix


IMAGE_NOT_WHAT_IT_SAYS = declare(
    "SDW043", "afbeelding-klopt-niet",
    "De inhoud van een afbeelding past niet bij de extensie (bijvoorbeeld een SVG of tekst met de naam .png).",
    "Sla de afbeelding opnieuw op als JPEG, PNG, WebP of GIF, met de bijpassende extensie.")
# What the bytes of a refused image seem to be (sdw.load._sniff), when not another image format.
_LOOKS_LIKE = {"svg": "een SVG-tekening, die code kan bevatten", "html": "een HTML-pagina", "empty": "een leeg bestand"}


@IMAGE_NOT_WHAT_IT_SAYS.words
def image_not_what_it_says(suffix: str, expected: str, found: tuple[str, str] | None):
    """`expected`: the format the suffix promises; `found`: (format, its suffix) or (a _LOOKS_LIKE key, '')."""
    seems = ""
    if found is not None:
        kind, found_suffix = found
        looks = f"een {kind}-afbeelding; geef het de extensie {found_suffix}" if found_suffix else _LOOKS_LIKE[kind]
        seems = f" (het lijkt {looks})"
    return (f"Dit bestand heet {suffix}, maar de inhoud is geen {expected}-afbeelding{seems}; het komt niet op de "
            "site.", IMAGE_NOT_WHAT_IT_SAYS.example_fix)


TOO_COMPLEX = declare("SDW044", "te-complex",
                      "De tekst is zo ingewikkeld opgebouwd (duizenden haakjes, kopjes of opmaaktekens, of diep "
                      "geneste citaten) dat het bouwen van de site er te lang over zou doen.",
                      "Kijk of er per ongeluk een lange reeks tekens in de tekst staat; splits een heel lange tekst "
                      "op.")
# Each measure of sdw.scan's Cost, in words ({n}: the body's value, {limit}: the bound).
_COSTS = {
    "rescans": "er staan '[' of '](' in die nergens worden gesloten",
    "headings": "er staan {n} kopjes in (de grens is {limit})",
    "angles": "er staan {n} tekens '<' in (de grens is {limit})",
    "markup": "er staan {n} opmaaktekens in zoals * _ [ ] < > & \\ (de grens is {limit})",
    "list_indent": "lijstjes zijn {n} spaties diep ingesprongen (de grens is {limit})",
    "quote_depth": "citaten zijn {n} niveaus diep genest (de grens is {limit})",
}


@TOO_COMPLEX.words
def too_complex(over: Iterable[tuple[str, int, int]]):
    """`over`: (measure, value, limit) for every measure of the body above its limit."""
    reasons = [_COSTS[name].format(n=value, limit=limit) for name, value, limit in over]
    return ("Deze tekst kan niet veilig worden opgebouwd: " + "; ".join(reasons) + ".",
            "Kijk of er per ongeluk een lange reeks tekens in de tekst is geplakt. Een heel lange tekst kun je "
            "opsplitsen in meer artikelen.")


HEADING_LEVEL = declare("SDW045", "kopniveau",
                        "Een kopje in de tekst heeft niveau 1 ('# …' of onderstreept met '==='), terwijl de titel van "
                        "de pagina al het hoofdkopje is, of slaat een niveau over (bijvoorbeeld '####' direct na "
                        "'##').",
                        "Gebruik ## voor een kopje en ### voor een kopje daaronder, zonder een niveau over te slaan.")


def _marks(level: int) -> str:
    return "'" + "#" * level + "'"


@HEADING_LEVEL.words
def heading_level(level: int, previous: int):
    """A heading of `level` after one of `previous` (1: the page title)."""
    if level == 1:
        return ("Dit kopje heeft niveau 1 ('#', '===' of <h1>), maar de titel van de pagina is al het hoofdkopje "
                "(niveau 1).", "Gebruik ## voor een kopje in de tekst, en ### voor een kopje daaronder.")
    expected = previous + 1
    after = "de titel van de pagina" if previous == 1 else f"een kopje van niveau {previous} ({_marks(previous)})"
    return (f"Dit kopje heeft niveau {level} ({_marks(level)}), maar na {after} hoort niveau {expected} "
            f"({_marks(expected)}): er wordt een niveau overgeslagen.",
            f"Maak er een kopje van niveau {expected} van: begin de regel met {_marks(expected)} in plaats van "
            f"{_marks(level)}.")


CURLY_QUOTES = declare("SDW046", "gekrulde-aanhalingstekens",
                       "Een waarde in de front-matter staat tussen gekrulde aanhalingstekens (“…”, ‘…’ of „…”); YAML "
                       "ziet die niet als aanhalingstekens, dus ze worden deel van de tekst.",
                       f'Gebruik rechte aanhalingstekens (") rond de waarde: {TITLE.name}: "Werk: het beste medicijn".')


@CURLY_QUOTES.words
def curly_quotes(name: str, text: str, *, item: bool = False):
    """`text` between typographic quotes, in field `name` (`item`: a name in its list)."""
    inner = text[1:-1].replace('"', '\\"')
    if item:  # a name in a list: no quotes needed at all
        hint = f"Of laat ze weg: '  - {clip(inner)}' (een naam heeft geen aanhalingstekens nodig)."
    else:
        hint = (f"Schrijf {name}: \"{clip(inner)}\". Moeten de gekrulde aanhalingstekens zichtbaar blijven, zet "
                f"dan rechte eromheen: {name}: \"{clip(text)}\".")
    return (f"De waarde van '{name}' staat tussen gekrulde aanhalingstekens ({text[0]}…{text[-1]}); YAML ziet die "
            "niet als aanhalingstekens en zet ze in de tekst. Gebruik rechte aanhalingstekens (\") rond de waarde.",
            hint)


OWN_SITE_ADDRESS = declare("SDW047", "volledig-adres-eigen-site",
                           "Een link naar een pagina van deze site gebruikt het volledige webadres "
                           "(https://www.sterkdoorwerk.nl/…) in plaats van het pad naar het .md-bestand.",
                           "Link met het pad naar het .md-bestand, gezien vanaf dit bestand, bijvoorbeeld "
                           "../verhalen/pearl-hartgers.md.")


@OWN_SITE_ADDRESS.words
def own_site_address(target: str, relative: str | None):
    """`relative`: the path to the page's .md file from this file (None: no such page in content/)."""
    if relative is not None:
        hint = (f"Link met het pad naar het .md-bestand, gezien vanaf dit bestand: '{relative}'. Zo werkt de link "
                "ook in de voorbeeldweergave, in de offline versie en op een ander webadres.")
    else:
        hint = ("Die pagina staat niet in content/; controleer het adres. Link naar een pagina van de site met het "
                "pad naar het .md-bestand, gezien vanaf dit bestand, bijvoorbeeld ../themas/ips.md.")
    return f"De link '{clip(target)}' wijst met het volledige webadres naar een pagina van deze site.", hint


MISINDENTED_LIST = declare("SDW048", "lijst-verkeerd-ingesprongen",
                           "Een lijstje met namen (zoals 'doelgroepen') is verkeerd ingesprongen, zodat YAML twee "
                           "items als één naam leest ('werkgevers - professionals').",
                           "Zet elk item op een eigen regel die begint met '  - ' (twee spaties, streepje, spatie).")


@MISINDENTED_LIST.words
def misindented_list(fld: Field, text: str, names: Sequence[str]):
    """`text`: what YAML read as one name; `names`: the names in it."""
    if fld.kind is Kind.REF:
        return (f"In '{fld.name}' staat een lijstje ('{clip(text)}'), maar hier past één naam.",
                f"Kies één naam, bijvoorbeeld: {fld.name}: {names[0] if names else fld.example_value}.")
    example = " / ".join([f"{fld.name}:"] + [f"  - {name}" for name in names[:3]])
    return (f"Het lijstje onder '{fld.name}' is verkeerd ingesprongen: zet elk item op een eigen regel die begint "
            "met '  - ' (twee spaties, streepje, spatie).",
            f"YAML leest nu '{clip(text)}' als één naam. Zet alle streepjes recht onder elkaar, zo: {example}")


LINK_WITHOUT_TEXT = declare("SDW049", "link-zonder-tekst",
                            "Een link heeft geen tekst tussen de blokhaken ([](…)): lezers zien niets om op te klikken "
                            "en een schermlezer leest alleen het adres voor.",
                            "Zet tussen de blokhaken waar de link heen gaat, bijvoorbeeld [het convenant]"
                            "(../convenant.md).")


@LINK_WITHOUT_TEXT.words
def link_without_text(target: str):
    return (f"De link naar '{clip(target)}' heeft geen tekst: er staat niets tussen de blokhaken, dus lezers zien "
            "niets om op te klikken.", LINK_WITHOUT_TEXT.example_fix)


# --- Where a Violation of the markup was written ---------------------------------------------

_MARKUP = {"attr-list": "In een attributenlijst { … }: ", "admonition": "In een blok met !!!: "}


def written_in(violation: Violation, origin: str) -> Violation:
    """A violation of an attribute written in an attribute list or an admonition says so first."""
    where = _MARKUP.get(origin)
    if not where:
        return violation
    return Violation(violation.rule, where + violation.message[0].lower() + violation.message[1:], violation.hint)


# --- Search words (thesaurus): content/zoekwoorden.yml, read and checked by sdw.thesaurus -------
# The file's own rules, and its own wordings of rules above whose words speak of front-matter.
# Key names, the file's name and the limits come from sdw.thesaurus (passed in, or, in the
# summaries, checked against it by tests/test_thesaurus.py).

THESAURUS_SHAPE = declare(
    "SDW050", "zoekwoorden-vorm",
    "Het bestand met zoekwoorden (content/zoekwoorden.yml) is geen lijst van groepen met elk 'woorden' (wat "
    "lezers typen) en 'zoek_ook' (waar de site dan ook naar zoekt).",
    "Begin elke groep met '- woorden: burn-out, burnout' en zet er recht onder '  zoek_ook: psychische problemen'.")
_THESAURUS_EXAMPLE = "Bijvoorbeeld: '- woorden: burn-out, burnout' met daaronder '  zoek_ook: psychische problemen'."


@THESAURUS_SHAPE.words
def thesaurus_not_a_list(node):
    return (f"Het bestand moet een lijst van groepen zoekwoorden zijn, maar is {_describe(node)}.",
            _THESAURUS_EXAMPLE)


@THESAURUS_SHAPE.words
def thesaurus_group_not_a_mapping(node, keys: Sequence[str]):
    return (f"Elke groep moet {' en '.join(repr(k) for k in keys)} hebben, maar dit is {_describe(node)}.",
            _THESAURUS_EXAMPLE)


@THESAURUS_SHAPE.words
def thesaurus_unknown_key(key: str, keys: Sequence[str]):
    return (f"'{clip(key, 40)}' hoort niet in een groep zoekwoorden.",
            f"{did_you_mean(key, keys)}Een groep heeft alleen {' en '.join(repr(k) for k in keys)}.")


@THESAURUS_SHAPE.words
def thesaurus_missing_key(key: str, words_key: str):
    what = ("de woorden die lezers typen" if key == words_key
            else "de woorden waar de site dan ook naar zoekt (woorden die op de site staan)")
    return f"In deze groep ontbreekt '{key}'.", f"Zet bij '{key}' {what}. {_THESAURUS_EXAMPLE}"


@THESAURUS_SHAPE.words
def thesaurus_not_words(key: str, node):
    return (f"'{key}' moet een of meer woorden zijn, gescheiden door komma's of als lijstje, maar is "
            f"{_describe(node)}.", f"Bijvoorbeeld: {key}: burn-out, burnout, overspannen")


@THESAURUS_SHAPE.words
def thesaurus_key_not_text():
    return "Een naam in een groep zoekwoorden moet gewone tekst zijn ('woorden' of 'zoek_ook').", _THESAURUS_EXAMPLE


@THESAURUS_SHAPE.words
def thesaurus_too_deep(limit: int):
    return (f"Het bestand is hier dieper genest dan {limit} niveaus (de lijst, een groep, de woorden).",
            _THESAURUS_EXAMPLE)


THESAURUS_EMPTY_TERM = declare(
    "SDW051", "zoekwoord-leeg",
    "Een zoekwoord of zoekterm is leeg, of heeft geen letters of cijfers.",
    "Haal de lege plek weg: twee komma's na elkaar, een komma aan het eind, of een streepje zonder woord.")


@THESAURUS_EMPTY_TERM.words
def thesaurus_empty_term(key: str):
    return f"In '{key}' staat een leeg woord.", THESAURUS_EMPTY_TERM.example_fix


@THESAURUS_EMPTY_TERM.words
def thesaurus_empty_value(key: str):
    return f"'{key}' is leeg.", "Zet er een of meer woorden achter, gescheiden door komma's."


@THESAURUS_EMPTY_TERM.words
def thesaurus_no_letters(key: str, text: str):
    return (f"'{clip(text, 40)}' in '{key}' heeft geen letters of cijfers, dus de zoekfunctie kan er niets mee.",
            "Schrijf een woord, of haal dit weg.")


THESAURUS_DUPLICATE = declare(
    "SDW052", "zoekwoord-dubbel",
    "Een woord staat twee keer in de zoekwoorden (in dezelfde groep of in twee groepen).",
    "Houd het woord in één groep; zet alles wat het moet vinden bij 'zoek_ook' van die groep.")


@THESAURUS_DUPLICATE.words
def thesaurus_duplicate(key: str, text: str, first_line: int, *, same_group: bool):
    where = "in deze groep" if same_group else "in een andere groep"
    return (f"'{clip(text, 40)}' staat al {where} bij '{key}' (regel {first_line}).",
            "Haal het hier weg." if same_group else
            f"Een woord hoort in één groep. Haal het hier weg, of voeg de zoektermen van deze groep toe aan de "
            f"groep op regel {first_line}.")


THESAURUS_TARGET_IS_WORD = declare(
    "SDW053", "zoekterm-is-zoekwoord",
    "Een term bij 'zoek_ook' staat ook bij 'woorden'. De site zoekt maar één stap door: een zoekterm die zelf "
    "weer zoekwoord is, werkt niet zoals bedoeld.",
    "Zet bij 'zoek_ook' woorden die op de site staan, en bij 'woorden' alleen wat lezers typen.")


@THESAURUS_TARGET_IS_WORD.words
def thesaurus_target_is_word(text: str, words_key: str, line: int, *, same_group: bool):
    if same_group:
        return (f"'{clip(text, 40)}' staat in deze groep bij '{words_key}' en bij 'zoek_ook'.",
                f"Haal het weg bij '{words_key}' (regel {line}): wie het typt, vindt het al.")
    return (f"'{clip(text, 40)}' staat bij 'zoek_ook', maar is ook een zoekwoord (regel {line}); de site zoekt maar "
            "één stap door, dus wat daar bij 'zoek_ook' staat, wordt niet ook gezocht.",
            f"Kies hier een woord dat op de site staat, of zet de zoektermen van regel {line} hier ook bij "
            "'zoek_ook'.")


THESAURUS_TOO_BIG = declare(
    "SDW054", "zoekwoorden-te-groot",
    "De zoekwoorden zijn te veel of te lang: te veel groepen, woorden in een groep, tekens of woorden in een "
    "term, of een te groot bestand.",
    "Houd elke term kort (een paar woorden) en splits een lange groep in twee.")


@THESAURUS_TOO_BIG.words
def thesaurus_file_too_big(size: int, limit: int):
    return (f"Het bestand is {size // 1024} kB; de grens is {limit // 1024} kB.",
            "Houd alleen de zoekwoorden die lezers echt typen.")


@THESAURUS_TOO_BIG.words
def thesaurus_too_many_groups(count: int, limit: int):
    return (f"Er staan {count} groepen in het bestand; er mogen er {limit}.",
            "Voeg groepen die over hetzelfde gaan samen, of haal zoekwoorden weg die lezers niet typen.")


@THESAURUS_TOO_BIG.words
def thesaurus_too_many_terms(key: str, count: int, limit: int):
    return (f"Bij '{key}' staan {count} termen; er mogen er {limit}.", THESAURUS_TOO_BIG.example_fix)


@THESAURUS_TOO_BIG.words
def thesaurus_term_too_long(key: str, text: str, length: int, limit: int):
    return (f"'{clip(text, 40)}' in '{key}' is {length} tekens lang; er mogen er {limit}.",
            "Gebruik een kort woord of een korte woordgroep.")


@THESAURUS_TOO_BIG.words
def thesaurus_term_too_many_words(key: str, text: str, words: int, limit: int):
    return (f"'{clip(text, 40)}' in '{key}' bestaat uit {words} woorden; er mogen er {limit}.",
            "Gebruik een kort woord of een korte woordgroep; zet komma's tussen losse woorden.")


THESAURUS_TARGET_FINDS_NOTHING = declare(
    "SDW055", "zoekterm-vindt-niets",
    "Een term bij 'zoek_ook' staat nergens op de site, dus de zoekfunctie vindt er niets mee.",
    "Kies een woord dat in de teksten staat, of verbeter de spelling.", WARNING)


@THESAURUS_TARGET_FINDS_NOTHING.words
def thesaurus_target_finds_nothing(text: str, missing: str, known: Iterable[str]):
    """`missing`: the word of the term that is nowhere on the site; `known`: words that are."""
    return (f"'{clip(text, 40)}' bij 'zoek_ook' vindt niets: het woord '{clip(missing, 40)}' staat nergens op de "
            "site.", f"{did_you_mean(missing, known, cutoff=0.75)}Kies een woord dat in de teksten staat.")


# The file's own words for rules declared above (they speak of front-matter).

@DUPLICATE_FIELD.words
def thesaurus_duplicate_key(key: str, first_line: int):
    return (f"'{key}' staat twee keer in deze groep (ook op regel {first_line}).",
            "Houd er één over; zet alle woorden daar achter elkaar, gescheiden door komma's.")


@YAML_ERROR.words
def thesaurus_yaml_error():
    """The file is not YAML, and PyYAML's error fits none of the explanations above."""
    return "Dit bestand is geen geldige YAML.", "Controleer aanhalingstekens, dubbele punten en inspringing."


@YAML_REFERENCE.words
def thesaurus_yaml_reference(kind: str, written: str):
    """`kind`: "alias", "anchor" or "tag" (as yaml_reference)."""
    what = {"alias": f"een YAML-verwijzing ('*{clip_line(written, 30)}')",
            "anchor": f"een YAML-anker ('&{clip_line(written, 30)}')",
            "tag": f"een YAML-label ('{clip_line(written, 40)}')"}[kind]
    return (f"Hier staat {what}; die zijn in dit bestand niet toegestaan.",
            "Schrijf het woord zelf uit. Begint het met &, * of !, zet het dan tussen aanhalingstekens.")


@INVISIBLE_CHARACTER.words
def thesaurus_invisible(char: str):
    return (f"Hier staat een onzichtbaar of stuurteken: {character_name(char)}.",
            f"{_UNSEEN} breekt het bestand of laat een woord anders lezen. Typ de regel opnieuw (niet plakken uit "
            "een ander programma).")


@EMPTY_FILE.words
def thesaurus_empty_file():
    return EMPTY_FILE.summary, "Zet er groepen zoekwoorden in (zie CONTRIBUTING.md), of verwijder het bestand."


# --- Readability: the word lists (content/leesbaarheid.yml, read by sdw.readability) and the tips ----
# The tips (severity TIP) never fail a check, a build or a pull request: they are advice for writing
# at language level B1. Their limits come from the constants in sdw.readability (passed in).

TIP = Severity.TIP

READING_LISTS_SHAPE = declare(
    "SDW056", "leesbaarheid-lijsten",
    "Het bestand met woordlijsten voor leesbaarheid (content/leesbaarheid.yml) heeft niet de vorm 'toegestaan:' "
    "(een lijstje woorden die op deze site gewoon zijn) en 'jargon:' (een moeilijk woord met daarachter een gewoon "
    "woord).",
    "Schrijf 'toegestaan:' met daaronder '  - UWV', en 'jargon:' met daaronder '  implementeren: invoeren'.")
_LISTS_EXAMPLE = ("Bijvoorbeeld: een regel 'toegestaan:' met daaronder '- UWV', of een regel 'jargon:' met daaronder "
                  "'implementeren: invoeren' (de regels eronder ingesprongen met twee spaties).")


@READING_LISTS_SHAPE.words
def reading_lists_not_a_mapping(node, keys: Sequence[str]):
    return (f"Het bestand moet {' en '.join(repr(k) for k in keys)} hebben, maar is {_describe(node)}.",
            _LISTS_EXAMPLE)


@READING_LISTS_SHAPE.words
def reading_lists_unknown_key(key: str, keys: Sequence[str]):
    return (f"'{clip(key, 40)}' hoort niet in dit bestand.",
            f"{did_you_mean(key, keys)}Het bestand heeft alleen {' en '.join(repr(k) for k in keys)}.")


@READING_LISTS_SHAPE.words
def reading_lists_not_words(key: str, node):
    return (f"'{key}' moet een lijstje woorden zijn (elk op een eigen regel met '- ' ervoor), maar is "
            f"{_describe(node)}.",
            _LISTS_EXAMPLE)


@READING_LISTS_SHAPE.words
def reading_lists_not_pairs(key: str, node):
    return (f"'{key}' moet een lijstje zijn van moeilijke woorden met elk een gewoon woord erachter, maar is "
            f"{_describe(node)}.", "Bijvoorbeeld: 'implementeren: invoeren' (ingesprongen met twee spaties: het "
            "woord, een dubbele punt, het gewone woord).")


@READING_LISTS_SHAPE.words
def reading_lists_not_text(key: str, node):
    return (f"Elk woord in '{key}' moet gewone tekst zijn, maar dit is {_describe(node)}.", _LISTS_EXAMPLE)


@READING_LISTS_SHAPE.words
def reading_lists_empty(key: str):
    return (f"In '{key}' staat een leeg woord, of een woord zonder letters.",
            "Haal de lege regel weg, of schrijf er een woord.")


@READING_LISTS_SHAPE.words
def reading_lists_no_alternative(word: str):
    return (f"Bij het jargonwoord '{clip(word, 40)}' staat geen gewoon woord.",
            f"Schrijf het gewone woord achter de dubbele punt, bijvoorbeeld '{clip(word, 40)}: …'. Is het woord "
            "op deze site gewoon, zet het dan bij 'toegestaan'.")


@READING_LISTS_SHAPE.words
def reading_lists_duplicate(word: str, first_line: int):
    return (f"'{clip(word, 40)}' staat al in dit bestand (regel {first_line}).",
            "Houd het woord op één plek: bij 'toegestaan' of bij 'jargon', niet allebei.")


@READING_LISTS_SHAPE.words
def reading_lists_too_big(what: str, count: int, limit: int):
    """`what`: "bytes" (the file), "woorden" (a list) or "tekens" (a word)."""
    if what == "bytes":
        return (f"Het bestand is {count // 1024} kB; de grens is {limit // 1024} kB.",
                "Houd alleen de woorden die lezers op deze site echt tegenkomen.")
    if what == "tekens":
        return (f"Dit woord is {count} tekens lang; er mogen er {limit}.", "Schrijf één woord of een korte woordgroep.")
    return (f"Er staan {count} woorden in deze lijst; er mogen er {limit}.",
            "Houd alleen de woorden die lezers op deze site echt tegenkomen.")


@READING_LISTS_SHAPE.words
def reading_lists_too_deep(limit: int):
    return (f"Het bestand is hier dieper genest dan {limit} niveaus ('toegestaan' of 'jargon', dan de woorden).",
            _LISTS_EXAMPLE)


@EMPTY_FILE.words
def reading_lists_empty_file():
    return (EMPTY_FILE.summary, "Zet er 'toegestaan:' en 'jargon:' in (zie CONTRIBUTING.md, 'Schrijven op "
            "B1-niveau'), of verwijder het bestand.")


LONG_SENTENCE = declare(
    "SDW057", "lange-zin",
    "Tip voor leesbaarheid: een zin is langer dan 20 woorden. Op taalniveau B1 is een zin liefst 15 woorden of "
    "korter, en hooguit 20.",
    "Maak er twee of drie zinnen van, met één gedachte per zin.", TIP)


@LONG_SENTENCE.words
def long_sentence(words: int, limit: int, start: str):
    return (f"Deze zin heeft {words} woorden ('{clip_line(start, 40)}'); voor taalniveau B1 is {limit} het "
            "maximum.", "Maak er twee of drie zinnen van, met één gedachte per zin. Knip bij 'en', 'maar', 'omdat' "
            "of 'waardoor', of zet een opsomming in een lijstje.")


RARE_WORD = declare(
    "SDW058", "zeldzaam-woord",
    "Tip voor leesbaarheid: een woord is zeldzaam in gewoon Nederlands (volgens de woordfrequenties van wordfreq). "
    "Woorden die op deze site gewoon zijn, staan bij 'toegestaan' in content/leesbaarheid.yml.",
    "Kies een woord dat iedereen kent, of leg het woord de eerste keer uit.", TIP)


@RARE_WORD.words
def rare_word(word: str):
    return (f"'{clip(word, 40)}' is een zeldzaam woord; veel lezers kennen het niet.",
            "Kies een woord dat iedereen kent, of leg het de eerste keer uit. Is het op deze site een gewoon woord "
            "(zoals IPS of re-integratie), zet het dan bij 'toegestaan' in content/leesbaarheid.yml.")


PASSIVE_VOICE = declare(
    "SDW059", "lijdende-vorm",
    "Tip voor leesbaarheid: meer dan 1 op de 5 zinnen staat in de lijdende vorm ('wordt … gedaan', 'werd … "
    "gemaakt'). Dan staat er niet wie iets doet.",
    "Zeg wie iets doet: niet 'De aanvraag wordt door UWV beoordeeld', maar 'UWV beoordeelt de aanvraag'.", TIP)


@PASSIVE_VOICE.words
def passive_voice(passive: int, sentences: int, limit_percent: int, phrase: str, other_lines: Sequence[int]):
    others = (f" Ook in de lijdende vorm: de zinnen op regel {', '.join(str(n) for n in other_lines)}."
              if other_lines else "")
    return (f"{passive} van de {sentences} zinnen staan in de lijdende vorm, zoals deze ('{clip_line(phrase, 40)}'); "
            f"voor taalniveau B1 is dat hooguit {limit_percent} %.",
            f"Zeg wie iets doet: niet 'De aanvraag wordt door UWV beoordeeld', maar 'UWV beoordeelt de "
            f"aanvraag'.{others}")


LONG_WORD = declare(
    "SDW060", "lang-woord",
    "Tip voor leesbaarheid: een woord heeft 6 of meer lettergrepen (geteld met de Nederlandse "
    "woordafbreking).",
    "Gebruik een korter woord, of splits een samenstelling: 'ervaringsdeskundigheid' wordt 'kennis uit eigen "
    "ervaring'.", TIP)


@LONG_WORD.words
def long_word(word: str, syllables: int):
    return (f"'{clip(word, 40)}' is een lang woord ({syllables} lettergrepen); lange woorden lezen moeilijk.",
            "Gebruik een korter woord, of schrijf het uit in een paar gewone woorden. Is het op deze site een "
            "gewoon woord, zet het dan bij 'toegestaan' in content/leesbaarheid.yml.")


JARGON = declare(
    "SDW061", "jargon-woord",
    "Tip voor leesbaarheid: een woord staat bij 'jargon' in content/leesbaarheid.yml; er is een gewoner woord "
    "voor.",
    "Gebruik het gewone woord uit de lijst: 'invoeren' in plaats van 'implementeren'.", TIP)


@JARGON.words
def jargon(word: str, plain: str):
    return (f"'{clip(word, 40)}' is jargon.", f"Schrijf liever '{clip(plain, 60)}'.")
