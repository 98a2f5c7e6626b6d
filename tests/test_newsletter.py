"""The monthly newsletter of an edition (sdw/newsletter.py): the .eml read back with Python's
`email` package, the HTML held to what e-mail needs, the plain text, the settings, `sdw nieuwsbrief`,
and a golden copy of the fixture edition's newsletter.

The corpus: the frozen fixture corpus plus tests/fixtures/newsletter (a story of edition 1 with a
picture, an event still to come), built as of NEWSLETTER_TODAY. After an intended change, refresh
the golden files with `SDW_UPDATE_GOLDEN=1 pytest tests/test_newsletter.py` and review the diff of
tests/golden-newsletter/. (Not in tests/golden/: that folder is exactly the generated docs/ tree.)
The browser half (320 and 600 px, light and dark, axe, hosts, links) is tests/browser/test_newsletter.py.
"""

from __future__ import annotations

import datetime as dt
import email
import html
import os
import re
import shutil
from email import policy
from email.utils import parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, SITE_CONTENT, copy_project, write_png
from sdw import texts as T
from sdw.cli import main
from sdw.load import load_all
from sdw.model import build_site
from sdw.newsletter import NewsletterSettings, SettingsError, find_edition, newsletter, plain_text, sections
from sdw.pages import Context
from sdw.schema import EDITION_TYPE, FEATURED_TYPES
from sdw.validate import validate

GOLDEN = Path(__file__).parent / "golden-newsletter"
NEWSLETTER_TODAY = dt.date(2026, 11, 23)  # the overlay's event is still to come, the corpus's are past
SETTINGS = NewsletterSettings(sender="Sterk door Werk <nieuwsbrief@example.org>", unsubscribe="*|UNSUB|*",
                              contact="info@example.org")
CONTEXT = Context(base_url="https://www.example.org/", today=NEWSLETTER_TODAY, newsletter=SETTINGS)
PICTURE_STORY = "verhalen/sanne-de-vries.md"


def newsletter_corpus(target: Path) -> Path:
    """The frozen fixture corpus plus tests/fixtures/newsletter and its picture, in `target`."""
    shutil.copytree(SITE_CONTENT, target)
    shutil.copytree(FIXTURES / "newsletter", target, dirs_exist_ok=True)
    write_png(target / "verhalen" / "afbeeldingen" / "sanne-de-vries.png", 640, 360)
    return target


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return newsletter_corpus(tmp_path_factory.mktemp("newsletter") / "content")


@pytest.fixture(scope="module")
def site(corpus):
    result = validate(load_all(corpus, corpus.parent))
    assert result.ok, result.problems
    return build_site(result.records)


@pytest.fixture(scope="module")
def edition(site):
    return find_edition(site, "1")


@pytest.fixture(scope="module")
def made(site, edition):
    return newsletter(site, edition, CONTEXT)


