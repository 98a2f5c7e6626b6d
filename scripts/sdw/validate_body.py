"""Body rules: links and anchors between content files, images, and markup outside sdw.policy.

Called by validate.py with the scan of every file, so a link can be checked
against the anchors of the file it points to. Every element and attribute an
author wrote (in HTML, attribute lists or admonitions) is judged by the same
policy functions the sanitiser keeps or drops it by.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Mapping
from types import MappingProxyType
from urllib.parse import unquote, urlsplit

from . import policy, rules
from .load import RefusedAsset, SourceFile
from .problems import Problem, Violation
from .scan import Link, Scan, Tag, slugify
from .schema import (
    IMAGE_SUFFIXES,
    MAX_ANGLE_BRACKETS,
    MAX_HEADINGS,
    MAX_LIST_INDENT,
    MAX_MARKUP_CHARACTERS,
    MAX_QUOTE_DEPTH,
    MAX_RESCAN_CHARACTERS,
    SAFE_NAME_PATTERN,
    SITE_HOSTS,
)
from .videos import parse_video

_NONE: Mapping[str, RefusedAsset] = MappingProxyType({})


def check_body(source: SourceFile, scanned: Scan, anchors: dict[str, frozenset[str]],
               assets: set[str], problems: list[Problem], refused: Mapping[str, RefusedAsset] = _NONE) -> None:
    """`anchors`: linkable page path → its anchors; `assets`: image paths below content/;
    `refused`: images that exist but are not published (path below content/ → why)."""
    base = posixpath.dirname(source.rel)
    check_cost(source, scanned, problems)
    for tag in scanned.tags:
        _check_tag(source, tag, problems)
    for heading in scanned.headings:
        violation = None if heading.explicit else policy.heading_id_violation(heading.anchor)
        if violation:
            problems.append(violation.at(source.path, heading.line, heading.column))
    check_heading_levels(source, scanned, problems)
    for link in scanned.links:
        if link.text is not None and not _NOT_TEXT.sub("", link.text):
            problems.append(rules.link_without_text(link.target).at(source.path, link.line, link.column))
        if link.scheme in ("http", "https") and not link.image and _own_site_link(source, link, anchors, problems):
            continue
        if not link.in_html:  # an HTML element's addresses were judged with its other attributes
            # Markdown leaves character references in a target for the browser to decode.
            violation = policy.url_violation("img" if link.image else "a", html.unescape(link.target))
            if violation:
                problems.append(violation.at(source.path, link.line, link.column))
                continue
        elif policy.url_scheme(link.target) is not None:
            continue
        if link.image:
            _check_image(source, link, base, assets, problems, refused)
        elif link.scheme is None and not link.target.startswith("#"):
            _check_internal(source, link, base, anchors, problems)
        elif link.target.startswith("#") and len(link.target) > 1:
            own = anchors.get(source.rel, frozenset())
            if unquote(link.target[1:]) not in own:
                problems.append(rules.missing_anchor(link.target, own).at(source.path, link.line, link.column))


_HTML_HEADING = {f"h{n}": n for n in range(1, 7)}
_NOT_TEXT = re.compile(r"[\s*_`~]+")  # spaces and emphasis marks: a link text of only these is empty


def check_heading_levels(source: SourceFile, scanned: Scan, problems: list[Problem]) -> None:
    """SDW045: the page title is the only level-1 heading, and no heading skips a level
    (Markdown headings, '==='/'---' underlined ones and HTML <h1>-<h6> alike)."""
    found = [(h.line, h.mark_column or h.column, h.level) for h in scanned.headings if h.level]
    found += [(t.line, t.column, _HTML_HEADING[t.name]) for t in scanned.tags
              if t.origin == "html" and t.name in _HTML_HEADING]
    previous = 1  # the page title
    for line, column, level in sorted(found):
        if level == 1 or level > previous + 1:
            problems.append(rules.heading_level(level, previous).at(source.path, line, column))
        previous = level


def _own_site_link(source: SourceFile, link: Link, anchors: dict[str, frozenset[str]],
                   problems: list[Problem]) -> bool:
    """SDW047: a link with the full address of a page of this site. True when reported."""
    try:
        parts = urlsplit(html.unescape(link.target.strip()))
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if host not in SITE_HOSTS:
        return False
    path = unquote(parts.path).strip("/")
    last = path.rsplit("/", 1)[-1]
    if "." in last and not last.endswith((".html", ".md")):
        return False  # a feed, calendar or other file: no .md file to link to instead
    path = re.sub(r"(?:^|/)index\.html$|\.html$|\.md$", "", path).strip("/")
    candidates = [f"{path}.md", f"{path}/index.md"] if path else ["index.md"]
    target = next((c for c in candidates if c in anchors), None)
    relative = None
    if target is not None:
        relative = posixpath.relpath(target, posixpath.dirname(source.rel) or ".")
        relative += f"#{parts.fragment}" if parts.fragment else ""
    problems.append(rules.own_site_address(link.target, relative).at(source.path, link.line, link.column))
    return True


# The bound on each measure of a body's cost (sdw.scan.Cost), in the order a message names them.
_COST_LIMITS = (("rescans", MAX_RESCAN_CHARACTERS), ("headings", MAX_HEADINGS), ("angles", MAX_ANGLE_BRACKETS),
                ("markup", MAX_MARKUP_CHARACTERS), ("list_indent", MAX_LIST_INDENT),
                ("quote_depth", MAX_QUOTE_DEPTH))


def check_cost(source: SourceFile, scanned: Scan, problems: list[Problem]) -> None:
    """A body the renderer would take too long over: refused before anything is built."""
    cost = scanned.cost
    over = [(name, getattr(cost, name), limit) for name, limit in _COST_LIMITS if getattr(cost, name) > limit]
    if over:
        line, column = source.body_line, 1
        if cost.offset >= 0:
            line += source.body.count("\n", 0, cost.offset)
            column = cost.offset - source.body.rfind("\n", 0, cost.offset)
        problems.append(rules.too_complex(over).at(source.path, line, column))


def _check_tag(source: SourceFile, tag: Tag, problems: list[Problem]) -> None:
    """An element (or attribute list, or admonition) against sdw.policy, as the sanitiser judges it."""
    if tag.origin == "html":
        violation: Violation | None = policy.element_violation(tag.name)
        src = tag.attrs.get("src") or ""
        if tag.name == "iframe" and violation is None:
            if not policy.url_violation("iframe", src) and parse_video(src) is None:
                violation = rules.iframe_not_a_player(src)
            elif "src" not in tag.attrs:
                violation = rules.iframe_without_src()
        if violation:
            problems.append(violation.at(source.path, tag.line, tag.column))
            return  # the sanitiser drops the element with all its attributes
    for name, value in tag.attrs.items():
        violation = policy.attribute_violation(tag.name, name, value, source=tag.origin == "html")
        if violation:
            problems.append(rules.written_in(violation, tag.origin).at(source.path, tag.line, tag.column))


def _check_image(source: SourceFile, link: Link, base: str, assets: set[str], problems: list[Problem],
                 refused: Mapping[str, RefusedAsset]) -> None:
    if link.scheme in ("http", "https"):
        problems.append(rules.external_image(link.target).at(source.path, link.line, link.column))
        return
    check_image_path(source, link.target, link.line, link.column, assets, problems, refused=refused)
    if not (link.alt or "").strip():
        problems.append(rules.no_alt_text(link.target).at(source.path, link.line, link.column))


# A relative path of safe folder and file names, as the loader accepts them for images.
_IMAGE_PATH = re.compile(rf"(?:(?:\.\.?|{SAFE_NAME_PATTERN})/)*{SAFE_NAME_PATTERN}")


def image_target_rel(source_rel: str, target: str) -> str:
    """The path below content/ of an image target as written in the file at `source_rel`: an
    address, so without its ?query and #fragment and with %XX decoded."""
    base = posixpath.dirname(source_rel)
    return posixpath.normpath(posixpath.join(base, unquote(target.split("?")[0].split("#")[0])))


