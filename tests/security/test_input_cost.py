"""No body can keep a build busy: what would make the renderer slow is refused (SDW044) by cheap,
linear counts, and what lies just inside the limits is built.

The bodies (tests/security/pathological.py) are the size limit of a content file. They run in
one child process with a generous timeout, so a regression fails here instead of hanging the
suite; `scripts/benchmark.py --hostile` prints the seconds each takes (the figures, not a test).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pathological
from conftest import ROOT

BENCHMARK = ROOT / "scripts" / "benchmark.py"


def run(names: list[str], timeout: float = 120) -> dict[str, dict]:
    done = subprocess.run([sys.executable, str(BENCHMARK), "--hostile-one", *names], capture_output=True, text=True,
                          timeout=timeout, check=True)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {row["name"]: row for row in rows}


def test_costly_bodies_are_refused_before_anything_is_parsed_or_built():
    rows = run(list(pathological.REFUSED))
    assert set(rows) == set(pathological.REFUSED)
    wrong = {name: row["rules"] for name, row in rows.items() if row["rules"] != ["SDW044"]}
    assert wrong == {}


def test_bodies_just_inside_the_limits_are_built():
    rows = run(list(pathological.ACCEPTED))
    assert {name: row["rules"] for name, row in rows.items()} == {name: [] for name in pathological.ACCEPTED}
    assert all(row["render"] is not None for row in rows.values())


def test_the_limits_leave_real_writing_alone():
    """A long, richly formatted article (links, emphasis, lists, a table, quotes, headings) passes."""
    from sdw.load import Loaded, load_all, parse
    from sdw.validate import validate

    section = ("## Een kopje\n\nEen alinea met *nadruk*, **sterk**, een [link](https://www.example.nl/pagina) en "
               "`code`. Nog een zin met een & en een > teken.\n\n- punt een\n- punt twee\n    - dieper\n\n"
               "> Een citaat van iemand.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n")
    base = load_all(ROOT / "tests" / "fixtures" / "base", ROOT)
    text = pathological.FRONT + section * 250  # about 60 kB: longer than any real article
    result = validate(Loaded(base.files + (parse(text.encode(), "content/verhalen/lang.md", "verhalen/lang.md"),),
                             base.assets, ()))
    assert [p.rule.id for p in result.problems] == []
