"""Generate: turn the model into Markdown pages for the renderer, and write them.

Pages are plain Markdown (with attribute lists and Markdown-in-HTML blocks)
and link to each other by relative path to the `.md` file, so the renderer
checks every link and can publish with or without directory URLs. An item's
generated page sits at the same path below docs/ as its source below
content/, so the links authors write keep working.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import feeds as F
from . import texts as T
from .filters import FACET_ATTRS, facet_values, filter_data
from .load import Asset
from .memo import Memo, same
from .model import Item, Site
from .policy import AUTHOR_END, AUTHOR_START
from .schema import ARTICLE_TYPES, IMAGE_SUFFIXES, TYPES, TYPES_BY_NAME, ContentType, listing_rel
from .sharing import home_sharing, page_sharing, sharing

HOME = "index.md"
ARCHIVE = "archief/index.md"
ALL_ARTICLES = "artikelen/index.md"
HOME_LIMIT = 3


@dataclass(frozen=True)
class Context:
    """What a build knows besides the content: where the site is published and when it is built.

    `base_url` (absolute, ending in "/") is used where relative links cannot be:
    feeds, calendars, canonical and sharing tags. `today` splits upcoming from
    past events. Both are passed in, so tests and the benchmark are reproducible.
    """

    base_url: str = "https://www.example.org/"
    today: dt.date = field(default_factory=dt.date.today)

    def url(self, rel: str) -> str:
        """Absolute published URL of a generated path below docs/ (directory URLs)."""
        if rel.endswith(".md"):
            rel = rel[:-3]
            if rel == "index" or rel.endswith("/index"):
                rel = rel[:-5]
            else:
                rel += "/"
        return self.base_url + rel


_dumps = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, forward slashes
    meta: dict[str, Any]
    body: str = ""

    def render(self) -> str:
        # JSON is a subset of YAML: any front-matter reader accepts it, and it is
        # written many times faster than by a YAML emitter. One key per line, each
        # value compact: json's fast (C) encoder only writes without indentation.
        front = ",\n".join(f"{_dumps(k)}: {_dumps(v)}" for k, v in self.meta.items())
        return f"---\n{{\n{front}\n}}\n---\n\n{self.body.strip()}\n"

    def encode(self) -> bytes:
        return self.data

    @cached_property
    def data(self) -> bytes:
        # Computed once per Page object; the memo hands out the same object for an unchanged page.
        return self.render().encode("utf-8")


@dataclass(frozen=True)
class RawFile:
    """A generated file that is not a page (feed, calendar, data), copied as is by the renderer."""

    path: str  # relative to docs/, forward slashes
    data: bytes

    def encode(self) -> bytes:
        return self.data


# Suffixes of generated files other than pages and images; write_pages removes stale ones.
RAW_SUFFIXES = frozenset({".xml", ".ics", ".json"})


# --- paths and escaping ----------------------------------------------------------

def listing_path(ctype: ContentType) -> str:
    return listing_rel(ctype)


def year_path(year: int) -> str:
    return f"archief/{year}.md"


def link(src: str, dst: str) -> str:
    """Relative link from one docs page to another (both normalised paths below docs/)."""
    here, there = src.split("/")[:-1], dst.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def esc(text: str) -> str:
    """Author text placed inside Markdown: no markup of its own."""
    return _MD_SPECIAL.sub(r"\\\1", html.unescape(text)).replace("&", "&amp;")


def esc_html(text: str) -> str:
    return html.escape(text, quote=False)


def md_link(text: str, src: str, dst: str) -> str:
    return f"[{esc(text)}]({link(src, dst)})"


def web_link(url: str, text: str | None = None) -> str:
    """A link to a checked web address from front-matter (policy.web_address_violation):
    an escaped attribute in an HTML tag, never spliced into Markdown syntax."""
    return f'<a href="{html.escape(url, quote=True)}">{esc(url if text is None else text)}</a>'


def image_target(path: str) -> str:
    """A checked image path (relative, safe file names) as a Markdown link target."""
    return "<" + quote(path, safe="/._-~") + ">"


def author_body(body: str) -> str:
    """An author's Markdown body between the markers that tell the renderer it is the author's."""
    return f"{AUTHOR_START}\n\n{body.strip()}\n\n{AUTHOR_END}"


# --- building blocks ---------------------------------------------------------------

def kicker(item: Item) -> str:
    parts = [f'<span class="sdw-type sdw-type--{item.type.name}">{item.type.label}</span>']
    if item.date:
        parts.append(f'<time datetime="{item.date.iso()}">{item.date.dutch()}</time>')
    if item.is_article:
        parts.append(T.READING_TIME.format(minutes=item.reading_minutes))
    return '<p class="sdw-kicker">' + " · ".join(parts) + "</p>"


def facts(rows: list[tuple[str, str]]) -> str:
    if not rows:
        return ""
    inner = "\n".join(f'<dt>{esc_html(k)}</dt>\n<dd markdown="span">{v}</dd>' for k, v in rows)
    return f'<dl class="sdw-facts" markdown>\n{inner}\n</dl>'


def card_meta(item: Item) -> str:
    if item.type.name == "editie":
        label = T.EDITION_NUMBER.format(number=item.extra["nummer"])
    else:
        label = item.type.label
    return label + (f" · {item.date.dutch()}" if item.date else "")


def own_image_rel(item: Item) -> str | None:
    """Path below docs/ of an article's own picture (its front-matter `afbeelding`, a plain
    relative path the validator has checked), if it has one."""
    image = item.extra.get("afbeelding")
    return posixpath.normpath(posixpath.join(posixpath.dirname(item.rel), image)) if image else None


def visual(item: Item, src: str, placeholder: bool = True) -> str:
    """The picture at the top of a card: the article's own image (decorative here: the title
    follows), else, where asked, a tile with the initials of who speaks or of the type."""
    image = own_image_rel(item)
    if image:
        # A Markdown image, not an <img>: the renderer resolves its path for the published page
        # (a page that is not an index.md is published one folder deeper with directory URLs).
        return (f'<p class="sdw-card__visual" markdown="span">![]({image_target(link(src, image))})'
                '{ loading="lazy" decoding="async" }</p>')
    if not placeholder:
        return ""
    if item.people:
        letters = "".join(w[0] for w in item.people[0].name.split() if w[:1].isupper())[:2]
    else:
        letters = item.type.label[:1]
    return (f'<p class="sdw-card__visual sdw-type--{item.type.name}" aria-hidden="true">'
            f"{esc_html(letters)}</p>")


def card(item: Item, src: str, with_visual: bool = False, filterable: bool = False) -> str:
    data = "".join(f' data-{FACET_ATTRS[f]}="{" ".join(v)}"' for f, v in facet_values(item).items()) \
        if filterable else ""
    # <article>, not <div>: Material's search parser matches excluded elements by
    # tag name, so a nested </div> would end the exclusion of the card grid.
    picture = visual(item, src, placeholder=with_visual)
    return (
        f'<article class="sdw-card{" sdw-card--visual" if picture else ""}"{data} markdown>\n'
        + (picture + "\n" if picture else "")
        + f'<p class="sdw-card__meta">{esc_html(card_meta(item))}</p>\n'
        f'<p class="sdw-card__title" markdown="span">{md_link(item.title, src, item.rel)}</p>\n'
        f'<p class="sdw-card__summary">{esc_html(item.summary)}</p>\n'
        "</article>"
    )


def cards(items: tuple[Item, ...] | list[Item], src: str, facets: str | None = None,
          with_visual: bool = False, empty: str = T.EMPTY) -> str:
    """A grid of cards; with `facets` (see filter_data) the browser can filter it; `empty` when
    there is nothing to show."""
    if not items:
        return f'<p class="sdw-empty">{empty}</p>'
    data = f' data-sdw-filter="{html.escape(facets, quote=True)}"' if facets else ""
    # Cards repeat other pages' summaries: kept out of the search index so that
    # the article itself, not every listing that mentions it, is found.
    return (f'<div class="sdw-cards"{data} markdown data-sdw-unindexed="">\n'
            + "\n".join(card(i, src, with_visual, bool(facets)) for i in items) + "\n</div>")


def chips(links: list[tuple[str, str]], src: str) -> str:
    inner = " ".join(md_link(text, src, dst) for text, dst in links)
    return f'<p class="sdw-chips" markdown="span">{inner}</p>'


def ref_links(site: Site, type_name: str, slugs: tuple[str, ...], src: str) -> str:
    return " ".join(md_link(site.get(type_name, s).title, src, site.get(type_name, s).rel) for s in slugs)


def follow(hint: str, text: str, src: str, dst: str) -> str:
    """A visible link to a feed or calendar, with a short Dutch lead-in."""
    return f'<p class="sdw-follow" markdown="span">{esc_html(hint)} {md_link(text, src, dst)}</p>'


def alternate(path: str, mime: str, title: str) -> dict[str, str]:
    """Page metadata for a <link rel="alternate"> in the page head (overrides/sdw/alternates.html)."""
    return {"href": path, "type": mime, "title": title}


def header(item: Item, rows: list[tuple[str, str]]) -> str:
    """Title, kicker and facts (kept out of the search index) and the summary as lead."""
    meta_block = "\n\n".join(x for x in (kicker(item), facts(rows)) if x)
    return (
        f"# {esc(item.title)}\n\n"
        f'<div class="sdw-item-header" markdown data-sdw-unindexed="">\n{meta_block}\n</div>\n\n'
        f'<p class="sdw-lead">{esc_html(item.summary)}</p>'
    )


def meta(title: str, description: str, kind: str, **more: Any) -> dict[str, Any]:
    """Page metadata for the renderer. `kind` picks the template (see overrides/). The generator
    speaks no renderer's language: `sdw_toc`/`sdw_nav` False (no table of contents / side
    navigation), the class `sdw-button` and the attribute `data-sdw-unindexed` (not for the search
    index) are put into Material's terms by the render stage (mkdocs_hooks.material_terms)."""
    data: dict[str, Any] = {"title": title, "description": description, "sdw_type": kind}
    data.update(more)
    return data


