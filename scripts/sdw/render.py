"""Render: the one module that runs MkDocs (with mkdocs-material) on the generated pages (with,
for a big build, a partner process it starts: sdw.partner).

The site is built into a fresh temporary folder next to the target and only
swapped into place when `mkdocs build --strict` succeeded, so a failed,
interrupted or crashed build leaves the previous site exactly as it was.
Swapping the renderer means replacing this module, mkdocs.yml and overrides/.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

OFFLINE_ENV = "SDW_OFFLINE"
PREVIEW_POLL_SECONDS = 0.2
# Material's offline plugin loads this shim from a third-party host unless a
# polyfill with this name is configured; we ship the (MIT) file ourselves.
IFRAME_WORKER_SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


@dataclass(frozen=True)
class RenderResult:
    ok: bool
    messages: tuple[str, ...]  # warnings and errors reported by MkDocs
    seconds: float
    site_dir: Path
    rendered: int = 0  # pages MkDocs converted and rendered
    reused: int = 0  # pages taken unchanged from the build cache (sdw.buildcache)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def settings(root: Path) -> dict:
    """mkdocs.yml as data, with !ENV resolved (what the generator is told about the deployment)."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    return config if isinstance(config, dict) else {}


def site_url(root: Path, config: dict | None = None) -> str:
    """The published address (`site_url` of mkdocs.yml, or of `config` read from it), ending in "/"."""
    url = str((settings(root) if config is None else config).get("site_url") or "http://127.0.0.1:8000/")
    return url if url.endswith("/") else url + "/"


def extra_settings(config: dict) -> dict:
    """The `extra:` settings of mkdocs.yml read by settings() (sdw.newsletter.NewsletterSettings
    reads the newsletter's)."""
    extra = config.get("extra")
    return extra if isinstance(extra, dict) else {}


def cache_folder(root: Path, site_dir: Path, *, offline: bool = False) -> Path:
    """Where the build cache of one target folder lives (git-ignored, like all of .build/)."""
    name = site_dir.name
    return root / ".build" / "render" / (name + "-offline" if offline and not name.endswith("offline") else name)


def staging_folder(site_dir: Path) -> Path:
    """The folder this process builds site_dir in, before it takes the site's place."""
    return site_dir.parent / f".{site_dir.name}.new-{os.getpid()}"


# The child of Skeleton: makes the folders of the site (argv[1]) in the staging folder (argv[2]),
# parents first, then writes the ones it made, each ending in a NUL, on its standard output.
_SKELETON = r"""
import os, sys
site, staging = os.fsencode(sys.argv[1]), os.fsencode(sys.argv[2])
made = []
for parent, _, _ in os.walk(site):
    rel = os.path.relpath(parent, site)
    try:
        os.mkdir(os.path.join(staging, rel) if rel != b"." else staging)
        made.append(rel)
    except OSError:  # there already, or its parent is not (the build removed it): the build's
        pass
sys.stdout.buffer.write(b"".join(rel + b"\0" for rel in made))
"""


