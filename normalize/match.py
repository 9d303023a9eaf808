"""Field keys and similarities for the fuzzy merge: person names, titles, affiliations, abstracts.

Everything here is pure and cached by string, because the same name or title is seen many
times across page versions and sites.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from normalize.names import clean_name
from normalize.text import clean_text, collapse, is_tbd

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


@dataclass(frozen=True)
class NameKey:
    raw: str
    first: str  # loose first given name, "" when only an initial or nothing is known
    initial: str  # first letter of the first given name, "" when unknown
    last: str  # loose surname (last token; particles dropped)
    block: str  # blocking key: surname skeleton + first initial
    swapped: NameKey | None = None  # "WANG STEFFEN": all capitals, so the order is a guess

    @property
    def display(self) -> str:
        return self.raw


@lru_cache(maxsize=200_000)
def name_key(raw: str) -> NameKey | None:
    """Parse a printed person name: 'Dr. J. Smith', 'Smith, John', 'SMITH John', 'Jürgen Müller'."""
    name = clean_name(raw)
    if not name:
        return None
    if "," in name:
        # clean_name already removed ', PhD'/', Jr.', so a remaining comma means "Last, First".
        last_part, _, first_part = name.partition(",")
        if first_part.strip():
            name = f"{first_part.strip()} {last_part.strip()}"
    tokens = [t for t in re.split(r"[\s]+", name.replace(".", ". ")) if t.strip(".")]
    tokens = [t for t in tokens if t.strip(".").casefold() not in _HONORIFIC_TOKENS]
    if not tokens:
        return None
    swapped = None
    if len(tokens) == 2 and "," not in (clean_name(raw) or "") and all(t.isupper() and len(t.strip(".")) > 1 for t in tokens):
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
        key = NameKey(key.raw, key.first, key.initial, key.last, key.block, swapped)
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
    return NameKey(raw=raw, first=first, initial=initial, last=last, block=f"{surname_skeleton(last)}|{initial}")


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


@dataclass(frozen=True)
class NameMatch:
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


def _compare_names(a: NameKey, b: NameKey) -> NameMatch:
    if a.last == b.last:
        s_last, why_last = 1.0, "same surname"
    elif min(len(a.last), len(b.last)) >= 5 and OSA.distance(a.last, b.last, score_cutoff=1) <= 1:
        # One typo; not for short names, where Wang/Wong/Wan are different families.
        s_last, why_last = 0.85, "surname one typo apart"
    elif surname_skeleton(a.last) == surname_skeleton(b.last):
        s_last, why_last = 0.9, "surname spelled with a double letter"
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
_SUBTITLE_SPLIT = re.compile(r"\s*(?::|\s[-–—]\s|\?\s)\s*")
_MARKUP = re.compile(r"[<&\[*_`~]")
_QUOTES = re.compile(r"^[\s\"'“”‘’«»]+|[\s\"'“”‘’«».]+$")


@dataclass(frozen=True)
class TitleKey:
    raw: str
    norm: str  # folded words joined by single spaces
    compact: str  # norm without spaces: robust to "NetworksWith" and "Fine Tuning"/"Finetuning"
    main: str  # compact form of the part before a ':' subtitle ("" when there is no subtitle)
    sub: str  # compact subtitle
    content: int  # number of non-stop words
    words: tuple[str, ...]
    generic: bool  # "Seminar", "Invited talk": says nothing about the talk


@lru_cache(maxsize=200_000)
def title_key(raw: str | None) -> TitleKey | None:
    """None for a missing or TBD title."""
    if raw is None:
        return None
    # clean_text's markup pass is the costly part and a no-op without these characters.
    text = clean_text(raw) if _MARKUP.search(raw) else (collapse(raw) or None)
    if text is None or is_tbd(text):
        return None
    text = _QUOTES.sub("", text)
    if not text or is_tbd(text):
        return None
    spaced = _CAMEL_JOIN.sub(" ", text)
    norm = _NON_ALNUM.sub(" ", fold(spaced)).strip()
    if not norm:
        return None
    words = norm.split()
    parts = _SUBTITLE_SPLIT.split(spaced, maxsplit=1)
    main = sub = ""
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        main = _NON_ALNUM.sub("", fold(parts[0]))
        sub = _NON_ALNUM.sub("", fold(parts[1]))
        if not main or not sub:
            main = sub = ""
    generic = all(w in _GENERIC_WORDS or w.isdigit() for w in words) or is_tbd(norm)
    return TitleKey(
        raw=text,
        norm=norm,
        compact=norm.replace(" ", ""),
        main=main,
        sub=sub,
        content=sum(w not in _STOP for w in words),
        words=tuple(words),
        generic=generic,
    )


@dataclass(frozen=True)
class TitleMatch:
    score: float  # 0..1
    reason: str
    subtitle_clash: bool = False  # same main title, different subtitles: two talks
    dropped_main: str = ""  # the main title, when the match rests on one side dropping a subtitle


def _unmatched_words(a: TitleKey, b: TitleKey) -> tuple[list[str], list[str]]:
    """Words of each title with no counterpart in the other (typos and joined words count as found)."""

    def missing(x: TitleKey, y: TitleKey) -> list[str]:
        ys = y.words
        out = []
        for w in x.words:
            if w in ys or (len(w) >= 4 and w in y.compact):  # "neutron" in "neutronscattering"
                continue
            if len(w) >= 4 and any(abs(len(w) - len(v)) <= 2 and fuzz.ratio(w, v) >= 75 for v in ys):
                continue
            out.append(w)
        return out

    return missing(a, b), missing(b, a)


def compare_titles(a: TitleKey, b: TitleKey, *, min_content: int = 3) -> TitleMatch:
    """min_content: how many content words a bare title needs to stand for a subtitled one."""
    if a.compact == b.compact:
        return TitleMatch(1.0, "same title" if a.raw == b.raw else "same title after normalizing case/punctuation/spacing")
    if a.main and b.main and a.main == b.main and fuzz.ratio(a.sub, b.sub) < 80:
        return TitleMatch(0.3, "same main title but different subtitles", subtitle_clash=True)
    s = max(fuzz.ratio(a.norm, b.norm), fuzz.ratio(a.compact, b.compact)) / 100
    reason = f"titles {round(s * 100)}% alike"
    # One listing dropped the subtitle: the bare title equals the other's part before ':'.
    for x, y in ((a, b), (b, a)):
        if x.main and not y.main and y.content >= min_content:
            m = fuzz.ratio(x.main, y.compact) / 100
            if m >= 0.92 and 0.97 * m > s:
                return TitleMatch(
                    0.97 * m,
                    f"subtitle dropped on one side (main titles {round(m * 100)}% alike)",
                    dropped_main=x.main,
                )
    if s < 0.97:
        # A word swapped for another ("Efficient X" / "Scalable X") is a different talk even when
        # the strings are 90% alike; typos leave every word a close counterpart.
        ma, mb = _unmatched_words(a, b)
        if (ma and mb) and any(w not in _STOP for w in ma + mb):
            return TitleMatch(min(s, 0.8), f"{reason}, but worded differently ({' '.join(ma)!r} / {' '.join(mb)!r})")
    return TitleMatch(s, reason)


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
    for part in re.split(r"\s*(?:[,;/|()]|<br>|\s[-–—]\s)\s*", text):
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


@lru_cache(maxsize=20_000)
def _abstract_norm(raw: str) -> str:
    return _NON_ALNUM.sub(" ", fold(raw)).strip()


def abstracts_similarity(a: str | None, b: str | None) -> float | None:
    """0..1 when both are long enough to say something, else None. A truncated copy scores high."""
    if not a or not b:
        return None
    na, nb = _abstract_norm(a), _abstract_norm(b)
    if len(na) < 80 or len(nb) < 80:
        return None
    # Word order matters (related abstracts share vocabulary); a truncated copy is a prefix.
    n = min(len(na), len(nb), 400)
    return fuzz.ratio(na[:n], nb[:n]) / 100


def clear_caches() -> None:
    """Forget cached keys (benchmarks time cold runs; a long-lived process may free memory)."""
    for f in (_fold_unicode, loose, name_key, surname_skeleton, title_key, affiliation_keys, _abstract_norm):
        f.cache_clear()