# --- item pages -----------------------------------------------------------------------

def _same_page_input(a: tuple, b: tuple) -> bool:
    """Identity for the model objects, equality for the build context (last element)."""
    return same(a[:-1], b[:-1]) and a[-1] == b[-1]


_PAGES: Memo = Memo(_same_page_input)


def item_page(site: Site, item: Item, context: Context | None = None) -> Page:
    """The page of one item, reused when nothing it shows has changed (for the preview).

    The build context is part of the memo's input: a page that shows something
    depending on the build date or the site address is never kept across a change of either.
    """
    context = context or Context()
    related = site.related(item) if item.is_article else ()
    named = tuple(site.get(t, slug) for t in ("doelgroep", "thema", "partner", "regio", "editie")
                  for slug in item.refs(t))
    listing = site.articles_for(item) if item.type.name in _LISTING_HEADINGS else ()
    editions = site.editions if item.type.name == "editie" else ()
    neighbours = site.edition_neighbours(site.get("editie", item.edition)) if item.edition else ()
    # A filterable list names every audience and theme in its facets.
    labels = site.of_type("doelgroep") + site.of_type("thema") if item.type.name in FILTERABLE else ()
    return _PAGES.get(item.rel, (item, related, named, listing, editions, neighbours, labels, context),
                      lambda: _item_page(site, item, related, context))


