"""Item pages, feeds and calendars kept across one-shot builds: `sdw build` makes again only those
whose input changed (the generate stage's share of an incremental build, as sdw.buildcache is the
render stage's).

Each is made from its frozen input record alone (pages.ItemPageInput: the item, the items it
shows, the build context; generate.FeedInput, generate.CalendarInput). Its key is a SHA-256 of
that record's content, not its objects: each item by the values of all its fields (its type by
name), everything else by its values (the build context without its date: no item page, feed or
calendar shows it, which a test holds), and a version of everything else it comes from: our code
(scripts/sdw/*.py), the partials (overrides/sdw/blocks/), Python and every installed package's
version. Kept in one file, `.build/generate/pages`: per page a line of JSON (its key, path and
size, and its metadata, or `raw` for a feed or calendar), then the page's body or the file's bytes
as they are (data only, never pickles). It is read once, at the first page, and written again
(whole, under another name first) after a build that made or left out a page, with the pages that
build used.

A store that cannot be read is empty; from a damaged record on, the rest is missing; a record that
is not a page for that path is a miss: the page is made again (tests/test_pagestore.py). The
preview does not use this: its BuildMemory keeps pages in memory, by the identity of their items.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .markup import BLOCKS
from .model import Item
from .pages import Context
from .write import write_whole

if TYPE_CHECKING:
    from .generate import CalendarInput, FeedInput
    from .pages import ItemPageInput, Page, RawFile

    Input = ItemPageInput | FeedInput | CalendarInput
    Made = TypeVar("Made", Page, RawFile)

FORMAT = 1
STORE = "pages"  # the file in .build/generate/


@cache
def version() -> str:
    """What an item page comes from besides its input: this format, Python, the installed
    packages, our code and the partials (by content: a restored cache has other mtimes)."""
    h = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for name in sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()):
        h.update(name.encode() + b"\n")
    for folder, pattern in ((Path(__file__).resolve().parent, "*.py"), (BLOCKS, "*.html")):
        for path in sorted(folder.glob(pattern)):
            h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class PageStore:
    """The kept item pages, feeds and calendars of one project (`folder`: its .build/generate/)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / STORE
        self.used: dict[str, bytes] = {}  # key -> its record, for the store this build leaves
        self.made = self.kept = 0
        self._items: dict[int, tuple[Item, bytes]] = {}  # id -> (the item, kept alive; its digest)
        self._old: dict[str, tuple[dict, bytes, bytes]] | None = None  # key -> (header, content, record)

    def get(self, record: Input, path: str, make: Callable[[], Made]) -> Made:
        """What `make` makes of `record` (an item page, a feed or a calendar at `path`) as kept,
        else made now (and kept for the next build)."""
        from .pages import Page, RawFile

        key = self.key(record)
        found = self._records().get(key)
        if found is not None and found[0].get("path") == path:
            header, content, raw = found
            if header.get("raw") is True:
                self.kept += 1
                self.used[key] = raw
                return RawFile(path, content)
            if isinstance(header.get("meta"), dict):
                try:
                    body = content.decode("utf-8")
                except UnicodeDecodeError:
                    body = None
                if body is not None:
                    self.kept += 1
                    self.used[key] = raw
                    return Page(path, header["meta"], body)
        made = make()
        self.made += 1
        if made.path == path:  # else not what the check above expects: not kept
            if isinstance(made, Page):
                header, content = {"meta": made.meta}, made.body.encode("utf-8")
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
            self._old = dict(_read(data))
        return self._old

    def key(self, record: Input) -> str:
        """The SHA-256 of what `record` holds: items by the values of their fields, everything
        else by its representation (dataclasses, strings, dates), with this module's version."""
        h = hashlib.sha256(version().encode() + b"\0" + type(record).__name__.encode())
        for f in fields(record):
            value = getattr(record, f.name)
            h.update(b"\1" + f.name.encode() + b"\0")
            if isinstance(value, Context):  # without the build date, which only listings show
                value = replace(value, today=None)
            if isinstance(value, tuple):
                for element in value:
                    h.update(self._digest(element) if isinstance(element, Item) else repr(element).encode())
                    h.update(b"\2")
            else:
                h.update(self._digest(value) if isinstance(value, Item) else repr(value).encode())
        return h.hexdigest()

    def _digest(self, item: Item) -> bytes:
        found = self._items.get(id(item))
        if found is None or found[0] is not item:
            values = tuple(item.type.name if f.name == "type" else getattr(item, f.name) for f in fields(item))
            found = self._items[id(item)] = (item, hashlib.sha256(repr(values).encode()).digest())
        return found[1]

    def finish(self) -> None:
        """Leave the store with the pages this build used, if that is not what it holds already
        (after a build that made every page: one that failed leaves the store as it was)."""
        if self.made == 0 and set(self.used) == set(self._records()):
            return
        try:
            write_whole(self.file, b"".join(self.used.values()))
        except OSError:
            pass  # not kept: made again next time


def _record(header: dict, content: bytes) -> bytes:
    # The header on one line (json writes no line breaks), then the content as it is.
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + content


def _read(data: bytes) -> Iterator[tuple[str, tuple[dict, bytes, bytes]]]:
    """The records of a store: key -> (header, content, the record as it is), until the end or the
    first record that is not one."""
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
        yield header["key"], (header, data[end + 1:stop], data[at:stop])
        at = stop


__all__ = ["PageStore", "version"]
