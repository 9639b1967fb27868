"""Finding verbatim quotes in a source text.

Source texts are kept exactly as received, including stray line breaks in
the middle of sentences. A quote matches when it equals a span of the text
after *whitespace normalization* of both sides: every run of whitespace
becomes one space, and leading/trailing whitespace is stripped. Nothing else
is folded: typographic quote marks, dashes and case must match exactly,
because quotes must be verbatim.
"""

from __future__ import annotations

import bisect
import re

# Whitespace that normalization shortens: a leading run, or a run of two or more.
# Any other whitespace character becomes one space in place, at the same offset.
_SHORTENED = re.compile(r"^\s+|\s{2,}")
_WHITESPACE = re.compile(r"\s")


def normalize_ws(s: str) -> str:
    """Collapse every whitespace run to a single space and strip."""
    return " ".join(s.split())


class SourceText:
    """A raw source text that can locate quotes and report raw offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.normalized = normalize_ws(raw)
        # Offsets shift only where normalization shortened a run: (normalized offset after
        # the run, raw offset there). A character-by-character map took 10 s of a 100k
        # validation, and the texts of synth or of real articles have few such runs.
        self._shift_at: list[int] = []
        self._raw_at: list[int] = []
        removed = 0
        for run in _SHORTENED.finditer(raw):
            start, end = run.span()
            kept = 0 if start == 0 else 1
            removed += end - start - kept
            self._shift_at.append(end - removed)
            self._raw_at.append(end)

    def _raw_offset(self, at: int) -> int:
        """The raw offset of normalized character `at`, which is not a whitespace one."""
        k = bisect.bisect_right(self._shift_at, at) - 1
        if k < 0:
            return at
        return self._raw_at[k] + (at - self._shift_at[k])

    def find(self, quote: str) -> tuple[int, int] | None:
        """Offsets ``(start, end)`` into the raw text of the first match.

        ``raw[start:end]`` is the matched passage as it appears in the file
        (line breaks included). Returns None when the quote does not occur
        or is empty after normalization.
        """
        needle = normalize_ws(quote)
        if not needle:
            return None
        at = self.normalized.find(needle)
        if at < 0:
            return None
        return self._raw_offset(at), self._raw_offset(at + len(needle) - 1) + 1

    def __contains__(self, quote: str) -> bool:
        return self.find(quote) is not None
