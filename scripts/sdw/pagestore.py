"""Item pages, feeds, calendars and newsletters kept across one-shot builds: `sdw build` makes
again only those whose input changed (the generate stage's share of an incremental build, as
sdw.buildcache is the render stage's).

Each is made from its frozen input record alone (pages.ItemPageInput: the item, the items it
shows, the build context; generate.FeedInput, generate.CalendarInput; newsletter.NewsletterInput,
one per file of a newsletter). Its key is a SHA-256 of that record's content, not its objects: each
item by the values of all its fields (its type by name), tuples element by element, everything
else by its values (the build context without its date: no item page, feed or calendar shows it,
which a test holds; a newsletter shows it only through its sections and its day, which are in its
record), and a version of everything else it comes from: our code (scripts/sdw/*.py), the partials
(overrides/sdw/blocks/), Python and every installed package's version. An item's digest, a shared
tuple's (every edition page's list of editions) and the context's are worked out once per build.
Kept in one file, `.build/generate/pages`: per page a line of JSON (its key, path and size, and
its metadata, or `raw` for a feed, calendar or newsletter file), then the page's file or the
file's bytes as they are (data only, never pickles). It is read once, at the first page. A build
that made pages adds their records at its end (at 10,000 items the file is over 100 MB: writing
it whole took a third of a second of every incremental build); the records no build uses any
more stay until they are a quarter of the file, or the file is damaged, and then it is written
again whole (under another name first) with the pages that build used.

Beside it, `.build/generate/cards`: the cards (pages.rendered_card, rendered once per item and
kind of card) by the digest of their item, with the version, as JSON. A build gives every item the
cards kept for an item with the same content, and keeps those of its own items for the next; a
listing then only puts in its links. A file of another version, or one that is not such a file,
is ignored.

Also beside it, `.build/generate/related`: every article's related items ("Lees ook") as the last
build found them (KeptRelated), with the digest of what they were worked out from (the site's
related_basis and the version): while that is the same, as after an edit of an article's text,
they are taken from there rather than ranked again.

A store that cannot be read is empty; from a damaged record on, the rest is missing; a record that
is not a page for that path is a miss: the page is made again (tests/test_pagestore.py). The
preview does not use this: its BuildMemory keeps pages in memory, by the identity of their items.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from markupsafe import Markup

from .codeversion import code_version
from .markup import BLOCKS
from .memo import Memo
from .model import Item, Site
from .pages import Context
from .write import write_whole

if TYPE_CHECKING:
    from .generate import CalendarInput, FeedInput
    from .newsletter import NewsletterInput
    from .pages import ItemPageInput, Page, RawFile

    Input = ItemPageInput | FeedInput | CalendarInput | NewsletterInput
    Made = TypeVar("Made", Page, RawFile)

FORMAT = 3
STORE = "pages"  # the file in .build/generate/
# The store is written again whole once the records no build used since make up 1/UNUSED_SHARE of it.
UNUSED_SHARE = 4
CARDS = "cards"  # the rendered cards, beside it
RELATED = "related"  # the related items, beside it


def version() -> str:
    """What an item page comes from besides its input: this format, Python, the installed
    packages, our code and the partials (sdw.codeversion)."""
    return code_version(f"pagestore {FORMAT}", (BLOCKS, "*.html"))


class PageStore:
    """The kept item pages, feeds, calendars, newsletters and cards of one project (`folder`: its
    .build/generate/)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / STORE
        self.used: dict[str, bytes] = {}  # key -> its record, for the store this build leaves
        self.made = self.kept = 0
        self._items: dict[int, tuple[Item, bytes]] = {}  # id -> (the item, kept alive; its digest)
        self._tuples: dict[int, tuple[tuple, bytes]] = {}  # id -> (the tuple, kept alive; its digest)
        self._contexts: dict[int, tuple[Context, bytes]] = {}  # id -> (the context; its encoding)
        self._version = version().encode() + b"\0"
        self._card_items: tuple[Item, ...] = ()
        self._old_cards: dict[str, dict[str, str]] = {}
        self._old: dict[str, tuple[dict, bytes, bytes]] | None = None  # key -> (header, content, record)
        self._size = 0  # of the file as read
        self._whole = False  # whether the file as read is all records, each once

    def take_cards(self, items: tuple[Item, ...]) -> None:
        """Give these items the cards an earlier build rendered for items with the same content
        (pages.rendered_card keeps them in `Item.rendered`): a listing then puts in only its links.
        `finish` keeps the cards of these items for the next build."""
        self._card_items = tuple(items)
        self._old_cards = _read_cards(self.file.with_name(CARDS))
        for item in self._card_items:
            found = self._old_cards.get(self._digest(item).hex())
            for variant, markup in found.items() if found else ():
                item.rendered.setdefault((variant[0] == "1", variant[1] == "1"), Markup(markup))

    def get(self, record: Input, path: str, make: Callable[[], Made]) -> Made:
        """What `make` makes of `record` (an item page, a feed, a calendar or a newsletter's file
        at `path`) as kept, else made now (and kept for the next build)."""
        from .pages import Page, RawFile

        key = self.key(record)
        found = self._records().get(key)
        if found is not None and found[0].get("path") == path:
            header, content, raw = found
            if header.get("raw") is True:
                self.kept += 1
                self.used[key] = raw
                return RawFile(path, bytes(content))
            page = _page(path, header.get("meta"), content)
            if page is not None:
                self.kept += 1
                self.used[key] = raw
                return page
        made = make()
        self.made += 1
        if made.path == path:  # else not what the check above expects: not kept
            if isinstance(made, Page):
                header, content = {"meta": made.meta}, made.data
            else:
                header, content = {"raw": True}, made.data
            self.used[key] = _record({"key": key, "path": path, "size": len(content), **header}, content)
        return made

    def _records(self) -> dict[str, tuple[dict, bytes, bytes]]:
        if self._old is None:
            try:
                data = self.file.read_bytes()
            except OSError:
                data = b""
            self._old = dict(_read(data, views=True))
            self._size = len(data)
            self._whole = sum(len(raw) for _, _, raw in self._old.values()) == len(data)
        return self._old

    def key(self, record: Input) -> str:
        """The SHA-256 of what `record` holds: items by the values of their fields, tuples element
        by element, everything else by its representation (dataclasses, strings, dates), with this
        module's version. An item's digest, a tuple's (editions: the same tuple on many pages) and
        the context's are worked out once per build, by identity."""
        parts = [self._version, type(record).__name__.encode()]
        for name in _field_names(type(record)):
            value = getattr(record, name)
            parts.append(b"\1" + name.encode() + b"\0")
            if type(value) is tuple:
                parts.append(self._tuple(value))
            elif isinstance(value, Item):
                parts.append(self._digest(value))
            elif isinstance(value, Context):
                parts.append(self._context(value))
            else:
                parts.append(b"\5" + repr(value).encode() + b"\6")
        return hashlib.sha256(b"".join(parts)).hexdigest()

    def _tuple(self, value: tuple) -> bytes:
        # Each element marked by its kind: an item (\4 and its fixed-length digest), a tuple (\7 and
        # its digest), anything else (\5, its representation, \6: a repr writes no control
        # characters, so \6 cannot occur in it).
        found = self._tuples.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        items, parts = self._items, [b"\2"]
        for element in value:
            known = items.get(id(element))
            if known is not None and known[0] is element:
                parts.append(b"\4" + known[1])
            elif isinstance(element, Item):
                parts.append(b"\4" + self._digest(element))
            elif type(element) is tuple:
                parts.append(b"\7" + self._tuple(element))
            else:
                parts.append(b"\5" + repr(element).encode() + b"\6")
        digest = hashlib.sha256(b"".join(parts)).digest()
        self._tuples[id(value)] = (value, digest)
        return digest

    def _context(self, context: Context) -> bytes:
        # Without the build date, which only listings show.
        found = self._contexts.get(id(context))
        if found is None or found[0] is not context:
            found = self._contexts[id(context)] = (context, b"\5" + repr(replace(context, today=None)).encode() + b"\6")
        return found[1]

    def _digest(self, item: Item) -> bytes:
        found = self._items.get(id(item))
        if found is None or found[0] is not item:
            values = tuple(item.type.name if f.name == "type" else getattr(item, f.name) for f in fields(item))
            found = self._items[id(item)] = (item, hashlib.sha256(repr(values).encode()).digest())
        return found[1]

    def finish(self) -> None:
        """Leave the store with the pages this build used, if that is not what it holds already
        (after a build that made every page: one that failed leaves the store as it was)."""
        cards = {self._digest(item).hex(): {f"{int(visual)}{int(filterable)}": str(markup)
                                            for (visual, filterable), markup in item.rendered.items()}
                 for item in self._card_items if item.rendered}
        try:
            if self._card_items and cards != self._old_cards:
                write_whole(self.file.with_name(CARDS), json.dumps(
                    {"version": version(), "cards": cards}, ensure_ascii=False).encode("utf-8"))
            old = self._records()
            new = [record for key, record in self.used.items() if key not in old]
            unused = self._size - sum(len(old[key][2]) for key in self.used if key in old)
            if self._whole and self._size and unused * UNUSED_SHARE <= self._size + sum(map(len, new)):
                if new:  # (a write cut short leaves a damaged end: the next build writes it whole)
                    with open(self.file, "ab") as f:
                        f.write(b"".join(new))
                return
            write_whole(self.file, b"".join(self.used.values()))
        except OSError:
            pass  # not kept: made again next time


