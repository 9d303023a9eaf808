"""Line shapes, for pages read as plain lines (`plain.page_lines`): is this line a person's
name, a list of institutions, a clock time, short enough to be a field and not prose; a
cancelled/postponed line; where a speaker block (names, affiliation lines) ends.

They answer for a whole line, where `people` answers for a phrase already cut out of one.
Two name-line rules stay, each held to by its site's golden files: `is_name_like` (CNLS:
capitalised words, no title or institution word; tolerates "A, B and C" up to 8 words) and
`names_only` (ORNL: every name split out of the line is 2-5 name words, no job or place).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from seminars.normalize.dates import parse_times
from seminars.normalize.names import clean_name, split_names
from seminars.normalize.text import clean_text
from seminars.record import Speaker
from seminars.scrapers.toolkit.people import is_particle
from seminars.scrapers.toolkit.plain import Cursor

TIME_START = re.compile(r"^\s*(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?|noon)\b", re.I)
AFFIL_WORDS = re.compile(
    r"\b(univ\w*|universit\w*|laborator\w*|lab|labs|institut\w*|college|center|centre|department"
    r"|dept|school|national|research|inc|corp\w*|company|llc|ltd|gmbh|academy|hospital|agency"
    r"|division|group|foundation|observatory|faculty|polytechnic|ecole|école|cnrs|lanl|ornl|snl"
    r"|llnl|nist|nasa|ibm|google|microsoft|nvidia|mit|caltech|ucla|ucsd|ucsb|uc|cnls|t-\d+"
    r"|of|and|the|for|at)\b",
    re.I,
)
TITLE_WORDS = re.compile(
    r"\b(of|the|in|for|on|with|a|an|to|from|via|by|into|using|is|are|beyond|through|towards?"
    r"|what|how|why|when|between|under|over|at)\b",
    re.I,
)
# Skipped when counting a name's words, matched case-insensitively: joiners and suffixes are
# in it, and given names that are also particles elsewhere ("Al", "El") are not (people.py's
# list, matched on lowercase words only, has them).
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "dos",
                   "bin", "ibn", "y", "st.", "and", "&", "jr.", "jr", "sr.", "ii", "iii"}


def is_name_like(line: str) -> bool:
    """A short line of capitalised words without digits: a person's name (or two)."""
    end = line.rfind(")") + 1  # a '(' never closed would rescan the line from each one
    s = (PARENS.sub(" ", line[:end]) + line[end:]).strip(" ,;")
    if not s or len(s) > 90 or re.search(r"\d|[:?!@/]|https?", s):
        return False
    words = [w for w in re.split(r"[\s,]+", s) if w]
    core = [w for w in words if w.lower().strip(".") not in NAME_PARTICLES]
    if not 2 <= len(core) <= 8 or (len(core) > 4 and not re.search(r"\band\b|&|,", s)):
        return False
    if any(AFFIL_WORDS.fullmatch(w.strip(".,")) for w in words if w.lower() not in ("and",)):
        return False
    if TITLE_WORDS.search(re.sub(r"\band\b", " ", s, flags=re.I)):
        return False
    return all(w[0].isupper() or w[0] in "'’\"“" for w in core)


def is_time_line(line: str) -> bool:
    """'2:00 PM - 3:00 PM', also with a zone or a note after it ('12:00 PM - 1:00 PM MDT')."""
    return len(line) <= 80 and bool(TIME_START.match(line)) and parse_times(line)[0] is not None


def is_short(line: str, limit: int = 110) -> bool:
    return len(line) <= limit and len(line.split()) <= 16


AFFIL_CORE = re.compile(
    r"\b(univ\w*|universit\w*|laborator\w*|labs?|institut\w*|college|cent(?:er|re)|school"
    r"|department|dept|national|research|inc|corp\w*|company|foundation|observatory|polytechnic"
    r"|ecole|école|academy|hospital|agency|lanl|cnls|ibm|google|microsoft)\b",
    re.I,
)
_MINOR_WORDS = {"of", "and", "the", "for", "at", "de", "di", "du", "la", "le", "in", "&", "und", "y", "e"}


def is_affiliation_like(line: str) -> bool:
    """A long line of capitalised institution names (several affiliations on one line), not a
    sentence: real pages print 'Centre for X University of Oxford, Center for Y LANL, Z Institute'."""
    s = line.strip()
    if not s or len(s) > 250 or s.endswith((".", "?", "!", ":")) or not AFFIL_CORE.search(s):
        return False
    words = [w.strip("(),;") for w in s.split()]
    words = [w for w in words if w and w.lower() not in _MINOR_WORDS]
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return caps >= 0.75 * len(words)


