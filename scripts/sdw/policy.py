"""The trust boundary: what author content may become, defined once.

Everything in a pull request is untrusted: the Markdown body and the HTML in
it, Markdown attribute lists, front-matter values, file names and file bytes.
This module says what of it may reach a reader, per context:

- body HTML: the elements and attributes an author's HTML (or the HTML that
  Markdown makes of the author's text) may carry, which URL schemes links may
  use and where resources may come from (images: this site only; players:
  the video hosts only);
- Markdown attribute lists (`{ #id .class key=value }`): the same judgement,
  on the element the list attaches to;
- front-matter values: text without control, direction-changing or invisible
  characters; web addresses that parse as absolute http(s) URLs with a host.

Both fences are derived from the functions here, so they cannot disagree:
the validator (validate_body.py, validate.py) reports every Violation (worded
by its rule in rules.py) as a Dutch rule error at `path:line:column`, and
the sanitiser (sanitize.py) keeps exactly what `attribute_violation` and
`ELEMENTS` let through.

Names the theme and our scripts give meaning to are reserved: author markup
may not carry ids starting with `__`, `md-` or `sdw-`, classes starting with
`md-` or `sdw-`, or any `data-*` attribute (Material reads `data-md-*`, our
scripts `data-sdw-*`, the search index `data-search-exclude`; authors need none).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import rules
from .characters import SUSPECT
from .problems import Violation
from .schema import VIDEO_HOSTS

# The generator puts these around an author's body on every item page, so the renderer
# can tell the author's part of a page from its own (sanitize.clean_page). The renderer
# trusts only a pair it stamps with a secret of its own, never one typed in a body.
AUTHOR_START = "<!-- sdw:inhoud -->"
AUTHOR_END = "<!-- /sdw:inhoud -->"

# --- Body HTML ------------------------------------------------------------------------

# Elements an author's HTML may use. Everything else (script, style, form controls,
# object/embed, svg/math, link/meta/base, template, bdo, custom elements, ...) is refused.
ELEMENTS: frozenset[str] = frozenset({
    # text
    "a", "abbr", "b", "br", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
    # blocks
    "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol", "p", "pre", "section", "summary",
    "ul",
    # tables
    "caption", "col", "colgroup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    # media: images from content/, players of the video hosts (made click-to-load)
    "img", "iframe",
})
# Elements whose content is dropped with them (the rest keep their text when removed).
DROPPED_WITH_CONTENT: frozenset[str] = frozenset({"script", "style", "template", "noscript", "textarea",
                                                  "title", "xmp", "noembed", "noframes"})

GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"id", "class", "title", "lang"})
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "target", "rel"}),  # target and rel: only the values below
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    # What a player's "embed" code carries; the iframe itself becomes a click-to-load block.
    "iframe": frozenset({"src", "title", "width", "height", "allow", "allowfullscreen", "loading",
                         "frameborder", "referrerpolicy"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "style", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "details": frozenset({"open"}),
}
# Attributes whose value must be one of a few words (what text copied from another site carries).
ATTRIBUTE_VALUES: dict[str, frozenset[str]] = {
    "target": frozenset({"_blank", "_self"}),
    "rel": frozenset({"noopener", "noreferrer", "nofollow", "external"}),
}
# md_in_html reads (and removes) this attribute on the author's HTML blocks.
MARKDOWN_ATTRIBUTE = "markdown"

# Links may use these schemes (or be relative); anything else (javascript:, data:, file:, ...) is refused.
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES: frozenset[str] = frozenset({"href", "src"})

RESERVED_ID_PREFIXES: tuple[str, ...] = ("__", "md-", "sdw-")
RESERVED_CLASS_PREFIXES: tuple[str, ...] = ("md-", "sdw-")
# Style is allowed only where Markdown tables put it: the alignment of a cell.
_CELL_STYLE = re.compile(r"\s*text-align\s*:\s*(left|right|center|justify)\s*;?\s*", re.IGNORECASE)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_ID = re.compile(r"[^\s]{1,200}")  # an id is one word (HTML); an empty one crashes the renderer's toc
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_C0_SPACE = "".join(chr(c) for c in range(0x21))


def element_violation(name: str) -> Violation | None:
    if name in ELEMENTS:
        return None
    return rules.forbidden_element(name)


def url_as_browser_reads(url: str) -> str:
    """The address the way a browser's URL parser sees it: without leading and trailing
    control characters and spaces, tabs and newlines removed anywhere, '\\' read as '/'."""
    return _TAB_NEWLINE.sub("", url.strip(_C0_SPACE)).replace("\\", "/")


def url_scheme(url: str) -> str | None:
    """'https', 'mailto', ... (lower case), '//' for a protocol-relative address, None for a relative one."""
    url = url_as_browser_reads(url)
    match = _SCHEME.match(url)
    if match:
        return match.group(1).lower()
    return "//" if url.startswith("//") else None


def url_violation(element: str, url: str) -> Violation | None:
    """An address in href/src: links to http(s), mailto or relative; images only from this
    site; players only from the video hosts."""
    scheme = url_scheme(url)
    if element == "iframe":
        parts = urlsplit(url_as_browser_reads(url))
        if scheme == "https" and (parts.hostname or "") in VIDEO_HOSTS and not parts.username and not parts.port:
            return None
        return rules.iframe_from(parts.hostname or url)
    if (scheme is not None and scheme not in LINK_SCHEMES) or (scheme == "mailto" and element != "a"):
        return rules.unsafe_scheme(element, url, scheme)
    if element != "a" and scheme is not None:
        return rules.external_image(url)
    if element != "a" and url_as_browser_reads(url).startswith("/"):
        return rules.image_from_server_root(url)
    return None


def attribute_violation(element: str, name: str, value: str | None, *, source: bool = False) -> Violation | None:
    """Whether an author may put this attribute on this element. `source`: the author's own
    HTML as written (md_in_html's `markdown` attribute is allowed there: the renderer consumes it)."""
    name = name.lower()
    value = value or ""
    if name.startswith("on"):
        return rules.event_attribute(element, name)
    if source and name == MARKDOWN_ATTRIBUTE:
        return None
    if name.startswith("data-"):
        return rules.data_attribute(name)
    if name == "style" and (element not in ("td", "th") or not all(
            _CELL_STYLE.fullmatch(part) for part in value.split(";") if part.strip())):
        return rules.style_attribute(value)
    if name not in GLOBAL_ATTRIBUTES and name not in ELEMENT_ATTRIBUTES.get(element, ()):
        return rules.attribute_not_allowed(element, name, GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(element, set()))
    if name in ATTRIBUTE_VALUES and not set(value.lower().split()) <= ATTRIBUTE_VALUES[name]:
        return rules.attribute_value_not_allowed(element, name, value, ATTRIBUTE_VALUES[name])
    if name == "id" and not _ID.fullmatch(value):
        return rules.invalid_id(value)
    if name == "id" and value.strip().lower().startswith(RESERVED_ID_PREFIXES):
        return rules.reserved_id(value, _reserved_prefix(value, RESERVED_ID_PREFIXES))
    if name == "class":
        for token in value.split():
            if token.lower().startswith(RESERVED_CLASS_PREFIXES):
                return rules.reserved_class(token, _reserved_prefix(token, RESERVED_CLASS_PREFIXES))
    if name in URL_ATTRIBUTES:
        return url_violation(element, value)
    return None


def heading_id_violation(anchor: str) -> Violation | None:
    """A heading's id, made from its text by the renderer, that would take a reserved name."""
    if not anchor.lower().startswith(RESERVED_ID_PREFIXES):
        return None
    return rules.reserved_heading_id(anchor, _reserved_prefix(anchor, RESERVED_ID_PREFIXES))


def _reserved_prefix(value: str, prefixes: tuple[str, ...]) -> str:
    return next(p for p in prefixes if value.strip().lower().startswith(p))


# --- Front-matter values ----------------------------------------------------------------

# Characters that break feeds and calendars or make text read differently from what it is:
# sdw.characters (SUSPECT in front-matter values, BODY_SUSPECT in a body).


def text_violation(field: str, text: str) -> Violation | None:
    """A front-matter text value: no control, direction-changing or invisible characters, no tab
    (a newline may stand in a block of text)."""
    match = SUSPECT.search(text)
    tab = text.find("\t")
    offsets = [o for o in (match.start() if match else -1, tab) if o >= 0]
    if not offsets:
        return None
    offset = min(offsets)
    return rules.invisible_in_value(field, text[offset], offset + 1)


_HOST = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?")
# Not in a web address as authors copy it: what could end an attribute or a Markdown link or
# image (spaces, quotes, angle brackets, square brackets, backslashes) and controls.
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\[\]\\`{}|^\x00-\x1f\x7f]")


def web_address_violation(field: str, text: str) -> Violation | None:
    """A front-matter web address: absolute http(s) with a real host name; nothing in it that
    could end an attribute or a Markdown link (spaces, quotes, angle brackets, controls)."""
    bad = _URL_FORBIDDEN.search(text) or SUSPECT.search(text)
    if bad:
        return rules.address_character(field, bad.group(0), bad.start() + 1)
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not text.lower().startswith(("http://", "https://")):
        return rules.address_not_absolute(field, text)
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = (parts.hostname or "").lower()
    if parts.username is not None or port == -1 or not _HOST.fullmatch(host):
        return rules.address_without_host(field, text)
    return None
