"""Render pages on the second core: a partner MkDocs process shares the pages of one build.

MkDocs renders one page after another on one core. On a machine with two or more, a cold build
of 1,000 items gives its second core the social cards (sdw.painter) and then nothing. A build
that has many pages to render (`FROM` or more, besides those the build cache reuses) starts
`python -m sdw.partner`, which loads the same configuration and files and renders pages too.

Who renders which page is decided page by page, as each process reaches it: a page is *claimed*
by marking its byte in a claims file under a lock (Claims, so exactly one process gets it). This
build goes through the pages from the first, the partner from the last; they meet wherever their
speeds put them, so a partner that starts late, or shares its core with the painter, simply
takes fewer pages; near the meeting the partner leaves a few more to this build, which has
fewer pages' templates still to fill (Balance). Only pages outside the navigation are shared:
their HTML depends on their own Markdown and on what every page shows (the frame and the
navigation, which the partner reads too), never on another article.

The partner stores each page as the build cache stores a page (sdw.buildcache: its HTML under
its SHA-256 in the cache folder, its search entries, anchors, metadata and the files its links
looked up) and reports it on standard output, one JSON line per page. This build treats those
pages as pages taken from the cache: MkDocs leaves them out, and once its own pages are
rendered the cache plugin waits for the partner, checks every page against its checksum and
puts it and its search entries in place. The site is the same byte for byte as one process
makes it (tests/test_partner.py).

Whatever goes wrong over there (the process cannot start, dies, is killed, leaves a page out,
or reports a warning), nothing wrong reaches the site: a missing page makes this build start
again without partner and without cache (PartnerFailed is a CacheUnusable), and the partner's
warnings count as this build's, so strict mode fails on them as on its own.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from mkdocs.plugins import event_priority

try:
    import fcntl
except ImportError:  # (Windows: no flock; one process renders every page)
    fcntl = None

from .buildcache import (
    MANIFEST,
    BuildCache,
    CacheUnusable,
    _compact_entries,
    _unmodified,
    _valid_entry,
    compact_json_line_safe,
    pages_at_least,
    silence_dirty_warning,
)
from .painter import child_env
from .write import write_whole

# Fewer pages to render than this: one process (starting a second MkDocs costs about a second).
FROM = 150
# The partner: this interpreter, this package (tests put a failing command here).
COMMAND = (sys.executable, "-m", "sdw.partner")
# However long the partner takes, the build waits no longer than this for it.
WAIT_SECONDS = 900
# The share of a page's rendering that comes after every page is read: filling the templates
# (4–6 ms of 11–19 ms for an article at 1,000 items; see Balance).
FILL_SHARE = 0.35


# A partner started ahead (warm_up), importing what it needs, until a build takes it (_launch).
_READY: subprocess.Popen | None = None


def warm_up(content_dir: Path, folder: Path) -> None:
    """Start the partner now, at the start of `sdw build`, when the build will likely share its
    pages (no pages cached for this site yet, at least FROM items, two cores): the partner's
    interpreter imports MkDocs, Material and what our hooks use (about half a second) while this
    one loads, checks and generates, on a core that is idle then, and waits for its job.
    Partner._launch takes it; cool_down() stops it if no build did."""
    global _READY
    if _READY is None and _first_of_many(folder, content_dir):
        try:
            _READY = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, env=child_env())
        except OSError:
            _READY = None


def cool_down() -> None:
    """Stop the partner warm_up started, if no build took it."""
    global _READY
    process, _READY = _READY, None
    if process is not None:
        _end(process)


def _take_ready() -> subprocess.Popen | None:
    global _READY
    process, _READY = _READY, None
    if process is not None and process.poll() is not None:  # it died meanwhile
        _end(process)
        return None
    return process


def _end(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        stream.close()


def _can_share() -> bool:
    """A second core, and claims under a lock (no flock on Windows: one process renders every page)."""
    return cores() >= 2 and fcntl is not None


def _first_of_many(folder: Path, pages: Path) -> bool:
    """Whether a build will likely share: it can, no pages are cached for this site yet (no
    manifest in its cache `folder`), and `pages` holds at least FROM Markdown files."""
    return _can_share() and not (folder / MANIFEST).is_file() and pages_at_least(pages, FROM)


class PartnerFailed(CacheUnusable):
    """The partner left a page it claimed unrendered: build again, in one process."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Claims:
    """The claims of one build's shared pages: a file of one byte per page, which both processes
    open. A page is claimed by changing its byte from 0 to the claimer's mark under an exclusive
    lock on the file (flock), so exactly one process gets it. (A file made with O_EXCL per claim
    cost 0.2–0.4 ms each on ext4 while the other process rendered: 0.45 s of a cold build at
    1,000 items, in each process.)"""

    BUILD, PARTNER = b"\x01", b"\x02"

    def __init__(self, path: Path, mark: bytes) -> None:
        self.fd = os.open(path, os.O_RDWR)
        self.mark = mark

    @staticmethod
    def make(path: Path, pages: int) -> None:
        """The file for `pages` shared pages, none claimed."""
        write_whole(path, bytes(pages))

    def claim(self, number: int) -> bool:
        """Whether this process got the page (False: the other has it). OSError if unreadable."""
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            if os.pread(self.fd, 1, number) != b"\0":
                return False
            os.pwrite(self.fd, self.mark, number)
            return True
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def run_of_build(self, start: int, stop: int) -> int:
        """How many pages from `start` on (up to `stop`) the build's process claimed, one after another."""
        run = 0
        while start + run < stop:
            chunk = os.pread(self.fd, min(4096, stop - start - run), start + run)
            if not chunk:
                break
            rest = len(chunk.lstrip(self.BUILD))
            run += len(chunk) - rest
            if rest:
                break
        return run

    def close(self) -> None:
        os.close(self.fd)


