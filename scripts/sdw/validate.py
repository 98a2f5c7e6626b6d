"""Validate: check every loaded file against the schema and against each other.

Returns every problem in every file at once, plus the clean, typed field
values of the files that passed, for the model to build on. Never raises for
bad content.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .dates import DateError, PartialDate, parse_date
from .load import Loaded, RawList, RawMap, RawNode, RawScalar, SourceFile
from .memo import Memo
from .policy import BODY_SUSPECT, character_name, clip, text_violation, web_address_violation
from .problems import Problem, problem
from .scan import scan
from .schema import (
    LINKABLE_LISTINGS,
    PERSON_FIELDS,
    RESERVED_SLUGS,
    SLUG_PATTERN,
    TYPES,
    TYPES_BY_FOLDER,
    URL_SCHEMES,
    VIDEO_MIN_WORDS,
    ContentType,
    Field,
    Kind,
)
from .validate_body import anchors_of, check_body, check_image_path
from .videos import parse_video

_SLUG = re.compile(SLUG_PATTERN)
_INT = re.compile(r"[+-]?\d+")
_PLACEHOLDER = re.compile(r"VUL[ -]IN", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_HTML_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str | None = None


@dataclass(frozen=True)
class Record:
    """A file that passed validation: its type, slug and clean values."""

    source: SourceFile
    type: ContentType
    slug: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Result:
    records: tuple[Record, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(loaded: Loaded) -> Result:
    files = list(loaded.files)
    problems: list[Problem] = list(loaded.problems)
    candidates: list[tuple[SourceFile, ContentType, str, dict[str, Any], list[tuple[Field, RawNode, Any]]]] = []
    scans = {}
    for source in files:
        own, candidate, scanned = _FILE_CHECKS.get(source.path, source, lambda source=source: _check_file(source))
        problems.extend(own)
        if candidate is not None:
            candidates.append(candidate)
            scans[source.rel] = scanned

    known: dict[str, set[str]] = {t.name: set() for t in TYPES}
    for _source, ctype, slug, _values, _refs in candidates:
        known[ctype.name].add(slug)
    _check_collisions(candidates, problems)
    anchors = {rel: frozenset() for rel in LINKABLE_LISTINGS}
    anchors.update({f.rel: frozenset() for f in files})  # unreadable files still exist
    for source, _ctype, _slug, values, _ in candidates:
        anchors[source.rel] = anchors_of(values.get("titel", ""), scans[source.rel])
    # A refused image exists: its references say why it is not published, instead of "does not exist".
    refused = {r.rel: r for r in loaded.refused}
    images = {a.rel for a in loaded.assets}
    for source, *_ in candidates:
        check_body(source, scans[source.rel], anchors, images, problems, refused)
    for source, _ctype, _slug, _values, refs in candidates:
        for fld, node, slug_value in refs:
            if fld.kind is Kind.IMAGE:
                check_image_path(source, slug_value, node.line, node.column, images, problems, refused=refused,
                                 what=f"De afbeelding '{slug_value}' in '{fld.name}'")
            else:
                _check_reference(source, fld, node, slug_value, known, problems)

    bad = {p.path for p in problems if p.is_error}
    records = tuple(_RECORDS.get(s.path, s, lambda s=s, t=t, slug=slug, v=v: Record(s, t, slug, v))
                    for s, t, slug, v, _ in candidates if s.path not in bad)
    order = {p: i for i, p in enumerate(sorted({f.path for f in files} | {p.path for p in loaded.problems}))}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line, p.column))
    return Result(records, tuple(problems))


def _check_file(source: SourceFile):
    """Everything about one file that does not depend on the others: its own problems,
    its candidate record (type, slug, values, references) and the scan of its body."""
    problems: list[Problem] = list(source.problems)
    located = _locate(source, problems)
    if located is None or source.front is None:
        return problems, None, None
    ctype, slug = located
    values, refs = _check_fields(source, ctype, problems)
    check_body_characters(source, problems)
    _check_period(source, values, problems)
    _check_image_alt(source, values, problems)
    _check_placeholders(source, problems)
    if ctype.name == "video" and not _PLACEHOLDER.search(source.body):
        words = len(_WORD.findall(_HTML_TAG.sub(" ", source.body)))
        if words < VIDEO_MIN_WORDS:
            problems.append(problem(source.path, source.body_line, 1, "video-zonder-tekst",
                                    f"Onder de video staan {words} woorden; er moeten er minstens "
                                    f"{VIDEO_MIN_WORDS} staan.",
                                    "Vat samen wat er in de video gezegd en getoond wordt, of zet de "
                                    "uitgeschreven tekst eronder. Zo weet ook wie de video niet kan of wil "
                                    "afspelen wat erin zit."))
    elif ctype.is_article and not source.body.strip():
        problems.append(problem(source.path, source.body_line, 1, "lege-tekst",
                                "Onder de front-matter staat nog geen tekst.",
                                "Schrijf de tekst van het artikel onder de tweede '---'."))
    return problems, (source, ctype, slug, values, refs), scan(source.body, source.body_line)


# A long-running preview re-checks only files that changed (same SourceFile object = unchanged).
_FILE_CHECKS: Memo = Memo()
_RECORDS: Memo = Memo()


def _locate(source: SourceFile, problems: list[Problem]) -> tuple[ContentType, str] | None:
    """Type from the folder, slug from the file name."""
    parts = source.rel.split("/")
    folder, name = ("/".join(parts[:-1]), parts[-1])
    ctype = TYPES_BY_FOLDER.get(folder)
    if ctype is None:
        folders = ", ".join(f"{t.folder}/" for t in TYPES if t.folder)
        problems.append(problem(source.path, 1, 1, "onbekende-map",
                                f"De map '{folder}/' is geen soort inhoud.",
                                f"Zet het bestand in een van deze mappen: {folders} (of direct in content/ "
                                "voor een vaste pagina)."))
        return None
    slug = name.removesuffix(".md")
    if not name.endswith(".md") or not _SLUG.fullmatch(slug):
        problems.append(problem(source.path, 1, 1, "ongeldige-bestandsnaam",
                                f"De bestandsnaam '{name}' is geen geldige slug.",
                                "Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld "
                                f"'{suggest_slug(slug)}.md'."))
        return None
    return ctype, slug


def did_you_mean(value: str, options, cutoff: float = 0.6) -> str:
    """'Bedoelde je 'x'? ' for the closest option, or '' when nothing is close."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=cutoff)
    return f"Bedoelde je '{close[0]}'? " if close else ""


