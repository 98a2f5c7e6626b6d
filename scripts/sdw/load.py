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
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.composer import ComposerError

from .memo import Memo
from .policy import character_name
from .problems import Problem, problem
from .schema import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, MAX_MARKDOWN_BYTES, SAFE_NAME_PATTERN

FENCE = "---"
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


def load_all(content_dir: Path, root: Path) -> Loaded:
    files: list[SourceFile] = []
    assets: list[Asset] = []
    problems: list[Problem] = []
    refused: list[RefusedAsset] = []
    root_abs, content_abs = os.path.abspath(root), os.path.abspath(content_dir)
    for path in discover(content_dir):
        absolute = os.path.abspath(path)
        shown, rel = _relative(path, absolute, root_abs), _relative(path, absolute, content_abs)
        suffix = path.suffix.lower()
        if path.is_symlink():
            problems.append(problem(shown, 1, 1, "symlink",
                                    "Dit is een snelkoppeling (symlink); die worden niet gevolgd.",
                                    "Zet het bestand zelf in content/ in plaats van een verwijzing ernaar."))
            continue
        limit = MAX_MARKDOWN_BYTES if suffix == ".md" else MAX_IMAGE_BYTES
        if suffix != ".md" and suffix not in IMAGE_SUFFIXES:
            problems.append(problem(shown, 1, 1, "onbekend-bestand",
                                    f"Bestanden van het type '{suffix or path.name}' horen niet in content/.",
                                    f"Alleen Markdown (.md) en afbeeldingen ({', '.join(sorted(IMAGE_SUFFIXES))})."))
            continue
        stat = path.stat()
        size = stat.st_size
        if size > limit:
            too_big = problem(shown, 1, 1, "bestand-te-groot",
                              f"Het bestand is {size // 1024} kB; de grens is {limit // 1024} kB.",
                              "Verklein de afbeelding (bijvoorbeeld naar 1600 pixels breed)." if suffix != ".md"
                              else "Splits de tekst op in meer artikelen.")
            problems.append(too_big)
            if suffix != ".md":  # the image exists: references to it say it was refused, not that it is missing
                refused.append(RefusedAsset(shown, rel, too_big))
            continue
        key = (os.path.abspath(path), shown)
        token = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, size)
        if suffix == ".md":
            files.append(_PARSED.get(key, token,
                                     lambda path=path, shown=shown, rel=rel: parse(path.read_bytes(), shown, rel)))
            continue
        bad_name = asset_name_problem(shown, rel)
        if bad_name is not None:
            problems.append(bad_name)
            refused.append(RefusedAsset(shown, rel, bad_name))
            continue
        asset = _PARSED.get(key, token, lambda path=path, shown=shown, rel=rel: _read_asset(path, shown, rel))
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
    what = "bestandsnaam" if is_file else "mapnaam"
    return problem(shown, 1, 1, "ongeldige-bestandsnaam",
                   f"De {what} '{_clip(name, 60)}' {_unsafe_part(name)}; zo'n naam past niet veilig in een "
                   "webadres, en de afbeelding komt niet op de site.",
                   f"Hernoem {'het bestand' if is_file else 'de map'} naar '{_suggest_name(name, last=is_file)}' en "
                   "pas de verwijzingen aan. Gebruik alleen letters zonder accent, cijfers, '-', '_' en '.'.")


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
    found = _sniff(data)
    return problem(shown, 1, 1, "afbeelding-klopt-niet",
                   f"Dit bestand heet {suffix}, maar de inhoud is geen {expected}-afbeelding"
                   f"{f' (het lijkt {found})' if found else ''}; het komt niet op de site.",
                   "Sla de afbeelding opnieuw op als JPEG, PNG, WebP of GIF, met de bijpassende extensie.")


def _sniff(data: bytes) -> str:
    """What a refused image seems to be, in words, for the message ('' when unclear)."""
    for suffix, (kind, magics) in _MAGIC.items():
        if data.startswith(magics):
            return f"een {kind}-afbeelding; geef het de extensie {suffix}"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "een WebP-afbeelding; geef het de extensie .webp"
    head = data[:512].lstrip().lower()
    if b"<svg" in head or head.startswith(b"<?xml"):
        return "een SVG-tekening, die code kan bevatten"
    if head.startswith((b"<!doctype html", b"<html")) or b"<script" in head:
        return "een HTML-pagina"
    if not data:
        return "een leeg bestand"
    return ""


