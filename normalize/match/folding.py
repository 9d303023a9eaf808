"""Text folding shared by every key: accents and umlauts away, lower case, loose spellings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose, and the German umlaut spellings (ö -> oe).
_TRANSLIT = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS",
        "ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "’": "'", "‘": "'",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_ALPHA = re.compile(r"[^a-z]+")
_DOUBLE = re.compile(r"(.)\1+")


def fold(s: str) -> str:
    """Lower-case ASCII: umlauts spelled out (ö -> oe), other diacritics stripped."""
    if s.isascii():
        return s.casefold()
    return _fold_unicode(s)


@lru_cache(maxsize=100_000)
def _fold_unicode(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_TRANSLIT))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=100_000)
def loose(s: str) -> str:
    """fold(), letters only, ae/oe/ue -> a/o/u: "Schotthöfer", "Schotthoefer" and "Schotthofer"
    (a site that dropped the dots) share one key."""
    return _NON_ALPHA.sub("", fold(s)).replace("ae", "a").replace("oe", "o").replace("ue", "u")