def suggest_slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "naam"


def _check_fields(source: SourceFile, ctype: ContentType, problems: list[Problem]):
    front = source.front
    assert front is not None
    values: dict[str, Any] = {}
    refs: list[tuple[Field, RawNode, Any]] = []
    names = [f.name for f in ctype.fields]
    for entry in front.entries:
        fld = ctype.field(entry.key)
        if fld is None:
            hint = did_you_mean(entry.key, names).strip() or f"Toegestane velden: {', '.join(names)}."
            problems.append(problem(source.path, entry.line, entry.column, "onbekend-veld",
                                    f"Het veld '{entry.key}' bestaat niet voor een {ctype.label.lower()}.", hint))
            continue
        value = _check_value(source, fld, entry.value, problems, refs)
        if value is not None:
            values[fld.name] = value
    for fld in ctype.fields:
        entry = front.get(fld.name)
        if fld.required and (entry is None or _is_empty(entry.value)):
            line = entry.line if entry else 1
            example = f" Bijvoorbeeld: {fld.example.replace(chr(10), ' / ')}" if fld.example else ""
            problems.append(problem(source.path, line, 1, "verplicht-veld",
                                    f"Het verplichte veld '{fld.name}' {'is leeg' if entry else 'ontbreekt'}.",
                                    f"{fld.description}{example}"))
    return values, refs


def _is_empty(node: RawNode) -> bool:
    """No value: a blank scalar (quoted or not, spaces only count as blank), a plain ~ or null,
    an empty list or group."""
    if isinstance(node, RawScalar):
        value = node.value.strip()
        return not value or (node.plain and value in ("~", "null"))
    if isinstance(node, RawList):
        return not node.items
    return not node.entries


