"""Remember a stage's result for unchanged input, for the long-running preview.

One entry per key (a file path), so a memo stays bounded by the corpus, and
`keep_only` drops the entries of files that are gone. A hit needs the very same
input: `is` for objects (never `==`, which would compare deep trees), `==` only
for small tokens such as (mtime, size). Stages stay pure functions of their
input; a memo only skips recomputing one.

No memo lives at module level: the preview's memos belong to one
`sdw.incremental.BuildMemory`, which `sdw serve` creates and passes down; a
stage given no memory uses `NO_MEMO`, which keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Iterator
from dataclasses import fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def same(a: Any, b: Any) -> bool:
    """Identity, element by element for tuples and lists."""
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a is b


def same_record(a: Any, b: Any, objects: tuple[type, ...]) -> bool:
    """Two frozen input records (dataclasses) with the same content: fields holding model objects
    (`objects`, alone or in tuples) by identity, every other field (paths, texts, the build
    context) by equality."""
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if not (same(x, y) if isinstance(x, (tuple, *objects)) else x == y):
            return False
    return True


class Memo(Generic[T]):
    def __init__(self, compare: Callable[[Any, Any], bool] = same) -> None:
        self._entries: dict[Hashable, tuple[Any, T]] = {}
        self._compare = compare

    def get(self, key: Hashable, token: Any, make: Callable[[], T]) -> T:
        hit = self._entries.get(key)
        if hit is not None and self._compare(hit[0], token):
            return hit[1]
        value = make()
        self._entries[key] = (token, value)
        return value

    def keep_only(self, keys: Container[Hashable]) -> None:
        """Drop every entry whose key is not in `keys` (a file that is gone, a page no longer made)."""
        for key in [k for k in self._entries if k not in keys]:
            del self._entries[key]

    def keys(self) -> Iterator[Hashable]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)


class _NoMemo(Memo[Any]):
    """A memo that keeps nothing: every `get` computes (a one-shot build, a test)."""

    def get(self, key: Hashable, token: Any, make: Callable[[], Any]) -> Any:
        return make()


NO_MEMO: Memo[Any] = _NoMemo()
