"""Command line: `sdw check`, `sdw build`, `sdw serve`, `sdw edit`, `sdw new`, `sdw vergelijk`, `sdw schema`,
`sdw cms`, `sdw nieuwsbrief`, `sdw leesbaarheid`.

Every message is Dutch. Content mistakes end in a list of problems and exit
status 1, never a traceback; an unexpected crash says so in one line (set
SDW_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gc
import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

from . import report
from .generate import Context
from .incremental import BuildMemory
from .pipeline import Outcome, Project, check, generate_docs
from .schema import EDITION_TYPE, TYPES
from .write import AddressedFile

EXIT_OK, EXIT_PROBLEMS, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        project = Project.find(Path(args.root) if args.root else None)
    except FileNotFoundError as exc:
        print(f"Geen Sterk door Werk-project gevonden in {exc} of erboven (mkdocs.yml en content/ ontbreken).",
              file=sys.stderr)
        return EXIT_CRASH
    try:
        return args.func(project, args)
    except KeyboardInterrupt:
        print("\nAfgebroken. De vorige versie van de site is ongewijzigd.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last fence before a traceback
        if os.environ.get("SDW_DEBUG"):
            traceback.print_exc()
        print(f"Interne fout ({type(exc).__name__}: {report.visible(str(exc))}). Dit ligt niet aan je tekst; meld "
              "het aan de ontwikkelaars. De vorige versie van de site is ongewijzigd.", file=sys.stderr)
        return EXIT_CRASH


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sdw", description="Bouw en controleer de site Sterk door Werk.")
    parser.add_argument("--root", help="map van het project (standaard: de huidige map of een map erboven)")
    sub = parser.add_subparsers(required=True, metavar="opdracht")

    p = sub.add_parser("check", help="controleer alle inhoud (of alleen de genoemde bestanden)")
    p.add_argument("paths", nargs="*", type=Path, help="bestanden om over te rapporteren")
    p.add_argument("--github", action="store_true",
                   help="meld problemen ook als GitHub-annotaties (automatisch onder GitHub Actions)")
    p.add_argument("--annoteer", nargs="*", type=Path, metavar="bestand",
                   help="GitHub-annotaties alleen voor deze bestanden (de gewijzigde van een pull request; GitHub "
                        "toont er maar 10 per stap); de controle en de samenvatting gaan over alles")
    p.add_argument("--samenvatting", type=Path, metavar="bestand",
                   help="schrijf alle problemen als Markdown-lijst met een link naar elke regel in dit bestand "
                        "(onder GitHub Actions: $GITHUB_STEP_SUMMARY)")
    p.add_argument("--link-basis", metavar="url",
                   help="begin van de links naar de regels, bijvoorbeeld https://github.com/org/repo/blob/<commit>")
    p.add_argument("--publiceren", action="store_true",
                   help="controleer of de inhoud gepubliceerd kan worden: dan zijn ook waarschuwingen fouten")
    p.add_argument("--tips", action="store_true",
                   help="toon ook de tips voor leesbaarheid (taalniveau B1) van alle bestanden; voor genoemde "
                        "bestanden en met --annoteer komen ze vanzelf. Tips houden nooit iets tegen")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("leesbaarheid", help="hoe leesbaar elke pagina is (Flesch-Douma, zinnen op taalniveau B1), "
                                            "moeilijkste eerst")
    p.add_argument("--gewijzigd", nargs="*", type=Path, metavar="bestand",
                   help="schrijf Markdown voor een pull request: de score van deze (gewijzigde) pagina's met de "
                        "mediaan van de site ernaast")
    p.add_argument("--uitvoer", type=Path, metavar="bestand", help="schrijf hierheen (standaard: scherm)")
    p.set_defaults(func=cmd_readability)

    p = sub.add_parser("build", help="controleer, genereer en bouw de site")
    p.add_argument("--offline", action="store_true",
                   help="bouw een versie om vanaf schijf te lezen (links eindigen op .html)")
    p.add_argument("--site-dir", type=Path, help="doelmap (standaard site/, of site-offline/ met --offline)")
    p.add_argument("--publiceren", action="store_true",
                   help="bouw om te publiceren: dan zijn ook waarschuwingen (zoals een 'VUL IN'-aanwijzing) fouten")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="voorbeeld met live herladen terwijl je content/ bewerkt")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("edit", help="de webeditor op deze computer: bewerk in de browser, opslaan schrijft in "
                       "content/ (vraagt Node.js en npm)")
    p.add_argument("--port", type=int, default=8000, help="poort van het voorbeeld en de editor (standaard 8000)")
    p.add_argument("--backend-port", type=int, default=0,
                   help="poort van decap-server (standaard: een vrije poort)")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("new", help="maak een nieuw bestand met volledige front-matter")
    p.add_argument("type", choices=[t.name for t in TYPES], metavar="soort",
                   help="soort inhoud: " + ", ".join(t.name for t in TYPES))
    p.add_argument("title", metavar="titel", help='de titel, tussen aanhalingstekens: "Mijn verhaal"')
    p.add_argument("--persoon", action="append", default=[], metavar='"Voornaam Achternaam"',
                   help="wie er aan het woord is; komt bij 'personen'. Een verhaal krijgt de naam van de "
                        "eerste persoon als bestandsnaam (voornaam-achternaam.md). Meer personen: herhaal "
                        "--persoon")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("vergelijk", help="welke pagina's nieuw, gewijzigd of verdwenen zijn tussen twee gebouwde sites "
                                         "(voor het voorbeeld bij een pull request)")
    p.add_argument("oud", type=Path, help="de gebouwde site zonder de wijziging (bijvoorbeeld van main)")
    p.add_argument("nieuw", type=Path, help="de gebouwde site met de wijziging")
    p.add_argument("--adres", required=True, metavar="url", help="waar de nieuwe site te bekijken is (de links)")
    p.add_argument("--uitvoer", type=Path, metavar="bestand", help="schrijf de Markdown hierheen (standaard: scherm)")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("schema", help="toon de naslag van alle velden (uit het schema)")
    p.add_argument("--write", type=Path, help="werk deze file bij tussen de schema-markeringen")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("cms", help="toon de instellingen van de webeditor (Decap CMS, admin/config.yml), "
                                   "gemaakt uit het schema")
    p.add_argument("--repo", default="", metavar="eigenaar/naam", help="de GitHub-repository")
    p.add_argument("--branch", default="main", metavar="tak", help="de tak waarop de site gebouwd wordt")
    p.add_argument("--inlog-adres", default="", metavar="url",
                   help="adres van de OAuth-dienst waarmee auteurs inloggen met GitHub (base_url)")
    p.add_argument("--write", type=Path, metavar="bestand", help="schrijf de instellingen hierheen")
    p.set_defaults(func=cmd_cms)

    p = sub.add_parser("nieuwsbrief", help="maak de nieuwsbrief van een editie: een HTML-e-mail, een tekstversie "
                                           "en een .eml-bestand om in de nieuwsbriefdienst te importeren")
    p.add_argument("editie", help="het nummer of de bestandsnaam van de editie, bijvoorbeeld 2 of "
                                  "verhalen-deze-maand-2; 'alle': elke editie")
    p.add_argument("--uit", type=Path, metavar="map",
                   help="map voor de bestanden (standaard: nieuwsbrief/ in de map van het project)")
    p.set_defaults(func=cmd_newsletter)
    return parser


def _print_problems(outcome: Outcome, github: bool, annotate: set[str] | None = None, tips=None,
                    tip_files: int = 0, point_to_tips: bool = False) -> None:
    """Every problem on stderr; GitHub annotations on stdout (only for `annotate`, paths relative
    to the project, when given). `tips` (readability, sdw.readability), when asked for, come after
    the errors and warnings, as GitHub notices."""
    github = github or os.environ.get("GITHUB_ACTIONS") == "true"
    for p in (*outcome.result.problems, *(tips or ())):
        print(report.format_problem(p), file=sys.stderr)
        if github and (annotate is None or p.path in annotate):
            print(report.format_github(p))
    if tips is not None:
        print(report.tips_summary(tips, tip_files), file=sys.stderr)
    elif point_to_tips:
        print("Tips voor leesbaarheid (taalniveau B1): .venv/bin/sdw check --tips, of per bestand: "
              ".venv/bin/sdw check <bestand>.", file=sys.stderr)
    print(report.summary(outcome.result.problems, len(outcome.files)), file=sys.stderr)


def _tips(outcome: Outcome, wanted: set[str] | None) -> list:
    """The readability tips of the files `wanted` (paths as shown; None: all files)."""
    from .readability import read_pages

    return [tip for reading in read_pages(outcome.files, outcome.reading_lists, wanted) for tip in reading.tips]


def cmd_check(project: Project, args) -> int:
    paths = []
    for path in args.paths or ():
        # As typed (from the current folder), else from the project's folder (`--root`).
        found = path if path.exists() else project.root / path
        if not found.exists():
            print(f"{report.visible(str(path))} bestaat niet (gezocht vanaf {report.visible(str(Path.cwd()))} en "
                  f"{report.visible(str(project.root))}). Controleer de naam, bijvoorbeeld "
                  "content/verhalen/mijn-verhaal.md.", file=sys.stderr)
            return EXIT_PROBLEMS
        paths.append(found)
    outcome = check(project, paths or None)
    annotate = None
    if args.annoteer is not None:  # given, perhaps without files: annotate only these (or none)
        annotate = {_shown(path if path.exists() else project.root / path, project) for path in args.annoteer}
    # Readability tips (never an error): of the named files, of the changed files of a pull request
    # (--annoteer), or of all with --tips. A check of everything only points to them: listing every
    # tip of every page would bury the errors, and reading them all costs time on a large site.
    wanted = {_shown(path, project) for path in paths} if paths else None if args.tips else annotate
    tips = _tips(outcome, wanted) if args.tips or wanted else None
    _print_problems(outcome, args.github, annotate, tips, len(wanted) if wanted else len(outcome.files),
                    # where the tips are, on a clean check by hand (errors first; CI has them as notices)
                    point_to_tips=tips is None and wanted is None and outcome.result.ok and not args.github
                    and os.environ.get("GITHUB_ACTIONS") != "true")
    if args.samenvatting:
        shown_tips = [tip for tip in tips or () if annotate is None or tip.path in annotate]
        with open(args.samenvatting, "a", encoding="utf-8") as out:
            out.write(report.markdown_summary(outcome.result.problems, len(outcome.files), args.link_basis or "",
                                              tips=shown_tips))
    if args.publiceren and outcome.result.ok and outcome.result.problems:
        print("Nog niet klaar om te publiceren: bij publiceren telt ook een waarschuwing als fout, want lezers "
              "zouden haar zien (zoals een 'VUL IN'-aanwijzing). Los de meldingen hierboven op.", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK if outcome.result.ok else EXIT_PROBLEMS


def cmd_readability(project: Project, args) -> int:
    """`sdw leesbaarheid`: every page's reading ease, hardest first; or, with --gewijzigd, the
    changed pages' scores beside the site's median as Markdown for a pull request. Only reads."""
    from .readability import markdown, read_pages, table

    outcome = check(project)
    readings = read_pages(outcome.files, outcome.reading_lists)
    if args.gewijzigd is not None:
        changed = {_shown(path if path.exists() else project.root / path, project) for path in args.gewijzigd}
        text = markdown([r for r in readings if r.path in changed], readings)
    else:
        text = table(readings)
    if args.uitvoer:
        args.uitvoer.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return EXIT_OK


BUILD_DATE_ENV = "SDW_BUILD_DATE"  # YYYY-MM-DD: build as if it were that day (tests, reproducible builds)


def build_context(project: Project) -> Context:
    """Where the site is published and the newsletter's settings (from the renderer's settings, read
    once), and the build date."""
    from .newsletter import NewsletterSettings, SettingsError
    from .render import extra_settings, settings, site_url

    value = os.environ.get(BUILD_DATE_ENV)
    try:
        today = dt.date.fromisoformat(value) if value else dt.date.today()
    except ValueError:
        print(f"{BUILD_DATE_ENV}={value!r} is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-23.",
              file=sys.stderr)
        raise SystemExit(EXIT_PROBLEMS) from None
    config = settings(project.root)
    try:
        newsletter = NewsletterSettings.from_extra(extra_settings(config))
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        raise SystemExit(EXIT_PROBLEMS) from None
    return Context(base_url=site_url(project.root, config), today=today, newsletter=newsletter)


# Why reading or writing failed, in words an author can act on.
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS}
_NO_PERMISSION = {errno.EACCES, errno.EPERM}


def disk_problem(exc: OSError, project: Project, target: Path) -> tuple[str, str] | None:
    """(reason, what to do) when `exc` is a full disk, a read-only disk or missing permissions while
    writing the folder `target` (docs/ or the site); None for any other error."""
    folder = _shown(target, project)
    filename = Path(os.fsdecode(exc.filename)) if exc.filename else None
    if exc.errno in _DISK_FULL:
        return (f"de schijf is vol bij het schrijven van {folder}/",
                "Maak ruimte vrij op de schijf en probeer het opnieuw.")
    if exc.errno in _READ_ONLY:
        return (f"{folder}/ staat op een schijf waarop niet geschreven kan worden (alleen-lezen)",
                "Werk in een map waarin je mag schrijven.")
    if exc.errno not in _NO_PERMISSION:
        return None
    if filename is not None and Path(os.path.abspath(filename)).is_relative_to(os.path.abspath(project.content_dir)):
        return (f"geen leesrechten voor {report.visible(_shown(filename, project))}",
                "Geef jezelf leesrechten voor dat bestand (of die map) en probeer het opnieuw.")
    if filename is not None and not _writes_to(filename, target):
        return (f"geen toegang tot {report.visible(_shown(filename, project))}",
                "Geef jezelf lees- en schrijfrechten voor dat bestand (of die map) en probeer het opnieuw.")
    where = f" ({report.visible(_shown(filename, project))})" if filename is not None else ""
    return (f"geen schrijfrechten voor {folder}/{where}",
            "Geef jezelf schrijfrechten voor die map (en de map erboven) en probeer het opnieuw.")


def _writes_to(path: Path, target: Path) -> bool:
    """Whether `path` is the folder `target`, inside it, or inside its staging and old copies
    (`.<name>.new-<pid>`, `.<name>.old-<pid>` next to it), or the folder above it."""
    path, target = Path(os.path.abspath(path)), Path(os.path.abspath(target))
    if path == target.parent:
        return True
    return any(part == target or (part.parent == target.parent and part.name.startswith(f".{target.name}."))
               for part in (path, *path.parents))


def cmd_build(project: Project, args) -> int:
    from .progress import build_progress

    started = time.perf_counter()
    context = build_context(project)
    # The stage and the pages rendered so far on standard error: live on a terminal, a few plain
    # lines elsewhere (sdw/progress.py). Closed before anything else is printed, however it ends.
    with build_progress(sys.stderr) as shown:
        code, built = _build(project, args, context, shown)
    if built is not None:
        _print_built(project, args, started, *built)
    return code


def _build(project: Project, args, context: Context, shown) -> tuple[int, tuple[int, int, int] | None]:
    """Generate and render; (exit status, (pages, source files, pages updated) when built)."""
    from .partner import cool_down
    from .render import Skeleton

    site_dir = args.site_dir or project.root / ("site-offline" if args.offline else "site")
    # The folders of the previous site, made in the new one's staging folder meanwhile.
    skeleton = Skeleton.start(site_dir.resolve())
    try:
        return _build_into(project, args, context, shown, site_dir, skeleton)
    finally:
        cool_down()  # a partner started ahead that the build did not take (it failed, or had little to render)
        gc.unfreeze()
        if skeleton is not None:
            skeleton.discard()


def _build_into(project: Project, args, context: Context, shown, site_dir: Path,
                skeleton) -> tuple[int, tuple[int, int, int] | None]:
    from .partner import warm_up
    from .render import cache_folder, render

    site_shown = _shown(site_dir, project)
    # The second MkDocs that shares the pages (sdw.partner) starts importing now, if it will be needed.
    warm_up(project.content_dir, cache_folder(project.root, site_dir.resolve(), offline=args.offline))
    # What the stages make (millions of objects at 10,000 items) is made with the cycle collector
    # off (as sdw.collector has it) and then frozen: turned back on with all of it new, the
    # collector walked it at once (0.4 s at 10,000 items), although reference counting frees it
    # (del outcome, below). _build unfreezes what is left once the build is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        outcome = generate_docs(project, context=context, stage=shown.stage, cards_later=True, keep_pages=True)
    except OSError as exc:
        shown.close()
        found = disk_problem(exc, project, project.docs_dir)
        if found is None:
            raise
        print(f"De site is niet gebouwd: {found[0]}. De vorige versie in {site_shown}/ is ongewijzigd. {found[1]}",
              file=sys.stderr)
        return EXIT_PROBLEMS, None
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    if not outcome.result.ok or (args.publiceren and outcome.result.problems):
        shown.close()
    if not outcome.result.ok:
        _print_problems(outcome, False)
        print("De site is niet gebouwd; docs/ en site/ zijn ongewijzigd.", file=sys.stderr)
        return EXIT_PROBLEMS, None
    if args.publiceren and outcome.result.problems:
        _print_problems(outcome, False)
        print("De site is niet gepubliceerd: bij publiceren telt ook een waarschuwing als fout, want lezers "
              "zouden haar zien (zoals een 'VUL IN'-aanwijzing). Los de meldingen hierboven op. De vorige "
              f"versie in {site_shown}/ is ongewijzigd.", file=sys.stderr)
        return EXIT_PROBLEMS, None
    for p in outcome.result.problems:
        print(report.format_problem(p), file=sys.stderr)
    # Pages readers open (not feeds, calendars, data or social cards), from how many source files.
    pages = sum(1 for p in outcome.pages if p.path.endswith(".md"))
    files, updated = len(outcome.files), len(outcome.written.written)
    # The social cards: drawn meanwhile by another process (sdw.painter), then put into the site.
    painter, cards = outcome.painter, [p.path for p in outcome.pages if isinstance(p, AddressedFile)]

    def add_cards(staging: Path) -> None:
        painter.finish()
        painter.copy_into(staging, cards)

    del outcome  # the renderer gets the memory (a one-shot build keeps nothing else)
    shown.stage("render", pages)
    try:
        result = render(project.root, project.docs_dir, site_dir.resolve(), offline=args.offline,
                        progress=shown.pages, late=cards, before_swap=add_cards, skeleton=skeleton)
    except OSError as exc:
        painter.cancel()
        shown.close()
        found = disk_problem(exc, project, site_dir.resolve())
        if found is None:
            raise
        print(f"De site is niet gebouwd: {found[0]}. De vorige versie in {site_shown}/ is ongewijzigd. {found[1]}",
              file=sys.stderr)
        return EXIT_PROBLEMS, None
    if not result.ok:
        painter.cancel()
        shown.close()
        for message in result.messages:
            print(f"MkDocs: {report.visible(message)}", file=sys.stderr)
        print(f"De site is niet gebouwd: MkDocs meldde {len(result.messages)} probleem/problemen. "
              f"De vorige versie in {_shown(site_dir, project)}/ is ongewijzigd.", file=sys.stderr)
        return EXIT_PROBLEMS, None
    shown.done()
    return EXIT_OK, (pages, files, updated)


def _print_built(project: Project, args, started: float, pages: int, files: int, updated: int) -> None:
    site_dir = args.site_dir or project.root / ("site-offline" if args.offline else "site")
    total = time.perf_counter() - started
    shown = _shown(site_dir, project)
    print(f"Klaar in {total:.1f} s: {pages} pagina's uit {files} bestanden "
          f"({updated} bijgewerkt). De site staat in {shown}/.")
    if args.offline:
        print(f"Open {shown}/index.html in je browser; dat werkt ook zonder internet.")
    else:
        print("Bekijk hem met live herladen terwijl je content/ bewerkt: .venv/bin/sdw serve "
              "(daarna http://127.0.0.1:8000).")


def cmd_serve(project: Project, args) -> int:
    from .preview import Status
    from .render import serve

    context = build_context(project)
    memory = BuildMemory()  # what the stages keep between the preview's rebuilds
    try:
        outcome = generate_docs(project, context=context, memory=memory)
    except OSError as exc:
        found = disk_problem(exc, project, project.docs_dir)
        if found is None:
            raise
        print(f"Het voorbeeld kan niet starten: {found[0]}. {found[1]}", file=sys.stderr)
        return EXIT_PROBLEMS
    _print_problems(outcome, False)
    if not outcome.result.ok and not project.docs_dir.exists():
        print("Los eerst de fouten hierboven op; er is nog geen eerdere versie om te tonen.", file=sys.stderr)
        return EXIT_PROBLEMS
    status = Status()
    try:
        status.show(_banner_lines(outcome))
        print("Het voorbeeld wordt opgebouwd...", file=sys.stderr)
        watcher = threading.Thread(target=_watch_content, args=(project, context, memory, status, outcome),
                                   daemon=True)
        watcher.start()
        serve(project.root, project.docs_dir, port=args.port, status=status, events=_serve_event(args.port))
    finally:
        status.close()
    return EXIT_OK


def cmd_edit(project: Project, args) -> int:
    """The web editor on this machine: decap-server saves into content/, the preview shows it."""
    from .edit import EditError, LocalBackend

    print("De webeditor start (de eerste keer installeert npm decap-server)...", file=sys.stderr)
    try:
        backend = LocalBackend.start(project.root, port=args.backend_port)
    except EditError as exc:
        print(f"De webeditor kan niet starten: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    os.environ[CMS_LOCAL_ENV] = backend.url  # mkdocs.yml: extra.cms.local (admin/config.yml, its policy)
    # Stopped with a signal (not Ctrl-C): end like Ctrl-C, so decap-server is stopped below.
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"Webeditor op http://127.0.0.1:{args.port}/admin/ — opslaan schrijft in content/; het voorbeeld "
          f"op http://127.0.0.1:{args.port}/ toont het meteen. Stop met Ctrl-C.", file=sys.stderr)
    try:
        return cmd_serve(project, args)
    finally:
        backend.stop()
        os.environ.pop(CMS_LOCAL_ENV, None)


CMS_LOCAL_ENV = "SDW_CMS_LOCAL"


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _banner_lines(outcome: Outcome) -> list[str]:
    """What the preview's banner names: every problem (as `sdw check` prints it) when the
    content is invalid (the preview then shows the last good version); else nothing."""
    return [] if outcome.result.ok else [report.format_problem(p) for p in outcome.result.problems]


def _serve_event(port: int):
    """The preview server's events (sdw.render.serve), in Dutch, instead of MkDocs' English log."""
    def event(kind: str, detail: str) -> None:
        if kind == "ready":
            print(f"Voorbeeld op http://127.0.0.1:{port}/ — wijzigingen in content/ verschijnen vanzelf. "
                  "Stop met Ctrl-C.", file=sys.stderr)
        elif kind == "rebuilt":
            print("Voorbeeld bijgewerkt.", file=sys.stderr)
        elif kind == "error":
            print(f"Fout in het voorbeeld (MkDocs): {report.visible(detail)}", file=sys.stderr)
    return event


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def _page_tips(outcome: Outcome) -> dict[str, list[str]]:
    """Every page of the site ("verhalen/x/") with the lines of its readability tips (maybe none),
    for the preview's banner. Only a changed page is read again (sdw.readability keeps the rest)."""
    import posixpath

    from .readability import read_pages

    tips: dict[str, list[str]] = {posixpath.splitext(f.rel)[0] + "/": [] for f in outcome.files}
    for reading in read_pages(outcome.files, outcome.reading_lists):
        rel = reading.path.removeprefix("content/")
        tips[posixpath.splitext(rel)[0] + "/"] = [report.format_problem(tip) for tip in reading.tips]
    return tips


