"""Shared by the security tests: what may never be in a built page, and a fast way to render
a body the way the render stage does (Python-Markdown with mkdocs.yml's extensions, then
the hooks' own cleaning and players), without a whole MkDocs build.

`unsafe(html)` lists every breach of the invariants in a piece of built HTML:
- no event-handler attribute (on*);
- no script-capable address (javascript:, vbscript:, data:, file:) in any attribute a browser
  reads as an address (href, src, action, ...; our scripts' data-* too);
- no resource from another host: src/srcset/poster/data/background and <link>/<image> hrefs
  must be addresses on this site (relative, no scheme, no //);
- no element that runs code, loads styles or frames, or submits (script, style, iframe,
  object, embed, link, meta, base, form, svg, math, template, ...);
- no id, class or data-* attribute from content that collides with the theme's or ours
  (ids __*, md-*, sdw-*; classes md-*, sdw-*; any data-*), except on the click-to-load
  player blocks our own code makes (figure.sdw-video and what is inside it), whose
  service and id must have the form the player script accepts.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import markdown
from justhtml import JustHTML
from sdw import sanitize
from sdw.players import place_players
from sdw.policy import url_as_browser_reads, url_scheme
from sdw.videos import VIMEO_ID, YOUTUBE_ID

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN_ELEMENTS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base",
    "form", "input", "button", "select", "textarea", "svg", "math", "template", "noscript", "portal",
    "audio", "video", "source", "track", "picture", "image", "use", "bdo",
})
# Attributes a browser reads as an address (to follow, load, submit to or run).
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href",
                            "background", "cite", "longdesc", "ping", "manifest", "codebase", "lowsrc", "dynsrc",
                            "icon", "profile", "usemap", "itemtype", "content"})
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc",
                                 "xlink:href", "action", "formaction", "manifest", "ping", "codebase"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob"})
RESERVED_IDS = ("__", "md-", "sdw-")
RESERVED_CLASSES = ("md-", "sdw-")
PLAYER_CLASSES = frozenset({"sdw-video", "sdw-video__frame", "sdw-video__play", "sdw-video__icon",
                            "sdw-video__note", "sdw-video__poster"})
_CSS_URL = re.compile(r"url\s*\(", re.IGNORECASE)


def elements(html: str):
    """(name, attributes, inside a player block) for every element, as a browser parses `html`."""
    root = JustHTML(html, fragment=True, sanitize=False).root
    stack = [(root, False)]
    while stack:
        node, in_player = stack.pop()
        name = getattr(node, "name", "") or ""
        attrs = {str(k).lower(): ("" if v is None else str(v)) for k, v in (getattr(node, "attrs", None) or {}).items()}
        player = in_player or (name == "figure" and "sdw-video" in attrs.get("class", "").split())
        if name and not name.startswith("#"):
            yield name.lower(), attrs, player
        for child in getattr(node, "children", None) or ():
            stack.append((child, player))
        content = getattr(node, "template_content", None)
        if content is not None:
            stack.append((content, player))


def unsafe(html: str, *, generated: bool = False) -> list[str]:
    """Every breach of the invariants in `html`. `generated`: the markup is the generator's
    (listings, cards): our own ids, classes and data-* are expected there."""
    found: list[str] = []
    for name, attrs, player in elements(html):
        if name in FORBIDDEN_ELEMENTS:
            found.append(f"<{name}> element")
        for attr, value in attrs.items():
            if attr.startswith("on"):
                found.append(f"<{name} {attr}> event handler")
            if url_scheme(value) in SCRIPT_SCHEMES and (attr in URL_ATTRIBUTES or attr.startswith("data-")):
                found.append(f"<{name} {attr}={value[:40]!r}> script-capable address")
            if attr in RESOURCE_ATTRIBUTES or (attr == "href" and name in ("link", "image", "use")):
                for part in (value.split(",") if attr == "srcset" else [value]):
                    part = url_as_browser_reads(part).split(" ")[0]
                    if url_scheme(part) is not None or part.startswith("/"):
                        found.append(f"<{name} {attr}={part[:40]!r}> resource from another host")
            if attr == "style" and _CSS_URL.search(value):
                found.append(f"<{name} style={value[:40]!r}> resource in style")
            if generated:
                continue
            if player:
                if attr == "data-sdw-video-service" and value not in ("youtube", "vimeo"):
                    found.append(f"player service {value!r}")
                if attr == "data-sdw-video-id" and not (YOUTUBE_ID.fullmatch(value) or VIMEO_ID.fullmatch(value)):
                    found.append(f"player id {value!r}")
                if attr == "class" and not set(value.split()) <= PLAYER_CLASSES:
                    found.append(f"player class {value!r}")
                continue
            if attr.startswith("data-"):
                found.append(f"<{name} {attr}> data attribute from content")
            if attr == "id" and value.lower().startswith(RESERVED_IDS):
                found.append(f"<{name} id={value!r}> reserved id")
            if attr == "class" and any(t.lower().startswith(RESERVED_CLASSES) for t in value.split()):
                found.append(f"<{name} class={value!r}> reserved class")
    return found


@cache
def _markdown_config() -> tuple[list, dict]:
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, value), = entry.items()
            names.append(name)
            options[name] = value or {}
        else:
            names.append(entry)
    return names, options


def convert(markdown_text: str) -> str:
    names, options = _markdown_config()
    return markdown.Markdown(extensions=names, extension_configs=options).convert(markdown_text)


SECRET = "0123456789abcdef0123456789abcdef"


def render_page(page_markdown: str, title: str = "Pagina", *, has_author_body: bool = True) -> tuple[str, str]:
    """A generated page's Markdown body rendered as the render stage does (markers stamped,
    converted, cleaned per part, players placed). Returns (whole body HTML, author's part)."""
    stamped = sanitize.stamp_markers(page_markdown, SECRET)
    secret = SECRET if stamped is not None or has_author_body else None
    html = convert(page_markdown if stamped is None else stamped)
    parts = sanitize.clean_page(html, secret)
    body, _ = place_players(parts, title)
    return body, parts[1]


def render_author_body(body: str, title: str = "Pagina") -> str:
    """An author's body alone, between the generator's markers: the author's part as a reader gets it."""
    from sdw.generate import author_body

    html, _ = render_page(author_body(body), title)
    return html
