"""Scan a Markdown body for what validation checks: links, images, HTML tags, attribute
lists, admonition classes, headings and anchors.

Code (fenced blocks and inline spans) is blanked out first, keeping every
character's line and column, so examples in code are never mistaken for
markup. HTML is read with an HTML5 parser (JustHTML: the WHATWG tokenizer and
tree builder, the rules Chromium and the sanitiser's html5ever follow), so a
comment, raw-text element or attribute ends where the browser ends it: nothing
is "a comment" here and markup to a reader. Nothing here judges what it finds;
validate_body.py does, with sdw.policy.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from justhtml import JustHTML

from .schema import (
    MAX_ANGLE_BRACKETS,
    MAX_HEADINGS,
    MAX_LIST_INDENT,
    MAX_MARKUP_CHARACTERS,
    MAX_QUOTE_DEPTH,
    MAX_RESCAN_CHARACTERS,
)

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Links and images are found by matching brackets the way Python-Markdown does (nested
# brackets in the text, within one paragraph), in one pass over the bracket characters only:
# a run of thousands of "[" costs no more than their number. The target may hold balanced
# parentheses, as in Markdown: [x](javascript:alert(1)).
_BRACKET_OR_BREAK = re.compile(r"\\.|[\[\]]|\n[ \t]*\n")
_TARGET = re.compile(r"\([^\S\n]*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:[^\S\n]+[\"'][^\"'\n]*[\"'])?[^\S\n]*\)")
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
    text: str | None = None  # for Markdown links: what is between the brackets

    @property
    def scheme(self) -> str | None:
        match = _SCHEME.match(self.target.strip())
        return match.group(1).lower() if match else ("//" if self.target.startswith("//") else None)


@dataclass(frozen=True)
class Tag:
    """An element with attributes as the author wrote them: in HTML, in a Markdown attribute
    list (`{ #id .class key=value }`, name: the element it attaches to, as far as the text
    tells) or an admonition (`!!! note`, its classes)."""

    name: str
    attrs: dict[str, str | None]
    line: int
    column: int
    origin: str = "html"  # "html" | "attr-list" | "admonition"


@dataclass(frozen=True)
class Heading:
    """A heading and the id the renderer gives it (its text made into a slug, or an explicit #id)."""

    anchor: str
    line: int
    column: int
    explicit: bool = False
    level: int = 0  # 1-6 ('#' count, or 1 for '===' and 2 for '---' under a line of text)
    mark_column: int = 0  # column of the '#'s (ATX) or of the heading text (setext)


@dataclass(frozen=True)
class Cost:
    """What makes the renderer's work grow faster than the text (see validate_body.check_cost)."""

    rescans: int = 0  # characters Python-Markdown reads again looking for a "]" or ")" that never comes
    headings: int = 0  # every heading's id is compared with all earlier ones
    angles: int = 0  # each "<" may start HTML that the block parser reads on to the next ">"
    markup: int = 0  # characters that make inline work (emphasis, escapes, entities, links, HTML, ...)
    quote_depth: int = 0  # the deepest "> > > ..." at the start of a line (nested blockquotes)
    list_indent: int = 0  # the deepest indented list item (nested lists), in spaces
    offset: int = -1  # where in the body the first limit is passed (-1: nowhere)


@dataclass(frozen=True)
class Scan:
    links: tuple[Link, ...]
    tags: tuple[Tag, ...]
    anchors: frozenset[str] = field(default_factory=frozenset)
    headings: tuple[Heading, ...] = ()
    cost: Cost = field(default_factory=Cost)


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


def _inline_links(visible: str) -> tuple[list[tuple[int, int, int, str, str, bool]], int, int]:
    """Inline links and images: (start, end, target start, target, text, is image), and how many
    characters Python-Markdown would read in vain after an unclosed "[" or "](" (to the end of
    the paragraph each time), and where the first of those stands."""
    found: list[tuple[int, int, int, str, str, bool]] = []
    opened: list[int] = []
    rescans = 0
    first = -1  # where the first "[" or "](" that is never closed stands
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(visible)] + [len(visible)]

    def paragraph_end(offset: int) -> int:
        return breaks[bisect_right(breaks, offset)] if offset < breaks[-1] else breaks[-1]

    for m in _BRACKET_OR_BREAK.finditer(visible):
        char = m.group(0)
        if char == "[":
            opened.append(m.start())
        elif char == "]" and opened:
            start = opened.pop()
            if visible.startswith("(", m.end()):
                target = _TARGET.match(visible, m.end())
                if target is None:
                    rescans += paragraph_end(m.end()) - m.end()
                    first = m.start() if first < 0 else min(first, m.start())
                    continue
                image = start > 0 and visible[start - 1] == "!"
                found.append((start - image, target.end(), target.start(1), target.group(1),
                              visible[start + 1:m.start()], image))
        elif char[0] == "\n":  # a blank line ends the paragraph: unclosed brackets are text
            if opened:
                rescans += sum(m.start() - start for start in opened)
                first = opened[0] if first < 0 else min(first, opened[0])
                opened.clear()
    if opened:
        rescans += sum(len(visible) - start for start in opened)
        first = opened[0] if first < 0 else min(first, opened[0])
    found.sort()
    return found, rescans, first


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def html_elements(text: str) -> list[tuple[str, dict[str, str | None], int, int]]:
    """Every element in `text` as an HTML5 parser builds it (as a fragment of a page body):
    (name, attributes, line, column), lines and columns counted from 1."""
    found: list[tuple[str, dict[str, str | None], int, int]] = []
    stack = [JustHTML(text, fragment=True, sanitize=False, track_node_locations=True).root]
    while stack:
        node = stack.pop()
        for child in reversed(getattr(node, "children", None) or ()):
            stack.append(child)
        content = getattr(node, "template_content", None)
        if content is not None:
            stack.append(content)
        name = getattr(node, "name", "") or ""
        if name and not name.startswith("#") and node is not None and getattr(node, "parent", None) is not None:
            attrs = {str(k).lower(): (None if v is None else str(v)) for k, v in (node.attrs or {}).items()}
            found.append((name.lower(), attrs, node.origin_line or 1, node.origin_col or 1))
    found.sort(key=lambda t: (t[2], t[3]))
    return found


