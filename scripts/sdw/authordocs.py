"""The authors' reference (Dutch Markdown), derived from the schema and the rule registry.

CONTRIBUTING.md carries this text between two markers; `sdw schema --write
CONTRIBUTING.md` refreshes it and a test fails when it is out of date.
"""

from __future__ import annotations

from pathlib import Path

from . import policy, rules, thesaurus
from .load import THESAURUS_FILE
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
    out += ["", *thesaurus_reference()]
    out += ["", *html_reference()]
    out += ["", "## Naslag: meldingen", "", "| code | naam | soort | wat is er mis | zo los je het op |",
            "| --- | --- | --- | --- | --- |"]
    out += [f"| {r.id} | `{r.name}` | {r.severity.value} | {_cell(r.summary)} | {_cell(r.example_fix)} |"
            for r in sorted(RULES.values(), key=lambda r: r.id)]
    return "\n".join(out) + "\n"


def thesaurus_reference() -> list[str]:
    """The search words file, from the bounds and names sdw.thesaurus checks it with."""
    words, also = thesaurus.WORDS, thesaurus.ALSO
    return [
        f"## Naslag: zoekwoorden (`content/{THESAURUS_FILE}`)", "",
        "Lezers zoeken met gewone woorden, zoals ‘burn-out’, ‘verzuim’ of ‘bedrijfsarts’. Staat zo'n woord nergens "
        f"op de site, dan vindt de zoekfunctie niets. In `content/{THESAURUS_FILE}` zet je zulke woorden bij woorden "
        "die wel op de site staan. Wie dan ‘burnout’ zoekt, vindt ook de pagina's over ‘psychische problemen’, na "
        "de pagina's waar ‘burnout’ zelf in staat. Het bestand koppelt alleen woorden; het zegt niets over de inhoud.",
        "",
        f"Het bestand is een lijst van groepen. Elke groep begint met `- {words}:` en heeft recht daaronder "
        f"`  {also}:`. Een regel die met `#` begint, is uitleg.", "",
        "```yaml",
        f"- {words}: burn-out, burnout, overspannen",
        f"  {also}: psychische problemen, uitval",
        "",
        f"- {words}: verzuim, ziekteverzuim",
        f"  {also}: behoud van werk",
        "```", "",
        "| naam | verplicht | vorm | uitleg |", "| --- | --- | --- | --- |",
        f"| `{words}` | ja | woorden gescheiden door komma's (of een lijstje), max. {thesaurus.MAX_TERMS[words]} | "
        "Wat lezers typen: een woord of een korte woordgroep. Hoofdletters en accenten maken niet uit. |",
        f"| `{also}` | ja | woorden gescheiden door komma's (of een lijstje), max. {thesaurus.MAX_TERMS[also]} | "
        "Waar de site dan ook naar zoekt: woorden die op de site staan. |", "",
        f"- Elk woord of elke woordgroep is hoogstens {thesaurus.MAX_TERM_WORDS} woorden en "
        f"{thesaurus.MAX_TERM_CHARS} tekens; het bestand heeft hoogstens {thesaurus.MAX_GROUPS} groepen en is "
        f"hoogstens {thesaurus.MAX_BYTES // 1024} kB ({rules.THESAURUS_TOO_BIG.id}).",
        f"- Een woord staat maar in één groep, en daar één keer ({rules.THESAURUS_DUPLICATE.id}).",
        f"- Een woord bij `{also}` staat niet ook bij `{words}`: de site zoekt één stap door, niet verder "
        f"({rules.THESAURUS_TARGET_IS_WORD.id}).",
        f"- Staat een woord bij `{also}` nergens op de site, dan waarschuwt de controle: het vindt niets "
        f"({rules.THESAURUS_TARGET_FINDS_NOTHING.id}).",
        "- Vindt een zoekopdracht niets, dan toont de site een woord dat erop lijkt (‘Bedoelde je …?’) en de thema's "
        "en doelgroepen die artikelen hebben.",
    ]


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
