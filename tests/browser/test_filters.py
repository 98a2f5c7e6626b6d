"""Filtering listings in a real browser: the built site's "Alle artikelen", audience and
theme pages narrowed by audience, theme, type and year (OR within a facet, AND across).

The expected results are computed here, in Python, from the data-* attributes of the
cards, so the tests check the script against an independent reading of the same data.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import DESKTOP, PHONE, settle, tab_to

ALL = "artikelen/"
FACETS = {"doelgroep": "doelgroepen", "thema": "themas", "soort": "soort", "jaar": "jaar"}
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

CARD_DATA = """() => [...document.querySelectorAll('.sdw-cards[data-sdw-filter] > .sdw-card')].map(c => ({
  doelgroep: (c.dataset.doelgroepen || '').split(' ').filter(Boolean),
  thema: (c.dataset.themas || '').split(' ').filter(Boolean),
  soort: [c.dataset.soort], jaar: [c.dataset.jaar],
  shown: c.checkVisibility(), href: c.querySelector('a').getAttribute('href')}))"""

BOX_STATE = """() => [...document.querySelectorAll('.sdw-filter input[type=checkbox]')].map(b => ({
  facet: b.name, value: b.value, checked: b.checked, disabled: b.disabled,
  label: b.closest('label').innerText.replace(/\\s+/g, ' ').trim()}))"""


def matches(card: dict, chosen: dict[str, set[str]], skip: str | None = None) -> bool:
    return all(not values or values & set(card[facet])
               for facet, values in chosen.items() if facet != skip)


def expectation(cards: list[dict], chosen: dict[str, set[str]]):
    """Which cards show, and per offered value how many would show with it chosen in its facet."""
    shown = [c["href"] for c in cards if matches(c, chosen)]
    counts = {}
    for facet in FACETS:
        others = [c for c in cards if matches(c, chosen, skip=facet)]
        for c in others:
            for value in c[facet]:
                counts[(facet, value)] = counts.get((facet, value), 0) + 1
    return shown, counts


def check_state(page, chosen: dict[str, set[str]]) -> None:
    cards = page.evaluate(CARD_DATA)
    shown, counts = expectation(cards, chosen)
    assert [c["href"] for c in cards if c["shown"]] == shown
    assert page.locator(".sdw-filter__status").inner_text() == (
        f"{len(shown)} van {len(cards)} artikelen" + (" Geen artikelen met deze filters." if not shown else ""))
    for box in page.evaluate(BOX_STATE):
        n = counts.get((box["facet"], box["value"]), 0)
        assert box["label"].endswith(f"({n})"), box
        assert box["checked"] == (box["value"] in chosen.get(box["facet"], set())), box
        assert box["disabled"] == (n == 0 and not box["checked"]), box
    query = parse_qs(urlsplit(page.url).query)
    for facet in FACETS:
        wanted = chosen.get(facet, set())
        assert set(",".join(query.get(facet, [])).split(",")) - {""} == wanted, (facet, page.url)


def box(page, facet: str, value: str):
    return page.locator(f".sdw-filter input[name='{facet}'][value='{value}']")


def test_choosing_and_combining_facets_narrows_the_list_and_the_counts(page_factory, server):
    page, _ = page_factory(server + ALL)
    total = page.locator(".sdw-card").count()
    assert total > 10
    check_state(page, {})
    box(page, "doelgroep", "werkgevers").check()
    check_state(page, {"doelgroep": {"werkgevers"}})
    narrowed = page.locator(".sdw-card:visible").count()
    assert 0 < narrowed < total
    box(page, "doelgroep", "professionals").check()  # OR within a facet: more, not fewer
    check_state(page, {"doelgroep": {"werkgevers", "professionals"}})
    assert page.locator(".sdw-card:visible").count() >= narrowed
    box(page, "soort", "tip").check()  # AND across facets
    chosen = {"doelgroep": {"werkgevers", "professionals"}, "soort": {"tip"}}
    check_state(page, chosen)
    box(page, "jaar", "2016").check()
    chosen["jaar"] = {"2016"}
    check_state(page, chosen)
    assert page.locator(".sdw-filter summary").inner_text().endswith("(4 actief)")
    box(page, "doelgroep", "werkgevers").uncheck()
    chosen["doelgroep"] = {"professionals"}
    check_state(page, chosen)


def test_a_shared_url_restores_the_filters_and_ignores_unknown_values(page_factory, server):
    url = server + ALL + "?h=zoekterm&doelgroep=werkgevers&jaar=2016,1999&thema=bestaat-niet&onbekend=x#top"
    page, _ = page_factory(url)
    chosen = {"doelgroep": {"werkgevers"}, "jaar": {"2016"}}
    cards = page.evaluate(CARD_DATA)
    shown, _ = expectation(cards, chosen)
    assert [c["href"] for c in cards if c["shown"]] == shown and 0 < len(shown) < len(cards)
    assert box(page, "doelgroep", "werkgevers").is_checked() and box(page, "jaar", "2016").is_checked()
    assert page.locator(".sdw-filter input:checked").count() == 2
    # The next change rewrites the filter keys only: other parameters and the fragment stay.
    box(page, "soort", "tip").check()
    parts = urlsplit(page.url)
    assert parts.fragment == "top"
    query = parse_qs(parts.query)
    assert query == {"h": ["zoekterm"], "onbekend": ["x"], "doelgroep": ["werkgevers"], "soort": ["tip"],
                     "jaar": ["2016"]}
    check_state(page, {**chosen, "soort": {"tip"}})


def test_clear_filters_shows_everything_again(page_factory, server):
    page, _ = page_factory(server + ALL + "?doelgroep=werkgevers&soort=tip")
    clear = page.get_by_role("button", name="Wis filters")
    assert clear.is_visible()
    assert page.locator(".sdw-card:visible").count() < page.locator(".sdw-card").count()
    clear.click()
    check_state(page, {})
    assert page.locator(".sdw-card:visible").count() == page.locator(".sdw-card").count()
    assert urlsplit(page.url).query == ""
    assert not clear.is_visible()  # nothing to clear: no dead control
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def _tab_to(page, selector: str) -> None:
    tab_to(page, selector, limit=80)


def test_filters_work_with_the_keyboard_alone(page_factory, server):
    page, _ = page_factory(server + ALL, viewport=PHONE)
    panel = page.locator(".sdw-filter__panel")
    assert not panel.evaluate("d => d.open")  # folded on a phone
    _tab_to(page, ".sdw-filter summary")
    page.keyboard.press("Enter")
    assert panel.evaluate("d => d.open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "doelgroep"
    first = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    check_state(page, {"doelgroep": {first}})
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    _tab_to(page, ".sdw-filter__clear")
    page.keyboard.press("Enter")
    check_state(page, {})


def test_without_javascript_the_full_list_shows_and_no_control(page_factory, server, built):
    page, _ = page_factory(server + ALL + "?doelgroep=werkgevers", java_script_enabled=False)
    html = (built / "site" / "artikelen" / "index.html").read_text(encoding="utf-8")
    cards = page.locator(".sdw-card")
    assert cards.count() == html.count('<article class="sdw-card ') > 10
    assert page.locator(".sdw-card:visible").count() == cards.count()
    assert page.locator(".md-content input, .md-content button, .md-content summary").count() == 0
    assert page.locator(".sdw-filter").count() == 0


@pytest.mark.parametrize("path, facet", [("doelgroepen/professionals/", "thema"), ("themas/ips/", "soort")])
def test_audience_and_theme_pages_filter_their_articles(page_factory, server, path, facet):
    page, _ = page_factory(server + path)
    check_state(page, {})
    values = page.locator(f".sdw-filter input[name='{facet}']:not(:disabled)")
    assert values.count() >= 1
    value = values.first.get_attribute("value")
    values.first.check()
    check_state(page, {facet: {value}})


def test_offline_file_url_filters_and_keeps_the_state(page_factory, built):
    start = (built / "site-offline" / "artikelen" / "index.html").as_uri()
    page, requests = page_factory(start + "?thema=ips", offline=True)
    assert page.url.startswith("file://")
    check_state(page, {"thema": {"ips"}})
    box(page, "soort", "verhaal").check()
    check_state(page, {"thema": {"ips"}, "soort": {"verhaal"}})
    foreign = sorted({url for url in requests if not url.startswith(LOCAL_SCHEMES)})
    assert foreign == []


def test_screenshots_of_a_filtered_listing(page_factory, server, artifacts):
    for name, viewport in (("desktop", DESKTOP), ("telefoon", PHONE)):
        page, _ = page_factory(server + ALL + "?doelgroep=werkgevers&jaar=2016,2018", viewport=viewport)
        if viewport == PHONE:
            page.locator(".sdw-filter summary").click()
        page.locator(".sdw-filter").scroll_into_view_if_needed()
        settle(page)
        assert page.locator(".sdw-filter__status").is_visible()
        page.screenshot(path=artifacts / f"gefilterd-{name}.png")
        assert (artifacts / f"gefilterd-{name}.png").stat().st_size > 10_000


def _big_listing(html: str, n: int) -> str:
    """The all-articles page with its cards repeated, with varied years, to n cards."""
    cards = re.findall(r'<article class="sdw-card[ "].*?</article>', html, flags=re.S)
    start, end = html.index(cards[0]), html.index(cards[-1]) + len(cards[-1])
    many = [re.sub(r'data-jaar="\d+"', f'data-jaar="{2016 + i % 6}"', cards[i % len(cards)])
            for i in range(n)]
    return html[:start] + "\n".join(many) + html[end:]


def test_ten_thousand_cards_filter_without_freezing(page_factory, server, built):
    n = 10_000
    html = _big_listing((built / "site" / "artikelen" / "index.html").read_text(encoding="utf-8"), n)
    page, _ = page_factory(None)
    page.route(server + ALL + "groot", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=html))
    page.goto(server + ALL + "groot", wait_until="load")
    assert page.locator(".sdw-filter__status").inner_text() == f"{n} van {n} artikelen"
    timings = []
    for facet, value in (("doelgroep", "werkgevers"), ("soort", "tip"), ("doelgroep", "werkgevers")):
        timings.append(page.evaluate("""([f, v]) => new Promise(done => {
          const t0 = performance.now();
          document.querySelector(`.sdw-filter input[name='${f}'][value='${v}']`).click();
          const script = performance.now() - t0;  // the change handler runs synchronously
          requestAnimationFrame(() => setTimeout(() => done([script, performance.now() - t0]), 0));
        })""", [facet, value]))
    status = page.locator(".sdw-filter__status").inner_text()
    shown = int(status.split()[0])
    assert 0 < shown < n, status
    print("\n10,000 cards, ms (script, until the next frame):", [[round(x) for x in t] for t in timings])
    assert max(script for script, _ in timings) < 100, timings
    assert max(frame for _, frame in timings) < 1500, timings
