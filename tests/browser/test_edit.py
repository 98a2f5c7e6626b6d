"""The web editor, used as an author uses it: `sdw edit`, then an interview made through Decap's UI.

`sdw edit` installs decap-server from npm itself (tests/browser/conftest.py `editor` skips where npm
cannot be reached, and fails instead under CI=true). The test types, picks and uploads like an
author, saves, and then holds the file Decap wrote to what an author's pull request is held to:
`sdw check` passes on it unchanged, and a build shows the story. The screenshots it takes are the
ones in CONTRIBUTING.md ("Bewerken in de browser"): SDW_UPDATE_SCREENSHOTS=1 writes them there.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, write_png
from sdw.cli import main

from .conftest import DESKTOP, LOOPBACK, Watched, _leaves_machine, log_in_to_editor

SCREENSHOTS = ROOT / "scripts" / "edit" / "screenshots"
TITLE = "Sanne en Ahmed: samen aan het werk"
SLUG = "sanne-en-ahmed-samen-aan-het-werk"
PEOPLE = [("Sanne de Vries", "medewerker", ""), ("Ahmed Bakker", "leidinggevende", "Bakker Techniek")]
ALT = "Twee collega's overleggen aan een bureau"
BODY = "Sanne werkt sinds een jaar bij het bedrijf van Ahmed. Ze vertellen wat hen helpt."


def _shoot(page, artifacts: Path, name: str) -> None:
    """A screenshot for CONTRIBUTING.md: always in test-artifacts/, in the repository when asked."""
    path = artifacts / "edit" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    if os.environ.get("SDW_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / name)


def _field(page, label: str):
    """The form field with this label; Decap adds " (optioneel)" to optional fields' labels."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optioneel\))?$", re.I))


def _pick(page, field: str, option: str) -> None:
    """Choose an option of a select or relation widget (react-select), as a mouse user does."""
    _field(page, field).click()
    page.get_by_role("option", name=option, exact=True).click()


def _open_when_built(page, url: str, limit: float = 60.0) -> None:
    """Open a page the preview is still building: until then the server answers 404 (its 404 page
    does not reload itself), so ask again until the page is there, as a reader would."""
    deadline = time.monotonic() + limit
    while (response := page.goto(url)) is None or response.status == 404:
        assert time.monotonic() < deadline, f"the preview did not build {url} within {limit:.0f} s"
        page.wait_for_timeout(250)


