"""Scan a Markdown body for what validation checks: links, images, HTML tags, anchors.

Code (fenced blocks and inline spans) is blanked out first, keeping every
character's line and column, so examples in code are never mistaken for
markup. Nothing here judges what it finds; validate.py does.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Link targets may hold balanced parentheses, as in Markdown: [x](javascript:alert(1)).
# Within one line: the whole body is searched at once, so "\n" is kept out of every part.
_INLINE = re.compile(r"(!?)\[((?:[^\]\\\n]|\\.)*)\]\([^\S\n]*<?((?:[^()\s<>]|\([^()\s]*\))*)>?"
                     r"(?:[^\S\n]+[\"'][^\"'\n]*[\"'])?[^\S\n]*\)")
_REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[^\S\n]+(.*?)(?:[^\S\n]+#+)?[^\S\n]*$", re.MULTILINE)
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_NEWLINE = re.compile(r"\n")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    column: int
    image: bool = False
    alt: str | None = None  # for images
    in_html: bool = False

    @property
    def scheme(self) -> str | None:
        match = _SCHEME.match(self.target.strip())
        return match.group(1).lower() if match else ("//" if self.target.startswith("//") else None)


@dataclass(frozen=True)
class Tag:
    name: str
    attrs: dict[str, str | None]
    line: int
    column: int


@dataclass(frozen=True)
class Scan:
    links: tuple[Link, ...]
    tags: tuple[Tag, ...]
    anchors: frozenset[str] = field(default_factory=frozenset)


def blank_code(body: str) -> str:
    """The body with code blocks and code spans replaced by spaces (newlines kept)."""
    if "`" not in body and "~~~" not in body:  # most bodies: no code at all
        return body
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
            out.append(" " * len(line))
        elif fence is not None:
            if match and match.group(1)[0] == fence:
                fence = None
            out.append(" " * len(line))
        else:
            out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


def slugify(text: str) -> str:
    """Heading id as Python-Markdown's toc extension makes it (the renderer's default)."""
    text = re.sub(r"<[^>]+>", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


class _TagParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], int, int]] = []

    def handle_starttag(self, tag, attrs):
        line, offset = self.getpos()
        self.tags.append((tag, {k.lower(): v for k, v in attrs}, line, offset + 1))

    handle_startendtag = handle_starttag


def scan(body: str, first_line: int) -> Scan:
    visible = blank_code(body)
    starts = [0] + [m.end() for m in _NEWLINE.finditer(visible)]  # offset of each line

    def position(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return first_line + line, offset - starts[line] + 1

    links: list[Link] = []
    anchors: list[str] = []
    if "[" in visible:
        for m in _INLINE.finditer(visible):
            image = m.group(1) == "!"
            links.append(Link(m.group(3), *position(m.start(3)), image, m.group(2) if image else None))
        for m in _REFERENCE_DEF.finditer(visible):
            links.append(Link(m.group(1), *position(m.start(1))))
    if "#" in visible:
        for heading in _ATX.finditer(visible):
            explicit = _ATTR_ID.search(heading.group(2))
            anchors.append(explicit.group(1) if explicit else slugify(_ATTR_ID.sub("", heading.group(2))))

    found_tags: list = []
    if "<" in visible:  # most bodies hold no HTML at all: skip the (slow) HTML parser
        parser = _TagParser()
        parser.feed(visible)
        parser.close()
        found_tags = parser.tags
    tags: list[Tag] = []
    for name, attrs, line, column in found_tags:
        tags.append(Tag(name, attrs, first_line + line - 1, column))
        if attrs.get("id"):
            anchors.append(attrs["id"] or "")
        for attr in ("href", "src"):
            if attrs.get(attr) is not None:
                links.append(Link(attrs[attr] or "", first_line + line - 1, column, name == "img",
                                  attrs.get("alt") if name == "img" else None, in_html=True))
    links.sort(key=lambda link: (link.line, link.column))
    return Scan(tuple(links), tuple(tags), frozenset(_dedupe_anchors(anchors)))


def _dedupe_anchors(anchors: list[str]) -> list[str]:
    """Python-Markdown gives repeated heading ids a suffix: x, x_1, x_2."""
    seen: dict[str, int] = {}
    out = []
    for anchor in anchors:
        if anchor in seen:
            seen[anchor] += 1
            out.append(f"{anchor}_{seen[anchor]}")
        else:
            seen[anchor] = 0
            out.append(anchor)
    return out
