"""Dates and times in running text: where a date is in a line, which year it is, what time.

Pages print "Tue June 25", "Sept. 11 —", "23 August (Week 5):", "2019-04-10",
"Thursday, September 19, 2019 - 7:00 PM", "9:00AM ~ 10:30AM". A date without a year takes
it from the nearest heading ("Spring 2014", "2019-2020"), the page or its URL; when the date
names its weekday, the year is the one (of the hint and its neighbours) where that weekday
falls, as a weekday printed beside a date is what the page's author checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from seminars.normalize.dates import parse_times

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "apri": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}
# Day-first pages in German, French, Dutch and Spanish ("Dinsdag 4 september 2018",
# "Montag, 20. Januar", "jeudi 5 mars"): their month names are read only after a day number,
# where "Mars" or "Mai" cannot be a planet or a word
_MONTHS_DMY = {**_MONTHS, **{
    "januar": 1, "janvier": 1, "januari": 1, "enero": 1, "februar": 2, "février": 2,
    "fevrier": 2, "februari": 2, "febrero": 2, "märz": 3, "maerz": 3, "mars": 3, "maart": 3,
    "marzo": 3, "avril": 4, "abril": 4, "mai": 5, "mei": 5, "mayo": 5, "juni": 6, "juin": 6,
    "junio": 6, "juli": 7, "juillet": 7, "julio": 7, "août": 8, "aout": 8, "augustus": 8,
    "agosto": 8, "septembre": 9, "septiembre": 9, "oktober": 10, "octobre": 10, "octubre": 10,
    "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12, "noviembre": 11,
    "novembre": 11, "setiembre": 9,
    # Portuguese, Italian, Swedish
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12, "gennaio": 1, "febbraio": 2,
    "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
    "dicembre": 12, "maj": 5, "augusti": 8,
    # their short forms ("8 okt.", "3 déc.", "12 dic")
    "okt": 10, "dez": 12, "mrt": 3, "mär": 3, "febr": 2, "janv": 1, "févr": 2, "fevr": 2,
    "avr": 4, "juil": 7, "déc": 12, "ene": 1, "abr": 4, "dic": 12, "ott": 10,
    # (not "set", "out", "ago", "gen": English words after a number)
    # Czech and Polish, in the forms a date uses ("19. září", "3 października")
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6, "července": 7,
    "srpna": 8, "září": 9, "října": 10, "listopadu": 11, "prosince": 12, "stycznia": 1,
    "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7, "sierpnia": 8,
    "września": 9, "października": 10, "grudnia": 12,
}}
# month names that lead a date in those languages ("ZÁŘÍ, 19", "Říjen 9")
_MONTHS_FIRST = {"leden": 1, "únor": 2, "březen": 3, "duben": 4, "květen": 5, "červen": 6,
                 "červenec": 7, "srpen": 8, "září": 9, "říjen": 10, "listopad": 11, "prosinec": 12}
_WEEKDAYS.update({
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonntag": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
    "samedi": 5, "dimanche": 6, "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3,
    "vrijdag": 4, "zaterdag": 5, "zondag": 6, "lunes": 0, "martes": 1, "miércoles": 2,
    "jueves": 3, "viernes": 4, "sábado": 5, "domingo": 6,
    "segunda-feira": 0, "terça-feira": 1, "quarta-feira": 2, "quinta-feira": 3,
    "sexta-feira": 4, "lunedì": 0, "martedì": 1, "mercoledì": 2, "giovedì": 3, "venerdì": 4,
    "sabato": 5, "domenica": 6, "måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3,
    "fredag": 4, "lördag": 5, "söndag": 6,
})
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MON_DMY = "|".join(sorted(_MONTHS_DMY, key=len, reverse=True))
_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DAYNUM = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:[,.]?\s*(\d{4}))?"  # "May 16th. 2022" too
_PATTERNS = [
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
    # ("May 13-14, 2015": a two-day visit, dated by its first day)
    ("mdy", re.compile(rf"\b({_MON})\.?\s*{_DAYNUM}(?!\d)(?:(?<=\d)\s*[-–]\s*\d{{1,2}}(?=,?\s*\d{{4}}))?{_YEAR}"
                       rf"(?!\s*(?:am\b|pm\b|a\.m|p\.m|:\d))", re.I)),
    # "17 de Outubro", "22 de octubre de 2014", "5 del marzo"
    ("dmy", re.compile(rf"\b{_DAYNUM}\.?\s*(?:(?:of|de|del)\s+)?({_MON_DMY})\b\.?"
                       rf"(?:\s+de(?=\s+\d{{4}}))?{_YEAR}", re.I)),
    ("num", re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")),
    # "27.06.2018", "30-06-2020": day first, and only with its year (a bare "4.15" is a time)
    # ("11.10.24: Eröffnung": a two-digit year too, not inside a version or a clock)
    ("dot", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.])"
                       r"|(?<![\d-])(\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?![\d-])"
                       r"|(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d\d)(?![\d.]|\s*(?i:uhr|h\b|[ap]\.?m))")),
    # Japanese and Chinese "2012年1月25日", "1月25日(水曜日)"
    # (and a Japanese era year: "平成28年10月1日" is 2016)
    ("cjk", re.compile(r"(?:(?:(\d{4})|(昭和|平成|令和)\s*(\d{1,2}|元))\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")),
    ("mfirst", re.compile(r"\b(" + "|".join(sorted(_MONTHS_FIRST, key=len, reverse=True)) +
                          r")\s*,?\s*(\d{1,2})\.?(?!\d)", re.I)),
]
# a two-digit year after a day and a month, not a clock ("12:30", "12 noon", "12-1pm")
_SHORT_YEAR = re.compile(r"\s+'?(\d{2})(?![\d'’]|[:.]\d|\s*[-–]\s*\d|\s*(?:am|pm|a\.m|p\.m|noon|h\b|uhr\b))", re.I)


_YEAR_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*\(\s*(?:([A-Za-z]+)\.?,?\s*)?$")
# ("Thursday (Oct 13, 2022), 3-4 pm": the date in brackets after its weekday)
_WD_BEFORE = re.compile(rf"\b({_WD})\b\.?,?\s*\(?\s*(?:the\s+)?$", re.I)
_WD_ANY = re.compile(rf"\b({_WD})\b", re.I)


@dataclass
class DateHit:
    month: int
    day: int
    year: int | None
    weekday: int | None  # 0 = Monday, when printed
    start: int  # span in the text, the weekday included
    end: int


def find_date(text: str) -> DateHit | None:
    """The first calendar date printed in ``text``, or None."""
    best: DateHit | None = None
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            hit = _hit(kind, m, text)
            if hit is not None:
                if best is None or hit.start < best.start:
                    best = hit
                break
    return best


_ERAS = {"昭和": 1925, "平成": 1988, "令和": 2018}


def _era_year(era: str | None, n: str | None) -> int | None:
    """"平成28" -> 2016 ("元" is an era's first year)."""
    if not era or not n:
        return None
    return _ERAS[era] + (1 if n == "元" else int(n))


def _hit(kind: str, m: re.Match[str], text: str) -> DateHit | None:
    y: int | None  # a yearless date leaves it to the page's hints
    end = m.end()
    if kind == "iso":
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif kind == "mdy":
        mo, d, y = _MONTHS[m[1].lower()], int(m[2]), int(m[3]) if m[3] else None
        if m[1].lower() == "may" and not re.match(r"May\b", m[0]):
            return None  # the verb "may"
    elif kind == "dmy":
        d, mo, y = int(m[1]), _MONTHS_DMY[m[2].lower()], int(m[3]) if m[3] else None
        short = _SHORT_YEAR.match(text, m.end()) if y is None else None
        if short:  # "2nd Oct 12: Strange Materials": the day is given, so "12" is the year
            y = 2000 + int(short[1])
            end = short.end()
    elif kind == "dot":
        g = next(k for k in (1, 4, 7) if m[k])
        if g == 7 and text[:m.start()].strip(" *-•·([|"):
            return None  # a two-digit year only where the date opens the line
        d, mo, y = int(m[g]), int(m[g + 1]), int(m[g + 2])
        y += 2000 if y < 100 else 0  # "11.10.24"
        if mo > 12 >= d:
            d, mo = mo, d  # "06-30-2020": month first
    elif kind == "cjk":
        y, mo, d = (int(m[1]) if m[1] else _era_year(m[2], m[3])), int(m[4]), int(m[5])
    elif kind == "mfirst":
        mo, d, y = _MONTHS_FIRST[m[1].lower()], int(m[2]), None
    else:
        mo, d = int(m[1]), int(m[2])
        if mo > 12 >= d:
            mo, d = d, mo  # "27/06/2018": day first, as printed outside the US
        y = int(m[3]) if m[3] else None
        y = y + 2000 if y is not None and y < 100 else y
    if not (1 <= mo <= 12 and 1 <= d <= 31) or (y is not None and not 1900 < y < 2200):
        return None
    start = m.start()
    if y is None:
        # "2012 (Friday, 14th December: 05.30 PM)": the year printed just before the date
        lo = max(0, start - 24)
        before = _YEAR_BEFORE.search(text[lo:start])
        if before:
            y = int(before[1])
            close = text.find(")", end, end + 30)  # the bracket holds the time too
            return DateHit(mo, d, y, _WEEKDAYS.get((before[2] or "").lower().rstrip(".,")),
                           lo + before.start(), close + 1 if close >= 0 else end)
    wd = _WD_BEFORE.search(text[max(0, start - 14):start])
    weekday = None
    if wd:
        weekday = _WEEKDAYS[wd[1].lower()]
        start = start - (min(14, start) - wd.start())
        if "(" in wd[0]:
            bracket = re.match(r"\s*\)", text[end:])
            end += bracket.end() if bracket else 0  # the bracket closes with the date
        if kind == "num" and y is not None and mo <= 12 and d <= 12:
            # "Woensdag 5/10/22": the weekday printed beside it says which number is the day
            as_is, swapped = _safe(y, mo, d), _safe(y, d, mo)
            if as_is and swapped and as_is.weekday() != weekday and swapped.weekday() == weekday:
                mo, d = d, mo
    return DateHit(mo, d, y, weekday, start, end)


def resolve(hit: DateHit, year_hint: int | tuple[int, int] | None) -> date | None:
    """The hit's date: its own year, else the hint's (an academic year "2019-2020" gives its
    first year to August-December), moved to a neighbouring year when only there the printed
    weekday is right."""
    if hit.year is not None:
        return _safe(hit.year, hit.month, hit.day)
    if year_hint is None:
        return None
    if isinstance(year_hint, tuple):
        y1, y2 = year_hint
        year = y1 if hit.month >= 7 or y2 == y1 else y1 + 1
    else:
        year = year_hint
    if hit.weekday is not None:
        for y in (year, year + 1, year - 1):
            d = _safe(y, hit.month, hit.day)
            if d is not None and d.weekday() == hit.weekday:
                return d
    return _safe(year, hit.month, hit.day)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_SEASON_YEAR = re.compile(
    r"\b(?:(spring|summer|fall|autumn|winter|semester|term)\s*(?:semester|term)?\s*'?(\d{4})"
    r"|(\d{4})\s*(?:spring|summer|fall|autumn|winter|semester|talks|seminars?|colloquia|"
    r"colloquium|lectures?|schedule|program))\b", re.I)
_RANGE_YEAR = re.compile(r"(?<!\d)(\d{4})\s*(?:-|–|—|/|to)\s*(\d{4}|\d{2})(?!\d)")
# (not a house number: "2077 Ashburnham Drive")
_LONE_YEAR = re.compile(r"(?<![\w/.-])(19[5-9]\d|20\d\d)(?![\w/.-])(?!\s+(?:[A-Z][a-z]+\s+){0,2}"
                        r"(?:Drive|Dr|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Way|Place|Pl|Court|Ct|"
                        r"Parkway|Pkwy|Highway|Hwy)\b)")


def year_hint_in(text: str, *, lone: bool = True) -> int | tuple[int, int] | None:
    """A year a heading or title sets for the dates under it: "Fall 2014", "2019-2020",
    "2019 Talks", "(2026–2029)", "2011年度" (a fiscal year), or a lone 4-digit year."""
    cjk = re.search(r"(?:((?:19|20)\d\d)|(昭和|平成|令和)\s*(\d{1,2}|元))\s*年(度)?", text)
    if cjk:
        y = int(cjk[1]) if cjk[1] else _era_year(cjk[2], cjk[3]) or 0
        return (y, y + 1) if cjk[4] else y
    m = _RANGE_YEAR.search(text)
    if m:
        y1, y2 = int(m[1]), int(m[2])
        y2 = y2 + (y1 // 100) * 100 if y2 < 100 else y2
        if 1950 < y1 < 2200 and 0 <= y2 - y1 <= 4:
            return (y1, y2)
        if y2 - y1 > 4:
            return None  # "1968 - 2018: Reflections from a Lifer": a span of a life, no term
    m = _SEASON_YEAR.search(text)
    if m:
        return int(m[2] or m[3])
    m = _LONE_YEAR.search(text) if lone else None  # a bare year only in a heading-like line
    if m:
        return int(m[1])
    # "Colóquio da Física 17/10/2017" over "Data: 17 de Outubro": a short line's full date
    hit = find_date(text) if lone else None
    return hit.year if hit is not None else None


def url_year(url: str) -> int | None:
    """A year in the URL's path ("/2019/", "summer2019.md", "_posts/2019-09-04-...")."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    path = re.sub(r"(?<![0-9a-f])[0-9a-f]{20,}(?![0-9a-f])", "", path)  # commit ids
    m = re.search(r"(?<!\d)(199\d|20\d\d)(?!\d)", path)
    if m:
        return int(m[1])
    # "/202309/t20230905_751952.html": a year glued to its month (and day)
    m = re.search(r"(?<!\d)(199\d|20\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?(?!\d)", path)
    if m:
        return int(m[1])
    # a calendar's view link carries its day as a Unix time ("time_limit~1538719200",
    # "?date=1538719200"); only under a time-like key, as other 10-digit numbers are ids
    m = re.search(r"(?i)(?:time|date|day|start|from|ts)\w*[~=:/](\d{10})(?!\d)", path)
    if m and 946684800 <= int(m[1]) < 2051222400:  # 2000 .. 2035
        return datetime.fromtimestamp(int(m[1]), UTC).year
    return None


_CJK_CLOCK = re.compile(r"(午前|午後)?\s*(\d{1,2})\s*時\s*(?:(\d{1,2})\s*分|半)?")


def _cjk_clock(s: str) -> str:
    """"午後2時~4時" -> "2:00 pm - 4:00 pm": 午後 (afternoon) holds for the end of a range too."""
    half = None

    def one(m: re.Match[str]) -> str:
        nonlocal half
        half = {"午前": "am", "午後": "pm"}.get(m[1] or "", half)
        minute = m[3] or ("30" if m[0].endswith("半") else "00")
        mer = "pm" if half == "am" and int(m[2]) == 12 else half  # "午前10時～12時" ends at noon
        return f"{m[2]}:{int(minute):02d}" + (f" {mer}" if mer else "")
    s = _CJK_CLOCK.sub(one, s)
    return re.sub(r"\s*[~～〜]\s*", " - ", s)


_MER = re.compile(r"\b(a\.?\s?m\.?|p\.?\s?m\.?)|\d(am|pm)\b|noon|midnight", re.I)
_CLOCKISH = re.compile(
    r"\d\s*時|(?<![\w.])(?:\d{1,2}(?::\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)|\d{1,2}:\d{2}|(?:12\s*)?noon"
    r"|\d{1,2}\.\d{2}\s*(?:h\b|uhr\b|-|–|to\b|[ap]\.?\s?m\b)"
    r"|(?:[01]?\d|2[0-3])(?:h\d{2}|\s?h\s?\d{2}|\s?(?:hs|uhr))\b|(?:0?[7-9]|1\d|2[0-3])h\b)", re.I)
# "18h", "16 hs", "10h00-12h00", "18 h 30", "16 Uhr": the hour-mark styles of French,
# Portuguese, Spanish and German pages
# (a bare "2h" or "3h" is how long something lasts, "9h" or "18h" when it starts)
_H_CLOCK = re.compile(r"(?<![\w.:])(?:([01]?\d|2[0-3])(?:h:?([0-5]\d)m?|\s?h\s?([0-5]\d)|\s?(?:hs|uhr))"
                      r"|(0?[7-9]|1\d|2[0-3])h)\b", re.I)


_DATE_SPANS = re.compile(r"(?<![\d.:/-])\d{1,2}([-./])\d{1,2}\1(?:19|20)\d\d(?!\d)"  # "23-01-2021": a date
                      rf"|(?i:\b(?:{_MON})\.?\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}}\b(?!\s*(?:[:.]\d|[ap]\.?\s?m\b|h\b|uhr\b))"
                      rf"|(?<![\d:.])\d{{1,2}}\s*[-–]\s*\d{{1,2}}\.?\s+(?:{_MON_DMY})\b)")


def find_times(text: str) -> tuple[time | None, time | None]:
    """Start and end clock times in a line ("4:00", "3:15 - 4:15pm", "10am-12noon",
    "9:00AM ~ 10:30AM"). A bare hour below 8 without am/pm is afternoon: no seminar
    starts at 4 in the morning."""
    if not _CLOCKISH.search(text):
        return None, None
    s = re.sub(r"\b12\s*noon\b", "noon", text, flags=re.I)
    # ("April 7 at 3 p.m. ... which runs April 7-13", "23-01-2021, 22:15": a run of days or a
    # day-first date is no clock range)
    s = _DATE_SPANS.sub(" ", s)
    # "17 bis 19 Uhr", "de 14h à 16h", "de 10 a 12 h", "kl. 14 till 16": a range in words
    s = re.sub(r"(?i)(?<![\w.:])(\d{1,2}(?:[:.h]\d\d)?h?)\s+(?:bis|à|a|al|alle|till|tot)\s+(?=\d{1,2}(?:\b|h))", r"\1 - ", s)
    # "between 1pm and 2pm": a range too
    s = re.sub(r"(?i)\bbetween\s+(\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?)\s+and\s+(?=\d)", r"\1 - ", s)
    s = _H_CLOCK.sub(lambda m: f"{m[1] or m[4]}:{m[2] or m[3] or '00'}", s)
    if "時" in s:
        s = _cjk_clock(s)
    s = re.sub(r"\s*[~～〜]\s*", " - ", s)
    # European "14.00 h", "14.00-15.30"; a bare "0.09" is a room number
    s = re.sub(r"(?<![\d.])(\d{1,2})\.(\d{2})(?=\s*(?:h\b|uhr\b|-|–|to\b))", r"\1:\2", s,
               flags=re.I)
    s = re.sub(r"([-–]\s?)(\d{1,2})\.(\d{2})(?!\d)", r"\1\2:\3", s)
    # "5.30 PM", "6.15pm" (British and Indian pages)
    s = re.sub(r"(?<![\d.])(\d{1,2})\.(\d{2})(?=\s*[ap]\.?\s?m\b)", r"\1:\2", s, flags=re.I)
    t1, t2 = parse_times(s)
    if t1 is not None and not _MER.search(s):
        if t1.hour < 8:
            t1 = time(t1.hour + 12, t1.minute)
        if t2 is not None and t2.hour < 8:
            t2 = time(t2.hour + 12, t2.minute)
    if t1 is not None and t2 is not None and t2 <= t1:
        t2 = None
    return t1, t2


def weekday_in(text: str) -> bool:
    return bool(_WD_ANY.search(text))


def weekday_dates(text: str) -> list[int]:
    """Where each date led by its weekday starts ("... Programación Martes 11 de marzo 18:30 h.
    ... Martes 18 de marzo"), a list run together on one line."""
    out = []
    for m in _WD_ANY.finditer(text):
        hit = find_date(text[m.start():m.start() + 40])
        if hit is not None and hit.start == 0 and hit.weekday is not None:
            out.append(m.start())
    return out
