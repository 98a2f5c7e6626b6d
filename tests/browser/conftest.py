"""Browser tests: the built site in headless Chromium (Debian's, driven by Playwright).

Playwright never downloads a browser here: every launch points at /usr/bin/chromium,
which scripts/install-browser.sh installs (as root) when it is missing. Without a
browser the tests skip locally but FAIL under CI=true, so CI cannot go green
without having run them.

The corpus: these tests build tests/fixtures/site-content/, a frozen byte-for-byte copy of
content/ as it was when they were written, never content/ itself. They name its pages, expect
its search rankings and count its cards, years and facets, so they must not move when an
author adds, renames or removes an item in content/: an author's valid pull request never
turns them red. Change the fixture corpus for a change in the code (a new required field,
a new rule), never to follow content/; a new code path that needs a new kind of page gets a
fixture page of its own. (No README inside the folder: it would be read as content.)
The real content/ is held to invariants only, in test_real_content.py: it builds; every page
found in the built site has no axe violations and requests nothing from another host; the
search box finds at least one result for the title of an item page of each type.

Fixtures:
    built         a copy of the project with the fixture corpus, built once online (site/) and
                  offline (site-offline/)
    server        base URL of a local HTTP server for site/ (missing paths: 404.html, status 404)
    browser       one Chromium for the whole session
    page_factory  page_factory(url, scheme="light"|"dark", viewport=(w, h)) -> (page, requests)
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import (  # tests/conftest.py (this folder is a package)
    ROOT,
    SITE_CONTENT,
    copy_project,
    with_video_content,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALLER = ROOT / "scripts" / "install-browser.sh"
ARTIFACTS = ROOT / "test-artifacts"

DESKTOP = (1280, 800)
PHONE = (390, 844)

# One page of every type the site has (paths relative to the site root), in the fixture corpus.
ITEM_PAGES = [
    "verhalen/tamara-van-ark/",
    "nieuws/klijnsma-kamervragen-samenwerking-ggz/",
    "tips/gewoon-starten/",
    "kennis/zinziz-regionale-samenwerking-levend-houden/",
    "evenementen/bestuursbijeenkomst-werk-en-zorg-2016/",
    "partners/uwv/",
    "themas/ips/",
    "doelgroepen/werkgevers/",
    "regios/leeuwarden/",
    "edities/verhalen-deze-maand-1/",
    "over-sterk-door-werk/",
    "partnerartikelen/voorbeeld-van-uwv/",
    "themas/corona-en-werk/",  # a theme without articles: the nearest routes instead
]
LISTING_PAGES = ["verhalen/", "tips/", "partners/", "archief/", "archief/2016/", "videos/", "evenementen/",
                 "partnerartikelen/",
                 "artikelen/", "nieuwsbrief/1/"]
MISSING_PAGE = "deze-pagina-bestaat-niet/"
ALL_PAGES = ["", *ITEM_PAGES, *LISTING_PAGES, MISSING_PAGE]
ARTICLE = "verhalen/tamara-van-ark/"

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT = ".md-search-result__item"


def _is_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """/usr/bin/chromium, installed first when missing (as root); skip, or fail on CI, without it."""
    if not CHROMIUM.exists() and hasattr(os, "geteuid") and os.geteuid() == 0:
        subprocess.run(["bash", str(INSTALLER)], check=False)
    if not CHROMIUM.exists():
        message = (f"{CHROMIUM} is missing (Debian package 'chromium'); the browser tests need it. "
                   f"Install it as root with: bash {INSTALLER.relative_to(ROOT)}")
        if _is_ci():
            pytest.fail(f"CI=true: browser tests cannot be skipped. {message}", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A copy of the project with the fixture corpus, built once online and once offline."""
    from sdw.cli import main

    project = copy_project(tmp_path_factory.mktemp("browser"), SITE_CONTENT)
    assert main(["--root", str(project), "build"]) == 0
    assert main(["--root", str(project), "build", "--offline"]) == 0
    return project


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like a real host: a missing path answers 404.html with status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Base URL (ending in /) of a threaded HTTP server on 127.0.0.1 serving `folder`."""
    handler = functools.partial(_SiteHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(built) -> str:
    """Base URL (ending in /) of a threaded HTTP server on 127.0.0.1 serving the built site/."""
    with served(built / "site") as url:
        yield url


class _EndpointHandler(http.server.BaseHTTPRequestHandler):
    """A stand-in newsletter/feedback service: records every request, answers 204 with CORS."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        self.server.records.append({"method": self.command, "path": self.path, "body": body,
                                    "headers": {k.lower(): v for k, v in self.headers.items()}})
        status = 500 if self.server.fail else 204
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_OPTIONS = do_GET = _answer

    def log_message(self, format, *args):
        pass


