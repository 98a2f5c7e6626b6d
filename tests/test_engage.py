"""Newsletter, page feedback, the contact line and video players in the built HTML, with
endpoints set and unset.

mkdocs.yml reads the endpoints from the environment (SDW_NEWSLETTER_URL,
SDW_FEEDBACK_URL); unset, neither the form nor the question nor their
scripts appear anywhere. Both carry a honeypot and a minimum time (spam checks).
The contact line (SDW_CONTACT_EMAIL, by default the one address the sources give)
is in every page's footer. Browser behaviour: tests/browser/test_engage.py.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT, copy_project, with_video_content
from sdw.cli import main
from sdw.players import place_players
from sdw.sanitize import sanitize
from sdw.videos import parse_video

ENDPOINT_ENV = ("SDW_NEWSLETTER_URL", "SDW_NEWSLETTER_FIELD", "SDW_FEEDBACK_URL", "SDW_CONTACT_EMAIL")


def _build(tmp_path, monkeypatch, **env) -> dict[str, str]:
    for key in ENDPOINT_ENV:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    project = copy_project(tmp_path / "p", with_video_content(tmp_path / "src"))
    assert main(["--root", str(project), "build"]) == 0
    site = project / "site"
    # The readers' pages (not the web editor, admin/, which is Decap's page and not the site's).
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
            if p.relative_to(site).parts[0] != "admin"}


PAGES = ["index.html", "verhalen/tamara-van-ark/index.html", "videos/voorbeeldvideo/index.html",
         "themas/ips/index.html", "privacy/index.html", "404.html"]


def test_without_endpoints_there_is_no_form_no_question_and_no_script(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch)
    for name, text in html.items():
        assert "data-sdw-newsletter" not in text and "data-sdw-feedback" not in text, name
        assert 'class="sdw-newsletter"' not in text, name
        assert "sdw-newsletter.js" not in text and "sdw-feedback.js" not in text, name
        assert "data-sdw-hp" not in text and 'name="website"' not in text, name
    assert len(html) > 60


def test_with_endpoints_form_and_question_appear_where_they_belong(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, SDW_NEWSLETTER_URL="https://nieuwsbrief.example.org/aanmelden?u=1&id=2",
                  SDW_NEWSLETTER_FIELD="email_address", SDW_FEEDBACK_URL="https://feedback.example.org/antwoord")
    for name in PAGES:
        text = html[name]
        forms = re.findall(r"<form [^>]*data-sdw-newsletter[^>]*>", text)
        assert len(forms) == 1, (name, forms)  # home: in the page; elsewhere: in the footer
        assert 'method="post" action="https://nieuwsbrief.example.org/aanmelden?u=1&amp;id=2"' in forms[0]
        assert 'name="email_address" autocomplete="email"' in text and "<label for=" in text
        assert "sdw-newsletter.js" in text and "<script src=\"https://" not in text
    assert 'id="sdw-nb-start-email"' in html["index.html"] and "sdw-nb-voet" not in html["index.html"]
    for name in ("verhalen/tamara-van-ark/index.html", "videos/voorbeeldvideo/index.html"):
        assert "data-endpoint" not in html[name], name  # the address is in the script only (build config)
        assert "Vond u deze pagina interessant?" in html[name] and "sdw-feedback.js" in html[name]
    assert 'data-page="/verhalen/tamara-van-ark/"' in html["verhalen/tamara-van-ark/index.html"]
    script = (tmp_path / "p" / "site" / "assets" / "javascripts" / "sdw-feedback.js").read_text(encoding="utf-8")
    assert '/* sdw:extra.feedback.endpoint */ "https://feedback.example.org/antwoord"' in script
    assert "feedback.example.org" in html["verhalen/tamara-van-ark/index.html"].split("</head>")[0]  # CSP connect-src
    for name in ("index.html", "themas/ips/index.html", "privacy/index.html", "verhalen/index.html"):
        assert "data-sdw-feedback" not in html[name] and "sdw-feedback.js" not in html[name], name


def test_a_non_https_endpoint_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SDW_FEEDBACK_URL", "http://feedback.example.org/")
    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 1
    assert "moet een webadres zijn dat met https:// begint" in capsys.readouterr().err


# ---------- spam checks: honeypot and minimum time ----------

TOO_FAST = "Dat ging wel erg snel. Probeer het over een paar seconden opnieuw."
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Inputs(HTMLParser):
    """Every <input> with its attributes and the elements it sits in (outermost first)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.inputs: list[tuple[dict, list[tuple[str, dict]]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            self.inputs.append((dict(attrs), list(self.stack)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def _honeypots(text: str) -> list[tuple[dict, list[tuple[str, dict]]]]:
    parser = _Inputs()
    parser.feed(text)
    return [(attrs, around) for attrs, around in parser.inputs if "data-sdw-hp" in attrs]


def test_both_forms_carry_a_honeypot_hidden_from_everyone_and_a_minimum_time(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, SDW_NEWSLETTER_URL="https://nieuwsbrief.example.org/aanmelden",
                  SDW_FEEDBACK_URL="https://feedback.example.org/antwoord")
    article = html["verhalen/tamara-van-ark/index.html"]
    traps = _honeypots(article)
    holders = [[tag for tag, a in around if "data-sdw-newsletter" in a or "data-sdw-feedback" in a]
               for _, around in traps]
    assert holders == [["section"], ["form"]], traps  # the question, then the footer's form
    for attrs, around in traps:
        assert attrs["name"] == "website", attrs  # a name form-filling bots fill
        assert attrs["type"] == "text" and attrs["value"] == "", attrs
        assert attrs["tabindex"] == "-1" and attrs["autocomplete"] == "off", attrs  # never reached by Tab
        tag, wrapper = around[-1]
        assert tag == "div" and wrapper == {"class": "sdw-hp", "aria-hidden": "true"}, around[-1]
        assert "style" not in attrs  # hidden by the class (CSP: no style attributes needed)
        assert f'<label for="{attrs["id"]}">Laat dit veld leeg</label>' in article  # for anyone who meets it
        assert "required" not in attrs and "aria-hidden" not in attrs
    for holder in ("form", "section"):
        opening = re.search(rf"<{holder} [^>]*data-sdw-(?:newsletter|feedback)[^>]*>", article).group(0)
        assert 'data-min-ms="3000"' in opening and f'data-te-snel="{TOO_FAST}"' in opening, opening
    assert 'data-aangemeld="Bedankt voor uw aanmelding."' in article
    assert len(_honeypots(html["index.html"])) == 1  # the home page's own form; no question there
    assert _honeypots(html["themas/ips/index.html"])[0][0]["id"] == "sdw-nb-voet-website"
    css = (tmp_path / "p" / "site" / "assets" / "stylesheets" / "sdw.css").read_text(encoding="utf-8")
    rule = re.search(r"\.sdw-hp\s*\{([^}]*)\}", css).group(1)
    assert "position:absolute" in rule.replace(" ", "") and "clip-path:inset(50%)" in rule.replace(" ", "")
    assert "display:none" not in rule.replace(" ", "")  # out of sight, not a field some bots skip
    script = (tmp_path / "p" / "site" / "assets" / "javascripts" / "sdw-newsletter.js").read_text(encoding="utf-8")
    assert "data-sdw-hp" in script and "minMs" in script and "formdata" in script


# ---------- contact line ----------

CONTACT = ('<p class="sdw-contact sdw-contact--voet">Meedenken of een vraag? Mail naar '
           '<a href="mailto:{0}">{0}</a>.</p>')


def _contact_lines(text: str) -> list[str]:
    return re.findall(r'<p class="sdw-contact[^"]*">.*?</p>', text)


def test_contact_line_is_in_the_footer_of_every_page(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch)  # SDW_CONTACT_EMAIL unset: the address the sources give
    expected = CONTACT.format("info@samenvoordeklant.nl")
    events = 0
    for name, text in html.items():
        head, footer = text.split('<footer class="md-footer">', 1)
        assert _contact_lines(footer) == [expected], name
        if name.startswith("evenementen/") and name != "evenementen/index.html":
            # an event's page also ends with it, as the source ends its events ("Meedenken? Mail naar …")
            assert _contact_lines(head) == [expected.replace("sdw-contact--voet", "sdw-contact--evenement")], name
            events += 1
        else:
            assert _contact_lines(head) == [], name
    assert len(html) > 60 and events >= 1
    statement = html["toegankelijkheid/index.html"]
    body = statement.split("<article", 1)[1].split("</article>", 1)[0]
    assert "Onderaan elke pagina staat ons e-mailadres" in body and "'Meedenken of een vraag?'" in body
    assert "@" not in body  # the content names no address: it points to the configured one


def test_contact_address_is_escaped(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, SDW_CONTACT_EMAIL=" o'Brien+sdw@Voorbeeld.nl ")
    for name in PAGES:
        assert _contact_lines(html[name]) == [CONTACT.format("o&#39;Brien+sdw@Voorbeeld.nl")], name
        assert "o'Brien" not in html[name], name


def test_empty_contact_address_shows_no_contact_line(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch, SDW_CONTACT_EMAIL="")
    for name, text in html.items():
        assert "sdw-contact" not in text and 'Mail naar <a href="mailto:' not in text, name
    assert len(html) > 60


@functools.cache
def _theme_env():
    """MkDocs' own Jinja environment for this theme (no autoescape: the macros escape). Made from the
    theme alone: the whole mkdocs.yml would want docs/, which a fresh clone has not built yet."""
    from mkdocs.theme import Theme

    return Theme(name="material", custom_dir=str(ROOT / "overrides"), language="nl").get_env()


def _contact(address, where: str = "voet") -> str:
    template = _theme_env().from_string(
        '{% import "sdw/engage.html" as engage with context %}{{ engage.contact(where) }}')
    return template.render(config={"extra": {"contact": {"email": address}}}, where=where)


@pytest.mark.parametrize("address", [
    "", "   ", None, 5, "geen-adres", "info@samenvoordeklant", "a@b.c", "a@@b.nl", "@b.nl", "a@",
    ".a@b.nl", "a.@b.nl", "a..b@b.nl", "a b@b.nl", "a@b..nl", "a@-b.nl", "a@b-.nl", "a@b.n1",
    '"><script>alert(1)</script>@b.nl', "<a@b.nl>", "a@b.nl?subject=x", "a@b.nl&cc=c@d.nl", "a%40@b.nl",
    "javascript:alert(1)//@b.nl", "a@b.nl\nBcc: c@d.nl", "jan@voorbeeld.nl, piet@voorbeeld.nl",
    "x" * 65 + "@b.nl", "a@" + "b" * 64 + ".nl", "a@" + "b." * 130 + "nl",
])
def test_an_implausible_contact_address_shows_nothing(address):
    assert _contact(address) == ""


@pytest.mark.parametrize("address, shown", [
    ("info@samenvoordeklant.nl", "info@samenvoordeklant.nl"),
    ("  Info@Samenvoordeklant.NL\n", "Info@Samenvoordeklant.NL"),
    ("o'brien-de.vries_2+sdw@mail.voorbeeld-site.nl", "o&#39;brien-de.vries_2+sdw@mail.voorbeeld-site.nl"),
])
def test_a_plausible_contact_address_is_shown_escaped(address, shown):
    assert _contact(address) == CONTACT.format(shown)
    assert _contact(address, "evenement").startswith('<p class="sdw-contact sdw-contact--evenement">')
    assert 'sdw-contact--&#34;&gt;&lt;b&gt;">' in _contact(address, '"><b>')  # the place is escaped too


def test_video_page_has_a_click_to_load_player_and_no_iframe(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch)
    page = html["videos/voorbeeldvideo/index.html"]
    assert "<iframe" not in page and "sdw-video.js" in page
    assert 'data-sdw-video-service="youtube" data-sdw-video-id="voorbeeld01"' in page
    assert 'aria-label="Video afspelen: Voorbeeldvideo: een fictieve jobcoach vertelt"' in page
    assert '<img alt="" class="sdw-video__poster" src="../afbeeldingen/voorbeeldvideo.png">' in page
    assert 'href="https://www.youtube.com/watch?v=voorbeeld01">Bekijk de video op YouTube</a>' in page
    news = html["nieuws/video-in-de-tekst/index.html"]
    assert "<iframe" not in news and 'data-sdw-video-service="vimeo" data-sdw-video-id="123456789"' in news
    assert "sdw-video.js" not in html["verhalen/tamara-van-ark/index.html"]


@pytest.mark.parametrize("url, embed", [
    ("https://www.youtube.com/watch?v=abc123def45&t=10", "https://www.youtube-nocookie.com/embed/abc123def45"),
    ("https://youtu.be/abc123def45", "https://www.youtube-nocookie.com/embed/abc123def45"),
    ("https://www.youtube-nocookie.com/embed/abc123def45", "https://www.youtube-nocookie.com/embed/abc123def45"),
    ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789"),
    ("https://player.vimeo.com/video/123456789", "https://player.vimeo.com/video/123456789"),
    ("https://www.dailymotion.com/video/x7", None),
    ("https://www.youtube.com/playlist?list=PL1", None),
    ("javascript:alert(1)", None),
    ("https://youtube.com.evil.example/embed/abc123def45", None),
])
def test_video_addresses_become_embeddable_players_of_allowed_hosts_only(url, embed):
    video = parse_video(url)
    assert (video.embed if video else None) == embed


def test_author_iframes_of_other_hosts_never_become_players():
    html = sanitize('<iframe src="https://tracker.example.com/embed/1" title="x"></iframe>'
                    '<div class="sdw-video" data-sdw-video="https://tracker.example.com/v/1"></div>')
    out, count = place_players(("", html, ""), "Pagina")  # all of it the author's part
    assert count == 0 and "tracker.example.com/embed" not in out and "<button" not in out