# Python-Markdown's attribute lists (markdown.extensions.attr_list), read the same way.
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^\n]*)\}")
_ATTR_TOKENS = re.Scanner([  # type: ignore[attr-defined]
    (r'[^ =}]+=".*?"', lambda s, t: (t.split("=", 1)[0], t.split("=", 1)[1].strip('"'))),
    (r"[^ =}]+='.*?'", lambda s, t: (t.split("=", 1)[0], t.split("=", 1)[1].strip("'"))),
    (r"[^ =}]+=[^ =}]+", lambda s, t: tuple(t.split("=", 1))),
    (r"[^ =}]+", lambda s, t: (".", t[1:]) if t.startswith(".") else ("id", t[1:]) if t.startswith("#")
     else (t, None)),
    (r" ", None),
])
_ADMONITION = re.compile(r"^[ ]{0,3}[!?]{3}\+? ?([\w\-]+(?: +[\w\-]+)*)(?: +\".*?\")? *$", re.MULTILINE)


def attribute_list(text: str) -> dict[str, str | None]:
    """The attributes of one attribute list's inside (between the braces), classes joined."""
    tokens, _ = _ATTR_TOKENS.scan(text)
    attrs: dict[str, str | None] = {}
    for key, value in tokens:
        if key == ".":
            attrs["class"] = f"{attrs['class']} {value}" if attrs.get("class") else value
        else:
            attrs[key] = value
    return attrs


def _attr_list_element(visible: str, start: int, line_start: int, line_end: int,
                       link_ends: dict[int, bool]) -> str | None:
    """Which element an attribute list at `start` attaches to, or None where Python-Markdown
    leaves it as text. Generous where unsure: the renderer is the judge of last resort."""
    before = visible[line_start:start]
    after = visible[start:line_end]
    closing = after.find("}")
    rest = after[closing + 1:] if closing >= 0 else ""
    if start in link_ends:  # right after a link or an image
        return "img" if link_ends[start] else "a"
    if before and before[-1] in "*_":  # after emphasis
        return "em"
    heading = _ATX.match(visible, line_start, line_end)
    if heading and not rest.strip(" #"):
        return f"h{len(heading.group(1))}"
    if not before.strip() and not rest.strip():  # a line of its own: the block above it
        return "p"
    if "|" in visible[line_start:line_end]:  # a table cell
        return "td"
    return None


