"""Sharing and findability: meta description, Open Graph, canonical URL, schema.org JSON-LD,
the sitemap, the 404 page and the required pages, read from generated and built output."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_project
from content_invariants import content_model
from sdw.cli import main
from sdw.generate import Context, Page, generate
from sdw.load import load_all
from sdw.model import build_site
from sdw.validate import validate

SITE_URL = "https://www.sterkdoorwerk.nl/"  # mkdocs.yml's default site_url


class Head(HTMLParser):
    """The <head>'s meta tags, canonical link, title and JSON-LD blocks (parsed with json.loads)."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.jsonld: list = []
        self.title = ""
        self._in: str | None = None
        self._buffer: list[str] = []
        self._done = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("name") or a.get("property"), []).append(a.get("content", ""))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        if tag == "script" and a.get("type") == "application/ld+json" or tag == "title":
            self._in, self._buffer = tag, []

    def handle_data(self, data):
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "head":
            self._done = True
        if tag == self._in:
            text = "".join(self._buffer)
            if tag == "title":
                self.title = text
            else:
                self.jsonld.append(json.loads(text))
            self._in = None

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]


def head(path: Path) -> Head:
    parsed = Head()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def page_file(site: Path, rel: str) -> Path:
    return site / rel / "index.html" if rel else site / "index.html"


# Every page kind: (published path, or "type:<name>" for an item of that type, og:type, JSON-LD @type or None).
KINDS = [
    ("", "website", None),  # home: @graph with WebSite and Organization
    ("verhalen/", "website", None),
    ("archief/", "website", None),
    ("archief/<jaar>/", "website", None),
    ("type:verhaal", "article", "Article"),
    ("type:nieuws", "article", "NewsArticle"),
    ("type:tip", "article", "Article"),
    ("type:kennis", "article", "Article"),
    ("type:evenement", "article", "Event"),
    ("type:partner", "website", "Organization"),
    ("type:thema", "website", None),
    ("type:doelgroep", "website", None),
    ("type:regio", "website", None),
    ("type:editie", "website", None),
    ("toegankelijkheid/", "website", None),
]


@pytest.fixture(scope="module")
def model():
    """The real content's model: examples are taken from it, never pinned."""
    return content_model(ROOT)


def kind_pages(model, kind: str) -> list[str]:
    if kind.startswith("type:"):
        return [item.rel[:-3] + "/" for item in model.of_type(kind[len("type:"):])]
    if "<jaar>" in kind:
        return [kind.replace("<jaar>", str(year)) for year in model.years()]
    return [kind]


@pytest.mark.parametrize("kind, og_type, ld_type", KINDS, ids=lambda x: x if isinstance(x, str) else None)
def test_every_page_kind_has_description_canonical_and_sharing_tags(built_site, model, kind, og_type, ld_type):
    for rel in kind_pages(model, kind):
        check_sharing_tags(built_site, rel, og_type, ld_type)


def check_sharing_tags(built_site, rel, og_type, ld_type):
    h = head(page_file(built_site / "site", rel))
    url = SITE_URL + rel
    description = h.one("description")
    assert len(description) > 20
    assert h.canonical == [url]
    assert h.one("og:url") == url
    assert h.one("og:type") == og_type
    assert h.one("og:description") == description
    assert h.one("og:title") and h.title.startswith(h.one("og:title"))
    assert h.one("og:site_name") == "Sterk door Werk"
    assert h.one("og:locale") == "nl_NL"
    check_picture(built_site / "site", h)
    if og_type == "article":
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", h.one("article:published_time"))
    else:
        assert "article:published_time" not in h.meta
    if ld_type is None and rel:
        assert h.jsonld == []
    elif ld_type:
        assert len(h.jsonld) == 1 and h.jsonld[0]["@type"] == ld_type
        assert h.jsonld[0]["@context"] == "https://schema.org"
        assert h.jsonld[0]["description"] == description


