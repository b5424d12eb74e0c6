"""Reference data read once per batch: while many records are checked together (a township's
package, thousands of records), the code lists, matter types and campaigns they point at are
looked up once instead of once per record. Outside a batch every lookup reads the archive, so a
single write always sees the latest lists. A batch surrounds checks only, never writes: what it
remembers must not change while it lasts."""
from __future__ import annotations

import contextlib
import contextvars
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")
_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar("reference_lookups", default=None)


@contextlib.contextmanager
def batch():
    """Lookups inside are remembered until the block ends (per thread: each has its own context).
    A batch inside another is part of it (a township's dossiers printed together, each one's
    forms read as a batch of their own)."""
    if _cache.get() is not None:
        yield
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def keep(key: Hashable, value) -> None:
    """Remember ``value`` as what ``key`` looks up, for the rest of the batch (read beforehand for
    many records at once); outside a batch, nothing."""
    cache = _cache.get()
    if cache is not None:
        cache[key] = value


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    cache = _cache.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]
