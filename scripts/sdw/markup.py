"""Markup: the generator's Jinja partials in overrides/sdw/blocks/, fed with data by pages.py.

Python decides what a page shows; the partials decide how it looks, so a designer
changes a card without touching Python. The partials write Markdown with HTML
blocks (Python-Markdown's md_in_html), not a renderer's templates: no MkDocs here.

Escaping is on by default: every value is escaped for HTML unless it is markup
already. Text that lands in Markdown (a heading, a link text, a `markdown="span"`
element) goes through the `md` filter, which also escapes Markdown's own syntax;
an image path in a Markdown link goes through `target`. A name the data does not
have is an error (StrictUndefined), not an empty string.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

BLOCKS = Path(__file__).resolve().parents[2] / "overrides" / "sdw" / "blocks"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def esc(text: str) -> str:
    """Author text placed inside Markdown: no markup of its own."""
    return _MD_SPECIAL.sub(r"\\\1", html.unescape(text)).replace("&", "&amp;")


def image_target(path: str) -> str:
    """A checked image path (relative, safe file names) as a Markdown link target."""
    return "<" + quote(path, safe="/._-~") + ">"


@cache
def _environment(folder: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
        auto_reload=False)  # no stat per page: the preview calls reload() when stamp() changes
    env.filters["md"] = lambda text: Markup(esc(str(text)))
    env.filters["target"] = lambda path: Markup(image_target(str(path)))
    return env


def render(name: str, **data: Any) -> str:
    """One partial of overrides/sdw/blocks/ with `data`, as Markdown."""
    return _environment(str(BLOCKS)).get_template(name).render(**data).strip()


def reload() -> None:
    """Read the partials again on the next render (the preview, after a designer's edit)."""
    _environment.cache_clear()


def stamp() -> tuple[tuple[str, int, int], ...]:
    """Which partials there are and when each last changed: the preview reuses a page only while
    this stays the same, so a designer's edit shows on the next save."""
    found = []
    for path in sorted(BLOCKS.glob("*.html")):
        info = path.stat()
        found.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(found)
