"""Problems found in content, and the registry of the rules that raise them.

A rule is a unit, declared once in sdw.rules: its stable ID and name, what it
checks and a typical fix (for the authors' reference in CONTRIBUTING.md), and
right below it the functions that word its messages (`@RULE.words`). The checks
(load, validate, validate_body, policy) find what is wrong and call one of those
functions; they get a Violation (what is wrong, in the rule's words), and
`Violation.at` places it in a file, which makes the Problem that only the report
module formats. Nothing else makes a Problem (tests/test_rules.py holds the code
to that, and gives every rule a failing fixture).

Rule IDs are stable: never renumber or reuse one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import ParamSpec


class Severity(Enum):
    ERROR = "fout"
    WARNING = "waarschuwing"
    # Advice on style (readability, sdw.readability): never an error, never blocks a build, a
    # publication or a pull request. Tips travel apart from the other problems (not in
    # validate.Result), so no exit status can depend on them.
    TIP = "tip"


_Words = ParamSpec("_Words")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str  # Dutch: what the rule checks
    example_fix: str  # Dutch: a typical fix, for the authors' reference

    def words(self, wording: Callable[_Words, tuple[str, str]]) -> Callable[_Words, Violation]:
        """Decorator: `wording` returns (message, hint) for this rule; the decorated function
        returns them as a Violation of this rule."""

        @functools.wraps(wording)
        def violation(*args: _Words.args, **kwargs: _Words.kwargs) -> Violation:
            message, hint = wording(*args, **kwargs)
            return Violation(self, message, hint)

        WORDINGS[self.id].append(violation)
        return violation


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    rule: Rule
    message: str  # Dutch: what is wrong
    hint: str = ""  # Dutch: what to do

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def is_error(self) -> bool:
        return self.rule.severity is Severity.ERROR

    @property
    def is_tip(self) -> bool:
        return self.rule.severity is Severity.TIP


@dataclass(frozen=True)
class Violation:
    """What is wrong, in the words of its rule, before it is placed in a file."""

    rule: Rule
    message: str  # Dutch: what is wrong
    hint: str = ""  # Dutch: what to do

    def at(self, path: str, line: int, column: int = 1) -> Problem:
        return Problem(path, max(line, 1), max(column, 1), self.rule, self.message, self.hint)


RULES: dict[str, Rule] = {}
RULES_BY_NAME: dict[str, Rule] = {}
WORDINGS: dict[str, list[Callable[..., Violation]]] = {}  # rule ID → the functions that word its messages


def declare(id: str, name: str, summary: str, example_fix: str, severity: Severity = Severity.ERROR) -> Rule:
    """A new rule, in the registry (sdw.rules declares every rule this way)."""
    if id in RULES or name in RULES_BY_NAME:
        raise AssertionError(f"rule {id} {name} declared twice")
    rule = Rule(id, name, severity, summary, example_fix)
    RULES[id], RULES_BY_NAME[name], WORDINGS[id] = rule, rule, []
    return rule


def problem(path: str, line: int, column: int, rule_name: str, message: str, hint: str = "") -> Problem:
    """A Problem of the rule with this name and any message: for tests of the report, not for
    checks (they word their problems with the rule's functions in sdw.rules)."""
    return Violation(RULES_BY_NAME[rule_name], message, hint).at(path, line, column)


# The catalogue fills the registry above as it declares its rules.
from . import rules as _rules  # noqa: E402, F401
