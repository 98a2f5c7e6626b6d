"""Second fence: clean every page body with nh3 (ammonia, an HTML5 parser like the browser's).

Two cleaners, for the two kinds of markup a generated page holds:

- `clean_author`: what came from an author's Markdown body (the renderer finds it
  between the generator's body markers, see split_author()). It keeps exactly what
  sdw.policy allows: the policy's elements, and each attribute only when
  `policy.attribute_violation` has nothing against it (no data-*, no reserved
  ids or classes, images only from this site, players only from the video hosts).
  The validator reports the same violations with a line number, from the same
  functions, so the two fences cannot disagree.
- `clean_generated`: the generator's own markup around it (cards, facts, player
  blocks, filter data). Author text only reaches it escaped; this pass is defence
  in depth (no script, handler or unsafe URL) and keeps our own data-* attributes.

clean_generated has no Python callback, so nh3 releases the interpreter lock while
it works; the render stage runs both on a second thread next to MkDocs' own work.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from . import policy
from .schema import VIDEO_HOSTS

# The generator puts these around an author's body (pages.author_body). The renderer
# only trusts a pair it stamped with a secret of its own (see stamp_markers).
BODY_START, BODY_END = policy.AUTHOR_START, policy.AUTHOR_END


def _author_attribute(element: str, name: str, value: str) -> str | None:
    return None if policy.attribute_violation(element, name, value) else value


_AUTHOR = nh3.Cleaner(
    tags=set(policy.ELEMENTS),
    clean_content_tags=set(policy.DROPPED_WITH_CONTENT),
    attributes={"*": set(policy.GLOBAL_ATTRIBUTES), **{k: set(v) for k, v in policy.ELEMENT_ATTRIBUTES.items()}},
    attribute_filter=_author_attribute,
    url_schemes=set(policy.LINK_SCHEMES),
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
)

_GENERATED = nh3.Cleaner(
    tags=set(nh3.ALLOWED_TAGS) | {"iframe", "time", "article", "section", "nav", "figure", "figcaption"},
    clean_content_tags={"script", "style"},
    attributes={
        "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby",
              "hidden", "tabindex"},
        "a": {"href", "hreflang", "rel", "target"},
        "img": {"src", "alt", "width", "height", "loading", "decoding"},
        "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"},
        "time": {"datetime"},
        "td": {"colspan", "rowspan", "style"},
        "th": {"colspan", "rowspan", "style", "scope"},
        "ol": {"start", "type"},
    },
    generic_attribute_prefixes={"data-"},
    url_schemes=set(policy.LINK_SCHEMES),
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


def clean_author(html: str) -> str:
    """An author's part of a page, reduced to what sdw.policy allows."""
    return _AUTHOR.clean(html)


def clean_generated(html: str) -> str:
    """The generator's part of a page: no script, handler or unsafe URL; players only of the video hosts."""
    clean = _GENERATED.clean(html)
    return _IFRAME_SRC.sub(_player_src_only, clean) if "<iframe" in clean else clean


def sanitize(html: str) -> str:
    """A body without markers, all of it treated as the author's (the strictest reading)."""
    return clean_author(html)


def stamp_markers(markdown: str, secret: str) -> str | None:
    """Before Markdown conversion: stamp the generator's real body markers with `secret`.

    The real start marker is the first one (everything before it is generated, with
    author text escaped), the real end marker the last one (everything after it is
    generated too). Markers an author typed into a body lie between the two and stay
    unstamped, so they never count. None: the page has no author body.
    """
    start = markdown.find(BODY_START)
    end = markdown.rfind(BODY_END)
    if start < 0 or end < start:
        return None  # no author body on this page
    return (markdown[:start] + _stamped(BODY_START, secret) + markdown[start + len(BODY_START):end]
            + _stamped(BODY_END, secret) + markdown[end + len(BODY_END):])


def _stamped(marker: str, secret: str) -> str:
    return marker[:-4] + f" {secret} -->"


def split_author(html: str, secret: str) -> tuple[str, str, str] | None:
    """After conversion: (generated before, author's body, generated after), or None when the
    page has no stamped markers (a page without an author body).

    A start marker without its end (an author's text swallowed it) makes the rest
    of the page the author's: cleaned by the strict cleaner, never trusted."""
    start_marker = _stamped(BODY_START, secret)
    start = html.find(start_marker)
    if start < 0:
        return None
    body_from = start + len(start_marker)
    end = html.rfind(_stamped(BODY_END, secret))
    if end < body_from:
        return html[:start], html[body_from:], ""
    return html[:start], html[body_from:end], html[end + len(_stamped(BODY_END, secret)):]


def clean_page(html: str, secret: str | None) -> tuple[str, str, str]:
    """Clean a converted page body: (generated before, author's body, generated after), each cleaned.

    `secret`: what stamp_markers stamped this page's body markers with, or None for a page
    without an author body (listings, the home page). A page that had markers but lost
    its stamped start marker counts as the author's as a whole: strict, never trusted."""
    if secret is None:
        return clean_generated(html), "", ""
    parts = split_author(html, secret)
    if parts is None:
        return "", clean_author(html), ""
    before, author, after = parts
    return clean_generated(before), clean_author(author), clean_generated(after)