def check_picture(site: Path, h: Head) -> None:
    """The page's link-preview picture: a file of the site, at its absolute published address;
    a social card also states its type and size (those of the PNG itself)."""
    url = h.one("og:image")
    assert url.startswith(SITE_URL), url
    assert (site / url[len(SITE_URL):]).is_file(), url
    assert h.one("og:image:alt").strip()
    assert h.one("twitter:card") == "summary_large_image"
    if "/assets/social/" in url:
        from PIL import Image

        with Image.open(site / url[len(SITE_URL):]) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
        assert (h.one("og:image:type"), h.one("og:image:width"), h.one("og:image:height")) == (
            "image/png", "1200", "630")


@pytest.mark.parametrize("rel, alt", [
    ("", "Kennis en verhalen over werk voor mensen met een psychische kwetsbaarheid. · Sterk door Werk"),
    ("verhalen/", "Verhalen · Sterk door Werk"),
    ("archief/2016/", "Artikelen uit 2016 · Sterk door Werk"),
    ("verhalen/tamara-van-ark/", None),
    ("partners/uwv/", "Partner · UWV · Sterk door Werk"),
])
def test_every_page_has_a_social_card_of_its_own(fixture_site, rel, alt):
    """Home, listings and items of the fixture corpus (none has a picture of its own): each its
    own card, named after its texts, with the page's title on it."""
    site = fixture_site / "site"
    h = head(page_file(site, rel))
    check_picture(site, h)
    assert re.fullmatch(re.escape(SITE_URL) + r"assets/social/[0-9a-f]{24}\.png", h.one("og:image"))
    if alt is None:  # an article: its type, its title, the site
        alt = f"Verhaal · {h.one('og:title')} · Sterk door Werk"
    assert h.one("og:image:alt") == alt


def test_social_cards_are_one_per_page_and_nothing_else(fixture_site):
    site = fixture_site / "site"
    pages = [p for p in site.rglob("index.html") if "og:url" in head(p).meta]
    images = {head(p).one("og:image") for p in pages}
    assert len(images) == len(pages)  # different titles: different cards
    cards = {SITE_URL + p.relative_to(site).as_posix() for p in (site / "assets" / "social").iterdir()}
    assert cards == images  # no stale card left in the site


def test_home_has_website_and_organization(built_site):
    h = head(built_site / "site" / "index.html")
    assert h.title == "Sterk door Werk"
    [data] = h.jsonld
    graph = {node["@type"]: node for node in data["@graph"]}
    assert set(graph) == {"WebSite", "Organization"}
    assert graph["WebSite"]["url"] == SITE_URL and graph["WebSite"]["inLanguage"] == "nl"
    assert graph["WebSite"]["publisher"] == {"@id": graph["Organization"]["@id"]}
    assert graph["Organization"]["name"] == "Sterk door Werk" and graph["Organization"]["url"] == SITE_URL


def test_article_json_ld_states_only_what_is_known(built_site, model):
    """Every article's and partner's JSON-LD says what its front-matter says, and nothing more
    (expectations read from the model: exact values are tested on fixtures below)."""
    site = built_site / "site"
    for item in model.articles:
        url = SITE_URL + item.rel[:-3] + "/"
        [data] = head(page_file(site, item.rel[:-3] + "/")).jsonld
        assert data["url"] == url and data["inLanguage"] == "nl" and data["description"] == item.summary, url
        assert "author" not in data and "eventAttendanceMode" not in data, url  # people in it are interviewees
        assert [t["url"] for t in data.get("about", [])] == [SITE_URL + f"themas/{t}/" for t in item.themes], url
        if item.type.name == "evenement":
            assert data["name"] == item.title and data["startDate"] == item.date.iso(), url
            assert ("endDate" in data) == bool(item.value("einddatum")), url
            assert ("location" in data) == bool(item.value("plaats")), url
            assert ("organizer" in data) == bool(item.value("organisator")), url
        else:
            assert data["headline"] == item.title, url
            assert data["datePublished"] == item.date.iso(), url  # with the precision the author gave
            assert data["publisher"] == {"@type": "Organization", "name": "Sterk door Werk", "url": SITE_URL}
    for partner in model.of_type("partner"):
        url = SITE_URL + partner.rel[:-3] + "/"
        [data] = head(page_file(site, partner.rel[:-3] + "/")).jsonld
        assert data["name"] == partner.title and data["mainEntityOfPage"] == url
        short = partner.value("afkorting")
        assert data.get("alternateName") == (short if short and short != partner.title else None), url


