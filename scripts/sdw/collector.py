"""Python's cycle collector paused while a build makes large trees of objects without cycles.

The stages (sdw.pipeline), the search index's scores (sdw.searchindex.build) and the render
cache's decoding (sdw.buildcache) each make millions of containers and no reference cycles; the
collector, run every few hundred new objects, would only walk them (and everything alive around
them) again and again: about a tenth of the stages' time at 5,000 items. Reference counting still
frees everything as usual. The collector is left as it was found (a caller that paused it already
keeps it paused).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collector_pauses() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


__all__ = ["no_collector_pauses"]
