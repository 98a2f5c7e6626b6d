"""The web editor's preview (overrides/admin/sdw-admin.js) looks like the published page.

An author opens an existing interview in `sdw edit` (tests/browser/conftest.py `editor`) and reads
the preview pane next to the form: the same title, kicker, lead, people and "Over dit artikel" as
the published page of that story (served by the same `sdw edit`), in the site's own fonts and
colours. What the preview must show is read from the entry's file and from the published page in
the same browser at the preview's width, never written into the test. Screenshots of both go to
test-artifacts/admin-preview/ for a person to compare.
"""

from __future__ import annotations

import re

import yaml

from .conftest import ARTICLE, DESKTOP, Watched, log_in_to_editor

ENTRY = "verhalen/tamara-van-ark"  # ARTICLE without its slash: the collection and the slug
WAIT = 20_000  # ms: the first preview waits for the editor's scripts, the entry and its relations

# What is measured on both pages: the site's type scale and colours (Material's main and palette
# CSS, then sdw.css), element by element.
STYLES = {
    ".md-typeset": ("font-family", "font-size", "line-height", "color"),
    "h1": ("font-family", "font-size", "font-weight", "color"),
    ".sdw-kicker": ("font-size", "color"),
    ".sdw-type": ("background-color", "color", "font-size"),
    ".sdw-lead": ("font-size", "line-height"),
    ".sdw-person": ("border-left-color", "background-color"),
    ".sdw-about": ("background-color", "border-top-color"),
    ".sdw-about dd a": ("background-color", "color", "border-top-left-radius"),
}
COMPUTED = """(e, names) => { const s = getComputedStyle(e);
  return Object.fromEntries(names.map(n => [n, s.getPropertyValue(n)])); }"""


def _front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _texts(locator) -> list[str]:
    return [" ".join(t.split()) for t in locator.all_text_contents()]


def test_the_preview_looks_like_the_published_page(editor, browser, artifacts):
    from playwright.sync_api import expect

    entry = _front_matter(editor.project / "content" / f"{ENTRY}.md")
    context = browser.new_context(locale="nl-NL", viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT)
        problems = Watched(context, page)
        log_in_to_editor(page, editor.url)
        page.goto(editor.url + f"admin/#/collections/{ENTRY.replace('/', '/entries/')}")
        preview = page.frame_locator("iframe").first

        # What a reader sees: the entry's own title, summary and people ...
        expect(preview.locator("h1")).to_have_text(entry["titel"], timeout=WAIT)
        expect(preview.locator(".sdw-lead")).to_have_text(entry["samenvatting"], timeout=WAIT)
        expect(preview.locator(".sdw-person strong")).to_have_text([p["naam"] for p in entry["personen"]], timeout=WAIT)

        # ... with the same kicker and "Over dit artikel" as the published page (related items by
        # their titles, which the editor loads with the relation fields), measured at the
        # preview's width so the same media queries apply.
        frame = page.locator("iframe").first.element_handle().content_frame()
        width = frame.evaluate("() => innerWidth")
        published = context.new_page()
        published.set_viewport_size({"width": width, "height": DESKTOP[1]})
        published.goto(editor.url + ARTICLE)
        expect(published.locator("h1")).to_have_text(entry["titel"])
        expect(preview.locator(".sdw-kicker")).to_have_text(_texts(published.locator(".sdw-kicker")), timeout=WAIT)
        about = _texts(published.locator(".sdw-about dd"))
        assert about
        expect(preview.locator(".sdw-about dt")).to_have_text(_texts(published.locator(".sdw-about dt")), timeout=WAIT)
        expect(preview.locator(".sdw-about dd")).to_have_text(about, timeout=WAIT)

        # The site's stylesheets style it: every measured property as on the published page
        # (to_have_css waits while the frame's stylesheets load). The published page is styled
        # by sdw.css itself, so equal values cannot both be a browser's defaults.
        assert published.locator(".sdw-type").evaluate(COMPUTED, ["background-color"]) != {
            "background-color": "rgba(0, 0, 0, 0)"}
        for selector, names in STYLES.items():
            want = published.locator(selector).first.evaluate(COMPUTED, list(names))
            shown = preview.locator(selector).first
            for name, value in want.items():
                expect(shown, f"{selector} {name}").to_have_css(name, value, timeout=WAIT)

        folder = artifacts / "admin-preview"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "editor.png"))
        page.locator("iframe").first.screenshot(path=str(folder / "preview.png"))
        published.screenshot(path=str(folder / "published.png"))

        # The preview follows the form as the author types (nothing is saved).
        page.get_by_label(re.compile(r"^Titel$", re.I)).fill("Een nieuwe titel")
        expect(preview.locator("h1")).to_have_text("Een nieuwe titel", timeout=WAIT)

        page.evaluate("() => new Promise(r => setTimeout(r))")  # messages queued so far arrive
        assert problems == []
    finally:
        context.close()
