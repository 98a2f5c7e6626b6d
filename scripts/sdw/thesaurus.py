"""Thesaurus: the everyday words readers search with (content/zoekwoorden.yml), read, checked
and handed to the search worker.

Authors keep an editorial list: groups of words readers type ("burn-out", "verzuim") with the
terms the site should search as well ("psychische problemen", "behoud van werk"). It maps
words; it states nothing. The file is untrusted like all of content/: its size is bounded
before it is read, its bytes must be UTF-8 without invisible characters, and its YAML is read
event by event into raw nodes (sdw.load's RawScalar, RawList, RawMap) that keep their line and
column, refusing anchors, aliases and tags and nesting deeper than the format needs. Every
mistake is a Problem of a rule in sdw.rules, all at once, never an exception.

`script` writes what the search worker loads next to lunr
(overrides/assets/javascripts/search/sdw-search-worker.js): the groups, and the themes and
audiences that have articles (for a search without results), as escaped JSON in
assets/javascripts/search/sdw-thesaurus.js. The worker analyses the words as it analyses
documents (fold, stop words, Dutch stemmer). No MkDocs here.
"""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import datafile, rules
from .load import (
    THESAURUS_FILE,
    Loaded,
    RawEntry,
    RawList,
    RawMap,
    RawNode,
    RawScalar,
)
from .model import Site
from .pages import RawFile
from .problems import Problem, Violation
from .schema import ARTICLE_ATTRS, TYPES_BY_NAME

WORDS = "woorden"  # what readers type
ALSO = "zoek_ook"  # what the site searches as well
KEYS = (WORDS, ALSO)

# Bounds: a thesaurus is a short editorial list, which every search loads whole with lunr.
MAX_BYTES = 64 * 1024
MAX_GROUPS = 150
MAX_TERMS = {WORDS: 25, ALSO: 5}  # per group
MAX_TERM_CHARS = 40
MAX_TERM_WORDS = 4
MAX_DEPTH = 3  # the list, a group, a list of words

SCRIPT = "assets/javascripts/search/sdw-thesaurus.js"  # below docs/, next to the worker
# What a search without results offers: the pages of these article references, those with articles.
TOPICS = (ARTICLE_ATTRS["themes"].target, ARTICLE_ATTRS["audiences"].target)


@dataclass(frozen=True)
class Term:
    text: str  # as written, spaces collapsed
    key: str  # folded: lower case, no accents; what duplicates are compared by
    line: int
    column: int


@dataclass(frozen=True)
class Group:
    words: tuple[Term, ...]
    also: tuple[Term, ...]
    line: int


@dataclass(frozen=True)
class Thesaurus:
    path: str  # as shown in messages, e.g. content/zoekwoorden.yml
    groups: tuple[Group, ...] = ()
    problems: tuple[Problem, ...] = ()


