"""Hostile file names and text in the output channels: the terminal and GitHub annotations.

A file name or a message can never end a GitHub workflow command or start another one,
never colour or move the terminal, and never print on more than one line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, write_png
from hypothesis import given, settings
from hypothesis import strategies as st
from sdw.problems import problem
from sdw.report import format_github, format_problem, visible

NASTY_PATHS = [
    "content/verhalen/a\n::error file=x::pwned.md",
    "content/verhalen/a\r\n::warning::pwned.md",
    "content/verhalen/\x1b[31mrood\x1b[0m\x1b]0;titel\x07.md",
    "content/verhalen/a,line=1,col=1,title=x.md",
    "content/verhalen/100%25%0A::error::x.md",
    "content/verhalen/\u202eevil.md",
]


def _command(line: str) -> tuple[str, dict[str, str], str]:
    """(level, properties, message) of one workflow command line."""
    match = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
    assert match, line
    props = dict(part.split("=", 1) for part in match.group(2).split(","))
    return match.group(1), props, match.group(3)


@pytest.mark.parametrize("path", NASTY_PATHS)
def test_a_hostile_path_gives_exactly_one_escaped_github_command(path):
    p = problem(path, 3, 7, "verboden-html", "Een bericht met\neen regel\r\nerbij en 100% en :: en ,", "Hint\n::x")
    out = format_github(p)
    assert "\n" not in out and "\r" not in out and "\x1b" not in out
    assert out.count("::error") == 1 and out.startswith("::error ")
    level, props, message = _command(out)
    assert level == "error"
    assert set(props) == {"file", "line", "col", "title"}
    for value in props.values():
        assert not set(value) & set("\n\r,:"), value
    assert props["line"] == "3" and props["col"] == "7"
    assert props["title"] == "Fout SDW024 verboden-html"
    assert "100%25" in message and "Een bericht met een regel" in message


def test_github_file_property_decodes_to_the_real_path():
    path = "content/verhalen/a\n::error file=x::pwned.md"
    _, props, _ = _command(format_github(problem(path, 1, 1, "ongeldige-bestandsnaam", "x")))
    decoded = (props["file"].replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",")
               .replace("%25", "%"))
    assert decoded == path


def test_github_title_is_dutch_for_warnings_too():
    out = format_github(problem("content/a.md", 2, 1, "nog-invullen", "VUL IN"))
    assert out.startswith("::warning file=content/a.md,line=2,col=1,title=Waarschuwing SDW033 nog-invullen::")


@pytest.mark.parametrize("path", NASTY_PATHS)
def test_a_hostile_path_prints_on_one_plain_terminal_line(path):
    p = problem(path, 3, 7, "verboden-html", "Bericht met \x1b[2J en \u202e erin.\nTweede regel.", "Hint \x9b31m")
    out = format_problem(p)
    assert "\n" not in out and "\r" not in out
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]", out), repr(out)
    assert out.endswith(":3:7: fout [SDW024 verboden-html] Bericht met \\x1b[2J en \\u202e erin. Tweede regel. "
                        "Hint \\x9b31m")


def test_visible_escapes_controls_bidi_and_invisible_characters():
    assert visible("a\x1bb\x00c\x7fd\x85e\u202ef\u2066g\u200bh\ufeffi\nj\tk") == \
        "a\\x1bb\\x00c\\x7fd\\x85e\\u202ef\\u2066g\\u200bh\\ufeffi\\x0aj\\x09k"
    assert visible("Één café, gewoon") == "Één café, gewoon"


def test_the_command_line_shows_hostile_file_names_safely(tmp_path):
    """Real files with a newline, an ANSI escape and a fake workflow command in their names."""
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "base", tmp_path / "content")
    stories = tmp_path / "content" / "verhalen"
    stories.mkdir()
    try:
        (stories / "a\n::error file=x::pwned.md").write_text("---\ntitel: x\n---\n", encoding="utf-8")
        write_png(stories / "afbeeldingen" / "\x1b[31mrood\x1b[0m.png", 2, 2)
        write_png(stories / "afbeeldingen" / "foto\n::warning::x.png", 2, 2)
    except OSError:
        pytest.skip("this file system does not allow such names")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "GITHUB_ACTIONS": ""}
    done = subprocess.run([sys.executable, "-m", "sdw.cli", "check", "--github"], cwd=tmp_path, capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr + done.stdout
    commands = done.stdout.splitlines()
    assert len(commands) == 3 and all(line.startswith("::error file=content/verhalen/") for line in commands)
    for line in commands:
        _, props, _ = _command(line)
        assert props["title"] == "Fout SDW013 ongeldige-bestandsnaam"
    lines = done.stderr.splitlines()
    assert lines[-1] == "3 fouten in 9 bestanden gevonden."
    assert len(lines) == 4  # one line per problem and the summary
    assert any(line.startswith("content/verhalen/afbeeldingen/\\x1b[31mrood\\x1b[0m.png:1:1: fout [SDW013") for line in
               lines)
    assert any(line.startswith("content/verhalen/a\\x0a::error file=x::pwned.md:1:1: fout [SDW013") for line in lines)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1), st.text(), st.text(), st.integers(1, 10**6), st.integers(1, 10**6))
def test_any_path_and_message_give_one_safe_line(path, message, hint, line, column):
    p = problem(path, line, column, "onzichtbaar-teken", message, hint)
    terminal, github = format_problem(p), format_github(p)
    for out in (terminal, github):
        assert "\n" not in out and "\r" not in out
        assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), repr(out)
    _, props, _ = _command(github)
    assert props["line"] == str(line) and props["col"] == str(column)
    assert props["title"] == "Fout SDW040 onzichtbaar-teken"
