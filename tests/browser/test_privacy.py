"""Privacy in a real browser: reading and searching the site requests nothing from
another host (no fonts, analytics, CDNs or polyfills), on any page type."""

from __future__ import annotations

from urllib.parse import urlsplit

from .conftest import ALL_PAGES, ARTICLE, PHONE, open_search, settle

LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _foreign(requests: list[str], origin: str) -> list[str]:
    return sorted({url for url in requests
                   if not (url.startswith(origin + "/") or url == origin or url.startswith(LOCAL_SCHEMES))})


def _origin(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}"


def test_every_page_type_loads_only_from_the_site(page_factory, server):
    origin = _origin(server)
    page, requests = page_factory(None)
    for path in ALL_PAGES:
        response = page.goto(server + path, wait_until="networkidle")
        assert response is not None and response.status in (200, 404), path
    open_search(page, "samenwerking")
    page.wait_for_load_state("networkidle")
    assert any(url.startswith(origin) for url in requests)
    assert _foreign(requests, origin) == [], "requests to other hosts"
    # Material fetches sitemap.xml next to every <link rel="alternate">: the feed links must not
    # trigger that (it would be a 404 below feeds/ on every page).
    assert [url for url in requests if url.endswith("sitemap.xml")] == []


def test_phone_and_dark_load_only_from_the_site(page_factory, server):
    origin = _origin(server)
    page, requests = page_factory(server + ARTICLE, scheme="dark", viewport=PHONE,
                                  wait_until="networkidle")
    open_search(page, "werkgevers")
    page.wait_for_load_state("networkidle")
    assert _foreign(requests, origin) == [], "requests to other hosts"


def test_screenshots(page_factory, server, artifacts):
    """Home, an article and open search results as PNGs in test-artifacts/ (and local only)."""
    origin = _origin(server)
    for scheme in ("light", "dark"):
        page, requests = page_factory(server, scheme=scheme, wait_until="networkidle")
        settle(page)
        page.screenshot(path=artifacts / f"home-{scheme}.png", full_page=True)
        page.goto(server + ARTICLE, wait_until="networkidle")
        settle(page)
        page.screenshot(path=artifacts / f"artikel-{scheme}.png", full_page=True)
        page.goto(server)
        open_search(page, "samenwerking")
        page.screenshot(path=artifacts / f"zoeken-{scheme}.png")
        assert _foreign(requests, origin) == [], "requests to other hosts"
    page, requests = page_factory(server, viewport=PHONE, wait_until="networkidle")
    settle(page)
    page.screenshot(path=artifacts / "home-telefoon.png", full_page=True)
    assert _foreign(requests, origin) == [], "requests to other hosts"
    page, _ = page_factory(server + "bestaat-niet/", viewport=PHONE)
    settle(page)
    page.screenshot(path=artifacts / "404-telefoon.png", full_page=True)
    for name in ("home-light", "artikel-light", "zoeken-light", "zoeken-dark", "404-telefoon"):
        assert (artifacts / f"{name}.png").stat().st_size > 10_000, name
