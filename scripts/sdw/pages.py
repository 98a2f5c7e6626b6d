"""Pages: the Markdown page of every item and overview, built from the model.

Pages are plain Markdown (with attribute lists and Markdown-in-HTML blocks)
and link to each other by relative path to the `.md` file, so the renderer
checks every link and can publish with or without directory URLs. An item's
generated page sits at the same path below docs/ as its source below
content/, so the links authors write keep working.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import feeds as F
from . import texts as T
from .filters import FACET_ATTRS, facet_values, filter_data
from .markup import image_target, render
from .memo import same_record
from .model import Item, Site
from .policy import AUTHOR_END, AUTHOR_START
from .schema import (
    ALL_ARTICLES_REL,
    ARCHIVE_FOLDER,
    ARCHIVE_REL,
    ARTICLE_ATTRS,
    ARTICLE_TYPES,
    EDITION_TYPE,
    FACET_FIELDS,
    FEATURED_TYPES,
    HOME_TYPES,
    REF_TARGETS,
    TYPES_BY_FOLDER,
    ContentType,
    Fact,
    Show,
    listing_rel,
)
from .sharing import home_sharing, page_sharing, sharing

if TYPE_CHECKING:
    from .newsletter import NewsletterSettings

HOME = "index.md"
ARCHIVE = ARCHIVE_REL
ALL_ARTICLES = ALL_ARTICLES_REL
HOME_LIMIT = 3
# The home page's opening words and buttons come from these pages (by file name), when they exist.
ABOUT_PAGE = "over-sterk-door-werk"
CONVENANT_PAGE = "convenant"
# Fixed pages the footer of every page links to (by file name), when they exist.
PRIVACY_PAGE = "privacy"
FOOTER_PAGES = ((PRIVACY_PAGE, "Privacy"), ("toegankelijkheid", "Toegankelijkheid"), (CONVENANT_PAGE, "Het convenant"))


def frame_links() -> dict[str, Any]:
    """What the renderer's own frame (the head of every page, the footer, the 404 page) links to, as
    paths below docs/, from the same constants the generator uses: renaming a listing, the feed or
    a fixed page happens in one place. The render stage keeps only the links whose file exists."""
    return {
        "feed": [{"href": F.SITE_FEED, "type": F.ATOM_TYPE, "title": T.FEED_SITE_TITLE}],
        "listings": [{"href": listing_rel(t), "label": t.plural} for t in ARTICLE_TYPES]
        + [{"href": ARCHIVE, "label": T.ARCHIVE_LINK}],
        "footer": [{"href": f"{slug}.md", "label": label} for slug, label in FOOTER_PAGES],
        "privacy": [{"href": f"{PRIVACY_PAGE}.md"}],  # the newsletter form's note
    }


@dataclass(frozen=True)
class Context:
    """What a build knows besides the content: where the site is published and when it is built.

    `base_url` (absolute, ending in "/") is used where relative links cannot be:
    feeds, calendars, canonical and sharing tags. `today` splits upcoming from
    past events. Both are passed in, so tests and the benchmark are reproducible. `newsletter`:
    the deployment's newsletter settings (sender, unsubscribe merge tag, contact address; None:
    sdw.newsletter's defaults).
    """

    base_url: str = "https://www.example.org/"
    today: dt.date = field(default_factory=dt.date.today)
    newsletter: NewsletterSettings | None = None

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
# Where a page's front-matter ends (Page.render): its JSON writes no raw line break.
FRONT_END = "\n}\n---\n\n"


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
        return f"---\n{{\n{front}{FRONT_END}{self.body.strip()}\n"

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


# --- paths and escaping ----------------------------------------------------------

def listing_path(ctype: ContentType) -> str:
    return listing_rel(ctype)


def year_path(year: int) -> str:
    return f"{ARCHIVE_FOLDER}/{year}.md"


def link(src: str, dst: str) -> str:
    """Relative link from one docs page to another (both normalised paths below docs/)."""
    here, there = src.split("/")[:-1], dst.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def author_body(body: str) -> str:
    """An author's Markdown body between the markers that tell the renderer it is the author's."""
    return f"{AUTHOR_START}\n\n{body.strip()}\n\n{AUTHOR_END}"


# --- data for the partials (overrides/sdw/blocks/) -----------------------------------------
# Plain data: what a block shows and where its links go (relative to the page). The partials
# decide the markup; see markup.py for how values are escaped.

def href(text: str, src: str, dst: str) -> dict[str, str]:
    """A link for the partials: its text and its target relative to the page `src`."""
    return {"text": text, "href": link(src, dst)}


def card_meta(item: Item) -> str:
    template = item.type.card_label
    label = template.format(**{f.name: item.value(f.name) for f in item.type.fields}) if template \
        else item.label
    return label + (f" · {item.date.dutch()}" if item.date else "")


def own_image(item: Item) -> str | None:
    """An item's own picture (its type's picture field: a plain relative path the validator has
    checked), if it has one."""
    picture = item.type.picture
    return item.value(picture.name) if picture else None


def own_image_rel(item: Item) -> str | None:
    """Path below docs/ of an item's own picture, if it has one."""
    image = own_image(item)
    return posixpath.normpath(posixpath.join(posixpath.dirname(item.rel), image)) if image else None