class Links(HTMLParser):
    """Every href, every <img> (its attributes) and every tag name of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.lang: str | None = None
        self.metas: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if tag == "img":
            self.images.append(found)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "meta":
            self.metas.append(found)


def links_of(markup: str) -> Links:
    parser = Links()
    parser.feed(markup)
    return parser


# ---------- the golden newsletter of the fixture edition ----------

@pytest.mark.parametrize("suffix", [".html", ".txt", ".eml"])
def test_the_fixture_editions_newsletter_matches_its_golden_copy(made, suffix):
    data = {".html": made.html.encode("utf-8"), ".txt": made.text.encode("utf-8"), ".eml": made.eml}[suffix]
    golden = GOLDEN / f"nieuwsbrief-1{suffix}"
    if os.environ.get("SDW_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"differs from {golden.relative_to(GOLDEN.parent.parent)}"


def test_another_day_changes_it_only_when_what_it_shows_changes(site, edition, made):
    again = newsletter(site, edition, CONTEXT)
    assert again.eml == made.eml and again.html == made.html
    later = newsletter(site, edition, Context(CONTEXT.base_url, NEWSLETTER_TODAY + dt.timedelta(days=1), SETTINGS))
    assert later.eml == made.eml
    upcoming = site.split_events(NEWSLETTER_TODAY)[0]
    after = max(e.date.last_day() for e in upcoming) + dt.timedelta(days=1)
    gone = newsletter(site, edition, Context(CONTEXT.base_url, after, SETTINGS))
    assert gone.eml != made.eml and upcoming[0].title not in gone.text


# ---------- the .eml, read back ----------

def test_the_eml_is_multipart_alternative_with_text_then_html(made):
    message = email.message_from_bytes(made.eml, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert all(p["Content-Transfer-Encoding"] in ("quoted-printable", "base64") for p in parts)
    # On the wire every line ends in CRLF (the canonical form of text in MIME).
    assert parts[0].get_content().replace("\r\n", "\n") == made.text
    assert parts[1].get_content().replace("\r\n", "\n") == made.html
    assert not message.defects and not any(p.defects for p in parts)


def test_the_eml_headers_are_valid_and_dutch(made, site, edition):
    message = email.message_from_bytes(made.eml, policy=policy.default)
    assert message["Subject"] == "Sterk door Werk – Verhalen deze maand #1" == made.subject
    assert message["MIME-Version"] == "1.0"
    assert message["Content-Language"] == "nl"
    name, address = parseaddr(str(message["From"]))
    assert (name, address) == ("Sterk door Werk", "nieuwsbrief@example.org")
    # The edition has no month: the newest date of its articles (a year only: its first day).
    newest = max(a.date.first_day() for a in site.articles_for(edition))
    assert parsedate_to_datetime(str(message["Date"])).date() == newest
    assert re.fullmatch(r"<[^<>@\s]+@www\.example\.org>", str(message["Message-ID"]))
    raw_subject = re.search(rb"^Subject: (.*)$", made.eml, re.M).group(1)
    assert raw_subject.isascii()  # the dash is an RFC 2047 encoded word, not a raw byte


def test_no_line_of_the_eml_is_longer_than_998_characters_and_all_end_in_crlf(made):
    assert made.eml.isascii()
    lines = made.eml.split(b"\r\n")
    assert max(len(line) for line in lines) <= 998
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)


# ---------- the HTML: built like e-mail ----------

def test_the_html_has_no_style_block_script_or_anything_from_elsewhere(made):
    found = links_of(made.html)
    assert not {"style", "script", "link", "iframe", "object", "form"} & set(found.tags)
    assert "<style" not in made.html.lower() and "@import" not in made.html and "url(" not in made.html
    assert 'style="' in made.html  # the rules were inlined
    assert found.lang == "nl"
    metas = {m.get("name"): m.get("content") for m in found.metas}
    assert metas["color-scheme"] == "light dark" and metas["supported-color-schemes"] == "light dark"


def test_every_link_and_picture_is_absolute_and_every_picture_has_alt_text(made, site):
    found = links_of(made.html)
    for url in found.hrefs:
        assert url.startswith(CONTEXT.base_url) or url.startswith("mailto:") or url == SETTINGS.unsubscribe, url
    story = next(i for i in site.items if i.rel == PICTURE_STORY)
    # No tracking pixel: the only pictures are those of the articles shown.
    assert [i["src"] for i in found.images] == [CONTEXT.url("verhalen/afbeeldingen/sanne-de-vries.png")]
    assert [i["alt"] for i in found.images] == [story.value("afbeelding_alt")]
    assert all(i.get("alt") for i in found.images)


def test_the_layout_is_a_table_at_most_600_px_wide_in_system_fonts(made):
    frame = re.search(r'<table[^>]*width="600"[^>]*>', made.html).group(0)
    assert "max-width: 600px" in frame and "width: 100%" in frame
    assert 'role="presentation"' in frame
    assert "-apple-system" in made.html and "fonts.googleapis" not in made.html
    widths = [int(w) for w in re.findall(r'width="(\d+)"', made.html)]
    assert max(widths) <= 600


def test_the_preheader_comes_first_hidden_and_opens_the_text(made):
    body = made.html.split("<body", 1)[1]
    first = re.search(r"<div[^>]*>([^<]*)", body)
    assert "display: none" in first.group(0) and html.unescape(first.group(1)).startswith(made.preheader)
    assert made.text.startswith(made.preheader.split()[0]) and made.preheader.startswith(
        EDITION_TYPE.articles_heading)


def test_the_unsubscribe_placeholder_is_visible_and_the_merge_tag_is_its_link(made):
    link = re.search(r'<a href="([^"]*)"[^>]*>([^<]*)</a> ·', made.html)
    assert link.groups() == (SETTINGS.unsubscribe, T.NEWSLETTER_UNSUBSCRIBE)
    assert f"{T.NEWSLETTER_UNSUBSCRIBE}:\n{SETTINGS.unsubscribe}" in made.text


# ---------- what it shows ----------

def test_it_shows_the_introduction_stories_featured_articles_events_and_contact(made, site, edition):
    found = sections(site, edition, NEWSLETTER_TODAY)
    # The headings are the site's own: the edition's, the featured type's and the agenda's.
    assert [s.heading for s in found] == [EDITION_TYPE.articles_heading, FEATURED_TYPES[0].featured_heading,
                                          T.EVENTS_UPCOMING]
    assert {i.rel for i in found[0].items} == {a.rel for a in site.articles_for(edition)
                                               if not a.type.featured_heading}
    upcoming, past = site.split_events(NEWSLETTER_TODAY)
    assert found[2].items == upcoming and past  # past events are left out
    for item in (i for s in found for i in s.items):
        assert item.title in plain_text(made.html) and item.title in made.text
        assert CONTEXT.url(item.rel) in made.text
    for item in past:
        assert item.title not in made.text
    assert edition.summary in plain_text(made.html) and " ".join(edition.summary.split()) in " ".join(made.text.split())
    # The contact line of every page (overrides/sdw/engage.html), with the configured address.
    assert "Meedenken of een vraag? Mail naar info@example.org." in plain_text(made.html)
    assert "mailto:info@example.org" in links_of(made.html).hrefs
    assert "Meedenken of een vraag? Mail naar info@example.org." in made.text


def test_without_events_or_contact_address_those_blocks_are_left_out(site, edition):
    later = Context(CONTEXT.base_url, dt.date(2099, 1, 1), NewsletterSettings(contact=""))
    made = newsletter(site, edition, later)
    assert T.EVENTS_UPCOMING not in made.html and "Meedenken" not in made.html + made.text


def test_the_text_is_wrapped_and_every_link_written_out(made):
    found = links_of(made.html)
    for url in found.hrefs:
        if not url.startswith("mailto:"):
            assert url in made.text, url
    long = [line for line in made.text.splitlines() if len(line) > 78 and len(line.split()) > 1]
    assert long == []


# ---------- settings ----------

def test_settings_come_from_extra_and_wrong_ones_are_named_in_dutch():
    assert NewsletterSettings.from_extra({}) == NewsletterSettings()  # not set: the defaults
    good = NewsletterSettings.from_extra({"newsletter": {"from": "Sterk door Werk <a@example.nl>",
                                                         "unsubscribe": "{{ unsubscribe }}"},
                                          "contact": {"email": "info@example.nl"}})
    assert good == NewsletterSettings("Sterk door Werk <a@example.nl>", "{{ unsubscribe }}", "info@example.nl")
    assert NewsletterSettings.from_extra({"newsletter": {"from": "a@example.nl", "unsubscribe": "*|UNSUB|*"},
                                          "contact": {"email": "geen adres"}}).contact == ""
    with pytest.raises(SettingsError, match=r"extra\.newsletter\.from \(SDW_NEWSLETTER_FROM\).*'Sterk <geen>'"):
        NewsletterSettings.from_extra({"newsletter": {"from": "Sterk <geen>", "unsubscribe": "*|UNSUB|*"}})
    for wrong in ("a\nb", '"><script>', "x" * 201):
        with pytest.raises(SettingsError, match=r"extra\.newsletter\.unsubscribe \(SDW_NEWSLETTER_UNSUBSCRIBE\)"):
            NewsletterSettings.from_extra({"newsletter": {"from": "a@example.nl", "unsubscribe": wrong}})


# ---------- `sdw nieuwsbrief` ----------

@pytest.fixture(scope="module")
def project(tmp_path_factory, corpus) -> Path:
    return copy_project(tmp_path_factory.mktemp("newsletter-cli"), corpus)


def test_sdw_nieuwsbrief_writes_html_text_and_eml(project, capsys, monkeypatch):
    monkeypatch.setenv("SDW_BUILD_DATE", NEWSLETTER_TODAY.isoformat())
    assert main(["--root", str(project), "nieuwsbrief", "1"]) == 0
    folder = project / "nieuwsbrief"
    assert sorted(p.name for p in folder.iterdir()) == ["nieuwsbrief-1.eml", "nieuwsbrief-1.html", "nieuwsbrief-1.txt"]
    message = email.message_from_bytes((folder / "nieuwsbrief-1.eml").read_bytes(), policy=policy.default)
    html_part = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert html_part == (folder / "nieuwsbrief-1.html").read_text(encoding="utf-8")
    assert "nieuwsbrief/nieuwsbrief-1.eml" in capsys.readouterr().out
    # By file name (as typed, with its folder), into another folder.
    out = project / "elders"
    assert main(["--root", str(project), "nieuwsbrief", "content/edities/verhalen-deze-maand-1.md",
                 "--uit", str(out)]) == 0
    assert (out / "nieuwsbrief-1.eml").read_bytes() == (folder / "nieuwsbrief-1.eml").read_bytes()


def test_sdw_nieuwsbrief_names_an_unknown_edition_in_dutch(project, capsys):
    assert main(["--root", str(project), "nieuwsbrief", "7"]) == 1
    err = capsys.readouterr().err
    assert "Editie '7' bestaat niet. Kies een nummer of bestandsnaam: 1 (verhalen-deze-maand-1), of 'alle'." in err
    assert "Traceback" not in err


def test_sdw_nieuwsbrief_alle_writes_every_editions_newsletter(tmp_path, corpus, monkeypatch):
    """What the deploy workflow keeps with each published site: every edition's three files."""
    monkeypatch.setenv("SDW_BUILD_DATE", NEWSLETTER_TODAY.isoformat())
    project = copy_project(tmp_path / "p", corpus)
    (project / "content" / "edities" / "verhalen-deze-maand-2.md").write_text(
        '---\ntitel: "Verhalen deze maand #2"\nsamenvatting: "De tweede editie, om te testen."\nnummer: 2\n---\n'
        "Een korte inleiding.\n", encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["--root", str(project), "nieuwsbrief", "alle", "--uit", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [f"nieuwsbrief-{n}.{suffix}" for n in (1, 2)
                                                     for suffix in ("eml", "html", "txt")]
    second = email.message_from_bytes((out / "nieuwsbrief-2.eml").read_bytes(), policy=policy.default)
    assert second["Subject"] == "Sterk door Werk – Verhalen deze maand #2"


def test_a_wrong_setting_stops_the_command_with_its_name(project, capsys, monkeypatch):
    monkeypatch.setenv("SDW_NEWSLETTER_UNSUBSCRIBE", "<geen>")
    with pytest.raises(SystemExit) as stopped:
        main(["--root", str(project), "nieuwsbrief", "1"])
    assert stopped.value.code == 1
    assert "extra.newsletter.unsubscribe (SDW_NEWSLETTER_UNSUBSCRIBE)" in capsys.readouterr().err


# ---------- the real content: every edition's newsletter links to built pages ----------

def test_every_real_editions_newsletter_links_only_to_pages_of_the_built_site(built_site):
    from sdw.render import site_url

    base = site_url(built_site)
    result = validate(load_all(built_site / "content", built_site))
    real = build_site(result.records)
    assert real.editions
    for edition in real.editions:
        folder = built_site / "site" / "nieuwsbrief" / str(edition.number)
        assert (folder / "index.html").is_file()
        message = email.message_from_bytes((folder / f"nieuwsbrief-{edition.number}.eml").read_bytes(),
                                           policy=policy.default)
        markup = message.get_body(("html",)).get_content()
        found = links_of(markup)
        targets = found.hrefs + [str(i["src"]) for i in found.images]
        assert any(t.startswith(base) for t in targets)
        for url in targets:
            if url.startswith("mailto:") or not urlsplit(url).scheme:
                continue  # the contact line; the provider's merge tag
            assert url.startswith(base), url
            path = built_site / "site" / url[len(base):]
            assert (path / "index.html" if url.endswith("/") else path).is_file(), url
