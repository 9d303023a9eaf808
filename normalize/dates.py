"""Dates and times as printed on seminar pages -> ISO 8601 with the venue's UTC offset.

Handles "10:00 a.m. - 11 a.m. ET, Thursday, 01/22/2026", "01-22-2026", "08/17" (year given
by the caller, never today's), "Tuesday, September 30, 2025" with "2:00 PM - 3:00 PM",
"10-11 am", "11am - noon". The offset comes from zoneinfo for that date, so daylight
saving is right.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from seminars.normalize.text import is_tbd

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
# A month's name or abbreviation, one pattern for every parser that finds dates in a line.
MONTH_WORD = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?(?![\d/-])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDY = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?"
    r"(?:\s+(\d{4}))?\b",
    re.I,
)
_WORDY_DMY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?,?"
    r"(?:\s+(\d{4}))?\b",
    re.I,
)

_MER = r"(a\.?\s?m\.?|p\.?\s?m\.?)"
# Possessive: "1" + 50,000 spaces would be split between this \s* and the next in every way.
_CLOCK = rf"(noon|midnight|\d{{1,2}}(?::(\d{{2}}))?\s*+{_MER}?)"
# not inside a room code or a number ("S3-122", "1-800-123"): a clock stands alone
_RANGE = re.compile(rf"(?<![\w.]){_CLOCK}\s*(?:-|–|—|to|until)\s*{_CLOCK}(?!\d)", re.I)
_SINGLE = re.compile(rf"(?<![\w.])(noon|\d{{1,2}}(?::\d{{2}})?\s*{_MER}|\d{{1,2}}:\d{{2}})", re.I)


def _year(y: str | None, default: int | None) -> int | None:
    if y is None:
        return default
    n = int(y)
    return n + 2000 if n < 100 else n


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str | None, *, year: int | None = None) -> date | None:
    """The first calendar date in ``text``; US month-first order. None when absent or TBD.

    A date without a year takes ``year``; with no ``year`` it stays unknown (None) rather
    than borrowing today's.
    """
    if not text or is_tbd(text):
        return None
    m = _ISO.search(text)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _WORDY.search(text)
    if m:
        return _safe_date(_year(m[3], year), _MONTHS[m[1].lower()], int(m[2]))
    m = _WORDY_DMY.search(text)
    if m:
        return _safe_date(_year(m[3], year), _MONTHS[m[2].lower()], int(m[1]))
    m = _numeric_date(text)
    if m:
        return _safe_date(_year(m[3], year), int(m[1]), int(m[2]))
    return _dateparser_fallback(text, year)


def _numeric_dates(text: str) -> list[re.Match[str]]:
    # "10-11" is a clock range, not October 11th: a yearless date must use a slash.
    return [m for m in _NUMERIC.finditer(text) if m[3] or "/" in m[0]]


def _numeric_date(text: str) -> re.Match[str] | None:
    found = _numeric_dates(text)
    with_year = [m for m in found if m[3]]
    return (with_year or found)[0] if found else None


@lru_cache(maxsize=512)
def _dateparser_fallback(text: str, year: int | None) -> date | None:
    # dateparser knows far more phrasings than the patterns above, but it is slow and, by
    # default, fills a missing year from today; so it only runs last, and only with a year.
    if year is None or not re.search(r"\d", text):
        return None
    import dateparser

    settings = {
        "PREFER_DATES_FROM": "current_period",
        "RELATIVE_BASE": datetime(year, 7, 1),
        "REQUIRE_PARTS": ["day", "month"],
        "DATE_ORDER": "MDY",
    }
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:
        return None
    return found.date() if found else None


def _clock(token: str, minutes: str | None, mer: str | None) -> tuple[int, int, str | None] | None:
    token = token.strip().lower()
    if token == "noon":
        return 12, 0, "p"
    if token == "midnight":
        return 0, 0, "a"
    digits = re.match(r"\d+", token)
    if digits is None:
        return None
    h = int(digits.group())
    mi = int(minutes) if minutes else 0
    if h > 23 or mi > 59:
        return None
    return h, mi, (mer[0].lower() if mer else None)


def _to_24(h: int, mer: str | None) -> int:
    if mer == "p" and h < 12:
        return h + 12
    if mer == "a" and h == 12:
        return 0
    return h


def parse_times(text: str | None) -> tuple[time | None, time | None]:
    """Start and end clock times in ``text`` ("10-11 am", "2:00 PM - 3:00 PM", "11am - noon")."""
    if not text:
        return None, None
    m = _RANGE.search(text)
    if m:
        a = _clock(m[1], m[2], m[3])
        b = _clock(m[4], m[5], m[6])
        if a and b:
            (h1, m1, p1), (h2, m2, p2) = a, b
            # "10-11 am": one meridiem for both ends; "11 - 12 pm" means 11 am to noon.
            if p1 is None:
                p1 = p2
                if p2 == "p" and h1 <= 12 and h2 == 12 and h1 != 12:
                    p1 = "a"
                elif p2 == "p" and h1 > h2 and h1 != 12:
                    p1 = "a"
            if p1 is None and p2 is None and h1 < 8:
                p1 = p2 = "p"  # "2-3" on a seminar page is afternoon
            if p2 is None:
                p2 = p1
            start = time(_to_24(h1, p1), m1)
            end_h = _to_24(h2, p2)
            # A typo such as "10:00 a.m. - 11 p.m." makes a 13-hour seminar; flip the meridiem
            # of the end when that yields a plausible length.
            span = (end_h * 60 + m2) - (start.hour * 60 + start.minute)
            if span > 8 * 60 and p2 == "p" and h2 != 12:
                end_h -= 12
            elif span <= 0 and p2 is None and end_h < 12:
                end_h += 12
            return start, time(end_h % 24, m2)
    m = _SINGLE.search(text)
    sm = re.match(rf"(noon|(\d{{1,2}})(?::(\d{{2}}))?\s*{_MER}?)", m[1], re.I) if m else None
    if sm:
        tok = "noon" if sm[1].lower() == "noon" else sm[2]
        c = _clock(tok, sm[3], sm[4])
        if c:
            return time(_to_24(c[0], c[2]), c[1]), None
    return None, None


def to_iso(d: date | None, t: time | None, tz: str) -> str | None:
    if d is None or t is None:
        return None
    return datetime.combine(d, t, tzinfo=ZoneInfo(tz)).isoformat()


def parse_when(
    text: str | None, tz: str, *, year: int | None = None, time_text: str | None = None
) -> tuple[str | None, str | None, str | None]:
    """(date, start, end) as ISO strings from one "when" line (and an optional time line)."""
    d = parse_date(text, year=year)
    t1, t2 = parse_times(_strip_dates(time_text if time_text is not None else text))
    date_iso = d.isoformat() if d else None
    return date_iso, to_iso(d, t1, tz), to_iso(d, t2, tz)


def _strip_dates(text: str | None) -> str | None:
    # Dates such as 01/22/2026 or 01-22-2026 would otherwise read as clock ranges ("01-22").
    if not text:
        return text
    text = _ISO.sub(" ", text)
    pieces: list[str] = []
    pos = 0
    for m in _numeric_dates(text):  # one join: cutting the string per date was quadratic
        pieces += (text[pos:m.start()], " ")
        pos = m.end()
    text = "".join(pieces) + text[pos:]
    text = _WORDY.sub(" ", text)
    return _WORDY_DMY.sub(" ", text)


def year_in(text: str | None) -> int | None:
    """A plausible 4-digit year (1990-2099) found in text, e.g. a page's permalink."""
    if not text:
        return None
    # Bounded by non-alphanumerics, so a commit hash or an image id never reads as a year.
    m = re.search(r"(?<![A-Za-z0-9])(199\d|20\d\d)(?![A-Za-z0-9])", text)
    return int(m[1]) if m else None


def in_zone(iso: str | None, tz: str) -> str | None:
    """The same wall-clock time, read in another zone: '14:00-06:00' in New York is '14:00-04:00'."""
    if not iso or "T" not in iso:
        return iso
    local = datetime.fromisoformat(iso).replace(tzinfo=None)
    return local.replace(tzinfo=ZoneInfo(tz)).isoformat()
