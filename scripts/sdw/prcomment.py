"""The preview comment on a pull request, written by the trusted publishing job.

Two workflows share the work (see .github/workflows/):

* "Pull request" runs the pull request's own code with a read-only token. It
  checks, tests and builds, and uploads two artifacts: the built site
  (`site-preview`) and `pr-gegevens`, a folder with what happened:

      nummer        the pull request's number
      commit        the commit it built
      uitkomst      klaar | waarschuwingen | inhoud | tests | bouwen | onvolledig
      problemen.md  the `sdw check --samenvatting` list (optional)
      paginas.md    the `sdw vergelijk` list of pages (optional)
      leesbaarheid.md  the `sdw leesbaarheid --gewijzigd` scores of the changed pages (optional)

* "Voorbeeld publiceren" runs on `workflow_run` with a write token and never
  checks out or runs anything from the pull request. It runs this file from the
  default branch, with nothing but the standard library (no install step), to
  read that folder — every byte of it untrusted — and to write the comment.

`python3 scripts/sdw/prcomment.py lees --gegevens DIR --commit SHA` checks the
folder against what GitHub itself says was built and prints `key=value` lines
for $GITHUB_OUTPUT; `… bericht …` writes the comment in Dutch.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

OUTCOMES = ("klaar", "waarschuwingen", "inhoud", "tests", "bouwen", "onvolledig")
PUBLISHED = ("klaar", "waarschuwingen")  # the outcomes whose site goes online as the preview
MARKER = "<!-- sdw-voorbeeld -->"
PART_LIMIT = 20_000  # characters per embedded list; GitHub takes at most 65,536 per comment
_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
_SHA = re.compile(r"[0-9a-f]{40}")


class Refused(ValueError):
    """The folder from the pull request's run is not what it should be."""


def _small(path: Path, limit: int) -> str:
    """A file's text, read no further than `limit` bytes; empty when it is missing or not a plain file."""
    if path.is_symlink() or not path.is_file():
        return ""
    with path.open("rb") as handle:
        return handle.read(limit).decode("utf-8", errors="replace")


def read(folder: Path, commit: str, number: str = "") -> dict[str, str]:
    """The validated facts of `folder`: nummer, commit, uitkomst.

    `commit` is the head commit GitHub reports for the run (trusted); the folder must
    name the same one. `number`, when GitHub reported it (same-repository pull
    requests), must match too; otherwise the folder's number is only a claim that
    the caller still checks against the API.
    """
    if not _SHA.fullmatch(commit):
        raise Refused(f"ongeldige commit van GitHub: {commit!r}")
    found_number = _small(folder / "nummer", 32).strip()
    found_commit = _small(folder / "commit", 64).strip()
    outcome = _small(folder / "uitkomst", 32).strip()
    if not _NUMBER.fullmatch(found_number):
        raise Refused(f"'nummer' is geen pull-requestnummer: {found_number[:20]!r}")
    if number and found_number != number:
        raise Refused(f"'nummer' ({found_number}) is niet de pull request van deze run ({number})")
    if found_commit != commit:
        raise Refused(f"'commit' ({found_commit[:40]!r}) is niet de commit van deze run ({commit})")
    if outcome not in OUTCOMES:
        outcome = "onvolledig"
    return {"nummer": found_number, "commit": commit, "uitkomst": outcome}


def _part(folder: Path, name: str) -> str:
    """An embedded Markdown list from the pull request's run, clipped at a line end."""
    text = _small(folder / name, PART_LIMIT * 4).replace("\r", "").replace("\0", "")
    if len(text) > PART_LIMIT:
        text = text[: text.rfind("\n", 0, PART_LIMIT) + 1 or PART_LIMIT]
        text += "\n… (ingekort: de hele lijst staat in de samenvatting van de run)\n"
    # The comment is found again by its marker; a copy inside a part must not confuse that.
    return text.replace(MARKER, "").strip()


HEADINGS = {
    "klaar": "## ✅ Voorbeeld van je wijziging",
    "waarschuwingen": "## ⚠️ Voorbeeld van je wijziging, nog niet klaar om te publiceren",
    "inhoud": "## ❌ De controle vond fouten in de inhoud",
    "tests": "## ⚠️ De tests faalden",
    "bouwen": "## ❌ De site kon niet worden gebouwd",
    "onvolledig": "## ⚠️ Geen voorbeeld: de controle is niet afgerond",
}

