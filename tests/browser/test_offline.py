"""The offline variant in a real browser: site-offline/index.html opened with file://
and no network navigates (links end in .html) and searches (inlined index)."""

from __future__ import annotations

from .conftest import SEARCH_RESULT, open_search

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def test_offline_site_navigates_and_searches_without_network(page_factory, built, artifacts):
    home = (built / "site-offline" / "index.html").as_uri()
    page, requests = page_factory(home, offline=True)
    assert page.title().startswith("Sterk door Werk") or "Sterk door Werk" in page.title()

    # Navigation: the "Verhalen" tab opens a .html file, not a folder listing.
    page.locator(".md-tabs__link", has_text="Verhalen").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith(".html"), page.url
    assert page.url.endswith("/verhalen/index.html"), page.url
    assert page.locator("h1").first.inner_text().strip()

    # Search: the index is inlined and the worker runs from a local file.
    open_search(page, "Groenendaal")
    hrefs = page.locator(f"{SEARCH_RESULT} a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    assert any(h.split("#")[0].split("?")[0].endswith("/verhalen/eric-groenendaal.html")
               for h in hrefs), hrefs
    page.screenshot(path=artifacts / "offline-zoeken.png")

    # Following the result opens the article from disk (the result for that article, wherever
    # it ranks: a new article that names Groenendaal may come first).
    page.locator(f"{SEARCH_RESULT} a.md-search-result__link[href*='verhalen/eric-groenendaal.html']").first.click()
    page.wait_for_load_state("load")
    assert "eric-groenendaal.html" in page.url, page.url

    foreign = sorted({url for url in requests if not url.startswith(LOCAL_SCHEMES)})
    assert foreign == [], "requests other than file:, data:, blob:, about:"
