"""Finding verbatim quotes in a source text.

Source texts are kept exactly as received, including stray line breaks in
the middle of sentences. A quote matches when it equals a span of the text
after *whitespace normalization* of both sides: every run of whitespace
becomes one space, and leading/trailing whitespace is stripped. Nothing else
is folded: typographic quote marks, dashes and case must match exactly,
because quotes must be verbatim.
"""

from __future__ import annotations


def normalize_ws(s: str) -> str:
    """Collapse every whitespace run to a single space and strip."""
    return " ".join(s.split())


class SourceText:
    """A raw source text that can locate quotes and report raw offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        chars: list[str] = []
        # raw_index[i] is the offset in ``raw`` of normalized character i.
        raw_index: list[int] = []
        pending_space_at: int | None = None
        for i, ch in enumerate(raw):
            if ch.isspace():
                if pending_space_at is None and chars:
                    pending_space_at = i
                continue
            if pending_space_at is not None:
                chars.append(" ")
                raw_index.append(pending_space_at)
                pending_space_at = None
            chars.append(ch)
            raw_index.append(i)
        self.normalized = "".join(chars)
        self._raw_index = raw_index

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
        start = self._raw_index[at]
        end = self._raw_index[at + len(needle) - 1] + 1
        return start, end

    def __contains__(self, quote: str) -> bool:
        return self.find(quote) is not None
