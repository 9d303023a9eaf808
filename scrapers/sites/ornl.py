"""ORNL AI Seminar Series (Jekyll on GitHub Pages): the markdown source or the served HTML.

Both forms become one stream of lines (markdown is rendered with markdown-it first), so the
same page gives the same records either way. A page has detail entries under "Next /
Upcoming / Past Presentation(s)" (bold title, Location/Room, Time and Speaker lines, a
photo/affiliation card table, Abstract, Bio) and a Schedule table; an event listed in
both is one record with the fields of both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bs4 import Tag

from seminars.context import ParseContext
from seminars.normalize.dates import parse_date, parse_when, year_in
from seminars.normalize.names import split_names
from seminars.normalize.text import clean_text, collapse, is_tbd
from seminars.record import Speaker, Talk
from seminars.scrapers.blocks import Heading, Line, Rule, Table, cell_lines, soup_of, stream
from seminars.scrapers.registry import register
from seminars.scrapers.toolkit.bios import BIO_HEADING, attach_bios_by_paragraph
from seminars.scrapers.toolkit.cards import (
    attach_cards,
    cards_from_table,
    institution_of,
    only_link,
    speakers_from_line,
)
from seminars.scrapers.toolkit.markdown import front_matter, is_markdown, render_markdown
from seminars.scrapers.toolkit.samepage import (
    norm_title,
    one_per_event,
    with_rows,
)
from seminars.scrapers.toolkit.shapes import names_only

TZ = "America/New_York"
INSTITUTION = "ORNL"

_LABEL_LINE = re.compile(
    r"^\s*(location|room|venue|place|where|time|when|date|speakers?|presenters?|host)\s*:\s*(.*)$",
    re.I,
)
_ABSTRACT_LABEL = re.compile(r"^(talk\s+)?(abstract|summary|description)\s*:?$", re.I)
# Does a line hold a date at all (not which one: parse_when reads it). A month is any word
# opening like one, looser than normalize.dates.MONTH_WORD: "Febuary 5" still says "a date here".
_DATEISH = re.compile(
    r"\d{1,2}/\d{1,2}(/\d{2,4})?|\d{1,2}-\d{1,2}-\d{4}|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b",
    re.I,
)
_TIMEISH = re.compile(r"\d{1,2}(:\d\d)?\s*(a\.?m\.?|p\.?m\.?)|\bnoon\b", re.I)
_NOISE = re.compile(r"back to top|teams link|zoom link|meeting link|^slides$|^recording$", re.I)
_TAG = re.compile(r"<[^>]+>")
_VIRTUAL = re.compile(r"\b(teams|zoom|virtual|webex|online|hybrid|building|bldg|room|auditorium)\b", re.I)


# ---------------------------------------------------------------- detection


def looks_like_ornl(text: str) -> bool:
    head = text[:20000]
    return bool(
        re.search(r"AI Seminar Series", head)
        and re.search(r"ORNL|Oak Ridge", head)
        and re.search(r"Presentation|Schedule", head)
    )


# ---------------------------------------------------------------- page → stream


@dataclass
class Page:
    items: list
    year: int | None
    series: str | None
    tz: str = TZ  # the zone printed times are read in (the source's, else ET)


def _series_from(title: str | None) -> str | None:
    title = title or ""
    end = title.rfind(">") + 1  # no tag past the last '>': an unclosed '<' is not rescanned
    t = clean_text(_TAG.sub(" ", title[:end]) + title[end:])
    if not t:
        return None
    t = t.split("|")[0].strip()
    # "ORNL's AI Seminar Series" -> "ORNL AI Seminar Series"
    return re.sub(r"\b([A-Z]{2,})['’]s\b", r"\1", t)


def _attr(tag: Tag | None, name: str) -> str | None:
    # bs4 types every attribute as possibly multi-valued (class="a b"); these are single.
    value = tag.get(name) if tag else None
    return value if isinstance(value, str) else None


def load_page(text: str, url: str) -> Page:
    if is_markdown(text):
        meta, body = front_matter(text)
        soup = soup_of(f"<main>{render_markdown(body)}</main>")
        root = soup.find("main") or soup
        year = year_in(meta.get("permalink")) or year_in(url) or year_in(meta.get("description"))
        series = _series_from(meta.get("title"))
    else:
        soup = soup_of(text)
        root = soup.select_one("main#content") or soup.find("main") or soup.body or soup
        canon = soup.find("link", rel="canonical")
        og = soup.find("meta", property="og:url")
        tagline = soup.select_one(".project-tagline")
        year = (
            year_in(_attr(canon, "href"))
            or year_in(url)
            or year_in(_attr(og, "content"))
            or year_in(tagline.get_text(" ") if tagline else None)
        )
        name = soup.select_one(".project-name") or soup.find("title")
        series = _series_from(name.get_text(" ") if name else None)
    return Page(items=stream(root), year=year, series=series)


# ---------------------------------------------------------------- entries


@dataclass
class Entry:
    title: str | None
    struck: bool = False
    header: list[Line] = field(default_factory=list)
    cards: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # name, url, affiliation
    abstract: list[str] = field(default_factory=list)
    bio: list[str] = field(default_factory=list)
    order: int = 0


def _section_kind(heading: str) -> str:
    h = heading.lower()
    if re.search(r"schedule|calendar|upcoming talks", h):
        return "schedule"
    if re.search(r"organi[sz]|about|contact|committee|sponsor|past series|archive", h):
        return "ignore"
    return "talks"


def _is_title_candidate(line: Line) -> bool:
    if not line.bold or line.quote:
        return False
    b = line.bold.strip(" :")
    if BIO_HEADING.match(b) or _ABSTRACT_LABEL.match(b) or _LABEL_LINE.match(line.bold + ":"):
        return False
    return len(b) >= 4 and not _NOISE.search(b)


_PLACEHOLDER_TITLE = re.compile(r"^\W*(talk\s+|presentation\s+)?title\W*(\(?\s*(tbd|tba|tbc)\s*\)?)?\W*$", re.I)


def _title_of(line: Line) -> str | None:
    """The bold run of a title line; None for placeholders ("**Title** (TBA)", "TITLE (TBD)")."""
    title = line.bold.strip(" :")
    if _PLACEHOLDER_TITLE.match(title) or _PLACEHOLDER_TITLE.match(f"{title} {line.rest}"):
        return None
    return title


def _header_follows(items: list, i: int, first: Line) -> bool:
    """Whether a bold line at items[i] opens a talk: time/speaker/location lines follow soon."""
    probe = [first.rest] if first.rest else []
    for it in items[i + 1 : i + 8]:
        if isinstance(it, (Heading, Rule)):
            break
        if isinstance(it, Line):
            if it is not first and _is_title_candidate(it):
                break
            probe.append(it.text)
    joined = " | ".join(probe)
    return bool(_LABEL_LINE.search(joined) or re.search(
        r"(^|\|)\s*(location|room|time|speaker)s?\s*:", joined, re.I
    ) or (_DATEISH.search(joined) and _TIMEISH.search(joined)))


def _table_has_entry(table: Table) -> bool:
    """A talk laid out inside a table: a Time/Room label with a date, or with its abstract/bio.

    2023 pages put photo | "**Title** <br> Room: <br> Time: <br> speaker" side by side in
    one table row, with the Abstract and Bio after the table; photo cards never carry a Time.
    """
    text = table.node.get_text(" ")
    if not re.search(r"\b(time|location|room)\s*:", text, re.I):
        return False
    return bool(re.search(r"abstract|bio", text, re.I) or _DATEISH.search(text))


def collect(page: Page) -> tuple[list[Entry], list[Table]]:
    entries: list[Entry] = []
    schedules: list[Table] = []
    items = list(page.items)
    section = "talks"
    cur: Entry | None = None
    target: list[str] | None = None  # where free text goes: header, abstract or bio
    i = 0
    while i < len(items):
        it = items[i]
        if isinstance(it, Heading):
            cur, target = None, None
            section = _section_kind(it.text)
        elif section == "ignore":
            pass
        elif isinstance(it, Rule):
            cur, target = None, None
        elif isinstance(it, Table):
            head = " ".join(c.get_text(" ").lower() for c in (it.rows() or [[]])[0])
            if "date" in head and re.search(r"talk|title|topic", head):
                schedules.append(it)
            elif _table_has_entry(it):
                # A talk laid out inside a table cell (2023 pages): read the cell as page text.
                items[i + 1 : i + 1] = stream(it.node, open_tables=True)
            elif cur is not None:
                cur.cards.extend(cards_from_table(it, _DATEISH))
        elif isinstance(it, Line):
            if _NOISE.search(it.text) and len(it.text) < 60:
                pass
            elif section == "talks" and _is_title_candidate(it) and _header_follows(items, i, it):
                cur = Entry(title=_title_of(it), struck=it.struck, order=len(entries))
                entries.append(cur)
                target = None
                if it.rest:
                    cur.header.append(Line(text=it.rest, links=it.links))
            elif cur is not None:
                label = it.bold.strip(" :") if it.bold else ""
                if label and _ABSTRACT_LABEL.match(label):
                    target = cur.abstract
                    if it.rest:
                        target.append(it.rest)
                elif label and BIO_HEADING.match(label):
                    target = cur.bio
                    if it.rest:
                        target.append(it.rest)
                elif re.match(r"^\s*abstract\s*:", it.text, re.I) and target is None:
                    target = cur.abstract
                    target.append(it.text.split(":", 1)[1])
                elif target is None:
                    cur.header.append(it)
                elif it.quote and it.links and len(it.text) < 80:
                    pass  # "> [slides](...)" after a bio
                else:
                    target.append(it.text)
        i += 1
    return entries, schedules


# ---------------------------------------------------------------- entry → talk


def _looks_like_names(text: str) -> bool:
    # A meeting link or a room under the title is not a speaker, whatever its words look like.
    return not _VIRTUAL.search(text) and names_only(text)


def _to_talk(e: Entry, page: Page, url: str) -> Talk:
    when_text = None
    location = None
    speakers: list[Speaker] = []
    header_aff: str | None = None
    unlabeled: list[Line] = []
    for ln in e.header:
        m = _LABEL_LINE.match(ln.text)
        if m:
            label, value = m[1].lower(), m[2].strip()
            if label in ("time", "when", "date"):
                when_text = value if when_text is None else f"{when_text} {value}"
            elif label.startswith(("speaker", "presenter")):
                speakers, header_aff = speakers_from_line(ln, value, _NOISE)
            elif label in ("location", "room", "venue", "place", "where"):
                location = value
            continue
        unlabeled.append(ln)
    # Lines under the speaker's name are a card: job title, department, institution; the
    # institution is the last of them (a trailing lab homepage link is not).
    card: list[str] = []
    named = bool(speakers)
    for ln in unlabeled:
        if not ln.text or is_tbd(ln.text):
            continue
        if when_text is None and _DATEISH.search(ln.text):
            when_text = ln.text
        elif not named and ln.links and not _VIRTUAL.search(" ".join(t for t, _ in ln.links)):
            speakers, header_aff = speakers_from_line(ln, ln.text, _NOISE)
            named = True
        elif not named and _looks_like_names(ln.text):
            speakers, header_aff = speakers_from_line(ln, ln.text, _NOISE)
            named = True
        elif not named and location is None:
            location = ln.text
        elif named and not only_link(ln):
            card.append(ln.text)
    if header_aff is None and card:
        header_aff = institution_of(card[-1])
    date, start, end = parse_when(when_text, page.tz, year=page.year)
    attach_cards(speakers, e.cards, header_aff)
    attach_bios_by_paragraph(speakers, e.bio)
    return Talk(
        title=e.title,
        speakers=speakers,
        date=date,
        start=start,
        end=end,
        timezone=page.tz,
        location=location,
        status="cancelled" if e.struck else "scheduled",
        abstract=" ".join(e.abstract) or None,
        series=page.series,
        institution=INSTITUTION,
        source_url=url,
    )


# ---------------------------------------------------------------- schedule table


def _schedule_rows(table: Table, page: Page, url: str) -> list[Talk]:
    rows = table.rows()
    if not rows:
        return []
    header = [collapse(c.get_text(" ")).lower() for c in rows[0]]

    def col(*names: str) -> int | None:
        for k, h in enumerate(header):
            if any(n in h for n in names):
                return k
        return None

    c_date, c_loc = col("date"), col("location", "room", "venue")
    c_name, c_aff = col("name", "speaker", "presenter"), col("affil", "institution", "organi")
    c_talk = col("talk", "title", "topic")
    out = []
    for row in rows[1:]:
        if not row or all(not c.get_text(strip=True) for c in row):
            continue

        def cell(k: int | None, row: list = row) -> str | None:
            return collapse(row[k].get_text(" ")) if k is not None and k < len(row) else None

        struck = bool(any(c.find(["del", "s", "strike"]) for c in row)) or "~~" in "".join(
            c.get_text() for c in row
        )
        names_cell = row[c_name] if c_name is not None and c_name < len(row) else None
        names = []
        if names_cell is not None:
            for ln in cell_lines(names_cell):
                names.extend(split_names(ln.text.replace("~~", "")))
        aff = (cell(c_aff) or "").replace("~~", "") or None
        affs: Sequence[str | None] = [aff] * len(names)
        if c_aff is not None and c_aff < len(row) and len(names) > 1:
            # "A <br> B" beside "Inst A <br> Inst B": one affiliation per name, in order.
            lines = [ln.text.replace("~~", "").strip() for ln in cell_lines(row[c_aff])]
            lines = [x for x in lines if x]
            if len(lines) == len(names):
                affs = lines
        title = (cell(c_talk) or "").replace("~~", "") or None
        date_text = (cell(c_date) or "").replace("~~", "")
        d = parse_date(date_text, year=page.year)
        out.append(
            Talk(
                title=title,
                speakers=[Speaker(name=n, affiliation=a) for n, a in zip(names, affs, strict=True)],
                date=d.isoformat() if d else None,
                timezone=page.tz,
                location=(cell(c_loc) or "").replace("~~", "") or None,
                status="cancelled" if struck else "scheduled",
                        series=page.series,
                institution=INSTITUTION,
                source_url=url,
            )
        )
    return out


@register(
    "ornl",
    description="ORNL AI Seminar Series (Jekyll page: markdown source or served HTML)",
    timezone=TZ,
    institution=INSTITUTION,
    url_pattern=r"ornl\.github\.io/events/|ORNL\.github\.io|AI-Seminar\.md",
    sniff=looks_like_ornl,
)
def parse(text: str, ctx: ParseContext) -> list[Talk]:
    url = ctx.url
    page = load_page(text, url)
    page.tz = ctx.zone(TZ)
    entries, schedules = collect(page)
    details = one_per_event([_to_talk(e, page, url) for e in entries])
    rows = [r for t in schedules for r in _schedule_rows(t, page, url)]
    talks = with_rows(details, rows)
    talks.sort(key=lambda t: (t.date or "9999-99-99", norm_title(t.title)))
    return talks