class Claim:
    """A page's `is_modified` in both processes: whether this process renders it (MkDocs' dirty
    build reads and renders only pages that are "modified"). The first call claims the page or
    finds it claimed; every later call gives the same answer."""

    def __init__(self, claims: Claims, number: int, *, on_error: bool, reserved: bool | None = None,
                 balance: Balance | None = None) -> None:
        self.claims, self.number = claims, number
        self.on_error = on_error
        self.mine: bool | None = reserved
        self.balance = balance

    def __call__(self) -> bool:
        if self.mine is None and self.balance is not None and not self.balance.take(self.number):
            self.mine = False  # left unclaimed: the build's process claims it when it gets there
        if self.mine is None:
            try:
                self.mine = self.claims.claim(self.number)
            except OSError:
                self.mine = self.on_error
            if self.mine and self.balance is not None:
                self.balance.mine += 1
        return self.mine


class Balance:
    """The partner's side of the split: whether it takes one more shared page or leaves the rest
    to the build's process.

    The claims meet where both processes have *read* (converted) the same time's worth of pages,
    but each then still fills its pages into the templates. The build's process spent its first
    seconds on the navigation's pages (listings of every article: 0.1–0.4 s each at 1,000 items),
    so at the meeting the partner held many more pages and their templates: it finished 1.2–1.4 s
    after the build's process at 1,000 items, which waited. So near the meeting the partner
    stops early, leaving x pages to the build, where reading and filling x more pages there takes
    as long as filling x fewer here: x = (partner's pages - the build's) * FILL_SHARE.

    own: pages the build's process renders that are not shared (the navigation's). The build's
    process claims shared pages from number 0 upward, the partner from the last downward."""

    def __init__(self, claims: Claims, own: int) -> None:
        self.claims, self.own = claims, own
        self.mine = 0  # pages this process claimed
        self.low = 0  # the build's process claimed every number below this one
        self.stopped = False

    def take(self, number: int) -> bool:
        if self.stopped:
            return False
        try:
            self.low += self.claims.run_of_build(self.low, number)
        except OSError:
            pass  # (its claim fails the same way, and leaves the page to the build's process)
        left = number - self.low + 1  # not claimed by either yet, this one included
        if left <= 0 or left <= (self.mine - self.low - self.own) * FILL_SHARE:
            self.stopped = True  # (left <= 0: they met; every page below is the build's)
            return False
        return True


def will_render(file) -> bool:
    """Whether MkDocs will read and render `file` in this build or the partner will (a shared page
    is not claimed by asking)."""
    return isinstance(file.is_modified, Claim) or file.is_modified()


