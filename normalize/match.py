"""Field keys and similarities for the fuzzy merge: person names, titles, affiliations, abstracts.

Everything here is pure and cached by string, because the same name or title is seen many
times across page versions and sites.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from seminars.normalize.names import clean_name
from seminars.normalize.text import clean_text, collapse, is_tbd

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


# ---------------------------------------------------------------------------------------- names

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
    cleaned = name
    if "," in name:
        # clean_name already removed ', PhD'/', Jr.', so a remaining comma means "Last, First".
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


# --------------------------------------------------------------------------------------- titles

# Words that say what kind of event it is, not what it is about.
_GENERIC_WORDS = {
    "tbd", "tba", "tbc", "talk", "talks", "seminar", "seminars", "colloquium", "lecture", "invited",
    "keynote", "special", "presentation", "title", "announced", "determined", "be", "to", "the",
    "a", "an", "of", "series", "lunch", "quantum", "distinguished", "public", "guest", "plenary",
    "tutorial", "remarks", "opening", "closing", "welcome", "panel", "discussion", "cnls", "ai",
    "postdoc", "student", "research", "update", "overview", "meeting", "webinar", "session",
    "info", "information", "forthcoming", "coming", "soon", "none", "na", "my", "recent", "work",
    "department", "physics", "math", "mathematics", "applied", "computer", "science", "and",
    "in", "on", "for", "with", "new", "results", "joint",
}
_STOP = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "with", "via", "by", "at", "from", "into", "its"}
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_SUBTITLE_SPLIT = re.compile(r"(?:(?<!\s)|(?!\s))\s*(?::|\s[-–—]\s|\?\s)\s*")  # the guard: linear, see names.py
_MARKUP = re.compile(r"[<&\[*_`~]")
_QUOTE_CHARS = " \"'“”‘’«»"  # stripped from a title's ends (and a final period)
_WORD = re.compile(r"[a-z0-9]+")


class TitleKey(NamedTuple):
    raw: str
    norm: str  # folded words joined by single spaces
    compact: str  # norm without spaces: robust to "NetworksWith" and "Fine Tuning"/"Finetuning"
    main: str  # compact form of the part before a ':' subtitle ("" when there is no subtitle)
    sub: str  # compact subtitle
    main_words: tuple[str, ...]  # words of the part before the subtitle (all words without one)
    content: int  # number of non-stop words
    words: tuple[str, ...]
    generic: bool  # "Seminar", "Invited talk": says nothing about the talk
    # Words that say what the talk is about (4+ letters, not stop or generic words): two
    # titles alike enough to compare share one of them.
    topic: frozenset[str] = frozenset()


@lru_cache(maxsize=200_000)
def title_key(raw: str | None) -> TitleKey | None:
    """None for a missing or TBD title."""
    if raw is None:
        return None
    # clean_text's markup pass is the costly part and a no-op without these characters.
    if _MARKUP.search(raw):
        text = clean_text(raw)
    else:
        text = (" ".join(raw.split()) if raw.isascii() else collapse(raw)) or None
    if text is None or is_tbd(text):
        return None
    text = text.lstrip(_QUOTE_CHARS).rstrip(_QUOTE_CHARS + ".")
    if not text or is_tbd(text):
        return None
    # Only mixed case can hide a "NetworksWith" (the checks are C loops, the regex is not).
    spaced = text if text.islower() or text.isupper() or text.istitle() else _CAMEL_JOIN.sub(" ", text)
    words = _WORD.findall(fold(spaced))
    if not words:
        return None
    norm = " ".join(words)
    main = sub = ""
    main_words = tuple(words)
    if ":" in spaced or "? " in spaced or " -" in spaced or " –" in spaced or " —" in spaced:
        parts = _SUBTITLE_SPLIT.split(spaced, maxsplit=1)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            mw = _WORD.findall(fold(parts[0]))
            main = "".join(mw)
            sub = "".join(_WORD.findall(fold(parts[1])))
            if not main or not sub:
                main = sub = ""
            else:
                main_words = tuple(mw)
    generic = all(w in _GENERIC_WORDS or w.isdigit() for w in words) or is_tbd(norm)
    return TitleKey(
        raw=text,
        norm=norm,
        compact=norm.replace(" ", ""),
        main=main,
        sub=sub,
        main_words=main_words,
        content=sum(w not in _STOP for w in words),
        words=tuple(words),
        generic=generic,
        topic=frozenset(w for w in words if len(w) >= 4 and w not in _GENERIC_WORDS and w not in _STOP)
        or frozenset(words),
    )


_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_NUMBERED = {"part", "lecture", "lectures", "session", "chapter", "episode", "no", "number", "vol", "volume"}


def _numbering(words: tuple[str, ...]) -> tuple[str, ...]:
    """The numbers a title carries: digits anywhere, roman numerals after 'part', 'lecture'..."""
    return tuple(
        w for k, w in enumerate(words)
        if w.isdigit() or (w in _ROMAN and k > 0 and words[k - 1] in _NUMBERED)
    )


class TitleMatch(NamedTuple):
    score: float  # 0..1
    reason: str
    subtitle_clash: bool = False  # same main title, different subtitles: two talks
    alike: float = 0.0  # the titles' similarity as strings, before any penalty for wording
    dropped_main: str = ""  # the main title, when the match rests on one side dropping a subtitle


def _unmatched_words(
    xw: tuple[str, ...], x_compact: str, yw: tuple[str, ...], y_compact: str
) -> tuple[list[str], list[str]]:
    """Words of each title with no counterpart in the other (typos and joined words count as found)."""

    def missing(ws: tuple[str, ...], ys: tuple[str, ...], y_compact: str) -> list[str]:
        out = []
        for w in ws:
            if w in ys or (len(w) >= 4 and w in y_compact):  # "neutron" in "neutronscattering"
                continue
            if not any(_typo_of(w, v) for v in ys if abs(len(w) - len(v)) <= 2):
                out.append(w)
        return out

    return missing(xw, yw, y_compact), missing(yw, xw, x_compact)


def _typo_of(w: str, v: str) -> bool:
    """w a misspelling of v (their lengths differ by two at most)."""
    n = min(len(w), len(v))
    if n >= 4:
        if fuzz.ratio(w, v, score_cutoff=75):
            return True
        # "Quonutm"/"Quantum": two slips (one a swap) in a long word still leave it recognisable.
        return n >= 7 and OSA.distance(w, v, score_cutoff=2) <= 2
    # "Fr"/"For", "Fro"/"For": a dropped or swapped letter in a short word.
    return (
        len(w) >= 2 and 2 <= len(v) <= 4 and w[0] == v[0] and abs(len(w) - len(v)) <= 1
        and OSA.distance(w, v, score_cutoff=1) <= 1
    )


def _worded_differently(ma: list[str], mb: list[str]) -> bool:
    return bool(ma and mb) and any(w not in _STOP for w in ma + mb)


SUBTITLE_ALIKE = 80  # two subtitles less alike than this (fuzz.ratio) name different talks


def compare_titles(a: TitleKey, b: TitleKey, *, min_content: int = 3) -> TitleMatch:
    """min_content: how many content words a bare title needs to stand for a subtitled one."""
    if a.compact == b.compact:
        return TitleMatch(1.0, "same title" if a.raw == b.raw else "same title after normalizing case/punctuation/spacing")
    if a.main and b.main and a.main == b.main and fuzz.ratio(a.sub, b.sub) < SUBTITLE_ALIKE:
        return TitleMatch(0.3, "same main title but different subtitles", subtitle_clash=True)
    s = max(fuzz.ratio(a.norm, b.norm), fuzz.ratio(a.compact, b.compact)) / 100
    reason = f"titles {round(s * 100)}% alike"
    na, nb = _numbering(a.words), _numbering(b.words)
    if na and nb and na != nb:
        # "Lectures on X, Part 1" / "Part 2": one character apart, two talks of a series.
        return TitleMatch(min(s, 0.5), f"{reason}, but numbered differently ({na} / {nb})", alike=s)
    # One listing dropped the subtitle: the bare title equals the other's part before ':'.
    for x, y in ((a, b), (b, a)):
        if x.main and not y.main and y.content >= min_content and _numbering(x.main_words) == _numbering(y.words):
            m = fuzz.ratio(x.main, y.compact) / 100
            if m >= 0.92 and 0.97 * m > s:
                if m < 1 and _worded_differently(*_unmatched_words(x.main_words, x.main, y.words, y.compact)):
                    continue  # "Fast X" is not "Robust X: sub" with the subtitle dropped
                return TitleMatch(
                    0.97 * m,
                    f"subtitle dropped on one side (main titles {round(m * 100)}% alike)",
                    dropped_main=x.main,
                )
    if s < 0.97:
        # A word swapped for another ("Efficient X" / "Scalable X") is a different talk even when
        # the strings are 90% alike; typos leave every word a close counterpart.
        ma, mb = _unmatched_words(a.words, a.compact, b.words, b.compact)
        if _worded_differently(ma, mb):
            why = f"{reason}, but worded differently ({' '.join(ma)!r} / {' '.join(mb)!r})"
            return TitleMatch(min(s, 0.8), why, alike=s)
    return TitleMatch(s, reason, alike=s)


# --------------------------------------------------------------------------------- affiliations

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


# ------------------------------------------------------------------------------------ abstracts


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


def clear_caches() -> None:
    """Forget cached keys (benchmarks time cold runs; a long-lived process may free memory)."""
    for f in (_fold_unicode, loose, name_key, surname_skeleton, title_key, affiliation_keys, abstract_key,
              clean_name):
        f.cache_clear()
