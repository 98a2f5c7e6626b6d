"""Characters an author cannot see: which ones are suspect, and how a message shows them.

Shared by the policy (which refuses them) and the rules' messages (which name them),
so that neither needs the other.
"""

from __future__ import annotations

import re

# Characters that break feeds and calendars (controls) or make text read differently from
# what it is (direction overrides and isolates, invisible characters).
_BIDI = {0x061C: "Arabische letterteken", 0x200E: "links-naar-rechts-teken", 0x200F: "rechts-naar-links-teken",
         **{c: "richtingsteken" for c in range(0x202A, 0x202F)},
         **{c: "richtingsteken" for c in range(0x2066, 0x206A)}}
_INVISIBLE = {0x200B: "onzichtbare spatie", 0x200C: "onzichtbaar verbindingsteken",
              0x200D: "onzichtbaar verbindingsteken", 0x2060: "onzichtbaar woordteken",
              0xFEFF: "onzichtbaar BOM-teken", 0x2028: "regelscheiding", 0x2029: "alineascheiding"}
# Not suspect: tab and newline (block scalars), the soft hyphen (a hyphenation hint in long Dutch words).
_CONTROLS_AND_MARKS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2028\u2029\u2060"
                       "\u2066-\u2069\ufeff")
SUSPECT = re.compile("[" + _CONTROLS_AND_MARKS + "\u200d]")
# In a body the zero-width joiner (U+200D) stays allowed: it joins the parts of an emoji.
BODY_SUSPECT = re.compile("[" + _CONTROLS_AND_MARKS + "]")


def character_name(char: str) -> str:
    """'U+202E (richtingsteken)': how a message names a character an author cannot see."""
    code = ord(char)
    what = _BIDI.get(code) or _INVISIBLE.get(code) or "stuurteken"
    return f"U+{code:04X} ({what})"


def clip(text: str, size: int = 60) -> str:
    """`text` for a message: invisible characters written as escapes, at most `size` characters."""
    text = SUSPECT.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    return text if len(text) <= size else text[: size - 1] + "…"


_CONTROLS = re.compile(r"[\x00-\x1f]")


def clip_line(text: str, size: int = 40) -> str:
    """A line of a file as a message quotes it: control characters (tab included) as '?'."""
    text = _CONTROLS.sub("?", text)
    return text if len(text) <= size else text[: size - 1] + "…"