def test_json_ld_is_compact(fixture_site):
    text = (fixture_site / "site" / "verhalen" / "tamara-van-ark" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text).group(1)
    assert "\n" not in block and '", "' not in block and '": ' not in block
    assert len(block) < 1500


def test_404_is_not_indexed_and_has_no_canonical(built_site):
    h = head(built_site / "site" / "404.html")
    assert h.one("robots") == "noindex"
    assert h.canonical == [] and "og:url" not in h.meta and h.jsonld == []
    assert h.one("description")  # the site's description
    assert h.title == "Pagina niet gevonden - Sterk door Werk"


def test_404_links_start_at_the_site_root(built_site):
    """Served for any missing path, so no link may be relative to where it happens to be."""
    text = (built_site / "site" / "404.html").read_text(encoding="utf-8")
    body = text[text.index('<div class="sdw-page sdw-page--404">'):]
    hrefs = re.findall(r'href="([^"]*)"', body[:body.index("</article>")])
    assert set(hrefs) >= {"/", "/doelgroepen/werkgevers/", "/doelgroepen/professionals/",
                          "/doelgroepen/werkzoekenden-en-werkenden/", "/verhalen/", "/nieuws/", "/archief/"}
    assert all(h.startswith("/") for h in hrefs), hrefs
    for href in hrefs:
        assert (built_site / "site" / href.lstrip("/") / "index.html").is_file(), href
    assert '<form class="sdw-404-search" role="search" action="/" method="get">' in body
    assert 'name="q"' in body


def test_sitemap_lists_every_page_once_and_nothing_else(fixture_site):
    site = fixture_site / "site"
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", text)
    # Every reader's page; the web editor (admin/) is not one and stays out.
    folders = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")} - {"admin"}
    pages = {SITE_URL if f == "." else f"{SITE_URL}{f}/" for f in folders}
    assert len(listed) == len(set(listed))
    assert set(listed) == pages
    assert SITE_URL + "verhalen/tamara-van-ark/" in listed  # not in the navigation, still listed
    assert not any("404" in u for u in listed)


