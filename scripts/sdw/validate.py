"""Validate: check every loaded file against the schema and against each other.

Returns every problem in every file at once, plus the clean, typed field
values of the files that passed, for the model to build on. Never raises for
bad content.

Per file: the type and slug from its place, each value by its field's kind
(_LIST_KINDS, _SCALAR_KINDS), then the rules between fields that the schema
declares (Field.not_before, Field.alt, ContentType.min_body_words). Across
files: addresses and `Field.unique` values (collisions), references, links and
images. What a rule says is worded once, in rules.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import rules
from .characters import BODY_SUSPECT
from .dates import FIRST_YEAR, LAST_YEAR, DateError, PartialDate, parse_date
from .load import Loaded, RawList, RawMap, RawNode, RawScalar, SourceFile
from .memo import NO_MEMO
from .policy import text_violation, web_address_violation
from .problems import Problem, Violation
from .rules import PLACEHOLDER_PATTERN
from .scan import Scan, scan
from .schema import (
    LINKABLE_LISTINGS,
    PERSON_FIELDS,
    RESERVED_SLUGS,
    SLUG_PATTERN,
    TITLE,
    TYPES,
    TYPES_BY_FOLDER,
    TYPES_BY_NAME,
    URL_SCHEMES,
    ContentType,
    Field,
    Kind,
)
from .validate_body import anchors_of, check_body, check_image_path
from .videos import parse_video

if TYPE_CHECKING:
    from .checkstore import CheckStore
    from .incremental import BuildMemory

_SLUG = re.compile(SLUG_PATTERN)
_INT = re.compile(r"[+-]?\d+")
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


@dataclass(frozen=True)
class Reference:
    """A value that another file must provide: a slug of a REF/REFS field, or an IMAGE path."""

    field: Field
    node: RawScalar
    value: str


@dataclass(frozen=True)
class Candidate:
    """A file after its own checks, before those across files: its type, slug and clean values,
    the references to look up among the other files, and the scan of its body."""

    source: SourceFile
    type: ContentType
    slug: str
    values: dict[str, Any]
    refs: tuple[Reference, ...]
    scanned: Scan


def validate(loaded: Loaded, memory: BuildMemory | None = None, store: CheckStore | None = None) -> Result:
    """Every file's own checks, then those across files. With the preview's memory, a file
    that is unchanged (the same SourceFile) is not checked again and keeps its Record. With a
    one-shot build's store (sdw.checkstore, the one that loaded the files), a file whose bytes an
    earlier build checked keeps the checks it had."""
    file_checks = memory.file_checks if memory is not None else NO_MEMO
    record_memo = memory.records if memory is not None else NO_MEMO
    files = list(loaded.files)
    problems: list[Problem] = list(loaded.problems)
    candidates: list[Candidate] = []
    for source in files:
        if store is not None:
            own, candidate = store.checks(source, lambda source=source: _check_file(source))
        else:
            own, candidate = file_checks.get(source.path, source, lambda source=source: _check_file(source))
        problems.extend(own)
        if candidate is not None:
            candidates.append(candidate)

    known: dict[str, set[str]] = {t.name: set() for t in TYPES}
    for c in candidates:
        known[c.type.name].add(c.slug)
    _check_collisions(candidates, problems)
    anchors = {rel: frozenset() for rel in LINKABLE_LISTINGS}
    anchors.update({f.rel: frozenset() for f in files})  # unreadable files still exist
    for c in candidates:
        anchors[c.source.rel] = anchors_of(c.values.get(TITLE.name, ""), c.scanned)
    # A refused image exists: its references say why it is not published, instead of "does not exist".
    refused = {r.rel: r for r in loaded.refused}
    images = {a.rel for a in loaded.assets}
    for c in candidates:
        check_body(c.source, c.scanned, anchors, images, problems, refused)
    for c in candidates:
        for ref in c.refs:
            if ref.field.kind is Kind.IMAGE:
                check_image_path(c.source, ref.value, ref.node.line, ref.node.column, images, problems,
                                 field=ref.field.name, refused=refused)
            else:
                _check_reference(c.source, ref, known, problems)

    bad = {p.path for p in problems if p.is_error}
    records = tuple(record_memo.get(c.source.path, c.source,
                                    lambda c=c: Record(c.source, c.type, c.slug, c.values))
                    for c in candidates if c.source.path not in bad)
    order = {p: i for i, p in enumerate(sorted({f.path for f in files} | {p.path for p in loaded.problems}))}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line, p.column))
    return Result(records, tuple(problems))


def _check_file(source: SourceFile) -> tuple[list[Problem], Candidate | None]:
    """Everything about one file that does not depend on the others: its own problems, and
    its candidate record when it could be placed."""
    problems: list[Problem] = list(source.problems)
    located = _locate(source, problems)
    if located is None or source.front is None:
        return problems, None
    ctype, slug = located
    values, refs = _check_fields(source, ctype, problems)
    check_body_characters(source, problems)
    for check in _BETWEEN_FIELDS:
        check(source, ctype, values, problems)
    _check_placeholders(source, problems)
    _check_body_text(source, ctype, problems)
    return problems, Candidate(source, ctype, slug, values, tuple(refs), scan(source.body, source.body_line))


def _locate(source: SourceFile, problems: list[Problem]) -> tuple[ContentType, str] | None:
    """Type from the folder, slug from the file name."""
    parts = source.rel.split("/")
    folder, name = ("/".join(parts[:-1]), parts[-1])
    ctype = TYPES_BY_FOLDER.get(folder)
    if ctype is None:
        problems.append(rules.unknown_folder(folder).at(source.path, 1))
        return None
    slug = name.removesuffix(".md")
    if not name.endswith(".md") or not _SLUG.fullmatch(slug):
        problems.append(rules.invalid_slug(name, suggest_slug(slug)).at(source.path, 1))
        return None
    return ctype, slug


def suggest_slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "naam"


def _check_fields(source: SourceFile, ctype: ContentType,
                  problems: list[Problem]) -> tuple[dict[str, Any], list[Reference]]:
    front = source.front
    assert front is not None
    values: dict[str, Any] = {}
    refs: list[Reference] = []
    for entry in front.entries:
        fld = ctype.field(entry.key)
        if fld is None:
            problems.append(rules.unknown_field(entry.key, ctype).at(source.path, entry.line, entry.column))
            continue
        value = _check_value(source, fld, entry.value, problems, refs)
        if value is not None:
            values[fld.name] = value
    for fld in ctype.fields:
        entry = front.get(fld.name)
        if fld.required and (entry is None or _is_empty(entry.value)):
            problems.append(rules.required_field(fld, empty=entry is not None).at(source.path,
                                                                                 entry.line if entry else 1))
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
    refs: list[Reference]

    @property
    def text(self) -> str:
        assert isinstance(self.node, RawScalar)
        return self.node.value.strip()

    def report(self, violation: Violation, at: RawNode | None = None) -> None:
        """At the value, or at `at` (an item of it)."""
        node = at or self.node
        self.problems.append(violation.at(self.path, node.line, node.column))


def _check_value(source: SourceFile, fld: Field, node: RawNode, problems: list[Problem],
                 refs: list[Reference]) -> Any:
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
            value.report(_misindented(fld, node))
        else:
            value.report(rules.wrong_shape(fld, node))
        return None
    if not isinstance(node, RawScalar):
        value.report(rules.wrong_shape(fld, node))
        return None
    return _SCALAR_KINDS[fld.kind](value)


def _references(value: _Value) -> tuple[str, ...]:
    fld, node = value.fld, value.node
    assert isinstance(node, RawList)
    slugs: list[str] = []
    for item in node.items:
        if not isinstance(item, RawScalar):
            value.report(rules.item_not_a_name(fld, item), at=item)
            continue
        if not _curly_quoted(value.path, fld.name, item, value.problems, item=True):
            value.refs.append(Reference(fld, item, item.value.strip()))
        slugs.append(item.value.strip())  # a curly-quoted item counts too; the file has an error already
    if len(slugs) < fld.min_items:
        value.report(rules.too_few_items(fld, node))
    return tuple(dict.fromkeys(slugs))


def _people(value: _Value) -> tuple[Person, ...]:
    assert isinstance(value.node, RawList)
    people = [p for item in value.node.items if (p := _check_person(value, item))]
    if len(value.node.items) < value.fld.min_items:
        value.report(rules.too_few_items(value.fld, value.node))
    return tuple(people)


def _text(value: _Value) -> str | None:
    assert isinstance(value.node, RawScalar)
    violation = text_violation(value.fld.name, value.node.value)
    if violation is not None:
        value.report(violation)
        return None
    text, limit = value.text, value.fld.max_length
    if limit and len(text) > limit:
        value.report(rules.too_long(value.fld, len(text)))
    return text


def _date(value: _Value) -> PartialDate | None:
    fld, text = value.fld, value.text
    try:
        date = parse_date(text)
    except DateError as exc:
        value.report(rules.invalid_date(fld, exc))
        return None
    if fld.kind is Kind.DAY and date.day is None:
        value.report(rules.date_without_day(fld, text))
        return None
    return date


def _number(value: _Value) -> int | None:
    fld, text = value.fld, value.text
    if not _INT.fullmatch(text):
        value.report(rules.not_a_number(fld, text))
        return None
    number = int(text)
    if fld.kind is Kind.YEAR and not FIRST_YEAR <= number <= LAST_YEAR:
        value.report(rules.year_out_of_range(fld, number))
        return None
    return number


# Spaces, tabs and newlines around a web address are layout; anything else belongs to the value.
_LAYOUT = " \t\n"


def _web_address(value: _Value) -> str | None:
    """An absolute http(s) address with a host, nothing in it that could end an attribute or a link."""
    assert isinstance(value.node, RawScalar)
    text = value.node.value.strip(_LAYOUT)
    violation = web_address_violation(value.fld.name, text)
    if violation is not None:
        value.report(violation)
        return None
    return text


def _video(value: _Value) -> str | None:
    text = value.text
    if PLACEHOLDER_PATTERN.search(text):
        return None  # reported as 'nog-invullen'; no player until it is filled in
    if _web_address(value) is None:
        return None
    video = parse_video(text)
    if video is None:
        value.report(rules.unknown_video_service(value.fld, text))
        return None
    return video.embed


def _image(value: _Value) -> str | None:
    text = value.text
    if PLACEHOLDER_PATTERN.search(text):
        return None  # reported as 'nog-invullen'; no poster until it is filled in
    if text.lower().startswith(URL_SCHEMES) or text.startswith("//"):
        value.report(rules.external_image(text, value.fld.name))
        return None
    assert isinstance(value.node, RawScalar)
    value.refs.append(Reference(value.fld, value.node, text))
    return text


def _choice(value: _Value) -> str | None:
    fld, text = value.fld, value.text
    if text not in fld.choices:
        value.report(rules.invalid_choice(fld, text))
        return None
    return text


def _reference(value: _Value) -> str:
    assert isinstance(value.node, RawScalar)
    value.refs.append(Reference(value.fld, value.node, value.text))
    return value.text


# The check of each kind of value (tests/test_rules.py: every Kind has exactly one).
_LIST_KINDS: dict[Kind, Callable[[_Value], Any]] = {Kind.REFS: _references, Kind.PEOPLE: _people}
_SCALAR_KINDS: dict[Kind, Callable[[_Value], Any]] = {
    Kind.TEXT: _text, Kind.DATE: _date, Kind.DAY: _date, Kind.INT: _number, Kind.YEAR: _number,
    Kind.URL: _web_address, Kind.VIDEO: _video, Kind.IMAGE: _image, Kind.CHOICE: _choice, Kind.REF: _reference,
}


_PERSON_FIELDS = {f.name: f for f in PERSON_FIELDS}


def _check_person(value: _Value, item: RawNode) -> Person | None:
    path, fld, problems = value.path, value.fld, value.problems
    if not isinstance(item, RawMap):
        value.report(rules.person_not_a_group(fld, item), at=item)
        return None
    ok = True
    found: dict[str, str] = {}
    for entry in item.entries:
        sub = _PERSON_FIELDS.get(entry.key)
        violation: Violation | None = None
        if sub is None:
            violation = rules.unknown_person_field(entry.key)
        elif not isinstance(entry.value, RawScalar):
            violation = rules.person_field_not_text(entry.key)
        elif _is_empty(entry.value):
            if sub.required:
                violation = rules.required_person_field(fld, sub, empty=True)
        elif _curly_quoted(path, entry.key, entry.value, problems):
            ok = False
        elif (wrong := text_violation(entry.key, entry.value.value)) is not None:
            problems.append(wrong.at(path, entry.value.line, entry.value.column))
            ok = False
        else:
            found[entry.key] = entry.value.value.strip()
        if violation is not None:
            problems.append(violation.at(path, entry.line, entry.column))
            ok = False
    for sub in PERSON_FIELDS:
        if sub.required and sub.name not in found and item.get(sub.name) is None:
            problems.append(rules.required_person_field(fld, sub, empty=False).at(path, item.line, item.column))
            ok = False
    if not ok:
        return None
    return Person(found["naam"], found["rol"], found.get("organisatie"))


# The body may not hold what characters.BODY_SUSPECT names (controls, direction marks, invisible characters).
MAX_CHARACTER_PROBLEMS = 20  # per file: a pasted binary gives a few lines, not thousands


def check_body_characters(source: SourceFile, problems: list[Problem]) -> None:
    """SDW040 at the line and column of every line's first control, direction-changing or invisible
    character in the Markdown body (reusable for any text: see `suspect_characters`)."""
    for line, column, char in suspect_characters(source.body, source.body_line):
        problems.append(rules.invisible_in_body(char).at(source.path, line, column))


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


def _check_reference(source: SourceFile, ref: Reference, known: dict[str, set[str]],
                     problems: list[Problem]) -> None:
    fld, slug = ref.field, ref.value
    assert fld.target is not None
    options = sorted(known[fld.target])
    if slug in options:
        return
    if _list_in_one_name(slug, known[fld.target]):
        violation = _misindented(fld, ref.node)
    else:
        violation = rules.unknown_reference(fld, TYPES_BY_NAME[fld.target], slug, options)
    problems.append(violation.at(source.path, ref.node.line, ref.node.column))


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


def _misindented(fld: Field, node: RawScalar) -> Violation:
    """SDW048: say how to indent the list, instead of 'the name "a - b" does not exist'."""
    text = node.value.strip()
    return rules.misindented_list(fld, text, [part.strip() for part in _LIST_DASH.split(text) if part.strip()])


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
    problems.append(rules.curly_quotes(name, text, item=item).at(path, node.line, node.column))
    return True


# --- Rules between the fields of one file, as the schema declares them -----------------------


def _position(source: SourceFile, key: str) -> tuple[int, int]:
    """Line and column of a front-matter key's value (1, 1 when it is not there)."""
    entry = source.front.get(key) if source.front else None
    return (entry.value.line, entry.value.column) if entry else (1, 1)