@dataclass(frozen=True)
class _Value:
    """One front-matter value being checked: where it is, which field, where problems and references go."""

    path: str
    fld: Field
    node: RawNode
    problems: list[Problem]
    refs: list[tuple[Field, RawNode, Any]]

    @property
    def text(self) -> str:
        assert isinstance(self.node, RawScalar)
        return self.node.value.strip()

    def report(self, rule: str, message: str, hint: str = "") -> None:
        self.problems.append(problem(self.path, self.node.line, self.node.column, rule, message, hint))

    def wrong_type(self, expected: str) -> None:
        example = f" Bijvoorbeeld: {self.fld.example.replace(chr(10), ' / ')}" if self.fld.example else ""
        self.report("verkeerd-type",
                    f"Het veld '{self.fld.name}' moet {expected} zijn, maar is {_describe(self.node)}.",
                    f"{self.fld.description}{example}")


def _check_value(source: SourceFile, fld: Field, node: RawNode, problems: list[Problem],
                 refs: list[tuple[Field, RawNode, Any]]) -> Any:
    """The checked value of one field (None when it is missing or wrong, with the problem reported):
    the checks common to every value, then the one of the field's kind (_LIST_KINDS, _SCALAR_KINDS)."""
    value = _Value(source.path, fld, node, problems, refs)
    if _is_empty(node):
        return None  # missing-required is reported by the caller
    if isinstance(node, RawScalar) and _curly_quoted(source.path, fld.name, node, problems):
        return None
    if fld.kind in _LIST_KINDS:
        if isinstance(node, RawList):
            return _LIST_KINDS[fld.kind](value)
        if fld.kind is Kind.REFS and isinstance(node, RawScalar) and _list_in_one_name(node.value):
            _report_misindented(source.path, fld, node, problems)
        else:
            value.wrong_type("een lijst")
        return None
    if not isinstance(node, RawScalar):
        value.wrong_type(_SCALAR_EXPECTED.get(fld.kind, "een enkele waarde"))
        return None
    return _SCALAR_KINDS[fld.kind](value)


def _references(value: _Value) -> tuple[str, ...]:
    fld, node = value.fld, value.node
    assert isinstance(node, RawList)
    slugs: list[str] = []
    for item in node.items:
        if not isinstance(item, RawScalar):
            value.problems.append(problem(value.path, item.line, item.column, "verkeerd-type",
                                          f"Elk item in '{fld.name}' moet een naam zijn, "
                                          f"maar dit is {_describe(item)}.",
                                          "Schrijf één naam per regel, bijvoorbeeld '  - werkgevers'."))
            continue
        if not _curly_quoted(value.path, fld.name, item, value.problems, item=True):
            value.refs.append((fld, item, item.value.strip()))
        slugs.append(item.value.strip())  # a curly-quoted item counts too; the file has an error already
    if len(slugs) < fld.min_items:
        value.wrong_type(f"een lijst met minstens {fld.min_items} item")
    return tuple(dict.fromkeys(slugs))


def _people(value: _Value) -> tuple[Person, ...]:
    assert isinstance(value.node, RawList)
    people = [p for item in value.node.items if (p := _check_person(value.path, value.fld, item, value.problems))]
    if len(value.node.items) < value.fld.min_items:
        value.wrong_type(f"een lijst met minstens {value.fld.min_items} persoon")
    return tuple(people)


def _text(value: _Value) -> str | None:
    assert isinstance(value.node, RawScalar)
    violation = text_violation(value.fld.name, value.node.value)
    if violation is not None:
        value.report(violation.rule, violation.message, violation.hint)
        return None
    text, limit = value.text, value.fld.max_length
    if limit and len(text) > limit:
        value.report("te-lang", f"Het veld '{value.fld.name}' is {len(text)} tekens lang; er mogen er {limit}.",
                     "Maak de tekst korter.")
    return text


