"""The preview (`sdw serve`) survives a hostile save: it reports the Dutch problem, keeps serving
the last good version, and picks up the fixed file. It runs as a child process
(tests/preview_child.py); every wait is for a line the author would read or a page the author
would see, with a deadline, never a fixed sleep."""

from __future__ import annotations

import pytest
from preview_child import preview_of_copy
from test_input_yaml import alias_bomb


@pytest.fixture
def preview(tmp_path):
    with preview_of_copy(tmp_path / "p") as running:
        yield running


def test_the_preview_reports_an_alias_bomb_keeps_serving_and_recovers(preview):
    project, running = preview
    running.wait_for("Voorbeeld op http://127.0.0.1:")
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    good = story.read_text(encoding="utf-8")
    assert "Tamara van Ark" in running.page("verhalen/tamara-van-ark/")

    bomb = project / "content" / "verhalen" / "bom.md"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    line = running.wait_for("content/verhalen/bom.md:2:")
    assert "[SDW041 yaml-verwijzing]" in line
    running.wait_for("Het voorbeeld toont de laatste goede versie")
    assert "Tamara van Ark" in running.page("verhalen/tamara-van-ark/")

    bomb.unlink()
    story.write_text(good.rstrip("\n") + "\n\nHersteld na de bom.\n", encoding="utf-8")
    running.page_until("verhalen/tamara-van-ark/", lambda html: "Hersteld na de bom." in html,
                       "showed the fixed page")
    assert not any("Traceback" in line for line in running.seen)
