"""Newsletter form, page feedback, the contact line and click-to-load videos in a real browser,
against a build whose endpoints point at a local recording server (fixture `engage`).

Both forms refuse to send sooner than data-min-ms (3 s) after they became usable. Tests
about something else lower it to 0 in the page (`_minimum`); the tests of the minimum
itself stop the page's clock before it loads (`_paused_clock`) and move it on by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest

from .conftest import (
    ARTICLE,
    DESKTOP,
    IFRAME_PAGE,
    PHONE,
    VIDEO_PAGE,
    axe_violations,
    describe_violations,
    feedback_body,
    settle,
    tab_to,
)

VIDEO_HOSTS = ("youtube", "vimeo")
TOO_FAST = "Dat ging wel erg snel. Probeer het over een paar seconden opnieuw."
FORMS = [("", "#sdw-nb-start-email"), (ARTICLE, "#sdw-nb-voet-email")]


def _foreign(requests: list[str]) -> list[str]:
    return sorted({u for u in requests
                   if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"})


def _posts(engage, path: str) -> list[dict]:
    return [r for r in engage.records if r["method"] == "POST" and r["path"].startswith(path)]


def _tab_to(page, selector: str) -> None:
    tab_to(page, selector, first=True)


def _minimum(page, ms: int) -> None:
    """Set the minimum time of every form on the page (data-min-ms; the scripts read it on each send)."""
    page.evaluate("ms => document.querySelectorAll('[data-min-ms]').forEach(e => { e.dataset.minMs = ms; })",
                  str(ms))


PAUSED = datetime(2026, 3, 2, 10, 0, 0)


def _paused_clock(page_factory, url: str):
    """A page whose clock stands still from before it loads: no time passes between the scripts
    starting and a send unless the test moves it on (page.clock.fast_forward). A stopped clock
    also stops requestAnimationFrame, so these pages are used with the keyboard."""
    page, requests = page_factory(None)
    page.clock.install(time=PAUSED)
    page.clock.pause_at(PAUSED + timedelta(seconds=10))
    page.goto(url, wait_until="networkidle")
    return page, requests


def _fill_honeypot(scope) -> None:
    """What a bot does: write into the field that no person sees or reaches."""
    scope.locator("[data-sdw-hp]").evaluate(
        "el => { el.value = 'https://goedkoop.example/'; el.dispatchEvent(new Event('input', {bubbles: true})); }")


# ---------- page feedback ----------

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("control", ["Ja", "Link kopiëren"])
def test_controls_below_the_related_items_stay_where_they_scrolled_to(page_factory, engage, control, viewport):
    """A reader scrolls to the feedback buttons or the share links and clicks: they must still be
    where the reader saw them. (With content-visibility: auto on the related items above them,
    the section was laid out at its estimated height until it came near, then grew, and the
    controls jumped down by a few hundred pixels: a click landed on the article instead.)"""
    page, _ = page_factory(engage.site + ARTICLE, viewport=viewport, wait_until="networkidle")
    button = page.get_by_role("button", name=control)
    button.scroll_into_view_if_needed()
    seen = button.bounding_box()
    # What the browser lays out once the page is scrolled: two frames, then the related items
    # are rendered (checkVisibility with contentVisibilityAuto is false while they are skipped).
    page.wait_for_function("""() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>
        r(document.querySelector('.sdw-related').checkVisibility({contentVisibilityAuto: true})))))""")
    assert button.bounding_box() == seen


def test_feedback_sends_only_page_and_answer_without_cookies(page_factory, engage):
    engage.records.clear()
    page, requests = page_factory(None)
    # A cookie for the host both servers share: it must not travel with the answer.
    page.context.add_cookies([{"name": "proef", "value": "1", "domain": "127.0.0.1", "path": "/"}])
    page.goto(engage.site + ARTICLE + "?bron=nieuwsbrief#lees-verder", wait_until="networkidle")
    _minimum(page, 0)
    question = page.get_by_role("group", name="Vond u deze pagina interessant?")
    assert question.is_visible()
    question.get_by_role("button", name="Ja").click()
    status = page.locator(".sdw-feedback [role=status]")
    status.filter(has_text="Bedankt voor uw antwoord.").wait_for()
    assert not question.is_visible(), "the buttons stay after answering"
    posts = _posts(engage, "/feedback")
    assert len(posts) == 1, engage.records
    assert posts[0]["path"] == "/feedback", "no query string added"
    assert feedback_body(posts[0]) == {"page": "/verhalen/tamara-van-ark/", "answer": "ja"}
    headers = posts[0]["headers"]
    assert "cookie" not in headers and "referer" not in headers, headers
    assert headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert [r for r in engage.records if r["method"] != "POST"] == [], "a simple request: no preflight"
    assert _foreign(requests) == []


def test_feedback_failure_says_so_and_allows_another_try(page_factory, engage):
    engage.records.clear()
    engage.fail(True)
    try:
        page, _ = page_factory(engage.site + VIDEO_PAGE, wait_until="networkidle")
        _minimum(page, 0)
        page.get_by_role("button", name="Nee").click()
        page.locator(".sdw-feedback [role=status]").filter(has_text="kon niet worden verstuurd").wait_for()
        assert page.get_by_role("button", name="Nee").get_attribute("aria-disabled") == "false"
        assert feedback_body(_posts(engage, "/feedback")[0]) == {"page": "/videos/voorbeeldvideo/",
                                                                 "answer": "nee"}
    finally:
        engage.fail(False)
    page.get_by_role("button", name="Nee").click()
    page.locator(".sdw-feedback [role=status]").filter(has_text="Bedankt").wait_for()


def test_feedback_works_with_the_keyboard_only(page_factory, engage):
    engage.records.clear()
    page, _ = page_factory(engage.site + "tips/gewoon-starten/", wait_until="networkidle")
    _minimum(page, 0)
    _tab_to(page, ".sdw-feedback button[value=nee]")
    page.keyboard.press("Space")
    status = page.locator(".sdw-feedback [role=status]")
    status.filter(has_text="Bedankt voor uw antwoord.").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status", "focus is not lost"
    assert feedback_body(_posts(engage, "/feedback")[0]) == {"page": "/tips/gewoon-starten/", "answer": "nee"}


def test_feedback_is_only_under_articles(page_factory, engage):
    for path in ("", "themas/ips/", "verhalen/", "over-sterk-door-werk/"):
        page, _ = page_factory(engage.site + path)
        assert page.locator("[data-sdw-feedback]").count() == 0, path
        assert page.locator("script[src*='sdw-feedback']").count() == 0, path


# ---------- newsletter ----------

@pytest.mark.parametrize("path, form", FORMS, ids=["home", "footer"])
def test_newsletter_errors_are_dutch_linked_and_focused(page_factory, engage, path, form):
    engage.records.clear()
    page, requests = page_factory(engage.site + path, wait_until="networkidle")
    _minimum(page, 0)
    assert page.locator("form[data-sdw-newsletter]").count() == 1, "one form per page"
    field = page.locator(form)
    assert page.get_by_label("E-mailadres").count() == 1 and field.get_attribute("autocomplete") == "email"
    section = field.locator("xpath=ancestor::section")
    section.get_by_role("button", name="Aanmelden").click()
    error = section.locator(".sdw-newsletter__error")
    assert error.inner_text().strip() == "Vul uw e-mailadres in."
    assert field.get_attribute("aria-invalid") == "true"
    assert page.evaluate("s => document.activeElement === document.querySelector(s)", form)
    described = field.get_attribute("aria-describedby").split()
    assert error.get_attribute("id") in described and len(described) == 2, described
    field.fill("geen-adres")
    page.keyboard.press("Enter")
    assert "geen geldig e-mailadres" in error.inner_text()
    assert _posts(engage, "/nieuwsbrief") == [], "an invalid address is not sent"
    field.fill("lezer@example.org")
    assert field.get_attribute("aria-invalid") is None and not error.is_visible()
    with page.expect_response(lambda r: "/nieuwsbrief" in r.url):  # answered: the server has recorded it
        page.keyboard.press("Enter")
    posts = _posts(engage, "/nieuwsbrief")
    assert [(p["path"], p["body"]) for p in posts] == [("/nieuwsbrief?lijst=1", "EMAIL=lezer%40example.org")]
    assert _foreign(requests) == []


def test_newsletter_without_javascript_uses_browser_validation(page_factory, engage):
    engage.records.clear()
    page, _ = page_factory(engage.site + ARTICLE, java_script_enabled=False)
    form = page.locator("form[data-sdw-newsletter]")
    assert form.get_attribute("novalidate") is None and form.get_attribute("method") == "post"
    assert page.locator("#sdw-nb-voet-email").get_attribute("required") is not None
    form.get_by_role("button", name="Aanmelden").click()  # no script here: nothing to wait for
    # The browser's own validation stopped the submit (it never starts with an invalid field).
    assert page.locator("#sdw-nb-voet-email:invalid").count() == 1
    assert form.evaluate("f => f.checkValidity()") is False
    assert _posts(engage, "/nieuwsbrief") == []
    assert page.locator("[data-sdw-feedback]").is_hidden(), "feedback needs the script: hidden without it"


def test_newsletter_without_javascript_posts_straight_to_the_service(page_factory, engage):
    """Progressive enhancement: without the script the form still works, and then our spam
    checks do not run: no minimum time, and the (empty) honeypot travels along. Only the
    service's own checks apply."""
    engage.records.clear()
    page, _ = page_factory(engage.site + ARTICLE, java_script_enabled=False)
    page.locator("#sdw-nb-voet-email").fill("lezer@example.org")
    with page.expect_response(lambda r: "/nieuwsbrief" in r.url):
        page.locator("#sdw-nb-voet-email").press("Enter")
    assert [(p["path"], p["body"]) for p in _posts(engage, "/nieuwsbrief")] == [
        ("/nieuwsbrief?lijst=1", "EMAIL=lezer%40example.org&website=")]


