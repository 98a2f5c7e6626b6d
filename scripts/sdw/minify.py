"""Smaller copies of our own stylesheet and scripts in the built site (render stage).

The sources in overrides/ stay readable and commented; the copies the reader
downloads lose comments and whitespace. The work is done by rcssmin and rjsmin,
maintained tokenising minifiers: strings and regular expression literals stay as
written. rcssmin also strips whitespace inside url() unless it is a quoted data:
URL, so a stylesheet writes a space in an address as %20 (as a URL must anyway).

One kind of comment survives in scripts: the marker `/* sdw:<setting> */ ""`
after which the build writes a configured value (csp.set_script_setting, run on
the minified copy and again on every rebuild of it).
"""

from __future__ import annotations

import re

import rcssmin
import rjsmin

# A setting marker (csp._marker), made a "bang" comment for rjsmin to keep and restored afterwards.
_MARKER = re.compile(r"/\* (sdw:[\w.-]+) \*/")
_KEPT_MARKER = re.compile(r"/\*! (sdw:[\w.-]+) \*/")


# Where whitespace is content (pre, textarea) or code (script, style): left exactly as written.
_VERBATIM = re.compile(r"(<(?:pre|textarea|script|style)\b.*?</(?:pre|textarea|script|style)>)", re.S | re.I)
# Whitespace between two tags: with a line break in it, then without (two passes without a
# Python call per match: a fifth of the time).
_BETWEEN_LINES = re.compile(r">[^\S\n]*\n\s*<")
_BETWEEN_TAGS = re.compile(r">[^\S\n]+<")
_INDENT = re.compile(r"\n[ \t]+")


def html(text: str) -> str:
    """A page without the templates' indentation: every run of whitespace between two tags becomes
    one newline (or one space), and indentation at the start of a line goes. Whitespace stays where
    there was some, so nothing a reader sees changes; pre, textarea, script and style are kept as
    written (inline scripts keep the bytes their Content-Security-Policy hash was taken of)."""
    parts = _VERBATIM.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _INDENT.sub("\n", _BETWEEN_TAGS.sub("> <", _BETWEEN_LINES.sub(">\n<", parts[i])))
    return "".join(parts)


def css(text: str) -> str:
    return rcssmin.cssmin(text)


def js(text: str) -> str:
    kept = rjsmin.jsmin(_MARKER.sub(r"/*! \1 */", text), keep_bang_comments=True)
    return _KEPT_MARKER.sub(r"/* \1 */ ", kept)