def _date(value: _Value) -> PartialDate | None:
    fld, text = value.fld, value.text
    try:
        date = parse_date(text)
    except DateError as exc:
        value.report("ongeldige-datum", f"Ongeldige datum in '{fld.name}': {exc}", "Bijvoorbeeld: 2018-12-05.")
        return None
    if fld.kind is Kind.DAY and date.day is None:
        value.report("datum-zonder-dag",
                     f"'{text}' in '{fld.name}' noemt geen dag; een evenement heeft een volledige datum nodig om "
                     "in de agenda te komen.",
                     f"Schrijf de dag erbij als JJJJ-MM-DD, bijvoorbeeld {fld.example_value}. Weet je de dag niet, "
                     "zoek hem dan op in de bron.")
        return None
    return date


def _number(value: _Value) -> int | None:
    fld, text = value.fld, value.text
    if not _INT.fullmatch(text):
        value.report("ongeldig-getal", f"Het veld '{fld.name}' moet een getal zijn, maar is '{text}'.",
                     f"Schrijf alleen cijfers, bijvoorbeeld: {fld.example}.")
        return None
    number = int(text)
    if fld.kind is Kind.YEAR and not 1900 <= number <= 2100:
        value.report("ongeldig-getal", f"Het jaartal {number} in '{fld.name}' ligt niet tussen 1900 en 2100.",
                     "Schrijf het jaar met vier cijfers, bijvoorbeeld 2021.")
        return None
    return number


def _web_address(value: _Value) -> str | None:
    assert isinstance(value.node, RawScalar)
    return _check_web_address(value.path, value.fld, value.node, value.problems)


def _video(value: _Value) -> str | None:
    text = value.text
    if _PLACEHOLDER.search(text):
        return None  # reported as 'nog-invullen'; no player until it is filled in
    if _web_address(value) is None:
        return None
    video = parse_video(text)
    if video is None:
        value.report("onbekende-videodienst", f"'{text}' in '{value.fld.name}' is geen video op YouTube of Vimeo.",
                     "Alleen video's van YouTube en Vimeo kunnen op de site; kopieer het adres van de video zelf, "
                     "bijvoorbeeld https://www.youtube.com/watch?v=abc123def45 of https://vimeo.com/123456789.")
        return None
    return video.embed


def _image(value: _Value) -> str | None:
    text = value.text
    if _PLACEHOLDER.search(text):
        return None  # reported as 'nog-invullen'; no poster until it is filled in
    if text.lower().startswith(URL_SCHEMES) or text.startswith("//"):
        value.report("externe-afbeelding", f"De afbeelding '{text}' in '{value.fld.name}' komt van een andere website.",
                     "Zet de afbeelding in content/ en schrijf het pad vanaf dit bestand, bijvoorbeeld "
                     "afbeeldingen/foto.jpg; zo blijft de lezer anoniem.")
        return None
    value.refs.append((value.fld, value.node, text))
    return text


def _choice(value: _Value) -> str | None:
    fld, text = value.fld, value.text
    if text not in fld.choices:
        value.report("ongeldige-keuze", f"'{text}' is geen geldige waarde voor '{fld.name}'.",
                     f"{did_you_mean(text, fld.choices)}Kies uit: {', '.join(fld.choices)}.")
        return None
    return text


def _reference(value: _Value) -> str:
    value.refs.append((value.fld, value.node, value.text))
    return value.text


# The check of each kind of value (tests/test_rules.py: every Kind has exactly one).
_LIST_KINDS: dict[Kind, Callable[[_Value], Any]] = {Kind.REFS: _references, Kind.PEOPLE: _people}
_SCALAR_KINDS: dict[Kind, Callable[[_Value], Any]] = {
    Kind.TEXT: _text, Kind.DATE: _date, Kind.DAY: _date, Kind.INT: _number, Kind.YEAR: _number,
    Kind.URL: _web_address, Kind.VIDEO: _video, Kind.IMAGE: _image, Kind.CHOICE: _choice, Kind.REF: _reference,
}
_SCALAR_EXPECTED = {Kind.REF: "één naam", Kind.DATE: "een datum", Kind.DAY: "een datum"}  # what a list is not


# Spaces, tabs and newlines around a web address are layout; anything else belongs to the value.
_LAYOUT = " \t\n"


