"""Newsletter form, page feedback and click-to-load videos in a real browser, against a
build whose endpoints point at a local recording server (fixture `engage`)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import ARTICLE, IFRAME_PAGE, PHONE, VIDEO_PAGE, click_still, feedback_body, settle, tab_to

VIDEO_HOSTS = ("youtube", "vimeo")


def _foreign(requests: list[str]) -> list[str]:
    return sorted({u for u in requests
                   if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"})


def _posts(engage, path: str) -> list[dict]:
    return [r for r in engage.records if r["method"] == "POST" and r["path"].startswith(path)]


def _tab_to(page, selector: str) -> None:
    tab_to(page, selector, first=True)


# ---------- page feedback ----------

def test_feedback_sends_only_page_and_answer_without_cookies(page_factory, engage):
    engage.records.clear()
    page, requests = page_factory(None)
    # A cookie for the host both servers share: it must not travel with the answer.
    page.context.add_cookies([{"name": "proef", "value": "1", "domain": "127.0.0.1", "path": "/"}])
    page.goto(engage.site + ARTICLE + "?bron=nieuwsbrief#lees-verder", wait_until="networkidle")
    question = page.get_by_role("group", name="Vond u deze pagina interessant?")
    assert question.is_visible()
    click_still(question.get_by_role("button", name="Ja"))
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
        click_still(page.get_by_role("button", name="Nee"))
        page.locator(".sdw-feedback [role=status]").filter(has_text="kon niet worden verstuurd").wait_for()
        assert page.get_by_role("button", name="Nee").get_attribute("aria-disabled") == "false"
        assert feedback_body(_posts(engage, "/feedback")[0]) == {"page": "/videos/voorbeeldvideo/",
                                                                 "answer": "nee"}
    finally:
        engage.fail(False)
    click_still(page.get_by_role("button", name="Nee"))
    page.locator(".sdw-feedback [role=status]").filter(has_text="Bedankt").wait_for()


def test_feedback_works_with_the_keyboard_only(page_factory, engage):
    engage.records.clear()
    page, _ = page_factory(engage.site + "tips/gewoon-starten/", wait_until="networkidle")
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

@pytest.mark.parametrize("path, form", [("", "#sdw-nb-start-email"), (ARTICLE, "#sdw-nb-voet-email")],
                         ids=["home", "footer"])
def test_newsletter_errors_are_dutch_linked_and_focused(page_factory, engage, path, form):
    engage.records.clear()
    page, requests = page_factory(engage.site + path, wait_until="networkidle")
    assert page.locator("form[data-sdw-newsletter]").count() == 1, "one form per page"
    field = page.locator(form)
    assert page.get_by_label("E-mailadres").count() == 1 and field.get_attribute("autocomplete") == "email"
    section = field.locator("xpath=ancestor::section")
    click_still(section.get_by_role("button", name="Aanmelden"))
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
    click_still(form.get_by_role("button", name="Aanmelden"))
    settle(page)
    page.screenshot(path=artifacts / "nieuwsbrief-fout.png")
    for name in ("video-desktop", "video-telefoon", "home-nieuwsbrief", "nieuwsbrief-fout"):
        assert (artifacts / f"{name}.png").stat().st_size > 10_000, name
