"""The render stage's persistent cache: `sdw build` re-renders only pages whose inputs changed.

A MkDocs plugin that render.py installs for `sdw build` (never for the preview,
which has MkDocs' own dirty rebuilds in memory). It keeps, per target folder,
in `.build/render/<site>/`:

- `manifest.jsonl`: the build's key and, per page, the page's key, the SHA-256
  of its HTML as MkDocs wrote it, its search-index entries (as Material's search
  plugin made them, with the analysis sdw.searchindex.analyse added as the page was
  rendered), the anchors it holds, its metadata and what its links looked up;
- `journal.jsonl`: the pages that changed since that manifest was written;
- `pages/<sha[:2]>/<sha>`: each page's HTML, named after its content.

The manifest's first line is `{"format":2,"key":<build key>,"id":<random>}`; every
other line of it and of the journal is one page's record,

    <CRC-32 of the rest, 8 hex digits> TAB <head> TAB <search entries> LF

with head `[src, page key, HTML's SHA-256 or null, anchors, metadata, lookups]` and the
entries a JSON list, both compact JSON (which never holds a raw tab or line feed). The
journal's first line, `{"format":2,"base":<the manifest's id>}`, ties it to one manifest;
its records replace the manifest's, and `[src]` with no entries says a page is gone. At 10,000
items the manifest is over 100 MB, so a build writes as little of it as it can: the records of
pages it took from the cache are the bytes it read, an unchanged cache is not written at all,
and what changed goes into the journal (rewritten whole, it is small) until the journal
reaches an eighth of the manifest, when both become one new manifest. Reading decodes all heads
in one call and the entries only of the pages taken from the cache, again in one call (one
decoder call shares its dictionary keys: a third faster than one call per page). With enough
pages, the entries are not decoded here at all: they go as read, all of them, to the process
that makes the search index (sdw.searchchild), as soon as MkDocs has its configuration
(on_config), so that it decodes them while MkDocs reads the files and on_nav works out which
pages are unchanged; its job then names those.

A record stands on its own: its page key covers all the page's inputs, so a record that is old
is never wrong, only unused. Therefore a line without its line feed (a write cut short), with
another CRC or that does not decode is left out (its page is rendered again), a journal that
does not name the manifest is ignored, and a manifest of another format or key, or unreadable,
is an empty cache. Both files are written under another name and renamed, so an interrupted
build leaves the previous cache or the new one.

The build key covers everything a page's HTML depends on besides its own
Markdown: this format, Python and every installed package with its version,
our code (scripts/sdw/*.py and the hook files), the templates of every theme
folder (overrides/ whole, Material's and MkDocs' templates), mkdocs.yml and the
environment it and our code read (SDW_*, SOURCE_DATE_EPOCH and every !ENV name),
the configuration after the plugins set it up, the list of pages with their
addresses, the navigation with what each page in it shows there (its
front-matter, or its whole source when the title comes from its first heading)
and the pages the frame links to (footer, 404 page, the home page's audiences).
Per page it also keeps what each relative link found (MkDocs resolves links
against the list of files): a page whose link now finds another file, or none,
is rendered again, while a new social card elsewhere costs nothing.
A page's key is the build key plus its path and its Markdown. The generator
writes every page whose output changed (listings, related items, the home
page) into docs/, so a page whose Markdown is unchanged renders the same.

A page whose key matches is neither converted nor rendered (MkDocs' dirty mode,
per page): its HTML is copied from the cache, after its SHA-256 was checked,
and its search entries are put back in the build's order, so site/, search
index included, is the same byte for byte as a cold build. The pages a partner
process renders (sdw.partner) are stored in this cache's format and come in
the same way once it is done. What others read
from such a page (its metadata and title: the navigation shows them; its
anchors) is put back from the manifest; a page in the navigation whose title
comes from its text is always rendered. A build with a
plugin this module does not know, or with anchor checks that can fail a build,
reuses nothing. A missing or corrupt manifest is an empty cache; a missing or
altered page raises CacheUnusable, and render.py builds again, cold.

The cache holds only JSON and HTML, never pickles: a cache restored in CI is
data, not code.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import sys
import zlib
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils.meta import get_data

from . import searchchild
from .codeversion import packages
from .collector import no_collector_pauses
from .samefiles import link_if_copy
from .write import write_whole

FORMAT = 2
MANIFEST = "manifest.jsonl"
JOURNAL = "journal.jsonl"
OLD_MANIFESTS = ("manifest.json",)  # of earlier formats: removed by the first save
PAGES = "pages"
# The journal becomes part of a new manifest once it holds this share of the manifest's bytes.
COMPACT_SHARE = 8
# Where a plugin's class lives for the plugins whose needs this module knows: Material's search
# (its entries are kept and put back) and offline (it works on the finished index only).
KNOWN_PLUGINS = ("material.plugins.search.", "material.plugins.offline.")
# Template folders inside installed packages: their version is in the key; their templates are
# hashed too, not their icons and assets (copied afresh by every build).
_PACKAGE_SKIP = {".icons", "assets"}
_ENV_NAME = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s*,\s*([A-Za-z_][A-Za-z0-9_]*))*")
# MkDocs warns about dirty builds; here only pages whose output is known are left out.
_DIRTY_WARNING = "A 'dirty' build is being performed"


class CacheUnusable(Exception):
    """A cached page is missing or does not match its checksum: build again without the cache."""


_STRING = json.JSONEncoder(ensure_ascii=False)


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            data = part
        elif isinstance(part, str):  # (the same bytes without sort_keys and default: quicker, per page)
            data = _STRING.encode(part).encode("utf-8")
        else:
            data = json.dumps(part, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _tree_digest(folder: Path, *, package: bool) -> list[tuple[str, str]]:
    out = []
    for parent, dirs, names in os.walk(folder):
        if package and Path(parent) == folder:
            dirs[:] = [d for d in dirs if d not in _PACKAGE_SKIP]
        for name in names:
            if package and name.endswith(".pyc"):
                continue
            path = Path(parent, name)
            out.append((path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return sorted(out)


def _front(file) -> object:
    """What a page shows outside itself (navigation, frame): its metadata, or its whole source
    when its title comes from the text."""
    try:
        text = file.content_string
    except (OSError, UnicodeDecodeError):
        return None
    try:
        _, meta = get_data(text)
    except Exception:  # noqa: BLE001 - MkDocs reports a broken front-matter itself
        meta = {}
    return meta if isinstance(meta, dict) and "title" in meta else text


class _Silence(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_WARNING)


class BuildCache(BasePlugin):
    """See the module's docstring. `reuse=False`: render everything, and record it for the next build."""

    def __init__(self, folder: Path, *, reuse: bool = True) -> None:
        super().__init__()
        self.folder = folder
        self.reuse = reuse
        self.enabled = True  # False: a plugin or setting this cache cannot vouch for (nothing reused or kept)
        self.key = ""
        self.page_keys: dict[str, str] = {}
        self.previous: dict[str, dict] = {}  # src -> entry (without its search entries) of the cache
        self._lines: dict[str, bytes] = {}  # src -> its record as read (manifest or journal)
        self._base: dict[str, bytes] = {}  # src -> its record in the manifest
        self._base_id = ""  # the manifest's id ("": none for this key)
        self._base_size = 0
        self._journal = b""  # the journal as read (written again only when it changes)
        self.reused: dict[str, dict] = {}  # src_uri -> its manifest entry, for pages left out
        self.made: dict[str, dict] = {}  # src_uri -> entry of a page rendered in this build
        self._unkept: list[tuple[str, str]] = []  # (digest, site file) of pages rendered, for _link_kept
        # The site this build replaces (sdw.render sets it): its files with the bytes a file of
        # this build would get are linked, not written (sdw.samefiles).
        self.previous_site: Path | None = None
        # The search index made by a process of its own (sdw.searchchild): the pages whose
        # entries it got as read, and its job once sent. (The partner's cache has its own on_nav.)
        self.search_child = None
        # The cache as read at on_config (read_records: its header, journal and size) and its records (_latest).
        self._found: tuple[dict, bytes, int] = ({}, b"", 0)
        self._latest: tuple[dict[str, tuple[bytes, dict]], dict[str, bytes]] | None = None
        self._raw: list[str] = []
        self._search_job: dict | None = None
        self.order: list[str] = []
        # src -> its search entries as compact JSON, for pages rendered in this build (made here,
        # or by the partner), encoded once for the record and the search process.
        self.entries_json: dict[str, bytes] = {}
        self._encoded: tuple[dict[str, bytes], set[str]] | None = None  # (encode)
        self._files = None
        self._by_src: dict = {}  # the files by src_uri (MkDocs' own mapping)
        self._frozen = False  # whether on_nav froze the objects it decoded (see _freeze)
        self._search = None
        self._start = 0
        self._config_part = ""
        self._lookup = None
        self._reading: dict | None = None
        self.deps: dict[str, dict] = {}  # src_uri -> {path looked up while reading it: what was found}
        self.partner = None  # sdw.partner.Partner: a second process that renders some of the pages
        self.partnered: set[str] = set()  # pages the partner rendered (kept like pages reused)

    # --- the build key -------------------------------------------------------------------------

    @event_priority(-100)  # after every other plugin set the configuration up
    def on_config(self, config):
        self._search = search_plugin(config)
        for plugin in config.plugins.values():
            if plugin is self or type(plugin).__name__ == "module":
                continue  # hooks: modules, hashed with our code
            if not (type(plugin).__module__ + ".").startswith(KNOWN_PLUGINS):
                self.enabled = False
        anchors = config.validation.links.anchors
        if anchors >= logging.WARNING:
            self.enabled = False  # a page left out would not check its anchors against changed pages
        source = Path(config.config_file_path)
        text = source.read_bytes()
        names = {"SOURCE_DATE_EPOCH"} | {m for match in _ENV_NAME.finditer(text.decode("utf-8", "replace"))
                                         for m in match.groups() if m}
        env = {k: v for k, v in os.environ.items() if k.startswith("SDW_") or k in names}
        hooks = [(name, hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest())
                 for name, module in sorted(config.hooks.items())]
        settings = {k: config.get(k) for k in ("site_url", "use_directory_urls", "extra", "extra_css",
                                                "extra_javascript", "markdown_extensions", "mdx_configs",
                                                "not_in_nav", "nav", "strict", "copyright", "site_name",
                                                "site_description", "repo_url", "edit_uri")}
        settings["theme"] = {k: config.theme[k] for k in sorted(config.theme)}
        settings["plugins"] = sorted(config.plugins)
        self._config_part = _digest(FORMAT, sys.version, text, env, hooks, settings)
        if self.enabled and self.reuse:
            self._read_ahead(Path(config.docs_dir))
        return config

    def _read_ahead(self, docs_dir: Path) -> None:
        """Read the cache now, before MkDocs reads the files, and hand the search entries of all
        its pages to the process that will make the search index (sdw.searchchild), so that it
        decodes and analyses them while MkDocs and on_nav work out which pages are unchanged
        (on_nav tells it, in its job, which pages it takes; with too few to take or render, it
        stops it). Without such a cache (a first build) but with many pages, the process starts
        with none: it gets every page's entries at the end, and writes the index while this build
        puts the partner's pages, the cards and the rest in place (0.2 s at 1,000 items)."""
        self._read()
        if self._search is None:
            return
        if self._latest is not None and len(self._latest[0]) >= searchchild.MIN_PAGES:
            srcs = list(self._latest[0])
            self.search_child = searchchild.SearchChild.start(
                srcs, [_entries_part(line) for line, _ in self._latest[0].values()])
        elif pages_at_least(docs_dir, searchchild.MIN_PAGES):
            self.search_child = searchchild.SearchChild.start([], [])

    def _code_and_templates(self, config) -> str:
        package = Path(__file__).resolve().parent
        code = [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(package.glob("*.py"))]
        custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        templates = [(str(i), _tree_digest(Path(folder), package=Path(folder).resolve() != custom))
                     for i, folder in enumerate(config.theme.dirs)]
        return _digest(code, templates, packages())

    @event_priority(-100)
    def on_files(self, files, config):
        """Record which files each page's links look up (MkDocs resolves every relative link with
        get_file_from_path): a page depends on those, not on the whole list of pictures and cards."""
        self._files = files
        self._by_src = files.src_uris
        self._lookup = lookup = files.get_file_from_path

        def recorded(path):
            found = lookup(path)
            if self._reading is not None:
                self._reading[path] = _seen(found)
            return found

        files.get_file_from_path = recorded
        return files

    @event_priority(100)
    def on_pre_page(self, page, config, files):
        self._reading = self.deps[page.file.src_uri] = {}
        return page

    @event_priority(-100)
    def on_page_content(self, html, page, config, files):
        self._reading = None
        return html

    @event_priority(-100)  # after our hooks took empty pages out of the navigation
    def on_nav(self, nav, config, files):
        from .pages import frame_links

        if not self.enabled:
            return nav
        # The pages (templates get their list); other files count for the pages whose links look them up.
        listed = [(f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files if f.is_documentation_page()]
        shown = {}

        def walk(items):
            out = []
            for item in items:
                if item.is_page:
                    shown[item.file.src_uri] = item.file
                    out.append(("page", item.file.src_uri, item.url, item.title))
                elif item.is_section:
                    out.append(("section", item.title, walk(item.children)))
                else:
                    out.append(("link", item.title, item.url))
            return out

        structure = walk(nav.items)
        for href in ["index.md", *(link["href"] for links in frame_links().values() for link in links)]:
            found = files.get_file_from_path(href)
            if found is not None:
                shown[found.src_uri] = found
        # (The frame shows other files, such as the feed, only by their address.)
        fronts = sorted((src, _front(file) if file.is_documentation_page() else file.url)
                        for src, file in shown.items())
        self.key = _digest(self._config_part, self._code_and_templates(config), listed, structure, fronts)
        in_nav = {p.file.src_uri for p in nav.pages}
        found: dict[str, object] = {}  # path -> what it finds now (many pages link to the same files)
        self.previous = self._load() if self.reuse else {}
        candidates = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            try:
                with open(file.abs_src_path, "rb") as f:
                    source = f.read()
            except OSError:
                continue
            key = _digest(self.key, file.src_uri, source)
            self.page_keys[file.src_uri] = key
            entry = self.previous.get(file.src_uri)
            if not entry or entry["key"] != key:
                continue
            if file.src_uri in in_nav and not isinstance(entry["meta"].get("title"), str):
                continue  # its title, shown on every page, comes from its text: it is read and rendered
            blob = entry["html"]
            if blob is not None and not os.path.isfile(self._blob(blob)):
                continue
            if not self._same_lookups(entry["deps"], found):
                continue  # a link of this page now finds another file, or none
            candidates.append((file, entry))
        if self.search_child is not None and len(candidates) >= searchchild.MIN_PAGES:
            # The process that will make the index has their search entries (_read_ahead).
            self._raw = [file.src_uri for file, _ in candidates]
            for file, entry in candidates:
                self.reused[file.src_uri] = entry
                file.is_modified = _unmodified
            candidates = []
        elif len(self.page_keys) - len(candidates) < searchchild.MIN_PAGES:
            self.close_search()  # too few pages from the cache, and too few to render
        # (Else many pages to render, of a first build or a cache of another key: the process gets
        # all their entries at the end.)
        # Their search entries, decoded in one call (only now: pages rendered again need none).
        found_entries = self._decoded_entries([file.src_uri for file, _ in candidates])
        for (file, entry), entries in zip(candidates, found_entries, strict=True):
            if not searchchild.valid_entries(entries):
                continue
            entry["entries"] = entries
            self.reused[file.src_uri] = entry
            file.is_modified = _unmodified  # MkDocs' dirty build leaves it out: neither read nor rendered
        if self.previous:
            self._freeze()
        if self.partner is not None:  # the pages outside the navigation still to render, shared
            to_render = [f for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
                         if f.src_uri in self.page_keys and f.src_uri not in self.reused]
            shared = [f for f in to_render if f.src_uri not in in_nav]
            self.partner.offer(shared, own=len(to_render) - len(shared))
        return nav

    def _same_lookups(self, deps: dict, found: dict) -> bool:
        """Whether each path a page looked up finds what it found then (`found` keeps what a
        path finds now: many pages look up the same files)."""
        for path, seen in deps.items():
            now = found.get(path, found)
            if now is found:
                now = found[path] = _seen(self._find(path))
            if now != seen:
                return False
        return True

    def _find(self, path: str):
        """files.get_file_from_path(path) (the original, not the recording wrapper), without
        normalising a path that is a file's src_uri already (normalised, it is the same): a
        twentieth of the time, for the tens of thousands of lookups of a build at 10,000 items."""
        file = self._by_src.get(path)
        return file if file is not None else self._lookup(path)

    def _read(self) -> None:
        header, journal, size, base, changes = read_records(self.folder)
        self._found = header, journal, size
        if header.get("format") == FORMAT and isinstance(header.get("id"), str):
            self._latest = _latest(base, changes)

    def _load(self) -> dict[str, dict]:
        """The cache's entries for this build's key (src -> entry, its search entries not yet
        decoded): the manifest's records with the journal's over them, as _read_ahead read them.
        Anything unreadable is left out (see the module's docstring)."""
        header, journal, size = self._found
        if (header.get("format") != FORMAT or header.get("key") != self.key or not isinstance(header.get("id"), str)
                or self._latest is None):
            return {}
        self._base_id, self._base_size, self._journal = header["id"], size, journal
        latest, self._base = self._latest
        previous: dict[str, dict] = {}
        for src, (line, entry) in latest.items():
            previous[src] = entry
            self._lines[src] = line
        return previous

    def _freeze(self) -> None:
        """Leave what is alive now, the cache's millions of decoded entries above all, out of the
        collector's full collections for the rest of the build (each walked them all: together
        about 0.7 s of an incremental build at 10,000 items). Nothing is kept longer: reference
        counting still frees what is dropped, and on_shutdown undoes it, so later builds in this
        process (tests) collect their cycles as usual."""
        gc.freeze()
        self._frozen = True

    def on_shutdown(self):
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _blob(self, digest: str) -> str:
        """Where a page's HTML is kept: a plain string, as it is looked up for every cached page."""
        return f"{self.folder}/{PAGES}/{digest[:2]}/{digest}"

    # --- pages left out: what the rest of the build reads from them -----------------------------

    @event_priority(100)
    def on_env(self, env, config, files):
        """What other pages and the rest of the build read from a page that was not read: its
        metadata (as the hooks left it) and title (pages in the navigation show them there), and
        its anchors (links to them are checked)."""
        for src, entry in self.reused.items():
            page = self._find(src).page
            page.meta = _meta_back(entry["meta"])
            if "title" not in vars(page) and isinstance(page.meta.get("title"), str):
                page.title = page.meta["title"]  # MkDocs' own answer once it has read the page
            page.present_anchor_ids = set(entry["anchors"])
        self._link_static(files)
        return env

    def _link_static(self, files) -> None:
        """The files MkDocs is about to copy (calendars, newsletters, scripts) that the previous
        site has with the same bytes at the same place: linked instead (sdw.samefiles), and left
        out of the copying (MkDocs skips a file not modified in a dirty build)."""
        if self.previous_site is None:
            return
        base = str(self.previous_site)
        for file in files:
            if (file.generated_by is None and file.abs_src_path and file.inclusion.is_included()
                    and not file.is_documentation_page()
                    and link_if_copy(f"{base}/{file.dest_uri}", file.abs_dest_path, file.abs_src_path)):
                file.is_modified = _unmodified

    # --- pages rendered: what the next build needs ---------------------------------------------

    @event_priority(100)  # before every other handler, the search plugin's included
    def _context_first(self, context, page, config, nav):
        self._start = len(self._search.search_index.entries) if self._search is not None else 0
        return context

    @event_priority(-100)  # after the search plugin (0) and our hooks (-50)
    def _context_last(self, context, page, config, nav):
        entries = self._search.search_index.entries[self._start:] if self._search is not None else []
        raw = _compact_entries(entries)
        self.made[page.file.src_uri] = {"entries": json.loads(raw)}
        self.entries_json[page.file.src_uri] = raw  # (the record and the search job take it as it is)
        return context

    on_page_context = CombinedEvent(_context_first, _context_last)

    @event_priority(-1000)  # the page as MkDocs writes it
    def on_post_page(self, output, page, config):
        entry = self.made.setdefault(page.file.src_uri, {"entries": []})
        entry["key"] = self.page_keys.get(page.file.src_uri, "")
        entry["anchors"] = sorted(page.present_anchor_ids or ())
        entry["meta"] = json.loads(json.dumps(page.meta, default=str))
        entry["deps"] = self.deps.get(page.file.src_uri, {})
        if self.enabled and output.strip():
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            entry["html"] = digest = hashlib.sha256(data).hexdigest()
            self._keep(digest, data, page.file.abs_dest_path)
        else:
            entry["html"] = None
        return output

    def _keep(self, digest: str, data: bytes, dest: str) -> None:
        """Keep a rendered page's HTML for the next build: once MkDocs has written it (at
        on_post_build), as a second name of the site's file rather than a copy (_link_kept)."""
        self._unkept.append((digest, dest))

    def _link_kept(self) -> None:
        for digest, dest in self._unkept:
            blob = self._blob(digest)
            if os.path.isfile(blob):
                continue
            os.makedirs(os.path.dirname(blob), exist_ok=True)
            try:
                os.link(dest, blob)
            except FileExistsError:
                pass
            except OSError:  # no hard links here (another filesystem): a copy
                with open(dest, "rb") as f:
                    write_whole(Path(blob), f.read())
        self._unkept.clear()

    @event_priority(100)  # before the search plugin writes its index (0) and everything else
    def on_post_build(self, config):
        self._link_kept()
        if self.partner is not None:  # its pages, once it is done, are put in place like pages reused
            for src, entry in self.partner.collect().items():
                self.reused[src] = {**entry, "key": self.page_keys[src]}
                self.partnered.add(src)
                if src in self.partner.entries_json:
                    self.entries_json[src] = self.partner.entries_json[src]
        self.order = [f.src_uri for f in self._files.documentation_pages(inclusion=InclusionLevel.is_included)]
        if self.search_child is not None:  # first: the process makes the index while the pages go in
            self._search.search_index.entries = []  # the index is the process's (search_elsewhere)
            self._send_search(Path(config.site_dir))
        elif self._search is not None and self.reused:
            self._search.search_index.entries = searchchild.documents(self.order, {}, self._rendered_entries())
        for src, entry in self.reused.items():
            digest = entry["html"]
            if digest is not None:
                problem = _place_checked(self._blob(digest), digest, self._find(src).abs_dest_path)
                if problem is not None:
                    raise CacheUnusable(f"{src}: {problem}")  # (_build stops the process)

    # --- the search index made elsewhere (sdw.searchchild) -------------------------------------

    def _decoded_entries(self, srcs: list[str]) -> list:
        """The cached search entries of these pages, decoded in one call (None for any that
        does not decode)."""
        return _decode_all([_entries_part(self._lines[src]) for src in srcs])

    def _rendered(self) -> list[str]:
        """The pages whose entries the process did not get as read: rendered in this build, by
        this process or its partner, or taken from the cache when no process got them as read."""
        raw = set(self._raw)
        return [src for src in self.order if src not in raw and (src in self.reused or src in self.made)]

    def _rendered_entries(self) -> dict[str, list]:
        """Those pages' search entries, decoded."""
        return {src: (self.reused.get(src) or self.made[src])["entries"] for src in self._rendered()}

    def _entries_bytes(self, src: str) -> bytes | memoryview:
        """A page's search entries as compact JSON: as made or read, else encoded now."""
        raw = self.entries_json.get(src)
        if raw is None:
            if src in self.made or src in self.partnered or src not in self._lines:
                raw = self.entries_json[src] = _compact((self.reused.get(src) or self.made[src])["entries"])
            else:
                raw = _entries_part(self._lines[src])  # taken from the cache: as it was read
        return raw

    def _send_search(self, site: Path) -> None:
        """The rest of the index's job, as soon as every page is rendered (before the cached
        pages go into the site, the hooks' work and the cards, which it then overlaps): where
        the index goes and the previous one is (as the hooks' _write_search_index has them),
        the thesaurus, the order and the pages' entries the process did not get yet."""
        from .searchindex import read_thesaurus, site_folder
        from .thesaurus import SCRIPT

        previous = None if self.previous_site is None else site_folder(self.previous_site)
        self._search_job = {"folder": str(site_folder(site)), "previous": None if previous is None else str(previous),
                            "thesaurus": read_thesaurus(site / SCRIPT), "order": self.order,
                            "cached": self._raw}
        rendered = self._rendered()
        self.search_child.send(self._search_job, rendered, [self._entries_bytes(src) for src in rendered])

    def search_elsewhere(self) -> bool:
        """Whether the search index is this cache's to make (its process's, or its own in
        finish_search); the hooks then write only the stub."""
        return self._search_job is not None

    def finish_search(self) -> None:
        """Wait for the index of the process; if it did not make it, make it here (the same
        bytes). CacheUnusable if a cached page's entries do not decode after all."""
        child, self.search_child = self.search_child, None
        if child is None:
            return
        job = self._search_job
        if job is None:  # no index asked for (no search plugin's index this build)
            child.stop()
            return
        if child.wait():
            return
        from .searchindex import write

        child.stop()
        values = self._decoded_entries(self._raw)
        if not all(map(searchchild.valid_entries, values)):
            raise CacheUnusable("search entries")
        cached = dict(zip(self._raw, values, strict=True))
        docs = searchchild.documents(job["order"], cached, self._rendered_entries())
        write(Path(job["folder"]), docs, job["thesaurus"], Path(job["previous"]) if job["previous"] else None)

    def close_search(self) -> None:
        """The build failed or starts again: no process left."""
        child, self.search_child = self.search_child, None
        if child is not None:
            child.stop()

    # --- after a successful build ------------------------------------------------------------

    def save(self) -> None:
        """Write what changed in the cache (after the site was swapped in) and remove pages no
        entry names any more. Without a key (a plugin or setting this cache cannot vouch for),
        the cache is removed: nothing in it describes this site.

        Pages taken from the cache keep the record bytes that were read; the others are encoded.
        With the manifest of this key still in place, the pages that differ from it go into the
        journal (not written when it is unchanged); else, or once the journal has grown to
        1/COMPACT_SHARE of the manifest, a new manifest holds them all."""
        if not self.enabled or not self.key:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        lines, names = self.encode()
        for name in OLD_MANIFESTS:
            (self.folder / name).unlink(missing_ok=True)
        if self._base_id:
            changed = [line for src, line in lines.items() if not _same(self._base.get(src), line)]
            changed += [_gone(src) for src in self._base if src not in lines]
            journal = b"".join([_header({"format": FORMAT, "base": self._base_id}), *changed]) if changed else b""
            if len(journal) * COMPACT_SHARE <= self._base_size:
                if journal != self._journal:
                    if journal:
                        write_whole(self.folder / JOURNAL, journal)
                    else:
                        (self.folder / JOURNAL).unlink(missing_ok=True)
                named = {entry["html"] for entry in self.previous.values() if entry["html"]}
                for name in named - names:  # the pages of records replaced or gone in this build
                    Path(self._blob(name)).unlink(missing_ok=True)
                return
        header = _header({"format": FORMAT, "key": self.key, "id": secrets.token_hex(16)})
        write_whole(self.folder / MANIFEST, b"".join([header, *lines.values()]))
        (self.folder / JOURNAL).unlink(missing_ok=True)  # it names the manifest replaced
        for blob in (self.folder / PAGES).glob("*/*"):  # also what interrupted builds left
            if blob.name not in names:
                blob.unlink(missing_ok=True)

    def encode(self) -> tuple[dict[str, bytes], set[str]]:
        """The records save() writes (src -> line) and the pages' HTML they name; made once, as
        soon as the build has rendered everything (sdw.render calls it while the search process
        writes the index, before the swap)."""
        if self._encoded is None and not (self.enabled and self.key):
            self._encoded = {}, set()  # (save() writes nothing: it removes the cache)
        if self._encoded is None:
            lines: dict[str, bytes] = {}
            names: set[str] = set()
            for src in self.order:
                if src in self.reused and src not in self.partnered:
                    lines[src] = self._lines[src]
                    entry = self.reused[src]
                elif src in self.reused or src in self.made:
                    entry = self.reused.get(src) or self.made[src]
                    lines[src] = _record(src, entry, self._entries_bytes(src))
                else:
                    continue
                if entry.get("html"):
                    names.add(entry["html"])
            self._encoded = lines, names
        return self._encoded

    @property
    def counts(self) -> tuple[int, int]:
        """(pages rendered, by this process or its partner; pages taken from the cache)."""
        return len(self.made) + len(self.partnered), len(self.reused) - len(self.partnered)


def read_manifest(folder: Path) -> dict:
    """The cache in `folder` as one build would read it, whatever its key: {"key": the build
    key, "pages": {src: entry}} (entries with their search entries), {} without a usable
    manifest. For tests and a look inside; a build reads only what it needs (BuildCache._load)."""
    try:
        header, _ = _split((folder / MANIFEST).read_bytes()[:4096])
    except OSError:
        return {}
    if header.get("format") != FORMAT or not isinstance(header.get("key"), str):
        return {}
    cache = BuildCache(folder)
    cache.key = header["key"]
    cache._read()
    pages = cache._load()
    found = _decode_all([_entries_part(cache._lines[src]) for src in pages])
    for entry, entries in zip(pages.values(), found, strict=True):
        entry["entries"] = entries
    return {"key": header["key"], "pages": pages}


def _build_cache(config) -> BuildCache | None:
    return next((plugin for plugin in config.plugins.values() if isinstance(plugin, BuildCache)), None)


def previous_site(config) -> Path | None:
    """The site a build with the cache replaces (BuildCache.previous_site), or None."""
    cache = _build_cache(config)
    return None if cache is None else cache.previous_site


def pages_at_least(docs_dir: Path, n: int) -> bool:
    """Whether docs_dir holds at least n Markdown pages (counting stops there)."""
    found = 0
    for _, _, names in os.walk(docs_dir):
        found += sum(1 for name in names if name.endswith(".md"))
        if found >= n:
            return True
    return False


def search_elsewhere(config) -> bool:
    """Whether the build cache makes the search index (BuildCache.search_elsewhere)."""
    cache = _build_cache(config)
    return cache is not None and cache.search_elsewhere()


def search_plugin(config):
    """Material's search plugin when it is on (its `search_index.entries` are the documents), or None."""
    for plugin in config.plugins.values():
        if (type(plugin).__module__ + ".").startswith(KNOWN_PLUGINS[0]) and getattr(plugin.config, "enabled", True):
            return plugin
    return None


def _unmodified() -> bool:
    return False


def _valid_entry(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("key"), str)
            and (entry.get("html") is None or (isinstance(entry["html"], str)
                                               and re.fullmatch(r"[0-9a-f]{64}", entry["html"]) is not None))
            and isinstance(entry.get("entries"), list) and all(isinstance(e, dict) for e in entry["entries"])
            and isinstance(entry.get("anchors"), list) and isinstance(entry.get("meta"), dict)
            and isinstance(entry.get("deps"), dict))


