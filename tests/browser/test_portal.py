"""The portal as readers meet it (issue 14), in Chromium on the fixture corpus: the front door's
first screen, article pages for reading, the section's tab, and no way to an empty page."""

from __future__ import annotations

import pytest

from .conftest import ARTICLE, DESKTOP, PHONE


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_front_door_shows_name_mission_and_every_audience_in_the_first_screen(page_factory, server, viewport):
    page, _ = page_factory(server, viewport=viewport)
    title = page.locator("h1.sdw-front__title")
    assert title.inner_text() == "Sterk door Werk" and title.is_visible()
    assert page.locator(".sdw-front__mission").is_visible()
    entries = page.locator(".sdw-front__audiences a")
    assert entries.count() >= 2  # the fixture's audiences with articles
    height = viewport[1]
    for i in range(entries.count()):
        box = entries.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (entries.nth(i).inner_text(), box)
    # the newest edition follows, with its number; no stand-in pictures with initials anywhere
    assert page.locator(".sdw-edition__label").inner_text().lower().startswith("nieuwste editie")
    assert page.locator(".sdw-card__visual:not(:has(img))").count() == 0


def test_an_audience_entry_leads_to_its_page(page_factory, server):
    page, _ = page_factory(server)
    page.locator(".sdw-front__audiences a").first.click()
    page.wait_for_url(server + "doelgroepen/**")
    assert page.locator(".sdw-cards .sdw-card").count() > 0  # never an empty page


def test_on_a_phone_an_article_opens_with_title_introduction_and_text(page_factory, server):
    page, _ = page_factory(server + ARTICLE, viewport=PHONE)
    lead = _box(page, ".sdw-lead")
    first_paragraph = _box(page, ".md-content article > .sdw-page > p:not([class]), .md-content article p:not([class])")
    about = _box(page, ".sdw-about")
    assert lead["y"] < PHONE[1]  # the introduction starts in the first screen
    assert _box(page, "h1")["y"] < lead["y"] < first_paragraph["y"] < about["y"]
    assert page.locator(".sdw-kicker .sdw-type").inner_text() == "Interview"


def test_an_article_on_a_desktop_has_no_empty_columns_and_marks_its_section(page_factory, server):
    page, _ = page_factory(server + ARTICLE, viewport=DESKTOP)
    for sidebar in (".md-sidebar--primary", ".md-sidebar--secondary"):
        assert not page.locator(sidebar).is_visible(), sidebar
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Verhalen"
    text = _box(page, ".md-content .sdw-lead")
    assert text["width"] <= 46 * 20 + 1  # a reading column (44rem at 20px), not the full grid


@pytest.mark.parametrize("path, tab", [("tips/gewoon-starten/", "Kennisbank"), ("themas/ips/", "Thema's"),
                                       ("partners/uwv/", "Partners")])
def test_every_page_outside_the_navigation_marks_its_sections_tab(page_factory, server, path, tab):
    page, _ = page_factory(server + path, viewport=DESKTOP)
    assert page.locator(".md-tabs__item--active").inner_text().strip() == tab


def test_no_link_to_an_empty_page_in_the_navigation(page_factory, server):
    page, _ = page_factory(server, viewport=DESKTOP)
    hrefs = page.eval_on_selector_all(".md-nav--primary a, .md-tabs a", "els => els.map(a => a.href)")
    assert server + "verhalen/" in hrefs
    assert server + "videos/" not in hrefs  # the fixture corpus has no videos
    # the page itself still answers, with ways on instead of "nothing here"
    page.goto(server + "videos/")
    routes = page.locator(".sdw-routes")
    assert "Onder Video's staat nog niets" in routes.inner_text()
    assert routes.locator("a").count() >= 2


def test_an_article_page_weighs_at_most_75_kb_gzipped(page_factory, server, built):
    """What a reader's browser fetches to show an article: the page and every style, script and
    image it loads, each gzip-compressed as a host would send it. The search worker and its index
    stub are left out: the worker fetches them in the background, off the page's own load."""
    import gzip
    from urllib.parse import urlsplit

    page, requests = page_factory(server + ARTICLE, wait_until="networkidle")
    total, files = 0, {}
    for url in dict.fromkeys(requests):
        path = urlsplit(url).path.lstrip("/")
        if path.startswith(("search/", "assets/javascripts/search/")):
            continue
        local = built / "site" / path
        if local.is_dir() or path == "" or path.endswith("/"):
            local = local / "index.html"
        assert local.is_file(), url  # only the site's own files
        files[path] = len(gzip.compress(local.read_bytes(), 6))
        total += files[path]
    assert total <= 75 * 1024, sorted(files.items(), key=lambda kv: -kv[1])
