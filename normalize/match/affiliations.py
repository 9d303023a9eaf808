"""Affiliation keys: "Oak Ridge National Lab" and "ORNL" are one institution."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from seminars.normalize.match.folding import _NON_ALNUM, fold
from seminars.normalize.text import clean_text

_AFFIL_ALIASES = {
    "oak ridge national laboratory": "ornl", "oak ridge national lab": "ornl", "oak ridge": "ornl",
    "los alamos national laboratory": "lanl", "los alamos national lab": "lanl", "los alamos": "lanl",
    "lawrence livermore national laboratory": "llnl", "livermore": "llnl",
    "lawrence berkeley national laboratory": "lbnl", "berkeley lab": "lbnl", "lbl": "lbnl",
    "sandia national laboratories": "snl", "sandia": "snl", "sandia national labs": "snl",
    "argonne national laboratory": "anl", "argonne": "anl",
    "brookhaven national laboratory": "bnl", "pacific northwest national laboratory": "pnnl",
    "national renewable energy laboratory": "nrel", "idaho national laboratory": "inl",
    "massachusetts institute of technology": "mit", "california institute of technology": "caltech",
    "georgia institute of technology": "gatech", "georgia tech": "gatech",
    "university of california berkeley": "ucb", "uc berkeley": "ucb",
    "university of california los angeles": "ucla", "university of tennessee knoxville": "utk",
    "university of tennessee": "utk", "karlsruhe institute of technology": "kit",
    "eth zurich": "eth", "eidgenossische technische hochschule zurich": "eth",
    "carnegie mellon university": "cmu", "new york university": "nyu",
}
_AFFIL_STOP = {"of", "the", "and", "for", "at", "in", "de", "du"}


@lru_cache(maxsize=50_000)
def affiliation_keys(raw: str | None) -> frozenset[str]:
    """Canonical keys of every part of an affiliation ('CSMD, Oak Ridge National Laboratory')."""
    text = clean_text(raw)
    if not text:
        return frozenset()
    keys: set[str] = set()
    for part in re.split(r"(?:(?<!\s)|(?!\s))\s*(?:[,;/|()]|<br>|\s[-–—]\s)\s*", text):
        norm = _NON_ALNUM.sub(" ", fold(part)).strip()
        if not norm:
            continue
        words = norm.split()
        alias = _AFFIL_ALIASES.get(norm)
        if alias:
            keys.add(alias)
        elif len(words) == 1:
            keys.add(_AFFIL_ALIASES.get(words[0], words[0]))
        else:
            keys.add(norm)
            initials = "".join(w[0] for w in words if w not in _AFFIL_STOP)
            if len(initials) >= 2:
                keys.add(initials)
    return frozenset(keys)


def affiliations_match(a: str | None, b: str | None) -> bool | None:
    """True/False when both are known, None otherwise."""
    ka, kb = affiliation_keys(a), affiliation_keys(b)
    if not ka or not kb:
        return None
    if ka & kb:
        return True
    return fuzz.token_set_ratio(" ".join(sorted(ka)), " ".join(sorted(kb))) >= 90