def _check_web_address(path: str, fld: Field, node: RawScalar, problems: list[Problem]) -> str | None:
    """An absolute http(s) address with a host, nothing in it that could end an attribute or a link."""
    text = node.value.strip(_LAYOUT)
    violation = web_address_violation(fld.name, text)
    if violation is None:
        return text
    problems.append(problem(path, node.line, node.column, violation.rule, violation.message, violation.hint))
    return None


# The body may not hold what policy.BODY_SUSPECT names (controls, direction marks, invisible characters).
MAX_CHARACTER_PROBLEMS = 20  # per file: a pasted binary gives a few lines, not thousands


def check_body_characters(source: SourceFile, problems: list[Problem]) -> None:
    """SDW040 at the line and column of every line's first control, direction-changing or invisible
    character in the Markdown body (reusable for any text: see `suspect_characters`)."""
    for line, column, char in suspect_characters(source.body, source.body_line):
        problems.append(problem(source.path, line, column, "onzichtbaar-teken",
                                f"Hier staat een onzichtbaar of stuurteken in de tekst: {character_name(char)}.",
                                "Zo'n teken ziet niemand, maar het kan de tekst anders laten lezen dan hij er "
                                "staat. Typ dit stuk opnieuw (niet plakken uit een ander programma)."))


def suspect_characters(text: str, first_line: int = 1, limit: int = MAX_CHARACTER_PROBLEMS):
    """(line, column, character) of the first suspect character on each line of `text`, at most `limit`."""
    if not BODY_SUSPECT.search(text):  # nearly every text: one search
        return
    found = 0
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = BODY_SUSPECT.search(line)
        if match:
            yield number, match.start() + 1, match.group(0)
            found += 1
            if found >= limit:
                return


def _check_person(path: str, fld: Field, item: RawNode, problems: list[Problem]) -> Person | None:
    if not isinstance(item, RawMap):
        problems.append(problem(path, item.line, item.column, "verkeerd-type",
                                f"Elke persoon in '{fld.name}' moet een naam en een rol hebben, "
                                f"maar dit is {_describe(item)}.",
                                "Schrijf '  - naam: Jan Jansen' en daaronder '    rol: jobcoach'."))
        return None
    allowed = [f.name for f in PERSON_FIELDS]
    ok = True
    found: dict[str, str] = {}
    for entry in item.entries:
        if entry.key not in allowed:
            hint = did_you_mean(entry.key, allowed).strip() or f"Toegestaan: {', '.join(allowed)}."
            problems.append(problem(path, entry.line, entry.column, "onbekend-veld",
                                    f"Het veld '{entry.key}' bestaat niet voor een persoon.", hint))
            ok = False
        elif not isinstance(entry.value, RawScalar):
            problems.append(problem(path, entry.line, entry.column, "verkeerd-type",
                                    f"'{entry.key}' van een persoon moet tekst zijn.", "Bijvoorbeeld: rol: jobcoach"))
            ok = False
        elif _is_empty(entry.value):
            sub = next(sub for sub in PERSON_FIELDS if sub.name == entry.key)
            if sub.required:
                problems.append(problem(path, entry.line, entry.column, "verplicht-veld",
                                        f"Bij een persoon in '{fld.name}' is '{entry.key}' leeg.", sub.description))
                ok = False
        elif _curly_quoted(path, entry.key, entry.value, problems):
            ok = False
        elif (violation := text_violation(entry.key, entry.value.value)) is not None:
            problems.append(problem(path, entry.value.line, entry.value.column, violation.rule, violation.message,
                                    violation.hint))
            ok = False
        else:
            found[entry.key] = entry.value.value.strip()
    for sub in PERSON_FIELDS:
        if sub.required and sub.name not in found and item.get(sub.name) is None:
            problems.append(problem(path, item.line, item.column, "verplicht-veld",
                                    f"Bij een persoon in '{fld.name}' ontbreekt '{sub.name}'.",
                                    f"{sub.description}"))
            ok = False
    if not ok:
        return None
    return Person(found["naam"], found["rol"], found.get("organisatie"))