def _item_page(site: Site, item: Item, related: tuple[Item, ...], context: Context) -> Page:
    src = item.rel
    rows: list[tuple[str, str]] = []
    if item.audiences:
        rows.append((T.FACT_AUDIENCES, ref_links(site, "doelgroep", item.audiences, src)))
    if item.themes:
        rows.append((T.FACT_THEMES, ref_links(site, "thema", item.themes, src)))
    if item.partners:
        rows.append((T.FACT_PARTNERS, ref_links(site, "partner", item.partners, src)))
    if item.region:
        rows.append((T.FACT_REGION, ref_links(site, "regio", (item.region,), src)))
    if item.edition:
        rows.append((T.FACT_EDITION, ref_links(site, "editie", (item.edition,), src)))
    rows.extend(_type_facts(item))
    if item.extra.get("bron"):
        rows.append((T.FACT_SOURCE, esc(item.extra["bron"])))

    parts = [header(item, rows)]
    if item.people:
        label = T.PEOPLE_HEADING if item.type.name == "verhaal" else T.PEOPLE_MENTIONED
        people = "\n".join(
            f'<p class="sdw-person"><strong>{esc_html(p.name)}</strong> '
            f'<span>{esc_html(", ".join(x for x in (p.role, p.organisation) if x))}</span></p>'
            for p in item.people
        )
        parts.append(f'<div class="sdw-people" role="group" aria-label="{label}">\n{people}\n</div>')
    if item.type.name == "video":
        parts.append(video_block(item))
    elif own_image_rel(item):
        parts.append(f'<figure class="sdw-figure" markdown>\n'
                     f'![{esc(item.extra.get("afbeelding_alt", ""))}]({image_target(item.extra["afbeelding"])})\n'
                     "</figure>")
    parts.append(author_body(item.body))

    if item.edition:
        parts.append(_edition_nav(site, item))
    facets = filter_data(site, site.articles_for(item)) if item.type.name in FILTERABLE else None
    listing = _taxonomy_listing(site, item, facets)
    if listing:
        parts.append(listing)
    if related:
        parts.append(f'<div class="sdw-related" markdown>\n\n## {T.RELATED_HEADING}\n\n'
                     f"{cards(related, src)}\n\n</div>")
    more: dict[str, Any] = {}
    if not item.is_article:
        more["sdw_toc"] = False
    if item.type.name == "doelgroep":
        more["sdw_alternate"] = alternate(F.audience_feed_path(item), F.ATOM_TYPE, _audience_feed_title(item))
    more.update(sharing(site, item, context))
    if facets:
        more["sdw_filter"] = True
    return Page(src, meta(item.title, item.summary, item.type.name, **more), "\n\n".join(parts))