def _check_period(source: SourceFile, ctype: ContentType, values: dict[str, Any], problems: list[Problem]) -> None:
    """A date field with `not_before` may not lie before that field's date (an event's last day, its first)."""
    for fld in ctype.fields:
        if fld.not_before is None:
            continue
        end, start = values.get(fld.name), values.get(fld.not_before)
        if start is not None and end is not None and end.last_day() < start.first_day():
            problems.append(rules.end_before_start(fld, end, start).at(source.path, *_position(source, fld.name)))


def _check_image_alt(source: SourceFile, ctype: ContentType, values: dict[str, Any],
                     problems: list[Problem]) -> None:
    """An image field with `alt` needs that field: what a reader who cannot see the image misses."""
    for fld in ctype.fields:
        if fld.alt and values.get(fld.name) and not values.get(fld.alt):
            problems.append(rules.no_alt_field(fld, values[fld.name]).at(source.path, *_position(source, fld.name)))


_BETWEEN_FIELDS = (_check_period, _check_image_alt)


def _check_placeholders(source: SourceFile, problems: list[Problem]) -> None:
    """Left-over placeholders from `sdw new` (rules.PLACEHOLDER): valid, but not ready to publish."""
    scalars = [entry for entry in _walk(source.front) if isinstance(entry, RawScalar)] if source.front else []
    if not PLACEHOLDER_PATTERN.search(source.body) and not PLACEHOLDER_PATTERN.search(
            "\n".join(e.value for e in scalars)):
        return  # one search over everything, instead of one per value
    hinted = [entry for entry in scalars if PLACEHOLDER_PATTERN.search(entry.value)]
    lines = ["" for _ in range(source.body_line - 1)] + source.body.split("\n")
    for entry in hinted:
        lines[entry.line - 1] = entry.value
    for number, line in enumerate(lines, start=1):
        if PLACEHOLDER_PATTERN.search(line):
            problems.append(rules.placeholder_left().at(source.path, number))


