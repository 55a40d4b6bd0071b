"""Pausing Python's cyclic garbage collector during bulk work.

A restore keeps a few thousand decoded documents alive at a time (about 100 containers each),
so the collector, which runs every 700 allocations and now and then walks every live
container, took a quarter of a 100,000-interview restore. The documents hold no reference
cycles: reference counting frees them as soon as a batch is written, so nothing accumulates
while the collector rests. It is switched back on (if it was on) when the work ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
