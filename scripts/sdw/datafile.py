"""The YAML data files kept as content (content/zoekwoorden.yml, content/leesbaarheid.yml): read
as untrusted as a page's front-matter is.

Each is read without following a link, at most its size bound plus one byte, decoded as sdw.load
decodes pages (UTF-8, BOM, line ends), refused at an invisible character, and parsed into raw
nodes straight from the parser's events: anchors, aliases and tags are refused where they are
written, nothing is nested deeper than the file's format needs, a key twice in one mapping is
reported. What a file means is its own module's business (sdw.thesaurus, sdw.readability); the
wordings of its problems are its own rules', handed in as `Wordings`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import rules
from .characters import SUSPECT
from .load import (
    RawNode,
    RawTreeBuilder,
    TreeWords,
    _explain_yaml_error,
    _Refused,
    _unclosed_quote,
    decode,
)
from .problems import Problem, Violation


@dataclass(frozen=True)
class Wordings:
    """A data file's own words for what can be wrong with any data file."""

    too_big: Callable[[int, int], Violation]  # (size, limit) in bytes
    empty: Callable[[], Violation]
    too_deep: Callable[[int], Violation]  # (limit)
    key_not_text: Callable[[RawNode], Violation]  # (the key)
    duplicate_key: Callable[[str, int], Violation]  # (key, line of its first time)


def shown_path(path: Path, root: Path) -> str:
    """The path as messages show it: relative to the repository (links not followed, as sdw.load)."""
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    inside = absolute.startswith(base.rstrip(os.sep) + os.sep)
    return absolute[len(base.rstrip(os.sep)) + 1:].replace(os.sep, "/") if inside else path.as_posix()


def read_bytes(path: Path, root: Path, max_bytes: int,
               words: Wordings) -> tuple[str, bytes | None, tuple[Problem, ...]]:
    """The file's path as shown and its bytes; None without problems when there is no file, None
    with the problem when it is a link or too big."""
    shown = shown_path(path, root)
    if path.is_symlink():
        return shown, None, (rules.symlink().at(shown, 1),)
    if not path.is_file():
        return shown, None, ()
    # Never follow a link swapped in after the check above; read one byte past the bound at most.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        data = f.read(max_bytes + 1)
        size = os.fstat(f.fileno()).st_size
    if len(data) > max_bytes:
        return shown, None, (words.too_big(size, max_bytes).at(shown, 1),)
    return shown, data, ()


@dataclass
class Parsed:
    root: RawNode | None  # None: comments only, or refused (see `refused`)
    lines: list[str]
    problems: list[Problem]
    refused: bool = False  # the file could not be read as data: `problems` says why


def parse(data: bytes, shown: str, max_depth: int, words: Wordings) -> Parsed:
    """The raw nodes of `data` (the bytes of the file), with every problem found on the way."""
    problems: list[Problem] = []

    def fail(violation: Violation, line: int = 1, column: int = 1, lines: list[str] | None = None) -> Parsed:
        problems.append(violation.at(shown, line, column))
        return Parsed(None, lines or [], problems, refused=True)

    text, found = decode(data)
    problems.extend(violation.at(shown, line) for violation, line in found)
    if text is None:
        return Parsed(None, [], problems, refused=True)
    if not text.strip():
        return fail(words.empty())
    bad = SUSPECT.search(text)
    if bad:
        line_start = text.rfind("\n", 0, bad.start()) + 1
        return fail(rules.thesaurus_invisible(bad.group(0)), text.count("\n", 0, bad.start()) + 1,
                    bad.start() - line_start + 1)
    lines = text.split("\n")
    try:
        tree_words = TreeWords(rules.thesaurus_yaml_reference, words.too_deep, words.key_not_text, words.duplicate_key)
        root = RawTreeBuilder(shown, problems, tree_words, first_line=1, max_depth=max_depth).build(text)
    except _Refused as refused:
        return fail(refused.violation, refused.line, refused.column, lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        quote_line = _unclosed_quote([""] + lines, line + 1)  # it skips a front-matter fence on line 1
        if quote_line:
            return fail(rules.yaml_error("quote"), quote_line - 1, lines=lines)
        violation = _explain_yaml_error(exc, lines, line)
        if violation.message == rules.YAML_ERROR.summary:  # the general words speak of front-matter
            violation = rules.thesaurus_yaml_error()
        return fail(violation, line, column, lines)
    except (yaml.YAMLError, RecursionError, MemoryError):
        return fail(rules.thesaurus_yaml_error(), lines=lines)
    return Parsed(root, lines, problems)
