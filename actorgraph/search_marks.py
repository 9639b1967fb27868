"""Where a full-text query matched a text, for marking it: character spans in the text.

Neo4j returns the hits of a Lucene query, not where in the text they matched, so the
terms are found again here, the way the index's `standard-folding` analyzer sees them:
ignoring case and diacritics, whole words, and a trailing `*` matching any word start.
Operators (AND, OR, NOT, TO), field names, boosts and fuzziness are not terms.
"""

from __future__ import annotations

import re
import unicodedata

OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})
_TERM = re.compile(r"[\w*?]+")
_WORD = re.compile(r"\w+")


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
    terms = []
    for token in _TERM.findall(re.sub(r"\w+:", " ", query)):
        if token in OPERATORS:
            continue
        prefix = token.endswith("*")
        for word in _WORD.findall(fold(token.replace("*", " ").replace("?", " "))[0]):
            terms.append((word, prefix))
    return terms


def marks(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` (start, end) that the query's words match, in order, merged."""
    folded, origin = fold(text)
    terms = query_terms(query)
    spans = []
    for word in _WORD.finditer(folded):
        value = word.group()
        if any(value == t or (prefix and value.startswith(t)) for t, prefix in terms):
            spans.append((origin[word.start()], origin[word.end() - 1] + 1))
    return spans


def best_text(texts: list[str], query: str) -> tuple[str, list[tuple[int, int]]]:
    """Of a record's texts (a name and its aliases, a quote), the one the query marks most."""
    scored = [(len(marks(t, query)), i, t) for i, t in enumerate(texts)]
    _, _, text = max(scored, key=lambda s: (s[0], -s[1])) if scored else (0, 0, "")
    return text, marks(text, query)
