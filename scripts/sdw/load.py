"""Load: read content files into raw records that remember the line of every value.

Front-matter is parsed here, by us, into a small tree of raw nodes (strings,
lists, mappings) that keep their line and column. Values are not interpreted
(a plain `no` stays the text "no"): the validator does that per field.
Problems that make a file unreadable (encoding, missing or broken front-matter,
YAML syntax, duplicate keys) are recorded on the file, never raised.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from yaml.composer import ComposerError

from . import rules
from .memo import NO_MEMO
from .problems import Problem, Violation
from .schema import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, MAX_MARKDOWN_BYTES, SAFE_NAME_PATTERN

if TYPE_CHECKING:
    from .checkstore import CheckStore
    from .incremental import BuildMemory

FENCE = "---"
# The one file in content/ that is neither a page nor an image: the search words, which
# sdw.thesaurus reads and checks itself (load_all passes it by).
THESAURUS_FILE = "zoekwoorden.yml"
# And the word lists for the readability tips, which sdw.readability reads and checks itself.
READING_LISTS_FILE = "leesbaarheid.yml"
# libyaml's parser when PyYAML was built with it (5x faster); same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class RawScalar:
    value: str
    line: int
    column: int
    plain: bool  # written without quotes


@dataclass(frozen=True)
class RawList:
    items: tuple[RawNode, ...]
    line: int
    column: int


@dataclass(frozen=True)
class RawEntry:
    key: str
    line: int
    column: int
    value: RawNode


@dataclass(frozen=True)
class RawMap:
    entries: tuple[RawEntry, ...]
    line: int
    column: int

    def get(self, key: str) -> RawEntry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


RawNode = RawScalar | RawList | RawMap


@dataclass(frozen=True)
class SourceFile:
    """One content file as read from disk."""

    path: str  # relative to the repository root, forward slashes
    rel: str  # relative to content/, forward slashes
    front: RawMap | None  # None when the file could not be parsed
    body: str
    body_line: int  # line number of the first body line
    problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class Asset:
    """A file in content/ that is not Markdown (an image), read whole: limits keep it small."""

    path: str  # relative to the repository root
    rel: str  # relative to content/
    data: bytes


@dataclass(frozen=True)
class RefusedAsset:
    """An image in content/ that is not published (unsafe name, too many bytes, or bytes that do
    not match its extension); the problem is reported on the file itself, references name it."""

    path: str  # relative to the repository root
    rel: str  # relative to content/
    problem: Problem


@dataclass(frozen=True)
class Loaded:
    files: tuple[SourceFile, ...]
    assets: tuple[Asset, ...]
    problems: tuple[Problem, ...]  # about paths that were not read (links, unknown, oversized or refused files)
    refused: tuple[RefusedAsset, ...] = ()  # images that exist but are not published (their problem is above)


def discover(content_dir: Path) -> list[Path]:
    """Every file and symlink below content_dir, in a stable order; symlinks are not followed."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(content_dir, followlinks=False):
        base = Path(folder)
        found.extend(base / d for d in dirs if (base / d).is_symlink())
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink() and not d.startswith("."))
        found.extend(base / n for n in names if not n.startswith("."))
    return sorted(found)


def load_all(content_dir: Path, root: Path, memory: BuildMemory | None = None,
             store: CheckStore | None = None) -> Loaded:
    """Every file below content_dir. With the preview's memory, an unchanged file (same mtime,
    ctime, inode and size) is not read again. With a one-shot build's store (sdw.checkstore), a
    Markdown file with the same bytes as in an earlier build is not parsed again."""
    parsed = memory.parsed if memory is not None else NO_MEMO
    files: list[SourceFile] = []
    assets: list[Asset] = []
    problems: list[Problem] = []
    refused: list[RefusedAsset] = []
    root_abs, content_abs = os.path.abspath(root), os.path.abspath(content_dir)
    for path in discover(content_dir):
        absolute = os.path.abspath(path)
        shown, rel = _relative(path, absolute, root_abs), _relative(path, absolute, content_abs)
        if rel in (THESAURUS_FILE, READING_LISTS_FILE):
            continue
        suffix = path.suffix.lower()
        if path.is_symlink():
            problems.append(rules.symlink().at(shown, 1))
            continue
        limit = MAX_MARKDOWN_BYTES if suffix == ".md" else MAX_IMAGE_BYTES
        if suffix != ".md" and suffix not in IMAGE_SUFFIXES:
            problems.append(rules.unknown_file(suffix or path.name).at(shown, 1))
            continue
        stat = path.stat()
        size = stat.st_size
        if size > limit:
            too_big = rules.file_too_big(size, image=suffix != ".md").at(shown, 1)
            problems.append(too_big)
            if suffix != ".md":  # the image exists: references to it say it was refused, not that it is missing
                refused.append(RefusedAsset(shown, rel, too_big))
            continue
        key = (os.path.abspath(path), shown)
        token = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, size)
        if suffix == ".md" and store is not None:
            files.append(store.source(path.read_bytes(), shown, rel, parse))
            continue
        if suffix == ".md":
            files.append(parsed.get(key, token,
                                    lambda path=path, shown=shown, rel=rel: parse(path.read_bytes(), shown, rel)))
            continue
        bad_name = asset_name_problem(shown, rel)
        if bad_name is not None:
            problems.append(bad_name)
            refused.append(RefusedAsset(shown, rel, bad_name))
            continue
        asset = parsed.get(key, token, lambda path=path, shown=shown, rel=rel: _read_asset(path, shown, rel))
        if isinstance(asset, Problem):
            problems.append(asset)
            refused.append(RefusedAsset(shown, rel, asset))
        else:
            assets.append(asset)
    return Loaded(tuple(files), tuple(assets), tuple(problems), tuple(refused))


