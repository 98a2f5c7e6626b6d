"""The authors' reference (Dutch Markdown), derived from the schema and the rule registry.

CONTRIBUTING.md carries this text between two markers; `sdw schema --write
CONTRIBUTING.md` refreshes it and a test fails when it is out of date.
"""

from __future__ import annotations

from pathlib import Path

from .problems import RULES
from .schema import PERSON_FIELDS, TYPES, Kind

BEGIN = "<!-- schema:begin (gegenereerd met: sdw schema --write CONTRIBUTING.md) -->"
END = "<!-- schema:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference() -> str:
    out = ["## Naslag: velden per soort inhoud", ""]
    for ctype in TYPES:
        where = f"`content/{ctype.folder}/`" if ctype.folder else "direct in `content/`"
        out += [f"### {ctype.label} ({where})", "", ctype.description, "",
                "| veld | verplicht | vorm | uitleg |", "| --- | --- | --- | --- |"]
        for f in ctype.fields:
            kind = f.kind.value
            if f.kind is Kind.CHOICE:
                kind += ": " + ", ".join(f"`{c}`" for c in f.choices)
            if f.target:
                target = next(t for t in TYPES if t.name == f.target)
                kind += (f" naar {target.plural.lower()}" if f.kind is Kind.REFS
                         else f" naar een {target.label.lower()}")
            if f.max_length:
                kind += f", max. {f.max_length} tekens"
            out.append(f"| `{f.name}` | {'ja' if f.required else 'nee'} | {_cell(kind)} | {_cell(f.description)} |")
        out.append("")
    out += ["### Een persoon (in `personen`)", "", "| veld | verplicht | uitleg |", "| --- | --- | --- |"]
    out += [f"| `{f.name}` | {'ja' if f.required else 'nee'} | {_cell(f.description)} |" for f in PERSON_FIELDS]
    out += ["", "## Naslag: meldingen", "", "| code | naam | soort | wat is er mis | zo los je het op |",
            "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.id} | `{r.name}` | {r.severity.value} | {_cell(r.summary)} | {_cell(r.example_fix)} |"
            for r in sorted(RULES.values(), key=lambda r: r.id)]
    return "\n".join(out) + "\n"


def splice(text: str) -> str:
    """Replace what stands between the markers in `text` by the current reference."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + reference() + "\n" + text[end:]


def update_file(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    new = splice(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
