"""Golden checks: the pages generated from a small fixture corpus, compared with tests/golden/.

After an intended change, refresh with `SDW_UPDATE_GOLDEN=1 pytest tests/test_generate.py`
and review the difference with `git diff tests/golden`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from sdw.dates import PartialDate, parse_date
from sdw.generate import Context, esc, generate, link, write_pages
from sdw.load import load_all
from sdw.model import build_site
from sdw.validate import validate

GOLDEN = Path(__file__).parent / "golden"
# A fixed build: the golden events are upcoming, ongoing and past relative to this day.
GOLDEN_CONTEXT = Context(base_url="https://www.example.org/", today=dt.date(2026, 11, 23))


@pytest.fixture
def pages(tmp_path):
    content = FIXTURES / "golden-content"
    result = validate(load_all(content, content.parent))
    assert result.ok, result.problems
    return generate(build_site(result.records), GOLDEN_CONTEXT)


def test_generated_pages_match_golden_tree(pages, tmp_path):
    if os.environ.get("SDW_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        write_pages(pages, GOLDEN)
        for card in (GOLDEN / "assets" / "social").glob("*.png"):
            card.write_bytes(b"")  # the name is what is held (below); the pixels are Pillow's
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    # pages, feeds and calendars; the social cards' pixels are Pillow's (tests/test_socialcard.py),
    # so of those only the names are held here (each named after its texts, see sdw.socialcard)
    actual = {p.path: p.encode() for p in pages if not p.path.startswith("assets/social/")}
    cards = {p.path for p in pages if p.path.startswith("assets/social/")}
    assert cards == {path for path in expected if path.startswith("assets/social/")}
    expected = {path: data for path, data in expected.items() if not path.startswith("assets/social/")}
    assert sorted(actual) == sorted(expected)
    for path, data in actual.items():
        assert data == expected[path], f"{path} differs from tests/golden/{path}"


def test_the_generator_speaks_no_renderers_language(pages):
    """Material's class names, attributes and page settings are added by the render stage
    (mkdocs_hooks.material_terms); the generator's pages would serve another renderer as they are."""
    for page in pages:
        text = page.encode().decode("utf-8", errors="replace")
        assert "md-" not in text and "data-search-exclude" not in text, page.path
        assert "hide" not in getattr(page, "meta", {}), page.path  # feeds and calendars have none
    home = next(p for p in pages if p.path == "index.md")
    assert home.meta["sdw_nav"] is False and home.meta["sdw_toc"] is False
    assert 'data-sdw-unindexed=""' in home.body


def test_author_text_cannot_inject_markup(pages):
    story = next(p for p in pages if p.path == "verhalen/voorbeeld.md")
    assert "Een voorbeeld: werk \\*als\\* medicijn" in story.body
    assert "&lt;tekens&gt; &amp; opmaak" in story.body
    assert story.meta["description"] == "Een verhaal met <tekens> & opmaak in de samenvatting."


def test_write_pages_keeps_unchanged_files_and_removes_stale_ones(pages, tmp_path):
    first = write_pages(pages, tmp_path)
    assert len(first.written) == len(pages)
    (tmp_path / "oud.md").write_text("weg", encoding="utf-8")
    second = write_pages(pages, tmp_path)
    assert second.written == () and second.unchanged == len(pages) and second.removed == ("oud.md",)


@pytest.mark.parametrize("text, dutch", [("2018-12-05", "5 december 2018"), ("2016-02", "februari 2016"),
                                         ("2021", "2021"), ("2020-02-29", "29 februari 2020")])
def test_dates_are_shown_the_dutch_way(text, dutch):
    assert parse_date(text).dutch() == dutch


def test_partial_dates_sort_by_precision():
    assert sorted([PartialDate(2018, 12, 5), PartialDate(2018), PartialDate(2018, 12)]) == [
        PartialDate(2018), PartialDate(2018, 12), PartialDate(2018, 12, 5)]


def test_links_are_relative_between_docs_pages():
    assert link("verhalen/a.md", "themas/ips.md") == "../themas/ips.md"
    assert link("index.md", "themas/ips.md") == "themas/ips.md"
    assert esc("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