def _type_facts(item: Item) -> list[tuple[str, str]]:
    x = item.extra
    rows: list[tuple[str, str]] = []
    name = item.type.name
    if name == "evenement":
        if x.get("einddatum"):
            rows.append((T.EVENT_WHEN, f"{item.date.dutch()} tot en met {x['einddatum'].dutch()}"))
        if x.get("plaats"):
            rows.append((T.EVENT_WHERE, esc(x["plaats"])))
        if x.get("organisator"):
            rows.append((T.EVENT_ORGANISER, esc(x["organisator"])))
        if x.get("aanmelden"):
            rows.append((T.EVENT_SIGNUP, web_link(x["aanmelden"])))
        if item.date and item.date.day:
            calendar_link = md_link(T.EVENT_CALENDAR_LINK, item.rel, F.event_calendar_path(item))
            rows.append((T.EVENT_CALENDAR, f"{calendar_link} ({T.EVENT_CALENDAR_FILE})"))
    elif name == "kennis":
        rows.append((T.KNOWLEDGE_PUBLISHER, esc(x["uitgever"])))
        if x.get("soort"):
            rows.append((T.KNOWLEDGE_KIND, esc(x["soort"])))
        if x.get("link"):
            rows.append((T.KNOWLEDGE_LINK, web_link(x["link"], T.KNOWLEDGE_LINK_TEXT)))
    elif name == "video":
        # The link to the video's own page is part of the player block (video_block).
        if x.get("duur"):
            rows.append((T.VIDEO_DURATION, esc(x["duur"])))
    elif name == "partner":
        if x.get("afkorting"):
            rows.append((T.PARTNER_ABBREVIATION, esc(x["afkorting"])))
        if x.get("website"):
            rows.append((T.PARTNER_WEBSITE, web_link(x["website"])))
        start, end = x.get("lid_sinds"), x.get("lid_tot")
        if start and end:
            rows.append((T.PARTNER_MEMBERSHIP, T.PARTNER_PERIOD.format(start=start, end=end)))
        elif start:
            rows.append((T.PARTNER_MEMBERSHIP, T.PARTNER_SINCE.format(year=start)))
        elif end:
            rows.append((T.PARTNER_MEMBERSHIP, T.PARTNER_UNTIL.format(year=end)))
    return rows


def _edition_nav(site: Site, item: Item) -> str:
    """Under an article of an edition: that edition, and the previous and next one."""
    edition = site.get("editie", item.edition)
    links = [(T.EDITION_FROM.format(number=edition.extra["nummer"], title=edition.title), edition.rel),
             *_neighbour_links(site, edition)]
    return (f'<nav class="sdw-edition-nav" aria-label="{T.EDITION_NAV_LABEL}" markdown>\n'
            f"{chips(links, item.rel)}\n</nav>")