def _watch_content(project: Project, context: Context, memory: BuildMemory, status=None,
                   first: Outcome | None = None, interval: float = 0.15) -> None:
    """Regenerate docs/ when content/ changes; report problems, keep serving the last good version.
    memory: the preview's (only what changed is redone); status (sdw.preview.Status) gets the
    problems for the banner on every page (none when fixed) and each page's readability tips,
    first those of `first` (the outcome the preview started with: read here, not before serving)."""
    seen = _snapshot(project.content_dir)
    if status is not None and first is not None:
        status.show(_banner_lines(first), _page_tips(first))
    while True:
        time.sleep(interval)
        now = _snapshot(project.content_dir)
        if now == seen:
            continue
        seen = now
        try:
            outcome = generate_docs(project, context=context, memory=memory)
        except OSError as exc:
            found = disk_problem(exc, project, project.docs_dir)
            if found is None:
                print(f"Interne fout bij het bijwerken: {report.visible(str(exc))}", file=sys.stderr)
            else:
                print(f"Het voorbeeld is niet bijgewerkt: {found[0]}. Het toont de laatste goede versie. "
                      f"{found[1]}", file=sys.stderr)
            continue
        except Exception as exc:  # noqa: BLE001 - keep the preview alive
            print(f"Interne fout bij het bijwerken: {report.visible(str(exc))}", file=sys.stderr)
            continue
        if outcome.result.problems:
            _print_problems(outcome, False)
        if status is not None:
            status.show(_banner_lines(outcome), _page_tips(outcome))
        if outcome.result.ok and outcome.written:
            changed = len(outcome.written.written) + len(outcome.written.removed)
            print(f"content/ gewijzigd: {changed} pagina('s) bijgewerkt.", file=sys.stderr)
        elif not outcome.result.ok:
            print("Het voorbeeld toont de laatste goede versie tot de fouten zijn opgelost.", file=sys.stderr)


