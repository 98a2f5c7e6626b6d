"""Run the stages in order: load → validate → model → generate (→ render, in cli).

Each stage gets only what the previous one handed it. Timings are kept for
the build summary and the benchmark.

The preview (`sdw serve`) passes its `BuildMemory` (sdw.incremental), which this
module hands to each stage, so a rebuild redoes only what changed; a one-shot
build passes none and leaves no state behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import readability, thesaurus
from .checkstore import CheckStore
from .collector import no_collector_pauses
from .generate import Context, Page, RawFile, WriteReport, generate, write_pages
from .incremental import BuildMemory
from .load import Loaded, SourceFile, load_all
from .model import Site, build_site
from .pagestore import KeptRelated, PageStore
from .painter import Painter
from .thesaurus import Thesaurus
from .validate import Result, validate


@dataclass
class Project:
    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
                return cls(folder)
        raise FileNotFoundError(here)


@dataclass
class Outcome:
    loaded: Loaded
    result: Result
    site: Site | None = None
    pages: list[Page | RawFile] = field(default_factory=list)
    written: WriteReport | None = None
    timings: dict[str, float] = field(default_factory=dict)
    search_words: Thesaurus = Thesaurus("")  # content/zoekwoorden.yml (its problems are in `result`)
    # content/leesbaarheid.yml, the word lists of the readability tips (its problems are in `result`;
    # the tips themselves are not: sdw.readability, asked for by sdw.cli, never part of an exit status)
    reading_lists: readability.ReadingLists = readability.ReadingLists("")
    painter: Painter | None = None  # the social cards still being drawn (generate_docs' cards_later)

    @property
    def files(self) -> tuple[SourceFile, ...]:
        return self.loaded.files


def check(project: Project, paths: list[Path] | None = None, memory: BuildMemory | None = None) -> Outcome:
    """Load and validate (all files, so references resolve), report on `paths` if given.
    `memory`: the preview's, to redo only what changed since its last run."""
    with no_collector_pauses():
        return _check(project, paths, memory)


def _check(project: Project, paths: list[Path] | None, memory: BuildMemory | None,
           stage: Callable[[str], None] | None = None, store: CheckStore | None = None) -> Outcome:
    stage = stage or _no_stage
    timings: dict[str, float] = {}
    stage("load")
    t = time.perf_counter()
    loaded = load_all(project.content_dir, project.root, memory=memory, store=store)
    if memory is not None:
        memory.keep_only(loaded)  # files that are gone leave the memory
    timings["load"] = time.perf_counter() - t
    stage("validate")
    t = time.perf_counter()
    result = validate(loaded, memory=memory, store=store)
    if store is not None:
        store.finish()
    # The search words are content too: their problems are reported, and stop a build, like a page's.
    words = thesaurus.read(project.content_dir, project.root)
    lists = readability.read_lists(project.content_dir, project.root)
    result = Result(result.records, result.problems + words.problems + thesaurus.target_warnings(words, loaded)
                    + lists.problems)
    timings["validate"] = time.perf_counter() - t
    if paths:
        wanted = {p.resolve() for p in paths}
        keep = {p.path for p in result.problems if (project.root / p.path).resolve() in wanted}
        result = Result(result.records, tuple(p for p in result.problems if p.path in keep))
    return Outcome(loaded, result, timings=timings, search_words=words, reading_lists=lists)


def generate_docs(project: Project, docs_dir: Path | None = None, context: Context | None = None,
                  memory: BuildMemory | None = None, stage: Callable[[str], None] | None = None,
                  cards_later: bool = False, keep_pages: bool = False) -> Outcome:
    """Check everything; when there are no errors, write the generated pages.
    `memory`: the preview's, to redo only what changed since its last run. `stage(name)` is told
    when each stage starts: "load", "validate", "generate" (the model and the pages).
    `cards_later`: social cards not drawn before are drawn by another process (outcome.painter),
    which the caller finishes (or cancels) once it no longer needs the processor.
    `keep_pages`: a one-shot build keeps its item pages, feeds and calendars in .build/generate/
    and takes those whose input did not change from there (sdw.pagestore), and keeps what it
    read and checked of each content file in .build/check/ (sdw.checkstore)."""
    with no_collector_pauses():
        return _generate_docs(project, docs_dir, context, memory, stage, cards_later, keep_pages)


def _no_stage(name: str) -> None:
    pass


def _generate_docs(project: Project, docs_dir: Path | None, context: Context | None,
                   memory: BuildMemory | None, stage: Callable[[str], None] | None = None,
                   cards_later: bool = False, keep_pages: bool = False) -> Outcome:
    files = CheckStore(project.root / ".build" / "check") if keep_pages and memory is None else None
    outcome = _check(project, None, memory, stage, files)
    if not outcome.result.ok:
        return outcome
    (stage or _no_stage)("generate")
    t = time.perf_counter()
    kept = project.root / ".build" / "generate"
    related = KeptRelated(kept) if keep_pages and memory is None else None
    outcome.site = build_site(outcome.result.records, outcome.loaded.assets, memory=memory, related=related)
    if related is not None:
        related.bind(outcome.site)
    outcome.timings["model"] = time.perf_counter() - t
    t = time.perf_counter()
    store = PageStore(kept) if keep_pages and memory is None else None
    outcome.pages = generate(outcome.site, context, memory=memory, store=store)
    if store is not None:
        store.finish()
    if related is not None:
        related.save()
    outcome.pages.append(thesaurus.script(outcome.search_words, outcome.site))
    # Social cards drawn by earlier builds are kept in .build/cards/ (named after their content).
    docs_dir, cards = docs_dir or project.docs_dir, project.root / ".build" / "cards"
    later: list | None = [] if cards_later else None
    outcome.written = write_pages(outcome.pages, docs_dir, outcome.site.assets, memory=memory, cache_dir=cards,
                                  later=later)
    if later is not None:
        outcome.painter = Painter(later, docs_dir, cards).start()
    outcome.timings["generate"] = time.perf_counter() - t
    return outcome
