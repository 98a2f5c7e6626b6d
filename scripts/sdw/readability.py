"""Readability: tips for writing at language level B1, and a reading-ease score per page.

Readers of this site include people with a psychological vulnerability looking for work and
busy employers; Dutch public-sector writing aims at B1 for such readers. This module reads a
page's Markdown body as prose (code, headings, tables, HTML tags, link addresses and images
left out, every character kept at its line and column), splits it into paragraphs and
sentences, and gives:

* tips (Problems of severity TIP, worded in sdw.rules): a long sentence, a rare word, jargon
  with a plain alternative, a long word, and passive voice beyond a share of the sentences;
* a score: Flesch-Douma reading ease, and the share of sentences that meet every hint.

Tips are advice, never errors: they are not part of validate.Result, so no exit status can
depend on them (sdw.cli shows them after the other problems).

The lists authors keep are content: content/leesbaarheid.yml, with `toegestaan` (words that
are ordinary on this site, such as IPS, UWV, re-integratie) and `jargon` (word: plain word).
The file is untrusted like all of content/: bounded, UTF-8 without invisible characters,
read event by event without anchors, aliases or tags; every mistake is a Problem.

Word frequencies come from wordfreq (its Dutch list, loaded once, lazily), syllables from
pyphen's Dutch hyphenation dictionary (cached per word). No MkDocs here.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import datafile, rules
from .load import (
    READING_LISTS_FILE,
    RawEntry,
    RawList,
    RawMap,
    RawNode,
    RawScalar,
    SourceFile,
)
from .problems import Problem, Violation
from .scan import blank_code
from .schema import TITLE, TYPES_BY_FOLDER

# --- Thresholds: every limit in one place, with where it comes from ---------------------------

# Sentence length. B1 guidance asks for short sentences: "gemiddeld 10 tot 15 woorden, hooguit
# 20" (Direct Duidelijk / Rijksoverheid, "Schrijfwijzer B1"; Stichting Makkelijk Lezen: one
# thought per sentence, about 15 words). A sentence of more than 20 words gets a tip.
MAX_SENTENCE_WORDS = 20

# Rare words. wordfreq's Zipf scale is log10 of a word's frequency per billion words; Zipf 3 is
# once per million words, the usual line between low- and high-frequency words (van Heuven et
# al. 2014, "SUBTLEX-UK", and the wordfreq documentation). Below it a word is "rare".
RARE_ZIPF = 3.0
# Words shorter than this are never "rare" (abbreviations and function words; the glossary
# holds the site's own abbreviations).
MIN_RARE_LETTERS = 4

# Long words. B1 guidance: prefer short words and split long compounds (Direct Duidelijk;
# Stichting Makkelijk Lezen). No guide gives a number; at 6 syllables (counted with pyphen's
# Dutch dictionary) the tips name words such as "ervaringsdeskundigheid" (7) and
# "arbeidsparticipatie" (7) but not everyday "organisatie" (5) or "informatie" (4).
LONG_WORD_SYLLABLES = 6

# Passive voice. Plain-language guides advise the active voice ("zeg wie iets doet": Direct
# Duidelijk) but allow it now and then; no guide gives a number. One passive sentence in five
# is the share this site accepts before a tip (a project choice, 20 %); a page with fewer than
# MIN_PASSIVE passive sentences never gets the tip.
PASSIVE_SHARE = 0.20
MIN_PASSIVE = 2

# Flesch-Douma reading ease (W.H. Douma, 1960, the Dutch adaptation of Flesch 1948):
#   206.84 - 0.77 x syllables per 100 words - 0.93 x words per sentence.
# textstat 0.7 implements the same constants for "nl" (206.835, 77 per word, 0.93), but it needs
# nltk (which downloads an English dictionary at first use) and setuptools at run time, installs
# a top-level `tests` package, and splits sentences and counts words its own way; computing the
# formula here (syllables from pyphen, as textstat does) makes the score describe exactly the
# sentences and words the tips speak of.
DOUMA_BASE, DOUMA_SYLLABLES, DOUMA_SENTENCE = 206.84, 0.77, 0.93
# Flesch scored samples of 100 words; a page with fewer words gets no score ("–").
MIN_SCORE_WORDS = 100
# Flesch's bands, which Douma kept: (lowest score, Dutch name).
BANDS = ((90, "zeer makkelijk"), (80, "makkelijk"), (70, "vrij makkelijk"), (60, "normaal"),
         (50, "vrij moeilijk"), (30, "moeilijk"), (-math.inf, "zeer moeilijk"))

# --- The lists kept as content: content/leesbaarheid.yml ---------------------------------------

LISTS_FILE = READING_LISTS_FILE
ALLOWED = "toegestaan"
JARGON = "jargon"
KEYS = (ALLOWED, JARGON)
MAX_BYTES = 64 * 1024
MAX_WORDS = 1000  # per list
MAX_WORD_CHARS = 60
MAX_DEPTH = 2  # the file, a list


@dataclass(frozen=True)
class ReadingLists:
    path: str  # as shown in messages, e.g. content/leesbaarheid.yml
    allowed: frozenset[str] = frozenset()  # folded (lower case)
    jargon: tuple[tuple[str, str], ...] = ()  # (word or phrase as written, plain alternative)
    problems: tuple[Problem, ...] = ()

    @functools.cached_property
    def jargon_pattern(self) -> re.Pattern[str] | None:
        """One search for every jargon word or phrase, whole words only, any case."""
        if not self.jargon:
            return None
        words = sorted((word for word, _ in self.jargon), key=len, reverse=True)
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                          + r")(?![\w-])", re.IGNORECASE)

    @functools.cached_property
    def verdicts(self) -> dict[tuple[str, bool], tuple[int, Violation | None]]:
        """A word's syllables and what _word_violation said of it (as written, first in its
        sentence or not): a site has far fewer different words than words."""
        return {}

    @functools.cached_property
    def plain(self) -> dict[str, str]:
        return {" ".join(word.lower().split()): alternative for word, alternative in self.jargon}


WORDINGS = datafile.Wordings(
    too_big=lambda size, limit: rules.reading_lists_too_big("bytes", size, limit),
    empty=rules.reading_lists_empty_file, too_deep=rules.reading_lists_too_deep,
    key_not_text=lambda key: rules.reading_lists_not_text("", key), duplicate_key=rules.reading_lists_duplicate)


def read_lists(content_dir: Path, root: Path) -> ReadingLists:
    """The lists of content_dir; empty ones without problems when the file is not there."""
    path = content_dir / LISTS_FILE
    shown, data, problems = datafile.read_bytes(path, root, MAX_BYTES, WORDINGS)
    if data is None:
        return ReadingLists(shown, problems=problems)
    return parse_lists(data, shown)


def parse_lists(data: bytes, shown: str) -> ReadingLists:
    """The lists in `data` (the bytes of the file), with every problem found in it."""
    parsed = datafile.parse(data, shown, MAX_DEPTH, WORDINGS)
    if parsed.root is None:  # refused (the problems say why), or comments only
        return ReadingLists(shown, problems=tuple(parsed.problems))
    return _shape(parsed.root, shown, parsed.problems)


def _shape(root: RawNode, shown: str, problems: list[Problem]) -> ReadingLists:
    def report(violation: Violation, node: RawNode | RawEntry) -> None:
        problems.append(violation.at(shown, node.line, node.column))

    if not isinstance(root, RawMap):
        report(rules.reading_lists_not_a_mapping(root, KEYS), root)
        return ReadingLists(shown, problems=tuple(problems))
    seen: dict[str, int] = {}

    def word(key: str, node: RawNode) -> str | None:
        if not isinstance(node, RawScalar):
            report(rules.reading_lists_not_text(key, node), node)
            return None
        text = " ".join(node.value.split())
        if not any(c.isalnum() for c in text):
            report(rules.reading_lists_empty(key), node)
            return None
        if len(text) > MAX_WORD_CHARS:
            report(rules.reading_lists_too_big("tekens", len(text), MAX_WORD_CHARS), node)
            return None
        folded = text.lower()
        if folded in seen:
            report(rules.reading_lists_duplicate(text, seen[folded]), node)
            return None
        seen[folded] = node.line
        return text

    allowed: list[str] = []
    jargon: list[tuple[str, str]] = []
    for entry in root.entries:
        if entry.key not in KEYS:
            report(rules.reading_lists_unknown_key(entry.key, KEYS), entry)
            continue
        value = entry.value
        if isinstance(value, RawScalar) and not value.value.strip():
            continue  # an empty list: nothing yet
        if entry.key == ALLOWED:
            if not isinstance(value, RawList):
                report(rules.reading_lists_not_words(ALLOWED, value), value)
                continue
            if len(value.items) > MAX_WORDS:
                report(rules.reading_lists_too_big("woorden", len(value.items), MAX_WORDS), value.items[MAX_WORDS])
            for item in value.items[:MAX_WORDS]:
                text = word(ALLOWED, item)
                if text:
                    allowed.append(text.lower())
        else:
            if not isinstance(value, RawMap):
                report(rules.reading_lists_not_pairs(JARGON, value), value)
                continue
            if len(value.entries) > MAX_WORDS:
                extra = value.entries[MAX_WORDS]
                report(rules.reading_lists_too_big("woorden", len(value.entries), MAX_WORDS), extra)
            for pair in value.entries[:MAX_WORDS]:
                text = word(JARGON, RawScalar(pair.key, pair.line, pair.column, plain=True))
                if text is None:
                    continue
                if not isinstance(pair.value, RawScalar):
                    report(rules.reading_lists_not_text(JARGON, pair.value), pair.value)
                elif not pair.value.value.strip():
                    report(rules.reading_lists_no_alternative(text), pair)
                else:
                    jargon.append((text, " ".join(pair.value.value.split())))
    return ReadingLists(shown, frozenset(allowed), tuple(jargon), tuple(problems))


# --- Prose: the body as a reader reads it -------------------------------------------------------

_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$")
_RULE_LINE = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SKIPPED_LINE = re.compile(r"^[ \t]*(?:\||!!!|\?\?\?\+?|\[[^\]]+\]:|\{:?[^}]*\}[ \t]*$|\*\[)")
_LIST_MARKER = re.compile(r"^([ \t]*(?:>[ \t]?)*)((?:[-*+]|\d{1,9}[.)])[ \t]+)")
_QUOTE_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)+")
# What is not read as text, each with the character that must be in a body for it to occur (one
# alternation over every position of a long body costs ten times more than these few searches).
# No pattern scans past a bracket it does not close, so a run of "![" or "[^" stays linear.
_MASKS = (
    ("<", re.compile(r"<!--.*?(?:-->|\Z)|<[a-zA-Z/!][^<>]*>", re.DOTALL)),  # HTML comments, tags, autolinks
    ("[", re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")),  # images (their alt text is not read in the flow)
    ("](", re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+[\"'][^\"'\n]*[\"'])?\)")),  # a link's address
    ("][", re.compile(r"\]\[[^\[\]\n]*\]")),  # a reference link's label
    ("[^", re.compile(r"\[\^[^\[\]\n]+\]")),  # footnote references
    ("://", re.compile(r"\bhttps?://\S+")),  # bare addresses
    ("www.", re.compile(r"\bwww\.\S+")),
    ("@", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),  # e-mail addresses
    ("{", re.compile(r"\{[:#.][^}\n]*\}")),  # attribute lists
    ("&", re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")),  # character references
    ("\\", re.compile(r"\\(?=\S)")),  # backslash escapes
    ("", re.compile(r"[\[\]*~]+|(?<!\w)_+|_+(?!\w)")),  # link brackets, emphasis
)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


_ABBREVIATIONS = frozenset(
    "bijv bv bijvoorbeeld o.a d.w.z m.b.t i.p.v t.o.v n.a.v enz etc e.d ca incl excl nr mr dr drs ir ing prof "
    "mevr dhr jl vs resp z.g.a.n.s p.m a.u.b s.v.p zgn evt vgl blz jr min max ong".split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)")
_NEXT_START = re.compile(r"\s*[\"'“‘(]*([A-ZÀ-Þ0-9]|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


def prose(body: str) -> str:
    """`body` with everything that is not running text (code, headings, tables, admonition and
    reference lines, HTML, link addresses, images, list and quote markers, markup characters)
    replaced by spaces: the same length, every character at its offset."""
    lines = blank_code(body).split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if (_HEADING.match(line) or _RULE_LINE.match(line) or _SKIPPED_LINE.match(line)
                or (line.strip() and _SETEXT_UNDERLINE.match(following) and not _LIST_MARKER.match(line))
                or (_SETEXT_UNDERLINE.match(line) and out and not out[-1].strip())):
            out.append(" " * len(line))
            continue
        marker = _LIST_MARKER.match(line) or _QUOTE_MARKER.match(line)
        out.append(" " * marker.end() + line[marker.end():] if marker else line)
    text = "\n".join(out)
    for trigger, pattern in _MASKS:
        if trigger in text:
            text = pattern.sub(_blank, text)
    return text


class Sentence(NamedTuple):
    start: int  # offset of its first word in the body
    end: int  # offset after its last word
    words: list[str]


def paragraphs(text: str, body: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every paragraph of prose text (of `body`): runs of lines that are not
    blank; a list item begins one of its own."""
    start = None
    offset = 0
    for line, source in zip(text.split("\n"), body.split("\n"), strict=True):
        blank = not line.strip()
        item = bool(_LIST_MARKER.match(source))
        if start is not None and (blank or item):
            yield start, offset - 1
            start = None
        if start is None and not blank:
            start = offset
        offset += len(line) + 1
    if start is not None:
        yield start, len(text)


