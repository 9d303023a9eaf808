"""Title keys (main title, subtitle, topic words, generic/TBD) and how two titles compare."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from seminars.normalize.match.folding import fold
from seminars.normalize.text import clean_text, collapse, is_tbd

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
