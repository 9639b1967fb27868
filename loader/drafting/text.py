"""Sentences and clauses of a source text, with their offsets into the raw text.

spaCy's blank English pipeline splits the sentences: its tokenizer knows abbreviations
("Feb.", "U.S."), so a date or a country does not end a sentence, and it needs no model.
Paragraphs (blank lines) are split first, so a headline without a full stop stays apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from loader.source_text import normalize_ws

STRAY_CLOSING_QUOTE = re.compile(r"^[\"”’]+\s+")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Where a clause ends: the shortest quote that proves a fact stops at one of these.
CLAUSE_BREAK = re.compile(
    r"[;:]\s|,\s|\s[–—-]\s|\s(?=and (?:then|later|subsequently|afterwards)\s)"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    raw: str  # the text as it is in the file, line breaks included

    @property
    def text(self) -> str:
        """The sentence with whitespace runs as single spaces: how quotes are matched."""
        return normalize_ws(self.raw)


@cache
def pipeline() -> Any:
    try:
        import spacy
    except ImportError as exc:  # the optional extra
        from loader.drafting import DraftError

        raise DraftError(
            "drafting needs spaCy and friends: pip install 'actorgraph[draft]'"
        ) from exc
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(raw: str) -> list[Sentence]:
    """Every sentence of the text, in order, as spans of the raw text."""
    nlp = pipeline()
    found: list[Sentence] = []
    at = 0
    for paragraph in [*PARAGRAPH_BREAK.split(raw)]:
        offset = raw.index(paragraph, at)
        at = offset + len(paragraph)
        if not paragraph.strip():
            continue
        for span in nlp(paragraph).sents:
            text = span.text
            # The closing quote of the sentence before ("...progress." On March 6, ...)
            # would open a quotation that swallows this sentence's names.
            stray = STRAY_CLOSING_QUOTE.match(text)
            skip = stray.end() if stray else 0
            if text[skip:].strip():
                start = offset + span.start_char + skip
                found.append(Sentence(start, start + len(text) - skip, text[skip:]))
    return found


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around `text[start:end]`: from the break before it to the break after."""
    left = 0
    for match in CLAUSE_BREAK.finditer(text, 0, start):
        left = match.end()
    after = CLAUSE_BREAK.search(text, end)
    right = after.start() if after else len(text)
    return left, right
