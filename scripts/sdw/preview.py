"""The preview's problem banner (`sdw serve` only, never `sdw build`).

After a save that makes content/ invalid, the preview keeps the last good
version of the site; this tells the author so on every page: a banner at the
top that names each problem (file, line, fix: the lines of `sdw check`). The
watcher (sdw/cli.py) sets the current problems here; the preview server
(sdw/render.py serve) puts `banner()` right after <body> of every page it
serves and reloads the open pages when the problems change: it watches
`folder`, where `show()` writes a small status file.

The banner is plain HTML (no script, so the page's Content-Security-Policy
needs nothing new) and everything in it from a file name or a message is
escaped. Its look is in overrides/assets/stylesheets/sdw.css (.sdw-preview-problems).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from .markup import render

TITLE = "Het voorbeeld is niet bijgewerkt"
LAST_GOOD = ("Deze pagina toont de laatste goede versie. Los de problemen hieronder op en sla het bestand op; "
             "de pagina wordt dan vanzelf bijgewerkt.")


def banner_html(problems: Sequence[str]) -> str:
    """The banner for these problem lines (as `sdw check` prints them); empty when there are none."""
    if not problems:
        return ""
    count = "1 probleem" if len(problems) == 1 else f"{len(problems)} problemen"
    return render("preview-problems.html", problems=list(problems), title=TITLE, count=count, last_good=LAST_GOOD)


class Status:
    """The problems of the latest save, shared by the watcher and the preview server."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems: tuple[str, ...] = ()
        self._html = ""
        self._count = 0
        self.folder = Path(tempfile.mkdtemp(prefix="sdw-preview-"))
        self._write()

    @property
    def problems(self) -> tuple[str, ...]:
        with self._lock:
            return self._problems

    def banner(self) -> str:
        with self._lock:
            return self._html

    def show(self, problems: Sequence[str]) -> bool:
        """Set the current problems (none: the banner goes); True when that changed them.
        A change rewrites the status file, which makes the server rebuild and reload the pages."""
        problems = tuple(problems)
        with self._lock:
            if problems == self._problems:
                return False
            self._problems, self._html = problems, banner_html(problems)
            self._count += 1
        self._write()
        return True

    def _write(self) -> None:
        with self._lock:
            text = f"{self._count}\n" + "\n".join(self._problems) + "\n"
        try:
            (self.folder / "status.txt").write_text(text, encoding="utf-8")
        except OSError:
            pass  # the banner still changes on the next reload

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
