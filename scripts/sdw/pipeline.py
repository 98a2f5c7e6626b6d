"""Run the stages in order: load → validate → model → generate (→ render, in cli).

Each stage gets only what the previous one handed it. Timings are kept for
the build summary and the benchmark.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .generate import Context, Page, RawFile, WriteReport, forget_written, generate, write_pages
from .load import Loaded, SourceFile, load_all
from .memo import forget_all
from .model import Site, build_site
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

    @property
    def files(self) -> tuple[SourceFile, ...]:
        return self.loaded.files


@contextmanager
def _no_collector_pauses() -> Iterator[None]:
    """The stages build large trees of objects without reference cycles, so Python's
    cycle collector would only walk them again and again (about a tenth of the stages'
    time at 5,000 items); reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(project: Project, paths: list[Path] | None = None) -> Outcome:
    """Load and validate (all files, so references resolve), report on `paths` if given."""
    with _no_collector_pauses():
        return _check(project, paths)


def _check(project: Project, paths: list[Path] | None) -> Outcome:
    timings: dict[str, float] = {}
    t = time.perf_counter()
    loaded = load_all(project.content_dir, project.root)
    timings["load"] = time.perf_counter() - t
    t = time.perf_counter()
    result = validate(loaded)
    timings["validate"] = time.perf_counter() - t
    if paths:
        wanted = {p.resolve() for p in paths}
        keep = {p.path for p in result.problems if (project.root / p.path).resolve() in wanted}
        result = Result(result.records, tuple(p for p in result.problems if p.path in keep))
    return Outcome(loaded, result, timings=timings)


def generate_docs(project: Project, docs_dir: Path | None = None, context: Context | None = None) -> Outcome:
    """Check everything; when there are no errors, write the generated pages."""
    with _no_collector_pauses():
        return _generate_docs(project, docs_dir, context)


def _generate_docs(project: Project, docs_dir: Path | None, context: Context | None) -> Outcome:
    outcome = _check(project, None)
    if not outcome.result.ok:
        return outcome
    t = time.perf_counter()
    outcome.site = build_site(outcome.result.records, outcome.loaded.assets)
    outcome.timings["model"] = time.perf_counter() - t
    t = time.perf_counter()
    outcome.pages = generate(outcome.site, context)
    outcome.written = write_pages(outcome.pages, docs_dir or project.docs_dir, outcome.site.assets)
    outcome.timings["generate"] = time.perf_counter() - t
    return outcome


def forget() -> None:
    """After a one-shot build's pages are written: drop what the stages keep for a next run
    (the preview's memos), so the renderer gets the memory. Drop the Outcome too."""
    forget_all()
    forget_written()
