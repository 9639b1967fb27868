"""Finding verbatim quotes in a raw source text and mapping them back to offsets."""

from __future__ import annotations

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