def _neighbour_links(site: Site, edition: Item) -> list[tuple[str, str]]:
    """(text, path) of the previous and the next edition, where they exist."""
    older, newer = site.edition_neighbours(edition)
    links = []
    if older:
        links.append((f"{T.EDITION_PREVIOUS}: {older.title}", older.rel))
    if newer:
        links.append((f"{T.EDITION_NEXT}: {newer.title}", newer.rel))
    return links


def video_block(item: Item) -> str:
    """The poster with the player's address: the renderer turns it into a click-to-load player.

    Plain Markdown and data attributes only (nothing that runs code); the
    button, the notice about the third party and the watch link are added
    after sanitising, from the same address. The poster's alt text is empty:
    it is a still from the video, named by the play button ("Video afspelen:
    <titel>") and the page title, so a description would only repeat them.
    """
    embed, poster = item.extra.get("video_url"), item.extra.get("poster")
    if not embed or not poster:
        return ""
    return (f'<div class="sdw-video" data-sdw-video="{html.escape(embed)}" '
            f'data-sdw-title="{html.escape(item.title)}" markdown>\n\n'
            f"![]({image_target(poster)}){{ .sdw-video__poster }}\n\n</div>")


_LISTING_HEADINGS = {
    "doelgroep": T.ARTICLES_FOR, "thema": T.ARTICLES_ABOUT, "partner": T.CONTRIBUTIONS,
    "regio": T.ARTICLES_IN_REGION, "editie": T.EDITION_STORIES,
}


# Item pages whose list of articles can be filtered.
FILTERABLE = frozenset({"doelgroep", "thema"})


def _taxonomy_listing(site: Site, item: Item, facets: str | None = None) -> str:
    """The articles that refer to an audience, theme, partner, region or edition."""
    heading = _LISTING_HEADINGS.get(item.type.name)
    if heading is None:
        return ""
    articles = site.articles_for(item)
    out = [f"## {esc(heading.format(name=item.title))}"]
    if item.type.name == "doelgroep":
        out.append(follow(T.FEED_AUDIENCE_HINT.format(name=item.title.lower()), T.FEED_LINK, item.rel,
                          F.audience_feed_path(item)))
    out.append(cards(articles, item.rel, facets))
    if item.type.name == "editie":
        nav = _neighbour_links(site, item)
        if nav:
            out.append(chips(nav, item.rel))
    return "\n\n".join(out)


# --- listings -----------------------------------------------------------------------------

def type_listing(site: Site, ctype: ContentType, context: Context | None = None) -> Page:
    context = context or Context()
    src = listing_path(ctype)
    items = site.editions if ctype.name == "editie" else site.of_type(ctype.name)
    parts = [f"# {ctype.plural}", f'<p class="sdw-lead">{esc_html(T.LISTING_SUMMARY[ctype.name])}</p>']
    more: dict[str, Any] = {}
    if ctype.is_article:
        years = sorted({i.date.year for i in items if i.date}, reverse=True)
        if years:
            parts.append(chips([(str(y), year_path(y)) for y in years], src))
    if ctype.name == "evenement":
        parts.append(follow(T.CALENDAR_HINT, T.CALENDAR_SUBSCRIBE, src, F.EVENTS_CALENDAR))
        parts.append(_event_sections(site, src, context.today))
        more["sdw_alternate"] = alternate(F.EVENTS_CALENDAR, F.ICS_TYPE, T.CALENDAR_NAME)
    else:
        if ctype.is_article:
            parts.append(follow(T.FEED_HINT, T.FEED_LINK, src, F.SITE_FEED))
        parts.append(cards(items, src))
    more.update(page_sharing(context, src))
    return Page(src, meta(ctype.plural, T.LISTING_SUMMARY[ctype.name], "listing", sdw_toc=False, **more),
                "\n\n".join(parts))


PAST_EVENTS_ID = "eerdere-evenementen"


def _event_sections(site: Site, src: str, today: dt.date) -> str:
    """Upcoming events (soonest first, or a message that none are planned), then past ones (newest first)."""
    upcoming, past = site.split_events(today)
    out = [f"## {T.EVENTS_UPCOMING}", cards(upcoming, src, empty=T.EVENTS_NONE_UPCOMING)]
    if past:
        out += [f"## {T.EVENTS_PAST} {{ #{PAST_EVENTS_ID} }}", cards(past, src)]
    return "\n\n".join(out)


