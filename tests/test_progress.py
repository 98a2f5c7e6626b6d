"""What `sdw build` shows while it works (sdw/progress.py): live stages, pages and time left on a
terminal (a pseudo-terminal here), a few plain lines in a pipe and in CI."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import ROOT, SITE_CONTENT, copy_project
from sdw.pipeline import Project, generate_docs
from sdw.progress import LiveProgress, PlainProgress, build_progress, is_live_terminal
from sdw.render import render

SDW = [sys.executable, "-m", "sdw.cli"]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PLAIN_STAGES = ["Inlezen...", "Controleren...", "Genereren..."]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "TERM", "COLUMNS")}
    return {**env, "PYTHONPATH": str(ROOT / "scripts"), "TERM": "xterm-256color", "COLUMNS": "120", **extra}


def _pages_in(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md"))


def _read_all(fd: int, process: subprocess.Popen, timeout: float = 180) -> bytes:
    out, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the other side closed (Linux: EIO)
                break
            if not data:
                break
            out += data
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    return out


def _on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run `args` with a pseudo-terminal (120 columns) as standard input, output and error."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    try:
        raw = _read_all(master, process)
    finally:
        os.close(master)
    return process.returncode, raw


def _screen_lines(raw: bytes) -> list[str]:
    """What was drawn, line by line, without colours and cursor codes (each redraw its own line)."""
    text = ANSI.sub("", raw.decode("utf-8", "replace"))
    return [line.strip() for line in re.split(r"[\r\n]+", text) if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("progress") / "p", SITE_CONTENT)


@pytest.fixture
def project(built) -> Path:
    """The fixture project without a site, docs/ or build cache: every build renders every page."""
    for generated in ("site", "docs", ".build"):
        shutil.rmtree(built / generated, ignore_errors=True)
    return built


def _build_in_a_pipe(project: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(SDW + ["--root", str(project), "build"], capture_output=True, text=True,
                          env=_env(), timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr + done.stdout and "\x1b" not in done.stderr + done.stdout
    assert done.stdout.startswith("Klaar in ")
    return done


def test_the_render_stage_reports_every_page_converted_and_written(project):
    assert generate_docs(Project(project)).result.ok
    for cache in (False, True):
        events: list[tuple[str, int, int]] = []
        result = render(project, project / "docs", project / "site", cache=cache,
                        progress=lambda *e: events.append(e))  # noqa: B023 - used before the next loop
        assert result.ok, result.messages
        total = _pages_in(project / "docs")
        converted = [(done, t) for phase, done, t in events if phase == "convert"]
        written = [(done, t) for phase, done, t in events if phase == "write"]
        assert converted == [(i, total) for i in range(1, total + 1)]
        assert written == [(i, total) for i in range(1, total + 1)]
        # In order: the number of pages, all pages converted, then rendered, then the site finished.
        assert [e[0] for e in events] == ["start"] + ["convert"] * total + ["write"] * total + ["finish"]
        assert events[0] == ("start", 0, total) and events[-1] == ("finish", total, total)


def test_in_a_pipe_a_build_says_a_few_plain_lines(project):
    done = _build_in_a_pipe(project)
    total = _pages_in(project / "docs")
    assert done.stderr.splitlines() == [*PLAIN_STAGES, f"Weergeven: {total} pagina's..."]
    # Built again: the build cache gives the pages whose inputs are unchanged, and the line says so.
    again = _build_in_a_pipe(project)
    *stages, rendering = again.stderr.splitlines()
    assert stages == PLAIN_STAGES
    found = re.fullmatch(r"Weergeven: (\d+) van de (\d+) pagina's \(de andere zijn ongewijzigd\)\.\.\.", rendering)
    assert found and 0 <= int(found[1]) < total and int(found[2]) == total, rendering


def test_on_a_terminal_the_build_shows_its_stages_live(project):
    code, raw = _on_terminal(SDW + ["--root", str(project), "build"], _env())
    lines = _screen_lines(raw)
    assert code == 0, lines
    total = _pages_in(project / "docs")
    finished = [line for line in lines if line.startswith("✓ ")]
    assert [re.sub(r" \(\d+\.\d s\)$", "", line) for line in finished] == [
        "✓ Inlezen", "✓ Controleren", "✓ Genereren", f"✓ Weergeven: {total} pagina's"]
    assert b"\r" in raw and b"\x1b[" in raw  # drawn in place, not line by line
    assert b"\x1b[?25h" in raw  # the cursor is shown again at the end
    assert lines[-2].startswith("Klaar in ") and lines.index(finished[-1]) < len(lines) - 2


def test_in_ci_a_terminal_gets_plain_lines_too(tmp_path):
    project = copy_project(tmp_path / "p", SITE_CONTENT)
    (project / "content" / "verhalen" / "kapot.md").write_text("---\ntitel: x\n", encoding="utf-8")
    for env in (_env(CI="true"), _env(GITHUB_ACTIONS="true"), _env(TERM="dumb")):
        code, raw = _on_terminal(SDW + ["--root", str(project), "build"], env)
        text = raw.decode("utf-8")
        assert code == 1 and b"\x1b" not in raw, text
        lines = text.replace("\r\n", "\n").splitlines()
        assert lines[:2] == ["Inlezen...", "Controleren..."] and "\r" not in "\n".join(lines), text
        assert lines[2].startswith("content/verhalen/kapot.md:1:1: fout [SDW004"), text
        assert lines[-1] == "De site is niet gebouwd; docs/ en site/ zijn ongewijzigd."


def test_pages_get_a_count_and_the_time_left(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    stream = os.fdopen(slave, "w", encoding="utf-8")
    chunks: list[bytes] = []

    def drain() -> None:
        while select.select([master], [], [], 0)[0]:
            chunks.append(os.read(master, 65536))

    try:
        with LiveProgress(stream) as shown:
            shown.stage("render")
            shown.pages("start", 0, 200)
            began = time.monotonic()
            for done in range(1, 41):  # 40 of 200 pages at about 25 a second
                shown.pages("write", done, 200)
                time.sleep(0.04)
                drain()
            left = 160 / (40 / (time.monotonic() - began))  # about 6 s at that speed
            time.sleep(0.3)
            drain()
            shown.done()
        stream.flush()
        drain()
    finally:
        stream.close()
        os.close(master)
    lines = _screen_lines(b"".join(chunks))
    counted = [line for line in lines if "Weergeven: pagina's opmaken" in line]
    estimates = [int(found[1]) for line in counted
                 for found in [re.search(r"\b40/200 pagina's nog 0:00:(\d\d)\b", line)] if found]
    assert estimates and all(left / 2 <= s <= left * 2 for s in estimates), (left, counted[-3:])
    assert "✓ Weergeven: 200 pagina's" in " ".join(lines)


def test_plain_lines_say_each_stage_once():
    class Stream:
        text = ""

        def write(self, s: str) -> None:
            self.text += s

        def flush(self) -> None:
            pass

    stream = Stream()
    with PlainProgress(stream) as shown:
        for name in ("load", "validate", "generate", "generate"):
            shown.stage(name)
        shown.stage("render", 1234)
        shown.pages("start", 0, 1234)
        for phase in ("convert", "write"):
            for done in range(1, 1235):
                shown.pages(phase, done, 1234)
        shown.pages("finish", 1234, 1234)
        shown.done()
    assert stream.text == "Inlezen...\nControleren...\nGenereren...\nWeergeven: 1.234 pagina's...\n"


@pytest.mark.parametrize("environ, live", [
    ({}, True), ({"CI": "true"}, False), ({"CI": "1"}, False), ({"CI": "false"}, True),
    ({"GITHUB_ACTIONS": "true"}, False), ({"TERM": "dumb"}, False)])
def test_only_a_terminal_outside_ci_gets_the_live_display(environ, live):
    master, slave = pty.openpty()
    read, write = os.pipe()
    try:
        with os.fdopen(os.dup(slave), "w") as terminal, os.fdopen(os.dup(write), "w") as pipe:
            assert is_live_terminal(terminal, environ) is live
            assert not is_live_terminal(pipe, environ)
            assert isinstance(build_progress(pipe, environ), PlainProgress)
    finally:
        for fd in (master, slave, read, write):
            os.close(fd)
