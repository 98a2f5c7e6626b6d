"""Hostile front-matter: every input ends quickly in a Dutch problem at the right line.

YAML anchors, aliases and tags are refused where they are written (SDW041), and the
front-matter is read under bounds (SDW042): 64 KiB, 2,000 values, 8 levels deep. The
slow cases run `sdw check` and `sdw build` in a subprocess with a timeout, so that a
regression (an alias bomb expanded, a recursive walk) fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sdw.load import MAX_FRONT_MATTER_BYTES, parse

TIMEOUT = 20  # seconds; every case below takes well under one

HEAD = '---\ntitel: "Een verhaal"\n'
TAIL = ('samenvatting: "Een korte samenvatting."\ndatum: 2018-12-05\ndoelgroepen:\n  - werkgevers\n'
        "personen:\n  - naam: Voornaam Achternaam\n    rol: functie\n---\n\nTekst.\n")


def alias_bomb(levels: int = 9) -> str:
    """The 'billion laughs': each level refers nine times to the one above (9**9 strings)."""
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, levels):
        name, above = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [{','.join([f'*{above}'] * 9)}]")
    return "---\n" + "\n".join(lines) + "\n---\n\nTekst.\n"


def deep_flow(depth: int) -> str:
    return HEAD + "extra: " + "[" * depth + "x" + "]" * depth + "\n" + TAIL


def wide_block_mapping(size: int = 60 * 1024) -> str:
    lines, total, i = [], 0, 0
    while total < size:
        line = f"veld{i}: waarde\n"
        lines.append(line)
        total, i = total + len(line), i + 1
    return "---\n" + "".join(lines) + "---\n\nTekst.\n"


def wide_flow_mapping(size: int = 60 * 1024) -> str:
    items, total, i = [], 0, 0
    while total < size:
        item = f"k{i}: v"
        items.append(item)
        total, i = total + len(item) + 2, i + 1
    return HEAD + "extra: {" + ", ".join(items) + "}\n" + TAIL


# (file text, rule, line the problem is reported on)
HOSTILE = {
    "alias-bomb": (alias_bomb(), "SDW041 yaml-verwijzing", 2),
    "deep-100000": (deep_flow(100_000), "SDW042 front-matter-te-groot", 1),  # larger than 64 KiB
    "deep-9": (deep_flow(9), "SDW042 front-matter-te-groot", 3),
    "deep-30000": (HEAD + "extra: " + "[" * 30_000 + "\n" + TAIL, "SDW042 front-matter-te-groot", 3),
    "wide-block-60k": (wide_block_mapping(), "SDW042 front-matter-te-groot", 1001),
    "wide-flow-60k": (wide_flow_mapping(), "SDW042 front-matter-te-groot", 3),
    "python-tag": (HEAD.replace('"Een verhaal"', "!!python/object/apply:os.system ['touch /tmp/sdw-pwned']")
                   + TAIL, "SDW041 yaml-verwijzing", 2),
}


def _run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    code = "import sys; from sdw.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "GITHUB_ACTIONS": ""}
    return subprocess.run([sys.executable, "-c", code, "--root", str(project), *args], capture_output=True,
                          text=True, env=env, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "p")
    for name, (text, _rule, _line) in HOSTILE.items():
        (project / "content" / "verhalen" / f"{name}.md").write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize("command", ["check", "build"])
def test_hostile_front_matter_ends_in_dutch_problems_quickly(hostile_project, command):
    started = time.monotonic()
    done = _run_cli(hostile_project, command)
    assert time.monotonic() - started < TIMEOUT
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output and "Interne fout" not in output
    for name, (_text, rule, line) in HOSTILE.items():
        wanted = f"content/verhalen/{name}.md:{line}:"
        found = [row for row in done.stderr.splitlines() if row.startswith(wanted)]
        assert found and f"[{rule}]" in found[0], (name, [r for r in done.stderr.splitlines() if name in r])
    if command == "build":
        assert "De site is niet gebouwd; docs/ en site/ zijn ongewijzigd." in done.stderr
        assert not (hostile_project / "site").exists()
    assert not Path("/tmp/sdw-pwned").exists()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_refused_by_the_parser_itself(name):
    text, rule, line = HOSTILE[name]
    source = parse(text.encode("utf-8"), f"content/verhalen/{name}.md", f"verhalen/{name}.md")
    assert source.front is None
    assert [(f"{p.rule.id} {p.rule.name}", p.line) for p in source.problems] == [(rule, line)]


def test_the_alias_is_refused_where_it_is_written_without_an_anchor():
    source = parse(b"---\ntitel: *a\n---\n", "x.md", "x.md")
    assert [(p.rule.id, p.line, p.column) for p in source.problems] == [("SDW041", 2, 8)]


@pytest.mark.parametrize("value", ["!!str x", "! x", "!foo x", "!!binary aGk=", "!<tag:yaml.org,2002:str> x",
                                   "!!map {a: b}", "!!seq [a]", "&x [a]", "&x {a: b}"])
def test_every_tag_and_anchor_is_refused(value):
    source = parse(f"---\ntitel: {value}\n---\n".encode(), "x.md", "x.md")
    assert [(p.rule.id, p.line, p.column) for p in source.problems] == [("SDW041", 2, 8)], source.problems


def test_quoted_ampersands_stars_and_exclamation_marks_are_text():
    source = parse(b'---\ntitel: "&Co *sterk* !"\nsamenvatting: \'*ja* & !nee\'\n---\n', "x.md", "x.md")
    assert source.problems == ()
    assert source.front is not None
    assert [e.value.value for e in source.front.entries] == ["&Co *sterk* !", "*ja* & !nee"]


def test_the_bounds_themselves_are_allowed():
    eight = "---\nextra: " + "[" * 7 + "x" + "]" * 7 + "\n---\n"
    assert parse(eight.encode(), "x.md", "x.md").problems == ()
    exactly = "---\n" + "".join(f"v{i}: x\n" for i in range(999)) + "w: x\n---\n"  # 1 + 2000 values
    assert [p.rule.id for p in parse(exactly.encode(), "x.md", "x.md").problems] == ["SDW042"]
    fits = "---\n" + "".join(f"v{i}: x\n" for i in range(999)) + "---\n"  # 1 + 1998 values
    assert parse(fits.encode(), "x.md", "x.md").problems == ()
    big = "---\nx: " + "a" * (MAX_FRONT_MATTER_BYTES - 3) + "\n---\n"  # exactly 64 KiB
    assert parse(big.encode(), "x.md", "x.md").problems == ()
    too_big = "---\nx: " + "a" * (MAX_FRONT_MATTER_BYTES - 2) + "\n---\n"
    assert [(p.rule.id, p.line) for p in parse(too_big.encode(), "x.md", "x.md").problems] == [("SDW042", 1)]


def test_line_numbers_duplicates_and_non_text_keys_are_as_before():
    text = ("---\ntitel: a\n? [lijst, als, sleutel]\n: waarde\ntitel: b\npersonen:\n  - naam: X\n"
            "    naam: Y\n---\nTekst\n").encode()
    source = parse(text, "x.md", "x.md")
    assert [(p.rule.id, p.line, p.column) for p in source.problems] == [
        ("SDW021", 3, 3), ("SDW006", 5, 1), ("SDW006", 8, 5)]
    assert source.front is not None
    titel, personen = source.front.entries
    assert (titel.key, titel.line, titel.column, titel.value.value, titel.value.plain) == ("titel", 2, 1, "a", True)
    person = personen.value.items[0]
    assert (person.line, person.column, person.entries[0].value.column) == (7, 5, 11)
    assert source.body_line == 10


@pytest.mark.parametrize("text, rule, line", [
    ("---\na: 1\n--- x\nb: 2\n---\n", "SDW005", 3),  # a second YAML document
    ("---\na: [1\n---\n", "SDW005", 3),
    ("---\ntitel: \"open\n---\n", "SDW005", 2),
    ("---\n- a\n- b\n---\n", "SDW021", 2),
    ("---\n# alleen commentaar\n---\n", "SDW007", 1),
    ("---\ntitel: a\x85b\n---\n", "SDW040", 2),  # NEL: a YAML line break that would shift the lines
    ("---\ntitel: a\u2028b\n---\n", "SDW040", 2),
    ("---\ntitel: a\rb\n---\n", "SDW040", 2),
])
def test_other_broken_front_matter_is_still_a_dutch_problem(text, rule, line):
    source = parse(text.encode(), "x.md", "x.md")
    assert [(p.rule.id, p.line) for p in source.problems] == [(rule, line)], source.problems


# Any front-matter at all: a Dutch problem or a parsed file, never an exception, always quick.
_YAML_ALPHABET = st.sampled_from(list("ab:-[]{},&*!|>'\"#?%@`~ \n\t\\") + ["\x00", "\x1b", "\u202e", "\u2028",
                                                                           "\x85", "\ufeff", "é", "---", "..."])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_YAML_ALPHABET, max_size=80).map("".join), st.text(max_size=40))
def test_any_front_matter_ends_in_a_record_or_a_dutch_problem(front, body):
    data = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    started = time.perf_counter()
    try:
        source = parse(data, "x.md", "x.md")
    except Exception as exc:  # noqa: BLE001 - the property is that nothing is raised
        pytest.fail(f"{type(exc).__name__}: {exc} for {front!r}")
    assert time.perf_counter() - started < 1.0
    assert source.front is not None or any(p.is_error for p in source.problems)
    for p in source.problems:
        assert p.line >= 1 and p.column >= 1 and p.message
