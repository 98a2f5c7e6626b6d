"""`sdw serve` as a child process, for the preview tests: every wait is for a line the author
would read or a page the author would see, with a deadline, never a fixed sleep."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import ROOT, copy_project

DEADLINE = 60  # seconds for each thing the author waits for; it takes about one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    def __init__(self, project: Path, port: int | None = None) -> None:
        port = port or free_port()
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

    def page_until(self, path: str, condition, what: str) -> str:
        """The page as soon as condition(html) holds: fetched again after each line the preview
        writes (a rebuild, a problem), or every half second; an error after DEADLINE seconds."""
        end = time.monotonic() + DEADLINE
        while True:
            html = self.page(path)
            if condition(html):
                return html
            if time.monotonic() >= end:
                raise AssertionError(f"/{path} never {what} within {DEADLINE} s; seen: {self.seen[-20:]}")
            try:
                self.seen.append(self.lines.get(timeout=0.5))
            except queue.Empty:
                pass

    def stop(self) -> None:
        """Ctrl-C, as the author stops it (the preview then removes its temporary folders)."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


@contextmanager
def preview_of_copy(folder: Path) -> Iterator[tuple[Path, Preview]]:
    """A copy of the project (real content) at `folder`, previewed; stopped with Ctrl-C afterwards."""
    project = copy_project(folder)
    running = Preview(project)
    try:
        yield project, running
    finally:
        running.stop()


def break_audience(project: Path) -> tuple[Path, str]:
    """Save a story with a misspelt audience (line 8, column 5); returns the file and its good text."""
    story = project / "content" / "verhalen" / "tamara-van-ark.md"
    good = story.read_text(encoding="utf-8")
    assert "\n  - werkgevers\n" in good
    story.write_text(good.replace("\n  - werkgevers\n", "\n  - werkgever\n", 1), encoding="utf-8")
    return story, good


BROKEN_LINE = ("content/verhalen/tamara-van-ark.md:8:5: fout [SDW011 onbekende-verwijzing] De doelgroep "
               "'werkgever' in 'doelgroepen' bestaat niet. Bedoelde je 'werkgevers'?")
