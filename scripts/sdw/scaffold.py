"""Scaffold: write a new content file with complete, valid front-matter, from the schema.

Required fields get a value that passes validation; the ones only the author
can know get a placeholder starting with 'VUL IN', which `sdw check` reports
as a warning until it is replaced. Optional fields are listed as comments.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .schema import TYPES_BY_NAME, ContentType, Field, Kind
from .validate import suggest_slug

PLACEHOLDER = "VUL IN"
MAX_SLUG = 60


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


def scaffold(content_dir: Path, type_name: str, title: str, *, today: dt.date,
             options: dict[str, list[str]], next_number: int) -> Scaffold:
    """`options`: existing slugs per referenced type, to fill in and list valid choices."""
    ctype = TYPES_BY_NAME[type_name]
    slug = slug_for(title)
    folder = content_dir / ctype.folder if ctype.folder else content_dir
    lines = ["---"]
    todo: list[tuple[str, int]] = []
    for fld in ctype.fields:
        before = len(lines)
        lines.extend(_field_lines(ctype, fld, title, today, options, next_number))
        if any(PLACEHOLDER in line for line in lines[before:]):
            todo.append((fld.name, before + 1))
    lines += ["---", "", f"{PLACEHOLDER}: de tekst. Gebruik ## voor tussenkopjes.", ""]
    todo.append(("de tekst", len(lines) - 1))
    return Scaffold(folder / f"{slug}.md", "\n".join(lines), tuple(todo))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a double-quoted YAML string


def _field_lines(ctype: ContentType, fld: Field, title: str, today: dt.date,
                 options: dict[str, list[str]], next_number: int) -> list[str]:
    choices = options.get(fld.target or "", [])
    listed = f"  # kies uit: {', '.join(choices)}" if choices else ""
    if not fld.required:
        example = (fld.example or f"{fld.name}: …").split("\n")
        return [f"# {example[0]}    ← {fld.description}"] + [f"# {line}" for line in example[1:]]
    if fld.name == "titel":
        return [f"titel: {_q(title)}"]
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
        return [f"{fld.name}:", f"  - naam: {_q(PLACEHOLDER + ': voor- en achternaam')}",
                f"    rol: {_q(PLACEHOLDER + ': functie')}"]
    if fld.kind is Kind.CHOICE:
        return [f"{fld.name}: {fld.choices[0]}  # kies uit: {', '.join(fld.choices)}"]
    return [f"{fld.name}: {choices[0] if choices else PLACEHOLDER}{listed}"]
