"""Smaller copies of our own stylesheet and scripts in the built site (render stage).

The sources in overrides/ stay readable and commented; the copies the reader
downloads lose comments and indentation. Deliberately simple, and safe for
how our files are written: CSS strings are kept as they are, and in
JavaScript only whole-line comments and leading indentation go (no parsing,
so nothing inside a string or regular expression can be touched).
"""

from __future__ import annotations

import re

_CSS_TOKEN = re.compile(r'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')|(/\*[\s\S]*?\*/)|(\s+)|([{};,>])')


def css(text: str) -> str:
    out: list[str] = []

    def keep(match: re.Match) -> str:
        string, comment, space, punct = match.groups()
        if string:
            return string
        if comment:
            return ""
        if space:
            return " "
        return punct

    squeezed = _CSS_TOKEN.sub(keep, text)
    # spaces around punctuation outside strings: split on strings again to stay safe
    for i, part in enumerate(re.split(r'("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')', squeezed)):
        out.append(part if i % 2 else re.sub(r"\s*([{};,>])\s*", r"\1", part).replace(";}", "}"))
    return "".join(out).strip() + "\n"


_JS_BLOCK_COMMENT_LINES = re.compile(r"^[ \t]*/\*[\s\S]*?\*/[ \t]*\n", re.M)
_JS_LINE_COMMENT_LINES = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
_INDENT = re.compile(r"^[ \t]+", re.M)


def js(text: str) -> str:
    text = _JS_BLOCK_COMMENT_LINES.sub("", text)
    text = _JS_LINE_COMMENT_LINES.sub("", text)
    return _INDENT.sub("", text)
