"""The build and the browser analyse Dutch the same way, word for word.

The index is analysed at build time (sdw/searchindex.py, Python, snowballstemmer) and the query in
the browser (sdw-search-worker.js with lunr-languages' Dutch stemmer). A query finds a page only
when both give the same terms, so here both analyse the whole vocabulary of the real content/ and
a Dutch word list of over 300,000 words (wordfreq's), and every text of content/ as a whole (word
splitting included), in headless Chromium with the worker's own source.
"""

from __future__ import annotations

import pytest
from conftest import ROOT
from sdw import searchindex

VENDOR = ROOT / "overrides" / "assets" / "javascripts" / "vendor"
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "search" / "sdw-search-worker.js"
BATCH = 50_000


@pytest.fixture(scope="module")
def analyser(browser):
    """A blank page running lunr, its Dutch stemmer and the worker's source (not as a worker: its
    functions are then the page's globals)."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>analyse</title>")
    for name in ("lunr.min.js", "lunr.stemmer.support.min.js", "lunr.nl.min.js"):
        page.add_script_tag(path=str(VENDOR / name))
    page.add_script_tag(path=str(WORKER))
    assert page.evaluate("typeof termsOf === 'function' && typeof tokensOf === 'function'")
    yield page
    page.close()


def content_texts() -> dict[str, str]:
    files = sorted(p for p in (ROOT / "content").rglob("*") if p.suffix in (".md", ".yml", ".yaml"))
    assert files
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in files}


def dutch_words() -> list[str]:
    from wordfreq import top_n_list

    words = top_n_list("nl", 1_000_000)
    assert len(words) > 300_000
    return words


def browser_terms(page, words: list[str], keep_stop_words: bool) -> list[list[str]]:
    """termsOf(word) in the page for every word; passed as one string per batch (fast to move)."""
    out: list[list[str]] = []
    for start in range(0, len(words), BATCH):
        text = page.evaluate("([ws, keep]) => ws.map(w => termsOf(w, keep).join(' ')).join('\\n')",
                             [words[start:start + BATCH], keep_stop_words])
        out += [line.split() for line in text.split("\n")]
    return out


def differences(words: list[str], browser: list[list[str]], keep_stop_words: bool) -> list[tuple]:
    return [(w, b, p) for w, b in zip(words, browser, strict=True)
            if b != (p := searchindex.terms_of(w, keep_stop_words))]


def test_every_word_of_the_content_gets_the_same_terms(analyser):
    words = sorted({w for text in content_texts().values() for w in searchindex.WORD.findall(text)})
    assert len(words) > 100  # not empty: the content is real text (its size is no test's business)
    for keep in (False, True):
        diff = differences(words, browser_terms(analyser, words, keep), keep)
        assert not diff, diff[:20]


def test_every_word_of_a_dutch_word_list_gets_the_same_terms(analyser):
    words = dutch_words()
    for keep in (False, True):
        diff = differences(words, browser_terms(analyser, words, keep), keep)
        assert not diff, diff[:20]


def test_every_text_of_the_content_is_split_and_analysed_the_same(analyser):
    texts = content_texts()
    found = analyser.evaluate("ts => ts.map(t => tokensOf(t))", list(texts.values()))
    for (name, text), terms in zip(texts.items(), found, strict=True):
        assert terms == searchindex.tokens(text), name


def test_the_stop_words_are_lunr_nl_s(analyser):
    candidates = sorted(searchindex.STOP_WORDS | set(dutch_words()[:5000]))
    stopped = analyser.evaluate("ws => ws.filter(w => isStopWord(w))", candidates)
    assert set(stopped) == searchindex.STOP_WORDS


def test_the_comparison_can_fail(analyser):
    """A word the two sides would analyse differently is reported (here: one side unstemmed)."""
    words = ["samenwerking", "werkgevers"]
    browser = browser_terms(analyser, words, False)
    assert browser == [["samenwerk"], ["werkgever"]]
    assert differences(words, [[w] for w in words], False) == [
        ("samenwerking", ["samenwerking"], ["samenwerk"]), ("werkgevers", ["werkgevers"], ["werkgever"])]
