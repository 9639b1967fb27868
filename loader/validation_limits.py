"""How large a dataset file, a quote and a source's quoted share may be.

The limits are passed to ``validate_paths`` rather than read from module constants, so a
test reaches a limit with a small value of its own instead of patching a global that every
later caller would see.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    """Dataset files larger than this are read in parts when they are JSON
    (loader/json_parts.py), and refused before they are read when they are not."""

    records_per_part: int = 5_000
    """Interactions and statements per part of a file read in parts."""

    max_text_bytes: int = 512 * 1024 * 1024
    """Source texts larger than this are refused: a text is read whole to place quotes."""

    max_quote_chars: int = 400
    """Quotes longer than this get a warning: evidence must stay short."""

    max_coverage: float = 0.5
    """Warn when a source's quotes together cover more than this share of its text: the
    repository may hold short excerpts, never the article."""

    min_text_for_coverage: int = 2000
    """Texts shorter than this (test fixtures, short notes) are exempt from the coverage
    warning: quoting a two-line text is unavoidable."""


DEFAULT_LIMITS = Limits()