PARENS = re.compile(r"\(([^)]*)\)")


_NOT_A_NAME = re.compile(
    r"\b(universit|institut|laborator|lab\b|college|cent(er|re)|division|department|school|"
    r"directorate|inc\b|corp|professor|scientist|engineer|student|fellow|director|manager|"
    r"research|postdoc|chair|staff|group|abstract|bio)",
    re.I,
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-Z]\.)$")


def names_only(text: str) -> bool:
    """A plain line that is only person names ("James Chapman", "A and B"), no job or place."""
    if not text or len(text) > 120 or re.search(r"[\d:|@]", text):
        return False
    if _NOT_A_NAME.search(text):
        return False
    names = split_names(text)
    return bool(names) and all(
        2 <= len(n.split()) <= 5 and all(_NAME_WORD.match(w) or is_particle(w) for w in n.split())
        for n in names
    )


_STATUS_LINE = re.compile(
    r"^\W*(?:(?:this\s+)?(?:talk|seminar|colloquium|lecture|event)\s+(?:has\s+been|is|was)\s+)?"
    r"(cancell?ed|canceled|postponed)\b",
    re.I,
)


def status_of(lines: list[str]) -> tuple[list[str], str]:
    """Lines saying the talk is cancelled or postponed -> (the other lines, the status); a
    title printed after the word ("CANCELLED: Title") is kept."""
    status = "scheduled"
    kept: list[str] = []
    for line in lines:
        m = _STATUS_LINE.match(line) if line and len(line) <= 120 else None
        if m:
            word = m.group(1).lower()
            status = "postponed" if word == "postponed" else "cancelled"
            rest = line[m.end():].strip(" !*-–—:.()[]")
            if rest and not re.match(r"^(until|to|due|because|and|will|$)", rest, re.I) and len(rest) > 3:
                kept.append(rest)  # "CANCELLED: Title" keeps the title
            continue
        kept.append(line)
    return kept, status


_AFFIL_SPLIT = re.compile(r"(?<!\s)\s+(?:and|&)\s+|;\s*")


def paired_speakers(pairs: list[tuple[str, str | None]], affils: list[str]) -> list[Speaker]:
    """(name, own affiliation) pairs and the affiliation lines under them -> speakers: a line
    each when there are as many, else the lines joined (split in two for two names)."""
    out: list[Speaker] = []
    if not pairs:
        return out
    per: Sequence[str | None]
    if len(affils) == len(pairs) and len(pairs) > 1:
        per = affils
    else:
        joined = ", ".join(affils) if affils else None
        per = [joined] * len(pairs)
        # "Univ X and Univ Y" under "A and B": one affiliation each.
        if joined and len(pairs) == 2:
            parts = _AFFIL_SPLIT.split(joined)
            if len(parts) == 2 and all(AFFIL_WORDS.search(p) for p in parts):
                per = parts
    for (name, own_affil), aff in zip(pairs, per, strict=False):
        out.append(Speaker(name=clean_name(name) or name, affiliation=clean_text(own_affil or aff)))
    return out


def more_speaker_lines(cur: Cursor, affils: list[str]) -> bool:
    """Without paragraph breaks: does the next line still belong to the speaker block? An
    affiliation line (a second or third one only when it names an institution), or a further
    speaker's name followed by an institution."""
    nxt = cur.peek()
    if nxt is None:
        return False
    if nxt.endswith(".") or len(affils) >= 4 or (len(nxt) > 100 and not is_affiliation_like(nxt)):
        return False
    if not affils:
        return True
    if AFFIL_CORE.search(nxt):
        return True
    after = cur.peek(1)
    return bool(is_name_like(nxt) and after and AFFIL_CORE.search(after) and not after.endswith("."))


def speaker_paragraph(cur: Cursor, is_marker: Callable[[str], bool]) -> bool:
    """The next paragraph is one more speaker: a name line, then one to three affiliation lines,
    with more text after it (the abstract)."""
    if not cur.gap() or not (nl := cur.peek()) or not is_name_like(nl):
        return False
    n = 1
    while (line := cur.peek(n)) is not None and not cur.gap(n):
        if is_marker(line) or not (is_short(line) or is_affiliation_like(line)) or line.endswith("."):
            return False
        n += 1
    return 2 <= n <= 4 and cur.peek(n) is not None
