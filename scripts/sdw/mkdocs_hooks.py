"""MkDocs hooks (renderer side only): pick the template for each page, sanitise its body.

Generated pages say what they are (`sdw_type` in their metadata); this maps
that to overrides/sdw/<type>.html when such a template exists, else to the
generic item template. The generator never names a template file.
"""

from __future__ import annotations

from pathlib import Path

from sdw.sanitize import sanitize

_templates: set[str] = set()
_GENERIC = {"home": "sdw/home.html", "listing": "sdw/listing.html"}


def on_config(config):
    _templates.clear()
    for folder in config.theme.dirs:
        _templates.update(p.name for p in (Path(folder) / "sdw").glob("*.html"))
    return config


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


def on_page_content(html, page, config, files):
    """Second fence after validation: no script, handler or unsafe URL reaches a reader."""
    return sanitize(html)
