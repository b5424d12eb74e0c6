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
    """Lookups inside are remembered until the block ends (per thread: each has its own context)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    cache = _cache.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]