# ---------- spam checks: minimum time and honeypot ----------

@pytest.mark.parametrize("path, form", FORMS, ids=["home", "footer"])
def test_newsletter_sent_too_soon_is_refused_and_sent_after_three_seconds(page_factory, engage, path, form):
    engage.records.clear()
    page, requests = _paused_clock(page_factory, engage.site + path)
    field = page.locator(form)
    section = field.locator("xpath=ancestor::section")
    status = section.get_by_role("status")
    assert section.locator("form").get_attribute("data-min-ms") == "3000"  # as shipped
    field.fill("lezer@example.org")
    field.press("Enter")  # at once, as a bot does
    status.filter(has_text=TOO_FAST).wait_for()
    assert field.get_attribute("aria-invalid") is None, "not the reader's mistake"
    assert section.locator(".sdw-newsletter__error").is_hidden()
    page.clock.fast_forward(2_900)
    field.press("Enter")  # 2.9 s: still too soon
    assert status.inner_text() == TOO_FAST
    page.clock.fast_forward(100)  # 3 s after the form became usable
    with page.expect_response(lambda r: "/nieuwsbrief" in r.url):
        field.press("Enter")
    # One post: the refused ones were never sent, and the honeypot is not in it.
    assert [(p["path"], p["body"]) for p in _posts(engage, "/nieuwsbrief")] == [
        ("/nieuwsbrief?lijst=1", "EMAIL=lezer%40example.org")]
    assert [u for u in requests if "/nieuwsbrief" in u] == [engage.endpoint + "/nieuwsbrief?lijst=1"]
    assert section.locator(".sdw-newsletter__status").text_content() == "" and status.count() == 0  # cleared


