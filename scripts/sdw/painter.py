"""Paint the social cards a build still needs in another process, while MkDocs renders the pages.

A cold build of 1,000 items draws about 1,000 cards (sdw.socialcard, some 3 ms each): seconds
that would otherwise come before MkDocs starts, on a machine whose second core sits idle while
MkDocs renders on one. `sdw build` hands the missing cards (write_pages' `later` list) to a
Painter, which starts `python -m sdw.painter` with their texts on standard input and goes on;
MkDocs leaves the cards out of its files (render's `late`), and once the pages are rendered,
`finish()` waits for the painter and puts the cards into the new site. The same Pillow in the same
interpreter draws the same bytes, so the site is byte for byte what drawing in-process gives
(tests/test_painter.py).

A fresh interpreter, not a fork: forking a process that may run threads (the progress display)
can deadlock the child, and `multiprocessing`'s spawn imports the parent's `__main__` again.
Whatever goes wrong over there (the process dies, is killed, or leaves a card out), `finish()`
draws what is missing here: a card is never lost, only drawn later.

The child writes each card into the card cache (.build/cards/) and into docs/, each under a
temporary name starting with a dot first (MkDocs never copies such a file), then renamed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from .write import AddressedFile, write_kept

# Fewer cards than this are drawn in-process: starting an interpreter with Pillow (about 0.2 s)
# takes longer.
ELSEWHERE_FROM = 64
# The painter: this interpreter, this package (tests put a failing command here).
COMMAND = (sys.executable, "-m", "sdw.painter")
# However long the painter takes, the build waits no longer than this for it, then draws the rest.
WAIT_SECONDS = 600


def child_env() -> dict[str, str]:
    """The environment for `python -m sdw.<module>` (the painter, sdw.partner): this one, with
    this package importable however the build was started."""
    package_parent = str(Path(__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": package_parent + (os.pathsep + path if path else "")}


def _feed(stream, job: bytes) -> None:
    """Write the painter its job, then close its input; a painter gone already reads nothing."""
    try:
        stream.write(job)
    except OSError:
        pass
    try:
        stream.close()
    except OSError:  # what it could not take stays unwritten; the pipe is closed all the same
        pass


def _store(data: bytes, rel: str, docs_dir: Path, cache_dir: Path | None) -> None:
    """A card into docs/, and into the cards kept for later builds: one file with two names."""
    write_kept(data, docs_dir / rel, cache_dir / Path(rel).name if cache_dir is not None else None)


class Painter:
    """The cards of one build, drawn elsewhere: `start()` returns at once, `finish()` waits."""

    def __init__(self, cards: Sequence[AddressedFile], docs_dir: Path, cache_dir: Path | None) -> None:
        self.cards = list(cards)
        self.docs_dir = docs_dir
        self.cache_dir = cache_dir
        self._process: subprocess.Popen | None = None
        self._feeder: threading.Thread | None = None

    def start(self) -> Painter:
        if len(self.cards) < ELSEWHERE_FROM:
            return self
        job = {"docs": str(self.docs_dir), "cache": str(self.cache_dir) if self.cache_dir else None,
               "cards": [[card.path, list(card.recipe)] for card in self.cards]}
        try:
            self._process = subprocess.Popen(COMMAND, stdin=subprocess.PIPE,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env())
        except OSError:  # no process to be had: finish() draws every card
            return self
        # The job (about 0.3 MB at 1,000 cards) fills the pipe long before the painter's interpreter
        # has started and reads it: written by this thread, it kept the build waiting that long (0.25 s).
        self._feeder = threading.Thread(target=_feed, args=(self._process.stdin, json.dumps(job).encode()),
                                        daemon=True, name="sdw-painter-job")
        self._feeder.start()
        return self

    def cancel(self) -> None:
        """Stop the painter (the build failed): the cards it drew stay, the next build draws the rest."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None
        if self._feeder is not None:  # its write ends once the painter has read the job or is gone
            self._feeder.join()
            self._feeder = None

    def finish(self) -> None:
        """Wait for the painter; draw here every card it did not leave in docs/."""
        if self._process is not None:
            try:
                self._process.wait(timeout=WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                pass
            self.cancel()
        for card in self.cards:
            if not (self.docs_dir / card.path).is_file():
                _store(card.encode(), card.path, self.docs_dir, self.cache_dir)

    def copy_into(self, site_dir: Path, paths: Sequence[str]) -> None:
        """Put the cards `paths` from docs/ into a built site (a hard link where the disk allows)."""
        for rel in paths:
            source, target = self.docs_dir / rel, site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)


def main() -> int:
    from .socialcard import render

    job = json.loads(sys.stdin.buffer.read())
    docs_dir, cache_dir = Path(job["docs"]), Path(job["cache"]) if job["cache"] else None
    for rel, texts in job["cards"]:
        _store(render(*texts), rel, docs_dir, cache_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