def cost_of(body: str, visible: str) -> Cost:
    """The cheap counts (one pass each, in C) that say whether a body is safe to scan and render,
    and where the first of them passes its limit."""
    quotes = max(((len(m.group(0).replace(" ", "")), m.start()) for m in _QUOTES.finditer(visible)),
                 default=(0, -1)) if ">" in visible else (0, -1)
    lists = max(((len(m.group(1)), m.start()) for m in _LIST_INDENT.finditer(visible)), default=(0, -1))
    angles, markup = visible.count("<"), sum(map(body.count, _MARKUP))
    places = [_nth(visible, _ANGLE, MAX_ANGLE_BRACKETS + 1) if angles > MAX_ANGLE_BRACKETS else -1,
              _nth(body, _MARKUP_RE, MAX_MARKUP_CHARACTERS + 1) if markup > MAX_MARKUP_CHARACTERS else -1,
              quotes[1] if quotes[0] > MAX_QUOTE_DEPTH else -1, lists[1] if lists[0] > MAX_LIST_INDENT else -1]
    return Cost(0, 0, angles, markup, quotes[0], lists[0], min((p for p in places if p >= 0), default=-1))


def _nth(text: str, pattern: re.Pattern, n: int) -> int:
    """Offset of the n-th match of `pattern` in `text` (-1 if there are fewer)."""
    for count, match in enumerate(pattern.finditer(text), start=1):
        if count == n:
            return match.start()
    return -1


def too_costly(cost: Cost) -> bool:
    return cost.angles > MAX_ANGLE_BRACKETS or cost.markup > MAX_MARKUP_CHARACTERS


