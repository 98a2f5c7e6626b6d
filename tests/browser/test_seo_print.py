"""The 404 page from a deep missing path (links work, search opens) and an article in print."""

from __future__ import annotations

import pytest

from .conftest import ARTICLE, DESKTOP, PHONE, SEARCH_RESULT, axe_violations, describe_violations, settle

DEEP_MISSING = "een/heel/diep/pad/dat-niet-bestaat/"
PUBLISHED = "https://www.sterkdoorwerk.nl/"  # mkdocs.yml's site_url: printed after internal links


def test_404_from_a_deep_path_links_to_real_pages(page_factory, server):
    page, _ = page_factory(None)
    response = page.goto(server + DEEP_MISSING)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Deze pagina bestaat niet (meer)"
    assert page.get_attribute("meta[name=robots]", "content") == "noindex"
    # Material's own stylesheet and script loaded from the site root, not from the missing folder
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    hrefs = page.eval_on_selector_all(".sdw-page--404 a", "els => els.map(a => a.href)")
    # Only pages with something to show: the fixture corpus has no videos and no articles for
    # werkzoekenden en werkenden, so neither is offered.
    expected = {server, *(server + p for p in (
        "doelgroepen/werkgevers/", "doelgroepen/professionals/",
        "verhalen/", "nieuws/", "tips/", "kennis/", "evenementen/", "partnerartikelen/", "archief/"))}
    assert set(hrefs) == expected
    for href in hrefs:
        assert page.request.get(href).status == 200, href
    page.get_by_role("link", name="Werkgevers", exact=True).click()
    page.wait_for_url(server + "doelgroepen/werkgevers/")
    assert page.locator("h1").first.inner_text() == "Werkgevers"


def test_404_search_box_opens_the_site_search(page_factory, server):
    page, requests = page_factory(server + DEEP_MISSING)
    box = page.get_by_role("searchbox", name="Zoek op Sterk door Werk")
    box.fill("samenwerking")
    box.press("Enter")
    page.wait_for_url(server + "?q=samenwerking")
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    assert page.is_checked("#__search")
    assert page.input_value("input.md-search__input") == "samenwerking"
    assert page.locator(SEARCH_RESULT).count() > 0
    assert all(r.startswith(server) for r in requests)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_from_a_deep_path_has_no_axe_violations(page_factory, server, artifacts, scheme, viewport):
    page, _ = page_factory(server + DEEP_MISSING, scheme=scheme, viewport=DESKTOP if viewport == "desktop" else PHONE)
    settle(page)
    page.screenshot(path=str(artifacts / f"404-{viewport}-{scheme}.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_links_in_running_text_do_not_rely_on_colour(page_factory, server):
    page, _ = page_factory(server + ARTICLE)
    decorations = page.eval_on_selector_all(
        ".sdw-page > p a, .sdw-page > ul li a, .sdw-page > ol li a",
        "els => els.map(a => getComputedStyle(a).textDecorationLine)")
    assert decorations and all("underline" in d for d in decorations), decorations


PRINT_STATE = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(
    e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;
  const after = a => getComputedStyle(a, '::after').content;
  const body = getComputedStyle(document.body);
  const internal = document.querySelector('.sdw-page > p a[data-sdw-url]');
  const chip = document.querySelector('.sdw-facts a[data-sdw-url]');
  // The fixture's articles link to no other site: add one such link to the text.
  const external = document.createElement('a');
  external.href = 'https://www.example.org/rapport';
  external.textContent = 'een rapport';
  const text = document.querySelector('.sdw-page > p:not(.sdw-lead)');
  text.append(' ', external);
  const marker = document.createElement('div');
  marker.className = 'sdw-noprint';
  marker.textContent = 'widget';
  document.querySelector('.md-content .md-typeset').append(marker);
  return {
    chrome: shown('.md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .sdw-noprint'),
    background: body.backgroundColor, color: getComputedStyle(text).color,
    fontSize: parseFloat(getComputedStyle(text).fontSize),
    internal: [internal.getAttribute('data-sdw-url'), after(internal)], chip: after(chip),
    external: [external.getAttribute('href'), after(external)],
    card: getComputedStyle(document.querySelector('.sdw-card')).breakInside,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_article_prints_cleanly(page_factory, server, artifacts, scheme):
    page, _ = page_factory(server + ARTICLE, scheme=scheme)
    screen = page.evaluate("getComputedStyle(document.querySelector('.md-header')).display")
    assert screen != "none"  # the print rules do not leak to the screen
    page.emulate_media(media="print")
    state = page.evaluate(PRINT_STATE)
    assert state["chrome"] == 0, state
    assert state["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), state
    assert state["color"] == "rgb(0, 0, 0)", state
    assert state["fontSize"] >= 13, state  # 11pt = 14.67px
    url, content = state["internal"]
    assert url.startswith(PUBLISHED) and url in content, state
    assert state["chip"] == "none", state  # audience/theme chips: no address clutter
    href, content = state["external"]
    assert href in content, state
    assert state["card"] == "avoid", state
    if scheme == "light":
        pdf = page.pdf(path=str(artifacts / "artikel-print.pdf"), format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
