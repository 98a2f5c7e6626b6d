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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import texts as T
from .load import Asset
from .memo import Memo
from .model import Item, Site
from .schema import ARTICLE_TYPES, IMAGE_SUFFIXES, TYPES, TYPES_BY_NAME, ContentType, listing_rel

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


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, forward slashes
    meta: dict[str, Any]
    body: str = ""

    def render(self) -> str:
        # JSON is a subset of YAML: any front-matter reader accepts it, and it is
        # written many times faster than by a YAML emitter.
        front = json.dumps(self.meta, ensure_ascii=False, indent=1)
        return f"---\n{front}\n---\n\n{self.body.strip()}\n"

    def encode(self) -> bytes:
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


def card(item: Item, src: str, filterable: bool = False) -> str:
    meta = item.type.label + (f" · {item.date.dutch()}" if item.date else "")
    data = "".join(f' data-{FACET_ATTRS[f]}="{" ".join(v)}"' for f, v in facet_values(item).items()) \
        if filterable else ""
    # <article>, not <div>: Material's search parser matches excluded elements by
    # tag name, so a nested </div> would end the exclusion of the card grid.
    return (
        f'<article class="sdw-card"{data} markdown>\n'
        f'<p class="sdw-card__meta">{esc_html(meta)}</p>\n'
        f'<p class="sdw-card__title" markdown="span">{md_link(item.title, src, item.rel)}</p>\n'
        f'<p class="sdw-card__summary">{esc_html(item.summary)}</p>\n'
        "</article>"
    )


def cards(items: tuple[Item, ...] | list[Item], src: str, facets: str | None = None) -> str:
    """A grid of cards; with `facets` (see filter_data) the browser can filter it."""
    if not items:
        return f'<p class="sdw-empty">{T.EMPTY}</p>'
    data = f' data-sdw-filter="{html.escape(facets, quote=True)}"' if facets else ""
    # Cards repeat other pages' summaries: kept out of the search index so that
    # the article itself, not every listing that mentions it, is found.
    return (f'<div class="sdw-cards"{data} markdown data-search-exclude="">\n'
            + "\n".join(card(i, src, bool(facets)) for i in items) + "\n</div>")


# --- filters ---------------------------------------------------------------------------
# A filterable list carries its data on the cards themselves (data-doelgroepen="a b"
# data-themas="..." data-soort="verhaal" data-jaar="2021") and, on the list, the facets
# with the labels of their values and the words of the interface (data-sdw-filter, JSON).
# assets/javascripts/sdw-filter.js builds the controls from that: no request, no
# per-article data elsewhere, and without JavaScript the whole list shows.

FACETS = ("doelgroep", "thema", "soort", "jaar")  # also the query-string keys
FACET_ATTRS = {"doelgroep": "doelgroepen", "thema": "themas", "soort": "soort", "jaar": "jaar"}


def facet_values(item: Item) -> dict[str, tuple[str, ...]]:
    """The values of every facet for one article, in FACETS order."""
    return {"doelgroep": item.audiences, "thema": item.themes, "soort": (item.type.name,),
            "jaar": (str(item.date.year),) if item.date else ()}


def filter_data(site: Site, items: tuple[Item, ...] | list[Item]) -> str | None:
    """The facets of a list as JSON, or None when no value would narrow it.

    A value is offered when some but not all of the items have it (one that every
    item has cannot narrow the list); a facet without such values is left out.
    """
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        for facet, values in facet_values(item).items():
            for value in set(values):
                counts[(facet, value)] = counts.get((facet, value), 0) + 1
    options = {
        "doelgroep": [(i.slug, i.title) for i in site.of_type("doelgroep")],
        "thema": [(i.slug, i.title) for i in site.of_type("thema")],
        "soort": [(t.name, t.plural) for t in ARTICLE_TYPES],
        "jaar": [(y, y) for y in sorted({v for f, v in counts if f == "jaar"}, reverse=True)],
    }
    facets = []
    for facet in FACETS:
        values = [[v, label] for v, label in options[facet] if 0 < counts.get((facet, v), 0) < len(items)]
        if values:
            facets.append({"name": facet, "attr": FACET_ATTRS[facet], "legend": T.FILTER_LEGENDS[facet],
                           "values": values})
    if not facets:
        return None
    return json.dumps({"facets": facets, "texts": T.FILTER_TEXTS}, ensure_ascii=False, separators=(",", ":"))


def chips(links: list[tuple[str, str]], src: str) -> str:
    inner = " ".join(md_link(text, src, dst) for text, dst in links)
    return f'<p class="sdw-chips" markdown="span">{inner}</p>'


def ref_links(site: Site, type_name: str, slugs: tuple[str, ...], src: str) -> str:
    return " ".join(md_link(site.get(type_name, s).title, src, site.get(type_name, s).rel) for s in slugs)


def header(item: Item, rows: list[tuple[str, str]]) -> str:
    """Title, kicker and facts (kept out of the search index) and the summary as lead."""
    meta_block = "\n\n".join(x for x in (kicker(item), facts(rows)) if x)
    return (
        f"# {esc(item.title)}\n\n"
        f'<div class="sdw-item-header" markdown data-search-exclude="">\n{meta_block}\n</div>\n\n'
        f'<p class="sdw-lead">{esc_html(item.summary)}</p>'
    )


