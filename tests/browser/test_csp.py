"""The Content-Security-Policy of every page (scripts/sdw/csp.py), in the built HTML and in a
real browser: nothing the site itself does violates it (every page, search, filters, video,
feedback, newsletter, the offline build from file://), and the policy alone blocks an
injected inline script and a foreign image when the sanitiser is switched off.

A violation is seen twice: the page records every `securitypolicyviolation` event in
window.__sdwCsp (an init script, in every frame), and the test keeps every console message
about the policy (Chromium logs each blocked script, frame, image or request, also inside
the offline build's search iframe)."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from .conftest import (
    ALL_PAGES,
    ARTICLE,
    IFRAME_PAGE,
    SEARCH_RESULT,
    VIDEO_PAGE,
    _serve,
    _SiteHandler,
    feedback_body,
    open_search,
)

RECORD = """(() => {
  window.__sdwCsp = [];
  document.addEventListener("securitypolicyviolation", e => window.__sdwCsp.push({
    directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
    sample: e.sample}), true);
})();"""

# Runs after every task the page has queued (violation events, console messages).
FLUSH = "() => new Promise(r => setTimeout(() => requestAnimationFrame(() => setTimeout(r))))"


class Watched:
    """A page that records CSP violations (events and console messages) across navigations."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.events: list[dict] = []
        page.add_init_script(RECORD)
        page.on("console", self._console)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def collect(self) -> None:
        """Move this document's recorded events into the list (before leaving the page)."""
        self.page.evaluate(FLUSH)
        for frame in self.page.frames:
            if frame is not self.page.main_frame and not frame.url.startswith(("about:", "file:", "http://127.")):
                continue  # another host's frame (a player the test's routing stopped): not ours to read
            self.events += frame.evaluate("() => (window.__sdwCsp || []).splice(0)")

    def goto(self, url: str, **options):
        self.collect()
        return self.page.goto(url, **options)

    def violations(self) -> list:
        self.collect()
        return self.events + self.console


def watched(page_factory, url: str | None = None, **options) -> tuple[Watched, list[str]]:
    page, requests = page_factory(None, **options)
    watch = Watched(page)
    if url is not None:
        page.goto(url)
    return watch, requests


# ---------- the policy in the built HTML ----------

class Head(HTMLParser):
    """The elements of <head> in order, and every CSP <meta> in the document."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.head: list[tuple[str, dict]] = []
        self.policies: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head.append((tag, attrs))
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content", ""))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def directives(policy: str) -> dict[str, list[str]]:
    parts = [p.split() for p in policy.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def check_page_policy(path, text: str) -> dict[str, list[str]]:
    head = Head()
    head.feed(text)
    assert len(head.policies) == 1, (path, head.policies)
    (first, a), (second, b), (third, c) = head.head[:3]
    assert first == "meta" and a.get("charset", "").lower() == "utf-8", (path, head.head[:3])
    assert second == "meta" and b.get("http-equiv") == "Content-Security-Policy", (path, head.head[:3])
    assert third == "meta" and c == {"name": "referrer", "content": "strict-origin-when-cross-origin"}, path
    policy = directives(head.policies[0])
    assert "'unsafe-eval'" not in head.policies[0], path
    assert "'unsafe-inline'" not in policy["script-src"], path
    assert policy["script-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in policy["script-src"][1:])
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], path
    assert policy["base-uri"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"], path
    assert policy["frame-src"] == ["https://player.vimeo.com", "https://www.youtube-nocookie.com"], path
    return policy


@pytest.mark.parametrize("folder", ["site", "site-offline"])
def test_every_built_page_has_one_strict_policy_first_in_head(built, folder):
    # Every reader's page; the web editor (admin/) has a policy of its own (tests/test_admin.py).
    pages = sorted(p for p in (built / folder).rglob("*.html") if p.relative_to(built / folder).parts[0] != "admin")
    assert len(pages) > 60
    for path in pages:
        policy = check_page_policy(path, path.read_text(encoding="utf-8"))
        assert policy["connect-src"] == ["'self'"] and policy["form-action"] == ["'self'"], path


# ---------- nothing the site does violates it ----------

def test_no_violation_on_any_page_or_in_search(page_factory, server):
    watch, _ = watched(page_factory)
    for path in ALL_PAGES:
        response = watch.goto(server + path)
        assert response is not None and response.status in (200, 404), path
    watch.goto(server)
    open_search(watch.page, "samenwerking")
    assert watch.violations() == []


def test_no_violation_while_filtering(page_factory, server):
    watch, _ = watched(page_factory, server + "artikelen/")
    page = watch.page
    total = page.locator(".sdw-card").count()
    page.locator(".sdw-filter input[name='doelgroep'][value='werkgevers']").check()
    page.locator(".sdw-filter input[name='soort']:not(:disabled)").first.check()
    assert page.locator(".sdw-card:visible").count() < total
    page.get_by_role("button", name="Wis filters").click()
    assert page.locator(".sdw-card:visible").count() == total
    assert watch.violations() == []


def test_no_violation_offline_from_file_url_with_search(page_factory, built):
    watch, _ = watched(page_factory, (built / "site-offline" / "index.html").as_uri(), offline=True)
    open_search(watch.page, "Groenendaal")
    assert watch.page.locator(SEARCH_RESULT).count() > 0
    assert watch.violations() == []


@pytest.mark.parametrize("path, host", [(VIDEO_PAGE, "youtube-nocookie"), (IFRAME_PAGE, "player.vimeo")],
                         ids=["youtube", "vimeo"])
def test_no_violation_when_a_video_is_played(page_factory, engage, path, host):
    """The player's request is stopped by the test's routing (no traffic leaves the machine);
    the policy must let the frame try."""
    watch, requests = watched(page_factory, engage.site + path)
    with watch.page.expect_request(lambda r: host in r.url):
        watch.page.get_by_role("button", name="Video afspelen:").click()
    watch.page.locator(".sdw-video iframe").wait_for()
    assert watch.violations() == []


def test_feedback_goes_to_the_configured_endpoint_only(page_factory, engage):
    """The endpoint comes from the build: a data-endpoint written into the box before the
    script runs is ignored; the policy allows the configured origin."""
    engage.records.clear()
    watch, _ = watched(page_factory)
    watch.page.add_init_script("""new MutationObserver(() => {
      const box = document.querySelector("[data-sdw-feedback]");
      if (box) box.setAttribute("data-endpoint", "http://127.0.0.1:9/elders");
    }).observe(document, {childList: true, subtree: true});""")
    watch.page.goto(engage.site + ARTICLE)
    watch.page.evaluate("document.querySelectorAll('[data-min-ms]').forEach(e => e.dataset.minMs = '0')")
    assert watch.page.locator("[data-sdw-feedback]").get_attribute("data-endpoint") == "http://127.0.0.1:9/elders"
    watch.page.get_by_role("button", name="Ja").click()
    watch.page.locator(".sdw-feedback [role=status]").filter(has_text="Bedankt voor uw antwoord.").wait_for()
    posts = [r for r in engage.records if r["method"] == "POST"]
    assert [(p["path"], feedback_body(p)["answer"]) for p in posts] == [("/feedback", "ja")]
    policy = directives(watch.page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content"))
    assert policy["connect-src"] == ["'self'", engage.endpoint]
    assert watch.violations() == []


def test_newsletter_posts_to_the_configured_action_without_violation(page_factory, engage):
    engage.records.clear()
    watch, _ = watched(page_factory, engage.site)
    watch.page.evaluate("document.querySelectorAll('[data-min-ms]').forEach(e => e.dataset.minMs = '0')")
    policy = directives(watch.page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content"))
    assert policy["form-action"] == ["'self'", engage.endpoint]
    watch.page.locator("#sdw-nb-start-email").fill("lezer@example.org")
    with watch.page.expect_request(lambda r: "/nieuwsbrief" in r.url) as sent:
        watch.page.keyboard.press("Enter")
    assert sent.value.response().status == 204  # answered: the page stays
    assert [(r["path"], r["body"]) for r in engage.records if r["method"] == "POST"] == [
        ("/nieuwsbrief?lijst=1", "EMAIL=lezer%40example.org")]
    assert watch.violations() == []


def test_engage_pages_carry_a_valid_policy_with_the_endpoint_origins(page_factory, engage):
    page, _ = page_factory(None)
    for path in ("", ARTICLE, VIDEO_PAGE):
        response = page.goto(engage.site + path, wait_until="commit")
        policy = check_page_policy(path, response.text())  # the HTML as served
        assert policy["connect-src"] == ["'self'", engage.endpoint], path
        assert policy["form-action"] == ["'self'", engage.endpoint], path


# ---------- the policy alone ----------

HOSTILE = """---
title: Zonder schoonmaak
---