LEADS = {
    "klaar": "De controle is groen en de site is gebouwd. **Bekijk het voorbeeld: {preview}**",
    "waarschuwingen": "De site is gebouwd. **Bekijk het voorbeeld: {preview}**\n\nVoordat de wijziging online kan, "
                      "moeten de waarschuwingen hieronder weg: bij publiceren tellen ze als fout.",
    "inhoud": "Er is nog geen nieuw voorbeeld. Verbeter de meldingen hieronder; je ziet ze ook bij de regels "
              "zelf, op het tabblad **Files changed**. Na je volgende commit wordt dit bericht bijgewerkt.",
    "tests": "De inhoud is in orde, maar een test van de code faalde, dus er is geen nieuw voorbeeld. Dat ligt "
             "meestal niet aan je tekst: vraag de ontwikkelaars om naar {run} te kijken.",
    "bouwen": "De inhoud is in orde, maar de site kon niet worden gebouwd. Staat er in {run} een link of kop "
              "uit je tekst, verbeter die dan; anders: vraag de ontwikkelaars.",
    "onvolledig": "De controle stopte voordat er een voorbeeld was. Zie {run}; vaak helpt een nieuwe commit.",
}

FORK = (
    "## Geen online voorbeeld voor een fork\n\n"
    "Deze pull request komt uit een kopie (fork) van het project. Daarvan zetten we geen voorbeeld online: de "
    "site zou dan gebouwd zijn met code van buiten het project. De controle en de tests draaien wel: {status} "
    "De meldingen staan bij de regels op het tabblad **Files changed** en in {run}.\n\n"
    "Toch de site bekijken? Open {run}, download onder **Artifacts** `site-offline`, pak het zip-bestand uit en "
    "open `index.html` in je browser. Of vraag een redacteur om je wijziging op een branch in dit project te zetten; "
    "dan komt er wel een voorbeeld."
)

FORK_STATUS = {
    "klaar": "alles is groen.",
    "waarschuwingen": "de site is gebouwd, maar er zijn nog waarschuwingen.",
    "inhoud": "de controle vond fouten in de inhoud.",
    "tests": "de inhoud is in orde, maar een test faalde.",
    "bouwen": "de inhoud is in orde, maar de site kon niet worden gebouwd.",
    "onvolledig": "de controle is niet afgerond.",
}

FOOTER = ("<sub>Bijgewerkt voor commit `{short}` · {run}. Dit bericht wordt bij elke nieuwe commit bijgewerkt; "
          "het voorbeeld verdwijnt als de pull request wordt gesloten. Zoekmachines nemen het voorbeeld niet op."
          "</sub>")

def message(facts: dict[str, str], folder: Path, run_url: str, preview_url: str = "", fork: bool = False) -> str:
    """The whole comment, in Dutch."""
    run = f"[de run]({run_url})"
    outcome = facts["uitkomst"]
    if fork:
        return f"{MARKER}\n{FORK.format(status=FORK_STATUS[outcome], run=run)}\n"
    parts = [MARKER, HEADINGS[outcome], ""]
    if outcome in PUBLISHED and not preview_url:
        parts += [f"De site is gebouwd, maar het voorbeeld kon niet online worden gezet. Zie {run}.", ""]
    else:
        parts += [LEADS[outcome].format(run=run, preview=preview_url), ""]
    for name in ("paginas.md", "problemen.md", "leesbaarheid.md"):
        text = _part(folder, name)
        if text:
            parts += [text, ""]
    parts.append(FOOTER.format(short=facts["commit"][:7], run=run))
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="prcomment", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("lees", "bericht"):
        p = sub.add_parser(name)
        p.add_argument("--gegevens", type=Path, required=True)
        p.add_argument("--commit", required=True)
        p.add_argument("--nummer", default="")
        if name == "bericht":
            p.add_argument("--run", required=True)
            p.add_argument("--voorbeeld", default="")
            p.add_argument("--fork", action="store_true")
            p.add_argument("--uitvoer", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        facts = read(args.gegevens, args.commit, args.nummer)
    except Refused as exc:
        print(f"pr-gegevens geweigerd: {exc}", file=sys.stderr)
        return 1
    if args.command == "lees":
        print("\n".join(f"{key}={value}" for key, value in facts.items()))
        return 0
    args.uitvoer.write_text(message(facts, args.gegevens, args.run, args.voorbeeld, args.fork), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