@dataclass
class Engage:
    """The fixture corpus plus a fictional video, built with newsletter and feedback endpoints
    pointing at a local recording server."""

    site: str  # base URL of the built site
    endpoint: str  # base URL of the recording endpoint server
    records: list = field(default_factory=list)  # requests the endpoint received
    httpd: object = None

    def fail(self, on: bool) -> None:
        self.httpd.fail = on


def _serve(handler):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """Environment variables set for a build (mkdocs.yml reads them), restored afterwards."""
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def engage(tmp_path_factory):
    from sdw.cli import main

    endpoint = _serve(_EndpointHandler)
    endpoint.records, endpoint.fail = [], False
    base = f"http://127.0.0.1:{endpoint.server_address[1]}"
    root = tmp_path_factory.mktemp("engage")
    project = copy_project(root / "p", with_video_content(root / "src", SITE_CONTENT))
    with environment(SDW_NEWSLETTER_URL=base + "/nieuwsbrief?lijst=1", SDW_FEEDBACK_URL=base + "/feedback"):
        assert main(["--root", str(project), "build"]) == 0
    site = _serve(functools.partial(_SiteHandler, directory=str(project / "site")))
    try:
        yield Engage(f"http://127.0.0.1:{site.server_address[1]}/", base, endpoint.records, endpoint)
    finally:
        for httpd in (site, endpoint):
            httpd.shutdown()
            httpd.server_close()


@dataclass
class Editor:
    project: Path  # a copy of the project with the fixture corpus; the editor saves into its content/
    url: str  # the preview, e.g. http://127.0.0.1:PORT/ (the editor is at url + "admin/")
    log: Path  # what `sdw edit` printed


def _npm_reachable() -> str:
    """Why npm cannot install decap-server here, or "" when it can (Node.js and npm are installed
    first when missing and we are root, as the browser is)."""
    import shutil

    if (shutil.which("npm") is None or shutil.which("node") is None) and hasattr(os, "geteuid") \
            and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "nodejs", "npm"], check=False, capture_output=True)
    if shutil.which("npm") is None or shutil.which("node") is None:
        return "Node.js and npm are missing (Debian packages nodejs and npm)"
    ping = subprocess.run(["npm", "ping", "--no-audit", "--no-fund"], capture_output=True, text=True,
                          timeout=60, check=False)
    return "" if ping.returncode == 0 else f"npm cannot reach its registry: {(ping.stderr or ping.stdout)[-300:]}"


