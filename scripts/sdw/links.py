"""Find the links in a Markdown body, with their line numbers (used by validate)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_INLINE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    column: int

    @property
    def is_external(self) -> bool:
        return bool(_SCHEME.match(self.target)) or self.target.startswith("//")


def find_links(body: str, first_line: int) -> list[Link]:
    """Inline Markdown links and images, and href/src in raw HTML, outside code."""
    links: list[Link] = []
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)[0]
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
            continue
        if fence is not None:
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for pattern in (_INLINE, _HTML_HREF):
            for m in pattern.finditer(visible):
                links.append(Link(m.group(1), first_line + offset, m.start(1) + 1))
    links.sort(key=lambda l: (l.line, l.column))
    return links
