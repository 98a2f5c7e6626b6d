"""The preview (`sdw serve`) shows why it is stuck: after a save that makes content/ invalid, every
page carries a Dutch banner naming each problem (the lines of `sdw check`) and saying the page is
the last good version; fixing the file takes the banner away. The terminal shows only our Dutch
lines, never MkDocs' English log. Runs `sdw serve` as a child process (tests/preview_child.py)."""

from __future__ import annotations

import re

import pytest
from conftest import copy_project
from markupsafe import escape  # how the partials (overrides/sdw/blocks/) escape
from preview_child import BROKEN_LINE, Preview, break_audience, preview_of_copy
from sdw.preview import LAST_GOOD, Status, banner_html

BANNER = 'class="sdw-preview-problems"'
PAGES = ["", "verhalen/tamara-van-ark/", "tips/", "partners/"]
ENGLISH = re.compile(r"\b(INFO|WARNING|DEBUG)\b|Serving on|Building documentation|Watching paths|"
                     r"Reloading browsers|Detected file changes|dirty|Documentation built")


@pytest.fixture
def preview(tmp_path):
    with preview_of_copy(tmp_path / "p") as running:
        yield running


def _body(page: str) -> str:
    return page[page.index("<body"):]


def test_a_broken_save_puts_a_banner_on_every_page_and_the_fix_takes_it_away(preview):
    project, running = preview
    running.wait_for("Voorbeeld op http://127.0.0.1:")
    for path in PAGES:
        assert BANNER not in running.page(path)

    story, good = break_audience(project)
    page = running.page_until("tips/", lambda h: BANNER in h, "showed the banner")
    running.wait_for("Voorbeeld bijgewerkt")  # the pages reloaded by themselves
    for path in PAGES:
        page = running.page(path)
        body = _body(page)
        assert body.index(BANNER) < body.index("md-header"), f"/{path}: the banner is not at the top"
        banner = body[body.index(BANNER):body.index("</div>", body.index(BANNER))]
        assert 'role="alert"' in banner
        assert escape(BROKEN_LINE) in banner, banner
        assert escape(LAST_GOOD) in banner
    assert "Tamara van Ark" in running.page("verhalen/tamara-van-ark/")  # still the last good version

    story.write_text(good, encoding="utf-8")
    running.page_until("verhalen/tamara-van-ark/", lambda h: BANNER not in h, "lost the banner")
    for path in PAGES:
        assert BANNER not in running.page(path)

    english = [line for line in running.seen if ENGLISH.search(line)]
    assert not english, f"MkDocs' English log reached the terminal: {english}"
    assert not any("Traceback" in line for line in running.seen)


def test_a_problem_that_starts_broken_shows_the_banner_from_the_start(tmp_path):
    project = copy_project(tmp_path / "p")
    first = Preview(project)  # docs/ must exist first: a good start, then stop
    try:
        first.wait_for("Voorbeeld op")
    finally:
        first.stop()
    break_audience(project)
    running = Preview(project)
    try:
        running.wait_for("Voorbeeld op")
        assert escape(BROKEN_LINE) in running.page("")
    finally:
        running.stop()


def test_the_banner_escapes_file_names_and_messages():
    line = 'content/<img src=x onerror=alert(1)>.md:1:1: fout "x" & <script>alert(1)</script>'
    banner = banner_html([line])
    assert "<img" not in banner and "<script" not in banner
    assert escape(line) in banner
    assert banner_html([]) == ""


def test_the_status_changes_only_when_the_problems_do():
    status = Status()
    try:
        assert status.banner() == ""
        assert status.show(["a"]) and not status.show(["a"])
        assert "a" in (status.folder / "status.txt").read_text(encoding="utf-8")
        assert status.show([]) and status.banner() == ""
    finally:
        status.close()
    assert not status.folder.exists()


def test_sdw_build_never_has_the_banner(built_site):
    pages = list((built_site / "site").rglob("*.html"))
    assert pages and not any("sdw-preview-problems" in p.read_text(encoding="utf-8") for p in pages)