def test_required_pages_are_published_and_linked_from_every_page(fixture_site):
    site = fixture_site / "site"
    for rel in ("privacy", "toegankelijkheid"):
        assert (site / rel / "index.html").is_file()
    article = (site / "verhalen" / "tamara-van-ark" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../privacy/">Privacy</a>' in article
    assert 'href="../../toegankelijkheid/">Toegankelijkheid</a>' in article
    statement = (site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    for claim in ("WCAG", "2.1", "AA", "axe-core", "Chromium", "donkere weergave", "telefoon", "Tab-toets",
                  "onderstreept", "Afdrukken"):
        assert claim in statement, claim
    assert "@" not in statement.split("<article", 1)[1].split("</article>", 1)[0]  # no invented address


def test_internal_links_carry_their_published_url_for_print(built_site, model):
    story = next(s for s in model.of_type("verhaal") if s.audiences)  # an example, whichever it is
    text = (built_site / "site" / story.rel[:-3] / "index.html").read_text(encoding="utf-8")
    article = text[text.index("<article"):text.index("</article>")]
    links = re.findall(r'<a href="([^"]+)"( data-sdw-url="([^"]+)")?', article)
    internal = [(href, url) for href, _, url in links if not re.match(r"[a-z]+:|#", href)]
    assert len(internal) >= len(story.audiences)  # at least its audiences' pages, in the header
    for href, url in internal:
        assert url.startswith(SITE_URL) and url.endswith(href.lstrip("./")), (href, url)
        path = url[len(SITE_URL):].split("#")[0]
        assert (built_site / "site" / path / "index.html").is_file(), (href, url)  # the page it opens


def test_offline_build_keeps_the_published_canonical_and_print_urls(offline_site, model):
    story = next(s for s in model.of_type("verhaal") if s.themes)  # an example, whichever it is
    name = story.rel[:-3]
    h = head(offline_site / f"{name}.html")
    assert h.canonical == [SITE_URL + name + "/"]
    assert h.one("og:url") == SITE_URL + name + "/"
    text = (offline_site / f"{name}.html").read_text(encoding="utf-8")
    theme = story.themes[0]
    assert f'href="../themas/{theme}.html" data-sdw-url="https://www.sterkdoorwerk.nl/themas/{theme}/"' in text
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="verhalen/index.html" data-sdw-url="https://www.sterkdoorwerk.nl/verhalen/"' in home


# ---------- generated metadata (no renderer) ----------

EXTRA_CONTENT = {
    "nieuws/gedeeltelijk.md": """---
titel: "Bericht met alleen een maand"
samenvatting: "Een bericht waarvan de dag niet bekend is."
datum: 2019-03
doelgroepen:
  - werkgevers
---
Tekst.
""",
    "evenementen/met-plaats.md": """---
titel: "Een congres"
samenvatting: "Twee dagen over werk."
datum: 2021-11-04
einddatum: 2021-11-05
plaats: Utrecht
organisator: Een fictieve stichting
doelgroepen:
  - professionals
themas:
  - ips
personen:
  - naam: Voornaam Achternaam
    rol: spreker
---
Tekst.
""",
    "kennis/rapport.md": """---
titel: "Een rapport"
samenvatting: "Over een rapport."
datum: 2020
uitgever: Een uitgever
link: https://www.example.org/rapport.pdf
doelgroepen:
  - werkgevers
---
Tekst.
""",
}


@pytest.fixture
def generated(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden-content", content)
    for rel, text in EXTRA_CONTENT.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    result = validate(load_all(content, tmp_path))
    assert result.ok, result.problems
    pages = generate(build_site(result.records), Context(base_url="https://sdw.example.net/sub/"))
    return {p.path: p for p in pages if isinstance(p, Page)}


def test_generated_urls_are_absolute_from_the_context(generated):
    for path, page in generated.items():
        url = page.meta["sdw_url"]
        assert url.startswith("https://sdw.example.net/sub/") and url.endswith("/"), (path, url)
    assert generated["index.md"].meta["sdw_url"] == "https://sdw.example.net/sub/"
    assert generated["verhalen/voorbeeld.md"].meta["sdw_url"] == "https://sdw.example.net/sub/verhalen/voorbeeld/"
    assert generated["archief/index.md"].meta["sdw_url"] == "https://sdw.example.net/sub/archief/"


def test_partial_dates_keep_their_precision(generated):
    news = generated["nieuws/gedeeltelijk.md"].meta
    assert news["sdw_jsonld"]["@type"] == "NewsArticle"
    assert news["sdw_jsonld"]["datePublished"] == "2019-03"
    assert {k: news["sdw_og"][k] for k in ("type", "published")} == {"type": "article", "published": "2019-03"}
    assert "about" not in news["sdw_jsonld"]  # no themes given
    report = generated["kennis/rapport.md"].meta["sdw_jsonld"]
    assert report["datePublished"] == "2020" and report["isBasedOn"] == "https://www.example.org/rapport.pdf"


def test_event_json_ld_with_place_and_organiser(generated):
    event = generated["evenementen/met-plaats.md"].meta["sdw_jsonld"]
    assert event == {
        "@context": "https://schema.org", "@type": "Event", "name": "Een congres",
        "description": "Twee dagen over werk.", "url": "https://sdw.example.net/sub/evenementen/met-plaats/",
        "startDate": "2021-11-04", "endDate": "2021-11-05",
        "location": {"@type": "Place", "name": "Utrecht"},
        "organizer": {"@type": "Organization", "name": "Een fictieve stichting"},
        "inLanguage": "nl",
        "about": [{"@type": "Thing", "name": "IPS", "url": "https://sdw.example.net/sub/themas/ips/"}],
    }


def test_partner_json_ld(generated):
    partner = generated["partners/uwv.md"].meta["sdw_jsonld"]
    assert partner["@type"] == "Organization" and partner["name"] == "UWV"
    assert "alternateName" not in partner and "url" not in partner  # no website given


def test_pages_without_structured_data_stay_small(generated):
    for path in ("themas/ips.md", "doelgroepen/werkgevers.md", "verhalen/index.md", "over-ons.md"):
        assert "sdw_jsonld" not in generated[path].meta, path


# ---------- escaping ----------

HOSTILE_TITLE = 'Kop "met" </script><script>alert(1)</script> & <b>'
HOSTILE_SUMMARY = 'Samenvatting "citaat" </title><script>alert(2)</script>'


def test_author_text_cannot_break_out_of_the_head(tmp_path):
    project = copy_project(tmp_path / "project")
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    text = story.read_text(encoding="utf-8")
    text = re.sub(r'^titel: .*$', "titel: " + json.dumps(HOSTILE_TITLE), text, count=1, flags=re.M)
    text = re.sub(r'^samenvatting: .*$', "samenvatting: " + json.dumps(HOSTILE_SUMMARY), text, count=1,
                  flags=re.M)
    story.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0
    html = (project / "site" / "verhalen" / "tamara-van-ark" / "index.html").read_text(encoding="utf-8")
    top = html[:html.index("</head>")]
    assert "<script>alert" not in html
    assert top.count("</script>") == top.count("<script")  # no script element ended early
    h = head(project / "site" / "verhalen" / "tamara-van-ark" / "index.html")
    assert h.jsonld[0]["headline"] == HOSTILE_TITLE
    assert h.jsonld[0]["description"] == HOSTILE_SUMMARY
    assert h.one("og:title") == HOSTILE_TITLE and h.one("description") == HOSTILE_SUMMARY
    assert h.title == HOSTILE_TITLE + " - Sterk door Werk"


def test_own_picture_and_a_hostile_title_in_sharing(tmp_path):
    """An article with a picture of its own shows that picture in link previews (and gets no card);
    its share links carry the title and the canonical address exactly, escaped, whatever the title."""
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    from conftest import write_png
    from sdw.sharing import Card

    project = copy_project(tmp_path / "project")
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    text = re.sub(r'^titel: .*$', "titel: " + json.dumps(HOSTILE_TITLE), story.read_text(encoding="utf-8"),
                  count=1, flags=re.M)
    text = text.replace("\n---\n", '\nafbeelding: afbeeldingen/foto.png\nafbeelding_alt: "Een werkplek"\n---\n', 1)
    story.write_text(text, encoding="utf-8")
    write_png(story.parent / "afbeeldingen" / "foto.png")
    assert main(["--root", str(project), "build"]) == 0
    site = project / "site"
    page = site / "verhalen" / "tamara-van-ark" / "index.html"
    h = head(page)
    assert h.one("og:image") == SITE_URL + "verhalen/afbeeldingen/foto.png"
    assert h.one("og:image:alt") == "Een werkplek"
    assert "og:image:width" not in h.meta and "og:image:type" not in h.meta  # not known for an author's file
    check_picture(site, h)
    assert not (site / Card(HOSTILE_TITLE, "Verhaal").path).exists()  # no card for it
    # The share links: the exact title and canonical address, nothing of the title as markup.
    html = page.read_text(encoding="utf-8")
    nav = html[html.index('<nav class="sdw-share'):]
    nav = nav[:nav.index("</nav>")]
    assert "<script" not in nav and "<b>" not in nav
    hrefs = {name: unescape(href)
             for href, name in re.findall(r'<a class="sdw-share__link" href="([^"]+)"[^>]*>([^<]+)</a>', nav)}
    url = SITE_URL + "verhalen/tamara-van-ark/"
    mail = urlsplit(hrefs["E-mail"])
    assert mail.scheme == "mailto" and parse_qs(mail.query) == {"subject": [HOSTILE_TITLE], "body": [url]}
    assert parse_qs(urlsplit(hrefs["WhatsApp"]).query) == {"text": [HOSTILE_TITLE + " " + url]}
    assert parse_qs(urlsplit(hrefs["Bluesky"]).query) == {"text": [HOSTILE_TITLE + " " + url]}
    assert parse_qs(urlsplit(hrefs["LinkedIn"]).query) == {"url": [url]}
    assert [hrefs[k].split("?")[0] for k in ("LinkedIn", "WhatsApp", "Bluesky")] == [
        "https://www.linkedin.com/sharing/share-offsite/", "https://wa.me/", "https://bsky.app/intent/compose"]
