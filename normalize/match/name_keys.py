"""Person-name keys ("Dr. J. Smith", "Smith, John", "SMITH John") and how two names compare."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from seminars.normalize.match.folding import _DOUBLE, _NON_ALPHA, fold, loose
from seminars.normalize.names import clean_name

_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "ten", "ter", "zu", "al", "el", "bin", "ibn"}
_HONORIFIC_TOKENS = {"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "phd"}


class NameKey(NamedTuple):
    raw: str
    first: str  # loose first given name, "" when only an initial or nothing is known
    initial: str  # first letter of the first given name, "" when unknown
    last: str  # loose surname (last token; particles dropped)
    block: str  # blocking key: surname skeleton + first initial
    swapped: NameKey | None = None  # "WANG STEFFEN": all capitals, so the order is a guess
    spelled: str = ""  # surname letters as printed (fold only): "Kenaedy" stays apart from "Kenady"

    @property
    def display(self) -> str:
        return self.raw


@lru_cache(maxsize=200_000)
def name_key(raw: str) -> NameKey | None:
    """Parse a printed person name: 'Dr. J. Smith', 'Smith, John', 'SMITH John', 'Jürgen Müller'."""
    name = clean_name(raw)
    if not name:
        return None
    # a generational suffix ("Joseph S. Nye, Jr.") names the same person for matching
    name = re.sub(r"(?i),?\s+(?:jr|sr)\.?$", "", name) or name
    cleaned = name
    if "," in name:
        # clean_name already removed ', PhD', and the suffix is gone, so a remaining comma
        # means "Last, First".
        last_part, _, first_part = name.partition(",")
        if first_part.strip():
            name = f"{first_part.strip()} {last_part.strip()}"
    tokens = [t for t in name.replace(".", ". ").split() if t.strip(".")]
    tokens = [t for t in tokens if t.strip(".").casefold() not in _HONORIFIC_TOKENS]
    if not tokens:
        return None
    swapped = None
    if len(tokens) == 2 and "," not in cleaned and all(t.isupper() and len(t.strip(".")) > 1 for t in tokens):
        swapped = _key_of(raw, [tokens[1], tokens[0]])
    caps = [i for i, t in enumerate(tokens) if len(t) > 1 and t.isupper() and t.isalpha()]
    if len(caps) == 1 and len(tokens) > 1 and not all(t.isupper() for t in tokens):
        # "SCHMIDT Anna": the capitalised token is the surname, wherever it stands.
        i = caps[0]
        tokens = tokens[:i] + tokens[i + 1:] + [tokens[i]]
    if len(tokens) > 1 and _is_initial(tokens[-1]) and not _is_initial(tokens[0]):
        # "Smith J.", "WANG W.": a surname is never an initial, so the initials are given names.
        tokens = tokens[1:] + tokens[:1]
    key = _key_of(raw, tokens)
    if key is not None and swapped is not None:
        key = key._replace(swapped=swapped)
    return key


def _key_of(raw: str, tokens: list[str]) -> NameKey | None:
    surname = tokens[-1]
    given = [t for t in tokens[:-1] if t.strip(".").casefold() not in _PARTICLES]
    last = loose(surname)
    if not last:
        return None
    first_tok = given[0] if given else ""
    first_l = loose(first_tok)
    initial = first_l[:1]
    first = "" if _is_initial(first_tok) else first_l
    return NameKey(
        raw=raw, first=first, initial=initial, last=last, block=f"{surname_skeleton(last)}|{initial}",
        spelled=_NON_ALPHA.sub("", fold(surname)),
    )


def _is_initial(token: str) -> bool:
    """'J.', 'J', 'J.-P.', 'JP' (two capitals) are initials, 'Jo' and 'Li' are not."""
    letters = loose(token)
    if len(letters) <= 1:
        return True
    return len(letters) <= 2 and (token.endswith(".") or "-" in token)


@lru_cache(maxsize=100_000)
def surname_skeleton(last: str) -> str:
    """Coarse surname key for blocking: doubled letters collapsed (Schotthofer ~ Schothofer)."""
    return _DOUBLE.sub(r"\1", last)


class NameMatch(NamedTuple):
    score: float  # 0..1
    conflict: bool  # surely different people
    reason: str


def first_names_compatible(a: str, b: str) -> bool:
    """Two full first names that can be the same person: equal, a typo apart, or a short form."""
    if a == b:
        return True
    # Short forms (Steve/Steven, Alex/Alexander); not 3 letters: Jin/Jing are two names.
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        return True
    return len(a) >= 4 and len(b) >= 4 and OSA.distance(a, b, score_cutoff=1) <= 1


def compare_names(a: NameKey, b: NameKey) -> NameMatch:
    m = _compare_names(a, b)
    if m.conflict and (a.swapped or b.swapped):
        for x, y in ((a.swapped, b), (a, b.swapped)):
            if x is not None and y is not None:
                m2 = _compare_names(x, y)
                if not m2.conflict:
                    return NameMatch(m2.score, False, m2.reason + " (all-capitals name read as surname first)")
    return m


def _one_typo(a: NameKey, b: NameKey) -> bool:
    # Both spellings: "Kenaedy"/"Kennedy" is one slip as printed, two once ae -> a.
    return OSA.distance(a.last, b.last, score_cutoff=1) <= 1 or OSA.distance(a.spelled, b.spelled, score_cutoff=1) <= 1


def _compare_names(a: NameKey, b: NameKey) -> NameMatch:
    if a.last == b.last:
        s_last, why_last = 1.0, "same surname"
    elif min(len(a.last), len(b.last)) >= 5 and _one_typo(a, b):
        # One typo; not for short names, where Wang/Wong/Wan are different families.
        s_last, why_last = 0.85, "surname one typo apart"
    elif surname_skeleton(a.last) == surname_skeleton(b.last):
        s_last, why_last = 0.9, "surname spelled with a double letter"
    elif min(len(a.last), len(b.last)) >= 3 and a.initial and a.initial == b.initial and _one_typo(a, b):
        # Wang/Wong are two families, but "Diego Loez" next to "Diego Lopez" is a typo when
        # the rest agrees. Scored low, so the title (or time and place) must carry the match.
        if a.first and b.first:
            if a.first != b.first:
                return NameMatch(0.0, True, f"different surnames ({a.raw!r} / {b.raw!r})")
            return NameMatch(0.6, False, f"same first name, short surname one typo apart ({a.raw!r} / {b.raw!r})")
        return NameMatch(0.5, False, f"initial fits, short surname one typo apart ({a.raw!r} / {b.raw!r})")
    else:
        return NameMatch(0.0, True, f"different surnames ({a.raw!r} / {b.raw!r})")
    if a.first and b.first:
        if a.first == b.first:
            return NameMatch(s_last, False, f"{why_last}, same first name")
        if first_names_compatible(a.first, b.first):
            return NameMatch(0.85 * s_last, False, f"{why_last}, first names {a.first!r}~{b.first!r}")
        return NameMatch(0.0, True, f"different first names ({a.raw!r} / {b.raw!r})")
    if a.initial and b.initial:
        if a.initial != b.initial:
            return NameMatch(0.0, True, f"different initials ({a.raw!r} / {b.raw!r})")
        return NameMatch(0.7 * s_last, False, f"{why_last}, initial {a.initial.upper()}. fits")
    return NameMatch(0.55 * s_last, False, f"{why_last}, no first name on one side")


def compare_speaker_lists(a: list[NameKey], b: list[NameKey]) -> NameMatch:
    """Every speaker of the shorter list must match one of the longer (sites drop co-speakers)."""
    if not a or not b:
        return NameMatch(0.0, True, "a speaker is missing")
    if len(a) == 1 and len(b) == 1:
        return compare_names(a[0], b[0])
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    used: set[int] = set()
    scores: list[float] = []
    reasons: list[str] = []
    for x in small:
        best: tuple[float, int, NameMatch] | None = None
        why = f"no match for speaker {x.raw!r}"
        for j, y in enumerate(big):
            if j in used:
                continue
            m = compare_names(x, y)
            if not m.conflict and (best is None or m.score > best[0]):
                best = (m.score, j, m)
            elif m.conflict and x.last == y.last:
                why = m.reason  # the telling reason: same surname, different person
        if best is None:
            return NameMatch(0.0, True, why)
        used.add(best[1])
        scores.append(best[0])
        reasons.append(best[2].reason)
    extra = "" if len(a) == len(b) else f" ({len(big) - len(small)} co-speaker(s) listed on one side only)"
    return NameMatch(min(scores), False, "; ".join(reasons) + extra)
