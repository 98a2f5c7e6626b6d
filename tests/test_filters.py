"""Filterable listings: the data the browser filters on is complete and true to the front-matter.

The all-articles listing and every audience and theme page with a list that can be
narrowed carry, on every card, the four facets (data-doelgroepen, data-themas,
data-soort, data-jaar) and, on the list, the facets' values with their labels
(data-sdw-filter). These tests read the generated Markdown and the built HTML.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import FIXTURES, ROOT
from sdw.filters import filter_data
from sdw.generate import ALL_ARTICLES, generate, link
from sdw.load import load_all
from sdw.model import build_site
from sdw.sanitize import clean_generated
from sdw.schema import LINKABLE_LISTINGS, RESERVED_SLUGS
from sdw.validate import validate

MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
CARD_ATTRS = ("data-doelgroepen", "data-themas", "data-soort", "data-jaar")


def load_site(content):
    result = validate(load_all(content, content.parent))
    assert result.ok, result.problems
    return build_site(result.records)


@pytest.fixture(scope="module", params=["golden-content", "real"])
def site(request):
    return load_site(ROOT / "content" if request.param == "real" else FIXTURES / request.param)


class Cards(HTMLParser):
    """The filterable list of a page: its data-sdw-filter and, per card, attributes and link."""

    def __init__(self) -> None:
        super().__init__()
        self.config: dict | None = None
        self.cards: list[dict] = []
        self._depth = 0  # > 0 while inside the filterable list

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and "data-sdw-filter" in a:
            self.config = json.loads(a["data-sdw-filter"])
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        elif self._depth and tag == "article" and "sdw-card" in (a.get("class") or "").split():
            self.cards.append({"attrs": a, "href": None})
        elif self._depth and tag == "a" and self.cards and self.cards[-1]["href"] is None:
            self.cards[-1]["href"] = a.get("href")

    def handle_data(self, data):
        # Generated Markdown links the title as [text](href); the built HTML uses <a>.
        if self._depth and self.cards and self.cards[-1]["href"] is None:
            found = MD_LINK.search(data)
            if found:
                self.cards[-1]["href"] = found.group(1)

    def handle_endtag(self, tag):
        if self._depth and tag == "div":
            self._depth -= 1


def parse(text: str) -> Cards:
    parser = Cards()
    parser.feed(text)
    return parser


def expected_lists(site):
    """Every page that must offer filters, with the articles its list shows."""
    lists = {ALL_ARTICLES: site.articles}
    for type_name in ("doelgroep", "thema"):
        for item in site.of_type(type_name):
            if len(site.articles_for(item)) > 1:
                lists[item.rel] = site.articles_for(item)
    return lists


def check_cards(site, src: str, found: Cards, articles) -> None:
    by_link = {link(src, a.rel): a for a in articles}
    assert len(found.cards) == len(articles), src
    for card in found.cards:
        a = card["attrs"]
        missing = [name for name in CARD_ATTRS if name not in a]
        assert not missing, f"{src}: card {card['href']} lacks {missing}"
        item = by_link[card["href"]]
        assert a["data-doelgroepen"].split() == list(item.audiences), (src, card["href"])
        assert a["data-themas"].split() == list(item.themes), (src, card["href"])
        assert a["data-soort"] == item.type.name, (src, card["href"])
        assert a["data-jaar"] == str(item.date.year), (src, card["href"])


def test_every_filterable_listing_has_complete_data_on_every_card(site):
    pages = {p.path: p for p in generate(site)}
    lists = expected_lists(site)
    assert ALL_ARTICLES in lists  # how many more depends on the content (the fixture's: below)
    flagged = {path for path, p in pages.items() if getattr(p, "meta", {}).get("sdw_filter")}
    assert flagged == set(lists)
    for src, articles in lists.items():
        found = parse(pages[src].body)
        assert found.config is not None, f"{src} has no filterable list"
        check_cards(site, src, found, articles)
        # Each offered value narrows the list (some cards have it, not all) and is labelled.
        for facet in found.config["facets"]:
            attr = "data-" + facet["attr"]
            for value, label in facet["values"]:
                having = sum(value in c["attrs"][attr].split() for c in found.cards)
                assert 0 < having < len(found.cards), (src, facet["name"], value)
                assert label.strip(), (src, facet["name"], value)


def test_the_fixture_corpus_has_filterable_audience_and_theme_pages():
    """So that the test above checks audience and theme pages too, whatever the real content holds."""
    lists = expected_lists(load_site(FIXTURES / "golden-content"))
    assert ALL_ARTICLES in lists and len(lists) > 2


def test_all_articles_lists_every_article_newest_first(site):
    page = next(p for p in generate(site) if p.path == ALL_ARTICLES)
    assert page.meta["title"] == "Alle artikelen"
    hrefs = [c["href"] for c in parse(page.body).cards]
    assert hrefs == [link(ALL_ARTICLES, a.rel) for a in site.articles]
    assert ALL_ARTICLES in LINKABLE_LISTINGS and "artikelen" in RESERVED_SLUGS


def test_filter_data_of_the_fixture_corpus_written_out_by_hand():
    """The all-articles list of tests/fixtures/golden-content: werkgevers on 6 of its 7 articles,
    professionals on 3, IPS on 3 (stigma-en-beeldvorming on none: not offered); types in schema
    order with their plural labels; years newest first; the words sdw-filter.js shows."""
    site = load_site(FIXTURES / "golden-content")
    data = filter_data(site, site.articles)
    assert '{"name":"doelgroep",' in data and "Video's" in data  # compact, not \u-escaped: an HTML attribute
    assert json.loads(data) == {
        "facets": [
            {"name": "doelgroep", "attr": "doelgroepen", "legend": "Doelgroep",
             "values": [["werkgevers", "Werkgevers"], ["professionals", "Professionals"]]},
            {"name": "thema", "attr": "themas", "legend": "Thema", "values": [["ips", "IPS"]]},
            {"name": "soort", "attr": "soort", "legend": "Soort",
             "values": [["verhaal", "Verhalen"], ["tip", "Tips"], ["video", "Video's"], ["evenement", "Evenementen"],
                        ["partnerartikel", "Partnerartikelen"]]},
            {"name": "jaar", "attr": "jaar", "legend": "Jaar",
             "values": [[y, y] for y in ("2027", "2026", "2021", "2019", "2018", "2016")]},
        ],
        "texts": {"summary": "Filter de artikelen", "active": "{n} actief", "count": "{n} van {m} artikelen",
                  "none": "Geen artikelen met deze filters.", "clear": "Wis filters"},
    }


def test_a_value_every_card_has_is_not_offered_and_one_card_is_not_filterable():
    site = load_site(FIXTURES / "golden-content")
    werkgevers = site.get("doelgroep", "werkgevers")
    config = json.loads(filter_data(site, site.articles_for(werkgevers)))
    offered = {f["name"]: [v for v, _ in f["values"]] for f in config["facets"]}
    assert "werkgevers" not in offered.get("doelgroep", [])  # every article here is for werkgevers
    # the fixture's werkgevers articles: an event (2027), a video and a partner article (2021), an
    # event (2019), a story (2018) and a tip (2016); types in schema order, years newest first
    assert offered["soort"] == ["verhaal", "tip", "video", "evenement", "partnerartikel"]
    assert offered["jaar"] == ["2027", "2021", "2019", "2018", "2016"]
    assert filter_data(site, site.articles[:1]) is None


def test_filter_data_survives_the_sanitiser():
    """Cards are the generator's markup: its cleaner keeps their data (an author's would not)."""
    site = load_site(FIXTURES / "golden-content")
    raw = f'<div class="sdw-cards" data-sdw-filter="{html.escape(filter_data(site, site.articles))}">' \
          '<article class="sdw-card" data-doelgroepen="a b" data-themas="" data-soort="tip" data-jaar="2016">' \
          "</article></div>"
    found = parse(clean_generated(raw))
    assert found.config == json.loads(filter_data(site, site.articles))
    assert found.cards[0]["attrs"] == {"class": "sdw-card", "data-doelgroepen": "a b", "data-themas": "",
                                       "data-soort": "tip", "data-jaar": "2016"}


SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/sdw-filter\.js"')


def test_built_listings_keep_the_data_and_only_they_load_the_script(built_site):
    site_dir = built_site / "site"
    model = load_site(ROOT / "content")
    lists = expected_lists(model)
    for src, articles in lists.items():
        folder = src[:-len("index.md")] if src.endswith("index.md") else src[:-3] + "/"
        text = (site_dir / folder / "index.html").read_text(encoding="utf-8")
        assert SCRIPT.search(text), f"{folder} does not load the filter script"
        found = parse(text)
        assert found.config is not None and found.config["facets"], folder
        assert len(found.cards) == len(articles)
        assert all(all(name in c["attrs"] for name in CARD_ATTRS) for c in found.cards), folder
    filterable = {src[:-len("index.md")] if src.endswith("index.md") else src[:-3] + "/" for src in lists}
    for page in site_dir.rglob("index.html"):
        folder = page.parent.relative_to(site_dir).as_posix() + "/"
        if folder in filterable:
            continue
        text = page.read_text(encoding="utf-8")
        assert not SCRIPT.search(text), f"{folder} loads the filter script"
        assert "data-sdw-filter" not in text and "data-doelgroepen" not in text, folder
    assert (site_dir / "assets" / "javascripts" / "sdw-filter.js").is_file()