# Unchanged files are not read again by a long-running preview.
_PARSED: Memo = Memo(compare=lambda a, b: a == b)


def parse(data: bytes, shown: str, rel: str) -> SourceFile:
    """Parse the bytes of one file. `shown` is the path used in messages."""
    problems: list[Problem] = []

    def fail(line: int, column: int, rule: str, message: str, hint: str = "") -> SourceFile:
        problems.append(problem(shown, line, column, rule, message, hint))
        return SourceFile(shown, rel, None, "", 1, tuple(problems))

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return fail(line, 1, "geen-utf8",
                    "Dit bestand is geen UTF-8-tekst (het is waarschijnlijk opgeslagen als Windows-1252 of Latin-1).",
                    "Sla het op als UTF-8.")
    if text.startswith("\ufeff"):
        problems.append(problem(shown, 1, 1, "bom", "Het bestand begint met een onzichtbaar BOM-teken.",
                                "Sla het op als 'UTF-8 zonder BOM'."))
        text = text[1:]
    if "\r\n" in text:
        problems.append(problem(shown, 1, 1, "windows-regeleinden",
                                "Het bestand heeft Windows-regeleinden (CRLF).",
                                "Sla het op met Unix-regeleinden (LF)."))
        text = text.replace("\r\n", "\n")
    if not text.strip():
        return fail(1, 1, "leeg-bestand", "Het bestand is leeg.",
                    "Begin met front-matter tussen twee regels '---', of verwijder het bestand.")

    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return fail(1, 1, "geen-front-matter",
                    f"Regel 1 moet '{FENCE}' zijn, maar is '{_clip(lines[0])}'.",
                    "Begin het bestand met een regel '---', dan de velden, dan weer '---'.")
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if closing is None:
        return fail(1, 1, "front-matter-niet-gesloten",
                    "Het front-matterblok dat op regel 1 begint, wordt nergens afgesloten.",
                    "Zet na het laatste veld een regel met alleen '---'.")

    yaml_text = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1:])
    body_line = closing + 2
    size = len(yaml_text.encode("utf-8"))
    if size > MAX_FRONT_MATTER_BYTES:
        return fail(1, 1, "front-matter-te-groot",
                    f"De front-matter is {size // 1024} kB; de grens is {MAX_FRONT_MATTER_BYTES // 1024} kB.",
                    _TOO_BIG_HINT)
    bad = _YAML_BREAKING.search(yaml_text)
    if bad:
        line = yaml_text.count("\n", 0, bad.start()) + 2
        column = bad.start() - (yaml_text.rfind("\n", 0, bad.start()) + 1) + 1
        return fail(line, column, "onzichtbaar-teken",
                    f"In de front-matter staat een onzichtbaar of stuurteken: {character_name(bad.group(0))}.",
                    "Zo'n teken ziet niemand, maar het breekt de front-matter. Typ de regel opnieuw (niet plakken "
                    "uit een ander programma).")
    structure: list[Problem] = []
    try:
        node = _Builder(shown, structure).build(yaml_text)
    except _Refused as refused:
        return fail(refused.line, refused.column, refused.rule, refused.message, refused.hint)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 2
        column = (mark.column + 1) if mark else 1
        if "maximum nesting depth" in f"{exc.context or ''} {exc.problem or ''}":
            return fail(line, column, "front-matter-te-groot", _TOO_DEEP, _TOO_BIG_HINT)
        quote_line = _unclosed_quote(lines, line)
        if quote_line:
            return fail(quote_line, 1, "yaml-fout", "Een aanhalingsteken wordt niet afgesloten.",
                        "Zet aan het eind van de waarde hetzelfde aanhalingsteken als aan het begin.")
        message, hint = _explain_yaml_error(exc, lines, line)
        return fail(line, column, "yaml-fout", message, hint)
    except yaml.YAMLError:
        return fail(2, 1, "yaml-fout", "De front-matter is geen geldige YAML.",
                    "Controleer aanhalingstekens en inspringing.")
    except (RecursionError, MemoryError):
        return fail(1, 1, "front-matter-te-groot", "De front-matter is te groot of te diep genest om te lezen.",
                    _TOO_BIG_HINT)
    if node is None:
        return fail(1, 1, "verplicht-veld", "De front-matter is leeg: er staan geen velden tussen de '---'-regels.",
                    "Vul minstens 'titel' en 'samenvatting' in.")
    if not isinstance(node, RawMap):
        return fail(node.line, node.column, "geen-mapping",
                    "De front-matter is geen lijst van velden.",
                    "Schrijf elk veld op een eigen regel als 'naam: waarde'.")
    problems.extend(structure)
    return SourceFile(shown, rel, node, body, body_line, tuple(problems))


