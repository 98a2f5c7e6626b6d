"""Which pages a change adds, changes or removes: two built sites compared page by page.

Used by the pull-request workflow: the site is built once from the base branch's
content and once from the pull request's (same code, same day, same address), and
the difference becomes the "Pagina's" part of the preview comment, with a link to
every page in the preview. Only a page's own content counts (Material's <article>
up to the end of <main>), so a new page in the navigation does not mark every
other page as changed. Reads built HTML only: no MkDocs, no content model.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# The part of a page that is its own: Material's content area. Pages without it
# (a redirect, a bare file) are compared whole.
_CONTENT_START = '<article class="md-content__inner'
_CONTENT_END = "</main>"
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_AROUND_TAGS = re.compile(r" ?(<[^>]*>) ?")  # layout whitespace next to tags is no change
# Material's own pages and ours that are not reader pages of the site.
_SKIPPED = {"404.html"}
LIST_LIMIT = 25  # pages named per group in the summary; the rest are counted


@dataclass(frozen=True)
class Page:
    path: str  # site-relative URL: "verhalen/x/" or "x.html"
    title: str


@dataclass(frozen=True)
class Difference:
    added: list[Page]
    changed: list[Page]
    removed: list[Page]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def page_url(relative: Path) -> str:
    """The URL of a built file: directory URLs for index.html, the file otherwise."""
    parts = relative.parts
    if parts[-1] == "index.html":
        return "/".join(parts[:-1]) + ("/" if len(parts) > 1 else "")
    return "/".join(parts)


def _text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def _read(path: Path) -> tuple[str, str]:
    """(own content, title) of one built page."""
    source = path.read_text(encoding="utf-8", errors="replace")
    start = source.find(_CONTENT_START)
    if start < 0:
        own = source
    else:
        end = source.find(_CONTENT_END, start)
        own = source[start:end if end >= 0 else len(source)]
    found = _H1.search(own) or _TITLE.search(source)
    title = _text(found.group(1)) if found else ""
    return _AROUND_TAGS.sub(r"\1", _SPACE.sub(" ", own)).strip(), title


def _pages(site: Path) -> dict[str, Path]:
    if not site.is_dir():
        return {}
    pages = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site)
        if relative.as_posix() in _SKIPPED or path.is_symlink() or not path.is_file():
            continue
        pages[page_url(relative)] = path
    return pages


def compare(old_site: Path, new_site: Path) -> Difference:
    """Pages only in new_site, in both but with other content, and only in old_site; sorted by URL."""
    old, new = _pages(old_site), _pages(new_site)
    added, changed, removed = [], [], []
    for url in sorted(new):
        content, title = _read(new[url])
        if url not in old:
            added.append(Page(url, title))
        elif _read(old[url])[0] != content:
            changed.append(Page(url, title))
    for url in sorted(set(old) - set(new)):
        removed.append(Page(url, _read(old[url])[1]))
    return Difference(added, changed, removed)


_PLAIN_PATH = re.compile(r"[A-Za-z0-9._/-]*")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&\"'])")


def markdown_text(text: str, limit: int = 120) -> str:
    """Text that GitHub shows as written: Markdown and HTML characters escaped, one line, clipped."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown(difference: Difference, base_url: str) -> str:
    """The Dutch Markdown summary: per group the pages with a link into the preview at base_url."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    if difference.empty:
        return "### Pagina's\n\nDeze wijziging verandert geen pagina's van de site.\n"
    lines = ["### Pagina's", ""]
    groups = (("Nieuw", difference.added, True), ("Gewijzigd", difference.changed, True),
              ("Verdwenen", difference.removed, False))
    for label, pages, linked in groups:
        if not pages:
            continue
        lines.append(f"**{label} ({len(pages)}):**")
        lines.append("")
        for page in pages[:LIST_LIMIT]:
            name = markdown_text(page.title or page.path or "/")
            shown = f"`{page.path or '/'}`" if _PLAIN_PATH.fullmatch(page.path) else markdown_text(page.path, 200)
            lines.append(f"- [{name}]({base}{quote(page.path)}) — {shown}" if linked else f"- {name} — {shown}")
        if len(pages) > LIST_LIMIT:
            lines.append(f"- … en nog {len(pages) - LIST_LIMIT}")
        lines.append("")
    return "\n".join(lines)
