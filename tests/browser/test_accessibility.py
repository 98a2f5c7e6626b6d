"""Accessibility in a real browser: axe-core (WCAG 2.0/2.1 A + AA) on every page type,
light and dark, desktop and phone; keyboard use; Dutch language throughout."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .conftest import (
    ALL_PAGES,
    ARTICLE,
    DESKTOP,
    IFRAME_PAGE,
    MISSING_PAGE,
    PHONE,
    SEARCH_RESULT,
    VIDEO_PAGE,
    axe_violations,
    axe_violations_in,
    describe_violations,
    open_search,
    settle,
)

SCHEMES = ["light", "dark"]
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SEARCH = "zoeken:samenwerking"  # not a path: the home page with search results open
# Listings narrowed by the filters (sdw-filter.js), from a shared URL.
FILTERED = ["artikelen/?doelgroep=werkgevers&jaar=2016,2018", "themas/ips/?soort=tip"]


def _page_id(path: str) -> str:
    return path.rstrip("/") or "home"


# ---------- axe-core ----------

@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", [*ALL_PAGES, SEARCH], ids=_page_id)
def test_no_axe_violations(page_factory, server, path, scheme, viewport):
    url = server if path == SEARCH else server + path
    page, _ = page_factory(url, scheme=scheme, viewport=VIEWPORTS[viewport])
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    if path == SEARCH:
        open_search(page, SEARCH.split(":", 1)[1])
    settle(page)  # Material fades the tabs in: read colours once they stand still
    violations = axe_violations(page)
    if path == SEARCH:  # and once more with the first result focused from the keyboard
        page.keyboard.press("ArrowDown")
        settle(page)
        seen = {v["id"] for v in violations}
        violations += [v for v in axe_violations_in(page, ".md-search-result") if v["id"] not in seen]
    assert not violations, (
        f"axe found {len(violations)} rule(s) violated on /{'' if path == SEARCH else path} "
        f"({'search results open, ' if path == SEARCH else ''}{scheme}, {viewport}):\n"
        + describe_violations(violations))


# States of the newsletter form, page feedback and video players (build with endpoints).
ENGAGE_STATES = {
    "video-voor-klik": VIDEO_PAGE,
    "iframe-voor-klik": IFRAME_PAGE,
    "nieuwsbrief-start-fout": "",
    "nieuwsbrief-voet-fout": ARTICLE,
    "feedback-bedankt": ARTICLE,
}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("state", list(ENGAGE_STATES))
def test_no_axe_violations_in_engage_states(page_factory, engage, state, scheme, viewport):
    page, _ = page_factory(engage.site + ENGAGE_STATES[state], scheme=scheme, viewport=VIEWPORTS[viewport],
                           wait_until="networkidle")
    page.evaluate("document.querySelectorAll('[data-min-ms]').forEach(e => e.dataset.minMs = '0')")
    if state.startswith("nieuwsbrief"):
        # Sent with Enter from the empty field, as a keyboard user does (the mouse is covered by
        # test_engage.py).
        section = page.locator(".sdw-newsletter")
        section.get_by_label("E-mailadres").focus()
        page.keyboard.press("Enter")
        section.locator(".sdw-newsletter__error").wait_for(state="visible")
    elif state == "feedback-bedankt":
        page.get_by_role("button", name="Ja").focus()  # and Enter, as above
        page.keyboard.press("Enter")
        page.locator(".sdw-feedback [role=status]").filter(has_text="Bedankt").wait_for()
    else:
        page.locator(".sdw-video__play").first.wait_for(state="visible")
    settle(page)
    violations = axe_violations(page)
    assert not violations, (f"axe found {len(violations)} rule(s) violated in state {state} "
                            f"({scheme}, {viewport}):\n" + describe_violations(violations))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", FILTERED)
def test_no_axe_violations_on_filtered_listings(page_factory, server, path, scheme, viewport):
    page, _ = page_factory(server + path, scheme=scheme, viewport=VIEWPORTS[viewport])
    assert page.locator(".sdw-filter input:checked").count() > 0, "the URL chose no filter"
    panel = page.locator(".sdw-filter__panel")
    if not panel.evaluate("d => d.open"):  # folded on phones: check the controls opened
        page.locator(".sdw-filter summary").click()
    assert page.locator(".sdw-filter input:disabled").count() > 0  # values with 0 included
    page.locator(".sdw-filter input:not(:disabled)").first.focus()
    settle(page)
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} rule(s) violated on /{path} ({scheme}, {viewport}):\n"
        + describe_violations(violations))


# ---------- keyboard ----------

FOCUS_INDICATOR = """el => {
  // A visible focus indicator on the element, or on the card/tile it covers (:focus-within).
  const shown = e => {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      && s.outlineColor !== 'rgba(0, 0, 0, 0)';
    return outline || s.boxShadow !== 'none';
  };
  const holder = el.closest('.sdw-card, .sdw-audience');
  return shown(el) || (holder !== null && shown(holder));
}"""

TABBABLE = """() => {
  // Every control a keyboard user should be able to reach with Tab on this page: the
  // usual focusable elements, plus links and buttons taken out of the Tab order
  // (tabindex=-1) while a sighted user sees them. Labels of an input count with it.
  const candidates = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]');
  const radios = new Set();
  const out = [];
  let n = 0;
  for (const el of candidates) {
    if (el.matches(':disabled, [inert] *') || el.closest('[hidden], [aria-hidden="true"]')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (el.getAttribute('tabindex') === '-1') {
      const r = el.getBoundingClientRect();
      const seen = el.checkVisibility({visibilityProperty: true, opacityProperty: true})
        && r.width > 0 && r.height > 0;
      if (!(seen && el.matches('a[href], button'))) continue;
    }
    if (el.type === 'radio') {  // a radio group is one Tab stop
      if (radios.has(el.name)) continue;
      radios.add(el.name);
    }
    el.dataset.sdwTab = String(n++);
    out.push(el.outerHTML.slice(0, 120));
  }
  return out;
}"""


def test_skip_link_is_dutch_and_visible_on_focus(page_factory, server):
    page, _ = page_factory(server + ARTICLE)
    page.keyboard.press("Tab")
    # Material fades the skip link in: let its transitions finish first.
    settle(page)
    focused = page.evaluate("""() => {
      const el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
      return {tag: el.tagName, text: el.innerText.trim(), href: el.getAttribute('href'),
              opacity: parseFloat(s.opacity), visibility: s.visibility,
              box: [r.left, r.top, r.width, r.height], vw: innerWidth, vh: innerHeight};
    }""")
    assert focused["tag"] == "A" and focused["href"].startswith("#"), focused
    assert focused["text"] in ("Ga naar inhoud", "Doorgaan naar inhoud", "Naar de inhoud"), focused
    left, top, width, height = focused["box"]
    assert focused["opacity"] > 0.5 and focused["visibility"] == "visible", focused
    assert width > 0 and height > 0 and left >= 0 and top >= 0, focused
    assert left + width <= focused["vw"] and top + height <= focused["vh"], focused
    assert page.locator(focused["href"]).count() == 1, "the skip link's target is missing"
    for scheme in ("light", "dark"):  # readable once shown, in both schemes
        page.emulate_media(color_scheme=scheme)
        page.evaluate("""s => { document.body.setAttribute('data-md-color-scheme', s);
                               document.activeElement.blur(); }""",
                      "slate" if scheme == "dark" else "default")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        settle(page)
        assert page.evaluate("document.activeElement.classList.contains('md-skip')")
        violations = axe_violations_in(page, ".md-skip")
        assert not violations, f"skip link ({scheme}):\n" + describe_violations(violations)


def test_focus_is_visible_on_content_links(page_factory, server):
    page, _ = page_factory(server + ARTICLE)
    checked = []
    for _ in range(150):
        page.keyboard.press("Tab")
        info = page.evaluate(f"""() => {{
          const el = document.activeElement;
          if (!el || el.tagName !== 'A' || !el.closest('.md-content')) return null;
          return {{html: el.outerHTML.slice(0, 120), shown: ({FOCUS_INDICATOR})(el)}};
        }}""")
        if info is not None:
            checked.append(info)
        if len(checked) >= 8:
            break
    assert checked, "Tab never reached a link inside the content"
    hidden = [c["html"] for c in checked if not c["shown"]]
    assert not hidden, "links without a visible focus indicator:\n" + "\n".join(hidden)


@pytest.mark.parametrize("path", ["", ARTICLE, FILTERED[0]], ids=_page_id)
def test_every_control_is_reachable_with_tab(page_factory, server, path):
    page, _ = page_factory(server + path)
    tabbable = page.evaluate(TABBABLE)
    assert len(tabbable) > 10, tabbable
    reached = set()
    for _ in range(len(tabbable) + 15):
        page.keyboard.press("Tab")
        index = page.evaluate("() => document.activeElement && document.activeElement.dataset.sdwTab")
        if index is not None:
            reached.add(int(index))
    missing = [html for i, html in enumerate(tabbable) if i not in reached]
    assert not missing, (f"{len(missing)} of {len(tabbable)} controls not reached with Tab:\n"
                         + "\n".join(missing))


# ---------- language ----------

class _HtmlLang(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang")


@pytest.mark.parametrize("folder", ["site", "site-offline"])
def test_every_built_page_is_dutch(built, folder):
    pages = sorted((built / folder).rglob("*.html"))
    assert len(pages) > 50
    wrong = []
    for path in pages:
        parser = _HtmlLang()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.lang != "nl":
            wrong.append(f"{path.relative_to(built / folder)}: lang={parser.lang!r}")
    assert not wrong, "\n".join(wrong)


# Material's English interface strings (visible text) and accessible names.
ENGLISH_TEXT = ["Made with", "Skip to content", "Search", "Back to top", "Table of contents",
                "Previous", "Next", "Not found"]
ENGLISH_NAMES = [*ENGLISH_TEXT, "Header", "Footer", "Tabs", "Navigation", "Share", "Clear",
                 "Type to start searching", "Initializing search", "Copy to clipboard"]


@pytest.mark.parametrize("path", ["", ARTICLE, MISSING_PAGE], ids=_page_id)
def test_no_english_interface_text(page_factory, server, path):
    page, _ = page_factory(server + path)
    page.keyboard.press("Tab")  # the skip link's text counts only when shown
    text = page.evaluate("document.body.innerText")
    found = [w for w in ENGLISH_TEXT if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not found, f"English interface text on /{path}: {found}"
    names = page.evaluate("""() => [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
      .flatMap(el => ['aria-label', 'title', 'placeholder'].map(a => el.getAttribute(a)))
      .filter(Boolean)""")
    english = sorted({n for n in names if n in ENGLISH_NAMES})
    assert not english, f"English accessible names on /{path}: {english}"


def test_search_result_text_is_dutch(page_factory, server):
    page, _ = page_factory(server)
    open_search(page, "samenwerking")
    text = page.locator(".md-search").inner_text()
    found = [w for w in ENGLISH_TEXT + ["matching document", "Type to start"] if w in text]
    assert not found, f"English in the search results: {found}"
    assert page.locator(SEARCH_RESULT).count() > 0
