"""What a kept result depends on besides its own input: the build stores (sdw.checkstore,
sdw.pagestore) key every entry with this, so a change of Python, of an installed package or of
our code makes everything again.

By content, not by modification time: a store restored from a CI cache has other mtimes.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

CODE = Path(__file__).resolve().parent  # scripts/sdw/


@cache
def packages() -> bytes:
    """Python's version and every installed package with its version, each once: a package's
    metadata can be on sys.path twice (our own, when scripts/ is on PYTHONPATH as well as installed
    in editable mode), and how the build was started must not change the key."""
    names = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    return "\n".join([sys.version, *names]).encode()


@cache
def code_version(label: str, *extra: tuple[Path, str]) -> str:
    """A SHA-256 of `label` (a store's name and format), Python, the installed packages, our code
    (scripts/sdw/*.py) and the files of each (folder, glob pattern) in `extra`."""
    h = hashlib.sha256(label.encode() + b"\0" + packages())
    for folder, pattern in ((CODE, "*.py"), *extra):
        for path in sorted(folder.glob(pattern)):
            h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


__all__ = ["code_version"]