class KeptRelated(Memo):
    """Site.related's memo in a one-shot build (model.build_site): each article's related items as
    the last build found them, while the site's related_basis and this module's version are the
    same (their digest); ranked again, and kept for the next build, otherwise. A file that does not
    hold, or names an article no longer there, only costs the ranking."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.file = folder / RELATED
        self.kept = 0
        self.made: dict[str, list] = {}  # item path -> [limit, [paths of its related items]], for save
        self._digest = ""
        self._old: dict = {}
        self._by_rel: dict[str, Item] = {}

    def bind(self, site: Site) -> None:
        """Read the file for this site (before its first article's related items are asked for)."""
        basis = hashlib.sha256(version().encode() + b"\0" + site.related_basis().encode("utf-8", "surrogatepass"))
        self._digest = basis.hexdigest()
        self._by_rel = {article.rel: article for article in site.articles}
        try:
            data = json.loads(self.file.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("digest") == self._digest and isinstance(data.get("related"), dict):
            self._old = data["related"]

    def get(self, key, token, make):
        item, _, limit = token
        found = self._old.get(item.rel)
        if isinstance(found, list) and len(found) == 2 and found[0] == limit and isinstance(found[1], list):
            items = tuple(self._by_rel.get(rel) if isinstance(rel, str) else None for rel in found[1])
            if None not in items:
                self.kept += 1
                self.made[item.rel] = found
                return items
        value = make()
        self.made[item.rel] = [limit, [i.rel for i in value]]
        return value

    def save(self) -> None:
        """Keep this build's related items for the next, if they are not what the file holds."""
        if self.made == self._old:
            return
        try:
            write_whole(self.file, json.dumps({"digest": self._digest, "related": self.made},
                                              ensure_ascii=False).encode("utf-8", "surrogatepass"))
        except OSError:
            pass  # not kept: ranked again next time


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _read_cards(path: Path) -> dict[str, dict[str, str]]:
    """The cards file: item digest -> (with_visual, filterable as "0"/"1" twice) -> the card; empty
    when it cannot be read, is not one, or was made by other code or partials."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not (isinstance(data, dict) and data.get("version") == version() and isinstance(data.get("cards"), dict)):
        return {}
    cards = data["cards"]
    if all(isinstance(found, dict) and all(variant in _VARIANTS and isinstance(markup, str)
                                           for variant, markup in found.items()) for found in cards.values()):
        return cards
    return {}


_VARIANTS = frozenset({"00", "01", "10", "11"})


def _page(path: str, meta: object, content: bytes) -> Page | None:
    """A kept page: its file as written (Page.data, which write_pages then need not make again:
    0.4 s at 10,000 items) and its body as that file holds it (stripped: it makes the same file);
    None when the record is not such a page."""
    from .pages import FRONT_END, Page

    try:
        text = str(content, "utf-8")
    except UnicodeDecodeError:
        return None
    head, end, body = text.partition(FRONT_END)
    if not (isinstance(meta, dict) and end and head.startswith("---\n{\n") and body.endswith("\n")):
        return None
    page = Page(path, meta, body[:-1])
    page.__dict__["data"] = bytes(content)  # (its cached_property, as if made from meta and body)
    return page


def _record(header: dict, content: bytes) -> bytes:
    # The header on one line (json writes no line breaks), then the content as it is.
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + content


def _read(data: bytes, *, views: bool = False) -> Iterator[tuple[str, tuple[dict, bytes, bytes]]]:
    """The records of a store: key -> (header, content, the record as it is), until the end or the
    first record that is not one. views: content and record as memoryviews of `data`, not copies
    (two copies of 130 MB at 10,000 items: reading the store took 0.9 s with them, 0.7 s without)."""
    whole = memoryview(data) if views else data
    at = 0
    while at < len(data):
        end = data.find(b"\n", at)
        if end < 0:
            return
        try:
            header = json.loads(data[at:end])
        except ValueError:
            return
        if not (isinstance(header, dict) and isinstance(header.get("key"), str)
                and type(header.get("size")) is int and 0 <= header["size"] <= len(data) - end - 1):
            return
        stop = end + 1 + header["size"]
        yield header["key"], (header, whole[end + 1:stop], whole[at:stop])
        at = stop


__all__ = ["KeptRelated", "PageStore", "version"]