def _audience_feed_title(audience: Item) -> str:
    return T.FEED_AUDIENCE_TITLE.format(name=audience.title.lower())


_FEEDS: Memo = Memo(_same_page_input)


def _feed(site: Site, context: Context, path: str, items: tuple[Item, ...], fallback: str, **labels: str) -> RawFile:
    """One Atom feed, rebuilt only when its newest entries (or the themes they name) changed."""
    newest = items[:F.FEED_LIMIT]  # items: articles (always dated), newest first
    token = (newest, site.of_type("thema"), (fallback, tuple(labels.items()), context))
    return _FEEDS.get(path, token, lambda: RawFile(path, F.atom_feed(
        site, path=path, items=newest, url=context.url, fallback_updated=fallback, **labels)))


def feed_files(site: Site, context: Context) -> list[RawFile]:
    """The Atom feeds (all articles; one per audience) and the events calendars."""
    newest = site.articles[0].date if site.articles and site.articles[0].date else None
    fallback = F.rfc3339(newest) if newest else F.EPOCH
    files = [_feed(site, context, F.SITE_FEED, site.articles, fallback,
                   title=T.FEED_SITE_TITLE, subtitle=T.FEED_SITE_SUBTITLE, page_rel=HOME)]
    for audience in site.of_type("doelgroep"):
        name = audience.title.lower()
        files.append(_feed(site, context, F.audience_feed_path(audience), site.articles_for(audience), fallback,
                           title=_audience_feed_title(audience),
                           subtitle=T.FEED_AUDIENCE_SUBTITLE.format(name=name), page_rel=audience.rel))
    events = [e for e in site.of_type("evenement") if e.date and e.date.day]
    files.append(_FEEDS.get(F.EVENTS_CALENDAR, (tuple(events), context), lambda: RawFile(
        F.EVENTS_CALENDAR, F.calendar(events, context.url, name=T.CALENDAR_NAME))))
    files.extend(_FEEDS.get(F.event_calendar_path(e), (e, context),
                            lambda e=e: RawFile(F.event_calendar_path(e), F.calendar([e], context.url)))
                 for e in events)
    return files


def archive_pages(site: Site, context: Context | None = None) -> list[Page]:
    context = context or Context()
    years = site.years()
    counts = {y: sum(1 for a in site.articles if a.date and a.date.year == y) for y in years}
    index = Page(
        ARCHIVE, meta(T.ARCHIVE_TITLE, T.ARCHIVE_SUMMARY, "listing", sdw_toc=False, **page_sharing(context, ARCHIVE)),
        "\n\n".join([
            f"# {T.ARCHIVE_TITLE}", f'<p class="sdw-lead">{T.ARCHIVE_SUMMARY}</p>',
            chips([(T.ARCHIVE_COUNT.format(year=y, count=counts[y]), year_path(y)) for y in years], ARCHIVE),
            follow(T.FEED_HINT, T.FEED_LINK, ARCHIVE, F.SITE_FEED),
        ]),
    )
    pages = [index]
    for year in years:
        src = year_path(year)
        items = [a for a in site.articles if a.date and a.date.year == year]
        title = T.ARCHIVE_YEAR_TITLE.format(year=year)
        summary = T.ARCHIVE_YEAR_SUMMARY.format(year=year)
        pages.append(Page(src, meta(title, summary, "listing", sdw_toc=False, **page_sharing(context, src)),
                          "\n\n".join([f"# {title}", f'<p class="sdw-lead">{summary}</p>',
                                       chips([(T.ARCHIVE_TITLE, ARCHIVE)], src), cards(items, src)])))
    return pages


def all_articles_page(site: Site, context: Context | None = None) -> Page:
    """Every article on one page, newest first, filterable by audience, theme, type and year."""
    src = ALL_ARTICLES
    facets = filter_data(site, site.articles)
    more: dict[str, Any] = {"sdw_toc": False, **page_sharing(context or Context(), src)}
    if facets:
        more["sdw_filter"] = True
    return Page(src, meta(T.ALL_ARTICLES_TITLE, T.ALL_ARTICLES_SUMMARY, "listing", **more),
                "\n\n".join([f"# {T.ALL_ARTICLES_TITLE}", f'<p class="sdw-lead">{T.ALL_ARTICLES_SUMMARY}</p>',
                             cards(site.articles, src, facets)]))


