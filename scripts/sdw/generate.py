"""Generate: every page and generated file of the site, from the model (pages.py builds them,
feeds.py writes feeds and calendars).

Each item page, feed and calendar is made from a frozen input record (ItemPageInput,
FeedInput, CalendarInput): the builder's only argument, and what the preview's memory
(sdw.incremental) compares to reuse an unchanged one across rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import feeds as F
from . import texts as T
from .markup import esc, reload, stamp
from .memo import NO_MEMO, same_record
from .model import Item, Site
from .newsletter import site_files as newsletter_files
from .pages import (
    ALL_ARTICLES,
    ARCHIVE,
    HOME,
    Context,
    ItemPageInput,
    Known,
    Page,
    RawFile,
    all_articles_page,
    archive_pages,
    author_body,
    home_page,
    item_feed_title,
    item_page_of,
    link,
    type_listing,
)
from .schema import SUBJECT_FIELDS, TYPES
from .sharing import page_card, with_card
from .write import RAW_SUFFIXES, AddressedFile, WriteReport, write_pages

if TYPE_CHECKING:
    from .incremental import BuildMemory
    from .pagestore import PageStore


def item_page(site: Site, item: Item, context: Context | None = None, memory: BuildMemory | None = None,
              store: PageStore | None = None) -> Page:
    """The page of one item; with the preview's memory, reused while its input is the same; with
    a one-shot build's store (sdw.pagestore), taken from an earlier build's when its input has
    the same content.

    The build context is part of the page's input: the preview keeps no page across a change of
    the build date or the site address; the store keeps none across a change of the address (no
    item page shows the date, which tests/test_pagestore.py holds).
    """
    page = ItemPageInput.of(site, item, context or Context())
    if memory is None and store is not None:
        return store.get(page, item.rel, lambda: item_page_of(page))
    return (memory.pages if memory is not None else NO_MEMO).get(item.rel, page, lambda: item_page_of(page))


@dataclass(frozen=True)
class FeedInput:
    """Everything an Atom feed shows: the builder's (`feed_of`) only argument, and what decides
    whether a kept feed still holds."""

    path: str  # below the site root, e.g. feeds/alles.xml
    title: str
    subtitle: str
    page_rel: str  # the page the feed belongs to (its alternate link)
    entries: tuple[Item, ...]  # the newest articles (at most FEED_LIMIT), newest first
    subjects: tuple[Item, ...]  # every item an entry's categories can name (themes)
    fallback: str  # `updated` of a feed without entries: the newest article's date on the site
    context: Context

    def same_as(self, other: FeedInput) -> bool:
        return same_record(self, other, (Item,))


def feed_of(feed: FeedInput) -> RawFile:
    """One Atom feed, from its input only."""
    return RawFile(feed.path, F.atom_feed(
        Known(feed.subjects), path=feed.path, items=feed.entries, url=feed.context.url,  # type: ignore[arg-type]
        fallback_updated=feed.fallback, title=feed.title, subtitle=feed.subtitle, page_rel=feed.page_rel))


@dataclass(frozen=True)
class CalendarInput:
    """Everything an iCalendar file shows: the builder's (`calendar_of`) only argument, and what
    decides whether a kept calendar still holds."""

    path: str
    events: tuple[Item, ...]  # whole-day events (with a day)
    name: str | None  # a subscribable calendar's name
    context: Context

    def same_as(self, other: CalendarInput) -> bool:
        return same_record(self, other, (Item,))


def calendar_of(calendar: CalendarInput) -> RawFile:
    """One iCalendar file, from its input only."""
    return RawFile(calendar.path, F.calendar(calendar.events, calendar.context.url, name=calendar.name))


def feed_inputs(site: Site, context: Context) -> list[FeedInput | CalendarInput]:
    """The inputs of the Atom feeds (all articles; one per audience) and the events calendars."""
    # Shared by every feed: the themes entries can name, and the date of a feed without entries.
    newest = site.articles[0].date if site.articles and site.articles[0].date else None
    shared = {"subjects": tuple(i for f in SUBJECT_FIELDS for i in site.of_type(f.target)),
              "fallback": F.rfc3339(newest) if newest else F.EPOCH, "context": context}
    # Articles are always dated and come newest first: a feed shows the first FEED_LIMIT.
    inputs: list[FeedInput | CalendarInput] = [FeedInput(
        F.SITE_FEED, T.FEED_SITE_TITLE, T.FEED_SITE_SUBTITLE, HOME, site.articles[:F.FEED_LIMIT], **shared)]
    for ctype in TYPES:
        for item in site.of_type(ctype.name) if ctype.item_feed else ():
            subtitle = ctype.item_feed.subtitle.format(name=item.title.lower())
            inputs.append(FeedInput(F.item_feed_path(item), item_feed_title(item), subtitle, item.rel,
                                    site.articles_for(item)[:F.FEED_LIMIT], **shared))
    events = tuple(e for e in site.events if e.date and e.date.day)
    inputs.append(CalendarInput(F.EVENTS_CALENDAR, events, T.CALENDAR_NAME, context))
    inputs.extend(CalendarInput(F.event_calendar_path(e), (e,), None, context) for e in events)
    return inputs


def feed_files(site: Site, context: Context, memory: BuildMemory | None = None,
               store: PageStore | None = None) -> list[RawFile]:
    """The Atom feeds and the events calendars; with the preview's memory, each reused while its
    input is the same; with a one-shot build's store, taken from an earlier build's when its input
    has the same content."""
    def make(i: FeedInput | CalendarInput) -> RawFile:
        return feed_of(i) if isinstance(i, FeedInput) else calendar_of(i)

    if memory is None and store is not None:
        return [store.get(i, i.path, lambda i=i: make(i)) for i in feed_inputs(site, context)]
    memo = memory.feeds if memory is not None else NO_MEMO
    return [memo.get(i.path, i, lambda i=i: make(i)) for i in feed_inputs(site, context)]


def generate(site: Site, context: Context | None = None, memory: BuildMemory | None = None,
             store: PageStore | None = None) -> list[Page | RawFile]:
    """Every page and generated file of the site, in a stable order. With the preview's memory,
    item pages, feeds and calendars whose input is unchanged are reused, and the memory keeps
    only those this site has; with a one-shot build's store, item pages, feeds and calendars kept by
    earlier builds."""
    context = context or Context()
    if memory is not None:
        templates = stamp()
        if templates != memory.templates:  # a designer changed a partial: nothing made with it holds
            reload()
            memory.pages.keep_only(set())
            for item in site.items:
                item.rendered.clear()
            memory.templates = templates
    if memory is None and store is not None:  # cards kept by earlier builds, of items with the same content
        store.take_cards(site.items)
    pages: list[Page | RawFile] = [home_page(site, context)]
    pages.extend(type_listing(site, t, context) for t in TYPES if t.folder)
    pages.append(all_articles_page(site, context))
    pages.extend(archive_pages(site, context))
    # Every edition's newsletter: its page, .eml and text (with the store: kept like item pages).
    pages.extend(newsletter_files(site, context, store if memory is None else None))
    items = sorted(site.items, key=lambda i: i.rel)
    pages.extend(item_page(site, i, context, memory, store) for i in items)
    feeds = feed_files(site, context, memory, store)
    pages.extend(feeds)
    if memory is not None:
        memory.pages.keep_only({i.rel for i in items})
        memory.feeds.keep_only({f.path for f in feeds})
    # Link previews: a page without a picture of its own shows its social card (sharing.py); one
    # file per card, drawn only when write_pages finds no file of its name (named after its content).
    cards: dict[str, AddressedFile] = {}
    for n, page in enumerate(pages):
        if isinstance(page, Page):
            meta = with_card(page.meta, context)
            if meta is not page.meta:
                page = pages[n] = Page(page.path, meta, page.body)
            card = page_card(page.meta)
            if card is not None and card.path not in cards:
                cards[card.path] = AddressedFile(card.path, card.render, (card.title, card.label, card.site))
    pages.extend(cards.values())
    return pages


__all__ = ["ALL_ARTICLES", "ARCHIVE", "HOME", "RAW_SUFFIXES", "CalendarInput", "Context", "FeedInput", "Page",
           "RawFile", "WriteReport", "author_body", "calendar_of", "esc", "feed_of", "generate", "home_page",
           "item_page", "link", "type_listing", "write_pages"]