def meta(title: str, description: str, kind: str, **more: Any) -> dict[str, Any]:
    """Page metadata for the renderer. `kind` picks the template (see overrides/)."""
    data: dict[str, Any] = {"title": title, "description": description, "sdw_type": kind}
    data.update(more)
    return data


# --- item pages -----------------------------------------------------------------------

_PAGES: Memo = Memo()


def item_page(site: Site, item: Item) -> Page:
    """The page of one item, reused when nothing it shows has changed (for the preview)."""
    related = site.related(item) if item.is_article else ()
    named = tuple(site.get(t, slug) for t in ("doelgroep", "thema", "partner", "regio", "editie")
                  for slug in item.refs(t))
    listing = site.articles_for(item) if item.type.name in _LISTING_HEADINGS else ()
    editions = site.editions if item.type.name == "editie" else ()
    # A filterable list names every audience and theme in its facets.
    labels = site.of_type("doelgroep") + site.of_type("thema") if item.type.name in FILTERABLE else ()
    return _PAGES.get(item.rel, (item, related, named, listing, editions, labels),
                      lambda: _item_page(site, item, related))


def _item_page(site: Site, item: Item, related: tuple[Item, ...]) -> Page:
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
    parts.append(item.body.strip())

    facets = filter_data(site, site.articles_for(item)) if item.type.name in FILTERABLE else None
    listing = _taxonomy_listing(site, item, facets)
    if listing:
        parts.append(listing)
    if related:
        parts.append(f'<div class="sdw-related" markdown>\n\n## {T.RELATED_HEADING}\n\n'
                     f"{cards(related, src)}\n\n</div>")
    more: dict[str, Any] = {}
    if not item.is_article:
        more["hide"] = ["toc"]
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
            rows.append((T.EVENT_SIGNUP, f"<{x['aanmelden']}>"))
    elif name == "kennis":
        rows.append((T.KNOWLEDGE_PUBLISHER, esc(x["uitgever"])))
        if x.get("soort"):
            rows.append((T.KNOWLEDGE_KIND, esc(x["soort"])))
        if x.get("link"):
            rows.append((T.KNOWLEDGE_LINK, f"[{T.KNOWLEDGE_LINK_TEXT}]({x['link']})"))
    elif name == "video":
        rows.append((T.FACT_SOURCE, f"[{T.VIDEO_LINK_TEXT}]({x['video_url']})"))
        if x.get("duur"):
            rows.append((T.VIDEO_DURATION, esc(x["duur"])))
    elif name == "partner":
        if x.get("afkorting"):
            rows.append((T.PARTNER_ABBREVIATION, esc(x["afkorting"])))
        if x.get("website"):
            rows.append((T.PARTNER_WEBSITE, f"<{x['website']}>"))
        start, end = x.get("lid_sinds"), x.get("lid_tot")
        if start and end:
            rows.append((T.PARTNER_MEMBERSHIP, T.PARTNER_PERIOD.format(start=start, end=end)))
        elif start:
            rows.append((T.PARTNER_MEMBERSHIP, T.PARTNER_SINCE.format(year=start)))
        elif end:
            rows.append((T.PARTNER_MEMBERSHIP, T.PARTNER_UNTIL.format(year=end)))
    return rows


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
    out = [f"## {esc(heading.format(name=item.title))}", cards(articles, item.rel, facets)]
    if item.type.name == "editie":
        editions = site.editions
        index = editions.index(item)
        nav = []
        if index + 1 < len(editions):
            nav.append((f"{T.EDITION_PREVIOUS}: {editions[index + 1].title}", editions[index + 1].rel))
        if index > 0:
            nav.append((f"{T.EDITION_NEXT}: {editions[index - 1].title}", editions[index - 1].rel))
        if nav:
            out.append(chips(nav, item.rel))
    return "\n\n".join(out)


# --- listings -----------------------------------------------------------------------------

def type_listing(site: Site, ctype: ContentType) -> Page:
    src = listing_path(ctype)
    items = site.of_type(ctype.name)
    parts = [f"# {ctype.plural}", f'<p class="sdw-lead">{esc_html(T.LISTING_SUMMARY[ctype.name])}</p>']
    if ctype.is_article:
        years = sorted({i.date.year for i in items if i.date}, reverse=True)
        if years:
            parts.append(chips([(str(y), year_path(y)) for y in years], src))
    parts.append(cards(items, src))
    return Page(src, meta(ctype.plural, T.LISTING_SUMMARY[ctype.name], "listing", hide=["toc"]),
                "\n\n".join(parts))