# A published file name must be safe in a URL, an HTML attribute, Markdown and a shell:
# ASCII letters, digits, '.', '_' and '-', not starting with a punctuation mark.
_SAFE_NAME = re.compile(SAFE_NAME_PATTERN)
# The first bytes of every image format we publish ("magic numbers").
_MAGIC: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("GIF", (b"GIF87a", b"GIF89a")),
}


def asset_name_problem(shown: str, rel: str) -> Problem | None:
    """SDW013 for an image whose name, or the name of a folder it is in, has unsafe characters."""
    parts = rel.split("/")
    bad = next((i for i, part in enumerate(parts) if not _SAFE_NAME.fullmatch(part)), None)
    if bad is None:
        return None
    name, is_file = parts[bad], bad == len(parts) - 1
    return rules.unsafe_name(name, _suggest_name(name, last=is_file), is_file=is_file).at(shown, 1)


def _suggest_name(name: str, *, last: bool) -> str:
    import unicodedata

    stem, dot, suffix = name.rpartition(".") if last and "." in name.lstrip(".") else (name, "", "")
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or ("afbeelding" if last else "map")
    return slug + dot + re.sub(r"[^a-z0-9]+", "", suffix.lower())


def image_kind_mismatch(suffix: str, data: bytes) -> str | None:
    """The format an image's extension promises, when its bytes are not that format (None: they are)."""
    if suffix == ".webp":
        return None if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else "WebP"
    kind, magics = _MAGIC[suffix]
    return None if data.startswith(magics) else kind


def _read_asset(path: Path, shown: str, rel: str) -> Asset | Problem:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    expected = image_kind_mismatch(suffix, data)
    if expected is None:
        return Asset(shown, rel, data)
    return rules.image_not_what_it_says(suffix, expected, _sniff(data)).at(shown, 1)


def _sniff(data: bytes) -> tuple[str, str] | None:
    """What a refused image seems to be: (image format, its suffix), or ("svg" | "html" | "empty", "")."""
    for suffix, (kind, magics) in _MAGIC.items():
        if data.startswith(magics):
            return kind, suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP", ".webp"
    head = data[:512].lstrip().lower()
    if b"<svg" in head or head.startswith(b"<?xml"):
        return "svg", ""
    if head.startswith((b"<!doctype html", b"<html")) or b"<script" in head:
        return "html", ""
    if not data:
        return "empty", ""
    return None