# Zonder schoonmaak

<p id="kwaad">Tekst</p>
<script>window.__pwned=1</script>
<img src="{pixel}/pixel.png" alt="x">
"""


class _Pixel(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.records.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def unsanitised_site(built, tmp_path, monkeypatch):
    """The built project's pages plus one with a script and a foreign image, rendered without
    validation (straight into docs/) and with the sanitiser switched off."""
    from sdw import sanitize
    from sdw.render import render

    for name in ("clean_author", "clean_generated"):
        if hasattr(sanitize, name):
            monkeypatch.setattr(sanitize, name, lambda html: html)
    if not hasattr(sanitize, "clean_author"):
        monkeypatch.setattr(sanitize, "sanitize", lambda html: html)
    pixel = _serve(_Pixel)
    pixel.records = []
    pixel_url = f"http://127.0.0.1:{pixel.server_address[1]}"
    docs = tmp_path / "docs"
    shutil.copytree(built / "docs", docs)
    (docs / "kwaad.md").write_text(HOSTILE.format(pixel=pixel_url), encoding="utf-8")
    result = render(built, docs, tmp_path / "site")
    assert result.ok, result.messages
    html = (tmp_path / "site" / "kwaad" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned=1</script>" in html and f'src="{pixel_url}/pixel.png"' in html, \
        "the sanitiser was not switched off: this test would prove nothing"
    site = _serve(functools.partial(_SiteHandler, directory=str(tmp_path / "site")))
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/", pixel_url, pixel.records
    finally:
        for httpd in (site, pixel):
            httpd.shutdown()
            httpd.server_close()


def test_the_policy_alone_blocks_an_injected_script_and_a_foreign_image(page_factory, unsanitised_site):
    site, pixel, pixel_requests = unsanitised_site
    watch, _ = watched(page_factory, site + "kwaad/")
    page = watch.page
    page.wait_for_function("""() => window.__sdwCsp.some(
        v => v.directive === "script-src-elem" && v.blocked === "inline")
        && window.__sdwCsp.some(v => v.directive === "img-src")""")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    images = [v for v in page.evaluate("window.__sdwCsp") if v["directive"] == "img-src"]
    assert [urlsplit(v["blocked"])._replace(path="").geturl() for v in images] == [pixel]
    assert page.locator("#kwaad").is_visible()  # the page itself works
    assert pixel_requests == [], "the foreign image was requested"
    # Material's own inline scripts still ran (their hashes are in the policy)
    assert page.evaluate("typeof __md_scope") == "object"
    assert any(re.search(r"inline script", m) for m in watch.console)