def home_page(site: Site, context: Context | None = None) -> Page:
    """The newest edition first, then what the site is, for whom, and the latest of each type."""
    context = context or Context()
    src = HOME
    about = next((p for p in site.of_type("pagina") if p.slug == "over-sterk-door-werk"), None)
    convenant = next((p for p in site.of_type("pagina") if p.slug == "convenant"), None)
    intro = about.summary if about else T.LISTING_SUMMARY["pagina"]
    # The page's one h1, for screen readers and search engines; the header shows the name.
    parts = [f"# {T.HOME_TITLE} {{ .sdw-sr-only }}"]
    if site.editions:
        newest = site.editions[0]
        label = " · ".join(x for x in (T.EDITION_NUMBER.format(number=newest.extra["nummer"]),
                                       newest.date.dutch() if newest.date else "") if x)
        more = chips([(T.HOME_EDITION_OPEN.format(number=newest.extra["nummer"]), newest.rel),
                      (T.HOME_ALL_EDITIONS, listing_path(TYPES_BY_NAME["editie"]))], src)
        parts.append(
            '<section class="sdw-edition sdw-edition--home" markdown>\n\n'
            f"## {T.HOME_EDITION_HEADING}\n\n"
            f'<p class="sdw-edition__label">{esc_html(label)}</p>\n\n'
            f'<p class="sdw-edition__title" markdown="span">{md_link(newest.title, src, newest.rel)}</p>\n\n'
            f'<p>{esc_html(newest.summary)}</p>\n\n'
            f"{cards(site.articles_for(newest), src, with_visual=True)}\n\n{more}\n\n</section>"
        )
    buttons = []
    if about:
        buttons.append(f"[{T.HOME_ABOUT_BUTTON}]({link(src, about.rel)}){{ .sdw-button .sdw-button--primary }}")
    if convenant:
        buttons.append(f"[{T.HOME_CONVENANT_BUTTON}]({link(src, convenant.rel)}){{ .sdw-button }}")
    parts.append(
        '<div class="sdw-hero" markdown>\n\n'
        f"## {T.HOME_ABOUT_HEADING} {{ .sdw-hero__title }}\n\n"
        f'<p class="sdw-hero__text">{esc_html(intro)}</p>\n\n'
        + " ".join(buttons) + "\n\n</div>"
    )
    audiences = "\n".join(
        '<div class="sdw-audience" markdown>\n'
        f'<p class="sdw-audience__title" markdown="span">{md_link(a.title, src, a.rel)}</p>\n'
        f"<p>{esc_html(a.summary)}</p>\n</div>"
        for a in site.of_type("doelgroep")
    )
    parts.append(f"## {T.HOME_AUDIENCES_HEADING}\n\n"
                 f'<div class="sdw-audiences" markdown>\n{audiences}\n</div>')
    for type_name, heading in (("nieuws", T.HOME_NEWS_HEADING), ("verhaal", T.HOME_STORIES_HEADING),
                               ("tip", T.HOME_TIPS_HEADING), ("evenement", T.HOME_EVENTS_HEADING),
                               ("kennis", T.HOME_KNOWLEDGE_HEADING), ("video", None)):
        ctype = TYPES_BY_NAME[type_name]
        items = site.of_type(type_name)[:HOME_LIMIT]
        if not items:
            continue
        links = [(T.HOME_MORE.format(plural_lower=ctype.plural.lower()), listing_path(ctype))]
        shown = cards(items, src)
        if type_name == "evenement":
            upcoming = site.split_events(context.today)[0][:HOME_LIMIT]
            shown = cards(upcoming, src, empty=T.EVENTS_NONE_UPCOMING)
            if not upcoming:
                links.append((T.HOME_EVENTS_PAST, listing_path(ctype) + "#" + PAST_EVENTS_ID))
        more = chips(links, src)
        parts.append(f'<div class="sdw-section" markdown>\n\n## {heading or ctype.plural}\n\n'
                     f"{shown}\n\n{more}\n\n</div>")
    for type_name, heading in (("thema", T.HOME_THEMES_HEADING), ("partner", T.HOME_PARTNERS_HEADING)):
        items = site.of_type(type_name)
        if items:
            parts.append(f'<div class="sdw-section" markdown>\n\n## {heading}\n\n'
                         f"{chips([(i.title, i.rel) for i in items], src)}\n\n</div>")
    return Page(src, meta(T.SITE_NAME, intro, "home", sdw_nav=False, sdw_toc=False,
                          **home_sharing(context, intro)), "\n\n".join(parts))


