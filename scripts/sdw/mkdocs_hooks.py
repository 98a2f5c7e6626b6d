"""MkDocs hooks (renderer side only): pick the template for each page, sanitise its body.

Generated pages say what they are (`sdw_type` in their metadata); this maps
that to overrides/sdw/<type>.html when such a template exists, else to the
generic item template. The generator never names a template file. After
sanitising, video players become click-to-load placeholders (sdw/players.py).
The newsletter and feedback endpoints in `extra:` are checked here.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import event_priority

from sdw import minify
from sdw.players import click_to_load
from sdw.render import OFFLINE_ENV
from sdw.sanitize import sanitize
from sdw.schema import ARTICLE_TYPES

_templates: set[str] = set()
_GENERIC = {"home": "sdw/home.html", "listing": "sdw/listing.html"}


_FIELD_NAME = re.compile(r"[A-Za-z0-9_.:\[\]-]{1,64}")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _endpoint(value, setting: str, env: str) -> str:
    """An endpoint from `extra:`: empty (feature off), https://, or http:// on this machine (tests)."""
    value = str(value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.hostname and (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK)):
        return value
    raise ConfigurationError(f"{setting} ({env}) moet een webadres zijn dat met https:// begint, niet {value!r}.")


def on_config(config):
    _templates.clear()
    for folder in config.theme.dirs:
        _templates.update(p.name for p in (Path(folder) / "sdw").glob("*.html"))
    newsletter = dict(config.extra.get("newsletter") or {})
    newsletter["action"] = _endpoint(newsletter.get("action"), "extra.newsletter.action", "SDW_NEWSLETTER_URL")
    field = str(newsletter.get("email_field") or "EMAIL")
    if not _FIELD_NAME.fullmatch(field):
        raise ConfigurationError(f"extra.newsletter.email_field ({field!r}) is geen geldige veldnaam.")
    newsletter["email_field"] = field
    feedback = dict(config.extra.get("feedback") or {})
    feedback["endpoint"] = _endpoint(feedback.get("endpoint"), "extra.feedback.endpoint", "SDW_FEEDBACK_URL")
    config.extra["newsletter"], config.extra["feedback"] = newsletter, feedback
    return config


def on_env(env, config, files):
    """A fresh memo per build for partials that do not depend on the page (see partials/nav.html).

    `tojson` (JSON-LD, Material's config) writes compact JSON: no spaces, UTF-8 as is;
    Jinja still turns <, >, & and ' into \\u escapes, so it is safe inside <script>.
    """
    env.globals["sdw_memo"] = {}
    # MkDocs makes a new Jinja environment per build, which compiles every template
    # again (about 0.9 s here); compiled templates are kept in .build/jinja/ instead.
    # Jinja checks each entry against the template's source, so an edit is never missed.
    cache = Path(config.config_file_path or ".").resolve().parent / ".build" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    env.globals["sdw_article_types"] = [t.name for t in ARTICLE_TYPES]
    return env


def on_page_markdown(markdown, page, config, files):
    kind = page.meta.get("sdw_type")
    if kind and "template" not in page.meta:
        if kind in _GENERIC:
            page.meta["template"] = _GENERIC[kind]
        elif f"{kind}.html" in _templates:
            page.meta["template"] = f"sdw/{kind}.html"
        else:
            page.meta["template"] = "sdw/item.html"
    # MkDocs' Jinja does not autoescape, and Material prints title and description
    # as they are (<title>, <meta content="...">): an author's quote mark or "<"
    # would end the attribute or element. Markup keeps `| e` from escaping twice.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup.escape(value)
    return markdown


def on_page_context(context, page, config, nav):
    """The canonical address is the published one the generator computed (`sdw_url`),
    also in the offline build, whose own links end in .html (the sitemap uses it too)."""
    url = page.meta.get("sdw_url")
    if url:
        page.canonical_url = url
    return context


# Material's page script fetches search/search_index.json on every page load.
# Online we leave a stub there and move the index aside; our worker fetches it
# on the first query, so a reader who never searches never downloads it.
# Offline (file://) Material already loads the index only when search opens.
LAZY_INDEX = "sdw_index.json"


# Our own assets as the reader downloads them: without comments and indentation
# (the sources in overrides/ keep both).
MINIFIED = {"assets/stylesheets/sdw.css": minify.css}


def _minify(config):
    site = Path(config.site_dir)
    targets = [(site / rel, fn) for rel, fn in MINIFIED.items()]
    targets += [(p, minify.js) for p in (site / "assets" / "javascripts").rglob("sdw*.js")]
    for path, fn in targets:
        if path.is_file():
            path.write_text(fn(path.read_text(encoding="utf-8")), encoding="utf-8")


@event_priority(-50)  # after the search plugin writes the index (0), before offline inlines it (-100)
def on_post_build(config):
    _minify(config)
    if os.environ.get(OFFLINE_ENV, "false").lower() == "true":
        return
    folder = Path(config.site_dir) / "search"
    index = folder / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    index.replace(folder / LAZY_INDEX)
    stub = {"config": {**data["config"], "sdw_index": f"search/{LAZY_INDEX}"}, "docs": []}
    index.write_text(json.dumps(stub, ensure_ascii=False), encoding="utf-8")


def on_page_content(html, page, config, files):
    """Second fence after validation: no script, handler or unsafe URL reaches a reader.
    Then players become click-to-load placeholders (only those pages load sdw-video.js),
    and internal links get their published address for print (see print_urls)."""
    html, videos = click_to_load(sanitize(html), page.title or "")
    page.meta["sdw_video"] = videos > 0
    return print_urls(html, page, config)


_INTERNAL_LINK = re.compile(r'<a href="(?![a-z][a-z0-9+.-]*:|//|#)([^"]+)"')


def print_urls(html: str, page, config) -> str:
    """Give every relative link `data-sdw-url`: the full published address it opens.

    The print style writes it after the link text (CSS can show an attribute but
    cannot resolve a relative link). Offline builds link to .html files; the
    address printed is still the published one (directory URLs), so a printed
    copy of either build names the same pages.
    """
    site = config.site_url or ""
    if not site:
        return html
    site = site if site.endswith("/") else site + "/"
    here = urljoin(site, page.url)

    def published(match: re.Match) -> str:
        href = htmllib.unescape(match.group(1))
        target, _, fragment = urljoin(here, href).partition("#")
        if target.endswith("/index.html"):
            target = target[: -len("index.html")]
        elif target.endswith(".html"):
            target = target[: -len(".html")] + "/"
        url = target + ("#" + fragment if fragment else "")
        return f'{match.group(0)} data-sdw-url="{htmllib.escape(url)}"'

    return _INTERNAL_LINK.sub(published, html)
