"""MkDocs hooks (renderer side only): pick the template for each page, sanitise its body.

Generated pages say what they are (`sdw_type` in their metadata); this maps
that to overrides/sdw/<type>.html when such a template exists, else to the
generic item template. The generator never names a template file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority

from sdw.render import OFFLINE_ENV
from sdw.sanitize import sanitize

_templates: set[str] = set()
_GENERIC = {"home": "sdw/home.html", "listing": "sdw/listing.html"}


def on_config(config):
    _templates.clear()
    for folder in config.theme.dirs:
        _templates.update(p.name for p in (Path(folder) / "sdw").glob("*.html"))
    return config


def on_env(env, config, files):
    """A fresh memo per build for partials that do not depend on the page (see partials/nav.html)."""
    env.globals["sdw_memo"] = {}
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
    """Second fence after validation: no script, handler or unsafe URL reaches a reader."""
    return sanitize(html)