# Stand-ins for a card's two relative links while it is rendered once for every page (private-use
# characters: no escaping changes them, no content can contain them past validation).
_HREF, _PICTURE = "\ue000href\ue000", "\ue000picture\ue000"


def visual(item: Item, src: str | None) -> dict[str, Any] | None:
    """The picture at the top of a card: the article's own image (as a Markdown link target) with its
    alt text, if it has one. Without one the card is typographic (type label, title, summary): no
    stand-in picture."""
    image = own_image_rel(item)
    if image:
        alt = item.value(item.type.picture.alt) if item.type.picture and item.type.picture.alt else ""
        return {"image": Markup(image_target(link(src, image)) if src is not None else _PICTURE), "alt": alt or ""}
    return None


def card(item: Item, src: str | None, with_visual: bool = False, filterable: bool = False) -> dict[str, Any]:
    """The data of one card on the page `src` (None: stand-ins for its links, see rendered_card).
    `with_visual`: a featured card (the home page's edition), larger. Any card shows the article's
    own picture when it has one."""
    data = [(FACET_ATTRS[f], " ".join(v)) for f, v in facet_values(item).items()] if filterable else []
    return {"data": data, "visual": visual(item, src), "featured": with_visual,
            "type": item.type.name, "meta": card_meta(item),
            "title": item.title, "href": link(src, item.rel) if src is not None else _HREF,
            "summary": item.summary}


def rendered_card(item: Item, src: str, with_visual: bool = False, filterable: bool = False) -> Markup:
    """card.html for one item on the page `src`. An article shows as a card on many pages and its
    card differs between them only in its two relative links: it is rendered once (kept with the
    immutable item) and the links of each page are put in."""
    key = (with_visual, filterable)
    made = item.rendered.get(key)
    if made is None:
        made = item.rendered[key] = render("card.html", **card(item, None, with_visual, filterable))
    shown = made.replace(_HREF, link(src, item.rel))
    if _PICTURE in shown:
        shown = shown.replace(_PICTURE, image_target(link(src, own_image_rel(item) or "")))
    return Markup(shown)


def cards(items: tuple[Item, ...] | list[Item], src: str, facets: str | None = None,
          with_visual: bool = False, empty: str = T.EMPTY) -> dict[str, Any]:
    """A grid of cards; with `facets` (see filter_data) the browser can filter it; `empty` when
    there is nothing to show."""
    return {"cards": [rendered_card(i, src, with_visual, bool(facets)) for i in items], "filter": facets or "",
            "empty": empty}