class Skeleton:
    """The folders of the previous site, made in the next one's staging folder by a process of its
    own while the build does its stages (sdw.cli starts it before loading the content).

    A build that takes most pages from the build cache puts them into a staging folder that starts
    empty: 10,000 pages need 10,000 new folders, and making them took 1–3 s of such a build at
    10,000 items (a file system's work, which another process does on the other core). MkDocs and
    the cache then find the folders there. Folders the new site does not use are removed before the
    swap (prune), so the site is the same as one built from nothing."""

    def __init__(self, staging: Path, process: subprocess.Popen | None) -> None:
        self.staging, self.process = staging, process

    @classmethod
    def start(cls, site_dir: Path) -> Skeleton | None:
        """Start making the folders of site_dir in its staging folder; None when there is no site
        yet (a first build: nothing to copy) or no process can be started."""
        recover(site_dir)
        if not site_dir.is_dir():
            return None
        staging = staging_folder(site_dir)
        shutil.rmtree(staging, ignore_errors=True)
        try:
            process = subprocess.Popen([sys.executable, "-I", "-S", "-c", _SKELETON, str(site_dir), str(staging)],
                                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return None
        return cls(staging, process)

    def stop(self) -> None:
        """Stop making folders (a build that failed or starts again without the cache removes the
        staging folder next, and nothing may be added to it after that)."""
        if self.process is not None:
            self.process.kill()
            self.process.communicate()
            self.process = None

    def discard(self) -> None:
        """However the build ended: no process left, and no staging folder (after a swap there is none)."""
        self.stop()
        shutil.rmtree(self.staging, ignore_errors=True)

    def prune(self) -> None:
        """Once the build succeeded: remove the folders made here that stayed empty (deepest first)."""
        if self.process is None:
            return
        made, _ = self.process.communicate()
        self.process = None
        base = os.fsencode(self.staging)
        for rel in reversed(made.split(b"\0")[:-1]):
            try:
                os.rmdir(os.path.join(base, rel) if rel != b"." else base)
            except OSError:  # not empty: the new site has files there
                pass


def render(root: Path, docs_dir: Path, site_dir: Path, *, offline: bool = False, cache: bool = True,
           progress=None, late: Sequence[str] = (), before_swap: Callable[[Path], None] | None = None,
           share: bool = True, skeleton: Skeleton | None = None) -> RenderResult:
    """Build docs_dir into site_dir with MkDocs in strict mode, atomically.

    progress(phase, done, total), if given, follows the build: "start" with the number of pages
    MkDocs will render (pages taken from the cache are not among them), "convert" as each page's
    Markdown has become HTML, "write" as each page has been rendered, then "finish" once (the
    search index, the sitemap and the other files after the pages).

    cache: reuse the pages of earlier builds whose inputs are unchanged (sdw.buildcache),
    and keep this build's for the next; False: render every page and leave the cache alone.
    A cache that turns out to be damaged is dropped and the site built again, cold.

    late: files below docs_dir MkDocs leaves alone (they may still be being written: the social
    cards sdw.painter draws meanwhile); `before_swap(staging)` puts them into the built site, after
    the pages and before the site takes the place of the old one.

    share: with the cache, let a second process render some of the pages when there are many
    (sdw.partner); a build that must start again does without.

    skeleton: the folders of the previous site, being made in the staging folder (Skeleton.start,
    for this site_dir); only with the cache."""
    from .buildcache import CacheUnusable

    started = time.perf_counter()
    if skeleton is None or not cache:
        if skeleton is not None:
            skeleton.stop()
            skeleton = None
        recover(site_dir)  # (Skeleton.start did, before it made the staging folder)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(site_dir)
    folder = cache_folder(root, site_dir, offline=offline) if cache else None
    try:
        ok, messages, store = _build(root, docs_dir, staging, offline, folder, reuse=True, progress=progress,
                                     late=late, share=share, skeleton=skeleton, previous=site_dir)
        if ok:
            _complete(staging, store, before_swap, skeleton)
    except CacheUnusable:  # a damaged cache, a partner that left pages out (sdw.partner.PartnerFailed)
        if skeleton is not None:  # or cached search entries that do not decode (finish_search)
            skeleton.stop()
            skeleton = None
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
        ok, messages, store = _build(root, docs_dir, staging, offline, folder, reuse=False, progress=progress,
                                     late=late, share=False, previous=site_dir)
        if ok:
            _complete(staging, store, before_swap, None)
    if ok:
        _swap(staging, site_dir)
        if store is not None:
            try:
                store.save()
            except OSError:
                shutil.rmtree(folder, ignore_errors=True)  # the site is built; only the next build is slower
    rendered, reused = store.counts if store is not None else (0, 0)
    return RenderResult(ok, messages, time.perf_counter() - started, site_dir, rendered, reused)


def _complete(staging: Path, store, before_swap: Callable[[Path], None] | None, skeleton: Skeleton | None) -> None:
    """The staging folder of a build MkDocs finished, made ready for the swap: the late files
    (before_swap), the search index of the build cache's process (waited for only now: it is
    written while the cards go in), then the skeleton's folders left empty. On any error the
    staging folder is removed."""
    try:
        if before_swap is not None:
            before_swap(staging)
        if store is not None:
            store.encode()  # the records save() writes, while the search process writes the index
            store.finish_search()
        if skeleton is not None:
            skeleton.prune()
    except BaseException:
        if store is not None:
            store.close_search()
        if skeleton is not None:
            skeleton.stop()
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _build(root: Path, docs_dir: Path, staging: Path, offline: bool, folder: Path | None, *, reuse: bool,
           progress=None, late: Sequence[str] = (), share: bool = False, skeleton: Skeleton | None = None,
           previous: Path | None = None):
    """One MkDocs build into staging: (ok, messages, the cache plugin or None). Staging is removed
    unless the build succeeded; it starts empty, or with the folders of a skeleton. previous: the
    site it replaces, whose files the new one may share (sdw.samefiles); only with the cache."""
    from mkdocs.commands import build as build_module
    from mkdocs.exceptions import MkDocsException

    from .buildcache import BuildCache, silence_dirty_warning
    from .partner import Partner

    if skeleton is None:
        shutil.rmtree(staging, ignore_errors=True)
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    silenced = silence_dirty_warning(build_module) if folder is not None else None
    previous_env = os.environ.get(OFFLINE_ENV)
    os.environ[OFFLINE_ENV] = "true" if offline else "false"
    ok = False
    store = partner = None
    try:
        if folder is not None and share:  # started first: its start overlaps this one's
            partner = Partner(root, docs_dir, folder, offline=offline, late=late).start()
        config = build_config(root, docs_dir, staging, offline=offline, late=late)
        if folder is not None:
            store = BuildCache(folder, reuse=reuse)
            store.previous_site = previous if previous is not None and previous.is_dir() else None
            config.plugins["sdw/build-cache"] = store
            store.partner = partner
        if progress is not None:
            _Progress(progress, partner).follow(config.plugins, after=store.on_post_build if store else None)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            # dirty: MkDocs leaves out the pages the cache marked unchanged (all others it builds
            # as usual, into an empty staging folder); the cache writes those pages itself.
            build_module.build(config, dirty=store is not None)
        finally:
            config.plugins.on_shutdown()
        if partner is not None:  # its warnings are this build's (strict mode)
            collector.messages.extend(m for m in partner.messages if m not in collector.messages)
        ok = not collector.messages
    except MkDocsException as exc:
        message = str(exc).strip()
        if message and not message.startswith("Aborted with"):
            collector.messages.append(message)
    finally:
        if partner is not None:
            partner.close()
        logger.removeHandler(collector)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
        if silenced is not None:
            build_module.log.removeFilter(silenced)
        if previous_env is None:
            os.environ.pop(OFFLINE_ENV, None)
        else:
            os.environ[OFFLINE_ENV] = previous_env
        if not ok:
            if store is not None:
                store.close_search()
            if skeleton is not None:
                skeleton.stop()
            shutil.rmtree(staging, ignore_errors=True)
    return ok, tuple(collector.messages), store


def build_config(root: Path, docs_dir: Path, site_dir: Path, *, offline: bool, late: Sequence[str] = ()):
    """mkdocs.yml loaded for a strict build of docs_dir into site_dir (sdw.partner loads the same)."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir),
                         strict=True)
    if offline:
        config.extra["polyfills"] = [IFRAME_WORKER_SHIM]
    if late:
        config.plugins.events["files"].insert(0, _LeaveOut(late).on_files)  # before any plugin sees them
    return config


class _LeaveOut:
    """Takes render()'s `late` files out of MkDocs' files; like _Progress, no plugin."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = frozenset(paths)

    def on_files(self, files, config):
        for file in [f for f in files if f.src_uri in self.paths]:
            files.remove(file)
        return files


class _Progress:
    """Tells render()'s `progress` how far MkDocs is. It only counts: its handlers return None
    (MkDocs keeps what the others made), and it is no plugin (the build cache's key and its list
    of known plugins do not see it)."""

    def __init__(self, progress, partner=None) -> None:
        self.progress, self.total, self.converted, self.written = progress, 0, 0, 0
        self.partner = partner  # sdw.partner.Partner: the pages it rendered count too

    def follow(self, plugins, after=None) -> None:
        """after: the build cache's post_build handler, which waits for the partner's pages;
        "finish" comes after it (else first)."""
        for event in ("nav", "page_content", "post_page"):  # last, after every other handler
            plugins.events[event].append(getattr(self, "on_" + event))
        handlers = plugins.events["post_build"]
        handlers.insert(handlers.index(after) + 1 if after in handlers else 0, self.on_post_build)
        if self.partner is not None:
            self.partner.waiting = self._waiting

    def on_nav(self, nav, config, files) -> None:
        # What MkDocs will read and render: a page the build cache reuses is unmodified for it.
        from .partner import will_render  # a page shared with the partner counts without being claimed

        self.total = sum(1 for f in files.documentation_pages() if f.inclusion.is_included() and will_render(f))
        self.progress("start", 0, self.total)

    def _theirs(self) -> int:
        return self.partner.done if self.partner is not None else 0

    def on_page_content(self, html, page, config, files) -> None:
        self.converted += 1
        done = self.converted + self._theirs()
        self.progress("convert", done, max(self.total, done))

    def on_post_page(self, output, page, config) -> None:
        self.written += 1
        done = self.written + self._theirs()
        self.progress("write", done, max(self.total, done))

    def _waiting(self) -> None:
        done = self.written + self._theirs()
        self.progress("write", done, max(self.total, done))

    def on_post_build(self, config) -> None:
        done = self.written + self._theirs()
        self.progress("finish", done, max(self.total, done))


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    if site_dir.exists():
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except BaseException:
        if old.exists() and not site_dir.exists():
            old.rename(site_dir)  # the previous site goes back before the error is reported
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _remove_meanwhile(old)


def _remove_meanwhile(folder: Path) -> None:
    """Remove the previous site in a process of its own, which goes on after the build has ended:
    thousands of unlinks (1.7 s for 1,000 items on an overlay filesystem, a quarter of a build
    that reuses its pages) that nobody waits for. Should it be stopped halfway, the next build's
    recover() removes the rest (the folder's name holds this build's process id)."""
    if not folder.exists():
        return
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Put back a previous site if a build died between the two renames of a swap, and remove
    what killed builds left next to the site (staging and old folders of processes that are gone)."""
    if not site_dir.exists():
        olds = sorted(_leftovers(site_dir, "old", dead_only=True), key=lambda p: p.stat().st_mtime)
        if olds:
            olds[-1].rename(site_dir)
    for leftover in [*_leftovers(site_dir, "old", dead_only=True), *_leftovers(site_dir, "new", dead_only=True)]:
        shutil.rmtree(leftover, ignore_errors=True)


def _leftovers(site_dir: Path, kind: str, *, dead_only: bool) -> list[Path]:
    """The `.<site>.<kind>-<pid>` folders next to site_dir; with dead_only, only those of processes
    that no longer run or of this process (a folder of another running build is kept)."""
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}\.{kind}-(\d+)")
    found = []
    try:
        siblings = list(site_dir.parent.iterdir())
    except OSError:
        return []
    for path in siblings:
        match = pattern.fullmatch(path.name)
        if match and (not dead_only or not _running_elsewhere(int(match.group(1)))):
            found.append(path)
    return found


def _running_elsewhere(pid: int) -> bool:
    """Whether another process with this id is running (then its folder is still in use)."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:
        return True  # it exists, but belongs to another user
    return True


def serve(root: Path, docs_dir: Path, *, host: str = "127.0.0.1", port: int = 8000, status=None,
          events=None) -> None:
    """MkDocs' live-reload preview of docs_dir (regenerated by the caller while it runs).

    status (sdw.preview.Status): its banner goes right after <body> of every page served (the
    preview only; `sdw build` never sees it), and a change of it reloads the open pages (the
    server watches status.folder). events(kind, detail) gets what MkDocs would log, as
    "ready" (detail: the address), "rebuilt" or "error" (detail: MkDocs' message); MkDocs'
    own INFO and WARNING lines are not shown then.
    """
    import functools

    import mkdocs.commands.serve as serve_module
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        def _inject_js_into_html(self, content, epoch):
            if ADMIN_PAGE_MARK in content[:200]:
                return content  # the web editor: a reload would throw away what an author is typing
            content = super()._inject_js_into_html(content, epoch)
            banner = status.banner(content) if status is not None else ""  # the page's own tips too
            body = _BODY.search(content) if banner else None
            if body is not None:
                content = content[: body.end()] + banner.encode("utf-8") + content[body.end():]
            return content

    os.environ.setdefault(OFFLINE_ENV, "false")
    # MkDocs polls the watched folders every 0.5 s; our generator has already written
    # docs/ by then, so a shorter poll takes about a quarter second off every preview update.
    serve_module.LiveReloadServer = functools.partial(PreviewServer, polling_interval=PREVIEW_POLL_SECONDS)
    if events is None:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s - %(message)s")
    else:
        logger = logging.getLogger("mkdocs")
        logger.addHandler(_Translate(events))
        logger.setLevel(logging.INFO)
        logger.propagate = False
    # Dirty rebuilds: MkDocs re-renders only pages whose Markdown changed. That is
    # exact here, because the generator rewrites every page whose output changed
    # (listings, related items) and leaves the others' bytes and mtime alone.
    serve_module.serve(config_file=str(root / "mkdocs.yml"), docs_dir=str(docs_dir), build_type="dirty", strict=False,
                 open_in_browser=False, livereload=True, dev_addr=f"{host}:{port}",
                 watch=[str(status.folder)] if status is not None else [])


_BODY = re.compile(rb"<body\b[^>]*>", re.I)
ADMIN_PAGE_MARK = b"<html lang=\"nl\" data-sdw-admin>"  # overrides/admin/index.html
_CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\] ")


class _Translate(logging.Handler):
    """MkDocs' log in the preview: only what the author needs, handed on as events."""

    def __init__(self, events) -> None:
        super().__init__(logging.INFO)
        self.events = events

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = _CLOCK.sub("", record.getMessage().strip(), count=1)  # livereload's "[12:34:56] "
            if record.levelno >= logging.ERROR:
                self.events("error", message.splitlines()[0] if message else record.name)
            elif record.levelno == logging.INFO and message.startswith("Serving on "):
                self.events("ready", message[len("Serving on "):].split()[0])
            elif record.levelno == logging.INFO and message == "Reloading browsers":
                self.events("rebuilt", "")
        except Exception:  # noqa: BLE001 - logging must never stop the preview
            self.handleError(record)
