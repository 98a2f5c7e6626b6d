"""Authors cannot get script into the site: validation refuses it, and the renderer's
sanitiser removes it even when a page skips validation altogether."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import copy_project
from sdw.cli import main
from sdw.render import render

HOSTILE = """---
title: Kwaad
---

# Kwaad

<script>alert("script")</script>
<img src="x.png" alt="x" onerror="alert('img')">
<svg onload="alert('svg')"><circle r="1"/></svg>
<a href="javascript:alert('a')">a</a> <a href="JaVaScRiPt:alert('b')">b</a>
<a href="java&#115;cript:alert('c')">c</a> <a href="data:text/html;base64,PHNjcmlwdD4=">d</a>
<iframe src="https://tracker.example.com/x"></iframe>
<form action="https://example.com"><input name="x"></form>
<style>body { display: none }</style>
<div onclick="alert('div')" style="background:url(javascript:alert(1))">div</div>

[markdown](javascript:alert('md')) ![plaatje](data:image/png;base64,AAAA)

<iframe src="https://www.youtube-nocookie.com/embed/abc123def45" title="Toegestane video"></iframe>
"""


class Article(HTMLParser):
    """Collects tags and attributes inside <article> (the page body, not the theme)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def test_hostile_html_never_reaches_the_built_page(tmp_path):
    project = copy_project(tmp_path / "p")
    assert main(["--root", str(project), "build"]) == 0
    (project / "docs" / "kwaad.md").write_text(HOSTILE, encoding="utf-8")  # validation skipped on purpose
    result = render(project, project / "docs", project / "site")
    assert result.ok, result.messages
    html = (project / "site" / "kwaad" / "index.html").read_text(encoding="utf-8")
    parser = Article()
    parser.feed(html)
    tags = parser.tags
    names = {t for t, _ in tags}
    assert not names & {"script", "style", "svg", "form", "input"}, names
    for tag, attrs in tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for attr in ("href", "src"):
            value = (attrs.get(attr) or "").strip().lower()
            assert not re.match(r"^(javascript|data|vbscript):", value), (tag, attrs)
        assert "style" not in attrs or "javascript" not in attrs["style"], (tag, attrs)
    # no iframe at all: the allowed player became a click-to-load placeholder (sdw/players.py)
    assert "iframe" not in names
    players = [(a.get("data-sdw-video-service"), a.get("data-sdw-video-id")) for t, a in tags if t == "figure"]
    assert players == [("youtube", "abc123def45")]
    assert "tracker.example.com" not in html
    assert "alert(\"script\")" not in html and "alert('img')" not in html


def test_validation_refuses_the_same_page_before_anything_is_written(tmp_path, capsys):
    project = copy_project(tmp_path / "p")
    body = HOSTILE.split("# Kwaad", 1)[1]
    (project / "content" / "kwaad.md").write_text(
        '---\ntitel: "Kwaad"\nsamenvatting: "Probeert script in de site te krijgen."\n---\n' + body,
        encoding="utf-8")
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    for rule in ("SDW024 verboden-html", "SDW025 event-attribuut", "SDW026 onveilige-link"):
        assert rule in err
    assert not (project / "site").exists() and not (project / "docs").exists()
    assert "Traceback" not in err