def generate(site: Site, context: Context | None = None) -> list[Page | RawFile]:
    """Every page and generated file of the site, in a stable order."""
    context = context or Context()
    pages: list[Page | RawFile] = [home_page(site, context)]
    pages.extend(type_listing(site, t, context) for t in TYPES if t.folder)
    pages.append(all_articles_page(site, context))
    pages.extend(archive_pages(site, context))
    pages.extend(item_page(site, i, context) for i in sorted(site.items, key=lambda i: i.rel))
    pages.extend(feed_files(site, context))
    return pages


# --- writing ------------------------------------------------------------------------------

# docs folder -> {path: (bytes last written or found equal, (mtime_ns, size) then)}
_ON_DISK: dict[str, dict[str, tuple[bytes, tuple[int, int]]]] = {}


def forget_written() -> None:
    """Forget what was written (see write_pages): the next call compares with the files on disk."""
    _ON_DISK.clear()


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def write_pages(pages: list[Page | RawFile], docs_dir: Path, assets: tuple[Asset, ...] = ()) -> WriteReport:
    """Write pages, generated files and images into docs_dir; leave unchanged files untouched;
    remove stale ones.

    Only Markdown pages, images and RAW_SUFFIXES files are managed: other files
    in docs_dir are left alone.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    wanted: dict[str, bytes] = {p.path: p.encode() for p in pages}
    wanted.update({a.rel: a.data for a in assets})
    written, unchanged = [], 0
    folders: set[Path] = set()
    known = _ON_DISK.setdefault(str(docs_dir.resolve()), {})
    for rel, data in wanted.items():
        target = docs_dir / rel
        try:
            stat = target.stat()
        except OSError:
            stat = None
        if stat is not None:
            last = known.get(rel)
            # The same bytes object we wrote or checked last time, and the file untouched since:
            # unchanged without reading it again (the preview regenerates every page on each save).
            if last is not None and last[0] is data and last[1] == (stat.st_mtime_ns, stat.st_size):
                unchanged += 1
                continue
            if stat.st_size == len(data) and target.read_bytes() == data:
                known[rel] = (data, (stat.st_mtime_ns, stat.st_size))
                unchanged += 1
                continue
        else:
            folder = target.parent
            if folder not in folders:
                folder.mkdir(parents=True, exist_ok=True)
                folders.add(folder)
        # A changed file is replaced in one step (the preview may be reading it);
        # a new one is simply written.
        path = target if stat is None else target.with_name(target.name + ".tmp")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            done = os.fstat(fd)  # mtime and size as written (a rename keeps both)
        finally:
            os.close(fd)
        if path is not target:
            os.replace(path, target)
        known[rel] = (data, (done.st_mtime_ns, done.st_size))
        written.append(rel)
    removed = []
    empty_dirs: set[str] = set()
    for folder, dirs, names in os.walk(docs_dir, topdown=False):
        base = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        prefix = "" if base == "." else base + "/"
        left = len(dirs) + len(names)
        for name in names:
            rel = prefix + name
            suffix = os.path.splitext(name)[1].lower()
            managed = suffix == ".md" or suffix in IMAGE_SUFFIXES or suffix in RAW_SUFFIXES
            if managed and rel not in wanted and os.path.isfile(os.path.join(folder, name)):
                os.unlink(os.path.join(folder, name))
                known.pop(rel, None)
                removed.append(rel)
                left -= 1
        left -= sum(1 for d in dirs if os.path.join(folder, d) in empty_dirs)
        if left == 0 and base != ".":
            os.rmdir(folder)
            empty_dirs.add(folder)
    removed.sort()
    return WriteReport(tuple(written), unchanged, tuple(removed))


__all__ = ["ARTICLE_TYPES", "Context", "Page", "RawFile", "generate", "write_pages"]