def follow(hint: str, text: str, src: str, dst: str) -> dict[str, str]:
    """A visible link to a feed or calendar, with a short Dutch lead-in."""
    return {"hint": hint, **href(text, src, dst)}


def alternate(path: str, mime: str, title: str) -> dict[str, str]:
    """Page metadata for a <link rel="alternate"> in the page head (overrides/sdw/alternates.html)."""
    return {"href": path, "type": mime, "title": title}


# Blocks of an overview page (listing.html): a heading, cards, chips or a follow link.
def heading_block(text: str, anchor: str = "") -> dict[str, Any]:
    return {"kind": "heading", "text": text, "id": anchor}


def cards_block(grid: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "cards", "grid": grid}


def chips_block(links: list[tuple[str, str]], src: str) -> dict[str, Any]:
    return {"kind": "chips", "links": [href(text, src, dst) for text, dst in links]}


def routes_block(data: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "routes", "routes": data}


def follow_block(hint: str, text: str, src: str, dst: str) -> dict[str, Any]:
    return {"kind": "follow", "follow": follow(hint, text, src, dst)}


def listing_body(title: str, lead: str, blocks: list[dict[str, Any]]) -> str:
    return render("listing.html", title=title, lead=lead, blocks=blocks)


def meta(title: str, description: str, kind: str, **more: Any) -> dict[str, Any]:
    """Page metadata for the renderer. `kind` picks the template (see overrides/). The generator
    speaks no renderer's language: `sdw_toc`/`sdw_nav` False (no table of contents / side
    navigation), the class `sdw-button` and the attribute `data-sdw-unindexed` (not for the search
    index) are put into Material's terms by the render stage (mkdocs_hooks.material_terms)."""
    data: dict[str, Any] = {"title": title, "description": description, "sdw_type": kind}
    data.update(more)
    return data


# --- item pages -----------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class ItemPageInput:
    """Everything an item's page shows: the builder's only argument, and (compared by identity for
    the model's objects, by equality for the context) what decides whether a kept page still holds."""

    item: Item
    related: tuple[Item, ...]  # "Lees ook"
    named: tuple[Item, ...]  # the items it refers to (audiences, themes, partners, region, edition)
    listing: tuple[Item, ...]  # the articles that refer to it (audiences, themes, …)
    editions: tuple[Item, ...]  # an edition's page: all editions (the neighbours' order)
    neighbours: tuple[Item | None, ...]  # (older, newer) of its edition, or of itself if it is one
    labels: tuple[Item, ...]  # a filterable list: every item a facet can name
    routes: tuple[Item, ...]  # a page with no articles to list: the nearest pages that have some
    featured: tuple[Item, ...]  # an edition's page: its featured articles (partner articles)
    context: Context

    @classmethod
    def of(cls, site: Site, item: Item, context: Context) -> ItemPageInput:
        edition = item if item.type.numbered_by else site.edition_of(item)
        return cls(
            item=item,
            related=site.related(item) if item.is_article else (),
            named=tuple(site.get(t, slug) for t in REF_TARGETS for slug in item.refs(t)),
            # An edition lists its stories; its partner articles have a block of their own (featured).
            listing=tuple(a for a in site.articles_for(item) if not (item.type.numbered_by and a.type.featured_heading))
            if item.type.articles_heading else (),
            editions=site.editions if item.type.numbered_by else (),
            neighbours=site.edition_neighbours(edition) if edition else (),
            labels=tuple(i for f in FACET_FIELDS for i in site.of_type(f.target)) if item.type.filterable else (),
            routes=tuple(i for i in site.shown(item.type.name) if i is not item)
            if item.type.articles_heading and not site.has_articles(item) else (),
            featured=tuple(a for t in FEATURED_TYPES for a in site.featured(item, t)) if item.type.numbered_by else (),
            context=context,
        )

    def same_as(self, other: ItemPageInput) -> bool:
        return same_record(self, other, (Item,))


