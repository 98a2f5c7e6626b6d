"""The preview's problem banner (`sdw serve` only, never `sdw build`).

After a save that makes content/ invalid, the preview keeps the last good
version of the site; this tells the author so on every page: a banner at the
top that names each problem (file, line, fix: the lines of `sdw check`). The
watcher (sdw/cli.py) sets the current problems here; the preview server
(sdw/render.py serve) puts `banner()` right after <body> of every page it
serves and reloads the open pages when the problems change: it watches
`folder`, where `show()` writes a small status file.

Below it, on the page whose source has readability tips (sdw.readability), a
folded <details> lists them: advice, never an error, so it is shown on a good
save too. The page is recognised by its canonical address.

The banner is plain HTML (no script, so the page's Content-Security-Policy
needs nothing new) and everything in it from a file name or a message is
escaped. Its look is in overrides/assets/stylesheets/sdw.css (.sdw-preview-problems,
.sdw-preview-tips).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from .markup import render

TITLE = "Het voorbeeld is niet bijgewerkt"
LAST_GOOD = ("Deze pagina toont de laatste goede versie. Los de problemen hieronder op en sla het bestand op; "
             "de pagina wordt dan vanzelf bijgewerkt.")


TIPS_TITLE = "Tips voor leesbaarheid van deze pagina"
TIPS_LEAD = ("Adviezen om te schrijven op taalniveau B1 (zie CONTRIBUTING.md, 'Schrijven op B1-niveau'). Het zijn "
             "tips, geen fouten: de pagina wordt ook zonder deze wijzigingen gepubliceerd.")
_CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]*)"')


def tips_html(tips: Sequence[str]) -> str:
    """The folded list of a page's readability tips (lines as `sdw check` prints them); empty without."""
    if not tips:
        return ""
    count = "1 tip" if len(tips) == 1 else f"{len(tips)} tips"
    return render("preview-tips.html", tips=list(tips), title=TIPS_TITLE, count=count, lead=TIPS_LEAD)


def page_of(html: bytes, pages: Mapping[str, object]) -> str | None:
    """Which page of `pages` ("verhalen/x/", every page of the site) the served `html` is: the path of
    its canonical address, or the end of it (a site below a folder), that is a key of `pages`."""
    found = _CANONICAL.search(html[:20_000])
    if found is None:
        return None
    parts = urlsplit(found.group(1).decode("utf-8", "replace")).path.strip("/").split("/")
    for start in range(len(parts) + 1):
        key = "/".join(parts[start:]) + "/" if parts[start:] else ""
        if key in pages:
            return key
    return None


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
        self._tips: dict[str, tuple[str, ...]] = {}  # every page ("verhalen/x/") → its tip lines
        self._count = 0
        self.folder = Path(tempfile.mkdtemp(prefix="sdw-preview-"))
        self._write()

    @property
    def problems(self) -> tuple[str, ...]:
        with self._lock:
            return self._problems

    def banner(self, page: bytes = b"") -> str:
        """The problem banner, then the tips of the page whose HTML is `page` (if it has any)."""
        with self._lock:
            html, tips = self._html, self._tips
        key = page_of(page, tips) if page and tips else None
        return html + (tips_html(tips[key]) if key is not None else "")

    def show(self, problems: Sequence[str], tips: Mapping[str, Sequence[str]] | None = None) -> bool:
        """Set the current problems (none: the banner goes) and, when given, the tips of every page;
        True when that changed them. A change rewrites the status file, which makes the server
        rebuild and reload the pages."""
        problems = tuple(problems)
        with self._lock:
            new_tips = self._tips if tips is None else {page: tuple(lines) for page, lines in tips.items()}
            if problems == self._problems and new_tips == self._tips:
                return False
            self._problems, self._html, self._tips = problems, banner_html(problems), new_tips
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
