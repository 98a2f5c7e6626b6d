"""Share links under an article in a real browser (overrides/sdw/share.html, sdw-share.js):
the links carry the canonical address and the title, "Link kopiëren" puts the address on the
clipboard and says so (or falls back), "Delen…" shows only where the browser can share, nothing
is requested from another host, and the block is accessible, big enough to tap and not printed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import (
    ARTICLE,
    DESKTOP,
    LOOPBACK,
    PHONE,
    axe_violations_in,
    describe_violations,
    settle,
    tab_to,
)

NAV = "nav.sdw-share"
CANONICAL = "https://www.sterkdoorwerk.nl/" + ARTICLE  # mkdocs.yml's site_url: the published address
COPIED = "De link naar dit artikel is gekopieerd."
BY_HAND = "Kopiëren lukte niet."
CLIPBOARD = ["clipboard-read", "clipboard-write"]

# Run before the page's own scripts (Playwright's init scripts are not page script: the CSP does
# not apply), to stand in for browsers without an API or with one.
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"
COPY_REFUSED = "Document.prototype.execCommand = function () { return false; };"
COPY_WORKS = "Document.prototype.execCommand = function (c) { window.__sdwCopied = c; return true; };"
NO_SHARE = "delete Navigator.prototype.share;"
SHARE_SHEET = ("Navigator.prototype.share = function (data) {"
               " window.__sdwShared = {title: data.title, url: data.url}; return Promise.resolve(); };")


def share(page):
    return page.get_by_role("navigation", name="Deel dit artikel")


def open_article(page_factory, server, *scripts: str, **options):
    page, requests = page_factory(None, **options)
    for script in scripts:
        page.add_init_script(script)
    page.goto(server + ARTICLE, wait_until="networkidle")
    return page, requests


def _foreign(requests: list[str]) -> list[str]:
    return sorted({u for u in requests
                   if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname not in LOOPBACK})


def test_links_carry_the_canonical_address_and_the_title(page_factory, server):
    page, requests = open_article(page_factory, server)
    nav = share(page)
    assert nav.is_visible() and nav.get_by_role("heading", name="Deel dit artikel").is_visible()
    assert page.locator("link[rel=canonical]").get_attribute("href") == CANONICAL
    title = page.locator("meta[property='og:title']").get_attribute("content")
    assert title and title == page.locator("h1").first.inner_text().strip()
    href = {name: nav.get_by_role("link", name=name, exact=True).get_attribute("href")
            for name in ("E-mail", "LinkedIn", "WhatsApp", "Bluesky")}
    mail = urlsplit(href["E-mail"])
    assert mail.scheme == "mailto" and mail.path == "" and "+" not in mail.query  # spaces as %20 (RFC 6068)
    assert parse_qs(mail.query) == {"subject": [title], "body": [CANONICAL]}
    linkedin, whatsapp, bluesky = (urlsplit(href[n]) for n in ("LinkedIn", "WhatsApp", "Bluesky"))
    assert (linkedin.scheme, linkedin.netloc, linkedin.path) == ("https", "www.linkedin.com", "/sharing/share-offsite/")
    assert parse_qs(linkedin.query) == {"url": [CANONICAL]}
    assert (whatsapp.netloc, whatsapp.path) == ("wa.me", "/") and parse_qs(whatsapp.query) == {
        "text": [f"{title} {CANONICAL}"]}
    assert (bluesky.netloc, bluesky.path) == ("bsky.app", "/intent/compose") and parse_qs(bluesky.query) == {
        "text": [f"{title} {CANONICAL}"]}
    for name in ("LinkedIn", "WhatsApp", "Bluesky"):
        link = nav.get_by_role("link", name=name, exact=True)
        assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") is None
    # Plain links: on loading the page nothing goes to those services, or to any other host.
    assert _foreign(requests) == []
    assert nav.locator("img, iframe, script, link").count() == 0


def test_copy_link_puts_the_canonical_address_on_the_clipboard_and_says_so(page_factory, server):
    page, requests = open_article(page_factory, server, permissions=CLIPBOARD)
    status = share(page).get_by_role("status")
    assert status.inner_text() == ""
    share(page).get_by_role("button", name="Link kopiëren").click()
    status.filter(has_text=COPIED).wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == CANONICAL
    assert not page.locator(".sdw-share__manual").is_visible()
    assert _foreign(requests) == []


def test_without_the_clipboard_api_the_copy_command_is_used(page_factory, server):
    page, _ = open_article(page_factory, server, NO_CLIPBOARD, COPY_WORKS)
    button = share(page).get_by_role("button", name="Link kopiëren")
    button.click()
    share(page).get_by_role("status").filter(has_text=COPIED).wait_for()
    assert page.evaluate("window.__sdwCopied") == "copy"
    assert not page.locator(".sdw-share__manual").is_visible()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Link kopiëren"  # focus stays


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_when_copying_fails_the_address_is_selected_to_copy_by_hand(page_factory, server, scheme):
    page, _ = open_article(page_factory, server, NO_CLIPBOARD, COPY_REFUSED, scheme=scheme, viewport=PHONE)
    share(page).get_by_role("button", name="Link kopiëren").click()
    share(page).get_by_role("status").filter(has_text=BY_HAND).wait_for()
    field = share(page).get_by_role("textbox", name="Adres van dit artikel")
    assert field.is_visible() and field.input_value() == CANONICAL
    assert page.evaluate("""() => { const f = document.activeElement;
        return f.id === 'sdw-share-adres' && f.selectionStart === 0 && f.selectionEnd === f.value.length; }""")
    settle(page)
    violations = axe_violations_in(page, NAV)
    assert not violations, describe_violations(violations)


def test_web_share_button_only_where_the_browser_can_share(page_factory, server):
    page, _ = open_article(page_factory, server, NO_SHARE)
    share(page).get_by_role("button", name="Link kopiëren").wait_for()  # the script has run
    assert share(page).get_by_role("button", name="Delen…").count() == 0  # hidden: not in the tree
    page, _ = open_article(page_factory, server, SHARE_SHEET)
    button = share(page).get_by_role("button", name="Delen…")
    button.click()
    page.wait_for_function("() => window.__sdwShared !== undefined")
    title = page.locator("meta[property='og:title']").get_attribute("content")
    assert page.evaluate("window.__sdwShared") == {"title": title, "url": CANONICAL}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_share_links_have_no_axe_violations(page_factory, server, scheme, viewport):
    page, _ = open_article(page_factory, server, SHARE_SHEET, permissions=CLIPBOARD, scheme=scheme,
                           viewport=DESKTOP if viewport == "desktop" else PHONE)
    share(page).get_by_role("button", name="Delen…").wait_for()
    share(page).scroll_into_view_if_needed()
    settle(page)
    violations = axe_violations_in(page, NAV)
    assert not violations, describe_violations(violations)
    share(page).get_by_role("button", name="Link kopiëren").click()
    share(page).get_by_role("status").filter(has_text=COPIED).wait_for()
    settle(page)
    violations = axe_violations_in(page, NAV)
    assert not violations, "after copying:\n" + describe_violations(violations)


def test_targets_are_44_px_on_a_phone_and_focus_is_visible(page_factory, server):
    page, _ = open_article(page_factory, server, SHARE_SHEET, viewport=PHONE)
    share(page).get_by_role("button", name="Delen…").wait_for()
    targets = share(page).locator("a, button")
    assert targets.count() == 6
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, (targets.nth(i).inner_text(), box)
    tab_to(page, f"{NAV} a", first=True)
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert ring[0] == "solid" and ring[1] >= 2, ring


def test_share_links_are_not_printed(page_factory, server):
    page, _ = open_article(page_factory, server)
    assert share(page).is_visible()
    page.emulate_media(media="print")
    assert page.locator(NAV).is_hidden()


@pytest.mark.parametrize("path", ["", "verhalen/", "partners/uwv/", "themas/ips/", "over-sterk-door-werk/"])
def test_only_articles_have_share_links_and_their_script(page_factory, server, path):
    page, requests = page_factory(server + path, wait_until="networkidle")
    assert page.locator(NAV).count() == 0
    assert not [u for u in requests if u.endswith("sdw-share.js")]


def test_the_script_loads_on_articles_without_breaking_the_policy(page_factory, server):
    page, requests = page_factory(None)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server + ARTICLE, wait_until="networkidle")
    share(page).get_by_role("button", name="Link kopiëren").wait_for()
    assert [u for u in requests if u.endswith("assets/javascripts/sdw-share.js")]
    assert problems == []
