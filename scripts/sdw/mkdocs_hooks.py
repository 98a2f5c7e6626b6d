"""MkDocs hooks (renderer side only): pick the template for each page, sanitise its body.

Generated pages say what they are (`sdw_type` in their metadata); this maps
that to overrides/sdw/<type>.html when such a template exists, else to the
generic item template. The generator never names a template file. After
sanitising, video players become click-to-load placeholders (sdw/players.py).
The newsletter and feedback endpoints in `extra:` are checked here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import event_priority

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
    """A fresh memo per build for partials that do not depend on the page (see partials/nav.html)."""
    env.globals["sdw_memo"] = {}
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
    return markdown


# Material's page script fetches search/search_index.json on every page load.
# Online we leave a stub there and move the index aside; our worker fetches it
# on the first query, so a reader who never searches never downloads it.
# Offline (file://) Material already loads the index only when search opens.
LAZY_INDEX = "sdw_index.json"


@event_priority(-50)  # after the search plugin writes the index (0), before offline inlines it (-100)
def on_post_build(config):
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
    Then players become click-to-load placeholders; only those pages load sdw-video.js."""
    html, videos = click_to_load(sanitize(html), page.title or "")
    page.meta["sdw_video"] = videos > 0
    return html
