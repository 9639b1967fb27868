"""How /search reads a Lucene query: where it matched a text, and what to try or say when
it matched nothing or could not be parsed.

Neo4j returns the hits of a Lucene query, not where in the text they matched, so the
terms are found again here, the way the index's `standard-folding` analyzer sees them:
ignoring case and diacritics, whole words, a trailing `*` matching any word start, and a
trailing `~` any word within two edits. Operators (AND, OR, NOT, TO), field names and
boosts are not terms.
"""

from __future__ import annotations

import re
import unicodedata

OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_TERM = re.compile(r"([\w*?]+)(~[\d.]*)?")
_WORD = re.compile(r"\w+")
_PLAIN_WORDS = re.compile(r"[\w'’-]+(?:\s+[\w'’-]+)*")
# Lucene's fuzzy query allows two edits; shorter words would match half the names.
CLOSE_SPELLING_MIN = 4


def fold(text: str) -> tuple[str, list[int]]:
    """`text` lower-cased without diacritics, and for each folded character the index of
    the character of `text` it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if not unicodedata.combining(part):
                folded.append(part.lower())
                origin.append(index)
    return "".join(folded), origin


def query_terms(query: str) -> list[tuple[str, bool]]:
    """The words of a Lucene query as (folded word, is a prefix)."""
    return [(word, prefix) for word, prefix, _ in _terms(query)]


def _terms(query: str) -> list[tuple[str, bool, bool]]:
    """The words of a Lucene query as (folded word, is a prefix, is fuzzy)."""
    terms = []
    for token, fuzzy in _TERM.findall(re.sub(r"\w+:", " ", query)):
        if token in OPERATORS:
            continue
        prefix = token.endswith("*")
        for word in _WORD.findall(fold(token.replace("*", " ").replace("?", " "))[0]):
            terms.append((word, prefix, bool(fuzzy)))
    return terms


def marks(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` (start, end) that the query's words match, in order, merged."""
    folded, origin = fold(text)
    terms = _terms(query)
    spans = []
    for word in _WORD.finditer(folded):
        value = word.group()
        if any(
            value == t or (prefix and value.startswith(t)) or (fuzzy and within_two_edits(value, t))
            for t, prefix, fuzzy in terms
        ):
            spans.append((origin[word.start()], origin[word.end() - 1] + 1))
    return spans


def within_two_edits(a: str, b: str) -> bool:
    """Levenshtein distance at most 2, as Lucene's `word~` matches (near enough to mark)."""
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = row
    return previous[-1] <= 2


def close_spelling(query: str) -> str | None:
    """For a query of plain words (no operators or syntax), the same words spelled loosely
    (`Zelensky` → `Zelensky~`), to try when the query as typed matched nothing; else None."""
    words = query.split()
    if not _PLAIN_WORDS.fullmatch(query.strip()) or any(w in OPERATORS for w in words):
        return None
    loose = [f"{w}~" if len(w) >= CLOSE_SPELLING_MIN else w for w in words]
    return " ".join(loose) if loose != words else None


def operator_hint(query: str) -> str | None:
    """What to say when Lucene refused a query that holds an operator as a bare word."""
    used = sorted({w for w in re.findall(r"\w+", query) if w in OPERATORS})
    if not used:
        return None
    word = used[0]
    return (
        f"{', '.join(used)} in capitals is a Lucene operator, which needs a term on each side. "
        f"To search for the word, write it in lower case ({word.lower()}) or quote it "
        f'("{word}").'
    )


def best_text(texts: list[str], query: str) -> tuple[str, list[tuple[int, int]]]:
    """Of a record's texts (a name and its aliases, a quote), the one the query marks most."""
    scored = [(len(marks(t, query)), i, t) for i, t in enumerate(texts)]
    _, _, text = max(scored, key=lambda s: (s[0], -s[1])) if scored else (0, 0, "")
    return text, marks(text, query)
