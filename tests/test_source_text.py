"""Finding verbatim quotes in a raw source text and mapping them back to offsets."""

from __future__ import annotations

import random

from loader.source_text import SourceText, normalize_ws

RAW = (
    '  Slutsky gave an upbeat assessment: "According to\n\n'
    'my personal expectations, progress may grow."\n'
    "Podoliak said “We’ll continue tomorrow.”\n"
)


def test_normalize_ws_collapses_runs_and_strips() -> None:
    assert normalize_ws("  a\n\n b\t\u00a0c  ") == "a b c"


def test_quote_across_a_stray_line_break_maps_to_raw_offsets() -> None:
    text = SourceText(RAW)
    span = text.find("According to my personal expectations")
    assert span is not None
    start, end = span
    assert RAW[start:end] == "According to\n\nmy personal expectations"


def test_whitespace_inside_the_quote_is_normalized_too() -> None:
    text = SourceText(RAW)
    assert text.find("According   to\nmy personal") == text.find("According to my personal")


def test_offsets_account_for_leading_whitespace_of_the_raw_text() -> None:
    text = SourceText(RAW)
    assert text.find("Slutsky") == (2, 9)


def test_first_occurrence_is_returned() -> None:
    text = SourceText("ceasefire now; ceasefire later")
    assert text.find("ceasefire") == (0, 9)


def test_typographic_quote_marks_are_matched_literally() -> None:
    text = SourceText(RAW)
    assert text.find("“We’ll continue tomorrow.”") is not None
    # Straight quotes are a different text: quotes must be verbatim.
    assert text.find('"We\'ll continue tomorrow."') is None


def test_missing_or_blank_quote_is_not_found() -> None:
    text = SourceText(RAW)
    assert text.find("Medinsky") is None
    assert text.find("   ") is None
    assert "progress may grow" in text


def _repetitive_text(rng: random.Random, words: int) -> str:
    # Few distinct words, so that grams repeat and a needle occurs many times.
    vocabulary = ["talks", "ceasefire", "Istanbul", "round", "the", "of", "Kyiv", "said", "\n\n"]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_a_large_text_finds_the_first_occurrence_as_a_plain_search_does() -> None:
    rng = random.Random(17)
    # A sentence planted many times, at every alignment: only the first place is right.
    planted = "Medinsky said the next round would be held in Istanbul on Tuesday"
    raw = " ".join(f"{_repetitive_text(rng, rng.randrange(200, 400))} {planted}" for _ in range(80))
    indexed, plain = SourceText(raw, index_min_chars=0), SourceText(raw, index_min_chars=10**9)
    normalized = indexed.normalized
    needles = []
    for _ in range(400):
        start = rng.randrange(len(normalized) - 200)
        needles.append(normalized[start : start + rng.randrange(40, 200)])
    needles += [planted, planted[9:] + " talks", "Istanbul " + "x" * 60, "talks " * 12 + "Moscow"]
    found = 0
    for needle in needles:
        assert indexed.find(needle) == plain.find(needle), needle
        found += indexed.find(needle) is not None
    assert found >= 401  # the drawn needles and the planted sentence occur; the last two do not


def test_a_quote_at_the_very_start_and_end_of_a_large_text_is_found() -> None:
    raw = "Opening words of the report stand here. " + "x " * 5000 + "and the closing words end it."
    text = SourceText(raw, index_min_chars=0)
    assert text.find("Opening words of the report stand here. x x x x") == (0, 47)
    end = text.find("x x x x and the closing words end it.")
    assert end is not None and end[1] == len(raw)
