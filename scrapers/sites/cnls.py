"""LANL Center for Nonlinear Studies: one talk per ``showtalksummary.php`` page, and listings.

The real pages are old table-based PHP: a LANL banner, a left navigation menu, then the
talk as loose text separated by <br>/<p>. There are no useful classes, so the page is read
as lines of text (HTML and a browser's plain-text rendering give the same lines) and the
talk is found by its shape: a weekday date line, a time range, the location, an optional
talk-type line, the title, the speaker and affiliation lines, the abstract, an optional
"Bio:" paragraph and a "Host:" line.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlparse

from seminars.context import ParseContext
from seminars.normalize.dates import MONTH_WORD, parse_times, parse_when
from seminars.normalize.names import split_names
from seminars.normalize.text import clean_text, strip_label
from seminars.record import Speaker, Talk
from seminars.scrapers.registry import register
from seminars.scrapers.toolkit.bios import BIO_LINE, PRONOUN_BIO, attach_bios_by_sentence, opens_bio
from seminars.scrapers.toolkit.plain import (
    LOOKS_HTML,
    NOT_IN_RUN,
    Cursor,
    html_text,
    links_in_tokens,
    page_lines,
)
from seminars.scrapers.toolkit.shapes import (
    AFFIL_CORE,
    AFFIL_WORDS,
    PARENS,
    TITLE_WORDS,
    is_affiliation_like,
    is_name_like,
    is_short,
    is_time_line,
    more_speaker_lines,
    paired_speakers,
    speaker_paragraph,
    status_of,
)

TZ = "America/Denver"
DEFAULT_BASE = "https://cnls.lanl.gov/External/"

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
# "Tuesday, September 30, 2025" (also zero-padded days); what follows may hold the time.
# Every pattern runs on whole pages (up to max_bytes) and none may backtrack super-linearly:
# "\s*,?\s+" is spelled so that a run of spaces is not split between two quantifiers in every
# way; a leading \s* never starts inside a whitespace run (NOT_IN_RUN: the run's start finds
# what a later start would); the sniffer's line start does not reach over blank lines.
_COMMA = r"(?:\s*+,\s++|\s++)"
_DATE_LINE = re.compile(
    rf"^\s*(?:{_WEEKDAY}{_COMMA})?({MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?{_COMMA}\d{{4}})\b(.*)$",
    re.I,
)
_DATE_SNIFF = re.compile(rf"^[^\S\n]*{_WEEKDAY}{_COMMA}{MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}\s*$", re.I | re.M)
_TALK_LINK = re.compile(
    r"""(?:href\s*=\s*["']?|\b)((?:https?://[^\s"'<>]*?)?[^\s"'<>=]*showtalksummary\.php\?[^\s"'<>]*?selection=\d+)""",
    re.I,
)
_HOST = re.compile(r"^\s*(?:hosts?|host\(s\)|hosted\s+by)\s*(?::|-|–|\s)\s*(.+)$", re.I)
# "Host:" alone on its line, the name on the next one.
_HOST_LABEL = re.compile(r"^\s*(?:hosts?|host\(s\)|hosted\s+by)\s*:?\s*$", re.I)
_LABEL = re.compile(r"^\s*(title|speakers?|affiliations?|abstract|location|place|room|time)\s*:\s*", re.I)
_FOOTER = re.compile(
    r"^\s*(?:inside\s*\||©|\(c\)\s*copyright|copyright\b|operated\s+by\b|los\s+alamos\s+national\s+"
    r"security|triad\s+national\s+security|disclaimer|privacy\s+policy|web\s+contact|contact\s+us\b"
    r"|last\s+(?:modified|updated)\b|lab\s+home\s*\|)",
    re.I,
)
_TYPE_WORDS = re.compile(
    r"\b(seminars?|colloqui(?:um|a)|lunch|lectures?|talks?|series|workshop|symposium|tutorials?"
    r"|defen[cs]e|meeting|conference|discussions?|presentations?|club|school|course|forum"
    r"|briefing|review|minisymposium|celebration)\b",
    re.I,
)
_KNOWN_TYPES = {
    "seminar", "colloquium", "quantum lunch", "postdoc seminar", "special seminar",
    "p/t colloquium", "student seminar", "informal seminar", "director's colloquium",
    "directors colloquium", "special colloquium", "joint seminar", "q-bio seminar",
    "postdoc application talk", "ulam lecture", "ulam scholar lecture", "summer student seminar",
    "cnls seminar", "cnls colloquium", "lecture", "special lecture", "workshop", "tutorial",
    "quantum lunch special", "journal club", "student symposium", "invited talk",
    "theory seminar", "postdoc research talk", "conference",
}
_LOCATION_WORDS = re.compile(
    r"\b(room|bldg|building|ta-\d+|auditorium|hall|conference|center|lounge|library|webex|zoom"
    r"|teams|online|virtual|remote|rm\.?)\b",
    re.I,
)
# ---------------------------------------------------------------- line shapes


def _is_type_line(line: str, strong_only: bool = False) -> tuple[bool, bool]:
    """(is a talk-type line, is a well-known one)."""
    s = line.strip().strip(":").strip()
    known = s.lower().replace("’", "'") in _KNOWN_TYPES
    if known or strong_only:
        return known, known
    weak = (
        len(s) <= 60
        and len(s.split()) <= 7
        and not s.endswith((".", "?", "!"))
        and bool(_TYPE_WORDS.search(s))
        and not TITLE_WORDS.search(re.sub(r"\b(for|of)\s+(nonlinear|the)\b", "", s, flags=re.I))
    )
    return weak, False


def _is_marker(line: str) -> bool:
    return bool(
        _HOST.match(line) or _HOST_LABEL.match(line) or BIO_LINE.match(line) or _FOOTER.match(line)
        or re.match(r"^\s*abstract\s*[:.\-–—]", line, re.I)
    )


# ---------------------------------------------------------------- listing detection


def _talk_links(text: str, url: str) -> list[str]:
    base = url or DEFAULT_BASE
    own = _selection(url)
    seen: set[str] = set()
    out: list[str] = []
    for m in links_in_tokens(text, _TALK_LITERAL, _TALK_LINK):
        href = m.group(1).replace("&amp;", "&")
        absolute = urljoin(base, href)
        sel = _selection(absolute)
        # One talk linked from its title and its speaker, or by two URL spellings, is one page.
        if sel is None or sel == own or sel in seen:
            continue
        seen.add(sel)
        out.append(absolute)
    return out


_TALK_LITERAL = re.compile(r"showtalksummary\.php\?", re.I)


def _selection(url: str) -> str | None:
    if not url:
        return None
    vals = parse_qs(urlparse(url).query).get("selection")
    return vals[0] if vals else None


def listing_links(text: str, url: str) -> list[str]:
    """Absolute talk-page URLs on a CNLS page, in page order, without the page itself."""
    return _talk_links(text, url)


def looks_like_cnls(text: str) -> bool:
    sample = text[:200000]
    if re.search(r"showtalksummary\.php", sample, re.I):
        return True
    if not re.search(r"center\s+for\s+nonlinear\s+studies|cnls(?:-www)?\.lanl\.gov|\bCNLS\b", sample, re.I):
        return False
    return bool(_DATE_SNIFF.search(html_text(sample) if LOOKS_HTML.search(sample) else sample))


# ---------------------------------------------------------------- the talk


def _find_date(lines: list[str]) -> int | None:
    """Index of the talk's date line: the first one followed closely by a clock time."""
    first = None
    for i, line in enumerate(lines):
        m = _DATE_LINE.match(line)
        if not m or len(line) > 80:
            continue
        if first is None:
            first = i
        rest = m.group(2)
        nxt = [ln for ln in lines[i + 1 : i + 4] if ln][:2]
        if parse_times(rest)[0] or any(is_time_line(n) for n in nxt):
            return i
    return first


def _count_dated_talks(lines: list[str]) -> int:
    n = 0
    for i, line in enumerate(lines):
        dm = _DATE_LINE.match(line)
        if dm and len(line) <= 120:
            nxt = next((ln for ln in lines[i + 1 : i + 3] if ln), "")
            if parse_times(dm.group(2))[0] or (nxt and parse_times(nxt)[0]):
                n += 1
    return n


_SPEAKER_SPLIT = re.compile(NOT_IN_RUN + r"\s*(?:;|\s&\s|\band\b)\s*")


def _split_speaker_line(line: str) -> list[tuple[str, str | None]]:
    """'A (Univ X) and B' / 'A, Univ X' -> [(name, affiliation-or-None), ...]."""
    line = _LABEL.sub("", line)
    # "Jane Doe, University of X" is one speaker with an affiliation.
    m = re.match(r"^([^,]+?),\s*(.+)$", line)
    if m and AFFIL_WORDS.search(m.group(2)) and not is_name_like(m.group(2)) and " and " not in m.group(1):
        rest = m.group(2)
        if re.search(r"\b(univ|lab|institut|college|center|centre|national|research|inc)\w*", rest, re.I):
            return [(m.group(1), rest)]
    out: list[tuple[str, str | None]] = []
    chunks = _SPEAKER_SPLIT.split(line) if "(" in line else [line]
    for chunk in chunks:
        affil = None
        pm = PARENS.search(chunk, 0, chunk.rfind(")") + 1)
        if pm and not re.fullmatch(r"[A-Z][a-z]+", pm.group(1)):  # "(Bob)" is a nickname
            affil = pm.group(1)
        for name in split_names(chunk):
            out.append((name, affil))
    return out


def _parse_talk(lines: list[str], url: str, tz: str = TZ) -> Talk | None:
    """The talk's fields in the order CNLS prints them, each step taking its lines off `cur`."""
    di = _find_date(lines)
    if di is None:
        return None
    body, status = status_of(lines[di:])
    m = _DATE_LINE.match(body[0])
    if m is None:  # the status word taken off the date line left no date
        return None
    cur = Cursor(body[1:], _is_marker)
    date, start, end = _when(m, cur, tz)
    location = _location(cur)
    talk_type = _talk_type(cur)
    title = _title(cur)
    speakers = _speaker_block(cur)
    abstract_parts, bio_parts, host = _abstract_bio_host(cur, speakers)
    attach_bios_by_sentence(speakers, bio_parts)
    abstract = "\n\n".join(abstract_parts) or None
    return Talk(
        title=title,
        speakers=speakers,
        date=date,
        start=start,
        end=end,
        timezone=tz,
        location=clean_text(location),
        status=status,
        abstract=clean_text(abstract),
        host=clean_text(host),
        talk_type=clean_text(talk_type),
        series=None,
        institution="LANL",
        source_url=url or "",
    )


def _when(m: re.Match[str], cur: Cursor, tz: str) -> tuple[str | None, str | None, str | None]:
    """Date and times: the time on the date line, else on the line after it."""
    date_text, time_text = m.group(1), m.group(2).strip(" ,-–")
    if not time_text and (nl := cur.peek()) and is_time_line(nl):
        time_text = cur.take()
    return parse_when(date_text, tz, time_text=time_text or "")


def _location(cur: Cursor) -> str | None:
    location = None
    nxt = cur.peek()
    if nxt and not _is_marker(nxt) and not _is_type_line(nxt, strong_only=True)[0]:
        if not cur.gap() or not cur.blocky or cur.i == 0 or _LOCATION_WORDS.search(nxt):
            location = _LABEL.sub("", cur.take())
    # A location printed over two lines (room, then building) stays one field.
    while location and (nl := cur.peek()) and not cur.gap() and cur.blocky and is_short(nl, 60) \
            and re.search(r"\b(bldg|building|room|ta-\d+|auditorium|hall)\b", nl, re.I):
        location += ", " + cur.take()
    return location


def _talk_type(cur: Cursor) -> str | None:
    line = cur.peek()
    if not line or _is_marker(line):
        return None
    is_type, known = _is_type_line(line)
    if is_type and not known:
        # A short title such as "Lectures on Chaos" must not be read as a type: the line
        # after a type is the title, which is not a bare name.
        after, after2 = cur.peek(1), cur.peek(2)
        if after and is_name_like(after) and not (after2 and is_name_like(after2)):
            if not cur.blocky or not cur.gap(1) or cur.gap(2):
                is_type = False
    if is_type and cur.peek(1):
        return cur.take().strip().strip(":").strip()
    return None


def _title(cur: Cursor) -> str | None:
    title_parts: list[str] = []
    if (nl := cur.peek()) and not _is_marker(nl):
        title_parts.append(_LABEL.sub("", cur.take()))
        # Continuation lines of a title wrapped with <br> inside its own paragraph.
        while (
            cur.blocky and (nl := cur.peek()) and not cur.gap() and not _is_marker(nl)
            and not is_name_like(nl) and is_short(nl, 160)
            and cur.peek(1) is not None and not cur.gap(1)
        ):
            title_parts.append(cur.take())
    return " ".join(title_parts) or None


def _speaker_block(cur: Cursor) -> list[Speaker]:
    """The speaker line and the affiliation lines under it, then any further speakers."""
    sline = cur.peek()
    if not (sline and not _is_marker(sline) and is_short(sline, 160) and (
        is_name_like(sline) or not sline.endswith(".") or len(sline) < 60
    )):
        return []
    cur.take()
    pairs = _split_speaker_line(sline)
    affils: list[str] = []
    while (nl := cur.peek()) and not _is_marker(nl) and (
        is_short(nl) or is_affiliation_like(nl)
    ):
        if cur.blocky and cur.gap():
            break
        if not cur.blocky and not more_speaker_lines(cur, affils):
            break
        nxt_line = _LABEL.sub("", cur.take())
        # "A\nAffil A\nB\nAffil B" inside one paragraph: a second speaker.
        if affils and is_name_like(nxt_line) and (nl := cur.peek()) and not cur.gap() and (
            cur.blocky or AFFIL_CORE.search(nl)
        ):
            pairs.extend(_split_speaker_line(nxt_line))
            continue
        affils.append(nxt_line)
    speakers = paired_speakers(pairs, affils)
    # Further speakers, each in a paragraph of its own: a name, then affiliation lines.
    while cur.blocky and speakers and speaker_paragraph(cur, _is_marker):
        name_line = cur.take()
        own: list[str] = []
        while cur.peek() and not cur.gap():
            own.append(cur.take())
        speakers.extend(paired_speakers(_split_speaker_line(name_line), own))
    return speakers


def _abstract_bio_host(cur: Cursor, speakers: list[Speaker]) -> tuple[list[str], list[str], str | None]:
    """The rest of the talk: abstract paragraphs, bio paragraphs (labelled, or opening with a
    speaker's name or a pronoun after the abstract) and the host, up to the page footer."""
    abstract_parts: list[str] = []
    bio_parts: list[str] = []
    host = None
    in_bio = False
    while not cur.done():
        line = cur.take()
        if _FOOTER.match(line) and (host or len(line) < 200):
            break
        if _HOST_LABEL.match(line) and (nl := cur.peek()) and len(nl) < 200 and not _is_marker(nl):
            line = f"Host: {cur.take()}"
        hm = _HOST.match(line)
        if hm and len(line) < 200:
            # "Host: Peter Loxley," -- the printed list separator is not part of the host.
            host = hm.group(1).strip().rstrip(",;:").strip() or None
            in_bio = False
            continue
        starts_para = cur.items[cur.i - 1][1] or not cur.blocky
        if BIO_LINE.match(line):
            in_bio = True
            rest = strip_label(line)
            if rest:
                bio_parts.append(rest)
            continue
        if starts_para and not in_bio and (abstract_parts or host) and (
            opens_bio(line, speakers) or PRONOUN_BIO.match(line)
        ):
            in_bio = True
            bio_parts.append(line)
            continue
        if host and not in_bio:
            continue  # after the host line only page furniture follows, or a bio
        target = bio_parts if in_bio else abstract_parts
        if target and not starts_para:
            target[-1] += " " + line  # a paragraph wrapped with <br>
        else:
            target.append(line)
    return abstract_parts, bio_parts, host


@register(
    "cnls",
    description="LANL Center for Nonlinear Studies talk pages (one talk per page) and listings",
    timezone=TZ,
    institution="LANL",
    url_pattern=r"//(?:www\.)?cnls(?:-www)?\.lanl\.gov\b",
    sniff=looks_like_cnls,
    links=listing_links,
)
def parse(text: str, ctx: ParseContext) -> list[Talk]:
    """The talk on a CNLS talk page; [] for a listing (its links are followed instead)."""
    url = ctx.url
    if not text or not text.strip():
        return []
    lines = page_lines(text)
    dated = _count_dated_talks(lines)
    date_lines = sum(1 for ln in lines if len(ln) <= 120 and _DATE_LINE.match(ln))
    # A listing links several talks and shows several dates; a talk page may still link a
    # neighbour or two, but it shows one date.
    if len(_talk_links(text, url)) >= 2 and (date_lines != 1 or dated >= 2):
        return []
    if dated >= 3:
        return []  # a plain-text rendering of a listing
    talk = _parse_talk(lines, url, ctx.zone(TZ))
    if talk is None or (talk.title is None and not talk.speakers and talk.date is None):
        return []
    return [talk]
