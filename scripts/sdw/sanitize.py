"""Second fence: clean the HTML rendered from content with nh3 (ammonia), whatever validation let through.

Validation already refuses scripts, event handlers and unsafe URLs with a
message at the line; this makes sure nothing of the kind reaches a reader
even if a rule has a gap. Used by the render stage on each page's body.

The cleaner is built once and has no Python callback, so nh3 releases the
interpreter lock while it works: the render stage runs it on a second thread,
next to MkDocs' own (single-threaded) work. Players are limited to the video
hosts here with a plain pass over the few <iframe> tags instead of a callback.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from .schema import LINK_SCHEMES, VIDEO_HOSTS

TAGS = set(nh3.ALLOWED_TAGS) | {"iframe", "time", "article", "section", "nav", "figure", "figcaption"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby",
          "hidden", "tabindex"},
    "a": {"href", "hreflang", "rel", "target"},
    "img": {"src", "alt", "width", "height", "loading"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "ol": {"start", "type"},
}

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"data-"},
    url_schemes=set(LINK_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
)

# nh3's output is normalised: lower-case names, double-quoted values, `&quot;` inside.
_IFRAME_SRC = re.compile(r'(<iframe\b[^>]*?) src="([^"]*)"')


def _player_src_only(match: re.Match) -> str:
    src = match.group(2).replace("&amp;", "&")
    return match.group(0) if src.startswith("https://") and urlsplit(src).hostname in VIDEO_HOSTS \
        else match.group(1)


def sanitize(html: str) -> str:
    clean = _CLEANER.clean(html)
    return _IFRAME_SRC.sub(_player_src_only, clean) if "<iframe" in clean else clean
