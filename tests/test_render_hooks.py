"""The renderer hooks' shortcuts give exactly what the slower, obvious way gives.

- The search plugin gets page bodies without their data-search-exclude parts
  (mkdocs_hooks.without_excluded): its index must be the one Material's own
  parser makes from the whole body.
- Print addresses (mkdocs_hooks.print_urls) are resolved with posixpath, not
  urljoin: the same addresses.
- Sanitising runs on a second thread: covered end to end by test_safety.py.
"""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from conftest import ROOT
from material.plugins.search.plugin import SearchIndex

spec = importlib.util.spec_from_file_location("sdw_hooks_under_test", ROOT / "scripts" / "sdw" / "mkdocs_hooks.py")
hooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hooks)


def index_entries(html: str) -> list[dict]:
    index = SearchIndex()
    page = SimpleNamespace(content=html, toc=[], url="a/", meta={"title": "Pagina"}, title="Pagina")
    index.add_entry_from_context(page)
    return index.entries


BODIES = {
    "card grid between paragraphs": '<h1 id="t">Titel</h1><p>Voor</p>\n<div class="sdw-cards" data-search-exclude="">'
                                    '<article class="sdw-card"><p>Kaart</p></article></div>\n<p>Na</p>',
    "text right against the cut": "<p>tekst<span data-search-exclude>weg</span>meer</p>",
    "whitespace on both sides": "<p>a\n<span data-search-exclude>weg</span>\nb</p>",
    "nested element of the same name (the parser stops at the first end tag)":
        '<div data-search-exclude=""><div>binnen</div>na binnen</div><p>daarna</p>',
    "two cuts, one inside the other": '<section data-search-exclude=""><p data-search-exclude="">x</p>y</section>z',
    "void element: not skipped": '<p>een <img data-search-exclude src="x.png" alt="">beeld</p>',
    "heading: opens its section first": '<h2 id="k" data-search-exclude="">Kop</h2><p>tekst</p>',
    "header and video figure": '<h1 id="t">T</h1><div class="sdw-item-header" data-search-exclude="">'
                               '<p class="sdw-kicker">Verhaal</p><dl><dt>Thema</dt><dd>IPS</dd></dl></div>'
                               '<p class="sdw-lead">Lead</p><figure class="sdw-video" data-search-exclude="">'
                               '<div class="sdw-video__frame"><button>Speel</button></div></figure><p>Tekst</p>',
    "the name in text": "<p>Het attribuut data-search-exclude verbergt iets.</p>",
    "the name in another attribute": '<p title="x data-search-exclude">zichtbaar</p>',
    "a longer attribute name": '<p data-search-exclude-not="1">zichtbaar</p>',
    "unclosed at the end": '<p>a</p><div data-search-exclude="">open',
    "headings inside the rest": '<h1 id="a">A</h1><div data-search-exclude=""><p>x</p></div>'
                                '<h2 id="b">B</h2><p>tekst <em>nadruk</em></p>',
}


@pytest.mark.parametrize("html", BODIES.values(), ids=BODIES.keys())
def test_search_index_is_the_same_without_the_excluded_parts(html):
    assert index_entries(hooks.without_excluded(html)) == index_entries(html)


def test_excluded_parts_are_really_cut():
    body = BODIES["card grid between paragraphs"]
    assert "Kaart" not in hooks.without_excluded(body) and "Kaart" in body


HREFS = ["../x/", "../../a/b/#kop", "x.html", "../index.html", "./", "../", "../../../../../x/", "a/b/?q=1&amp;r=2#z",
         "a%20b/", "sub/index.html#k", "../x/y.png", "index.html", "..", "."]


@pytest.mark.parametrize("page_url", ["verhalen/x/", "", "index.html", "verhalen/x.html", "a/b/c/"])
def test_print_addresses_match_urljoin(page_url):
    site = "https://www.example.org/"
    config = SimpleNamespace(site_url=site)
    page = SimpleNamespace(url=page_url)
    for href in HREFS:
        out = hooks.print_urls(f'<a href="{href}">x</a>', page, config)
        expected = urljoin(site + page_url, href.replace("&amp;", "&"))
        expected = expected[: -len("index.html")] if expected.endswith("/index.html") else (
            expected[: -len(".html")] + "/" if expected.endswith(".html") else expected)
        if "#" in expected:
            target, _, fragment = expected.partition("#")
            expected = (target[: -len("index.html")] if target.endswith("/index.html") else
                        target[: -len(".html")] + "/" if target.endswith(".html") else target) + "#" + fragment
        assert f'data-sdw-url="{expected.replace("&", "&amp;")}"' in out, (page_url, href, out)


def test_the_generators_neutral_words_become_materials_in_the_render_stage():
    meta = {"sdw_type": "home", "sdw_nav": False, "sdw_toc": False}
    markdown = ('<div class="sdw-cards" markdown data-sdw-unindexed="">\n</div>\n\n'
                "[Over ons](over.md){ .sdw-button .sdw-button--primary } [Convenant](c.md){ .sdw-button }")
    out = hooks.material_terms(markdown, meta)
    assert out == ('<div class="sdw-cards" markdown data-search-exclude="">\n</div>\n\n'
                   "[Over ons](over.md){ .md-button .md-button--primary } [Convenant](c.md){ .md-button }")
    assert meta["hide"] == ["navigation", "toc"]
    listing = {"sdw_toc": False}
    hooks.material_terms("", listing)
    assert listing["hide"] == ["toc"]
    article = {}
    hooks.material_terms("", article)
    assert "hide" not in article  # an article keeps its table of contents