def _place_checked(blob: str, digest: str, dest: str) -> str | None:
    """Put a cached page into the site if its bytes still have its SHA-256 (digest); else (or
    when it cannot be read) why not.

    The site's file is a hard link to the cached one, not a copy: creating 10,000 files with
    their bytes took 2–4 s of an incremental build at 10,000 items, linking them 0.1 s. The two
    names share their bytes, so a site file edited in place changes the cached page too: its
    checksum, checked here on every build, then no longer matches, and the build starts again
    without the cache. Where links cannot be made (another filesystem), a copy.
    Plain system calls rather than pathlib's and io's objects: a quarter less CPU for the 10,000
    pages. (Threads were slower: the hash is a fifth of the work; the rest holds the interpreter
    lock or is the kernel's.)"""
    try:
        fd = os.open(blob, os.O_RDONLY | os.O_CLOEXEC)
        try:
            size = os.fstat(fd).st_size
            data = os.read(fd, size)
            while len(data) < size:  # a short read (rare); a file cut short fails the hash
                more = os.read(fd, size - len(data))
                if not more:
                    break
                data += more
        finally:
            os.close(fd)
    except OSError as exc:
        return str(exc)
    if hashlib.sha256(data).hexdigest() != digest:
        return "checksum"
    folder = os.path.dirname(dest)
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    try:
        os.link(blob, dest)
        return None
    except OSError:
        pass
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    return None