def _check_reference(source: SourceFile, fld: Field, node: RawNode, slug: str,
                     known: dict[str, set[str]], problems: list[Problem]) -> None:
    assert fld.target is not None
    options = sorted(known[fld.target])
    if slug in options:
        return
    if _list_in_one_name(slug, known[fld.target]):
        _report_misindented(source.path, fld, node, problems)
        return
    lead = did_you_mean(slug, options)
    target = next(t for t in TYPES if t.name == fld.target)
    listed = ", ".join(options) if options else "(er zijn er nog geen)"
    problems.append(problem(source.path, node.line, node.column, "onbekende-verwijzing",
                            f"{target.article.capitalize()} {target.label.lower()} '{slug}' in '{fld.name}' "
                            "bestaat niet.",
                            f"{lead}Kies uit: {listed}."))


_LIST_DASH = re.compile(r"(?:^|\s)-\s+")


def _list_in_one_name(value: str, known: set[str] | None = None) -> bool:
    """A name that is really a list YAML read as one text: '- werkgevers', or 'werkgevers - professionals'
    from an item indented one space too far (with `known`: only when every part is an existing name)."""
    text = value.strip()
    if text.startswith("- "):
        return True
    parts = [part.strip() for part in _LIST_DASH.split(text)]
    if len(parts) < 2 or not all(_SLUG.fullmatch(part) for part in parts):
        return False
    return known is None or all(part in known for part in parts)


def _report_misindented(path: str, fld: Field, node: RawNode, problems: list[Problem]) -> None:
    """SDW048: say how to indent the list, instead of 'the name "a - b" does not exist'."""
    text = node.value.strip() if isinstance(node, RawScalar) else ""
    names = [part.strip() for part in _LIST_DASH.split(text) if part.strip()]
    example = " / ".join([f"{fld.name}:"] + [f"  - {name}" for name in names[:3]])
    if fld.kind is Kind.REF:
        message = (f"In '{fld.name}' staat een lijstje ('{clip(text)}'), maar hier past één naam.")
        hint = f"Kies één naam, bijvoorbeeld: {fld.name}: {names[0] if names else fld.example_value}."
    else:
        message = (f"Het lijstje onder '{fld.name}' is verkeerd ingesprongen: zet elk item op een eigen regel die "
                   "begint met '  - ' (twee spaties, streepje, spatie).")
        hint = (f"YAML leest nu '{clip(text)}' als één naam. Zet alle streepjes recht onder elkaar, zo: {example}")
    problems.append(problem(path, node.line, node.column, "lijst-verkeerd-ingesprongen", message, hint))


# Typographic quotes an editor or word processor puts around a value: opening and closing marks.
_CURLY_OPEN = "“„‘‚”’«"
_CURLY_CLOSE = "”“’‘»"


def _curly_quoted(path: str, name: str, node: RawNode, problems: list[Problem], *, item: bool = False) -> bool:
    """SDW046: a plain value between typographic quotes, which YAML keeps as part of the text."""
    if not isinstance(node, RawScalar) or not node.plain:
        return False
    text = node.value.strip()
    if len(text) < 2 or text[0] not in _CURLY_OPEN or text[-1] not in _CURLY_CLOSE:
        return False
    inner = text[1:-1].replace('"', '\\"')
    if item:  # a name in a list: no quotes needed at all
        hint = f"Of laat ze weg: '  - {clip(inner)}' (een naam heeft geen aanhalingstekens nodig)."
    else:
        hint = (f"Schrijf {name}: \"{clip(inner)}\". Moeten de gekrulde aanhalingstekens zichtbaar blijven, zet "
                f"dan rechte eromheen: {name}: \"{clip(text)}\".")
    problems.append(problem(path, node.line, node.column, "gekrulde-aanhalingstekens",
                            f"De waarde van '{name}' staat tussen gekrulde aanhalingstekens ({text[0]}…{text[-1]}); "
                            "YAML ziet die niet als aanhalingstekens en zet ze in de tekst. Gebruik rechte "
                            "aanhalingstekens (\") rond de waarde.", hint))
    return True



def _position(source: SourceFile, key: str) -> tuple[int, int]:
    """Line and column of a front-matter key's value (1, 1 when it is not there)."""
    entry = source.front.get(key) if source.front else None
    return (entry.value.line, entry.value.column) if entry else (1, 1)


