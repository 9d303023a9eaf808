"""Person names: honorifics and degrees removed, nicknames dropped, lists split."""

from __future__ import annotations

import re
from functools import lru_cache

from seminars.normalize.text import clean_text

_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame|assoc\.?\s*prof|asst\.?\s*prof)\.?\s+)+",
    re.I,
)
_DEGREE = re.compile(r"(,?\s+(ph\.?\s?d\.?|m\.?d\.?|jr\.?|sr\.?|esq\.?|m\.?sc?\.?))+\s*$", re.I)
_NICK = re.compile(r"\s*\([^)]*\)\s*")
_SPLIT = re.compile(r"\s*(?:<br\s*/?>|\n|;|\s&\s|\band\b|,\s*(?=(?:dr\.?|prof\.?)\s))\s*", re.I)


@lru_cache(maxsize=100_000)  # the same names recur across pages, imports and every merge
def clean_name(s: str | None) -> str | None:
    s = clean_text(s)
    if not s:
        return None
    s = _NICK.sub(" ", s).strip(" ,;")
    s = _HONORIFIC.sub("", s)
    s = _DEGREE.sub("", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;")
    return s or None


def split_names(s: str | None) -> list[str]:
    """'A and B', 'A, B', 'A <br> B', 'A & B' -> ['A', 'B'] (names cleaned)."""
    if not s:
        return []
    parts = _SPLIT.split(s)
    out: list[str] = []
    for part in parts:
        # "A, B" with both sides multi-word names is a list; "Smith, John" is one name.
        sub = [p for p in part.split(",")] if part.count(",") and _looks_like_list(part) else [part]
        for p in sub:
            name = clean_name(p)
            if name:
                out.append(name)
    return out


def _looks_like_list(part: str) -> bool:
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    return len(pieces) >= 2 and all(len(p.split()) >= 2 for p in pieces)