def _check_body_text(source: SourceFile, ctype: ContentType, problems: list[Problem]) -> None:
    """The words a type's body needs (`min_body_words`: a video's summary or transcript), else
    any text at all below an article's front-matter. A placeholder is reported by itself."""
    if ctype.min_body_words and not PLACEHOLDER_PATTERN.search(source.body):
        words = len(_WORD.findall(_HTML_TAG.sub(" ", source.body)))
        if words < ctype.min_body_words:
            problems.append(rules.too_few_words(ctype, words).at(source.path, source.body_line))
    elif ctype.is_article and not source.body.strip():
        problems.append(rules.empty_body().at(source.path, source.body_line))


def _walk(node: RawNode):
    if isinstance(node, RawMap):
        for entry in node.entries:
            yield from _walk(entry.value)
    elif isinstance(node, RawList):
        for item in node.items:
            yield from _walk(item)
    else:
        yield node


# --- Rules across files ----------------------------------------------------------------------


def _check_collisions(candidates: list[Candidate], problems: list[Problem]) -> None:
    """Two files at one URL, a root page on a reserved path, two items of a type with one value of a
    field declared `unique` (an edition's number)."""
    for c in candidates:
        if not c.type.folder and c.slug in RESERVED_SLUGS:
            problems.append(rules.reserved_address(c.slug).at(c.source.path, 1))
        if c.type.folder and c.slug == "index":
            problems.append(rules.replaces_listing(c.type).at(c.source.path, 1))
    first: dict[tuple[str, str, Any], SourceFile] = {}
    for c in candidates:
        for fld in c.type.fields:
            if not fld.unique or fld.name not in c.values:
                continue
            value = c.values[fld.name]
            earlier = first.setdefault((c.type.name, fld.name, value), c.source)
            if earlier is not c.source:
                entry = c.source.front.get(fld.name) if c.source.front else None
                problems.append(rules.value_taken(c.type, fld, value, earlier.path).at(c.source.path,
                                                                                      entry.line if entry else 1))