def check_image_path(source: SourceFile, target: str, line: int, column: int, assets: set[str],
                     problems: list[Problem], field: str | None = None,
                     refused: Mapping[str, RefusedAsset] = _NONE) -> None:
    """An image in content/ (allowed suffix, safe name), published: an image the loader refused
    (its name, bytes or size) is named as refused, with the reason, not as missing. `field`: the
    front-matter field the path is in (None: a link in the body)."""
    path = image_target_rel(source.rel, target)
    hit = refused.get(path)
    if hit is not None:
        problems.append(rules.image_refused(target, hit.problem).at(source.path, line, column))
        return
    if not _IMAGE_PATH.fullmatch(target):
        problems.append(rules.image_path_unsafe(target, field).at(source.path, line, column))
        return
    if posixpath.splitext(path)[1].lower() not in IMAGE_SUFFIXES or path not in assets:
        problems.append(rules.image_missing(target, field).at(source.path, line, column))


def _check_internal(source: SourceFile, link: Link, base: str, anchors: dict[str, frozenset[str]],
                    problems: list[Problem]) -> None:
    raw_path, _, fragment = link.target.partition("#")
    path = unquote(raw_path.split("?", 1)[0])
    resolved = posixpath.normpath(posixpath.join(base, path))
    if path.endswith("/"):
        resolved = posixpath.join(resolved, "index.md")
    if resolved not in anchors:
        to_markdown = path.endswith(".md")
        close = difflib.get_close_matches(resolved, sorted(anchors), n=1, cutoff=0.7) if to_markdown else []
        suggestion = posixpath.relpath(close[0], base or ".") if close else None
        problems.append(rules.broken_link(link.target, suggestion, to_markdown=to_markdown)
                        .at(source.path, link.line, link.column))
        return
    target_anchors = anchors[resolved]
    if fragment and target_anchors and unquote(fragment) not in target_anchors:
        problems.append(rules.missing_anchor(f"#{fragment}", target_anchors, resolved)
                        .at(source.path, link.line, link.column))


def anchors_of(title: str, scanned: Scan) -> frozenset[str]:
    """Anchors a content page will have: its title (h1) and every heading in its body."""
    return frozenset({slugify(title)} | scanned.anchors)
