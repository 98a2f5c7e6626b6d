"""Remember a stage's result for unchanged input, for the long-running preview.

One entry per key (a file path), so the memory stays bounded by the corpus.
A hit needs the very same input: `is` for objects (never `==`, which would
compare deep trees), `==` only for small tokens such as (mtime, size).
Stages stay pure functions of their input; a memo only skips recomputing one.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def same(a: Any, b: Any) -> bool:
    """Identity, element by element for tuples and lists."""
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a is b


_ALL: weakref.WeakSet[Memo] = weakref.WeakSet()


def forget_all() -> None:
    """Empty every memo: a one-shot build needs none of them once its pages are written,
    and the renderer then works with a smaller heap (less memory, cheaper garbage collection)."""
    for memo in list(_ALL):
        memo._entries.clear()


class Memo(Generic[T]):
    def __init__(self, compare: Callable[[Any, Any], bool] = same) -> None:
        self._entries: dict[Hashable, tuple[Any, T]] = {}
        self._compare = compare
        _ALL.add(self)

    def get(self, key: Hashable, token: Any, make: Callable[[], T]) -> T:
        hit = self._entries.get(key)
        if hit is not None and self._compare(hit[0], token):
            return hit[1]
        value = make()
        self._entries[key] = (token, value)
        return value
