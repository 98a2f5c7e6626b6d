"""The preview's problem banner in Chromium: after a broken save the open page reloads by itself
(MkDocs' live reload, allowed by the preview's Content-Security-Policy) and shows the Dutch
banner at the top, visible and without axe violations (WCAG 2.0/2.1 A + AA), light and dark;
after the fix it reloads again without it. `sdw serve` runs as a child process."""

from __future__ import annotations

import pytest
from conftest import copy_project
from preview_child import BROKEN_LINE, Preview, break_audience

from .conftest import SITE_CONTENT, axe_violations, describe_violations, settle

BANNER = ".sdw-preview-problems"
TIMEOUT_MS = 60_000


@pytest.fixture
def preview(tmp_path, chromium_path):
    project = copy_project(tmp_path / "p", SITE_CONTENT)  # break_audience edits one of its stories
    running = Preview(project)
    try:
        running.wait_for("Voorbeeld op http://127.0.0.1:")
        yield project, running
    finally:
        running.stop()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_banner_appears_by_itself_is_readable_and_goes_away(page_factory, preview, scheme):
    project, running = preview
    page, _ = page_factory(running.url + "verhalen/tamara-van-ark/", scheme=scheme)
    assert page.locator(BANNER).count() == 0
    page.evaluate("() => { window.sdwBeforeSave = true; }")

    story, good = break_audience(project)
    banner = page.locator(BANNER)
    banner.wait_for(state="visible", timeout=TIMEOUT_MS)  # nobody pressed anything
    # Measured once the reloaded page is there as a reader sees it (loaded, with its stylesheets):
    # the banner shows while the page is still being parsed, before the header is laid out.
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.sdwBeforeSave === undefined"), "the page did not reload"
    assert banner.get_attribute("role") == "alert"
    text = " ".join(banner.inner_text().split())
    assert BROKEN_LINE in text
    assert "laatste goede versie" in text
    box, header = banner.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] <= 1 and box["y"] + box["height"] <= header["y"] + 1, "the banner is not at the top"
    settle(page)
    violations = axe_violations(page)
    assert not violations, f"axe ({scheme}) with the banner shown:\n" + describe_violations(violations)

    story.write_text(good, encoding="utf-8")
    banner.wait_for(state="detached", timeout=TIMEOUT_MS)  # the old page is going away
    # The reloaded page, as the reader sees it once it is there: the story, and no banner.
    page.locator("h1").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    page.wait_for_load_state("load")
    assert page.locator(BANNER).count() == 0


TIPS = ".sdw-preview-tips"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_tips_are_folded_away_readable_and_open_with_the_keyboard(page_factory, preview, scheme):
    """A page with readability tips (sdw.readability) carries them under the header line, folded
    (<details>, no script, so under the page's policy), apart from any problem banner."""
    project, running = preview
    page, _ = page_factory(running.url + "verhalen/tamara-van-ark/", scheme=scheme)
    tips = page.locator(TIPS)
    tips.wait_for(state="visible", timeout=TIMEOUT_MS)
    page.wait_for_load_state("load")
    assert page.locator(BANNER).count() == 0, "tips are not problems"
    assert tips.get_attribute("open") is None, "the tips are not folded away"
    assert not page.locator(f"{TIPS} li").first.is_visible()
    summary = page.locator(f"{TIPS} summary")
    assert summary.inner_text().startswith("Tips voor leesbaarheid van deze pagina:")
    box, header = tips.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] + box["height"] <= header["y"] + 1, "the tips are not above the page"
    summary.focus()
    page.keyboard.press("Enter")
    first = page.locator(f"{TIPS} li").first
    first.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert "content/verhalen/tamara-van-ark.md:" in first.inner_text() and " tip [SDW0" in first.inner_text()
    settle(page)
    violations = axe_violations(page)
    assert not violations, f"axe ({scheme}) with the tips open:\n" + describe_violations(violations)
