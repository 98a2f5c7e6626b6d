"""The preview's memory: what each stage keeps for the next rebuild, in one object.

`sdw serve` creates one `BuildMemory` and passes it to every rebuild
(`pipeline.generate_docs(..., memory=)`), which hands each stage its memo.
A one-shot build (`sdw build`, `sdw check`, tests) passes none: its stages
keep nothing, and no module holds state between builds.

Keys are paths: the source file's path below the repository (`content/x/y.md`)
for what is made from one file, the path below content/ (`x/y.md`) for an
item's page, and the generated path for feeds and written files. After each
load, `keep_only` drops what belongs to files that are gone; generate and
write then keep only what that build made.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .memo import Memo

if TYPE_CHECKING:
    from .load import Loaded

# docs folder -> {path below it: (bytes last written or found equal, (mtime_ns, size) then)}
OnDisk = dict[str, dict[str, tuple[bytes, tuple[int, int]]]]


@dataclass(eq=False)
class BuildMemory:
    """One memo per stage, each entry keyed by a path (see the module's docstring)."""

    # load: (absolute path, shown path) -> the parsed SourceFile or read Asset, while (mtime, ctime, inode, size) hold
    parsed: Memo = field(default_factory=lambda: Memo(compare=lambda a, b: a == b))
    file_checks: Memo = field(default_factory=Memo)  # validate: shown path -> a file's own checks (same SourceFile)
    records: Memo = field(default_factory=Memo)  # validate: shown path -> its Record (same SourceFile)
    items: Memo = field(default_factory=Memo)  # model: shown path -> its Item (same Record)
    related: Memo = field(default_factory=Memo)  # model: shown path -> its related items (same candidates)
    pages: Memo = field(default_factory=lambda: Memo(_same_input))  # generate: path in content/ -> its item page
    feeds: Memo = field(default_factory=lambda: Memo(_same_input))  # generate: generated path -> feed or calendar
    on_disk: OnDisk = field(default_factory=dict)  # write: what each docs folder holds, to skip rereading it
    templates: tuple = ()  # generate: the partials' stamp (markup.stamp) the kept pages were made with

    def memos(self) -> Iterator[tuple[str, Memo]]:
        return ((name, memo) for name, memo in vars(self).items() if isinstance(memo, Memo))

    def keep_only(self, loaded: Loaded) -> None:
        """Forget every file that is no longer in content/ (nor anything made from it alone)."""
        shown = {f.path for f in loaded.files} | {a.path for a in loaded.assets} | {r.path for r in loaded.refused}
        self.parsed.keep_only({k for k in self.parsed.keys() if isinstance(k, tuple) and k[-1] in shown})
        for memo in (self.file_checks, self.records, self.items, self.related):
            memo.keep_only(shown)
        self.pages.keep_only({f.rel for f in loaded.files})

    def __len__(self) -> int:
        """Entries kept in all (bounded by the corpus: one per file, page and generated file)."""
        return sum(len(memo) for _, memo in self.memos()) + sum(len(d) for d in self.on_disk.values())

    def __bool__(self) -> bool:  # an empty memory is still a memory (`if memory:` must not skip it)
        return True


def _same_input(a: object, b: object) -> bool:
    """A page's frozen input record: the kept page holds when the record has the same content
    (`same_as`: the model's objects by identity, everything else by equality)."""
    return type(a) is type(b) and a.same_as(b)  # type: ignore[attr-defined]


__all__ = ["BuildMemory", "OnDisk"]