def decode(data: bytes) -> tuple[str | None, list[tuple[Violation, int]]]:
    """A content file's text as every reader of content reads it (UTF-8, no byte order mark, LF line
    ends), with what was wrong on the way as (violation, line); None as the text: not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [(rules.not_utf8(), data[: exc.start].count(b"\n") + 1)]
    found: list[tuple[Violation, int]] = []
    if text.startswith("\ufeff"):
        found.append((rules.bom(), 1))
        text = text[1:]
    if "\r\n" in text:
        found.append((rules.crlf(), 1))
        text = text.replace("\r\n", "\n")
    return text, found


def parse(data: bytes, shown: str, rel: str) -> SourceFile:
    """Parse the bytes of one file. `shown` is the path used in messages."""
    problems: list[Problem] = []

    def fail(violation: Violation, line: int = 1, column: int = 1) -> SourceFile:
        problems.append(violation.at(shown, line, column))
        return SourceFile(shown, rel, None, "", 1, tuple(problems))

    text, found = decode(data)
    problems.extend(violation.at(shown, line) for violation, line in found)
    if text is None:
        return SourceFile(shown, rel, None, "", 1, tuple(problems))
    if not text.strip():
        return fail(rules.empty_file())

    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return fail(rules.no_front_matter(lines[0]))
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if closing is None:
        return fail(rules.front_matter_not_closed())

    yaml_text = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1:])
    body_line = closing + 2
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        return fail(rules.front_matter_bytes(size, MAX_FRONT_MATTER_BYTES))
    bad = _YAML_BREAKING.search(yaml_text)
    if bad:
        line = yaml_text.count("\n", 0, bad.start()) + 2
        column = bad.start() - (yaml_text.rfind("\n", 0, bad.start()) + 1) + 1
        return fail(rules.invisible_in_front_matter(bad.group(0)), line, column)
    structure: list[Problem] = []
    try:
        node = RawTreeBuilder(shown, structure, max_depth=MAX_FRONT_MATTER_DEPTH,
                              max_nodes=MAX_FRONT_MATTER_NODES).build(yaml_text)
    except _Refused as refused:
        return fail(refused.violation, refused.line, refused.column)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 2
        column = (mark.column + 1) if mark else 1
        if "maximum nesting depth" in f"{exc.context or ''} {exc.problem or ''}":
            return fail(rules.front_matter_depth(MAX_FRONT_MATTER_DEPTH), line, column)
        quote_line = _unclosed_quote(lines, line)
        if quote_line:
            return fail(rules.yaml_error("quote"), quote_line)
        return fail(_explain_yaml_error(exc, lines, line), line, column)
    except yaml.YAMLError:
        return fail(rules.yaml_error("unknown"), 2)
    except (RecursionError, MemoryError):
        return fail(rules.front_matter_unreadable())
    if node is None:
        return fail(rules.empty_front_matter())
    if not isinstance(node, RawMap):
        return fail(rules.not_a_mapping(), node.line, node.column)
    problems.extend(structure)
    return SourceFile(shown, rel, node, body, body_line, tuple(problems))


# Bounds on front-matter, so that no input can make parsing slow or deep (the fields of the
# schema need a few dozen values at most, three levels deep).
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_FRONT_MATTER_NODES = 2000
MAX_FRONT_MATTER_DEPTH = 8
# Characters that YAML refuses or reads as a line break (which would shift every line number after it).
_YAML_BREAKING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class _Refused(Exception):
    """A front-matter construct we do not accept (anchor, alias, tag) or a bound that was passed."""

    def __init__(self, violation: Violation, line: int, column: int) -> None:
        super().__init__(violation.message)
        self.violation, self.line, self.column = violation, line, column


class _Frame:
    """A collection being built: a list's items, or a mapping's entries and its pending key."""

    __slots__ = ("column", "entries", "items", "key", "line", "seen")

    def __init__(self, line: int, column: int, mapping: bool) -> None:
        self.line, self.column = line, column
        self.items: list[RawNode] | None = None if mapping else []
        self.entries: list[RawEntry] = []
        self.seen: dict[str, int] = {}
        self.key: RawNode | None = None


@dataclass(frozen=True)
class TreeWords:
    """How a reader of raw YAML trees words what it refuses or reports: front-matter its own
    rules, each data file (sdw.datafile) its own."""

    reference: Callable[[str, str], Violation]  # ("alias" | "anchor" | "tag", as written)
    too_deep: Callable[[int], Violation]  # (limit)
    key_not_text: Callable[[RawNode], Violation]  # (the key)
    duplicate_key: Callable[[str, int], Violation]  # (key, line of its first time)
    too_many: Callable[[int], Violation] | None = None  # (limit of values), for a reader that sets one


FRONT_MATTER_WORDS = TreeWords(
    reference=rules.yaml_reference,
    too_deep=rules.front_matter_depth,
    too_many=rules.front_matter_values,
    key_not_text=lambda key: rules.key_not_text(),
    duplicate_key=rules.duplicate_field,
)


class RawTreeBuilder:
    """Raw nodes straight from the parser's events: nothing is expanded, so anchors, aliases
    and tags are refused where they are written, and the size and depth stay bounded.
    `first_line`: the file's line of the text's first line (2 below a front-matter fence).
    Duplicate and non-text keys go on `problems`: the file is still read."""

    def __init__(self, shown: str, problems: list[Problem], words: TreeWords = FRONT_MATTER_WORDS, *,
                 max_depth: int, first_line: int = 2, max_nodes: int | None = None) -> None:
        self.shown, self.problems, self.words = shown, problems, words
        self.first_line, self.max_depth, self.max_nodes = first_line, max_depth, max_nodes

    def build(self, text: str) -> RawNode | None:
        stack: list[_Frame] = []
        root: RawNode | None = None
        documents = nodes = 0
        first_document: yaml.Mark | None = None
        first_line, words = self.first_line, self.words
        max_nodes = self.max_nodes if self.max_nodes is not None else sys.maxsize
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents == 1:
                    first_document = event.start_mark
                else:
                    raise ComposerError("expected a single document in the stream", first_document,
                                        "but found another document", event.start_mark)
                continue
            if not isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
                continue  # stream and document ends
            line, column = event.start_mark.line + first_line, event.start_mark.column + 1
            if isinstance(event, yaml.CollectionEndEvent):
                frame = stack.pop()
                if frame.items is not None:
                    node: RawNode = RawList(tuple(frame.items), frame.line, frame.column)
                else:
                    node = RawMap(tuple(frame.entries), frame.line, frame.column)
            else:
                self._refuse_references(event, line, column)
                nodes += 1
                if nodes > max_nodes and words.too_many is not None:
                    raise _Refused(words.too_many(max_nodes), line, column)
                if isinstance(event, yaml.ScalarEvent):
                    node = RawScalar(event.value, line, column, plain=not event.style)  # libyaml: "", PyYAML: None
                else:
                    if len(stack) >= self.max_depth:
                        raise _Refused(words.too_deep(self.max_depth), line, column)
                    stack.append(_Frame(line, column, isinstance(event, yaml.MappingStartEvent)))
                    continue
            if not stack:
                root = node
            else:
                self._add(stack[-1], node)
        return root

    def _refuse_references(self, event: yaml.NodeEvent, line: int, column: int) -> None:
        if isinstance(event, yaml.AliasEvent):
            violation = self.words.reference("alias", event.anchor or "")
        elif event.anchor is not None:
            violation = self.words.reference("anchor", event.anchor)
        elif getattr(event, "tag", None) is not None:  # any tag the author wrote, '!' included
            violation = self.words.reference("tag", _tag_as_written(event.tag))
        else:
            return
        raise _Refused(violation, line, column)

    def _add(self, frame: _Frame, node: RawNode) -> None:
        if frame.items is not None:
            frame.items.append(node)
            return
        if frame.key is None:
            frame.key = node
            return
        key_node, frame.key = frame.key, None
        if not isinstance(key_node, RawScalar):
            self.problems.append(self.words.key_not_text(key_node).at(self.shown, key_node.line, key_node.column))
            return
        key = key_node.value
        if key in frame.seen:
            self.problems.append(self.words.duplicate_key(key, frame.seen[key]).at(self.shown, key_node.line,
                                                                                   key_node.column))
            return
        frame.seen[key] = key_node.line
        frame.entries.append(RawEntry(key, key_node.line, key_node.column, node))


def _tag_as_written(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


_VALUE = re.compile(r"^\s*(?:-\s+)?[\w.-]+:\s+(.*?)\s*$|^\s*-\s+(.*?)\s*$")


def _unclosed_quote(lines: list[str], error_line: int) -> int | None:
    """The line, at or above a YAML error, whose value opens a quote it never closes."""
    for number in range(min(error_line, len(lines)), 1, -1):
        match = _VALUE.match(lines[number - 1])
        value = (match.group(1) or match.group(2) or "") if match else ""
        if value[:1] in ("'", '"') and (len(value) < 2 or value[-1] != value[0]):
            return number
    return None


_CURLY_VALUE = re.compile(r"^\s*(?:-\s+)?([\w.-]+):\s+([“„‘‚”’«].*?)\s*$|^\s*-\s+()([“„‘‚”’«].*?)\s*$")


def _curly_value(source: str) -> tuple[str, str] | None:
    """(field name, value) when the value on this line starts with a typographic quote."""
    match = _CURLY_VALUE.match(source)
    if not match:
        return None
    return (match.group(1), match.group(2)) if match.group(1) else ("", match.group(4))


def _explain_yaml_error(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> Violation:
    """What PyYAML's English means, as a yaml-fout an author can act on."""
    text = f"{exc.context or ''} {exc.problem or ''}"
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source or "'\\t'" in text:
        return rules.yaml_error("tab")
    curly = _curly_value(source)
    if curly:
        return rules.yaml_curly_quotes(*curly)
    if "mapping values are not allowed" in text:
        return rules.yaml_error("colon")
    if "found unexpected end of stream" in text or "found unexpected end" in text or "quoted scalar" in text:
        return rules.yaml_error("quote")
    if "could not find expected ':'" in text or "expected <block end>" in text:
        return rules.yaml_error("structure")
    if "found character" in text and "cannot start any token" in text:
        return rules.yaml_error("token")
    if "alias" in text or "anchor" in text:
        return rules.yaml_error("reference")
    return rules.yaml_error("line")


def _relative(path: Path, absolute: str, base: str) -> str:
    """Path relative to base without following symlinks (a link must be named as itself).
    `absolute` is os.path.abspath(path), `base` absolute too."""
    if absolute == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix):].replace(os.sep, "/")
    return path.as_posix()
