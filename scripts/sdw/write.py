"""Write: put generated pages, files and images into docs/, touching only what changed."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .schema import IMAGE_SUFFIXES

if TYPE_CHECKING:  # (not imported here: the card painter imports this module, and needs none of them)
    from .incremental import BuildMemory
    from .load import Asset
    from .pages import Page, RawFile

# Suffixes of generated files other than pages and images; write_pages removes stale ones.
RAW_SUFFIXES = frozenset({".xml", ".ics", ".json", ".js", ".eml", ".txt"})  # .eml, .txt: the newsletters


class AddressedFile:
    """A generated file named after its content (the social cards: a hash of what decides the
    picture), whose bytes are made only when needed: write_pages takes an existing file of that
    name as it is, and makes the bytes only for a missing one (a card takes milliseconds to draw,
    a site has thousands). Not a RawFile, whose bytes are at hand (feeds, calendars, data)."""

    __slots__ = ("make", "path", "recipe")

    def __init__(self, path: str, make: Callable[[], bytes], recipe: tuple[str, ...] = ()) -> None:
        self.path = path  # relative to docs/, forward slashes
        self.make = make
        # What another process needs to make the same bytes (sdw.painter): a card's texts.
        self.recipe = recipe

    def encode(self) -> bytes:
        # Made again on each call, not kept: thousands of cards would stay in memory until the
        # build ends, and write_pages asks once.
        return self.make()

    def __eq__(self, other: object) -> bool:  # the name says the content: no need to make it
        return isinstance(other, AddressedFile) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    def __repr__(self) -> str:
        return f"AddressedFile({self.path!r})"


def write_whole(target: Path, data: bytes) -> None:
    """Write under another name first: a file of this name is always complete. The other name
    starts with a dot (MkDocs never copies such a file into a site) and holds this process's id
    (the card painter writes beside this process)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, target)


def link_whole(source: Path, target: Path) -> bool:
    """Give the file `source` the name `target` too (a hard link: complete at once, and no new
    file: making one cost 0.2–0.7 ms of kernel time on the ext4 of our build machines, a link
    0.015 ms). A file of that name is replaced. False where no link can be made (another file
    system): the caller writes the bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
        return True
    except FileExistsError:
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            os.link(source, partial)
            os.replace(partial, target)
            return True
        except OSError:
            return False
    except OSError:
        return False


def write_kept(data: bytes, target: Path, kept: Path | None) -> None:
    """A generated file that later builds keep (a card: into .build/cards/ as `kept`), written
    there and given the name `target` too: one file with two names (neither is ever written in
    place). Without `kept`, or where no link can be made, target gets its own copy."""
    if kept is not None:
        write_whole(kept, data)
        if link_whole(kept, target):
            return
    write_whole(target, data)


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def write_pages(pages: list[Page | RawFile | AddressedFile], docs_dir: Path, assets: tuple[Asset, ...] = (),
                memory: BuildMemory | None = None, cache_dir: Path | None = None,
                later: list[AddressedFile] | None = None) -> WriteReport:
    """Write pages, generated files and images into docs_dir; leave unchanged files untouched;
    remove stale ones.

    Only Markdown pages, images and RAW_SUFFIXES files are managed: other files
    in docs_dir are left alone. Unchanged files are found by comparing bytes; with the
    preview's memory, a file whose bytes object and (mtime, size) are those last written
    is not even read again. An AddressedFile that exists is unchanged without being made; with a
    `cache_dir` (the project's .build/cards/), one made by an earlier build, also into another or a
    wiped docs/, is linked from there (link_whole; copied where no link can be made) instead of
    being made again. With a `later` list, one that
    must be made (and has a recipe) is put on it instead, for sdw.painter to make in another
    process while the site renders; it counts as written.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    addressed = {p.path: p for p in pages if isinstance(p, AddressedFile)}
    wanted: dict[str, bytes] = {p.path: p.encode() for p in pages if p.path not in addressed}
    wanted.update({a.rel: a.data for a in assets})
    written, unchanged = [], 0
    folders: set[Path] = set()
    for rel, file in addressed.items():
        if rel in wanted:  # an author's file of that name comes first (see below)
            continue
        target = docs_dir / rel
        if target.is_file():
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        cached = cache_dir / posixpath.basename(rel) if cache_dir is not None else None
        written.append(rel)
        if cached is not None and cached.is_file():
            if link_whole(cached, target):  # one file, two names (neither is ever written in place)
                continue
            data = cached.read_bytes()
        elif later is not None and file.recipe:
            later.append(file)
            continue
        else:
            write_kept(file.encode(), target, cached)
            continue
        write_whole(target, data)
    kept = set(addressed)
    # path -> (bytes last written or found equal, (mtime_ns, size) then)
    known = memory.on_disk.setdefault(str(docs_dir.resolve()), {}) if memory is not None else {}
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
            if managed and rel not in wanted and rel not in kept and os.path.isfile(os.path.join(folder, name)):
                os.unlink(os.path.join(folder, name))
                known.pop(rel, None)
                removed.append(rel)
                left -= 1
        left -= sum(1 for d in dirs if os.path.join(folder, d) in empty_dirs)
        if left == 0 and base != ".":
            os.rmdir(folder)
            empty_dirs.add(folder)
    removed.sort()
    for rel in [r for r in known if r not in wanted]:  # no longer generated (its file may be gone too)
        del known[rel]
    return WriteReport(tuple(written), unchanged, tuple(removed))
