"""The authors' reference (Dutch Markdown), derived from the schema and the rule registry.

CONTRIBUTING.md carries this text between two markers; `sdw schema --write
CONTRIBUTING.md` refreshes it and a test fails when it is out of date.
"""

from __future__ import annotations

from pathlib import Path

from . import policy
from .problems import RULES
from .schema import PERSON_FIELDS, TYPES, VIDEO_HOSTS, Kind

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
    out += ["", *html_reference()]
    out += ["", "## Naslag: meldingen", "", "| code | naam | soort | wat is er mis | zo los je het op |",
            "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.id} | `{r.name}` | {r.severity.value} | {_cell(r.summary)} | {_cell(r.example_fix)} |"
            for r in sorted(RULES.values(), key=lambda r: r.id)]
    return "\n".join(out) + "\n"


def html_reference() -> list[str]:
    """What HTML an author may write, from the same policy the validator and the sanitiser use."""
    def codes(names) -> str:
        return ", ".join(f"`{n}`" for n in sorted(names))

    rows = [f"| `<{e}>` | {codes(a)} |" for e, a in sorted(policy.ELEMENT_ATTRIBUTES.items())]
    return [
        "## Naslag: HTML in de tekst", "",
        "Markdown is genoeg voor bijna alles. Wie toch HTML schrijft, kan deze elementen gebruiken: "
        f"{codes(f'<{e}>' for e in policy.ELEMENTS)}. Op elk element mogen {codes(policy.GLOBAL_ATTRIBUTES)}; "
        "daarnaast per element:", "",
        "| element | extra attributen |", "| --- | --- |", *rows, "",
        f"- Links gebruiken {codes(s + ':' for s in policy.LINK_SCHEMES)} of een relatief pad naar een .md-bestand."
        + "".join(f" `{name}` mag alleen {codes(values)} zijn."
                  for name, values in sorted(policy.ATTRIBUTE_VALUES.items())),
        "- Afbeeldingen komen altijd uit `content/` (een relatief pad), nooit van een andere website.",
        f"- Een `<iframe>` mag alleen een videospeler van {', '.join(sorted(VIDEO_HOSTS))} zijn; de site maakt er "
        "een speler van die pas na een klik laadt.",
        "- `style` mag alleen de uitlijning van een tabelcel zijn (`text-align`); `data-*`-attributen en "
        "attributen die code uitvoeren (`onclick`, …) mogen nooit.",
        f"- Namen die de site zelf gebruikt zijn gereserveerd: geen id dat begint met "
        f"{codes(policy.RESERVED_ID_PREFIXES)} en geen class die begint met {codes(policy.RESERVED_CLASS_PREFIXES)}. "
        "Dat geldt ook voor attributenlijsten (`{ #id .class }`), blokken met `!!!` en kopjes (het kopje "
        "'SDW-overzicht' zou het adres `#sdw-overzicht` krijgen).",
    ]


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