class Partner:
    """This build's side: `start()` or `offer()` starts the partner, `offer()` gives it the pages
    to share, `collect()` waits for them, `close()` ends it.

    reserve: numbers of shared pages the partner renders whatever the claims say (tests fix the
    split with it; a build leaves it empty)."""

    def __init__(self, root: Path, docs_dir: Path, folder: Path, *, offline: bool, late: Sequence[str] = (),
                 reserve: frozenset[int] = frozenset()) -> None:
        self.root, self.docs_dir, self.folder, self.offline = root, docs_dir, folder, offline
        self.late = list(late)
        self.reserve = reserve
        self.done = 0  # pages the partner reported so far (the progress display reads it)
        self.waiting = None  # called now and then while collect() waits (the progress display)
        self.messages: list[str] = []  # the partner's warnings and errors
        self._claims: dict[str, Claim] = {}
        self._results: dict[str, dict] = {}
        self.entries_json: dict[str, bytes] = {}  # src -> the search entries of a page reported, as sent
        self._finished = False
        self._over = threading.Event()  # the partner said it finished, or its output ended
        self._process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None
        self._scratch: Path | None = None
        self._claims_file: Claims | None = None
        self.warmed = False  # whether its process was the one warm_up started

    def start(self) -> Partner:
        """Start the partner now, before MkDocs has read anything, when this build will likely
        share (no pages cached for this site yet, and at least FROM pages in docs/): its own start
        (an interpreter, MkDocs, Material and our hooks: about a second) then overlaps this one's.
        offer() starts it otherwise, or stops it when there is too little to share."""
        if _first_of_many(self.folder, self.docs_dir):
            self._launch()
        return self

    def _launch(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._scratch = Path(tempfile.mkdtemp(prefix=".partner-", dir=self.folder))
        job = {"root": str(self.root), "docs": str(self.docs_dir), "site": str(self._scratch / "site"),
               "cache": str(self.folder), "claims": str(self._scratch / "claims"), "offline": self.offline,
               "late": self.late}
        try:
            self._process = _take_ready()
            self.warmed = self._process is not None
            if self._process is None:
                self._process = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                 stderr=subprocess.DEVNULL, env=child_env())
            self._process.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
            self._process.stdin.flush()
        except OSError:  # no partner to be had: this process claims and renders every page
            self.close()

    def offer(self, files: Sequence, own: int = 0) -> None:
        """Share these pages (documentation files outside the navigation that MkDocs would render)
        with the partner, if there are enough of them and a second core; else let it go. own: the
        pages this process renders besides (the navigation's)."""
        if len(files) < FROM or not _can_share():
            self.close()
            return
        if self._process is None:
            self._launch()
        if self._process is None:
            return
        pages = {"pages": [f.src_uri for f in files], "reserve": sorted(self.reserve), "own": own}
        try:
            Claims.make(self._scratch / "claims", len(files))
            self._claims_file = Claims(self._scratch / "claims", Claims.BUILD)
            self._process.stdin.write(json.dumps(pages).encode("utf-8") + b"\n")
            self._process.stdin.close()
        except OSError:  # it died already, or no claims file: this process claims and renders every page
            self.close()
            return
        for number, file in enumerate(files):
            claim = Claim(self._claims_file, number, on_error=True,
                          reserved=False if number in self.reserve else None)
            self._claims[file.src_uri] = file.is_modified = claim
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True,
                                        name="sdw-partner")
        self._reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            # A page: its entry as JSON, a tab, then its search entries as JSON (as the build
            # cache's records hold them: kept as they came, they are not encoded again here).
            head, tab, entries = line.rstrip(b"\n").partition(b"\t")
            try:
                report = json.loads(head)
                if tab and isinstance(report, dict) and isinstance(report.get("entry"), dict):
                    report["entry"]["entries"] = json.loads(entries)
            except ValueError:
                continue
            if not isinstance(report, dict):
                continue
            if isinstance(report.get("page"), str) and _valid_entry(report.get("entry")):
                self._results[report["page"]] = report["entry"]
                if compact_json_line_safe(entries):
                    self.entries_json[report["page"]] = entries
                self.done += 1
            elif report.get("finished") is True:
                self.messages.extend(str(m) for m in report.get("messages") or [])
                self._finished = True
                self._over.set()
        self._over.set()

    def collect(self) -> dict[str, dict]:
        """Wait for the partner; the build cache entries of the pages it claimed. PartnerFailed if
        one is missing (the partner died or was stopped)."""
        theirs = [src for src, claim in self._claims.items() if claim.mine is False]
        if self._process is not None:
            # Until it says it finished (every page it reported is stored by then), not until its
            # process has ended: its interpreter's teardown took 0.3–0.45 s of a cold build at
            # 1,000 items, for nothing (close() stops it).
            deadline = time.monotonic() + WAIT_SECONDS
            while (not self._over.is_set() and self._process.poll() is None
                   and time.monotonic() < deadline):
                if self.waiting is not None:
                    self.waiting()
                self._over.wait(0.1)
            if not self._finished:  # it died or took too long: stopped, then all it said is read
                if self._process.poll() is None:
                    self._process.kill()
                    self._process.wait()
                if self._reader is not None:
                    self._reader.join()
        missing = [src for src in theirs if src not in self._results]
        if theirs and (missing or not self._finished):
            raise PartnerFailed(f"de tweede MkDocs liet {len(missing)} pagina's liggen")
        return {src: self._results[src] for src in theirs}

    def close(self) -> None:
        """Stop the partner if it still runs, and remove its claims and scratch folder."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()
            try:
                process.stdin.close()
            except OSError:
                pass  # it was gone before it read everything
            if self._reader is None:  # else the reader ends at the end of the stream, and closes nothing
                process.stdout.close()
        if self._claims_file is not None:
            self._claims_file.close()
            self._claims_file = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


# --- the partner's side ------------------------------------------------------------------------


class PartnerPages(BuildCache):
    """The build cache plugin as the partner runs it: it renders only the shared pages it claims
    (from the last), reads the navigation's pages for what every page shows of them, copies no
    other file, and stores and reports each page it rendered instead of writing it."""

    def __init__(self, folder: Path, claims: Path, offers, out) -> None:
        super().__init__(folder, reuse=False)
        self.claims, self.offers, self.out = claims, offers, out
        self.reading = True  # until on_env: MkDocs reads the pages, then renders them

    @event_priority(-100)
    def on_files(self, files, config):
        from mkdocs.structure.files import Files

        # From the last page: this build's own process claims from the first.
        return super().on_files(Files(list(files)[::-1]), config)

    @event_priority(-100)
    def on_nav(self, nav, config, files):
        # The build's own process says which pages it shares once it knows (its on_nav); until
        # then this one has loaded everything it can. Nothing to share: it is done.
        try:
            offer = json.loads(self.offers.readline() or "null")
        except ValueError:
            offer = None
        if not isinstance(offer, dict):
            raise SystemExit(0)
        reserve = set(offer.get("reserve") or ())
        numbers = {src: number for number, src in enumerate(offer.get("pages") or ())}
        own = offer.get("own")
        try:
            claims = Claims(self.claims, Claims.PARTNER)
        except OSError:
            raise SystemExit(0) from None  # (the build's process claims and renders every page)
        balance = Balance(claims, own if type(own) is int else 0)
        in_nav = {page.file.src_uri for page in nav.pages}
        for file in files:
            number = numbers.get(file.src_uri)
            if number is not None:
                file.is_modified = Claim(claims, number, on_error=False,
                                         reserved=True if number in reserve else None, balance=balance)
            elif file.src_uri in in_nav and file.is_documentation_page() and not _front_only(file, config, files):
                file.is_modified = self._while_reading  # its title comes from its text: read and converted
            else:
                file.is_modified = _unmodified
        return nav

    def _while_reading(self) -> bool:
        return self.reading

    @event_priority(100)
    def on_env(self, env, config, files):
        self.reading = False  # the navigation's pages were read for their titles; they are not rendered
        config.plugins.events["post_build"].clear()  # the search index, sitemap and the rest: this build's
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        return env

    def _keep(self, digest: str, data: bytes, dest: str) -> None:
        """Written at once: this process writes no site, and the build's takes the page when told."""
        blob = self._blob(digest)
        if not os.path.isfile(blob):
            write_whole(Path(blob), data)

    @event_priority(-1000)
    def on_post_page(self, output, page, config):
        super().on_post_page(output, page, config)
        src = page.file.src_uri
        entry = {k: v for k, v in self.made[src].items() if k != "entries"}
        raw = self.entries_json.get(src) or _compact_entries(self.made[src]["entries"])
        self.out.buffer.write(json.dumps({"page": src, "entry": entry}).encode("ascii") + b"\t" + raw + b"\n")
        self.out.buffer.flush()
        return ""  # stored in the cache folder; nothing to write in the scratch site


