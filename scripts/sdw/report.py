"""Report: format problems for authors (Dutch, one line each) and for GitHub annotations."""

from __future__ import annotations

import re
from urllib.parse import quote

from .problems import Problem, Severity

# Characters a terminal or a log would act on or not show: C0 and C1 controls (ESC starts
# colour and cursor sequences), DEL, direction overrides, isolates and marks, invisible
# characters, line and paragraph separators. They are printed as escapes such as \x1b or \u202e.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029"
                     "\u2060-\u2064\u2066-\u2069\ufeff]")
# In a message: tabs and newlines are only layout (joined into single spaces below).
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                             "\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_but_line_breaks(match: re.Match[str]) -> str:
    return match.group(0) if match.group(0) in "\r\n" else _escape(match)


def visible(text: str) -> str:
    """`text` with every control, direction-changing and invisible character written as an escape."""
    return _UNSAFE.sub(_escape, text)


def _visible_text(text: str) -> str:
    return " ".join(_UNSAFE_IN_TEXT.sub(_escape, text).split())


def format_problem(p: Problem) -> str:
    """One line for a terminal; nothing from a file name or the content can colour it or break it."""
    text = f"{visible(p.path)}:{p.line}:{p.column}: {p.severity.value} [{p.rule.id} {p.rule.name}] " \
           f"{_visible_text(p.message)}"
    if p.hint:
        text += f" {_visible_text(p.hint)}"
    return text


def _property(value: object) -> str:
    """A value inside a GitHub workflow command's properties (file=…,line=…)."""
    return (str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def _data(value: str) -> str:
    """The message of a GitHub workflow command (after the second '::')."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


# GitHub's annotation level and the title's first word per severity: a tip is a notice, which
# GitHub shows on the line without failing anything.
_ANNOTATION = {Severity.ERROR: ("error", "Fout"), Severity.WARNING: ("warning", "Waarschuwing"),
               Severity.TIP: ("notice", "Tip")}


def format_github(p: Problem) -> str:
    """A GitHub Actions annotation: exactly one line, every value escaped, so a file name or a
    message can never end the command or start another one."""
    level, word = _ANNOTATION[p.severity]
    title = f"{word} {p.rule.id} {p.rule.name}"
    message = _visible_text(f"{p.message} {p.hint}".strip())
    path = _UNSAFE.sub(_escape_but_line_breaks, p.path)  # %0A and %0D name the real file
    return (f"::{level} file={_property(path)},line={_property(p.line)},col={_property(p.column)},"
            f"title={_property(title)}::{_data(message)}")


def summary(problems: tuple[Problem, ...] | list[Problem], files: int) -> str:
    problems = [p for p in problems if not p.is_tip]  # tips are counted apart: tips_summary
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return f"Alles in orde: {files} bestanden gecontroleerd, geen problemen."
    parts = []
    if errors:
        parts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return f"{' en '.join(parts)} in {files} bestanden gevonden."


def tips_summary(tips, files: int) -> str:
    """One line for the readability tips found in `files` files (they never fail a check)."""
    pages = len({p.path for p in tips})
    if not tips:
        return f"Geen tips voor leesbaarheid in {'1 bestand' if files == 1 else f'{files} bestanden'}."
    return (f"{len(tips)} tip{'' if len(tips) == 1 else 's'} voor leesbaarheid (taalniveau B1) in {pages} "
            f"{'bestand' if pages == 1 else 'bestanden'}; tips houden niets tegen.")


def markdown_summary(problems, files: int, link_base: str = "", tips=()) -> str:
    """Every problem as a Dutch Markdown list for a pull request's job summary, each with a link to
    its line when `link_base` (…/blob/<commit>) is given, and then `tips` (readability, of the changed
    files) folded away under one line. Paths are code spans; messages (which quote untrusted
    values) are escaped, so no value becomes a link, markup or HTML."""
    lines = [f"### Controle van content/: {summary(problems, files)}", ""]
    if tips:
        folded = ["<details><summary>" + _markdown_text(tips_summary(tips, len({p.path for p in tips})))
                  + "</summary>", "", *_markdown_list(tips, link_base), "", "</details>", ""]
    else:
        folded = []
    if not problems:
        return "\n".join(lines + folded) + "\n"
    return "\n".join(lines + _markdown_list(problems, link_base) + ([""] + folded if folded else [])) + "\n\n"


def _markdown_list(problems, link_base: str) -> list[str]:
    lines = []
    for p in problems:
        where = f"{p.path}:{p.line}:{p.column}"
        shown = "`" + visible(where).replace("`", "'") + "`"
        if link_base:
            shown = f"[{shown}]({link_base.rstrip('/')}/{quote(p.path)}#L{p.line})"
        text = visible(f"{p.message} {p.hint}".strip()).replace("`", "'")
        lines.append(f"- {shown} **{p.severity.value} {p.rule.id} {p.rule.name}**: {_markdown_text(text)}")
    return lines


def _markdown_text(text: str) -> str:
    """Author-derived text inside Markdown: no markup, links or HTML of its own."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", text)
