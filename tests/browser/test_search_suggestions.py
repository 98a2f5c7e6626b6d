"""Everyday words in a real browser: the thesaurus (content/zoekwoorden.yml, here the fixture
corpus's copy) widens a search online and offline, and a search without results offers a close
spelling ("Bedoelde je …?") and the theme and audience pages, reachable with the keyboard and
without axe violations, light and dark, desktop and phone.

What the pages must contain is read from the built fixture site, never written down here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SITE_CONTENT

from .conftest import (
    DESKTOP,
    PHONE,
    SEARCH_INPUT,
    SEARCH_RESULT,
    ask_search,
    axe_violations_in,
    describe_violations,
    settle,
)

HELP = ".sdw-search-help"
STATUS = ".sdw-search-help__status"
SUGGESTION = "a.sdw-search-help__suggestion"
TOPIC_LINKS = ".sdw-search-help__list a"
RESULT_LINKS = f"{SEARCH_RESULT} > .md-search-result__link"

EVERYDAY = "burnout"  # in the thesaurus, on no page
ALSO = ("psychische problemen", "uitval")  # what the thesaurus searches for it as well
MISSPELT, MEANT = "burnoot", "burnout"
NOTHING = "xqzvw"  # close to no word at all


class _Text(HTMLParser):
    """The visible text of a built page's article (what the search index holds)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def page_text(site: Path, path: str) -> str:
    """Lower-case text of the page at `path` (relative to the site root) in a built site."""
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    parser = _Text()
    parser.feed(file.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).lower().split())


def wait_for_status(page, text: str) -> None:
    page.wait_for_function("([s, t]) => (document.querySelector(s) || {}).textContent === t", arg=[STATUS, text])


def type_search(page, query: str, shown: str) -> None:
    """Type `query` into the search box like a person and wait until `shown` (a selector in the
    help below the count) is visible."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # phones: the field opens from the magnifier in the header
        toggle.click()
    page.locator(SEARCH_INPUT).click()
    page.keyboard.type(query, delay=20)
    page.locator(shown).first.wait_for(state="visible")


def test_the_everyday_word_is_nowhere_in_the_corpus_but_in_the_thesaurus():
    """The premise of the tests below: without the thesaurus the word finds nothing."""
    texts = [p.read_text(encoding="utf-8").lower() for p in SITE_CONTENT.rglob("*.md")]
    assert texts and not any(EVERYDAY in t or "burn-out" in t for t in texts)
    assert re.search(rf"^- woorden: .*\b{EVERYDAY}\b", (SITE_CONTENT / "zoekwoorden.yml").read_text("utf-8"), re.M)


def test_an_everyday_word_finds_the_pages_with_its_terms_and_says_so(page_factory, server, built):
    page, _ = page_factory(server)
    pages = ask_search(page, EVERYDAY)
    assert pages, f"{EVERYDAY!r} found nothing"
    for path in pages:  # every result is about what the thesaurus searched as well
        assert any(term in page_text(built / "site", path) for term in ALSO), path
    assert any(ALSO[0] in page_text(built / "site", path) for path in pages)
    wait_for_status(page, f"Ook gezocht op: {', '.join(ALSO)}.")
    marks = page.eval_on_selector_all(f"{SEARCH_RESULT} mark", "els => els.map(e => e.textContent.toLowerCase())")
    assert {m for m in marks if m in ALSO[0].split() + [ALSO[1]]}, marks  # shown why it was found


def test_pages_with_the_readers_own_words_come_before_those_found_through_the_thesaurus(page_factory, server, built):
    """'geestelijke gezondheid' is a thesaurus phrase (-> ggz) that also stands on some pages."""
    query = "geestelijke gezondheid"
    page, _ = page_factory(server)
    pages = ask_search(page, query)
    wait_for_status(page, "Ook gezocht op: ggz.")
    own = [any(w in page_text(built / "site", p) for w in ("geestelijk", "gezondheid")) for p in pages]
    assert True in own and False in own, (pages, own)  # both kinds are found
    assert own == sorted(own, reverse=True), list(zip(pages, own, strict=True))  # all own before the others


def test_the_thesaurus_works_offline_too(page_factory, built):
    home = (built / "site-offline" / "index.html").as_uri()
    page, requests = page_factory(home, offline=True)
    type_search(page, EVERYDAY, RESULT_LINKS)
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    found = {h.split("#")[0].split("?")[0] for h in hrefs}
    assert found and all(h.startswith("file://") and h.endswith(".html") for h in found), found
    offline = built / "site-offline"
    for href in found:
        path = href[len(offline.as_uri()) + 1:]
        assert any(term in page_text(offline, path) for term in ALSO), path
    wait_for_status(page, f"Ook gezocht op: {', '.join(ALSO)}.")
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []


def test_a_misspelt_word_gets_the_word_meant_and_choosing_it_searches(page_factory, server):
    page, _ = page_factory(server)
    assert ask_search(page, MISSPELT) == []
    suggestion = page.locator(SUGGESTION)
    suggestion.wait_for(state="visible")
    assert page.locator(STATUS).inner_text() == f"Bedoelde je {MEANT}?"
    suggestion.click()
    page.wait_for_function("s => document.querySelector(s).value === 'burnout'", arg=SEARCH_INPUT)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    assert page.evaluate("document.getElementById('__search').checked"), "the search stayed open"
    wait_for_status(page, f"Ook gezocht op: {', '.join(ALSO)}.")
    assert page.locator(SUGGESTION).count() == 0


def test_a_misspelt_content_word_gets_the_word_on_the_site(page_factory, server):
    page, _ = page_factory(server)
    assert ask_search(page, "samenwerkign werkgeverz") == []
    wait_for_status(page, "Bedoelde je samenwerking werkgevers?")


def test_the_suggestion_is_reached_and_chosen_with_the_keyboard(page_factory, server):
    page, _ = page_factory(server)
    assert ask_search(page, MISSPELT) == []
    page.locator(SUGGESTION).wait_for(state="visible")
    page.keyboard.press("ArrowDown")  # as for Material's own results: from the field into the list
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", SUGGESTION)
    page.keyboard.press("Enter")
    page.wait_for_function("s => document.querySelector(s).value === 'burnout'", arg=SEARCH_INPUT)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    # Enter in the field itself takes the suggestion too (and opens no theme page).
    here = page.url
    assert ask_search(page, MISSPELT) == []
    page.locator(SUGGESTION).wait_for(state="visible")
    page.locator(SEARCH_INPUT).first.press("Enter")
    page.wait_for_function("s => document.querySelector(s).value === 'burnout'", arg=SEARCH_INPUT)
    page.locator(SEARCH_RESULT).first.wait_for(state="visible")
    assert page.url.split("?")[0] == here.split("?")[0]


def _topics(built: Path) -> list[tuple[str, list[str]]]:
    """(label, titles) of the themes and audiences with articles in the fixture corpus's model."""
    from sdw import thesaurus
    from sdw.model import build_site
    from sdw.pipeline import Project, check

    outcome = check(Project(built))
    site = build_site(outcome.result.records, outcome.loaded.assets)
    found = []
    for name in thesaurus.TOPICS:
        items = [i for i in site.of_type(name) if site.articles_for(i)]
        if items:
            found.append((items[0].type.plural, [i.title for i in items]))
    return found


