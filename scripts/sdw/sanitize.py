"""Second fence: clean the HTML rendered from content with nh3 (ammonia), whatever validation let through.

Validation already refuses scripts, event handlers and unsafe URLs with a
message at the line; this makes sure nothing of the kind reaches a reader
even if a rule has a gap. Used by the render stage on each page's body.
"""

from __future__ import annotations

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


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        return value if urlsplit(value).hostname in VIDEO_HOSTS and value.startswith("https://") else None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        attribute_filter=_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
