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

from .memo import Memo
from .problems import Problem, problem
from .schema import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, MAX_MARKDOWN_BYTES

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
class Loaded:
    files: tuple[SourceFile, ...]
    assets: tuple[Asset, ...]
    problems: tuple[Problem, ...]  # about paths that were not read (links, unknown or oversized files)


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
            problems.append(problem(shown, 1, 1, "bestand-te-groot",
                                    f"Het bestand is {size // 1024} kB; de grens is {limit // 1024} kB.",
                                    "Verklein de afbeelding (bijvoorbeeld naar 1600 pixels breed)." if suffix != ".md"
                                    else "Splits de tekst op in meer artikelen."))
            continue
        key = (os.path.abspath(path), shown)
        token = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, size)
        if suffix == ".md":
            files.append(_PARSED.get(key, token,
                                     lambda path=path, shown=shown, rel=rel: parse(path.read_bytes(), shown, rel)))
        else:
            assets.append(_PARSED.get(key, token,
                                      lambda path=path, shown=shown, rel=rel: Asset(shown, rel, path.read_bytes())))
    return Loaded(tuple(files), tuple(assets), tuple(problems))


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
    try:
        node = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark else 2
        column = (mark.column + 1) if mark else 1
        quote_line = _unclosed_quote(lines, line)
        if quote_line:
            return fail(quote_line, 1, "yaml-fout", "Een aanhalingsteken wordt niet afgesloten.",
                        "Zet aan het eind van de waarde hetzelfde aanhalingsteken als aan het begin.")
        message, hint = _explain_yaml_error(exc, lines, line)
        return fail(line, column, "yaml-fout", message, hint)
    except yaml.YAMLError:
        return fail(2, 1, "yaml-fout", "De front-matter is geen geldige YAML.",
                    "Controleer aanhalingstekens en inspringing.")
    if node is None:
        return fail(1, 1, "verplicht-veld", "De front-matter is leeg: er staan geen velden tussen de '---'-regels.",
                    "Vul minstens 'titel' en 'samenvatting' in.")
    if not isinstance(node, yaml.MappingNode):
        return fail(node.start_mark.line + 2, node.start_mark.column + 1, "geen-mapping",
                    "De front-matter is geen lijst van velden.",
                    "Schrijf elk veld op een eigen regel als 'naam: waarde'.")
    front = _convert(node, shown, problems)
    assert isinstance(front, RawMap)
    return SourceFile(shown, rel, front, body, body_line, tuple(problems))


def _convert(node: yaml.Node, shown: str, problems: list[Problem]) -> RawNode:
    line, column = node.start_mark.line + 2, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        return RawScalar(node.value, line, column, plain=not node.style)  # libyaml: "", PyYAML: None
    if isinstance(node, yaml.SequenceNode):
        return RawList(tuple(_convert(n, shown, problems) for n in node.value), line, column)
    entries: list[RawEntry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line, key_col = key_node.start_mark.line + 2, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(problem(shown, key_line, key_col, "geen-mapping",
                                    "Een veldnaam moet gewone tekst zijn.", "Schrijf 'naam: waarde'."))
            continue
        key = key_node.value
        if key in seen:
            problems.append(problem(
                shown, key_line, key_col, "dubbel-veld",
                f"Het veld '{key}' staat twee keer in de front-matter (ook op regel {seen[key]}).",
                "Houd één van de twee over; de tweede zou de eerste stilletjes vervangen."))
            continue
        seen[key] = key_line
        entries.append(RawEntry(key, key_line, key_col, _convert(value_node, shown, problems)))
    return RawMap(tuple(entries), line, column)


_VALUE = re.compile(r"^\s*(?:-\s+)?[\w.-]+:\s+(.*?)\s*$|^\s*-\s+(.*?)\s*$")


def _unclosed_quote(lines: list[str], error_line: int) -> int | None:
    """The line, at or above a YAML error, whose value opens a quote it never closes."""
    for number in range(min(error_line, len(lines)), 1, -1):
        match = _VALUE.match(lines[number - 1])
        value = (match.group(1) or match.group(2) or "") if match else ""
        if value[:1] in ("'", '"') and (len(value) < 2 or value[-1] != value[0]):
            return number
    return None


def _explain_yaml_error(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> tuple[str, str]:
    """Turn PyYAML's English into a Dutch sentence an author can act on."""
    text = f"{exc.context or ''} {exc.problem or ''}"
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source or "'\\t'" in text:
        return ("Op deze regel staat een tab.", "Spring in met spaties, niet met tabs.")
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
