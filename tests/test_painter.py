"""`sdw build` draws the missing social cards in another process while MkDocs renders
(sdw.painter), and the site is byte for byte the site drawing them first gives; a painter that
fails costs time, never a card."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
import sdw.painter
from conftest import copy_project
from sdw.cli import main
from sdw.painter import Painter
from sdw.sharing import CARD_FOLDER, Card
from sdw.write import AddressedFile


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path) -> dict[str, str]:
    assert main(["--root", str(root), "build"]) == 0
    return tree(root / "site")


@pytest.fixture(scope="module")
def drawn_first(tmp_path_factory) -> dict[str, str]:
    """The site with every card drawn in this process before MkDocs starts."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sdw.painter, "ELSEWHERE_FROM", 10**9)
        return build(copy_project(tmp_path_factory.mktemp("first") / "project"))


@pytest.fixture
def painters(monkeypatch) -> list[Painter]:
    """Every Painter a build starts, with whether it started a process."""
    started, start = [], Painter.start

    def recorded(self):
        start(self)
        started.append(self)
        self.started_process = self._process is not None
        return self

    monkeypatch.setattr(Painter, "start", recorded)
    monkeypatch.setattr(sdw.painter, "ELSEWHERE_FROM", 1)
    return started


def cards_of(site: dict[str, str]) -> set[str]:
    return {path for path in site if path.startswith(CARD_FOLDER + "/")}


def test_cards_drawn_elsewhere_give_the_same_site(drawn_first, painters, tmp_path):
    root = copy_project(tmp_path / "project")
    site = build(root)
    assert len(painters) == 1 and painters[0].started_process
    assert len(painters[0].cards) == len(cards_of(drawn_first)) > 20
    assert site == drawn_first
    # Nothing half-written is left: not in docs/, not in the card cache, not in the site.
    leftovers = [p for folder in ("docs", ".build/cards", "site") for p in (root / folder).rglob(".*")]
    assert leftovers == []
    assert {p.name for p in (root / ".build" / "cards").iterdir()} == {Path(p).name for p in cards_of(site)}


def test_a_painter_that_fails_costs_no_card(drawn_first, painters, monkeypatch, tmp_path):
    monkeypatch.setattr(sdw.painter, "COMMAND", ("sh", "-c", "cat > /dev/null; exit 3"))
    root = copy_project(tmp_path / "project")
    assert build(root) == drawn_first
    assert painters[0].started_process  # it ran, drew nothing, and this process drew every card


def test_a_painter_that_cannot_start_costs_no_card(drawn_first, painters, monkeypatch, tmp_path):
    monkeypatch.setattr(sdw.painter, "COMMAND", (str(tmp_path / "no-such-program"),))
    root = copy_project(tmp_path / "project")
    assert build(root) == drawn_first
    assert not painters[0].started_process


def test_cards_drawn_before_are_not_drawn_again(painters, tmp_path):
    root = copy_project(tmp_path / "project")
    build(root)
    (root / "site").rename(root / "site-before")
    build(root)  # docs/ and the card cache have every card
    assert painters[1].cards == []
    assert tree(root / "site") == tree(root / "site-before")


def test_cards_kept_from_before_go_into_a_new_docs_folder_as_the_same_files(painters, tmp_path):
    root = copy_project(tmp_path / "project")
    build(root)
    (root / "site").rename(root / "site-before")
    shutil.rmtree(root / "docs")
    build(root)  # docs/ is made again; the card cache has every card
    assert painters[1].cards == []
    assert tree(root / "site") == tree(root / "site-before")
    kept = root / ".build" / "cards"
    cards = [p for p in (root / "docs" / CARD_FOLDER).rglob("*") if p.is_file()]
    assert len(cards) > 20 and all(os.path.samefile(card, kept / card.name) for card in cards)


def test_the_painter_draws_what_this_process_draws(tmp_path):
    cards = [Card("Werk als medicijn", "Verhaal"), Card("Ëën çedille ÿ – “quotes”", ""), Card("x" * 300, "Tip")]
    times = sdw.painter.ELSEWHERE_FROM // len(cards) + 1  # enough to be drawn elsewhere
    files = [AddressedFile(c.path, c.render, (c.title, c.label, c.site)) for c in cards] * times
    painter = Painter(files, tmp_path / "docs", tmp_path / "cache").start()
    assert painter._process is not None
    painter.finish()
    for card in cards:
        assert (tmp_path / "docs" / card.path).read_bytes() == card.render()
        # One file with two names: a new file costs far more than a name on the build machines.
        assert os.path.samefile(tmp_path / "docs" / card.path, tmp_path / "cache" / Path(card.path).name)


def test_the_build_goes_on_while_the_painter_starts(monkeypatch, tmp_path):
    """The job is more than a pipe holds; a painter that has not read it yet (its interpreter
    still starting; here one that never reads) does not hold the build up."""
    monkeypatch.setattr(sdw.painter, "COMMAND", (sys.executable, "-c", "import time; time.sleep(120)"))
    cards = [Card(f"Kaart {i} " + "lange titel " * 60, "Tip") for i in range(200)]
    files = [AddressedFile(c.path, c.render, (c.title, c.label, c.site)) for c in cards]
    painter = Painter(files, tmp_path / "docs", tmp_path / "cache")
    started = threading.Thread(target=painter.start, daemon=True)
    started.start()
    started.join(timeout=60)
    assert not started.is_alive()
    assert painter._process is not None and painter._process.poll() is None  # it still sleeps
    painter.cancel()  # stopped: what it was sent is dropped, and finish() draws every card here
    painter.finish()
    for card in cards[:3]:
        assert (tmp_path / "docs" / card.path).read_bytes() == card.render()