def cmd_new(project: Project, args) -> int:
    from .scaffold import NAMED_AFTER_PERSON, has_people, scaffold

    persons = [name.strip() for name in args.persoon if name.strip()]
    if persons and not has_people(args.type):
        print(f"Een {args.type} heeft geen veld 'personen'. Laat --persoon weg.", file=sys.stderr)
        return EXIT_PROBLEMS
    records = check(project).result.records
    options: dict[str, list[str]] = {}
    for record in records:
        options.setdefault(record.type.name, []).append(record.slug)
    numbered = EDITION_TYPE.numbered_by if EDITION_TYPE else ""
    numbers = [r.values.get(numbered, 0) for r in records if r.type is EDITION_TYPE]
    made = scaffold(project.content_dir, args.type, args.title, today=dt.date.today(),
                    options={k: sorted(v) for k, v in options.items()}, next_number=max(numbers, default=0) + 1,
                    persons=persons)
    shown = _shown(made.path, project)
    named_after_person = bool(persons) and args.type in NAMED_AFTER_PERSON
    if made.path.exists():
        if named_after_person:
            print(f"{shown} bestaat al: er is al een verhaal over {persons[0]}. Bewerk dat bestand. Is dit een "
                  "tweede verhaal over dezelfde persoon? Maak het dan zonder --persoon aan (de bestandsnaam "
                  "komt dan uit de titel) en vul 'personen' zelf in.", file=sys.stderr)
        else:
            print(f"{shown} bestaat al. Kies een andere titel, of bewerk dat bestand.", file=sys.stderr)
        return EXIT_PROBLEMS
    made.path.parent.mkdir(parents=True, exist_ok=True)
    made.path.write_text(made.text, encoding="utf-8")
    print(f"Aangemaakt: {shown}")
    print("Vul nog in (alles met 'VUL IN'):")
    for what, line in made.todo:
        print(f"  {shown}:{line}: {what}")
    print(f"Controleer daarna met: .venv/bin/sdw check {shown}")
    if args.type in NAMED_AFTER_PERSON and not persons:
        print('Tip: een verhaal gaat over een persoon. Met --persoon "Voornaam Achternaam" krijgt het bestand '
              "de naam van die persoon (voornaam-achternaam.md) en staat de naam al bij 'personen'.")
    return EXIT_OK