def test_an_author_makes_an_interview_in_the_web_editor(editor, browser, artifacts, tmp_path):
    from playwright.sync_api import expect

    context = browser.new_context(locale="nl-NL", viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        problems = Watched(context, page)
        log_in_to_editor(page, editor.url)
        page.get_by_role("link", name="Verhalen").first.click()
        expect(page.get_by_text("Tamara van Ark", exact=False).first).to_be_visible()
        _shoot(page, artifacts, "1-overzicht.png")

        page.get_by_role("link", name="Item van type Verhaal maken").click()
        _field(page, "Titel").fill(TITLE)
        _field(page, "Samenvatting").fill(
            "Twee collega's vertellen hoe zij samen werk en zorg regelen.")
        _field(page, "Datum").fill("2026-11-20")
        _pick(page, "Doelgroepen", "Werkgevers")
        _pick(page, "Doelgroepen", "Werkzoekenden en werkenden")
        _pick(page, "Thema's", "Individuele Plaatsing en Steun (IPS)")
        for name, role, organisation in PEOPLE:
            page.get_by_role("button", name="Voeg personen toe").click()
            _field(page, "Naam").last.fill(name)
            _field(page, "Rol").last.fill(role)
            if organisation:
                _field(page, "Organisatie").last.fill(organisation)
        page.get_by_text("Kies een afbeelding").click()
        picture = write_png(tmp_path / "sanne-en-ahmed.png", 640, 360)
        page.locator("input[type=file]").set_input_files(str(picture))
        expect(page.get_by_role("button", name="Gebruik selectie")).to_be_enabled()
        _shoot(page, artifacts, "2-afbeelding.png")
        page.get_by_role("button", name="Gebruik selectie").click()
        _field(page, "Beschrijving van de afbeelding").fill(ALT)
        _pick(page, "Soort", "Interview")
        page.locator("[data-slate-editor]").click()
        page.keyboard.type(BODY)
        frame = page.frame_locator("iframe").first
        expect(frame.get_by_text(BODY)).to_be_visible()
        _field(page, "Titel").scroll_into_view_if_needed()
        _shoot(page, artifacts, "3-formulier.png")

        page.get_by_role("button", name="Publiceer").click()
        page.get_by_role("menuitem", name="Publiceer nu").click()
        expect(page.get_by_text("Wijzigingen opgeslagen", exact=False)).to_be_visible()
        _shoot(page, artifacts, "4-opgeslagen.png")

        written = editor.project / "content" / "verhalen" / f"{SLUG}.md"
        assert written.is_file(), sorted(p.name for p in written.parent.iterdir())
        text = written.read_text(encoding="utf-8")
        assert text.startswith("---\n") and BODY in text
        data = yaml.safe_load(text.split("---\n")[1])
        assert data["titel"] == TITLE and data["soort"] == "interview"
        assert data["doelgroepen"] == ["werkgevers", "werkzoekenden-en-werkenden"] and data["themas"] == ["ips"]
        assert [(p["naam"], p["rol"], p.get("organisatie", "")) for p in data["personen"]] == PEOPLE
        assert data["afbeelding_alt"] == ALT
        image = written.parent / data["afbeelding"]
        assert image.is_file() and image.read_bytes() == picture.read_bytes()

        # What an author's pull request is held to: the check passes on the file as Decap wrote it.
        before = written.read_bytes()
        assert main(["--root", str(editor.project), "check", str(written)]) == 0
        assert written.read_bytes() == before

        # The live preview shows it at once (it watches content/) ...
        story = context.new_page()
        _open_when_built(story, editor.url + f"verhalen/{SLUG}/")
        expect(story.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(story.get_by_role("img", name=ALT)).to_be_visible()
        assert problems == []
    finally:
        context.close()

    # ... and so does a build of that content, like the deploy's.
    built = copy_project(tmp_path / "build", editor.project / "content")
    assert main(["--root", str(built), "build"]) == 0
    html = (built / "site" / "verhalen" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and TITLE in html and f'alt="{ALT}"' in html
    assert all(name in html for name, _, _ in PEOPLE)


def test_the_published_editor_asks_no_other_host_before_an_author_logs_in(tmp_path, page_factory):
    """Connected to GitHub (as deployed): the login screen loads only the site's own files."""
    from playwright.sync_api import expect

    from .conftest import environment, served

    project = copy_project(tmp_path / "p")
    with environment(SDW_CMS_REPO="voorbeeld/sterk-door-werk", SDW_CMS_AUTH_URL="https://inloggen.example.org"):
        assert main(["--root", str(project), "build"]) == 0
    with served(project / "site") as url:
        page, requests = page_factory(None)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url + "admin/")
        expect(page.get_by_role("button", name="Inloggen met GitHub")).to_be_visible()
        assert any(r.endswith("/admin/config.yml") for r in requests)  # the editor has read its settings
        assert [r for r in requests if _leaves_machine(r)] == []
        assert {r.split("/")[2].split(":")[0] for r in requests} <= LOOPBACK
        assert errors == []


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGKILL"])
def test_decap_server_ends_with_sdw_edit(tmp_path, editor, stop):
    """Nothing keeps writing into content/ once the editor is closed, however `sdw edit` ends
    (SIGTERM: it stops the server itself; SIGKILL: the kernel ends it, PR_SET_PDEATHSIG)."""
    import signal
    import socket
    import subprocess
    import sys

    from sdw.edit import free_port

    project = copy_project(tmp_path / "p")
    backend = free_port()
    process = subprocess.Popen([sys.executable, "-m", "sdw.cli", "--root", str(project), "edit", "--port",
                                str(free_port()), "--backend-port", str(backend)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)

    def listening() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", backend), timeout=0.5):
                return True
        except OSError:
            return False

    try:
        deadline = time.monotonic() + 120
        while not listening():
            assert process.poll() is None and time.monotonic() < deadline, "sdw edit did not start decap-server"
            time.sleep(0.1)
        process.send_signal(getattr(signal, stop))
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while listening():
            assert time.monotonic() < deadline, f"decap-server still runs after sdw edit got {stop}"
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.kill()
