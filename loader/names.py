"""The project's one name-matching rule.

``name_key`` turns a display name into the key used to decide whether two
spellings are the same name. It is deliberately forgiving about case,
diacritics and punctuation, and deliberately *not* forgiving about letters:
"Mevlüt Çavuşoğlu" and "Mevlut Cavusoglu" share a key, but "Zelenskyy" and
"Zelensky" do not. Spelling variants that differ in letters are recorded as
aliases in the dataset, where a reviewer can see them.

Punctuation rules:

* apostrophes (``'``, ``’``, ``ʼ``, ``‘``, backtick) and dots are removed
  without a space, so "People's" == "Peoples" and "U.S." == "US";
* every other punctuation or symbol character (hyphens, dashes, commas,
  quotes, brackets, slashes ...) becomes a space, so "Jean-Yves" ==
  "Jean Yves";
* whitespace runs collapse to one space and the key is stripped.
"""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not decompose into a base letter plus combining marks.
SPECIAL_LETTERS: dict[str, str] = {
    "ı": "i",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ĸ": "k",
    "ŋ": "n",
}

_REMOVED = {"'", "’", "‘", "ʼ", "`", "´", "."}


def name_key(text: str) -> str:
    """Return the matching key of a name (see the module docstring)."""
    folded = text.casefold()
    folded = "".join(SPECIAL_LETTERS.get(ch, ch) for ch in folded)
    decomposed = unicodedata.normalize("NFKD", folded)
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch in _REMOVED:
            continue
        category = unicodedata.category(ch)
        if category[0] in ("P", "S") or ch.isspace():
            out.append(" ")
        else:
            out.append(ch)
    # NFKD can produce letters from the special table again (e.g. from
    # compatibility forms), so map once more after decomposition.
    joined = "".join(SPECIAL_LETTERS.get(ch, ch) for ch in out)
    return " ".join(joined.split())
