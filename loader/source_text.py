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
from array import array

# Whitespace that normalization shortens: a leading run, or a run of two or more.
# Any other whitespace character becomes one space in place, at the same offset.
_SHORTENED = re.compile(r"^\s+|\s{2,}")
_WHITESPACE = re.compile(r"\s")


# A text this long is searched through an index (`_SampledGrams`) instead of by str.find
# from its start for every quote, which grows with the text times its quotes: one 56 MB
# text with 500k quotes would take 2,269 s to place them, 91 s with the index.
INDEX_MIN_CHARS = 1_000_000

# Every character str.split() splits on (all lie below U+3001), as a space.
_AS_SPACE = str.maketrans({c: " " for c in map(chr, range(0x3001)) if c.isspace()})


def normalize_ws(s: str) -> str:
    """Collapse every whitespace run to a single space and strip: " ".join(s.split()),
    without the list of every word, which took 9 bytes of memory per byte of a 56 MB text."""
    s = s.translate(_AS_SPACE)
    while "  " in s:
        s = s.replace("  ", " ")
    return s.strip(" ")


class SourceText:
    """A raw source text that can locate quotes and report raw offsets."""

    def __init__(self, raw: str, *, index_min_chars: int = INDEX_MIN_CHARS) -> None:
        self.raw = raw
        self.normalized = normalize_ws(raw)
        self._index_min_chars = index_min_chars
        self._grams: _SampledGrams | None = None
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
        at = self._first(needle)
        if at < 0:
            return None
        return self._raw_offset(at), self._raw_offset(at + len(needle) - 1) + 1

    def __contains__(self, quote: str) -> bool:
        return self.find(quote) is not None

    def _first(self, needle: str) -> int:
        """Where `needle` first occurs in the normalized text, as str.find says."""
        if len(self.normalized) < self._index_min_chars or len(needle) < _SampledGrams.MIN_NEEDLE:
            return self.normalized.find(needle)
        if self._grams is None:
            self._grams = _SampledGrams(self.normalized)
        return self._grams.first(needle)


class _SampledGrams:
    """The positions of a text that are multiples of STEP, each packed with the hash of the
    GRAM characters that start there (hash << 32 | position) and sorted: by hash, then in
    the text's order. 8 bytes per STEP characters of text.

    Any occurrence of a needle of at least STEP - 1 + GRAM characters covers a sampled
    position within its first STEP characters, and the GRAM characters there lie inside
    it. So for each shift `d` (0 to STEP - 1) of that position into the needle, the
    occurrences with that shift are among the sampled positions whose gram equals the
    needle's gram at `d` (or at `d` plus any multiple of STEP: the rarest is used). Every
    candidate is checked against the text, so a hash collision costs a comparison, never
    a wrong answer, and the smallest checked one is the first occurrence.
    """

    STEP = 16
    GRAM = 8
    MIN_NEEDLE = STEP - 1 + GRAM
    _LOW = (1 << 32) - 1

    def __init__(self, text: str) -> None:
        if len(text) > self._LOW:
            raise ValueError("a text of 4G characters or more cannot be indexed")
        self.text = text
        step, gram, low = self.STEP, self.GRAM, self._LOW
        packed = (
            (hash(text[q : q + gram]) & low) << 32 | q for q in range(0, len(text) - gram + 1, step)
        )
        self.packed = array("Q", sorted(packed))

    def _span(self, gram: str) -> tuple[int, int]:
        key = (hash(gram) & self._LOW) << 32
        packed = self.packed
        return bisect.bisect_left(packed, key), bisect.bisect_left(packed, key | self._LOW)

    def first(self, needle: str) -> int:
        step, gram, text, low = self.STEP, self.GRAM, self.text, self._LOW
        best = -1
        for shift in range(step):
            # The rarest of the needle's grams at this shift: (lo, hi, offset in needle).
            rarest = None
            for offset in range(shift, len(needle) - gram + 1, step):
                lo, hi = self._span(needle[offset : offset + gram])
                if rarest is None or hi - lo < rarest[1] - rarest[0]:
                    rarest = (lo, hi, offset)
                if hi - lo <= 1:
                    break
            assert rarest is not None  # len(needle) >= MIN_NEEDLE: offset `shift` fits
            lo, hi, offset = rarest
            # Positions of one hash are in the text's order: the first match is the shift's.
            for k in range(lo, hi):
                at = (self.packed[k] & low) - offset
                if best >= 0 and at >= best:
                    break
                if at >= 0 and text.startswith(needle, at):
                    best = at
                    break
        return best