def archive_pages(site: Site) -> list[Page]:
    years = site.years()
    counts = {y: sum(1 for a in site.articles if a.date and a.date.year == y) for y in years}
    index = Page(
        ARCHIVE, meta(T.ARCHIVE_TITLE, T.ARCHIVE_SUMMARY, "listing", hide=["toc"]),
        "\n\n".join([
            f"# {T.ARCHIVE_TITLE}", f'<p class="sdw-lead">{T.ARCHIVE_SUMMARY}</p>',
            chips([(T.ARCHIVE_COUNT.format(year=y, count=counts[y]), year_path(y)) for y in years], ARCHIVE),
        ]),
    )
    pages = [index]
    for year in years:
        src = year_path(year)
        items = [a for a in site.articles if a.date and a.date.year == year]
        title = T.ARCHIVE_YEAR_TITLE.format(year=year)
        summary = T.ARCHIVE_YEAR_SUMMARY.format(year=year)
        pages.append(Page(src, meta(title, summary, "listing", hide=["toc"]),
                          "\n\n".join([f"# {title}", f'<p class="sdw-lead">{summary}</p>',
                                       chips([(T.ARCHIVE_TITLE, ARCHIVE)], src), cards(items, src)])))
    return pages


def all_articles_page(site: Site) -> Page:
    """Every article on one page, newest first, filterable by audience, theme, type and year."""
    src = ALL_ARTICLES
    facets = filter_data(site, site.articles)
    more: dict[str, Any] = {"hide": ["toc"]}
    if facets:
        more["sdw_filter"] = True
    return Page(src, meta(T.ALL_ARTICLES_TITLE, T.ALL_ARTICLES_SUMMARY, "listing", **more),
                "\n\n".join([f"# {T.ALL_ARTICLES_TITLE}", f'<p class="sdw-lead">{T.ALL_ARTICLES_SUMMARY}</p>',
                             cards(site.articles, src, facets)]))


def home_page(site: Site) -> Page:
    src = HOME
    about = next((p for p in site.of_type("pagina") if p.slug == "over-sterk-door-werk"), None)
    convenant = next((p for p in site.of_type("pagina") if p.slug == "convenant"), None)
    intro = about.summary if about else T.LISTING_SUMMARY["pagina"]
    buttons = []
    if about:
        buttons.append(f"[{T.HOME_ABOUT_BUTTON}]({link(src, about.rel)}){{ .md-button .md-button--primary }}")
    if convenant:
        buttons.append(f"[{T.HOME_CONVENANT_BUTTON}]({link(src, convenant.rel)}){{ .md-button }}")
    parts = [
        '<div class="sdw-hero" markdown>\n\n'
        f"# {T.SITE_NAME} {{ .sdw-hero__title }}\n\n"
        f'<p class="sdw-hero__text">{esc_html(intro)}</p>\n\n'
        + " ".join(buttons) + "\n\n</div>"
    ]
    if site.editions:
        newest = site.editions[0]
        parts.append(
            '<div class="sdw-edition" markdown>\n\n'
            f"## {T.HOME_EDITION_HEADING}\n\n"
            f'<p class="sdw-edition__label" markdown="span">{md_link(newest.title, src, newest.rel)}</p>\n\n'
            f'<p>{esc_html(newest.summary)}</p>\n\n'
            f"{cards(site.articles_for(newest), src)}\n\n"
            f"{chips([(T.HOME_ALL_EDITIONS, listing_path(TYPES_BY_NAME['editie']))], src)}\n\n</div>"
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
        more = chips([(T.HOME_MORE.format(plural_lower=ctype.plural.lower()), listing_path(ctype))], src)
        parts.append(f'<div class="sdw-section" markdown>\n\n## {heading or ctype.plural}\n\n'
                     f"{cards(items, src)}\n\n{more}\n\n</div>")
    for type_name, heading in (("thema", T.HOME_THEMES_HEADING), ("partner", T.HOME_PARTNERS_HEADING)):
        items = site.of_type(type_name)
        if items:
            parts.append(f'<div class="sdw-section" markdown>\n\n## {heading}\n\n'
                         f"{chips([(i.title, i.rel) for i in items], src)}\n\n</div>")
    return Page(src, meta(T.SITE_NAME, intro, "home", hide=["navigation", "toc"]), "\n\n".join(parts))


def generate(site: Site, context: Context | None = None) -> list[Page | RawFile]:
    """Every page and generated file of the site, in a stable order."""
    context = context or Context()
    pages: list[Page | RawFile] = [home_page(site)]
    pages.extend(type_listing(site, t) for t in TYPES if t.folder)
    pages.append(all_articles_page(site))
    pages.extend(archive_pages(site))
    pages.extend(item_page(site, i) for i in sorted(site.items, key=lambda i: i.rel))
    return pages


# --- writing ------------------------------------------------------------------------------

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
    for rel, data in wanted.items():
        target = docs_dir / rel
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        written.append(rel)
    removed = []
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        suffix = path.suffix.lower()
        managed = suffix == ".md" or suffix in IMAGE_SUFFIXES or suffix in RAW_SUFFIXES
        if path.is_file() and managed and rel not in wanted:
            path.unlink()
            removed.append(rel)
    for folder in sorted((p for p in docs_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return WriteReport(tuple(written), unchanged, tuple(removed))


__all__ = ["ARTICLE_TYPES", "Context", "Page", "RawFile", "generate", "write_pages"]
