"""Pause Python's cyclic garbage collector around bulk work, or keep it from rescanning
what lives already.

Validation and row shaping hold millions of small objects that stay alive until the load
ends. Each full collection walks all of them, and a 100k-interaction load spent about 20 s
in collections that freed nothing: the loader makes no reference cycles that matter.
Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def gc_frozen() -> Iterator[None]:
    """Collect only what is made from here on: whatever lives now (a validated dataset's
    index) is set aside from every collection, as `gc_paused` would, while the garbage of
    the work inside (cycles the driver makes per transaction) is still collected."""
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