def sentences(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences of one paragraph of prose text (text[start:end])."""
    found: list[Sentence] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        nxt = _NEXT_START.match(text, stop, end)
        if nxt is None or (nxt.group(1) == "" and nxt.end() < end):
            continue
        if match.group(0).startswith(".") and len(match.group(0)) == 1 and _abbreviation(text, begin, match.start()):
            continue
        found.append(_sentence(text, begin, stop))
        begin = stop
    found.append(_sentence(text, begin, end))
    return [s for s in found if s.words]


def _abbreviation(text: str, begin: int, dot: int) -> bool:
    """Whether the '.' at `dot` ends an abbreviation or an initial, not a sentence."""
    word_start = dot
    while word_start > begin and not text[word_start - 1].isspace():
        word_start -= 1
    before = text[word_start:dot].lower().lstrip("(\"'“‘")
    return before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha())


def _sentence(text: str, begin: int, stop: int) -> Sentence:
    words = _WORD.findall(text, begin, stop)
    if not words:
        return Sentence(begin, begin, words)
    first = _WORD.search(text, begin, stop)
    last_start = text.rfind(words[-1], begin, stop)
    return Sentence(first.start() if first else begin, last_start + len(words[-1]), words)


def word_starts(text: str, sentence: Sentence) -> list[int]:
    """The offset of every word of the sentence (asked only for a sentence with a tip)."""
    return [m.start() for m in _WORD.finditer(text, sentence.start, sentence.end)]


# --- Words: frequency and syllables ----------------------------------------------------------

@functools.cache
def _frequencies() -> dict[str, float]:
    """wordfreq's Dutch list (about 300,000 words), loaded once, when first needed."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("nl")


def zipf(word: str) -> float:
    """The word's Zipf frequency in Dutch (0 when wordfreq does not know it). A hyphenated word
    that wordfreq does not list is as frequent as its parts together (as wordfreq combines the
    tokens of a phrase: 1 / sum of 1 / frequency)."""
    frequencies = _frequencies()
    word = word.lower().replace("’", "'")
    frequency = frequencies.get(word)
    if frequency is None and "-" in word:
        parts = [frequencies.get(part) for part in word.split("-") if part]
        if parts and all(parts):
            frequency = 1 / sum(1 / f for f in parts)
    return math.log10(frequency * 1e9) if frequency else 0.0


@functools.cache
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


MAX_HYPHENATED_CHARS = 60  # longer "words" (pasted codes, hostile input) are not hyphenated
_VOWEL_GROUP = re.compile(r"[aeiouyáéíóúàèëïöüâêîôûä]+|ij", re.IGNORECASE)
_DIAERESIS = re.compile("[ëïöü]")


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of a Dutch word: the parts pyphen's Dutch dictionary hyphenates it into, each
    counted by its vowel groups when the dictionary leaves a syllable at a word's edge unsplit
    ("apen", "idee"); a diaeresis starts a new syllable ("geïntegreerd")."""
    if word.isdigit():
        return 1
    if len(word) > MAX_HYPHENATED_CHARS:  # no Dutch word is this long: vowel groups, not the dictionary
        return max(1, len(_VOWEL_GROUP.findall(word)))
    total = 0
    for part in word.replace("’", "'").split("-"):
        if not part:
            continue
        for piece in _hyphenator().inserted(part, hyphen="\0").split("\0"):
            piece = _DIAERESIS.sub(lambda m: "\0" + m.group(0), piece)
            total += max(1, sum(len(_VOWEL_GROUP.findall(bit)) for bit in piece.split("\0") if bit))
    return max(total, 1)


# --- Passive voice ----------------------------------------------------------------------------

# "worden" forms make the passive; "zijn" forms also make the perfect of active verbs ("zij is
# begonnen"), so they count only with an agent ("door …") in the sentence.
_WORDEN = frozenset("word wordt worden werd werden geworden".split())
_ZIJN = frozenset("is zijn was waren ben bent geweest".split())
_SEPARABLE = ("aan af bij door in mee na om onder op over terug toe uit vast voor weg samen tegen vrij los neer "
              "rond thuis")
_PARTICIPLE = re.compile(rf"^(?:(?:{_SEPARABLE.replace(' ', '|')})?ge[^\W\d_]{{2,}}(?:d|t|n)"
                         r"|(?:be|ver|ont|her|er)[^\W\d_]{2,}(?:d|t|en))$")
_NOT_PARTICIPLE = frozenset("gezond geleden genoeg gelijk geheel gewoon gezondheid betreft verder ontstaan "
                            "bedrijfsarts".split())


_AUXILIARY = re.compile(r"(?<!\w)(?:" + "|".join(sorted(_WORDEN | _ZIJN)) + r")(?!\w)", re.IGNORECASE)


def passive(text: str, sentence: Sentence) -> int | None:
    """The offset of the auxiliary of a passive construction in the sentence, or None."""
    auxiliary = _AUXILIARY.search(text, sentence.start, sentence.end)
    if auxiliary is None:
        return None
    words = [w.lower() for w in sentence.words]
    if not any(_PARTICIPLE.match(w) and w not in _NOT_PARTICIPLE
               and not (w.endswith(("den", "ten")) and _PARTICIPLE.match(w[:-2])) for w in words):
        return None
    agent = "door" in words
    while auxiliary is not None:
        if auxiliary.group(0).lower() in _WORDEN or agent:
            return auxiliary.start()
        auxiliary = _AUXILIARY.search(text, auxiliary.end(), sentence.end)
    return None


# --- A page: its tips and its score -------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """A page's readability: its tips and the counts its score is made of."""

    path: str
    title: str
    sentences: int
    words: int
    syllables: int
    plain_sentences: int  # sentences that meet every hint
    tips: tuple[Problem, ...] = field(default=())

    @property
    def score(self) -> float | None:
        """Flesch-Douma reading ease (higher is easier), None for a page too short to score."""
        if self.words < MIN_SCORE_WORDS or not self.sentences:
            return None
        return (DOUMA_BASE - DOUMA_SYLLABLES * 100 * self.syllables / self.words
                - DOUMA_SENTENCE * self.words / self.sentences)

    @property
    def share(self) -> float | None:
        """The share of sentences that meet every hint (0 to 1), None without sentences."""
        return self.plain_sentences / self.sentences if self.sentences else None


def band(score: float) -> str:
    return next(name for lowest, name in BANDS if score >= lowest)


def _title(source: SourceFile) -> str:
    entry = source.front.get(TITLE.name) if source.front is not None else None
    value = entry.value if entry is not None else None
    return " ".join(value.value.split()) if isinstance(value, RawScalar) else ""


def read_page(source: SourceFile, lists: ReadingLists) -> Reading:
    """The tips and score of one page (cached: the preview asks again after every save)."""
    return _read_page(source.path, source.body, source.body_line, _title(source), lists)


@functools.lru_cache(maxsize=8192)
def _read_page(path: str, body: str, body_line: int, title: str, lists: ReadingLists) -> Reading:
    text = prose(body)
    line_starts = [0] + [m.end() for m in re.finditer("\n", body)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    def at(violation: Violation, offset: int) -> Problem:
        index = line_of(offset)
        return violation.at(path, body_line + index, offset - line_starts[index] + 1)

    found: list[Sentence] = []
    for start, end in paragraphs(text, body):
        found.extend(sentences(text, start, end))
    tips: list[tuple[float, Problem]] = []  # (offset, tip); a sentence's own tip before its words'
    named: set[str] = set()
    hard = [len(s.words) > MAX_SENTENCE_WORDS for s in found]
    starts = [s.start for s in found]
    for match in lists.jargon_pattern.finditer(text) if lists.jargon_pattern else ():
        hard[max(bisect.bisect_right(starts, match.start()) - 1, 0)] = True
        written = " ".join(match.group(0).split())
        if written.lower() not in named:
            named.add(written.lower())
            tips.append((match.start(), at(rules.jargon(written, lists.plain[written.lower()]), match.start())))
    passives: list[tuple[Sentence, int]] = []
    verdicts = lists.verdicts
    total_words = total_syllables = 0
    for number, sentence in enumerate(found):
        if len(sentence.words) > MAX_SENTENCE_WORDS:
            tips.append((sentence.start - 0.5, at(rules.long_sentence(
                len(sentence.words), MAX_SENTENCE_WORDS, " ".join(body[sentence.start:sentence.end].split())),
                sentence.start)))
        auxiliary = passive(text, sentence)
        if auxiliary is not None:
            passives.append((sentence, auxiliary))
            hard[number] = True
        flagged: list[tuple[int, Violation]] = []
        first = True
        for index, word in enumerate(sentence.words):
            known = verdicts.get((word, first))
            if known is None:
                count = syllables(word)
                known = verdicts[(word, first)] = (count, _word_violation(word, first, count, lists))
            first = False
            total_syllables += known[0]
            if known[1] is not None:
                flagged.append((index, known[1]))
        total_words += len(sentence.words)
        if flagged:
            hard[number] = True
            offsets = word_starts(text, sentence)
            for index, violation in flagged:
                lower = sentence.words[index].lower()
                if lower not in named:
                    named.add(lower)
                    tips.append((offsets[index], at(violation, offsets[index])))
    if len(passives) >= MIN_PASSIVE and len(passives) > PASSIVE_SHARE * len(found):
        sentence, auxiliary = passives[0]
        phrase = " ".join(body[auxiliary:sentence.end].split())
        lines = sorted({body_line + line_of(s.start) for s, _ in passives[1:]})
        tips.append((auxiliary, at(rules.passive_voice(len(passives), len(found), round(PASSIVE_SHARE * 100),
                                                        phrase, lines[:5]), auxiliary)))
    tips.sort(key=lambda t: t[0])
    return Reading(path, title, len(found), total_words, total_syllables, hard.count(False),
                   tuple(p for _, p in tips))


def _word_violation(text: str, first: bool, count: int, lists: ReadingLists) -> Violation | None:
    """The tip a word gets by itself (not jargon: that is found as written, phrases too)."""
    if not text[0].isalpha():
        return None
    lower = text.lower()
    if lower in lists.allowed or lower.replace("’", "'") in lists.allowed or lower in lists.plain:
        return None
    # A capital inside a sentence is a name (a person, an organisation, a place), not a word to explain.
    if not first and not text.islower():
        return None
    if text.isupper() and len(text) > 1:
        return None  # an abbreviation at the start of a sentence
    if len(text) >= MIN_RARE_LETTERS and zipf(text) < RARE_ZIPF:
        if "-" not in text or any(zipf(part) < RARE_ZIPF for part in text.split("-") if part):
            return rules.rare_word(text)
    if count >= LONG_WORD_SYLLABLES:
        return rules.long_word(text, count)
    return None


def with_site_names(lists: ReadingLists, files: Sequence[SourceFile]) -> ReadingLists:
    """The lists plus the words of the site's own names: the titles of its partners, themes,
    regions and audiences (every page type that is not an article), which it explains itself."""
    names = {word.lower() for f in files if f.front is not None and f.rel.count("/") == 1
             and not getattr(TYPES_BY_FOLDER.get(f.rel.split("/")[0]), "is_article", True)
             for word in _WORD.findall(_title(f))}
    names -= lists.allowed
    if not names:
        return lists
    return ReadingLists(lists.path, lists.allowed | names, lists.jargon, lists.problems)


def read_pages(files: Sequence[SourceFile], lists: ReadingLists, only: set[str] | None = None) -> list[Reading]:
    """The readings of the pages of `files` that have running text (pages that could not be read
    are left out), or only of those whose path (as shown) is in `only`. `files`: the site's files
    (the names of its partners, themes, … are allowed words)."""
    lists = with_site_names(lists, files)
    readings = [read_page(f, lists) for f in files if f.front is not None and f.body.strip()
                and (only is None or f.path in only)]
    return [r for r in readings if r.sentences]


# --- What authors and editors read ---------------------------------------------------------------

def median(readings: Sequence[Reading]) -> float | None:
    scores = [r.score for r in readings if r.score is not None]
    return statistics.median(scores) if scores else None


def number(value: float | None) -> str:
    """A score as Dutch writes it (a decimal comma), '–' for none."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def _hardest_first(readings: Sequence[Reading]) -> list[Reading]:
    return sorted(readings, key=lambda r: (r.score is None, r.score if r.score is not None else 0,
                                           r.share if r.share is not None else 1, r.path))


WIDTH = 100


def table(readings: Sequence[Reading]) -> str:
    """`sdw leesbaarheid`: every page, hardest first, in plain text of at most WIDTH columns."""
    from .report import visible

    head = " Douma  niveau         B1-zinnen  tips  bestand — titel"
    lines = [head, "-" * len(head)]
    for r in _hardest_first(readings):
        row = (f"{number(r.score):>6}  {band(r.score) if r.score is not None else 'te kort':<14} "
               f"{percent(r.share):>9} {len(r.tips):>5}  {visible(r.path)} — {visible(r.title)}")
        lines.append(row if len(row) <= WIDTH else row[:WIDTH - 1] + "…")
    scored = [r for r in readings if r.score is not None]
    lines += ["", f"Mediaan van de site: {number(median(readings))} ({len(scored)} pagina's met een score; "
                  f"{len(readings) - len(scored)} te kort, minder dan {MIN_SCORE_WORDS} woorden).",
              "Douma: de Flesch-Douma-leesbaarheid (206,84 − 0,77 × lettergrepen per 100 woorden − 0,93 × woorden",
              "per zin); hoger is makkelijker. B1-zinnen: het deel van de zinnen zonder tip (hooguit "
              f"{MAX_SENTENCE_WORDS} woorden,",
              "geen jargon, zeldzaam of lang woord, geen lijdende vorm).",
              "De tips van een pagina: .venv/bin/sdw check <bestand>."]
    return "\n".join(lines) + "\n"


def markdown(changed: Sequence[Reading], readings: Sequence[Reading]) -> str:
    """For a pull request: the score of every changed page, with the site's median beside it."""
    from .report import _markdown_text, visible

    site = median(readings)
    lines = ["### Leesbaarheid van de gewijzigde pagina's", ""]
    if not changed:
        return "\n".join(lines + ["Geen gewijzigde pagina's met lopende tekst.", ""]) + "\n"
    lines += ["| pagina | Flesch-Douma | mediaan van de site | B1-zinnen | tips |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for r in _hardest_first(changed):
        name = "`" + visible(r.path).replace("`", "'") + "`"
        title = _markdown_text(visible(r.title))
        score = number(r.score) + (f" ({band(r.score)})" if r.score is not None else " (te kort)")
        lines.append(f"| {title}<br>{name} | {score} | {number(site)} | {percent(r.share)} | {len(r.tips)} |")
    lines += ["", "Hoger is makkelijker. Tips zijn adviezen voor taalniveau B1: ze houden de wijziging niet "
                  "tegen. Bekijk ze met `sdw check --tips <bestand>` of in `sdw serve`.", ""]
    return "\n".join(lines) + "\n"
