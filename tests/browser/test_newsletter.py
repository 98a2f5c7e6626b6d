"""The newsletter of an edition in a real browser, and every link of it against the built site.

The fixture corpus plus tests/fixtures/newsletter (a story with a picture, an event still to come;
see tests/test_newsletter.py) is built as of NEWSLETTER_TODAY with the site's address set to a
local server, as a deployment sets its own: the e-mail's absolute links and pictures then point
at this machine. The HTML e-mail is read from the .eml the build wrote next to the newsletter's
page and shown in headless Chromium at 320 and 600 px, light and dark: axe finds nothing, nothing
is asked of another host, the pictures load and nothing is wider than the window. Screenshots go
to pytest's tmp_path (kept as evidence); SDW_UPDATE_SCREENSHOTS=1 also copies them to
scripts/newsletter/screenshots/.
"""

from __future__ import annotations

import email
import os
import shutil
from email import policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, copy_project
from test_newsletter import NEWSLETTER_TODAY, links_of, newsletter_corpus

from .conftest import _leaves_machine, axe_violations, describe_violations, environment, served, settle

SCREENSHOTS = ROOT / "scripts" / "newsletter" / "screenshots"
EML = "nieuwsbrief/1/nieuwsbrief-1.eml"


class Build:
    def __init__(self, site: Path, url: str) -> None:
        self.site, self.url = site, url  # the built site/ and the address it is served (and built) at

    def message(self):
        return email.message_from_bytes((self.site / EML).read_bytes(), policy=policy.default)

    def html(self) -> str:
        return self.message().get_body(("html",)).get_content()

    def text(self) -> str:
        return self.message().get_body(("plain",)).get_content()


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    from sdw.cli import main

    root = tmp_path_factory.mktemp("newsletter-site")
    project = copy_project(root / "p", newsletter_corpus(root / "content"))
    # The server first: its address is the site's address the build writes into the e-mail.
    with served(project / "site") as url:
        with environment(SDW_SITE_URL=url, SDW_BUILD_DATE=NEWSLETTER_TODAY.isoformat()):
            assert main(["--root", str(project), "build"]) == 0
        yield Build(project / "site", url)


def _target(build: Build, url: str) -> Path:
    path = build.site / urlsplit(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def test_every_link_of_the_mail_opens_a_built_page(build):
    found = links_of(build.html())
    urls = found.hrefs + [str(i["src"]) for i in found.images]
    text_urls = [w for w in build.text().split() if "://" in w]
    assert len([u for u in urls if u.startswith(build.url)]) >= 8 and text_urls
    for url in urls + text_urls:
        if url.startswith("mailto:") or not urlsplit(url).scheme:
            continue  # the contact line; the provider's unsubscribe merge tag
        assert url.startswith(build.url), f"{url} is not on the site"
        assert _target(build, url).is_file(), f"{url} opens no page of the built site"
    # The "bekijk in de browser" page and the files next to it are part of the site.
    assert (build.site / "nieuwsbrief" / "1" / "index.html").is_file()
    assert (build.site / "nieuwsbrief" / "1" / "nieuwsbrief-1.txt").read_text(encoding="utf-8") \
        .replace("\r\n", "\n") == build.text().replace("\r\n", "\n")


def _screenshot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("SDW_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / name)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 600])
def test_the_mail_reads_well_at_320_and_600_px_light_and_dark(page_factory, build, tmp_path, width, scheme):
    page, requests = page_factory(None, scheme=scheme, viewport=(width, 800))
    page.set_content(build.html(), wait_until="load")
    settle(page)
    # The pictures came from the site (absolute addresses) and are shown.
    pictures = page.locator("img")
    assert pictures.count() == 1
    assert page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    # Nothing wider than the window, the frame at most 600 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    frame = page.locator("table[width='600']").bounding_box()
    assert frame is not None and frame["width"] <= min(width, 600)
    assert pictures.first.bounding_box()["width"] <= frame["width"]
    # What a reader sees first: the edition's title; the preheader stays hidden.
    assert page.get_by_role("heading", level=1).is_visible()
    assert not page.locator("body > div").first.is_visible()
    violations = axe_violations(page)
    assert not violations, f"axe ({width} px, {scheme}):\n{describe_violations(violations)}"
    _screenshot(page, tmp_path, f"nieuwsbrief-{width}-{scheme}.png")
    page.wait_for_load_state("networkidle")
    assert [u for u in requests if u.startswith(build.url)], "the picture was not asked of the site"
    assert sorted({u for u in requests if _leaves_machine(u)}) == []
    assert all(u.startswith(build.url) for u in requests if u.startswith("http")), requests


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_newsletters_page_on_the_site(page_factory, build, scheme, tmp_path):
    page, requests = page_factory(build.url + "edities/verhalen-deze-maand-1/", scheme=scheme)
    page.get_by_role("link", name="Bekijk de nieuwsbrief").click()
    page.wait_for_url(build.url + "nieuwsbrief/1/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nieuwsbrief: Verhalen deze maand #1"
    for name in ("nieuwsbrief-1.eml", "nieuwsbrief-1.txt"):
        href = page.get_by_role("link", name=name).get_attribute("href")
        answer = page.request.get(build.url + "nieuwsbrief/1/" + href)
        assert answer.ok and answer.body() == (build.site / "nieuwsbrief" / "1" / name).read_bytes()
    settle(page)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    _screenshot(page, tmp_path, f"nieuwsbrief-pagina-{scheme}.png")
    assert sorted({u for u in requests if _leaves_machine(u)}) == []