class Known:
    """The items a page names, looked up as in the Site (get, of_type), from its input only."""

    def __init__(self, items: tuple[Item, ...]) -> None:
        self._by_key = {i.key: i for i in items}
        self._by_type: dict[str, list[Item]] = {}
        for i in dict.fromkeys(items):
            self._by_type.setdefault(i.type.name, []).append(i)

    def get(self, type_name: str, slug: str) -> Item:
        return self._by_key[(type_name, slug)]

    def of_type(self, type_name: str) -> tuple[Item, ...]:
        return tuple(self._by_type.get(type_name, ()))


def item_page_of(page: ItemPageInput) -> Page:
    """The page of one item, from its input only."""
    item, context = page.item, page.context
    known = Known(page.named + page.labels)
    src = item.rel
    ctype = item.type
    about = [row for fact in ctype.facts if fact.about for row in [fact_row(known, item, fact)] if row]
    data: dict[str, Any] = {
        "item": {"title": item.title, "summary": item.summary, "type": ctype.name, "label": item.label,
                 "date": {"iso": item.date.iso(), "dutch": item.date.dutch()} if item.date else None,
                 "reading": T.READING_TIME.format(minutes=item.reading_minutes) if item.is_article else ""},
        "facts": [row for fact in ctype.facts if not fact.about for row in [fact_row(known, item, fact)] if row],
        "about": {"heading": T.ABOUT_ARTICLE, "facts": about} if about else None,
        "people": {"label": ctype.people_label, "people": [
            {"name": p.name, "role": ", ".join(x for x in (p.role, p.organisation) if x)} for p in item.people]}
        if item.people else None,
        "player": None, "figure": None,
        "body": Markup(author_body(item.body)),
        "edition_nav": None, "listing": None, "related": None, "routes": None, "featured": None,
    }
    if ctype.player:
        url, still = item.value(ctype.player.url), item.value(ctype.player.poster)
        data["player"] = {"url": url, "title": item.title, "still": still} if url and still else None
    elif own_image(item):
        data["figure"] = {"alt": item.value(ctype.picture.alt) or "", "image": own_image(item)}
    edition = next((i for i in page.named if i.type.numbered_by), None)
    if edition is not None:
        links = [(T.EDITION_FROM.format(number=edition.number, title=edition.title), edition.rel),
                 *_neighbour_links(page.neighbours)]
        data["edition_nav"] = {"label": T.EDITION_NAV_LABEL, "links": [href(t, src, d) for t, d in links]}
    facets = filter_data(known, page.listing) if ctype.filterable else None
    more: dict[str, Any] = {"sdw_nav": False, "sdw_toc": False}  # a reading column, no empty sidebars
    if page.featured:
        featured = page.featured[0].type
        data["featured"] = {"heading": featured.featured_heading, "grid": cards(page.featured, src)}
    if ctype.articles_heading and not page.listing and not page.featured:
        # Nothing to list: say so, and offer the nearest pages that do have articles.
        more["sdw_empty"] = True
        data["routes"] = routes(T.NOTHING_FOR_ITEM.format(name=item.title), page.routes, src)
    elif ctype.articles_heading:
        feed = ctype.item_feed
        data["listing"] = {
            "heading": ctype.articles_heading.format(name=item.title),
            "follow": follow(feed.hint.format(name=item.title.lower()), T.FEED_LINK, src, F.item_feed_path(item))
            if feed else None,
            "grid": cards(page.listing, src, facets),
            "chips": [_newsletter_link(item, src), *(href(t, src, d) for t, d in _neighbour_links(page.neighbours))]
            if ctype.numbered_by else [],
        }
    if page.related:
        data["related"] = {"heading": T.RELATED_HEADING, "grid": cards(page.related, src)}
    if ctype.item_feed:
        more["sdw_alternate"] = alternate(F.item_feed_path(item), F.ATOM_TYPE, item_feed_title(item))
    more.update(sharing(known, item, context))
    if facets:
        more["sdw_filter"] = True
    return Page(src, meta(item.title, item.summary, ctype.name, **more), render("item.html", **data))