def scan(body: str, first_line: int) -> Scan:
    visible = blank_code(body)
    cheap = cost_of(body, visible)
    if too_costly(cheap):  # refused for its cost alone: not worth parsing (nor safe to)
        return Scan((), (), frozenset(), (), cheap)
    starts = [0] + [m.end() for m in _NEWLINE.finditer(visible)]  # offset of each line

    def position(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return first_line + line, offset - starts[line] + 1

    links: list[Link] = []
    anchors: list[str] = []
    headings: list[Heading] = []
    link_ends: dict[int, bool] = {}  # offset just after a link or image -> is an image
    rescans, first_rescan = 0, -1
    if "[" in visible:
        found_links, rescans, first_rescan = _inline_links(visible)
        for start, end, target_start, target, text, image in found_links:
            # The link text as written (code spans are blanked in `visible`, at the same offsets).
            written = None if image else body[start + 1:start + 1 + len(text)]
            links.append(Link(target, *position(target_start), image, text if image else None, text=written))
            link_ends[end] = image
        for m in _REFERENCE_DEF.finditer(visible):
            links.append(Link(m.group(1), *position(m.start(1))))
    if "#" in visible:
        for heading in _ATX.finditer(visible):
            explicit = _ATTR_ID.search(heading.group(2))
            anchor = explicit.group(1) if explicit else slugify(_ATTR_ID.sub("", heading.group(2)))
            anchors.append(anchor)
            headings.append(Heading(anchor, *position(heading.start(2)), explicit=bool(explicit),
                                    level=len(heading.group(1)), mark_column=position(heading.start(1))[1]))

    tags: list[Tag] = []
    if "{" in visible:
        for m in _ATTR_LIST.finditer(visible):
            line_start = visible.rfind("\n", 0, m.start()) + 1
            line_end = visible.find("\n", m.start())
            line_end = len(visible) if line_end < 0 else line_end
            element = _attr_list_element(visible, m.start(), line_start, line_end, link_ends)
            if element is not None:
                attrs = attribute_list(m.group(1))
                tags.append(Tag(element, attrs, *position(m.start()), origin="attr-list"))
                if attrs.get("id") and element[0] != "h":  # heading ids are counted with the headings
                    anchors.append(attrs["id"] or "")
    if "!!!" in visible or "???" in visible:
        for m in _ADMONITION.finditer(visible):
            tags.append(Tag("div", {"class": "admonition " + " ".join(m.group(1).split())},
                            *position(m.start(1)), origin="admonition"))
    if "<" in visible:  # most bodies hold no HTML at all: skip the HTML parser
        for name, attrs, line, column in html_elements(visible):
            tags.append(Tag(name, attrs, first_line + line - 1, column))
            if attrs.get("id"):
                anchors.append(attrs["id"] or "")
    tags.sort(key=lambda tag: (tag.line, tag.column))
    for tag in tags:
        if tag.origin != "html":
            continue
        name, attrs, line, column = tag.name, tag.attrs, tag.line, tag.column
        for attr in ("href", "src"):
            if attrs.get(attr) is not None:
                links.append(Link(attrs[attr] or "", line, column, name == "img",
                                  attrs.get("alt") if name == "img" else None, in_html=True))
    links.sort(key=lambda link: (link.line, link.column))
    setext = [m.start() for m in _SETEXT.finditer(visible)] if "\n=" in visible or "\n-" in visible else []
    heading_offsets = sorted([starts[h.line - first_line] for h in headings] + setext)
    if setext and len(setext) <= MAX_HEADINGS:
        headings.extend(_setext_headings(visible, setext, position))
        headings.sort(key=lambda h: (h.line, h.column))
    places = [cheap.offset, first_rescan if rescans > MAX_RESCAN_CHARACTERS else -1,
              heading_offsets[MAX_HEADINGS] if len(heading_offsets) > MAX_HEADINGS else -1]
    cost = Cost(rescans, len(heading_offsets), cheap.angles, cheap.markup, cheap.quote_depth, cheap.list_indent,
                min((p for p in places if p >= 0), default=-1))
    return Scan(tuple(links), tuple(tags), frozenset(_dedupe_anchors(anchors)), tuple(headings), cost)


_MARKUP = "*_`&[]<>!\\|#{}"
_MARKUP_RE = re.compile("[" + re.escape(_MARKUP) + "]")
_ANGLE = re.compile("<")
_QUOTES = re.compile(r"^[ ]{0,3}(?:>[ ]?){2,}", re.MULTILINE)
_SETEXT = re.compile(r"^[ ]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)  # underlines of headings (and rules)
_LIST_INDENT = re.compile(r"^([ \t]{8,})(?:[-*+]|\d+[.)])[ \t]", re.MULTILINE)


def _setext_headings(visible: str, underlines: list[int], position) -> list[Heading]:
    """Headings underlined with '===' (level 1) or '---' (level 2), for the heading-level rule only
    (their anchors are not counted). As Python-Markdown reads them: the line of text must be the
    first line of its block, so the line above it is blank (or the start of the body)."""
    found: list[Heading] = []
    for offset in underlines:
        if offset == 0 or visible[offset] not in "=-":  # Python-Markdown: the underline starts the line
            continue
        text_start = visible.rfind("\n", 0, offset - 1) + 1
        text = visible[text_start:offset - 1]
        if not text.strip() or _ATX.match(text) or _NOT_SETEXT_TEXT.match(text):
            continue
        if text_start > 0:
            above_start = visible.rfind("\n", 0, text_start - 1) + 1
            if visible[above_start:text_start - 1].strip():
                continue
        level = 1 if visible[offset] == "=" else 2
        indent = len(text) - len(text.lstrip(" "))
        line, column = position(text_start + indent)
        found.append(Heading(slugify(text), line, column, level=level, mark_column=column))
    return found


# Lines above a '---' that make it something else than a heading underline: list items, quotes,
# table rows, HTML.
_NOT_SETEXT_TEXT = re.compile(r"^[ ]{0,3}(?:[-*+][ \t]|\d+[.)][ \t]|>|<|\|)|^[ ]{4}")


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
