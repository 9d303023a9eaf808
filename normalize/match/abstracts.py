"""Abstract keys: a printed abstract reduced to what tells two talks apart."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from seminars.normalize.match.folding import _NON_ALNUM, fold

ABSTRACT_PREFIX = 400  # enough to tell two abstracts apart; a truncated copy keeps its start
_ABSTRACT_LEAD = re.compile(r"^(?:abstract|summary|in this (?:talk|seminar)|this (?:talk|seminar))\b\W*")


@lru_cache(maxsize=20_000)
def abstract_key(raw: str | None) -> str | None:
    """Folded words of an abstract's start, or None when too short to say anything.

    A lead-in such as "Abstract:" or "In this talk," is dropped: one site adds it, another not.
    """
    if not raw:
        return None
    norm = _NON_ALNUM.sub(" ", fold(raw[: ABSTRACT_PREFIX + 100])).strip()
    norm = _ABSTRACT_LEAD.sub("", norm)
    if len(norm) < 80:
        return None
    return norm[:ABSTRACT_PREFIX]


def abstract_keys_similarity(na: str, nb: str) -> float:
    """0..1 for two abstract_key()s. Word order matters (related abstracts share vocabulary)."""
    n = min(len(na), len(nb))
    return fuzz.ratio(na[:n], nb[:n]) / 100


def abstracts_similarity(a: str | None, b: str | None) -> float | None:
    """0..1 when both are long enough to say something, else None. A truncated copy scores high."""
    na, nb = abstract_key(a), abstract_key(b)
    if na is None or nb is None:
        return None
    return abstract_keys_similarity(na, nb)