# --- the manifest's and the journal's lines (see the module's docstring) ----------------------


def _compact(value: object) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (no UTF-8 for it): escaped, as JSON allows
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def _header(fields: dict) -> bytes:
    return _compact(fields) + b"\n"


def _line(body: bytes) -> bytes:
    return b"%08x\t%s\n" % (zlib.crc32(body), body)


def _record(src: str, entry: dict, entries_json: bytes | memoryview | None = None) -> bytes:
    """A page's line: its head and its search entries (`entries_json`: those already encoded)."""
    head = _compact([src, entry["key"], entry["html"], entry["anchors"], entry["meta"], entry["deps"]])
    return _line(b"".join([head, b"\t", _compact(entry["entries"]) if entries_json is None else entries_json]))


def _compact_entries(entries: list) -> bytes:
    """Search entries as a record holds them (compact JSON, _compact); what JSON cannot hold
    as it is becomes its text."""
    text = json.dumps(entries, default=str, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (no UTF-8 for it): escaped, as JSON allows
        return json.dumps(entries, default=str, separators=(",", ":")).encode("ascii")


def compact_json_line_safe(raw: bytes) -> bool:
    """Whether JSON text from elsewhere (the partner) can go into a record as it is: it holds no
    tab or line break, which compact JSON never does and a record's format needs."""
    return b"\t" not in raw and b"\n" not in raw and b"\r" not in raw


def _gone(src: str) -> bytes:
    """The journal's line for a page the manifest holds and the site no longer has."""
    return _line(_compact([src]) + b"\t[]")


def _same(old: bytes | None, new: bytes) -> bool:
    return old is new or old == new


def _split(data: bytes) -> tuple[dict, list[bytes]]:
    """A manifest's or journal's header and its intact record lines (each with its line feed):
    a line cut short or whose CRC does not match is left out."""
    lines = data.splitlines(keepends=True)  # (compact JSON holds no raw CR or LF)
    if not lines or not lines[0].endswith(b"\n"):
        return {}, []
    try:
        header = json.loads(lines[0])
    except ValueError:
        return {}, []
    if not isinstance(header, dict):
        return {}, []
    return header, [line for line in lines[1:] if _intact(line)]


def read_records(folder: Path) -> tuple[dict, bytes, int, list[bytes], list[bytes]]:
    """The cache in `folder` as read: the manifest's header, the journal (b"" when it names
    another manifest or none), the manifest's size, and the intact record lines of both."""
    try:
        data = (folder / MANIFEST).read_bytes()
    except OSError:
        return {}, b"", 0, [], []
    header, base = _split(data)
    try:
        journal = (folder / JOURNAL).read_bytes()
    except OSError:
        journal = b""
    top, changes = _split(journal)
    if top.get("format") != FORMAT or not isinstance(header.get("id"), str) or top.get("base") != header["id"]:
        changes, journal = [], b""
    return header, journal, len(data), base, changes


def _latest(base: list[bytes], changes: list[bytes]) -> tuple[dict[str, tuple[bytes, dict]], dict[str, bytes]]:
    """(src -> its record's line and entry, the journal's over the manifest's; src -> its line
    in the manifest). A line whose head does not decode to an entry is left out."""
    lines = base + changes
    heads = _decode_all([_head_part(line) for line in lines])
    latest: dict[str, tuple[bytes, dict]] = {}
    in_base: dict[str, bytes] = {}
    for number, (line, head) in enumerate(zip(lines, heads, strict=True)):
        if isinstance(head, list) and len(head) == 1 and isinstance(head[0], str) and number >= len(base):
            latest.pop(head[0], None)  # a page that is gone
            continue
        entry = _head_entry(head)
        if entry is None:
            continue
        latest[head[0]] = (line, entry)
        if number < len(base):
            in_base[head[0]] = line
    return latest, in_base


def _intact(line: bytes) -> bool:
    return (line.endswith(b"\n") and line[8:9] == b"\t" and line.find(b"\t", 9) > 0
            and line[:8] == b"%08x" % zlib.crc32(memoryview(line)[9:-1]))


def _head_part(line: bytes) -> memoryview:
    return memoryview(line)[9:line.index(b"\t", 9)]


def _entries_part(line: bytes) -> memoryview:
    return memoryview(line)[line.index(b"\t", 9) + 1:-1]


def _decode_all(parts: list) -> list:
    """Each part's JSON value (None for one that does not decode), in one decoder call when all
    decode: a call shares its dictionary keys among all parts, a third faster than a call each."""
    if not parts:
        return []
    with no_collector_pauses():  # millions of new containers, none garbage (sdw.collector)
        try:
            values = json.loads(b"".join([b"[", b",".join(parts), b"]"]))
        except (ValueError, RecursionError):
            values = None
        if isinstance(values, list) and len(values) == len(parts):
            return values
        out = []
        for part in parts:
            try:
                out.append(json.loads(bytes(part)))
            except (ValueError, RecursionError):
                out.append(None)
        return out


def _head_entry(head: object) -> dict | None:
    """A record's head as the entry the build uses (its search entries come later), or None."""
    if not isinstance(head, list) or len(head) != 6:
        return None
    src, key, html, anchors, meta, deps = head
    if not (isinstance(src, str) and isinstance(key, str) and isinstance(anchors, list)
            and isinstance(meta, dict) and isinstance(deps, dict)
            and (html is None or (isinstance(html, str) and _SHA256.fullmatch(html) is not None))):
        return None
    return {"key": key, "html": html, "anchors": anchors, "meta": meta, "deps": deps}


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _seen(file) -> list | None:
    """What a lookup found, as the page's link shows it: its address and whether it is published."""
    return None if file is None else [file.url, file.inclusion.name]


def _meta_back(meta: dict) -> dict:
    """A page's metadata as the hooks left it: title and description are markup (already escaped)."""
    meta = dict(meta)
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = Markup(meta[key])
    return meta


def silence_dirty_warning(build_module) -> logging.Filter:
    """Keep MkDocs' warning about dirty builds out of the log (strict mode would count it)."""
    found = _Silence()
    build_module.log.addFilter(found)
    return found
