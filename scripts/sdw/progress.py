"""What `sdw build` shows while it works: the stage it is in and, while the site is rendered,
the pages done out of the total with an estimate of the time left.

On a terminal the display is live (rich): one line for the current stage with a spinner, and
while pages are rendered a bar, "345/1.036 pagina's" and "nog 0:00:07"; every finished stage
stays above it as one line with its seconds. Anywhere else (output to a pipe or a file, CI,
GITHUB_ACTIONS, TERM=dumb) it is a few plain lines, one per stage, without bars, colours or
carriage returns, so a CI log stays readable.

Why rich and not tqdm: the display has stages without a total (a spinner and the seconds) and
one with a total (bar, count and time left) in one live region; rich's Progress does that with
its own columns, prints finished stages above the live line, restores the terminal on Ctrl-C,
and is maintained and widely used. tqdm draws one bar per loop and would need stage lines drawn
by hand. rich is imported only on a terminal, so a build in CI never pays for loading it.

Renderer-free: the render stage reports pages through a plain callback (sdw.render.render's
`progress`); this module knows nothing of MkDocs.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

# The stages as the pipeline (sdw.pipeline.generate_docs `stage`) and the CLI name them.
STAGES = {"load": "Inlezen", "validate": "Controleren", "generate": "Genereren", "render": "Weergeven"}
# What the render stage is doing (sdw.render.render `progress`; "start" only gives the number of pages).
PHASES = {"convert": "Markdown omzetten", "write": "pagina's opmaken", "finish": "afronden (zoekindex, sitemap)"}


def dutch_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def seconds(s: float) -> str:
    return f"{s:.1f} s"  # as in "Klaar in 12.3 s"


def rendering(rendered: int, pages: int) -> str:
    """The render stage's pages: all of them, or those not taken unchanged from the build cache."""
    if pages > rendered:
        return f"{dutch_number(rendered)} van de {dutch_number(pages)} pagina's (de andere zijn ongewijzigd)"
    return f"{dutch_number(rendered)} pagina's"


def is_live_terminal(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Whether `stream` is a terminal a person watches: not a pipe or file, not CI, not TERM=dumb."""
    environ = os.environ if environ is None else environ
    if environ.get("CI", "").lower() not in ("", "0", "false") or environ.get("GITHUB_ACTIONS") == "true":
        return False
    if environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or not a real file
        return False


class PlainProgress:
    """One line per stage (the render stage with its number of pages), nothing else."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.current: str | None = None
        self.all = 0

    def stage(self, name: str, pages: int = 0) -> None:
        """A stage starts; `pages`: for "render", how many pages the site has."""
        if name == self.current:
            return
        self.current, self.all = name, pages
        if name != "render":  # said once its number of pages is known
            self._line(f"{STAGES[name]}...")

    def pages(self, phase: str, done: int, total: int) -> None:
        if phase == "start":
            self._line(f"{STAGES['render']}: {rendering(total, self.all)}...")

    def done(self) -> None:
        pass

    def close(self) -> None:
        pass

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LiveProgress:
    """The live display on a terminal (rich.progress)."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(file=stream, highlight=False)
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), _counted(BarColumn(bar_width=30)),
            _counted(MofNCompleteColumn(separator="/"), after=" pagina's"),
            _counted(TimeRemainingColumn(), before="nog "), TimeElapsedColumn(),
            console=self.console, transient=True, refresh_per_second=8)
        self.task = None
        self.current: str | None = None
        self.phase: str | None = None
        self.started = 0.0
        self.total: int | None = None  # pages the render stage renders
        self.all = 0  # pages the site has
        self.closed = False
        self.progress.start()

    def stage(self, name: str, pages: int = 0) -> None:
        """A stage starts; `pages`: for "render", how many pages the site has."""
        if name == self.current or self.closed:
            return
        self._finish_stage()
        self.current, self.phase, self.started, self.total = name, None, time.perf_counter(), None
        self.all = pages
        self.task = self.progress.add_task(STAGES[name], total=None)

    def pages(self, phase: str, done: int, total: int) -> None:
        if self.closed or self.task is None:
            return
        self.total = total
        if phase == "start":
            return
        if phase != self.phase:  # a new line for each phase: its own count, speed and time left
            self.phase = phase
            self.progress.remove_task(self.task)
            counted = phase != "finish"
            self.task = self.progress.add_task(f"{STAGES['render']}: {PHASES[phase]}",
                                               total=total if counted else None, completed=done if counted else 0)
        elif phase != "finish":
            self.progress.update(self.task, completed=done, total=total)

    def done(self) -> None:
        """The last stage ended well: it gets its line too."""
        if not self.closed:
            self._finish_stage()
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.progress.stop()

    def _finish_stage(self) -> None:
        if self.current is None:
            return
        from rich.text import Text

        label = STAGES[self.current]
        if self.current == "render" and self.total is not None:
            label += f": {rendering(self.total, self.all)}"
        self.progress.remove_task(self.task)
        self.progress.console.print(Text(f"✓ {label} ({seconds(time.perf_counter() - self.started)})"))
        self.current = None

    def __enter__(self) -> LiveProgress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _counted(column, before: str = "", after: str = ""):
    """`column` (a rich ProgressColumn) only for a task with a total: the pages, not the stages."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Counted(ProgressColumn):
        def render(self, task):
            if task.total is None:
                return Text("")
            shown = column.render(task)
            return Text.assemble(before, shown, after) if before or after else shown

    return Counted()


def build_progress(stream: TextIO, environ: dict[str, str] | None = None) -> PlainProgress | LiveProgress:
    """The display for `sdw build` on `stream` (its standard error): live on a terminal, else plain."""
    return LiveProgress(stream) if is_live_terminal(stream, environ) else PlainProgress(stream)
