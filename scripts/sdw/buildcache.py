"""The render stage's persistent cache: `sdw build` re-renders only pages whose inputs changed.

A MkDocs plugin that render.py installs for `sdw build` (never for the preview,
which has MkDocs' own dirty rebuilds in memory). It keeps, per target folder,
in `.build/render/<site>/`:

- `manifest.json`: the build's key and, per page, the page's key, the SHA-256
  of its HTML as MkDocs wrote it, its search-index entries (as Material's search
  plugin made them, with the analysis sdw.searchindex.analyse added as the page was
  rendered), the anchors it holds and its metadata;
- `pages/<sha[:2]>/<sha>`: each page's HTML, named after its content.

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

import hashlib
import json
import logging
import os
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils.meta import get_data

FORMAT = 1
MANIFEST = "manifest.json"
PAGES = "pages"
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


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str,
                                                              ensure_ascii=False).encode("utf-8")
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


def _packages() -> list[str]:
    return sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())


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
        self.previous: dict[str, dict] = {}
        self.reused: dict[str, dict] = {}  # src_uri -> its manifest entry, for pages left out
        self.made: dict[str, dict] = {}  # src_uri -> entry of a page rendered in this build
        self.order: list[str] = []
        self._files = None
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
        return config

    def _code_and_templates(self, config) -> str:
        package = Path(__file__).resolve().parent
        code = [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(package.glob("*.py"))]
        custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
        templates = [(str(i), _tree_digest(Path(folder), package=Path(folder).resolve() != custom))
                     for i, folder in enumerate(config.theme.dirs)]
        return _digest(code, templates, _packages())

    @event_priority(-100)
    def on_files(self, files, config):
        """Record which files each page's links look up (MkDocs resolves every relative link with
        get_file_from_path): a page depends on those, not on the whole list of pictures and cards."""
        self._files = files
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

        def now(path: str):
            if path not in found:
                found[path] = _seen(self._lookup(path))
            return found[path]

        manifest = self._load() if self.reuse else {}
        self.previous = manifest.get("pages", {}) if manifest.get("key") == self.key else {}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            try:
                source = Path(file.abs_src_path).read_bytes()
            except OSError:
                continue
            key = _digest(self.key, file.src_uri, source)
            self.page_keys[file.src_uri] = key
            entry = self.previous.get(file.src_uri)
            if not entry or entry.get("key") != key:
                continue
            if file.src_uri in in_nav and not isinstance(entry["meta"].get("title"), str):
                continue  # its title, shown on every page, comes from its text: it is read and rendered
            blob = entry.get("html")
            if blob is not None and not self._blob(blob).is_file():
                continue
            if any(now(path) != seen for path, seen in entry["deps"].items()):
                continue  # a link of this page now finds another file, or none
            self.reused[file.src_uri] = entry
            file.is_modified = _unmodified  # MkDocs' dirty build leaves it out: neither read nor rendered
        if self.partner is not None:  # the pages outside the navigation still to render, shared
            self.partner.offer([f for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
                                if f.src_uri in self.page_keys and f.src_uri not in self.reused
                                and f.src_uri not in in_nav])
        return nav

    def _load(self) -> dict:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
            return {}
        pages = {k: v for k, v in data["pages"].items() if _valid_entry(v)}
        return {"key": data.get("key"), "pages": pages}

    def _blob(self, digest: str) -> Path:
        return self.folder / PAGES / digest[:2] / digest

    # --- pages left out: what the rest of the build reads from them -----------------------------

    @event_priority(100)
    def on_env(self, env, config, files):
        """What other pages and the rest of the build read from a page that was not read: its
        metadata (as the hooks left it) and title (pages in the navigation show them there), and
        its anchors (links to them are checked)."""
        for src, entry in self.reused.items():
            page = files.get_file_from_path(src).page
            page.meta = _meta_back(entry["meta"])
            if "title" not in vars(page) and isinstance(page.meta.get("title"), str):
                page.title = page.meta["title"]  # MkDocs' own answer once it has read the page
            page.present_anchor_ids = set(entry["anchors"])
        return env

    # --- pages rendered: what the next build needs ---------------------------------------------

    @event_priority(100)  # before every other handler, the search plugin's included
    def _context_first(self, context, page, config, nav):
        self._start = len(self._search.search_index.entries) if self._search is not None else 0
        return context

    @event_priority(-100)  # after the search plugin (0) and our hooks (-50)
    def _context_last(self, context, page, config, nav):
        entries = self._search.search_index.entries[self._start:] if self._search is not None else []
        self.made[page.file.src_uri] = {"entries": json.loads(json.dumps(entries, default=str))}
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
            blob = self._blob(digest)
            if not blob.is_file():
                _write_atomically(blob, data)
        else:
            entry["html"] = None
        return output

    @event_priority(100)  # before the search plugin writes its index (0) and everything else
    def on_post_build(self, config):
        if self.partner is not None:  # its pages, once it is done, are put in place like pages reused
            for src, entry in self.partner.collect().items():
                self.reused[src] = {**entry, "key": self.page_keys[src]}
                self.partnered.add(src)
        for src, entry in self.reused.items():
            if entry["html"] is None:
                continue
            try:
                data = self._blob(entry["html"]).read_bytes()
            except OSError as exc:
                raise CacheUnusable(f"{src}: {exc}") from exc
            if hashlib.sha256(data).hexdigest() != entry["html"]:
                raise CacheUnusable(f"{src}: checksum")
            dest = Path(self._files.get_file_from_path(src).abs_dest_path)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
        self.order = [f.src_uri for f in self._files.documentation_pages(inclusion=InclusionLevel.is_included)]
        if self._search is not None and self.reused:
            self._search.search_index.entries = [
                entry for src in self.order
                for entry in (self.reused.get(src) or self.made.get(src) or {"entries": []})["entries"]]

    # --- after a successful build ------------------------------------------------------------

    def save(self) -> None:
        """Write the manifest of this build (after the site was swapped in) and remove pages no
        entry names any more. Without a key (a plugin or setting this cache cannot vouch for),
        the cache is removed: nothing in it describes this site."""
        if not self.enabled or not self.key:
            shutil.rmtree(self.folder, ignore_errors=True)
            return
        pages = {src: self.reused.get(src) or self.made[src] for src in self.order
                 if src in self.reused or src in self.made}
        data = json.dumps({"format": FORMAT, "key": self.key, "pages": pages}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        _write_atomically(self.folder / MANIFEST, data)
        kept = {entry["html"] for entry in pages.values() if entry.get("html")}
        for blob in (self.folder / PAGES).glob("*/*"):
            if blob.name not in kept:
                blob.unlink(missing_ok=True)

    @property
    def counts(self) -> tuple[int, int]:
        """(pages rendered, by this process or its partner; pages taken from the cache)."""
        return len(self.made) + len(self.partnered), len(self.reused) - len(self.partnered)


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


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def silence_dirty_warning(build_module) -> logging.Filter:
    """Keep MkDocs' warning about dirty builds out of the log (strict mode would count it)."""
    found = _Silence()
    build_module.log.addFilter(found)
    return found
