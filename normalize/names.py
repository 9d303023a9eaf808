"""Person names: honorifics and degrees removed, nicknames dropped, lists split."""

from __future__ import annotations

import re
from functools import lru_cache

from seminars.normalize.text import clean_text

_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|mx|miss|sir|dame|assoc\.?\s*prof|asst\.?\s*prof|"
    r"me|mme|dott(?:\.?ssa)?|prof\.?ssa|dra|herr|frau)\.?\s+)+",
    re.I,
)
# No pattern here may backtrack super-linearly on long input (a page can be 5 MB): a leading
# \s* never starts inside a whitespace run ((?:(?<!\s)|(?!\s))), or "x" + 50,000 spaces is
# rescanned from each of them; the run's start finds whatever a later start would.
# post-nominal honours only in capitals ("Keir Starmer QC"; "Obe" is also a surname)
# ("Jr." and "Sr." are part of the name: "Joseph S. Nye, Jr." is not his father; the speaker
# key, store/bios.person_key, ignores them, so one person's records still meet)
_DEGREE = re.compile(r"(?<=\s)(ph\.?\s?d\.?|m\.?d\.?|esq\.?|m\.?sc?\.?|"
                     r"(?-i:QC|KC|FRS|FRSE|FREng|FBA|OBE|CBE|MBE))\Z", re.I)
_DEGREE_MAX = 8  # the longest degree, "ph. d.", and the space before it
_NICK = re.compile(r"(?:(?<!\s)|(?!\s))\s*\([^)]*\)\s*")
_SPLIT = re.compile(r"(?:(?<!\s)|(?!\s))\s*(?:<br\s*/?>|\n|;|\s&\s|\band\b|,\s*(?=(?:dr\.?|prof\.?)\s))\s*", re.I)


@lru_cache(maxsize=100_000)  # the same names recur across pages, imports and every merge
def clean_name(s: str | None) -> str | None:
    s = clean_text(s)
    if not s:
        return None
    end = s.rfind(")") + 1  # no nickname closes past the last ')' (and the spaces after it)
    end = len(s) - len(s[end:].lstrip()) if end else 0
    s = (_NICK.sub(" ", s[:end]) + s[end:]).strip(" ,;")
    s = _HONORIFIC.sub("", s)
    s = _strip_degrees(s)
    s = re.sub(r"\s+", " ", s).strip(" ,;")
    s = re.sub(r"(?<=[a-z])['’]s$", "", s)  # "Dr Mark Hurlstone's talk": the owner's name
    return s or None


def _strip_degrees(s: str) -> str:
    r"""Trailing ', PhD', ', Esq.', ', M.D.' removed, as the regex (,?\s+(degree))+\s*$ did, one
    degree at a time from the end (that regex retried its whole chain from every degree)."""
    end = len(s.rstrip())
    cut = None
    while True:
        # endpos makes \Z match at `end`: no copy of the string per degree.
        m = _DEGREE.search(s, max(0, end - _DEGREE_MAX), end)
        if m is None:
            break
        end = m.start()
        while end and s[end - 1].isspace():
            end -= 1
        if end and s[end - 1] == ",":
            end -= 1
        cut = end
    return s if cut is None else s[:cut]


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
