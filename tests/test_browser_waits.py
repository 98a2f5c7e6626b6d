"""Every `wait_for_function` in the browser tests and the benchmark passes a JavaScript function.

Our pages forbid `eval` (Content-Security-Policy without 'unsafe-eval'). Playwright evaluates the
waited-for text with `eval`: the first time inside its own debugger call, which the policy lets
through, and again at every later poll, in the page, which the policy refuses, unless the text is a
function, whose value Playwright keeps. A bare expression therefore passes when it is already true at
the first look and fails with an EvalError when the page is a moment slower: a flaky test (it broke
CI once, in `ask_search`). This reads the sources as data and holds every wait to a function.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

SOURCES = sorted([*(ROOT / "tests").rglob("*.py"), ROOT / "scripts" / "benchmark.py"])
FUNCTION = re.compile(r"^\s*(\(|async\b|function\b|[A-Za-z_$][\w$]*\s*=>)")


def leading_text(node: ast.expr) -> str | None:
    """The text a string argument starts with; None when it is not written out as a string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
        return ""
    return None


def waits(path: Path) -> list[tuple[int, str | None]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [(node.lineno, leading_text(node.args[0]) if node.args else None)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "wait_for_function"]


def test_every_wait_for_function_is_given_a_function():
    found, bare = 0, []
    for path in SOURCES:
        for line, text in waits(path):
            found += 1
            if text is None or not FUNCTION.match(text):
                bare.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert found, "no wait_for_function found: the sources moved?"
    assert not bare, "wait_for_function needs a function (e.g. '() => ...'):\n" + "\n".join(bare)


def test_the_check_tells_a_bare_expression_from_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('page.wait_for_function("window.x > 0")\n'
                      'page.wait_for_function("() => window.x > 0")\n'
                      'page.wait_for_function(f"t => {q} === t", arg=1)\n'
                      'page.wait_for_function(f"{q} === 1")\n', encoding="utf-8")
    verdicts = [bool(text and FUNCTION.match(text)) for _, text in waits(sample)]
    assert verdicts == [False, True, True, False]
