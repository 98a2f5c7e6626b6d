"""The search index of a build that takes most pages from the build cache, or renders many, made
by a process of its own (`python -m sdw.searchchild`) while the build goes on.

Such a build still makes the whole index (sdw.searchindex) from every page's search entries:
at 10,000 items decoding the cached entries took 1.2 s and making and writing the index 1.9 s,
on the build's core, while the other core had nothing to do. So the build cache
(sdw.buildcache) hands this process the entries of every page it holds as soon as MkDocs has
its configuration (on_config), before MkDocs reads the files and the cache works out which pages
are unchanged (on_nav), as the JSON it read; the process decodes and analyses them meanwhile.
Once the build has rendered its other pages, the cache sends which pages it took from the cache,
the entries of the others, the order of all pages, the thesaurus and where to write (from the
hooks' `_write_search_index`, as the build would write the index there itself); the process
writes the index into the staging folder while the build puts in the cached pages and its social
cards, and the build waits for it before the swap. A first build of many pages starts it with no
entries: then the index is all it makes, from the entries sent at the end, while the build puts
in the partner's pages (sdw.partner) and the cards.

The bytes are the same: the same documents in the same order go through the same
searchindex.write. Whatever goes wrong with the process (it cannot start, dies, answers
anything but "ok"), the build decodes the entries and writes the index itself
(BuildCache.finish_search); tests hold both ways to a cold build.

Input on standard input: a line `{"srcs": [...], "size": N}`, N bytes (a JSON list: each
page's entries, in the order of srcs), then, later, a line `{"folder", "previous",
"thesaurus", "order", "cached", "rendered", "size": M}` (cached: the pages of srcs the build
took from the cache; rendered: the others) and M bytes (a JSON list: the entries of the pages
rendered, in that order; as the build cache encoded them once for its records too). Output: `ok`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

# Fewer pages from the cache than this, and fewer to render: the build decodes and writes the
# index itself (a process costs about 0.2 s to start; tests set 0 to take this way with a small site).
MIN_PAGES = 500
COMMAND = [sys.executable, "-m", "sdw.searchchild"]


class SearchChild:
    """The process, as the build cache sees it: start() with the cached pages' entries,
    send() the rest, wait() for the index."""

    def __init__(self, process: subprocess.Popen, sender: threading.Thread) -> None:
        self.process, self._sender = process, sender
        self._broken = False

    @classmethod
    def start(cls, srcs: Sequence[str], parts: Sequence) -> SearchChild | None:
        """A process that gets the entries of the pages `srcs` (`parts`: each one's JSON, bytes
        or memoryview) on a thread of this one; None when none can be started."""
        from .painter import child_env

        blob = b"".join([b"[", b",".join(parts), b"]"])
        head = json.dumps({"srcs": list(srcs), "size": len(blob)}).encode() + b"\n"
        try:
            process = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL, env=child_env())
        except OSError:
            return None
        _widen(process.stdin)
        child = cls(process, threading.Thread(target=lambda: None))
        # The megabytes go through the pipe on a thread (its writes let the interpreter go on).
        child._sender = threading.Thread(target=child._write, args=(head, blob), daemon=True,
                                         name="sdw-search-entries")
        child._sender.start()
        return child

    def _write(self, *chunks: bytes) -> None:
        try:
            for chunk in chunks:
                self.process.stdin.write(chunk)
            self.process.stdin.flush()
        except (OSError, ValueError):  # it died (or was stopped): wait() says so
            self._broken = True

    def send(self, job: dict, rendered: Sequence[str], parts: Sequence) -> None:
        """The rest of the job, with the entries of the pages `rendered` (`parts`: each one's
        JSON, as the build cache has it); the process then writes the index."""
        self._sender.join()
        if not self._broken:
            blob = b"".join([b"[", b",".join(parts), b"]"])
            head = json.dumps({**job, "rendered": list(rendered), "size": len(blob)}).encode("ascii") + b"\n"
            self._write(head, blob)
        try:
            self.process.stdin.close()
        except OSError:
            self._broken = True

    def wait(self) -> bool:
        """Whether the process wrote the index (it said "ok" and ended well)."""
        self._sender.join()
        try:
            out = self.process.stdout.read()
        except (OSError, ValueError):
            out = b""
        return self.process.wait() == 0 and not self._broken and out == b"ok\n"

    def stop(self) -> None:
        """Stop it (the build failed, or makes the index itself): nothing more is written."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._sender.join()  # (its write fails once the process is gone)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


def _widen(pipe) -> None:
    """A pipe of 1 MB rather than 64 kB where the system allows (Linux): the thread that sends
    the entries takes the interpreter lock back after each write, a sixteenth as often."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError, ValueError):
        pass


def documents(order: Sequence[str], cached: dict[str, list], others: dict[str, list]) -> list[dict]:
    """The index's documents: every page's entries in the build's order (the pages rendered
    in `others`, those from the cache in `cached`), as Material's search plugin holds them."""
    out: list[dict] = []
    for src in order:
        out.extend(others[src] if src in others else cached.get(src, ()))
    return out


def valid_entries(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(e, dict) for e in value)


def main() -> int:
    from .collector import no_collector_pauses
    from .searchindex import analysed_all, write

    stream = sys.stdin.buffer
    head = json.loads(stream.readline())
    blob = stream.read(head["size"])
    with no_collector_pauses():
        values = json.loads(blob)
    if not isinstance(values, list) or len(values) != len(head["srcs"]):
        return 1
    given = {src: entries for src, entries in zip(head["srcs"], values, strict=True) if valid_entries(entries)}
    # While the build works out which pages it takes from the cache and renders the others: each
    # cached document analysed (all at once, then handed out per page again), so that only the
    # scores are left for when the job comes.
    ahead = iter(analysed_all([doc for entries in given.values() for doc in entries]))
    pre = {src: [next(ahead) for _ in entries] for src, entries in given.items()}
    line = stream.readline()
    if not line:
        return 1  # the build went without
    job = json.loads(line)
    if not all(src in given for src in job["cached"]):
        return 1  # a page whose entries are not a list of documents: the build makes the index itself
    with no_collector_pauses():
        values = json.loads(stream.read(job["size"]))
    if not isinstance(values, list) or len(values) != len(job["rendered"]) or not all(map(valid_entries, values)):
        return 1
    job["entries"] = dict(zip(job["rendered"], values, strict=True))
    cached = {src: given[src] for src in job["cached"]}
    docs = documents(job["order"], cached, job["entries"])
    rendered = iter(analysed_all([doc for src in job["order"] if src in job["entries"] for doc in job["entries"][src]]))
    analysed = [item for src in job["order"] for item in (
        [next(rendered) for _ in job["entries"][src]] if src in job["entries"] else pre[src] if src in cached else ())]
    previous = Path(job["previous"]) if job["previous"] else None
    write(Path(job["folder"]), docs, job["thesaurus"], previous, analysed=analysed)
    sys.stdout.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
