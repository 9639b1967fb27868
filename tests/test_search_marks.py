"""Marking where a full-text query matched, as the index's folding analyzer matches."""

from __future__ import annotations

from actorgraph.search_marks import best_text, marks, query_terms


def test_words_are_marked_whole_ignoring_case_and_diacritics() -> None:
    text = "Mevlüt Çavuşoğlu met them; CAVUSOGLU said so"
    spans = marks(text, "cavusoglu")
    assert [text[a:b] for a, b in spans] == ["Çavuşoğlu", "CAVUSOGLU"]


def test_a_phrase_marks_each_of_its_words_and_operators_mark_nothing() -> None:
    text = "security guarantees, and not only security"
    spans = marks(text, '"security guarantees" AND NOT only')
    assert [text[a:b] for a, b in spans] == ["security", "guarantees", "only", "security"]
    assert query_terms("a AND b OR NOT c") == [("a", False), ("b", False), ("c", False)]


def test_a_prefix_marks_every_word_it_starts_and_fields_are_not_terms() -> None:
    text = "the guarantor guarantees a guarantee"
    spans = marks(text, "quote:guarant*")
    assert [text[a:b] for a, b in spans] == ["guarantor", "guarantees", "guarantee"]
    assert marks("guaranteed", "guarantee") == []


def test_the_text_the_query_marks_most_is_chosen() -> None:
    text, spans = best_text(["Mevlut Cavusoglu", "Çavuşoğlu"], "cavusoglu")
    assert text == "Mevlut Cavusoglu" and spans == [(7, 16)]
    assert best_text(["Putin"], "kremlin") == ("Putin", [])