def test_a_search_without_results_offers_the_themes_and_audiences_with_articles(page_factory, server, built):
    expected = _topics(built)
    assert len(expected) == 2 and all(titles for _, titles in expected)
    page, _ = page_factory(server)
    assert ask_search(page, NOTHING) == []
    page.locator(TOPIC_LINKS).first.wait_for(state="visible")
    # Wait for the help as a reader sees it once drawn: each group's label followed by its list
    # of links (a CI run once read a label without its list right after the first link showed).
    page.wait_for_function("n => { const labels = document.querySelectorAll('.sdw-search-help__label'); "
                           "return labels.length === n && [...labels].every(e => e.nextElementSibling "
                           "&& e.nextElementSibling.querySelector('a')); }", arg=len(expected))
    assert page.locator(SUGGESTION).count() == 0  # nothing close to suggest
    shown = page.eval_on_selector_all(".sdw-search-help__label", "els => els.map(e => [e.textContent, "
                                      "[...e.nextElementSibling.querySelectorAll('a')].map(a => a.textContent)])")
    assert [tuple(x) for x in shown] == [(label, titles) for label, titles in expected]
    # A link opens its page (and Material closes the search on the way).
    title = expected[0][1][0]
    page.locator(TOPIC_LINKS, has_text=title).first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text().strip() == title


def test_the_offline_links_to_themes_open_their_files(page_factory, built):
    home = (built / "site-offline" / "index.html").as_uri()
    page, _ = page_factory(home, offline=True)
    type_search(page, NOTHING, TOPIC_LINKS)
    hrefs = page.locator(TOPIC_LINKS).evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(h.startswith("file://") and h.endswith(".html") for h in hrefs), hrefs
    page.locator(TOPIC_LINKS).first.click()
    page.wait_for_load_state("load")
    assert page.url == hrefs[0]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", [MISSPELT, EVERYDAY], ids=["zonder-resultaten", "ook-gezocht"])
def test_no_axe_violations_in_the_suggestions(page_factory, server, artifacts, query, scheme, viewport):
    size = DESKTOP if viewport == "desktop" else PHONE
    page, _ = page_factory(server, scheme=scheme, viewport=size)
    type_search(page, query, STATUS)
    settle(page)
    page.screenshot(path=artifacts / f"zoeken-{query}-{scheme}-{viewport}.png")
    # The search dialog, not the page it dims: text seen through Material's overlay is not read.
    violations = axe_violations_in(page, ".md-search")
    page.keyboard.press("ArrowDown")  # a suggestion or a result focused from the keyboard
    settle(page)
    seen = {v["id"] for v in violations}
    violations += [v for v in axe_violations_in(page, ".md-search") if v["id"] not in seen]
    assert not violations, (f"axe found {len(violations)} rule(s) violated with {query!r} ({scheme}, {viewport}):\n"
                            + describe_violations(violations))


def test_search_works_without_the_thesaurus_file(page_factory, server):
    """An old build without sdw-thesaurus.js: the worker searches as before, only without it."""
    page, requests = page_factory(server + "tips/")
    page.context.route("**/sdw-thesaurus.js", lambda route: route.fulfill(status=404, body=""))
    assert ask_search(page, "IPS")
    assert any(u.endswith("/sdw-thesaurus.js") for u in requests)
    assert ask_search(page, EVERYDAY) == []


def test_a_search_without_results_is_answered_before_its_suggestion_words_are_in(page_factory, server):
    """'No results' and the themes show at once; the close spelling follows when the suggestion
    words (search/sdw/w/) arrive, here never."""
    page, requests = page_factory(server)
    page.context.route("**/search/sdw/w/*.js", lambda route: None)  # requested, never answered
    assert ask_search(page, MISSPELT) == []
    page.locator(TOPIC_LINKS).first.wait_for(state="visible")
    assert [u for u in requests if "/search/sdw/w/" in u]
    assert page.locator(SUGGESTION).count() == 0