def cmd_compare(project: Project, args) -> int:
    from .sitediff import compare, markdown

    if not args.nieuw.is_dir():
        print(f"Geen gebouwde site in {args.nieuw}; bouw eerst met: .venv/bin/sdw build", file=sys.stderr)
        return EXIT_PROBLEMS
    text = markdown(compare(args.oud, args.nieuw), args.adres)
    if args.uitvoer:
        args.uitvoer.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return EXIT_OK


def cmd_schema(project: Project, args) -> int:
    from .authordocs import reference, update_file

    if args.write:
        changed = update_file(args.write)
        print(f"{args.write} {'bijgewerkt' if changed else 'was al actueel'}.")
    else:
        print(reference())
    return EXIT_OK


def cmd_cms(project: Project, args) -> int:
    from .cms import config, to_yaml

    text = to_yaml(config(repo=args.repo, branch=args.branch, auth_url=args.inlog_adres))
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text, encoding="utf-8")
        print(f"{args.write} geschreven.")
    else:
        print(text, end="")
    return EXIT_OK


def cmd_newsletter(project: Project, args) -> int:
    """The newsletter of one edition as files: nieuwsbrief-<n>.html, .txt and .eml."""
    from .model import build_site
    from .newsletter import find_edition, newsletter, write_files

    context = build_context(project)
    outcome = check(project)
    if not outcome.result.ok:
        _print_problems(outcome, False)
        print("De nieuwsbrief is niet gemaakt: los eerst de fouten hierboven op.", file=sys.stderr)
        return EXIT_PROBLEMS
    site = build_site(outcome.result.records, outcome.loaded.assets)
    # "alle": every edition's (the deploy workflow keeps them with each published site).
    editions = list(site.editions) if args.editie.strip().lower() == "alle" else [find_edition(site, args.editie)]
    if None in editions:
        known = ", ".join(f"{e.number} ({e.slug})" for e in site.editions) or "er zijn nog geen edities"
        print(f"Editie {report.visible(args.editie)!r} bestaat niet. Kies een nummer of bestandsnaam: {known}, "
              "of 'alle'.", file=sys.stderr)
        return EXIT_PROBLEMS
    folder = args.uit or project.root / "nieuwsbrief"
    for edition in editions:
        try:
            written = write_files(newsletter(site, edition, context), folder)
        except OSError as exc:
            found = disk_problem(exc, project, folder)
            reason, fix = found or (f"{report.visible(str(exc))}", "Kies met --uit een map waarin je mag schrijven.")
            print(f"De nieuwsbrief is niet geschreven: {reason}. {fix}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Nieuwsbrief van editie {edition.number} ({edition.title}) geschreven:")
        for path in written:
            print(f"  {_shown(path, project)}")
    print("Importeer het .eml-bestand in de nieuwsbriefdienst (of plak de HTML). Zie CONTRIBUTING.md, "
          "'De nieuwsbrief versturen'.")
    return EXIT_OK


def _shown(path: Path, project: Project) -> str:
    try:
        return path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