def routes(text: str, items: tuple[Item, ...] | list[Item], src: str,
           more: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    """What a page with nothing to list offers instead: a plain sentence and links to the nearest
    pages that have something (`items`, then `more` as (text, path)), and always all articles."""
    links = [href(i.title, src, i.rel) for i in items] + [href(t, src, d) for t, d in more]
    links.append(href(T.ROUTES_ALL, src, ALL_ARTICLES))
    return {"heading": T.ROUTES_HEADING, "text": text, "links": links}


def _shown(value: Any) -> str:
    """A date or number as a reader reads it."""
    return value.dutch() if hasattr(value, "dutch") else str(value)


def fact_row(site: Known, item: Item, fact: Fact) -> dict[str, Any] | None:
    """One declared fact of an item as data for the facts list, or None when there is nothing to show."""
    if fact.show is Show.CALENDAR:
        if not (item.type.agenda and item.date and item.date.day):
            return None
        return {"label": fact.label, "kind": "calendar", "note": fact.note,
                "links": [href(fact.link_text or "", item.rel, F.event_calendar_path(item))]}
    value = item.value(fact.field)
    if fact.show is Show.PERIOD:
        end = item.value(fact.end) if fact.end else None
        if value and end:
            words = fact.both
        elif value:
            words = fact.start_only
        elif end:
            words = fact.end_only
        else:
            words = None
        if words is None:
            return None
        text = words.format(start=_shown(value) if value else "", end=_shown(end) if end else "")
        return {"label": fact.label, "kind": "text", "text": text}
    if not value:
        return None
    if fact.show is Show.REFS:
        target = item.type.field(fact.field).target
        named = [site.get(target, slug) for slug in (value if isinstance(value, tuple) else (value,))]
        return {"label": fact.label, "kind": "links", "links": [href(i.title, item.rel, i.rel) for i in named]}
    if fact.show is Show.WEB:
        # A checked web address (policy.web_address_violation), only ever an escaped attribute.
        return {"label": fact.label, "kind": "web", "url": value, "text": fact.link_text or value}
    return {"label": fact.label, "kind": "text", "text": _shown(value)}


def _neighbour_links(neighbours: tuple[Item | None, ...]) -> list[tuple[str, str]]:
    """(text, path) of the previous and the next edition, where they exist."""
    older, newer = neighbours or (None, None)
    links = []
    if older:
        links.append((f"{T.EDITION_PREVIOUS}: {older.title}", older.rel))
    if newer:
        links.append((f"{T.EDITION_NEXT}: {newer.title}", newer.rel))
    return links


def _newsletter_link(edition: Item, src: str) -> dict[str, str]:
    """An edition's link to its newsletter's page (sdw/newsletter.py, which builds on this module)."""
    from .newsletter import newsletter_link

    return newsletter_link(edition, src)


def item_feed_title(item: Item) -> str:
    return item.type.item_feed.title.format(name=item.title.lower())


# --- listings -----------------------------------------------------------------------------

def type_listing(site: Site, ctype: ContentType, context: Context | None = None) -> Page:
    context = context or Context()
    src = listing_path(ctype)
    items = site.shown(ctype.name)
    blocks: list[dict[str, Any]] = []
    more: dict[str, Any] = {}
    if not items:
        # Nothing to show: not linked from the navigation, the home page or other listings (the
        # render stage reads `sdw_empty`); the page says so and offers the nearest routes.
        others = tuple((t.plural, listing_path(t)) for t in ARTICLE_TYPES if t is not ctype and site.shown(t.name))
        more["sdw_empty"] = True
        blocks.append(routes_block(routes(T.NOTHING_OF_TYPE.format(plural=ctype.plural), (), src,
                                          others)))
    elif ctype.is_article:
        years = sorted({i.date.year for i in items if i.date}, reverse=True)
        if years:
            blocks.append(chips_block([(str(y), year_path(y)) for y in years], src))
    if ctype.agenda and items:
        blocks.append(follow_block(T.CALENDAR_HINT, T.CALENDAR_SUBSCRIBE, src, F.EVENTS_CALENDAR))
        blocks.extend(_event_sections(site, src, context.today))
        more["sdw_alternate"] = alternate(F.EVENTS_CALENDAR, F.ICS_TYPE, T.CALENDAR_NAME)
    elif items:
        if ctype.is_article:
            blocks.append(follow_block(T.FEED_HINT, T.FEED_LINK, src, F.SITE_FEED))
        blocks.append(cards_block(cards(items, src)))
        rest = [i.title for i in site.of_type(ctype.name) if not site.has_articles(i)] if ctype.unlinked_lead else []
        if rest:  # e.g. partners without articles yet: named (they are partners), not linked
            blocks.append({"kind": "names", "text": ctype.unlinked_lead, "names": rest})
    more.update(page_sharing(context, src))
    return Page(src, meta(ctype.plural, ctype.listing_summary, "listing", sdw_toc=False, **more),
                listing_body(ctype.plural, ctype.listing_summary, blocks))


PAST_EVENTS_ID = "eerdere-evenementen"


def _event_sections(site: Site, src: str, today: dt.date) -> list[dict[str, Any]]:
    """Upcoming events (soonest first, or a message that none are planned), then past ones (newest first)."""
    upcoming, past = site.split_events(today)
    out = [heading_block(T.EVENTS_UPCOMING), cards_block(cards(upcoming, src, empty=T.EVENTS_NONE_UPCOMING))]
    if past:
        out += [heading_block(T.EVENTS_PAST, PAST_EVENTS_ID), cards_block(cards(past, src))]
    return out


def archive_pages(site: Site, context: Context | None = None) -> list[Page]:
    context = context or Context()
    years = site.years()
    counts = {y: sum(1 for a in site.articles if a.date and a.date.year == y) for y in years}
    index = Page(
        ARCHIVE, meta(T.ARCHIVE_TITLE, T.ARCHIVE_SUMMARY, "listing", sdw_toc=False, **page_sharing(context, ARCHIVE)),
        listing_body(T.ARCHIVE_TITLE, T.ARCHIVE_SUMMARY, [
            chips_block([(T.ARCHIVE_COUNT.format(year=y, count=counts[y]), year_path(y)) for y in years], ARCHIVE),
            follow_block(T.FEED_HINT, T.FEED_LINK, ARCHIVE, F.SITE_FEED),
        ]),
    )
    pages = [index]
    for year in years:
        src = year_path(year)
        items = [a for a in site.articles if a.date and a.date.year == year]
        title = T.ARCHIVE_YEAR_TITLE.format(year=year)
        summary = T.ARCHIVE_YEAR_SUMMARY.format(year=year)
        pages.append(Page(src, meta(title, summary, "listing", sdw_toc=False, **page_sharing(context, src)),
                          listing_body(title, summary, [chips_block([(T.ARCHIVE_TITLE, ARCHIVE)], src),
                                                        cards_block(cards(items, src))])))
    return pages


def all_articles_page(site: Site, context: Context | None = None) -> Page:
    """Every article on one page, newest first, filterable by audience, theme, type and year."""
    src = ALL_ARTICLES
    facets = filter_data(site, site.articles)
    more: dict[str, Any] = {"sdw_toc": False, **page_sharing(context or Context(), src)}
    if facets:
        more["sdw_filter"] = True
    return Page(src, meta(T.ALL_ARTICLES_TITLE, T.ALL_ARTICLES_SUMMARY, "listing", **more),
                listing_body(T.ALL_ARTICLES_TITLE, T.ALL_ARTICLES_SUMMARY,
                             [cards_block(cards(site.articles, src, facets))]))


def home_page(site: Site, context: Context | None = None) -> Page:
    """The front door: the site's name and mission with the entries for its audiences, then the
    newest edition (with its month) and its featured partner articles, then the latest of each type.
    Blocks without items are left out; only pages with something to show are linked."""
    context = context or Context()
    src = HOME
    pages = TYPES_BY_FOLDER[""]
    about = next((p for p in site.of_type(pages.name) if p.slug == ABOUT_PAGE), None)
    convenant = next((p for p in site.of_type(pages.name) if p.slug == CONVENANT_PAGE), None)
    intro = about.summary if about else pages.listing_summary
    data: dict[str, Any] = {"title": T.HOME_TITLE, "mission": T.HOME_MISSION, "edition": None, "featured": []}
    data["audiences"] = {"label": T.HOME_AUDIENCES_LABEL, "entries": [
        {"title": a.title, "href": link(src, a.rel), "summary": a.summary}
        for a in site.shown(ARTICLE_ATTRS["audiences"].target)]}
    editions = site.shown(EDITION_TYPE.name) if EDITION_TYPE else ()
    if editions:  # the newest edition with something in it
        newest = editions[0]
        data["edition"] = {
            "label": f"{T.HOME_EDITION_LABEL} · {card_meta(newest)}", "title": newest.title,
            "href": link(src, newest.rel), "summary": newest.summary,
            "grid": cards([a for a in site.articles_for(newest) if not a.type.featured_heading], src, with_visual=True),
            "links": [href(T.HOME_EDITION_OPEN.format(number=newest.number), src, newest.rel),
                      href(T.HOME_ALL_EDITIONS, src, listing_path(newest.type))],
        }
        for ctype in FEATURED_TYPES:
            featured = site.featured(newest, ctype)
            if featured:
                data["featured"].append({"heading": ctype.featured_heading, "grid": cards(featured, src),
                                         "links": [href(T.HOME_MORE.format(plural_lower=ctype.plural.lower()),
                                                        src, listing_path(ctype))]})
    buttons = []
    if about:
        buttons.append({**href(T.HOME_ABOUT_BUTTON, src, about.rel), "primary": True})
    if convenant:
        buttons.append({**href(T.HOME_CONVENANT_BUTTON, src, convenant.rel), "primary": False})
    data["about"] = {"heading": T.HOME_ABOUT_HEADING, "text": intro, "buttons": buttons}
    sections = []
    for ctype in HOME_TYPES:
        heading = ctype.home_heading or ctype.plural
        if not ctype.is_article:
            items = site.shown(ctype.name)
            if items:
                sections.append({"heading": heading, "grid": None,
                                 "links": [href(i.title, src, i.rel) for i in items]})
            continue
        items = site.of_type(ctype.name)[:HOME_LIMIT]
        if not items:
            continue
        links = [(T.HOME_MORE.format(plural_lower=ctype.plural.lower()), listing_path(ctype))]
        grid = cards(items, src)
        if ctype.agenda:
            upcoming = site.split_events(context.today)[0][:HOME_LIMIT]
            if not upcoming:  # no block of nothing: the link to the past ones is in the listing
                continue
            grid = cards(upcoming, src)
        sections.append({"heading": heading, "grid": grid, "links": [href(t, src, d) for t, d in links]})
    data["sections"] = sections
    # The audiences for the renderer's own frame too (the 404 page; see mkdocs_hooks.on_env).
    audiences = [{"href": a.rel, "label": a.title} for a in site.shown(ARTICLE_ATTRS["audiences"].target)]
    return Page(src, meta(T.SITE_NAME, intro, "home", sdw_nav=False, sdw_toc=False, sdw_audiences=audiences,
                          **home_sharing(context, intro)), render("home.html", **data))
