"""Content files read and checked by earlier one-shot builds: `sdw build` parses and checks again
only the files whose bytes changed (the load and validate stages' share of an incremental build, as
sdw.pagestore is the generate stage's and sdw.buildcache the render stage's).

Per content file it keeps what `load.parse` made of it (the SourceFile) and what the file's own
checks found (`validate._check_file`: its problems and its Candidate, with the scan of its body).
The checks across files (addresses, references, links, anchors) run on every build as before, over
every file: they are what a change elsewhere can alter. The key is a SHA-256 of the file's bytes,
its two paths (they are in its messages and decide its type and slug) and a version of everything
else parsing and checking depend on: this format, Python, every installed package's version, and
our code (scripts/sdw/*.py, the schema and the rules' wording included).

Kept in one file, `.build/check/files`: a line per content file, its key (64 hex digits), a
space, the SourceFile as JSON, a tab, and the checks as JSON: data only, never pickles (json
writes a tab or line break in a string as an escape, so neither occurs in its text). Objects are
written as their class's fields in order, of a fixed list of frozen dataclasses (the raw
front-matter nodes, problems, the candidate and its values, the scan); the schema's types and
fields and the rules by their place in the schema and the rule book (the key's code version fixes
those); tuples, frozensets and mappings tagged (a mapping as a list of pairs, so no author's key
can pass for a tag), so what comes back equals what was made. The body is not written: it is the end
of the file's text, which the build has read anyway. A value of any other type keeps its file out
of the store (made again next time), never a wrong object.

The file is read once, at the first content file, and its lines decoded only for the files whose
key matches. It is written again (whole, under another name first) after a build that checked a
file anew or no longer has one, with the lines of the files that build read, unchanged lines as
they were. A store that cannot be read is empty; a line that does not decode is a miss. The preview
does not use this: its BuildMemory keeps the same objects in memory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from typing import Any

from .codeversion import code_version
from .dates import PartialDate
from .load import RawEntry, RawList, RawMap, RawScalar, SourceFile, decode
from .problems import RULES, Problem
from .scan import Cost, Heading, Link, Scan, Tag
from .schema import PERSON_FIELDS, TYPES
from .validate import Candidate, Person, Reference
from .write import write_whole

FORMAT = 1
STORE = "files"  # the file in .build/check/
KEY_SIZE = 64

Checks = tuple[list[Problem], Candidate | None]

# The classes a record may hold, by name; each written as the list of its fields' values.
_CLASSES: dict[str, type] = {c.__name__: c for c in (
    RawScalar, RawList, RawEntry, RawMap, Problem, Candidate, Reference, Person, PartialDate,
    Scan, Link, Tag, Heading, Cost)}
_FIELDS: dict[type, tuple[str, ...]] = {c: tuple(f.name for f in dataclasses.fields(c)) for c in _CLASSES.values()}
_VALUES = {c: attrgetter(*names) for c, names in _FIELDS.items()}  # every class has two fields or more
_PLAIN = (str, int, bool, type(None))  # written as they are


def _shared() -> tuple[Any, ...]:
    """The schema's and the rule book's objects, which records name by their place in this tuple."""
    fields = [f for t in TYPES for f in t.fields] + list(PERSON_FIELDS)
    return (*TYPES, *fields, *RULES.values())


_SHARED = _shared()
_SHARED_PLACE = {id(x): i for i, x in enumerate(_SHARED)}


def version() -> str:
    """What parsing and checking a file depend on besides its bytes and paths (sdw.codeversion)."""
    return code_version(f"checkstore {FORMAT}")


class _Unkeepable(Exception):
    """A value the record format has no way to write: the file is not kept."""


class CheckStore:
    """The kept content files of one project (`folder`: its .build/check/)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / STORE
        self.used: dict[str, bytes] = {}  # key -> its line, for the store this build leaves
        self.made = self.kept = 0
        self._old: dict[str, bytes] | None = None  # key -> line
        # id(source) -> (the source, kept alive; its key; its checks as written, when kept)
        self._sources: dict[int, tuple[SourceFile, str, Any]] = {}

    def source(self, data: bytes, shown: str, rel: str,
               parse: Callable[[bytes, str, str], SourceFile]) -> SourceFile:
        """The SourceFile of a content file with these bytes and paths: as kept, else parsed now."""
        h = hashlib.sha256(version().encode())
        for part in (shown.encode(), rel.encode()):
            h.update(len(part).to_bytes(4, "big") + part)
        h.update(data)
        key = h.hexdigest()
        line = self._lines().get(key)
        if line is not None:
            found = _decode_line(line, data)
            if found is not None:
                source, checks = found
                if source.path == shown and source.rel == rel:
                    self._sources[id(source)] = (source, key, checks)
                    return source
        source = parse(data, shown, rel)
        self._sources[id(source)] = (source, key, None)
        return source

    def checks(self, source: SourceFile, make: Callable[[], Checks]) -> Checks:
        """The file's own checks (`make()`) as kept for this very source, else made now and kept."""
        known = self._sources.get(id(source))
        if known is None or known[0] is not source:
            return make()  # not a file this store read: nothing to key it by
        _, key, written = known
        if written is not None:
            try:
                own, candidate = json.loads(written, object_hook=_Hook(source))
                if (isinstance(own, list) and all(type(p) is Problem for p in own)
                        and (candidate is None or (type(candidate) is Candidate and candidate.source is source))):
                    self.kept += 1
                    self.used[key] = self._lines()[key]
                    return own, candidate
            except (_Unkeepable, KeyError, TypeError, ValueError, IndexError, AttributeError):
                pass
        own, candidate = made = make()
        self.made += 1
        try:
            encoder = _Encoder(source)
            line = "\t".join(json.dumps(part, ensure_ascii=False, separators=(",", ":"))
                             for part in (encoder.source(), encoder.value([own, candidate])))
        except _Unkeepable:
            return made
        self.used[key] = f"{key} {line}\n".encode()
        return made

    def finish(self) -> None:
        """Leave the store with the files this build read, if that is not what it holds already
        (after a validation that checked every file: one that stopped early leaves it as it was)."""
        if self.made == 0 and set(self.used) == set(self._lines()):
            return
        try:
            write_whole(self.file, b"".join(self.used.values()))
        except OSError:
            pass  # not kept: checked again next time

    def _lines(self) -> dict[str, bytes]:
        if self._old is None:
            try:
                data = self.file.read_bytes()
            except OSError:
                data = b""
            self._old = {}
            for line in data.splitlines(keepends=True):
                if len(line) > KEY_SIZE + 1 and line[KEY_SIZE:KEY_SIZE + 1] == b" " and line.endswith(b"\n"):
                    self._old[line[:KEY_SIZE].decode("ascii", "replace")] = line
        return self._old