def test_feedback_sent_too_soon_is_refused_and_sent_after_three_seconds(page_factory, engage):
    engage.records.clear()
    page, requests = _paused_clock(page_factory, engage.site + ARTICLE)
    question = page.get_by_role("group", name="Vond u deze pagina interessant?")
    status = page.locator(".sdw-feedback [role=status]")
    question.get_by_role("button", name="Ja").focus()
    page.keyboard.press("Enter")
    status.filter(has_text=TOO_FAST).wait_for()
    assert question.is_visible(), "the reader can answer again"
    page.clock.fast_forward(2_900)
    page.keyboard.press("Enter")
    assert status.inner_text() == TOO_FAST
    page.clock.fast_forward(100)
    page.keyboard.press("Enter")
    status.filter(has_text="Bedankt voor uw antwoord.").wait_for()  # after the server answered
    assert [feedback_body(p) for p in _posts(engage, "/feedback")] == [
        {"page": "/verhalen/tamara-van-ark/", "answer": "ja"}]
    assert len([u for u in requests if "/feedback" in u]) == 1


@pytest.mark.parametrize("path, form", FORMS, ids=["home", "footer"])
def test_newsletter_with_a_filled_honeypot_sends_nothing(page_factory, engage, path, form):
    engage.records.clear()
    page, requests = page_factory(engage.site + path, wait_until="networkidle")
    _minimum(page, 0)  # only the honeypot can stop it
    field = page.locator(form)
    section = field.locator("xpath=ancestor::section")
    field.fill("robot@example.org")
    _fill_honeypot(section)
    field.press("Enter")
    # Silently as if it worked: the bot learns nothing.
    section.get_by_role("status").filter(has_text="Bedankt voor uw aanmelding.").wait_for()
    assert field.input_value() == "" and field.get_attribute("aria-invalid") is None
    assert _posts(engage, "/nieuwsbrief") == [] and [u for u in requests if "/nieuwsbrief" in u] == []
    # The same form with the honeypot empty (as every person leaves it) sends.
    field.fill("lezer@example.org")
    with page.expect_response(lambda r: "/nieuwsbrief" in r.url):
        field.press("Enter")
    assert [p["body"] for p in _posts(engage, "/nieuwsbrief")] == ["EMAIL=lezer%40example.org"]