# Bounds on front-matter, so that no input can make parsing slow or deep (the fields of the
# schema need a few dozen values at most, three levels deep).
MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_FRONT_MATTER_NODES = 2000
MAX_FRONT_MATTER_DEPTH = 8
_TOO_DEEP = f"De front-matter is hier dieper genest dan {MAX_FRONT_MATTER_DEPTH} niveaus."
_TOO_BIG_HINT = "Houd de front-matter bij de velden uit de naslag; lange tekst hoort onder de tweede '---'."
# Characters that YAML refuses or reads as a line break (which would shift every line number after it).
_YAML_BREAKING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class _Refused(Exception):
    """A front-matter construct we do not accept (anchor, alias, tag) or a bound that was passed."""

    def __init__(self, line: int, column: int, rule: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.column, self.rule, self.message, self.hint = line, column, rule, message, hint


class _Frame:
    """A collection being built: a list's items, or a mapping's entries and its pending key."""

    __slots__ = ("column", "entries", "items", "key", "line", "seen")

    def __init__(self, line: int, column: int, mapping: bool) -> None:
        self.line, self.column = line, column
        self.items: list[RawNode] | None = None if mapping else []
        self.entries: list[RawEntry] = []
        self.seen: dict[str, int] = {}
        self.key: RawNode | None = None


class _Builder:
    """Raw nodes straight from the parser's events: nothing is expanded, so anchors, aliases
    and tags are refused where they are written, and the size and depth stay bounded."""

    def __init__(self, shown: str, problems: list[Problem]) -> None:
        self.shown = shown
        self.problems = problems  # duplicate and non-text keys: the file is still read

    def build(self, text: str) -> RawNode | None:
        stack: list[_Frame] = []
        root: RawNode | None = None
        documents = nodes = 0
        first_document: yaml.Mark | None = None
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
            line, column = event.start_mark.line + 2, event.start_mark.column + 1
            if isinstance(event, yaml.CollectionEndEvent):
                frame = stack.pop()
                if frame.items is not None:
                    node: RawNode = RawList(tuple(frame.items), frame.line, frame.column)
                else:
                    node = RawMap(tuple(frame.entries), frame.line, frame.column)
            else:
                self._refuse_references(event, line, column)
                nodes += 1
                if nodes > MAX_FRONT_MATTER_NODES:
                    raise _Refused(line, column, "front-matter-te-groot",
                                   f"De front-matter heeft meer dan {MAX_FRONT_MATTER_NODES} waarden.",
                                   _TOO_BIG_HINT)
                if isinstance(event, yaml.ScalarEvent):
                    node = RawScalar(event.value, line, column, plain=not event.style)  # libyaml: "", PyYAML: None
                else:
                    if len(stack) >= MAX_FRONT_MATTER_DEPTH:
                        raise _Refused(line, column, "front-matter-te-groot", _TOO_DEEP, _TOO_BIG_HINT)
                    stack.append(_Frame(line, column, isinstance(event, yaml.MappingStartEvent)))
                    continue
            if not stack:
                root = node
            else:
                self._add(stack[-1], node)
        return root

    def _refuse_references(self, event: yaml.NodeEvent, line: int, column: int) -> None:
        if isinstance(event, yaml.AliasEvent):
            what = f"een YAML-verwijzing ('*{_clip(event.anchor or '', 30)}')"
        elif event.anchor is not None:
            what = f"een YAML-anker ('&{_clip(event.anchor, 30)}')"
        elif getattr(event, "tag", None) is not None:  # any tag the author wrote, '!' included
            what = f"een YAML-label ('{_clip(_tag_as_written(event.tag), 40)}')"
        else:
            return
        raise _Refused(line, column, "yaml-verwijzing",
                       f"Hier staat {what}; die zijn in de front-matter niet toegestaan.",
                       "Schrijf de waarde zelf uit. Begint die met &, * of !, zet hem dan tussen aanhalingstekens.")

    def _add(self, frame: _Frame, node: RawNode) -> None:
        if frame.items is not None:
            frame.items.append(node)
            return
        if frame.key is None:
            frame.key = node
            return
        key_node, frame.key = frame.key, None
        if not isinstance(key_node, RawScalar):
            self.problems.append(problem(self.shown, key_node.line, key_node.column, "geen-mapping",
                                         "Een veldnaam moet gewone tekst zijn.", "Schrijf 'naam: waarde'."))
            return
        key = key_node.value
        if key in frame.seen:
            self.problems.append(problem(
                self.shown, key_node.line, key_node.column, "dubbel-veld",
                f"Het veld '{key}' staat twee keer in de front-matter (ook op regel {frame.seen[key]}).",
                "Houd één van de twee over; de tweede zou de eerste stilletjes vervangen."))
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


def _explain_yaml_error(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> tuple[str, str]:
    """Turn PyYAML's English into a Dutch sentence an author can act on."""
    text = f"{exc.context or ''} {exc.problem or ''}"
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source or "'\\t'" in text:
        return ("Op deze regel staat een tab.", "Spring in met spaties, niet met tabs.")
    curly = _curly_value(source)
    if curly:
        name, value = curly
        inner = value[1:].rstrip("”“’‘»").replace('"', '\\"')
        closing = value[-1] if len(value) > 1 and value[-1] in "”“’‘»" else ""
        return (f"De waarde staat tussen gekrulde aanhalingstekens ({value[0]}…{closing}); YAML ziet die niet als "
                "aanhalingstekens, en struikelt daarom over de dubbele punt (of een ander teken) erin. De "
                "aanhalingstekens moeten rechte zijn.",
                f'Vervang ze door rechte aanhalingstekens ("): {f"{name}:" if name else "-"} "{_clip(inner, 50)}".')
    if "mapping values are not allowed" in text:
        return ("Er staat een dubbele punt op een plek waar YAML die niet verwacht.",
                'Zet de hele waarde tussen aanhalingstekens, bijvoorbeeld titel: "Werk: het beste medicijn".')
    if "found unexpected end of stream" in text or "found unexpected end" in text or "quoted scalar" in text:
        return ("Een aanhalingsteken wordt niet afgesloten.",
                "Zet aan het eind van de waarde hetzelfde aanhalingsteken als aan het begin.")
    if "could not find expected ':'" in text or "expected <block end>" in text:
        return (("Deze regel past niet in de lijst van velden: een veldnaam of dubbele punt ontbreekt, "
                 "of de inspringing klopt niet."),
                "Schrijf 'naam: waarde' en spring lijstjes in met twee spaties en '- '.")
    if "found character" in text and "cannot start any token" in text:
        return ("Een waarde begint met een teken dat YAML niet accepteert (zoals @ of `).",
                "Zet de waarde tussen aanhalingstekens.")
    if "alias" in text or "anchor" in text:
        return ("Een waarde begint met * of &, wat YAML als verwijzing leest.",
                "Zet de waarde tussen aanhalingstekens.")
    return ("De front-matter is geen geldige YAML.",
            "Controleer aanhalingstekens, dubbele punten en inspringing op deze regel.")


def _relative(path: Path, absolute: str, base: str) -> str:
    """Path relative to base without following symlinks (a link must be named as itself).
    `absolute` is os.path.abspath(path), `base` absolute too."""
    if absolute == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if absolute.startswith(prefix):
        return absolute[len(prefix):].replace(os.sep, "/")
    return path.as_posix()


_NONPRINT = re.compile(r"[\x00-\x1f]")


def _clip(text: str, size: int = 40) -> str:
    text = _NONPRINT.sub("?", text)
    return text if len(text) <= size else text[: size - 1] + "…"