@pytest.fixture(scope="module")
def editor(tmp_path_factory, chromium_path) -> Iterator[Editor]:
    """`sdw edit` on a copy of the fixture project: Decap CMS at /admin/ with decap-server (installed
    from npm by sdw itself) saving into that copy's content/. Skips where npm cannot be reached,
    fails instead under CI=true."""
    import sys
    import time
    import urllib.request

    from sdw.edit import free_port

    reason = _npm_reachable()
    if reason:
        if _is_ci():
            pytest.fail(f"CI=true: the web editor's tests cannot be skipped. {reason}", pytrace=False)
        pytest.skip(reason)
    project = copy_project(tmp_path_factory.mktemp("editor"))
    port = free_port()
    log = project / "sdw-edit.log"
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([sys.executable, "-m", "sdw.cli", "--root", str(project), "edit",
                                    "--port", str(port)], stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 600  # the first start installs decap-server with npm
        while True:
            if process.poll() is not None:
                pytest.fail(f"sdw edit stopped: {log.read_text(encoding='utf-8')[-2000:]}", pytrace=False)
            try:
                with urllib.request.urlopen(url + "admin/config.yml", timeout=5) as answer:
                    if b"local_backend" in answer.read():
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"sdw edit did not start: {log.read_text(encoding='utf-8')[-2000:]}", pytrace=False)
            time.sleep(0.2)
        yield Editor(project, url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


VIDEO_PAGE = "videos/voorbeeldvideo/"
IFRAME_PAGE = "nieuws/video-in-de-tekst/"


def feedback_body(record: dict) -> dict:
    from urllib.parse import parse_qs

    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(record["body"], keep_blank_values=True).items()}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the repository root (git-ignored), for screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _leaves_machine(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK


def keep_on_machine(context, requested: list[str]) -> None:
    """Record the URL of every request of a browser context in `requested`, and stop those to
    another host: a test never sends traffic off this machine, even when the site regresses and
    asks another host for something."""
    context.on("request", lambda request: requested.append(request.url))
    context.route(_leaves_machine, lambda route: route.abort("blockedbyclient"))


class Watched(list):
    """What went wrong on a page: console errors and uncaught exceptions (with their script), and
    requests to another host (stopped). Empty when all is well; `requested`: every URL asked for."""

    def __init__(self, context, page) -> None:
        super().__init__()
        self.requested: list[str] = []
        keep_on_machine(context, self.requested)
        page.on("console", lambda m: self.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.append(f"page error: {e}"))
        context.on("request", lambda r: self.append(f"left the machine: {r.url}") if _leaves_machine(r.url) else None)


def log_in_to_editor(page, url: str) -> None:
    """Open the web editor of `sdw edit` at `url` and log in (its local backend: one click)."""
    page.goto(url + "admin/")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Inhoudstypen").wait_for()


@pytest.fixture
def page_factory(browser):
    """page_factory(url, scheme=, viewport=, **context_options) -> (page, requested URLs).

    Each call opens a new browser context (fresh storage, so Material's palette
    follows prefers-color-scheme) that records the URL of every request; all
    contexts are closed when the test ends.
    """
    contexts = []

    def make(url: str | None, *, scheme: str = "light", viewport: tuple[int, int] = DESKTOP,
             wait_until: str = "load", **options):
        context = browser.new_context(
            color_scheme=scheme, viewport={"width": viewport[0], "height": viewport[1]},
            locale="nl-NL", **options)
        contexts.append(context)
        requests: list[str] = []
        keep_on_machine(context, requests)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if url is not None:
            page.goto(url, wait_until=wait_until)
        return page, requests

    yield make
    for context in contexts:
        context.close()


def settle(page) -> None:
    """Wait until running CSS transitions end (axe reads colours mid-fade otherwise), then two
    frames, so sections with content-visibility: auto that scrolled into view are rendered.

    Off-screen content-visibility: auto sections keep the style of the first frame (which can be
    Material's light scheme before its script switches to dark) until something reads it; the
    read then starts a colour transition that does not run while the section is off screen. So
    every element's style is read first, and those transitions are finished (their end state is
    what a reader sees once the section scrolls into view); the others are waited for."""
    page.evaluate("""() => Promise.all((document.querySelectorAll("body *").forEach(e => getComputedStyle(e).color),
        document.getAnimations())
        .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
        .map(a => { const el = a.effect.target;
          if (el && el.checkVisibility && !el.checkVisibility({contentVisibilityAuto: true})) a.finish();
          return a; })
        .map(a => a.finished.catch(() => null)))
        .then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))""")


def open_search(page, query: str) -> None:
    """Type `query` into Material's search box like a person and wait for results."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # phones: the field opens from the magnifier in the header
        toggle.click()
    page.locator(SEARCH_INPUT).click()
    page.keyboard.type(query, delay=20)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    settle(page)


TRANSLATION = "k => JSON.parse(document.getElementById('__config').textContent).translations[k]"
SEARCH_META = "document.querySelector('.md-search-result__meta').textContent.trim()"  # what the reader reads


def ask_search(page, query: str) -> list[str]:
    """Put `query` into the search box as one question and return the result pages (site-relative
    paths, in result order) once the reader sees the answer to exactly that question.

    The box is emptied first and must show its placeholder (nothing asked); the query then goes in
    at once, as when pasted, and the End key sends it. Typed letter by letter, the answers to its
    beginnings would show first and could be read by mistake."""
    placeholder = page.evaluate(TRANSLATION, "search.result.placeholder")
    box = page.locator(SEARCH_INPUT).first
    box.click(force=True)
    page.wait_for_function("() => document.getElementById('__search').checked")  # the results panel is open
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_function(f"t => {SEARCH_META} === t", arg=placeholder)
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function(f"([q, t]) => document.querySelector('{SEARCH_INPUT}').value === q"
                           f" && ![t, ''].includes({SEARCH_META})", arg=[query, placeholder])
    if page.evaluate(SEARCH_META) == page.evaluate(TRANSLATION, "search.result.none"):
        return []
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "els => els.map(e => new URL(e.href).pathname.replace(/^\\//, ''))")
    return list(dict.fromkeys(hrefs))  # pages in result order


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.cache
def _axe_source() -> str:
    from importlib.resources import files

    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe-core (shipped by axe-playwright-python) on the page: WCAG 2.0/2.1 A and AA rules."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())  # not add_script_tag: the page's CSP blocks inline scripts
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return result["violations"]


def axe_violations_in(page, selector: str) -> list[dict]:
    """The same rules, for the elements matching `selector` only (e.g. a control while focused)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())  # not add_script_tag: the page's CSP blocks inline scripts
    result = page.evaluate(
        "([sel, tags]) => axe.run({include: [sel]}, {runOnly: {type: 'tag', values: tags}})",
        [selector, AXE_TAGS])
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """Violations as readable text: rule, impact, each failing element and why."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}, {len(v['nodes'])} element(s)): {v['help']}")
        for node in v["nodes"][:8]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else t for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}\n      {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def tab_to(page, selector: str, limit: int = 250, first: bool = False) -> None:
    """Press Tab until an element matching `selector` (with first=True: the first one) has the focus."""
    check = ("s => document.activeElement === document.querySelector(s)" if first
             else "s => !!document.activeElement && document.activeElement.matches(s)")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(check, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
