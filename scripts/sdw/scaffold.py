"""Scaffold: write a new content file with complete, valid front-matter, from the schema.

Required fields come first and get a value that passes validation; the ones only the
author can know get a placeholder starting with 'VUL IN', which `sdw check` reports as a
warning until it is replaced. The optional fields follow as comments: a line '# ...' with
the Dutch description, then the field itself with '#' in front of every line ('#themas:',
'#  - ips'). Removing that '#' gives a value that passes validation as it stands: references
use slugs that exist, dates are valid. An image cannot be valid before the file exists, so
image fields only get an explanation.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .rules import PLACEHOLDER
from .schema import ARTICLE_ATTRS, TITLE, TYPES, TYPES_BY_NAME, Field, Kind
from .validate import suggest_slug

MAX_SLUG = 60
# Content types whose file is named after the first person (`sdw new verhaal --persoon ...`).
NAMED_AFTER_PERSON = frozenset(t.name for t in TYPES if t.named_after_person)

OPTIONAL_INTRO = (
    "# ----- Niet verplicht -----",
    "# Regels die met # beginnen, doen niet mee. Onder elke uitleg staat het veld zelf, met # ervoor",
    "# zonder spatie (zoals #themas:). Wil je dat veld gebruiken? Haal dan alleen dat # weg, op elke",
    "# regel van het veld, en pas de waarde aan. Weglaten mag ook.",
)


@dataclass(frozen=True)
class Scaffold:
    path: Path  # absolute
    text: str
    todo: tuple[tuple[str, int], ...]  # (what to fill in, line)


def slug_for(title: str) -> str:
    slug = suggest_slug(title)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def has_people(type_name: str) -> bool:
    return TYPES_BY_NAME[type_name].field(ARTICLE_ATTRS["people"].name) is not None


def scaffold(content_dir: Path, type_name: str, title: str, *, today: dt.date,
             options: dict[str, list[str]], next_number: int, persons: Sequence[str] = ()) -> Scaffold:
    """`options`: existing slugs per referenced type, to fill in and list valid choices.
    `persons`: names for `personen`; a story (verhaal) is then named after the first one."""
    ctype = TYPES_BY_NAME[type_name]
    persons = [p.strip() for p in persons if p.strip()]
    slug = slug_for(persons[0] if persons and type_name in NAMED_AFTER_PERSON else title)
    folder = content_dir / ctype.folder if ctype.folder else content_dir
    lines = ["---"]
    todo: list[tuple[str, int]] = []
    required = [f for f in ctype.fields if f.required or (f.kind is Kind.PEOPLE and persons)]
    for fld in required:
        before = len(lines)
        lines.extend(_required_lines(fld, title, today, options, next_number, persons))
        if any(PLACEHOLDER in line for line in lines[before:]):
            todo.append((fld.name, before + 1))
    optional = [f for f in ctype.fields if f not in required]
    if optional:
        lines.extend(("#",) + OPTIONAL_INTRO)
    for fld in optional:
        lines.append("#")
        lines.extend(_optional_lines(fld, today, options))
    lines += ["---", "", f"{PLACEHOLDER}: de tekst. Gebruik ## voor tussenkopjes.", ""]
    todo.append(("de tekst", len(lines) - 1))
    return Scaffold(folder / f"{slug}.md", "\n".join(lines), tuple(todo))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a double-quoted YAML string


def _choices(fld: Field, options: dict[str, list[str]]) -> list[str]:
    return options.get(fld.target or "", [])


def _required_lines(fld: Field, title: str, today: dt.date, options: dict[str, list[str]],
                    next_number: int, persons: Sequence[str]) -> list[str]:
    choices = _choices(fld, options)
    listed = f"  # kies uit: {', '.join(choices)}" if choices else ""
    if fld.name == TITLE.name:
        return [f"{TITLE.name}: {_q(title)}"]
    if fld.kind is Kind.TEXT:
        return [f"{fld.name}: {_q(f'{PLACEHOLDER}: {fld.description}')}"]
    if fld.kind in (Kind.DATE, Kind.DAY):
        return [f"{fld.name}: {today.isoformat()}"]
    if fld.kind is Kind.INT:
        return [f"{fld.name}: {next_number}"]
    if fld.kind is Kind.URL:
        return [f"{fld.name}: https://www.example.nl/{PLACEHOLDER.replace(' ', '-')}"]
    if fld.kind in (Kind.VIDEO, Kind.IMAGE):
        return [f"{fld.name}: {_q(f'{PLACEHOLDER}: bijvoorbeeld {fld.example_value}')}"]
    if fld.kind is Kind.REFS:
        return [f"{fld.name}:", f"  - {choices[0] if choices else PLACEHOLDER}{listed}"]
    if fld.kind is Kind.PEOPLE:
        lines = [f"{fld.name}:"]
        for name in persons or [f"{PLACEHOLDER}: voor- en achternaam"]:
            lines += [f"  - naam: {_q(name)}", f"    rol: {_q(PLACEHOLDER + ': functie')}"]
        return lines + _comment("Werkt iemand bij een organisatie? Zet dan onder 'rol' een regel met "
                                "'organisatie:' en de naam, net zo ver ingesprongen als 'rol:'. Nog iemand "
                                "aan het woord? Herhaal dan de regels vanaf '- naam:'.")
    if fld.kind is Kind.CHOICE:
        return [f"{fld.name}: {fld.choices[0]}  # kies uit: {', '.join(fld.choices)}"]
    return [f"{fld.name}: {choices[0] if choices else PLACEHOLDER}{listed}"]


def _optional_lines(fld: Field, today: dt.date, options: dict[str, list[str]]) -> list[str]:
    """Description lines ('# ...') and the field itself behind '#' ('#themas:', '#  - ips'),
    valid once that '#' is removed. Free text gets a 'VUL IN' value: valid, and `sdw check`
    keeps reminding until it is replaced."""
    about = _comment(f"{fld.name} – {fld.description}")
    if fld.kind is Kind.IMAGE:
        return about + _comment(
            "Dit veld kan pas als de afbeelding al in content/ staat: een pad naar een afbeelding die "
            "er (nog) niet is, geeft een fout. Zet de afbeelding (JPEG of PNG) dus eerst in de map "
            f"afbeeldingen/ naast dit bestand. Schrijf daarna zelf een regel met '{fld.name}:' en het "
            "pad, zoals: afbeeldingen/naam-van-de-afbeelding.jpg")
    if fld.kind in (Kind.REF, Kind.REFS):
        choices = _choices(fld, options)
        if not choices:
            return about + _comment(f"Er is nog geen {fld.target} om uit te kiezen. Laat dit veld weg, "
                                    f"of maak er eerst een aan met: sdw new {fld.target}")
        first = choices[0]
        value = [f"#{fld.name}: {first}"] if fld.kind is Kind.REF else [f"#{fld.name}:", f"#  - {first}"]
        return about + _comment(f"Kies uit: {', '.join(choices)}") + value
    if fld.kind is Kind.PEOPLE:
        return about + [f"#{fld.name}:", f"#  - naam: {_q(PLACEHOLDER + ': voor- en achternaam')}",
                        f"#    rol: {_q(PLACEHOLDER + ': functie')}"]
    if fld.kind is Kind.CHOICE:
        return about + [f"#{fld.name}: {fld.choices[0]}  # kies uit: {', '.join(fld.choices)}"]
    if fld.kind is Kind.DATE:
        month_only = len(fld.example_value) == len("JJJJ-MM")
        return about + [f"#{fld.name}: {today.isoformat()[:7] if month_only else today.isoformat()}"]
    if fld.kind is Kind.DAY:  # the day after `datum` (today): never before it
        return about + [f"#{fld.name}: {(today + dt.timedelta(days=1)).isoformat()}"]
    if fld.kind is Kind.YEAR:
        return about + [f"#{fld.name}: {today.year}"]
    if fld.kind is Kind.URL:
        return about + [f"#{fld.name}: https://www.example.nl/{PLACEHOLDER.replace(' ', '-')}"]
    if fld.kind is Kind.TEXT:
        example = _unquoted(fld.example_value)
        value = f"{PLACEHOLDER} (bijv. {example})"
        if fld.max_length and len(value) > fld.max_length:
            value = PLACEHOLDER
        return about + [f"#{fld.name}: {_q(value)}"]
    return about + [f"#{fld.name}: {fld.example_value}"]  # INT (volgorde): the schema's example


def _comment(text: str) -> list[str]:
    """Explanation as YAML comment lines: '# ' and a space, never taken for a field."""
    return [f"# {line}" for line in textwrap.wrap(text, 96, break_long_words=False, break_on_hyphens=False)]


def _unquoted(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text