# Accents as the search worker removes them (its fold(): NFD, then these combining marks).
_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents, spaces collapsed: "Coördinatie  Werk" -> "coordinatie werk"."""
    return " ".join(_fold_text(text).split())


def _fold_text(text: str) -> str:
    """Lower case without accents, for long texts too (spaces as they are)."""
    text = text.lower()
    return text if text.isascii() else _MARKS.sub("", unicodedata.normalize("NFD", text))


# --- reading ---------------------------------------------------------------------------------

WORDINGS = datafile.Wordings(
    too_big=rules.thesaurus_file_too_big, empty=rules.thesaurus_empty_file, too_deep=rules.thesaurus_too_deep,
    key_not_text=lambda key: rules.thesaurus_key_not_text(), duplicate_key=rules.thesaurus_duplicate_key)


def read(content_dir: Path, root: Path) -> Thesaurus:
    """The thesaurus of content_dir; an empty one without problems when the file is not there."""
    path = content_dir / THESAURUS_FILE
    shown, data, problems = datafile.read_bytes(path, root, MAX_BYTES, WORDINGS)
    if data is None:
        return Thesaurus(shown, problems=problems)
    return parse(data, shown)


def parse(data: bytes, shown: str) -> Thesaurus:
    """The thesaurus in `data` (the bytes of the file), with every problem found in it."""
    parsed = datafile.parse(data, shown, MAX_DEPTH, WORDINGS)
    if parsed.root is None:  # refused (the problems say why), or comments only: no groups yet
        return Thesaurus(shown, problems=tuple(parsed.problems))
    groups = _Shape(shown, parsed.lines, parsed.problems).groups(parsed.root)
    _check_terms(groups, shown, parsed.problems)
    return Thesaurus(shown, groups, tuple(parsed.problems))


# --- the shape: a list of groups with words ----------------------------------------------------

class _Shape:
    def __init__(self, shown: str, lines: list[str], problems: list[Problem]) -> None:
        self.shown, self.lines, self.problems = shown, lines, problems

    def _problem(self, violation: Violation, line: int, column: int = 1) -> None:
        self.problems.append(violation.at(self.shown, line, column))

    def groups(self, root: RawNode) -> tuple[Group, ...]:
        if not isinstance(root, RawList):
            self._problem(rules.thesaurus_not_a_list(root), root.line, root.column)
            return ()
        if len(root.items) > MAX_GROUPS:
            extra = root.items[MAX_GROUPS]
            self._problem(rules.thesaurus_too_many_groups(len(root.items), MAX_GROUPS), extra.line, extra.column)
        found = []
        for node in root.items[:MAX_GROUPS]:
            group = self.group(node)
            if group is not None:
                found.append(group)
        return tuple(found)

    def group(self, node: RawNode) -> Group | None:
        if not isinstance(node, RawMap):
            self._problem(rules.thesaurus_group_not_a_mapping(node, KEYS), node.line, node.column)
            return None
        unknown = [entry for entry in node.entries if entry.key not in KEYS]
        for entry in unknown:
            self._problem(rules.thesaurus_unknown_key(entry.key, KEYS), entry.line, entry.column)
        terms: dict[str, tuple[Term, ...]] = {}
        for key in KEYS:
            entry = node.get(key)
            if entry is not None:
                terms[key] = self.terms(key, entry)
            elif not any(rules.did_you_mean(other.key, (key,)) for other in unknown):  # else said above
                self._problem(rules.thesaurus_missing_key(key, WORDS), node.line, node.column)
        if len(terms) < len(KEYS):
            return None
        return Group(terms[WORDS], terms[ALSO], node.line)

    def terms(self, key: str, entry: RawEntry) -> tuple[Term, ...]:
        value = entry.value
        if isinstance(value, RawScalar) and not value.value.strip():
            self._problem(rules.thesaurus_empty_value(key), entry.line, entry.column)
            return ()
        scalars: list[RawScalar] = []
        for item in value.items if isinstance(value, RawList) else (value,):
            if isinstance(item, RawScalar):
                scalars.append(item)
            else:
                self._problem(rules.thesaurus_not_words(key, item), item.line, item.column)
        if isinstance(value, RawList) and not value.items:
            self._problem(rules.thesaurus_empty_value(key), entry.line, entry.column)
        found: list[Term] = []
        for scalar in scalars:
            found.extend(self.split(key, scalar))
        limit = MAX_TERMS[key]
        if len(found) > limit:
            extra = found[limit]
            self._problem(rules.thesaurus_too_many_terms(key, len(found), limit), extra.line, extra.column)
        return tuple(found)

    def split(self, key: str, scalar: RawScalar) -> list[Term]:
        """The comma-separated terms of one value, each at its own column when the value is
        written on its line as it reads (plain or quoted, not folded over lines)."""
        source = self.lines[scalar.line - 1] if 0 < scalar.line <= len(self.lines) else ""
        start = scalar.column - 1 + (0 if scalar.plain else 1)
        exact = source[start:start + len(scalar.value)] == scalar.value
        terms, offset = [], 0
        for part in scalar.value.split(","):
            column = start + 1 + offset + len(part) - len(part.lstrip()) if exact else scalar.column
            offset += len(part) + 1
            text = " ".join(part.split())
            if not text:
                self._problem(rules.thesaurus_empty_term(key), scalar.line, column)
            elif not any(c.isalnum() for c in text):
                self._problem(rules.thesaurus_no_letters(key, text), scalar.line, column)
            elif len(text) > MAX_TERM_CHARS:
                self._problem(rules.thesaurus_term_too_long(key, text, len(text), MAX_TERM_CHARS), scalar.line, column)
            elif len(text.split()) > MAX_TERM_WORDS:
                self._problem(rules.thesaurus_term_too_many_words(key, text, len(text.split()), MAX_TERM_WORDS),
                              scalar.line, column)
            else:
                terms.append(Term(text, fold(text), scalar.line, column))
        return terms


def _check_terms(groups: tuple[Group, ...], shown: str, problems: list[Problem]) -> None:
    """Each word in one group only, once; no term to search as well that is itself a word."""
    words: dict[str, tuple[Term, int]] = {}
    for number, group in enumerate(groups):
        for term in group.words:
            first = words.get(term.key)
            if first is not None:
                problems.append(rules.thesaurus_duplicate(WORDS, term.text, first[0].line,
                                                          same_group=first[1] == number).at(
                    shown, term.line, term.column))
            else:
                words[term.key] = (term, number)
    for number, group in enumerate(groups):
        seen: dict[str, Term] = {}
        for term in group.also:
            if term.key in seen:
                problems.append(rules.thesaurus_duplicate(ALSO, term.text, seen[term.key].line, same_group=True).at(
                    shown, term.line, term.column))
                continue
            seen[term.key] = term
            word = words.get(term.key)
            if word is not None:
                problems.append(rules.thesaurus_target_is_word(term.text, WORDS, word[0].line,
                                                               same_group=word[1] == number).at(
                    shown, term.line, term.column))


# --- what the site's text holds ------------------------------------------------------------------

# A word as the search worker sees one: letters and digits, joined by inner hyphens or apostrophes.
_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_SHORTEST_STEM = 4


def _stem_prefix(form: str) -> str:
    """What of a word the search must find at the start of a word on the site: Dutch stemming
    takes at most a few letters off the end (klachten -> klacht), so all but the last three,
    and four letters at least. Generous on purpose: this decides a warning."""
    return form[:max(_SHORTEST_STEM, len(form) - 3)]


def _prefixes(word: str) -> frozenset[str]:
    """The prefixes of a word as written and joined (re-integratie, reintegratie): the worker
    indexes both the joined form and the parts of a hyphenated word."""
    folded = _fold_text(word).replace("'", "").replace("\u2019", "")
    return frozenset(_stem_prefix(form) for form in (folded, folded.replace("-", "")))


def _finder(words: set[frozenset[str]]) -> re.Pattern[str]:
    """Any prefix of any of `words` at the start of a word (longest first); none: matches nothing."""
    ordered = sorted({p for prefixes in words for p in prefixes}, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(p) for p in ordered) + ")" if ordered else r"(?!)")


def _texts(loaded: Loaded):
    """The text of every content file: its front-matter values, then its body."""
    def values(node: RawNode | None):
        if isinstance(node, RawScalar):
            yield node.value
        elif isinstance(node, RawList):
            for item in node.items:
                yield from values(item)
        elif isinstance(node, RawMap):
            for entry in node.entries:
                yield from values(entry.value)

    for source in loaded.files:
        yield from values(source.front)
        yield source.body


def target_warnings(thesaurus: Thesaurus, loaded: Loaded) -> tuple[Problem, ...]:
    """A warning for each term to search as well with a word that starts no word in the content.
    The files are read until every word is found, which for a sound list is soon; a word that is
    nowhere costs one pass over all text."""
    typed = {t.key for g in thesaurus.groups for t in g.words}  # a term that is a word is an error already
    words = [(term, word, _prefixes(word)) for g in thesaurus.groups for term in g.also if term.key not in typed
             for word in _WORD.findall(term.text)]
    unfound = {prefixes for _, _, prefixes in words}
    finder = _finder(unfound)
    for text in _texts(loaded):
        if not unfound:
            break
        folded = _fold_text(text)
        found = set(finder.findall(folded))
        if "-" in folded:  # hyphenated words joined, as the worker indexes them too (reintegratie)
            found.update(finder.findall(folded.replace("-", "")))
        if found:
            unfound = {ps for ps in unfound if not any(f.startswith(p) for f in found for p in ps)}
            finder = _finder(unfound)
    warned: set[Term] = set()
    warnings = []
    known: list[str] | None = None
    for term, word, prefixes in words:
        if term in warned or prefixes not in unfound:
            continue
        if known is None:  # for "Bedoelde je …?": the words of titles, summaries and other values
            known = sorted(_front_words(loaded))
        warned.add(term)
        warnings.append(rules.thesaurus_target_finds_nothing(term.text, word, known).at(
            thesaurus.path, term.line, term.column))
    return tuple(warnings)


def _front_words(loaded: Loaded) -> set[str]:
    found: set[str] = set()
    for source in loaded.files:
        front = source.front
        for entry in front.entries if front is not None else ():
            if isinstance(entry.value, RawScalar):
                found.update(_WORD.findall(_fold_text(entry.value.value)))
    return found


# --- the worker's data ---------------------------------------------------------------------------

def data(thesaurus: Thesaurus, site: Site) -> dict:
    """The groups as written, and per topic type (themes, audiences) its label and the pages of
    the items readers are sent to (those with articles), as paths below the site root without
    suffix ("themas/ips"): online the worker finds "themas/ips/" in the index, offline
    "themas/ips.html"."""
    topics = []
    for name in TOPICS:
        pages = [{"title": item.title, "page": posixpath.splitext(item.rel)[0]}
                 for item in site.of_type(name) if site.articles_for(item)]
        if pages:
            topics.append({"label": TYPES_BY_NAME[name].plural, "pages": pages})
    return {"groups": [{"words": [t.text for t in g.words], "also": [t.text for t in g.also]}
                       for g in thesaurus.groups],
            "topics": topics}


def script(thesaurus: Thesaurus, site: Site) -> RawFile:
    """assets/javascripts/search/sdw-thesaurus.js: the data as one JSON value. Besides JSON's own
    escapes (quotes, backslashes, controls, and every non-ASCII character, U+2028 included), the
    characters that could end a comment or a script element anywhere the text might end up
    (< > & /) are escaped, so no author text can become code."""
    value = json.dumps(data(thesaurus, site), ensure_ascii=True, separators=(",", ":"))
    value = value.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("/", "\\/")
    text = (f"/* Generated by sdw from content/{THESAURUS_FILE} and the site's pages; do not edit. */\n"
            f"self.SDW_THESAURUS = {value};\n")
    return RawFile(SCRIPT, text.encode("ascii"))
