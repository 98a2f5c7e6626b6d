"""Newsletter, page feedback and video players in the built HTML, with endpoints set and unset.

mkdocs.yml reads the endpoints from the environment (SDW_NEWSLETTER_URL,
SDW_FEEDBACK_URL); unset, neither the form nor the question nor their
scripts appear anywhere. Browser behaviour: tests/browser/test_engage.py.
"""

from __future__ import annotations

import re

import pytest
from conftest import copy_project, with_video_content
from sdw.cli import main
from sdw.players import place_players
from sdw.sanitize import sanitize
from sdw.videos import parse_video

ENDPOINT_ENV = ("SDW_NEWSLETTER_URL", "SDW_NEWSLETTER_FIELD", "SDW_FEEDBACK_URL")


def _build(tmp_path, monkeypatch, **env) -> dict[str, str]:
    for key in ENDPOINT_ENV:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    project = copy_project(tmp_path / "p", with_video_content(tmp_path / "src"))
    assert main(["--root", str(project), "build"]) == 0
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


PAGES = ["index.html", "verhalen/tamara-van-ark/index.html", "videos/voorbeeldvideo/index.html",
         "themas/ips/index.html", "privacy/index.html", "404.html"]


def test_without_endpoints_there_is_no_form_no_question_and_no_script(tmp_path, monkeypatch):
    html = _build(tmp_path, monkeypatch)
    for name, text in html.items():
        assert "data-sdw-newsletter" not in text and "data-sdw-feedback" not in text, name
        assert 'class="sdw-newsletter"' not in text, name
        assert "sdw-newsletter.js" not in text and "sdw-feedback.js" not in text, name
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