def _decode_line(line: bytes, data: bytes) -> tuple[SourceFile, bytes] | None:
    """The SourceFile of a kept line (its body taken from `data`) and its checks as written; None
    when the line is not one this module wrote."""
    try:
        written_source, checks = line[KEY_SIZE + 1:].split(b"\t")
        path, rel, front, tail, body_line, problems = json.loads(written_source, object_hook=_Hook(None))
        body = ""
        if tail:
            text, _ = decode(data)
            if text is None or type(tail) is not int or not 0 < tail <= len(text):
                return None
            body = text[-tail:]
        if not (type(path) is str and type(rel) is str and type(body_line) is int
                and (front is None or type(front) is RawMap)
                and type(problems) is tuple and all(type(p) is Problem for p in problems)):
            return None
        return SourceFile(path, rel, front, body, body_line, problems), checks
    except (_Unkeepable, KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


class _Encoder:
    def __init__(self, source: SourceFile) -> None:
        self._source = source

    def source(self) -> list:
        """The source's fields, its body as the number of characters it takes at the end of the
        file's text (which the build reads anyway)."""
        s = self._source
        return [s.path, s.rel, self.value(s.front), len(s.body), s.body_line, self.value(s.problems)]

    def value(self, x: Any) -> Any:
        kind = type(x)
        if kind in _PLAIN:
            return x  # no float: json would write a NaN that is no JSON
        if kind is list:
            return [e if type(e) in _PLAIN else self.value(e) for e in x]
        if kind is tuple:
            return {"t": [e if type(e) in _PLAIN else self.value(e) for e in x]}
        if x is self._source:
            return {"s": 0}
        place = _SHARED_PLACE.get(id(x))
        if place is not None and _SHARED[place] is x:
            return {"r": place}
        if kind in _VALUES:
            return {"c": kind.__name__, "v": [e if type(e) in _PLAIN else self.value(e) for e in _VALUES[kind](x)]}
        if kind is dict and all(type(k) is str for k in x):
            return {"d": [[k, self.value(v)] for k, v in x.items()]}
        if kind is frozenset:
            return {"f": [self.value(e) for e in x]}
        raise _Unkeepable(kind.__name__)


class _Hook:
    """json.loads' object_hook for a record: every JSON object the encoder writes is one tagged
    value (a mapping is written as a list of pairs, so no author's key can pass for a tag), and
    the parser hands them over innermost first, their contents already decoded."""

    def __init__(self, source: SourceFile | None) -> None:
        self._source = source

    def __call__(self, x: dict) -> Any:
        if "c" in x:
            return _CLASSES[x["c"]](*x["v"])
        if "t" in x:
            return tuple(x["t"])
        if "r" in x:
            place = x["r"]
            if type(place) is not int or not 0 <= place < len(_SHARED):
                raise _Unkeepable("shared")
            return _SHARED[place]
        if "d" in x:
            return dict(x["d"])
        if "f" in x:
            return frozenset(x["f"])
        if "s" in x and self._source is not None:
            return self._source
        raise _Unkeepable("unknown tag")


__all__ = ["CheckStore", "version"]
