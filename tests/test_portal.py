"""The portal for readers (issue 14): partner articles featured per edition, never an empty
page, the front door, and article pages made for reading. Fixture content only."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURES
from sdw.generate import Context, generate
from sdw.load import load_all
from sdw.model import build_site
from sdw.schema import TYPES_BY_NAME
from sdw.validate import validate
from test_editions import EDITION  # an edition numbered {n}, dated 2021-0{n}

STORY = """---
titel: "Verhaal uit editie {n}"
samenvatting: "Een verhaal uit editie {n}."
datum: 2021-0{n}-15
soort: {soort}
doelgroepen:
  - werkgevers
editie: editie-{n}
personen:
  - naam: Anna de Vries
    rol: werkgever
---

De eerste alinea van het verhaal.
"""
PARTNER_ARTICLE = """---
titel: "{title}"
samenvatting: "Een artikel van een partner."
datum: {date}
doelgroepen:
  - professionals
partners:
  - uwv
artikel_url: https://www.example.org/{slug}
---

Inleiding.
"""


def build(tmp_path, extra: dict[str, str]) -> dict:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden-content", content)
    for rel, text in extra.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    result = validate(load_all(content, content.parent))
    assert result.ok, result.problems
    site = build_site(result.records)
    return {"site": site, "pages": {p.path: p for p in generate(site, Context())}}


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    extra = {f"edities/editie-{n}.md": EDITION.format(n=n) for n in (2, 3)}
    extra.update({f"verhalen/uit-editie-{n}.md": STORY.format(n=n, soort="interview" if n == 3 else
                                                             "persoonlijk-verhaal") for n in (2, 3)})
    # Dated in the newest edition's month (March 2021) / in February / joined edition 2 by name
    extra["partnerartikelen/in-maart.md"] = PARTNER_ARTICLE.format(title="In maart", date="2021-03-02", slug="a")
    extra["partnerartikelen/in-februari.md"] = PARTNER_ARTICLE.format(title="In februari", date="2021-02-02",
                                                                      slug="b")
    return build(tmp_path_factory.mktemp("portal"), extra)


def section(body: str, start: str) -> str:
    rest = body[body.index(start):]
    return rest[:rest.index("</section>")]


# --- 1. partner articles ("Elke maand uitgelicht") -------------------------------------------

def test_the_home_page_features_the_partner_articles_of_the_newest_editions_month(portal):
    body = portal["pages"]["index.md"].body
    featured = section(body, '<section class="sdw-featured"')
    assert "## Elke maand uitgelicht" in featured
    # the golden fixture's article dated 10 March 2021 and ours of 2 March: the newest edition is March
    assert "(partnerartikelen/in-maart.md)" in featured and "(partnerartikelen/uitgelicht.md)" in featured
    assert "in-februari" not in featured
    # not a second time among the edition's stories
    edition = section(body, '<section class="sdw-edition')
    assert "partnerartikelen/" not in edition and "(verhalen/uit-editie-3.md)" in edition


def test_each_edition_features_its_own_months_partner_articles(portal):
    february = portal["pages"]["edities/editie-2.md"].body
    assert "## Elke maand uitgelicht" in february and "(../partnerartikelen/in-februari.md)" in february
    assert "in-maart" not in february
    # joined by name (editie: editie-1), whatever its date
    first = portal["pages"]["edities/editie-1.md"].body
    assert "(../partnerartikelen/uitgelicht.md)" in section(first, '<section class="sdw-featured"')


def test_a_month_without_partner_articles_shows_no_block(tmp_path):
    built = build(tmp_path, {"edities/editie-2.md": EDITION.format(n=2),
                             "verhalen/uit-editie-2.md": STORY.format(n=2, soort="interview")})
    home = built["pages"]["index.md"].body
    assert "Elke maand uitgelicht" not in home and "sdw-featured" not in home
    assert "Elke maand uitgelicht" not in built["pages"]["edities/editie-2.md"].body


def test_the_partner_page_lists_its_articles_and_the_article_links_to_the_partners_site(portal):
    uwv = portal["pages"]["partners/uwv.md"].body
    assert "(../partnerartikelen/in-maart.md)" in uwv and "(../partnerartikelen/in-februari.md)" in uwv
    page = portal["pages"]["partnerartikelen/in-maart.md"].body
    assert '<a href="https://www.example.org/a">Lees het hele artikel op de website van de partner</a>' in page
    assert portal["pages"]["partnerartikelen/in-maart.md"].meta["sdw_jsonld"]["isBasedOn"] == "https://www.example.org/a"


def test_partner_articles_are_in_the_feeds_filters_and_all_articles(portal):
    pages = portal["pages"]
    assert b"partnerartikelen/in-maart/" in pages["feeds/alles.xml"].encode()
    everything = pages["artikelen/index.md"].body
    assert "(../partnerartikelen/in-maart.md)" in everything
    assert '"partnerartikel"' in everything.replace("&#34;", '"')  # a value of the type filter


def test_a_partner_article_needs_a_partner_and_its_address(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden-content", content)
    (content / "partnerartikelen" / "kaal.md").write_text(
        '---\ntitel: "Kaal"\nsamenvatting: "Kort."\ndatum: 2021-03-01\ndoelgroepen:\n  - werkgevers\n---\n\nTekst.\n',
        encoding="utf-8")
    problems = [p for p in validate(load_all(content, content.parent)).problems if p.path.endswith("kaal.md")]
    fields = sorted(re.findall(r"'(partners|artikel_url)'", " ".join(p.message for p in problems)))
    assert fields == ["artikel_url", "partners"], [p.message for p in problems]


# --- 2. never an empty page --------------------------------------------------------------------

def test_a_hub_without_articles_says_so_and_offers_routes_and_is_not_linked(portal):
    pages = portal["pages"]
    empty = pages["partners/zonder-artikelen.md"]
    assert empty.meta["sdw_empty"] is True
    assert "Hier staat nog niets" not in empty.body and "binnenkort" not in empty.body
    routes = section(empty.body, '<section class="sdw-routes"')
    assert "Er staan nog geen artikelen bij Partner zonder artikelen op Sterk door Werk." in routes
    assert "[UWV](uwv.md)" in routes and "[Alle artikelen](../artikelen/index.md)" in routes
    # named on the partners' overview (it is a partner), never linked: not there, not home, not elsewhere
    listing = pages["partners/index.md"].body
    assert "Ook partner in het convenant: Partner zonder artikelen." in listing
    for path, page in pages.items():
        if path.endswith(".md") and path != "partners/zonder-artikelen.md":
            assert "zonder-artikelen.md)" not in page.body, path
    assert "sdw_empty" not in pages["partners/uwv.md"].meta


def test_a_listing_with_nothing_to_show_offers_the_listings_that_have_something(portal):
    pages = portal["pages"]
    kennis = pages["kennis/index.md"]
    assert kennis.meta["sdw_empty"] is True
    routes = section(kennis.body, '<section class="sdw-routes"')
    assert "Onder Kennis staat nog niets op Sterk door Werk." in routes
    assert "[Verhalen](../verhalen/index.md)" in routes and "[Nieuws]" not in routes  # only listings with items
    assert "sdw_empty" not in pages["verhalen/index.md"].meta


def test_home_leaves_out_blocks_without_items(tmp_path):
    built = build(tmp_path, {})
    home = built["pages"]["index.md"].body
    assert "## Kennis" not in home and "## Nieuws" not in home and "## Laatste nieuws" not in home
    assert "Hier staat nog niets" not in home
    assert "zonder-artikelen" not in home


# --- 4./5. front door and reading ------------------------------------------------------------------

def test_the_front_door_opens_with_name_mission_and_audiences(portal):
    body = portal["pages"]["index.md"].body
    assert body.index("# Sterk door Werk { .sdw-front__title }") < body.index('class="sdw-front__mission"') \
        < body.index('<nav class="sdw-front__audiences"') < body.index('<section class="sdw-edition')
    assert "Nieuwste editie · Editie 3 · maart 2021" in body


def test_an_interview_is_labelled_by_its_kind(portal):
    interview = portal["pages"]["verhalen/uit-editie-3.md"].body
    assert '<span class="sdw-type sdw-type--verhaal">Interview</span>' in interview
    personal = portal["pages"]["verhalen/uit-editie-2.md"].body
    assert '<span class="sdw-type sdw-type--verhaal">Persoonlijk verhaal</span>' in personal
    assert "<p class=\"sdw-card__meta\">Interview · 15 maart 2021</p>" in portal["pages"]["verhalen/index.md"].body
    assert TYPES_BY_NAME["verhaal"].label_of(None) == "Verhaal"


def test_an_article_reads_title_lead_text_then_what_it_is_about(portal):
    page = portal["pages"]["verhalen/uit-editie-3.md"]
    body = page.body
    order = [body.index("# Verhaal uit editie 3"), body.index('<p class="sdw-lead">'),
             body.index("De eerste alinea van het verhaal."), body.index('<section class="sdw-about"')]
    assert order == sorted(order)
    about = section(body, '<section class="sdw-about"')
    assert "<dt>Voor</dt>" in about and "<dt>Editie</dt>" in about
    # no empty sidebars: no side navigation, no table of contents
    assert page.meta["sdw_nav"] is False and page.meta["sdw_toc"] is False


def test_an_events_own_facts_stay_near_the_top(portal):
    body = portal["pages"]["evenementen/kennisdag.md"].body
    assert body.index("<dt>Wanneer</dt>") < body.index("<!-- sdw:inhoud -->") < body.index("<dt>Voor</dt>")
