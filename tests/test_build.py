"""End-to-end: the real content, built with `sdw build` (MkDocs strict), read back as HTML."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from content_invariants import broken_links, content_model, listings, page_links, resolve, unreachable
from sdw.cli import main

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def real_model():
    """The model of the real content: the tests below derive their expectations from it, never pin it."""
    return content_model(ROOT)


def test_every_item_and_listing_is_published(built_site):
    site = built_site / "site"
    for md in (ROOT / "content").rglob("*.md"):
        rel = md.relative_to(ROOT / "content").with_suffix("")
        assert (site / rel / "index.html").is_file(), rel
    for listing in listings(real_model()):  # every type's listing, every year's archive page
        assert (site / listing / "index.html").is_file(), listing


def test_every_page_is_dutch_and_loads_nothing_from_other_hosts(built_site):
    pages = list((built_site / "site").rglob("*.html"))
    assert len(pages) > 60
    for page in pages:
        links = page_links(page)
        assert links.lang == "nl", page
        external = [a for a in links.loaded if re.match(r"^(https?:)?//", a)]
        assert external == [], (page, external)
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "unpkg.com" not in text
        assert "Made with" not in text


def test_every_internal_link_resolves(built_site):
    assert broken_links(built_site / "site") == []


def test_every_source_item_is_within_three_clicks_of_home(built_site):
    assert unreachable(built_site / "site", real_model()) == []


def test_item_page_header_shows_type_date_audiences_and_reading_time(built_site):
    import html as H

    model = real_model()
    for story in model.of_type("verhaal"):
        html = (built_site / "site" / story.rel[:-3] / "index.html").read_text(encoding="utf-8")
        # The kicker names the story as readers know it: "Interview" from `soort`, else "Verhaal".
        assert f'<span class="sdw-type sdw-type--verhaal">{story.label}</span>' in html, story.rel
        assert story.label == ("Interview" if story.value("soort") == "interview" else story.label)
        assert f'<time datetime="{story.date.iso()}">{story.date.dutch()}</time>' in html, story.rel
        assert re.search(r"\d+ min lezen", html)
        for slug in story.audiences:
            audience = model.get("doelgroep", slug)
            assert (f'href="../../doelgroepen/{slug}/" data-sdw-url="https://www.sterkdoorwerk.nl/doelgroepen/'
                    f'{slug}/">{H.escape(audience.title)}</a>') in html, (story.rel, slug)
        if story.region:
            assert f'href="../../regios/{story.region}/"' in html, story.rel
        assert '<div class="sdw-related"' in html, story.rel
        assert f'<meta name="description" content="{H.escape(story.summary.split()[0])}' in html, story.rel


def test_home_is_a_portal_with_edition_audiences_and_latest_items(built_site):
    html = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-type="navigation" hidden' in html  # no sidebar: a portal, not documentation
    html = html[html.index("<article"):]
    newest = real_model().editions[0]  # whichever edition is newest now
    edition = html.index(newest.title)
    # The front door: the name, the mission and the audiences come before the edition.
    assert html.index('<h1 class="sdw-front__title" id="sterk-door-werk">Sterk door Werk</h1>') < edition
    for later in ("Laatste nieuws", "Tips"):
        assert html.index(later) > edition, later
    for audience in real_model().shown("doelgroep"):  # the audiences with articles
        assert html.index(f"<strong>{audience.title}</strong>") < edition, audience.title


def test_navigation_stays_small(built_site):
    model = real_model()
    story = model.of_type("verhaal")[0]
    html = (built_site / "site" / story.rel[:-3] / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary'):html.index("<article")]
    for article in model.articles:  # no article is a navigation entry
        assert f"/{article.slug}/" not in nav, article.rel
    assert nav.count("<a ") < 40  # a fixed set of sections, whatever the number of articles


def test_search_index_has_titles_summaries_and_bodies_in_dutch(built_site):
    import html
    import json

    from sdw import searchindex

    stub = json.loads((built_site / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["sdw_index"] == "search/sdw/manifest.js"  # loaded lazily
    assert stub["config"]["lang"] == ["nl"]
    docs = {d["location"]: d for d in searchindex.read_docs(built_site / "site" / "search" / "sdw")}
    model = real_model()
    for item in model.items:
        loc = item.rel[:-3] + "/"
        assert item.title.split()[0] in html.unescape(docs[loc]["title"]), loc
        first_words = " ".join(item.summary.split()[:3])
        if item.is_article:  # the summary, not the kicker (plain text in our index)
            assert docs[loc]["text"].startswith(first_words), loc
    for story in model.of_type("verhaal"):  # the body is indexed too, not only the summary
        headings = re.findall(r"^## (.+)$", story.body, re.M)
        for heading in headings[:1]:
            assert any(heading.split()[0] in d["title"] for loc, d in docs.items()
                       if loc.startswith(story.rel[:-3] + "/#")), (story.rel, heading)
    # listing cards repeat other pages' summaries and stay out of the index
    year = model.years()[-1]
    text = docs[f"archief/{year}/"]["text"]
    assert f"Alles wat in {year}" in text
    for article in model.articles:
        if article.date and article.date.year == year:
            assert article.summary[:40] not in text, article.rel


def test_offline_build_uses_html_links_and_local_search(offline_site):
    home = offline_site / "index.html"
    links = page_links(home)
    internal = [h for h in links.anchors if resolve(offline_site, home, h)]
    assert internal and all(h.split("#")[0].endswith(".html") for h in internal), internal
    assert (offline_site / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    assert "assets/javascripts/vendor/iframe-worker-shim.js" in home.read_text(encoding="utf-8")
    for page in offline_site.rglob("*.html"):
        assert not [a for a in page_links(page).loaded if re.match(r"^(https?:)?//", a)], page


def test_a_content_error_changes_neither_docs_nor_site(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    site_before, docs_before = tree_digest(project / "site"), tree_digest(project / "docs")
    (project / "content" / "verhalen" / "kapotte-datum.md").write_text(
        '---\ntitel: "Een verhaal"\nsamenvatting: "Kort."\ndatum: 2018-13-05\ndoelgroepen:\n  - werkgevers\n'
        "personen:\n  - naam: Anna de Vries\n    rol: werkgever\n---\n\nTekst.\n", encoding="utf-8")
    (project / "content" / "verhalen" / "nieuw.md").write_text("---\ntitel: x\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "content/verhalen/kapotte-datum.md:4:8: fout [SDW010 ongeldige-datum]" in err
    assert "content/verhalen/nieuw.md:1:1: fout [SDW004 front-matter-niet-gesloten]" in err
    assert "Traceback" not in err
    assert tree_digest(project / "site") == site_before
    assert tree_digest(project / "docs") == docs_before


def test_a_renderer_failure_leaves_the_previous_site(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    before = tree_digest(project / "site")
    template = project / "overrides" / "sdw" / "item.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% endblock %}", encoding="utf-8")
    assert main(["--root", str(project), "build"]) != 0
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.*")), "no staging folder left behind"


def test_unchanged_pages_are_not_rewritten(tmp_path):
    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    page = project / "docs" / "verhalen" / "tamara-van-ark.md"
    stamp = page.stat().st_mtime_ns
    assert main(["--root", str(project), "build"]) == 0
    assert page.stat().st_mtime_ns == stamp
    shutil.rmtree(project / "content" / "videos", ignore_errors=True)


def test_images_are_published_with_their_alt_text(tmp_path):
    import base64

    project = copy_project(tmp_path / "p")
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    (project / "content" / "verhalen" / "afbeeldingen").mkdir(exist_ok=True)
    (project / "content" / "verhalen" / "afbeeldingen" / "stip.png").write_bytes(png)
    story = project / "content" / "verhalen" / "pearl-hartgers.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n![Een stip](afbeeldingen/stip.png)\n", encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0
    assert (project / "site" / "verhalen" / "afbeeldingen" / "stip.png").read_bytes() == png
    html = (project / "site" / "verhalen" / "pearl-hartgers" / "index.html").read_text(encoding="utf-8")
    assert '<img alt="Een stip" src="../afbeeldingen/stip.png"' in html
    (project / "content" / "verhalen" / "afbeeldingen" / "stip.png").unlink()
    story.write_text(story.read_text(encoding="utf-8").replace("![Een stip](afbeeldingen/stip.png)", ""),
                     encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0
    assert not (project / "docs" / "verhalen" / "afbeeldingen" / "stip.png").exists()  # content may hold others


def test_a_crash_while_generating_leaves_docs_and_site(tmp_path, capsys, monkeypatch):
    import sdw.pipeline

    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    site_before, docs_before = tree_digest(project / "site"), tree_digest(project / "docs")

    def crash(site, context=None, memory=None, store=None):
        raise RuntimeError("kapot")

    monkeypatch.setattr(sdw.pipeline, "generate", crash)
    assert main(["--root", str(project), "build"]) == 2
    err = capsys.readouterr().err
    assert "Interne fout (RuntimeError: kapot)" in err and "Traceback" not in err
    assert tree_digest(project / "site") == site_before and tree_digest(project / "docs") == docs_before


def test_ctrl_c_during_rendering_leaves_the_previous_site(tmp_path, capsys, monkeypatch):
    import mkdocs.commands.build

    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    before = tree_digest(project / "site")
    real_build = mkdocs.commands.build.build

    def interrupted(config, **kwargs):
        real_build(config, **kwargs)  # the staging folder is complete ...
        raise KeyboardInterrupt  # ... and the reader presses Ctrl-C just before the swap

    monkeypatch.setattr(mkdocs.commands.build, "build", interrupted)
    assert main(["--root", str(project), "build"]) == 130
    assert "Afgebroken. De vorige versie van de site is ongewijzigd." in capsys.readouterr().err
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.*"))


@pytest.mark.parametrize("listing_in_nav", [True, False])
def test_memoised_navigation_renders_exactly_what_material_renders(tmp_path, listing_in_nav):
    """overrides/partials/{nav,tabs}.html reuse the navigation across pages of a folder and depth;
    the site must be byte-identical to one built with Material's own partials. An overview that
    is not in the navigation (a new type's, until someone adds it) shares its folder with its
    pages but not their depth: its links must not be reused for them."""
    project = copy_project(tmp_path / "p")
    if not listing_in_nav:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "      - Tips: tips/index.md\n" in text
        config.write_text(text.replace("      - Tips: tips/index.md\n", ""), encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 0
    assert broken_links(project / "site") == []
    with_memo = tree_digest(project / "site")
    for name in ("nav.html", "tabs.html"):
        (project / "overrides" / "partials" / name).unlink()
    assert main(["--root", str(project), "build"]) == 0
    assert tree_digest(project / "site") == with_memo


def test_feeds_and_calendars_are_published_and_discoverable(built_site):
    import xml.etree.ElementTree as ET

    site = built_site / "site"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "feeds" / "alles.xml").read_bytes())
    assert feed.find(atom + "link[@rel='self']").get("href") == "https://www.sterkdoorwerk.nl/feeds/alles.xml"
    ids = [e.find(atom + "id").text for e in feed.findall(atom + "entry")]
    model = real_model()
    assert ids == [f"https://www.sterkdoorwerk.nl/{a.rel[:-3]}/" for a in model.articles[:50]]  # newest 50
    for audience in ("werkgevers", "professionals", "werkzoekenden-en-werkenden"):
        ET.fromstring((site / "feeds" / "doelgroepen" / f"{audience}.xml").read_bytes())
    calendar = (site / "feeds" / "evenementen.ics").read_bytes()
    assert calendar.startswith(b"BEGIN:VCALENDAR\r\n")
    for event in model.of_type("evenement"):
        assert f"DTSTART;VALUE=DATE:{event.date.iso().replace('-', '')}\r\n".encode() in calendar, event.rel
        assert (site / "evenementen" / f"{event.slug}.ics").is_file(), event.rel
        page = (site / "evenementen" / event.slug / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../{event.slug}.ics" data-sdw-url=' in page, event.rel
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ('<link rel=" alternate" type="application/atom+xml" title="Sterk door Werk: nieuwe artikelen" '
            'href="feeds/alles.xml">') in home
    audience = (site / "doelgroepen" / "werkgevers" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/doelgroepen/werkgevers.xml">' in audience
    assert '<a href="../../feeds/doelgroepen/werkgevers.xml" data-sdw-url=' in audience
    assert '/feeds/doelgroepen/werkgevers.xml">Volg via Atom-feed</a>' in audience


def test_events_are_split_by_the_build_date(tmp_path, monkeypatch):
    """SDW_BUILD_DATE decides what is upcoming: the last event on the day before it starts, and
    nothing on the day after it ends (dates derived from the content, never pinned)."""
    import datetime as dt

    from sdw.model import event_last_day

    project = copy_project(tmp_path / "p")
    model = real_model()
    last = max(model.of_type("evenement"), key=event_last_day)
    before = last.date.first_day() - dt.timedelta(days=1)
    monkeypatch.setenv("SDW_BUILD_DATE", before.isoformat())
    assert main(["--root", str(project), "build"]) == 0
    listing = (project / "site" / "evenementen" / "index.html").read_text(encoding="utf-8")
    upcoming = listing[listing.index('<h2 id="komende-evenementen"'):listing.index('<h2 id="eerdere-evenementen"')]
    soon, past = model.split_events(before)
    assert f"{last.slug}/" in upcoming
    for event in past:
        assert f"{event.slug}/" not in upcoming, event.slug
    monkeypatch.setenv("SDW_BUILD_DATE", (event_last_day(last) + dt.timedelta(days=1)).isoformat())
    assert main(["--root", str(project), "build"]) == 0
    listing = (project / "site" / "evenementen" / "index.html").read_text(encoding="utf-8")
    assert "Er staan op dit moment geen evenementen gepland." in listing
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    # No upcoming events: the home page has no events block at all (never a block of nothing).
    assert '<h2 id="evenementen"' not in home and "eerdere-evenementen" not in home