def test_feedback_with_a_filled_honeypot_sends_nothing(page_factory, engage):
    engage.records.clear()
    page, requests = page_factory(engage.site + ARTICLE, wait_until="networkidle")
    _minimum(page, 0)
    _fill_honeypot(page.locator(".sdw-feedback"))
    question = page.get_by_role("group", name="Vond u deze pagina interessant?")
    question.get_by_role("button", name="Nee").focus()
    page.keyboard.press("Enter")
    # A real answer shows its thanks only once the server has it: so nothing was sent.
    page.locator(".sdw-feedback [role=status]").filter(has_text="Bedankt voor uw antwoord.").wait_for()
    assert not question.is_visible()
    assert _posts(engage, "/feedback") == [] and [u for u in requests if "/feedback" in u] == []


FOCUSED = """() => { const el = document.activeElement;
  return el === document.body || !el ? null : {hp: el.matches('[data-sdw-hp]') || !!el.closest('.sdw-hp'),
    id: el.id, value: el.value || '', href: el.getAttribute('href') || '', text: el.textContent.trim()}; }"""


def test_tab_never_lands_in_a_honeypot(page_factory, engage):
    """Walk the focus with Tab from the feedback question through the footer's form to the
    contact line, then back with Shift+Tab: the honeypots are never focused."""
    page, _ = page_factory(engage.site + ARTICLE, wait_until="networkidle")
    hidden = page.get_by_role("textbox", name="Laat dit veld leeg", include_hidden=True)
    assert hidden.count() == 2  # the question's and the form's
    assert page.get_by_role("textbox", name="Laat dit veld leeg").count() == 0  # not for screen readers
    for i in range(2):  # and not for the eye: its wrapper is one pixel, clipped to nothing
        wrapper = hidden.nth(i).locator("xpath=ancestor::div[@aria-hidden='true'][1]")
        box = wrapper.bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1, box
        assert wrapper.evaluate("e => getComputedStyle(e).clipPath") == "inset(50%)"
    _tab_to(page, ".sdw-feedback button[value=ja]")
    walk = [page.evaluate(FOCUSED)]
    while not walk[-1]["href"].startswith("mailto:"):
        assert len(walk) < 120, walk[-5:]
        page.keyboard.press("Tab")
        walk.append(page.evaluate(FOCUSED))
        assert walk[-1] is not None, "the focus left the page before the contact line"
    back = []
    while back == [] or back[-1]["value"] != "ja":
        assert len(back) < 120, back[-5:]
        page.keyboard.press("Shift+Tab")
        back.append(page.evaluate(FOCUSED))
    assert [w for w in walk + back if w["hp"]] == [], "Tab reached a honeypot"
    assert [w["value"] for w in walk[:2]] == ["ja", "nee"]
    email = next(i for i, w in enumerate(walk) if w["id"] == "sdw-nb-voet-email")
    assert [w["text"] for w in walk[email + 1:email + 3]] == ["Aanmelden", "Meer in de privacyverklaring"]
    assert walk[email + 3]["href"] == "mailto:info@samenvoordeklant.nl" and len(walk) == email + 4
    assert back == list(reversed(walk[:-1])), "Shift+Tab goes back the same way"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_both_forms_and_the_contact_line(page_factory, engage, scheme, viewport):
    """An article with the question, the footer's form and the contact line, both forms showing
    the too-soon message (the minimum raised to an hour, so every send is too soon)."""
    page, _ = page_factory(engage.site + ARTICLE, scheme=scheme, viewport=DESKTOP if viewport == "desktop" else PHONE,
                           wait_until="networkidle")
    contact = page.locator(".md-footer .sdw-contact")
    assert contact.inner_text() == "Meedenken of een vraag? Mail naar info@samenvoordeklant.nl."
    assert contact.get_by_role("link").get_attribute("href") == "mailto:info@samenvoordeklant.nl"
    _minimum(page, 3_600_000)
    field = page.locator("#sdw-nb-voet-email")
    field.fill("lezer@example.org")
    field.press("Enter")
    page.locator(".sdw-newsletter").get_by_role("status").filter(has_text=TOO_FAST).wait_for()
    page.get_by_role("button", name="Ja").focus()
    page.keyboard.press("Enter")
    page.locator(".sdw-feedback [role=status]").filter(has_text=TOO_FAST).wait_for()
    contact.scroll_into_view_if_needed()
    settle(page)
    violations = axe_violations(page)
    assert not violations, (f"axe found {len(violations)} rule(s) violated ({scheme}, {viewport}):\n"
                            + describe_violations(violations))