def _check_image_alt(source: SourceFile, values: dict[str, Any], problems: list[Problem]) -> None:
    """An article's `afbeelding` needs `afbeelding_alt`: what a reader who cannot see it misses."""
    if not values.get("afbeelding") or values.get("afbeelding_alt"):
        return
    problems.append(problem(source.path, *_position(source, "afbeelding"), "geen-alt-tekst",
                            f"De afbeelding '{values['afbeelding']}' in 'afbeelding' heeft geen alt-tekst.",
                            "Zet eronder wat er te zien is, bijvoorbeeld: afbeelding_alt: \"Twee collega's aan "
                            "een bureau\"."))


def _check_period(source: SourceFile, values: dict[str, Any], problems: list[Problem]) -> None:
    """An event's last day (`einddatum`) may not lie before its first (`datum`)."""
    start, end = values.get("datum"), values.get("einddatum")
    if start is None or end is None or end.last_day() >= start.first_day():
        return
    problems.append(problem(source.path, *_position(source, "einddatum"), "einddatum-voor-datum",
                            f"De einddatum {end.dutch()} ligt vóór de datum {start.dutch()}.",
                            "Zet bij 'datum' de eerste dag en bij 'einddatum' de laatste dag van het evenement, "
                            "of laat 'einddatum' weg bij een evenement van één dag."))


def _check_placeholders(source: SourceFile, problems: list[Problem]) -> None:
    """Left-over 'VUL IN' hints from `sdw new`: valid, but not ready to publish."""
    scalars = [entry for entry in _walk(source.front) if isinstance(entry, RawScalar)] if source.front else []
    if not _PLACEHOLDER.search(source.body) and not _PLACEHOLDER.search("\n".join(e.value for e in scalars)):
        return  # one search over everything, instead of one per value
    hinted = [entry for entry in scalars if _PLACEHOLDER.search(entry.value)]
    lines = ["" for _ in range(source.body_line - 1)] + source.body.split("\n")
    for entry in hinted:
        lines[entry.line - 1] = entry.value
    for number, line in enumerate(lines, start=1):
        if _PLACEHOLDER.search(line):
            problems.append(problem(source.path, number, 1, "nog-invullen",
                                    "Hier staat nog een 'VUL IN'-aanwijzing.",
                                    "Vervang die door de echte tekst voordat het artikel verschijnt."))


def _walk(node: RawNode):
    if isinstance(node, RawMap):
        for entry in node.entries:
            yield from _walk(entry.value)
    elif isinstance(node, RawList):
        for item in node.items:
            yield from _walk(item)
    else:
        yield node


def _check_collisions(candidates, problems: list[Problem]) -> None:
    """Two files at one URL, a root page on a reserved path, two editions with one number."""
    for source, ctype, slug, _values, _ in candidates:
        if not ctype.folder and slug in RESERVED_SLUGS:
            problems.append(problem(source.path, 1, 1, "dubbel-adres",
                                    f"Een pagina met de naam '{slug}' zou op hetzelfde adres verschijnen als "
                                    f"een overzicht van de site (/{slug}/).",
                                    "Kies een andere bestandsnaam."))
        if ctype.folder and slug == "index":
            problems.append(problem(source.path, 1, 1, "dubbel-adres",
                                    f"'index.md' zou het overzicht van {ctype.folder}/ vervangen.",
                                    "Kies een bestandsnaam die zegt waar het over gaat."))
    numbers: dict[int, SourceFile] = {}
    for source, ctype, _slug, values, _ in candidates:
        if ctype.name != "editie" or "nummer" not in values:
            continue
        number = values["nummer"]
        first = numbers.setdefault(number, source)
        if first is not source:
            entry = source.front.get("nummer") if source.front else None
            problems.append(problem(source.path, entry.line if entry else 1, 1, "dubbel-adres",
                                    f"Editie nummer {number} bestaat al ({first.path}).",
                                    "Geef deze editie het volgende vrije nummer."))


def _describe(node: RawNode) -> str:
    if isinstance(node, RawList):
        return "een lijst"
    if isinstance(node, RawMap):
        return "een groep velden"
    return f"de tekst '{node.value}'"