def _front_only(file, config, files) -> bool:
    """Read a navigation page's source and front-matter as MkDocs and the hooks do, without
    converting its text (a listing of every article takes a second): enough when its title is in
    its front-matter, as the navigation then shows it. False: it must be read in full."""
    page = file.page
    if page is None:
        return False
    page.read_source(config)
    if "title" not in page.meta:
        return False
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    return True


def _import_ahead() -> None:
    """What loading the configuration and our hooks imports, imported before the job comes (a
    partner started by warm_up waits for it while the build generates the pages)."""
    import importlib

    for name in ("material.plugins.search.plugin", "material.plugins.offline.plugin", "markdown.extensions.md_in_html",
                 "sdw.cms", "sdw.csp", "sdw.minify", "sdw.sanitize", "sdw.searchindex", "sdw.pages", "sdw.players",
                 "sdw.thesaurus"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # (the configuration says what it needs; loading it imports that, or fails)


def main() -> int:
    from mkdocs.commands import build as build_module
    from mkdocs.exceptions import MkDocsException

    from .render import OFFLINE_ENV, _Collect, build_config

    _import_ahead()
    job = json.loads(sys.stdin.readline())
    out = sys.stdout
    os.environ[OFFLINE_ENV] = "true" if job["offline"] else "false"
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    silence_dirty_warning(build_module)
    try:
        config = build_config(Path(job["root"]), Path(job["docs"]), Path(job["site"]), offline=job["offline"],
                              late=job["late"])
        config.plugins["sdw/build-cache"] = PartnerPages(Path(job["cache"]), Path(job["claims"]), sys.stdin, out)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build_module.build(config, dirty=True)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        message = str(exc).strip()
        if message and not message.startswith("Aborted with"):
            collector.messages.append(message)
    out.write(json.dumps({"finished": True, "messages": collector.messages}, ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