# ---------- video ----------

@pytest.mark.parametrize("path, host, embed", [
    (VIDEO_PAGE, "youtube", "https://www.youtube-nocookie.com/embed/voorbeeld01?autoplay=1"),
    (IFRAME_PAGE, "vimeo", "https://player.vimeo.com/video/123456789?autoplay=1"),
], ids=["video-item", "author-iframe"])
def test_video_loads_only_after_a_click(page_factory, engage, path, host, embed):
    page, requests = page_factory(engage.site + path, wait_until="networkidle")
    assert page.locator("iframe").count() == 0
    assert [u for u in requests if any(h in u for h in VIDEO_HOSTS)] == []
    note = page.locator(".sdw-video__note")
    assert "Als u op afspelen klikt, laadt de video van" in note.inner_text()
    assert note.get_by_role("link").get_attribute("href").startswith(
        "https://www.youtube.com/watch?v=" if host == "youtube" else "https://vimeo.com/")
    if path == VIDEO_PAGE:
        poster = page.locator(".sdw-video__poster")
        assert poster.get_attribute("alt") == "" and page.evaluate(
            "document.querySelector('.sdw-video__poster').naturalWidth") == 320
    button = page.get_by_role("button", name="Video afspelen:")
    with page.expect_request(lambda r: host in r.url):
        button.click()
    frame = page.locator(".sdw-video iframe")
    assert frame.get_attribute("src") == embed
    assert frame.get_attribute("title").startswith("Video: ")
    # the request was made by the browser and stopped by the test's routing (no real traffic)
    assert [u for u in requests if host in u] and _foreign(requests) == [u for u in requests if host in u]


def test_video_plays_with_the_keyboard(page_factory, engage):
    page, requests = page_factory(engage.site + VIDEO_PAGE, wait_until="networkidle")
    _tab_to(page, ".sdw-video__play")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Video afspelen: Voorbeeldvideo: een fictieve jobcoach vertelt")
    page.keyboard.press("Enter")
    page.locator(".sdw-video iframe").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_video_script_loads_only_where_there_is_a_video(page_factory, engage):
    for path, expected in ((VIDEO_PAGE, 1), (IFRAME_PAGE, 1), (ARTICLE, 0), ("", 0)):
        page, _ = page_factory(engage.site + path)
        assert page.locator("script[src*='sdw-video.js']").count() == expected, path


def test_engage_screenshots(page_factory, engage, artifacts):
    for name, viewport in (("video-desktop", (1280, 800)), ("video-telefoon", PHONE)):
        page, requests = page_factory(engage.site + VIDEO_PAGE, viewport=viewport, wait_until="networkidle")
        settle(page)
        page.screenshot(path=artifacts / f"{name}.png")
        assert [u for u in requests if any(h in u for h in VIDEO_HOSTS)] == []
    page, _ = page_factory(engage.site, wait_until="networkidle")
    form = page.locator(".sdw-page--home .sdw-newsletter")
    form.scroll_into_view_if_needed()
    settle(page)
    page.screenshot(path=artifacts / "home-nieuwsbrief.png")
    form.get_by_role("button", name="Aanmelden").click()
    settle(page)
    page.screenshot(path=artifacts / "nieuwsbrief-fout.png")
    for name in ("video-desktop", "video-telefoon", "home-nieuwsbrief", "nieuwsbrief-fout"):
        assert (artifacts / f"{name}.png").stat().st_size > 10_000, name
