"""The preview (`sdw serve`) survives a hostile save: it reports the Dutch problem, keeps serving
the last good version, and picks up the fixed file. It runs as a child process; every wait is
for a line the author would read, with a deadline, never a fixed sleep."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from test_input_yaml import alias_bomb

DEADLINE = 60  # seconds for each thing the author waits for; it takes about one


class Preview:
    def __init__(self, project: Path, port: int) -> None:
        code = "import sys; from sdw.cli import main; sys.exit(main(sys.argv[1:]))"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-c", code, "--root", str(project), "serve",
                                         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = f"http://127.0.0.1:{port}/"

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, words: str) -> str:
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            if words in line:
                return line
        raise AssertionError(f"no line with {words!r} within {DEADLINE} s; seen: {self.seen[-20:]}")

    def page(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "p")
    running = Preview(project, free_port())
    try:
        yield project, running
    finally:
        running.stop()


def test_the_preview_reports_an_alias_bomb_keeps_serving_and_recovers(preview):
    project, running = preview
    running.wait_for("Serving on")
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
    end = time.monotonic() + DEADLINE
    while "Hersteld na de bom." not in running.page("verhalen/tamara-van-ark/"):
        assert time.monotonic() < end, "the preview never showed the fixed page"
        running.wait_for("")  # the next line the preview writes (a rebuild), then look again
    assert not any("Traceback" in line for line in running.seen)
