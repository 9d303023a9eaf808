"""Read a page's entries into talk records, with the page's defaults.

Within an entry, a labelled line says what it holds; otherwise quoted or italic text and
headings are titles, "Name, Affiliation" lines are speakers, an organisation line right
after a speaker is the affiliation, a line naming a room is the place, and a long line
after the title and speaker is the abstract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from seminars.normalize.dates import to_iso
from seminars.normalize.text import clean_text
from seminars.record import Speaker, Talk
from seminars.scrapers.toolkit import people, prose
from seminars.scrapers.toolkit.defaults import (
    ASIDE,
    NOTE_ASIDE,
    OWN_SLOT,
    page_defaults,
    place_after_time,
)
from seminars.scrapers.toolkit.defaults import ROOMISH as _ROOMISH
from seminars.scrapers.toolkit.defaults import clean_loc as _clean_loc
from seminars.scrapers.toolkit.defaults import place_in as _place_in
from seminars.scrapers.toolkit.fields import label_of, split_inline, when_where
from seminars.scrapers.toolkit.lines import Block, flatten
from seminars.scrapers.toolkit.segment import SECTION as _SECTION
from seminars.scrapers.toolkit.segment import Entry, leading_date, segment
from seminars.scrapers.toolkit.tables import column_field
from seminars.scrapers.toolkit.when import find_date, find_times, resolve, url_year, year_hint_in

NON_TALK = re.compile(
    r"(?i)\b(no\s+(colloquium|colloquia|seminar|seminars|talk|talks|lecture|meeting|class(es)?)"
    r"|holiday|spring\s+break|fall\s+break|winter\s+break|recess|thanksgiving|reception|"
    # ("Department Social", "Ice Cream Social", "social hour"; not "Social Networks")
    r"social(?=\s*(?:$|[^\w\s]|(?:hour|event|gathering|mixer|time)\b))|(?<!-)party(?!-)|picnic|poster\s+(day|session|slam)|reserved|orientation|getting\s+credit|"
    r"organi[sz]ational\s+meeting|no\s+talk)\b")
# ("Title/Abstract TK": a newsroom's "to come")
_TBA_TITLE = re.compile(r"(?i)^\W*((?:title|abstract)(?:\s*[/&,]\s*(?:title|abstract))?\W*)?(tba|tbd|tbc|tk|"
                        r"to\s+be\s+(announced|determined|confirmed|decided))\W*$")
_TBA_ABSTRACT = re.compile(r"(?i)^\W*(abstract\W*)?(tba|tbd|to\s+be\s+(announced|determined|"
                           r"confirmed)|none|n/a)\W*$")
# straight quotes around a title may hold curly ones ("How are “Discoveries” Made?") and the
# reverse; the longest quoted run wins
_QUOTED = (re.compile(r"\"([^\"]{4,})\""), re.compile(r"“([^“”]{4,})”"),
           re.compile(r"[\"“”]([^\"“”]{4,})[\"“”]"),
           re.compile(r"(?:^|(?<=\s))[\"“](\S.{1,}\S)[\"”](?=\s*[.,;]?\s*$)"),
           # single quotes only around a whole line ('An Electronic Nose'): apostrophes abound
           re.compile(r"^\s*'(\S.{3,}\S)'\s*[.,;]?\s*$"),
           # curly single quotes closing the line, apostrophes (’) inside: "Name, Org, ‘Title’"
           re.compile(r"(?:^|(?<=[\s,:]))‘(\S[^‘]{3,}\S)[’′]\W{0,4}$"),
           # and straight ones after a comma or colon: "Name, Queen Mary, 'Birth, death and ...'"
           re.compile(r"(?<=[,:]\s)'(\S.{3,}?\S)['′]\W{0,3}$"))


def _quoted(text: str) -> re.Match | None:
    # the last pattern backtracks over the line once per opening quote: short lines only
    found = [m for rx in (_QUOTED[:3] if len(text) > 1000 else _QUOTED) for m in [rx.search(text)] if m]
    return max(found, key=lambda m: len(m[1])) if found else None
_BY = re.compile(r"(?i)\b(?:delivered|presented|given)?\s*by\s+(.+?)(?:\s+on\b|,|$)")
_BY_OTHER = re.compile(r"(?i)^\W*(?:conf[ée]rence|expos[ée]|s[ée]minaire|pr[ée]sent[ée]e?|conferencia|charla|"
                       r"ponencia|palestra|vortrag)\s+(?:par|por|a\s+cargo\s+de|von)\s+(.+)$")
# "With Professor Ann Lee", "Featuring Drs. A and B": who the entry's talk is with
_WITH_PEOPLE = re.compile(r"^\W*(?:with|featuring)\s+(?:(\S+)\s+)?(?:professors?|prof\.|drs?\.?)\s+([A-Z][^:]{3,120}?)\.?$",
                          re.I)
# what stands before "by" when the words before are no title ("hosted by", "a lecture by")
_BY_NOT_AFTER_TITLE = re.compile(r"(?i)\b(?:hosted|sponsored|organi[sz]ed|moderated|chaired|followed|introduced|"
                                 r"presentation|talk|lecture|seminar|colloquium|webinar|keynote|recording|video)$")
_HONORIFIC_NAME = re.compile(r"\b(?:Dr|Prof|Professor)\.?\s+((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)")
_TITLE_THEN_BRACKETED_NAME = re.compile(
    r"(?i)([^()]{6,}?(?:\([^()]*\)[^()]*?)*?)\s*(?:\(\s*(?:notebook|slides|video|pdf|code|link|recording|"
    r"abstract)\s*\)\s*)*\(\s*((?-i:[A-Z])[^()\d,;:]{3,50}?)\s*\)\s*\.?")
_LINK_WORDS = re.compile(r"(?i)^\W*(?:(?:seminar|talk|event|colloquium)\s+)?(?:flyer|poster|slides|"
                         r"video|recording|pdf|abstract|more\s+info(?:rmation)?|details)\W*$"
                         # "No Video Available", "Video link", "Chat Transcript", "PlaceIQ Slides"
                         r"|^\W*(?:no\s+)?(?:video|slides|recording)\s+(?:link|available|not\s+available)\W*$"
                         r"|^(?:\S+\s+){0,4}(?:slides|transcript|video|recording|info|flyer|poster)\W*$")
_SPEAKS_ON = re.compile(r"^\W*(.{4,90}?),?\s+(?:speaks|will\s+speak|talks|will\s+talk|lectures|"
                        r"will\s+lecture|spricht|sprach|spoke)\s+(?:on|about|über)\s*:\s*(.*)$")
def _last_two_words_as_name(text: str) -> list[people.Person]:
    """"Europees Parlementslid Geert Bourgeois": a job title in front, the name at the end."""
    words = text.split()
    return people.split_person(" ".join(words[-2:])) if len(words) >= 2 else []


_INTERVIEW = re.compile(r"^(.{3,80}?)\s+(interviews|interviewt|interviewe|in conversation with|in gesprek met|"
                        r"im Gespräch mit|en conversation avec)\s+(.{3,60}?)(?:\s*[:–—]\s*|\s+(?:over|about|on|"
                        r"sur|über|sobre)\s+|$)(.*)$", re.I)
_TITLE_THEN_NAME = re.compile(r"^(.{6,}?):\s+(?:((?:Dr|Prof|Professor|Assoc\.?\s+Prof)\.?\s+[^:,()]{3,50})|"
                              r"([A-Z][^:,()]{3,40}),\s*(?:PhD|Ph\.D\.|BA|MA|MSc|MD|DPhil|BSc))\s*$")
_CANCELLED = re.compile(r"(?i)\b(?:cancell?ed|canceled)\b")
_POSTPONED = re.compile(r"(?i)\bpostponed\b")
_NOTE = re.compile(r"(?i)^(?:note|n\.b\.)\s*\d*\s*:")
_TYPE_WORDS = re.compile(r"(?i)\b(seminar|colloquium|lecture|talk|series|workshop)s?\W*$")

@dataclass
class Fields:
    title: str | None = None
    title_given: bool = False  # a label/heading/quote said what the title is (maybe TBA)
    weak_titles: list[str] = field(default_factory=list)
    speakers: list[people.Person] = field(default_factory=list)
    abstract: str | None = None
    host: str | None = None
    location: str | None = None
    when: list[str] = field(default_factory=list)
    non_talk: bool = False
    talk_type: str | None = None
    heading_person: list[people.Person] = field(default_factory=list)
    title_from_heading: bool = False
    title_labelled: bool = False  # a "Title:" label (or column) overrides any other title
    times: tuple | None = None  # a time stated in the entry's own note ("(note: 4 pm)")
    bare_speaker_line: bool = False  # the last line read was a name and nothing else
    aff_line: bool = False  # the last line read was the speaker's affiliation
    speaker_labelled: bool = False
    title_then_speaker: bool = False  # the page's header line puts the title before the speaker
    speaker_then_title: bool = False
    non_talk_said: bool = False  # a line opens by saying there is no talk
    heading_title: bool = False  # the heading named both the speaker and the title
    colon_split: tuple | None = None  # ("Name: Title" read as speaker and title, the line)
    dept_line: str | None = None  # a line right under a bare name: a department, if an org follows
    free_speaker_lines: list[str] = field(default_factory=list)  # lines read as names, unlabelled


_YEAR_LED = re.compile(r"^\s*((?:19|20)\d\d)\s*[:–—-]\s+(?=\S)")


def _year_led(blocks: list[Block]) -> list[Block]:
    """"2011: Glenn Stevens, Governor of the Reserve Bank, on 8 December at the Eastern
    Avenue Auditorium": a named lecture's archive line, led by its year, holds the day further
    on; the line is read as if the whole date led it."""
    for b in blocks:
        m = _YEAR_LED.match(b.text) if b.kind == "line" else None
        hit = find_date(b.text[m.end():]) if m else None
        if m is None or hit is None or hit.year is not None:
            continue
        rest = b.text[m.end():]
        day = rest[hit.start:hit.end]
        # the date's own lead-in ("on", "held on") goes with it
        lead = re.search(r"(?:,\s*)?(?:\b(?:held\s+)?on\s+)?$", rest[:hit.start])
        cut = lead.start() if lead else hit.start
        b.text = f"{day} {m[1]}: {rest[:cut]}{rest[hit.end:]}"
    return blocks


_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*(?:[-–]|to|a|à|au|bis|until|and|e|et|y)\s*(?:19|20)\d\d\b")


def read_page(text: str, *, url: str, tz: str, institution: str) -> list[Talk]:
    blocks = _year_led(_label_headings(flatten(text)))
    page_hint: int | tuple[int, int] | None = url_year(url)  # a heading may give a range
    if page_hint is None:
        # a Jekyll page's own address in its front matter ("permalink: /teaching/seminars/2021")
        page_hint = next((url_year(b.text.split(":", 1)[1].strip()) for b in blocks[:12]
                          if b.kind == "line" and re.match(r"(?i)permalink\s*:", b.text)), None)
    for b in blocks[:40]:
        if b.kind in ("heading", "line"):
            h = year_hint_in(b.text, lone=b.kind == "heading" or len(b.text.split()) <= 12)
            if h is not None:
                page_hint = h
                break
    ahead = next((h for b in blocks[:3] if b.kind in ("line", "heading") for h in [_dateline_hint(b.text)] if h),
                 None)
    if ahead and ahead[0] == page_hint:
        page_hint = ahead
    if page_hint is None:
        # a full date in the opening paragraphs ("Am 13. Januar 2014 fragt ...") after yearless
        # autumn ones ("am Montag, 21. Oktober"): a season across the new year, October is 2013's
        at = next((k for k, b in enumerate(blocks[:15]) if b.kind == "line"
                   and (d := find_date(b.text)) is not None and d.year), None)
        full = find_date(blocks[at].text) if at is not None else None
        if full is not None and full.year is not None and full.month < 7 and any(
                b.kind == "line" and (d := find_date(b.text)) is not None and d.year is None and d.month >= 7
                for b in blocks[:at]):
            page_hint = (full.year - 1, full.year)
    if page_hint is None:
        # last resort: a year in the introduction's prose ("the first talk of 2006"), not one
        # ending a span of a career ("director from 2004 to 2013")
        page_hint = next((h for b in blocks[:15] if b.kind == "line"
                          for h in [year_hint_in(_YEAR_SPAN.sub(" ", b.text), lone=True)] if h is not None), None)
    entries, _ = segment(blocks, page_hint)
    parsed: list[tuple[Entry, Talk | None]] = []
    _drop_captions(entries)
    _trim_first_lead(entries)
    entries = [part for e in entries for part in _one_per_speaker(e)]
    _strip_shared_lead(entries)
    headline = _headline_speaker(blocks, entries)
    # "Jordan Ellenberg, ..., will be the Distinguished Lecturer ... three lectures" above
    # dated entries that name no one: every such entry is his
    first_entry = min((e.first for e in entries), default=len(blocks))
    intro = [b.text for b in blocks[:first_entry] if b.kind == "line"]
    lecturer = prose.read_prose([t for t in intro if len(t.split()) >= 8], page_hint)
    series_speaker = Block("line", lecturer[0].name) if len(lecturer) == 1 else None
    for e in entries:
        if _menu(e):
            continue
        t = read_entry(e, tz=tz, url=url, institution=institution)
        # (an entry that is its date alone, "Friday, April 4:" with its events lost, is no lecture)
        if t is None and series_speaker is not None and len(entries) >= 2 and e.anchor >= 0 \
                and any(k != e.anchor and b.kind == "line" for k, (_, b) in enumerate(e.items)):
            e.items.insert(0, ("speaker", series_speaker))
            e.anchor += 1
            t = read_entry(e, tz=tz, url=url, institution=institution)
            if t is not None and lecturer[0].affiliation and not t.speakers[0].affiliation:
                t = t.replace(speakers=[Speaker(name=t.speakers[0].name, affiliation=lecturer[0].affiliation)])
        if t is None and headline is not None and len(entries) == 1:
            # "Public Lecture by Professor Barbara Liskov" over a one-talk page: the page's
            # headline names the speaker its only entry does not
            e.items.insert(0, ("shared", headline))
            e.anchor += 1 if e.anchor >= 0 else 0
            t = read_entry(e, tz=tz, url=url, institution=institution)
        # a news item under a dateline reads badly as fields (a sentence as affiliation)
        news = sum(len(b.text.split()) >= 25 for _, b in e.items if b.kind == "line") >= 2
        from_prose = _prose_entry(e, tz=tz, url=url, institution=institution) \
            if t is None or _sentence_fields(t) or news else []
        dateline = e.anchor >= 0 and len(e.items[e.anchor][1].text.split()) <= 10
        if t is not None and not _sentence_fields(t) and len(from_prose) < 2 \
                and not (dateline and from_prose and from_prose[0].date and from_prose[0].title
                         and from_prose[0].date != t.date):
            # (a news body that announces one talk: the fields read it as well, unless they
            # took the item's dateline for the talk's day and the prose names another)
            from_prose = []
        # (or read a sentence as the speaker's affiliation: "Marie Wilson, a former ...
        # Commissioner, will discuss her new book")
        said = next(((k, who) for k, (_, b) in enumerate(e.items)
                     if not from_prose and not news
                     and k != e.anchor and b.kind == "line" and (who := prose.speaker_named(b.text))), None)
        if said and e.anchor >= 0 and not _bare_full_date(e.items[e.anchor][1].text) \
                and (t is None or _sentence_fields(t)
                     or not any(said[1][0] in p.name or p.name in said[1][0] for p in t.speakers)):
            # "EEB Seminar: March 1" / "This week we are pleased to welcome our very own Bob
            # Montgomerie." / the title, too short a news item for prose: the sentence names
            # the entry's speaker (not under a bare "March 6, 2013": a news item's dateline)
            k, (name, aff) = said
            e.items[k] = ("speaker", Block("line", f"{name}, {aff}" if aff else name))
            t = read_entry(e, tz=tz, url=url, institution=institution)
        if from_prose:
            parsed.extend((e, p) for p in from_prose)
        else:
            parsed.append((e, t))
    read = [(e, t) for e, t in parsed if t is not None]
    if any(b.kind == "line" and len(b.text.split()) <= 3 and column_field(b.text) == "host"
           for b in blocks[:first_entry]):
        # a table flattened to lines, its header "Name and Organization" / "Faculty Host":
        # the bare name after each speaker with an organisation is the host
        read = [(e, replace(t, speakers=t.speakers[:-1], host=t.speakers[-1].name))
                if t.host is None and len(t.speakers) >= 2 and t.speakers[-1].affiliation is None
                and all(sp.affiliation for sp in t.speakers[:-1]) else (e, t) for e, t in read]
    read = _titles_after_names(read)
    # a talk announced in the introduction's prose, or on a page that is all prose
    intro_talks = _prose_talks(intro, page_hint, tz=tz, url=url, institution=institution, found=lecturer)
    if len(intro_talks) == 1 and not read:
        # "Dr. X ... will be visiting campus on May 13" over "Title: ..." / "Abstract: ...":
        # the labelled lines under the announcement are its talk's
        labelled = {lab[0]: lab[1] for e in entries for _, b in e.items
                    for lab in [label_of(b.text)] if lab and lab[1] and lab[0] in ("title", "abstract")}
        one = intro_talks[0]
        intro_talks = [one.replace(
            title=one.title or (_strip_title(labelled["title"]) or None if "title" in labelled else None),
            abstract=one.abstract or (clean_text(labelled["abstract"]) if "abstract" in labelled else None))]
    # Defaults are stated before the first talk (entries that gave none, such as a dated
    # sentence in the introduction, are still introduction).
    first = min((e.first for e, _ in read), default=len(blocks))
    read[:0] = [(Entry(first=0), t) for t in intro_talks]
    # a paragraph announcing one talk ("... will present ... at 2 pm in Room 205") states
    # that talk's slot, not every talk's
    named = [t.speakers[0].name for t in intro_talks]
    d_start, d_end, d_loc = page_defaults([b for b in blocks[:first] if b.kind == "line"
                                           and not any(n in b.text for n in named)])
    if (d_start is None or d_loc is None) and entries:
        # "The remaining lectures will take place at 3:30 p.m. in Mitchell Hall", "Lecture
        # hall: Library, ...": said below the list, in the paragraphs no entry took; it fills
        # what the introduction did not say
        taken = {id(b) for e in entries for _, b in e.items}
        last = max((i for i, b in enumerate(blocks) if id(b) in taken), default=len(blocks))
        a_start, a_end, a_loc = page_defaults([b for b in blocks[last + 1:] if b.kind == "line"])
        if d_start is None:
            d_start, d_end = a_start, a_end
        d_loc = d_loc or a_loc
    if not read and entries:
        # a news page cut into dated pieces ("March 6, 2013" dateline, "March 21 is the date of
        # Liskov's talk"): read as one prose text when no piece reads as a talk
        read = [(Entry(first=0), t) for t in _prose_talks(
            [b.text for b in blocks if b.kind == "line"], page_hint, tz=tz, url=url,
            institution=institution)]
    if not read and entries:
        read = [(Entry(first=0), t) for t in _speakerless(entries, tz=tz, url=url, institution=institution)]
    talks: dict[tuple, Talk] = {}
    for _, t in read:
        t = _with_defaults(t, d_start, d_end, d_loc)
        key: tuple = (t.date, t.speakers[0].name.casefold() if t.speakers else (t.title or "").casefold())
        while key in talks and not _same_talk(talks[key], t):
            key = (*key, "+")  # the same speaker twice that day ("Lecture 1", "Lecture 2")
        if key in talks:
            talks[key] = _merge(talks[key], t)
        else:
            talks[key] = t
    out = list(talks.values())
    kind_headline = next((m[1] for b in blocks[:3] if b.kind in ("heading", "line")
                          for m in [_KIND_HEADLINE.match(b.text)] if m), None)
    if len(out) == 1 and out[0].title is None and kind_headline:
        # "Public lecture: Jumping about in applied probability" heading a one-talk page
        out[0] = out[0].replace(title=_strip_title(kind_headline) or None)
    return _weekly_years(out, blocks)


_KIND_HEADLINE = re.compile(r"(?i)^\W*(?:(?:public|inaugural|special|distinguished|guest|invited)\s+)*"
                            r"(?:lecture|talk|seminar|colloquium|keynote)\s*:\s*(\S.{5,200})$")


def _titles_after_names(read: list[tuple[Entry, Talk]]) -> list[tuple[Entry, Talk]]:
    """"Dee Davis, Rural America and the 2024 Election" entry after entry: when what follows the
    name is, all over the page, several words that never name an organisation, it is the
    talk's title ("Sarah Cameron, The Aral Sea: Environment, ..." read as affiliation "The Aral
    Sea" and title "Environment, ..." is one title again)."""
    after = [t.speakers[0].affiliation for _, t in read if len(t.speakers) == 1 and t.speakers[0].affiliation]
    if len(after) < 3 or len(after) < 0.6 * len(read) or any(people.is_org(a) for a in after) \
            or sorted(len(a.split()) for a in after)[len(after) // 2] < 3:
        return read
    out = []
    for e, t in read:
        aff = t.speakers[0].affiliation if len(t.speakers) == 1 else None
        if aff:
            t = t.replace(title=f"{aff}: {t.title}" if t.title else aff,
                          speakers=[Speaker(name=t.speakers[0].name)])
        out.append((e, t))
    return out


def _menu(e: Entry) -> bool:
    """"Events Calendar" over "Campus Life" / "Arts & Culture" / "Academics" / ...: a site's
    menu, many short undated lines, no talk."""
    if e.anchor >= 0 or e.row or any(h == "when" for h, _ in e.items):
        return False
    lines = [b.text for _, b in e.items if b.kind == "line"]
    # (a labelled record's "Speaker: Ada Byron" / "Room: 101" lines are short too, and no menu)
    short = sum(len(t.split()) <= 4 and not find_date(t) and not label_of(t) for t in lines)
    return short >= 5 and short >= 0.7 * len(e.items)


_WEEKLY = re.compile(r"(?i)\b(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)\b")


def _weekly_years(talks: list[Talk], blocks: list[Block]) -> list[Talk]:
    """A page held "on Fridays" whose dates mostly fall on no Friday was given the wrong
    year (a hint from one row, "AUPAC 2024", for a list that starts in September): each
    such date moves to the neighbouring year where it is a Friday."""
    said = next((m[1].lower() for b in blocks[:25] if b.kind == "line"
                 for m in [_WEEKLY.search(b.text)] if m), None)
    dated = [t for t in talks if t.date]
    if said is None or len(dated) < 3:
        return talks
    wd = ("mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
          "sundays").index(said)
    days = {t.date: date.fromisoformat(t.date) for t in dated if t.date}
    if sum(d.weekday() == wd for d in days.values()) * 2 >= len(dated):
        return talks
    moved = {}
    for iso, d in days.items():
        for dy in (-1, 1):
            try:
                cand = d.replace(year=d.year + dy)
            except ValueError:
                continue
            if cand.weekday() == wd:
                moved[iso] = cand
                break
    if len(moved) * 10 < len(dated) * 6:
        return talks
    out = []
    for t in talks:
        new = moved.get(t.date or "")
        if new is None:
            out.append(t)
            continue
        shift = {k: _with_day(getattr(t, k), new, t.timezone or "UTC") for k in ("start", "end")}
        out.append(t.replace(date=new.isoformat(), **shift))
    return out


def _with_day(iso: str | None, day: date, tz: str) -> str | None:
    """The same wall-clock time on another day, with that day's offset in the zone."""
    from datetime import datetime

    return to_iso(day, datetime.fromisoformat(iso).time(), tz) if iso else None


def _same_talk(a: Talk, b: Talk) -> bool:
    """Two entries of one speaker on one day are one talk (a "Next talk" card and its row)
    unless they give different titles and different times."""
    from difflib import SequenceMatcher

    if not (a.title and b.title) or a.title.casefold() == b.title.casefold():
        return True
    if a.start and b.start and a.start == b.start or not (a.start and b.start):
        return True
    return SequenceMatcher(None, a.title.casefold(), b.title.casefold()).ratio() >= 0.8 \
        and not (a.start and b.start)


def _headline_speaker(blocks: list[Block], entries: list[Entry]) -> Block | None:
    """The page's first lines before any entry, when one says "<Talk> by <Name>"."""
    first = min((e.first for e in entries), default=0)
    for b in blocks[:min(first, 3)]:
        m = _BY.search(b.text)
        if m and b.kind in ("line", "heading") and people.split_person(m[1]):
            return Block("line", f"by {m[1]}")
    return None


def _label_headings(blocks: list[Block]) -> list[Block]:
    """"<h4>Where:</h4> 622 Mathematics": a label set as a heading, its value the line after."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        lab = label_of(b.text) if b.kind == "heading" and len(b.text) < 30 else None
        if lab and not lab[1] and i + 1 < len(blocks) and blocks[i + 1].kind == "line":
            out.append(Block("line", f"{b.text.rstrip(': ')}: {blocks[i + 1].text}",
                             links=blocks[i + 1].links))
            i += 2
            continue
        out.append(b)
        i += 1
    return out


def _with_defaults(t: Talk, d_start, d_end, d_loc) -> Talk:
    changes = {}
    if t.start is None and t.date and d_start is not None:
        day = date.fromisoformat(t.date)
        changes["start"] = to_iso(day, d_start, t.timezone)
        changes["end"] = to_iso(day, d_end, t.timezone)
    elif t.start and t.end is None and t.date and d_end is not None and d_start is not None \
            and t.start[11:16] == d_start.strftime("%H:%M"):
        # "Tuesday, 4th April, 11.00am" under "from 11.00 - 12.15": the usual slot, so its end
        changes["end"] = to_iso(date.fromisoformat(t.date), d_end, t.timezone)
    if t.location is None and d_loc:
        changes["location"] = d_loc
    return t.replace(**changes) if changes else t


def _merge(a: Talk, b: Talk) -> Talk:
    changes = {k: getattr(b, k) for k in ("title", "start", "end", "location", "abstract", "host")
               if getattr(a, k) is None and getattr(b, k) is not None}
    if b.speakers:
        changes["speakers"] = [
            replace(sa, affiliation=sa.affiliation or sb.affiliation, url=sa.url or sb.url)
            for sa, sb in zip(a.speakers, b.speakers, strict=False)] + a.speakers[len(b.speakers):]
    return a.replace(**changes) if changes else a


def _speaker_with_title(text: str) -> bool:
    """"Name (Affil) - Title" or "Name (Affil) - "Title"": one talk of several on a date."""
    dashes = list(re.finditer(r"\s+[-–—]\s+", text))
    if dashes and len(text) < 300:
        # "Lecture 2. The Early Earth – Professor Malcom Walter, University of NSW.": the
        # title first, the person (an honorific or an affiliation says so) after the last dash
        tail = re.sub(r"\.?\s{2,}.*$|\.$", "", text[dashes[-1].end():])
        who = people.split_person(tail)
        if len(who) == 1 and (who[0].affiliation or people.honoured(tail)) \
                and len(text[:dashes[-1].start()].split()) >= 2:
            return True
    paren = re.match(r"^([^():]{3,60}\([^()]{2,80}\))\s*:\s+\S.{5,}$", text)
    if paren and not _quoted(text):
        # "Tao Li (Rosi Group): Expanding the Complexity of Bio-MOFs": a bracketed
        # affiliation, then the title after a colon
        who = people.split_person(paren[1])
        return len(who) == 1 and who[0].affiliation is not None
    head, sep, rest = text.partition(" - ")
    if not sep and not _quoted(text):
        return False
    return bool(people.split_person(head) if sep else people.split_person(
        text[:_quoted(text).start()].strip(" ,:-–—")))  # type: ignore[union-attr]


def _strip_shared_lead(entries: list[Entry]) -> None:
    """"15 October 2013 2pm Research Forum Professor Tuomas Eerola Timbre as ...": words that
    every dated line repeats after its date and time name the series, not the speaker."""
    anchored = [e for e in entries if 0 <= e.anchor < len(e.items)]
    if len(anchored) < 3:
        return
    rests = []
    for e in anchored:
        text = e.items[e.anchor][1].text
        hit = find_date(text)
        if hit is None:
            return
        after = _after_clock(text[hit.end:].strip())
        rests.append((e, text[:len(text) - len(after)], after.split()))
    common = rests[0][2]
    for _, _, words in rests[1:]:
        n = 0
        while n < min(len(common), len(words)) and common[n] == words[n]:
            n += 1
        common = common[:n]
    common = common[:4]
    if not common or people.is_name(" ".join(common)) or not all(w[:1].isupper() for w in common) \
            or _HONORIFIC_LEAD.match(" ".join(common) + " x") \
            or sum(len(words) > len(common) + 1 for _, _, words in rests) < 3 \
            or any(len(words) > len(common) and words[len(common)][:1].islower() for _, _, words in rests):
        return  # "History and religion", "History in a post-fact world": the lead runs on into a title
    for e, head, words in rests:
        h, b = e.items[e.anchor]
        e.items[e.anchor] = (h, replace(b, text=f"{head.rstrip()} {' '.join(words[len(common):])}"))


_LEAD_CLOCK = re.compile(r"^\W{0,3}\d{1,2}[:.]\d\d\s*(?:h\b\.?|[ap]\.?m\.?|uhr\b)?\s*[-–:.]?\s+\S", re.I)


def _one_per_speaker(e: Entry) -> list[Entry]:
    """An entry listing several "Name (Affil) - Title" lines under one date (a colloquium
    day's confirmed speakers) is one talk per line, each with the entry's shared lines."""
    if e.row:
        return [e]
    titled = [k for k, (h, b) in enumerate(e.items) if h is None and b.kind == "line"
              and k != e.anchor and _speaker_with_title(b.text)]
    # "Name (Org)" over a quoted title, several times under one date (a workshop's talks)
    # or "Name, Org (3-4 pm):" over its title line (a day of two talks)
    paired = [k for k, (h, b) in enumerate(e.items[:-1]) if h is None and b.kind == "line"
              and k != e.anchor and not label_of(b.text) and people.split_person(b.text)
              and ("(" in b.text or "," in b.text)
              and (_whole_quote(e.items[k + 1][1].text)
                   or (b.text.rstrip().endswith(":") and len(e.items[k + 1][1].text.split()) >= 3
                       and len(people.split_person(e.items[k + 1][1].text)) != 1
                       and not e.items[k + 1][1].text.lstrip().startswith("[")))]
    if len(paired) >= 2 and not titled:
        shared = [("shared" if h is None else h, b) for h, b in e.items[:paired[0]]
                  if _quoted(b.text) is None]
        ends = [*paired[1:], len(e.items)]
        # each talk runs to the next; the last takes its abstract but not what closes the page
        return [Entry(items=shared + e.items[k:end if end < len(e.items) else min(end, k + 3)],
                      anchor=e.anchor if e.anchor < paired[0] else -1,
                      year_hint=e.year_hint, first=e.first, day_line=e.day_line, split=True)
                for k, end in zip(paired, ends, strict=True)]
    stacked = _stacked_talks(e)
    if len(stacked) >= 2 and not titled:
        # "Two ways to a fractal" / "Tay Eng Guan" / abstract, again and again under one
        # date: a programme's talks, one entry each
        shared = [("shared" if h is None else h, b) for h, b in e.items[:stacked[0]]
                  if label_of(b.text) or leading_date(b)]
        ends = [*stacked[1:], len(e.items)]
        return [Entry(items=shared + e.items[k:end], anchor=-1, year_hint=e.year_hint, first=e.first,
                      day_line=e.day_line or next((b.text for _, b in e.items[:stacked[0]]
                                                   if find_date(b.text)), None), split=True)
                for k, end in zip(stacked, ends, strict=True)]
    slots = [k for k, (h, b) in enumerate(e.items) if h is None and b.kind == "line" and k != e.anchor
             and _LEAD_CLOCK.match(b.text)]
    labelled = [k for k in slots if any((lab := label_of(b.text)) is not None and lab[0] == "speaker"
                                        for _, b in e.items[k:next((j for j in slots if j > k), len(e.items))])]
    if len(labelled) >= 2 and not titled:
        # "Martes 18 de marzo" / "19:00 h. Conferencia: “T1”" / "Ponente: X" / "19:00 h.
        # Conferencia: “T2”" / "Ponente: Y": a day's slots, each with its labelled speaker
        shared = [("shared" if h is None else h, b) for h, b in e.items[:slots[0]]]
        ends = [*slots[1:], len(e.items)]
        return [Entry(items=shared + e.items[k:end], anchor=e.anchor if e.anchor < slots[0] else -1,
                      year_hint=e.year_hint, first=e.first, day_line=e.day_line, split=True)
                for k, end in zip(slots, ends, strict=True) if k in labelled]
    if not titled:
        return [e]
    # bare "Name (Affil)" lines in the same list count too (a speaker whose title is not out)
    marks = sorted(set(titled) | {k for k, (h, b) in enumerate(e.items) if h is None
                                  and b.kind == "line" and k != e.anchor and not label_of(b.text)
                                  and people.split_person(b.text)
                                  and (k - 1 in titled or k + 1 in titled)})
    if len(marks) < 2:
        return [e]
    shared = [("shared" if h is None else h, b) for h, b in e.items[:marks[0]]]
    out = []
    for n, k in enumerate(marks):
        stop = marks[n + 1] if n + 1 < len(marks) else len(e.items)
        # lines after the last talk that are not its own (a note on the programme) stay out
        own = e.items[k:stop] if n + 1 < len(marks) else e.items[k:k + 1]
        out.append(Entry(items=shared + own, anchor=e.anchor if e.anchor < marks[0] else -1,
                         year_hint=e.year_hint, first=e.first, day_line=e.day_line))
    return out


def _stacked_talks(e: Entry) -> list[int]:
    """Where each "title / name / abstract" trio starts in an entry (the title's index)."""
    its = e.items
    out = []
    for k in range(1, len(its) - 1):
        (ht, t), (hn, n), (_, a) = its[k - 1], its[k], its[k + 1]
        if ht is not None or hn is not None or t.kind != "line" or n.kind != "line" or k - 1 == e.anchor:
            continue
        who = people.split_person(n.text)
        if len(who) != 1 or who[0].affiliation or len(n.text.split()) > 5 or label_of(n.text) or label_of(t.text):
            continue
        if len(t.text.split()) < 3 or people.split_person(t.text) or find_date(t.text):
            continue
        if a.text.lstrip().startswith("[") or len(a.text.split()) >= 12:
            out.append(k - 1)
    return out


def _whole_quote(text: str) -> bool:
    q = _quoted(text)
    return q is not None and len(q[0]) >= 0.9 * len(text.strip())


def _shortest_name(words: str) -> str | None:
    """The longest leading run of words (4 down to 2) that reads as a name."""
    w = words.split()
    caps = next((i for i, t in enumerate(w) if len(t) >= 2 and t.isupper()), len(w))
    w = w[:caps]  # post-nominal letters ("AO", "FRS") end the name
    return next((" ".join(w[:k]) for k in range(min(4, len(w)), 1, -1)
                 if people.is_name(" ".join(w[:k]))), None)


def _sentence_fields(t: Talk) -> bool:
    return any(len((s.affiliation or "").split()) > 10
               or re.search(r"\b(?:will|is|are|was|were|has|have)\s", s.affiliation or "")
               for s in t.speakers) or len((t.title or "").split()) > 30 \
        or (len((t.title or "").split()) > 12 and prose.announces(t.title or "")) \
        or bool(_VERB_TITLE.match(t.title or ""))


# "David Vail, assistant professor at Kansas State University, will give a public lecture at 3
# p.m. ...": a title that is the rest of a sentence announcing the talk
_VERB_TITLE = re.compile(r"(?i)(?:will|is\s+going\s+to)\s+(?:give|present|deliver|speak|talk|discuss|lecture|"
                         r"be\s+(?:speaking|giving|presenting))\b")


def _prose_entry(e: Entry, *, tz: str, url: str, institution: str) -> list[Talk]:
    """An entry that is a news item (a dateline over paragraphs): its talks read as prose,
    the dateline's year for dates the prose gives without one."""
    lines = [b.text for _, b in e.items if b.kind == "line"]
    if e.row or not any(len(t.split()) >= 20 for t in lines):
        return []  # (a table's row is no news item, however long its cells)
    hint = e.year_hint
    if e.anchor >= 0:
        hit = find_date(e.items[e.anchor][1].text)
        if hit is not None and hit.year:
            hint = _dateline_hint(e.items[e.anchor][1].text) or hit.year
    return _prose_talks(lines, hint, tz=tz, url=url, institution=institution)


def _trim_first_lead(entries: list[Entry]) -> None:
    """Title / "Date: 3rd November 2020" / name, again and again: every entry but the first
    has one line before its date, so the first's earlier lines ("Members of the public are
    welcome ...", "Past Papers") are the introduction's, not its title."""
    rest = {e.anchor for e in entries[1:]}
    if len(entries) < 3 or len(rest) != 1 or entries[0].row:
        return
    k = rest.pop()
    first = entries[0]
    extra = first.anchor - k
    if k < 1 or extra < 1 or any(e.row for e in entries):
        return
    first.items = first.items[extra:]
    first.anchor = k
    first.first += extra


def _drop_captions(entries: list[Entry]) -> None:
    """"Ian Hurd" over "March 14 Ian Hurd, Northwestern University": a name alone (a photo's
    caption) just before the entry whose dated line names the same person is no line of the
    entry above."""
    for e, nxt in zip(entries, entries[1:], strict=False):
        if len(e.items) < 2 or e.anchor == len(e.items) - 1 or nxt.anchor < 0:
            continue
        last = e.items[-1][1]
        surname = last.text.split()[-1].casefold() if last.text.split() else ""
        if last.kind == "line" and people.is_name(last.text) and len(surname) >= 3 \
                and surname in nxt.items[nxt.anchor][1].text.casefold():
            e.items.pop()


def _bare_full_date(text: str) -> bool:
    """"March 6, 2013" alone on its line (a news item's dateline, not a talk's heading)."""
    hit = find_date(text)
    return hit is not None and hit.year is not None and hit.start <= 1 and hit.end >= len(text.strip()) - 1


def _dateline_hint(text: str) -> tuple[int, int] | None:
    """"22 December 2010" alone over a news item: what it announces comes after it, so a
    dateline's "On 5th March" is the next year's when the dateline is in the second half of
    its year (a season announced in the summer or autumn)."""
    hit = find_date(text)
    if hit is None or hit.year is None or hit.start > 0 or hit.end < len(text.strip()) - 1 or hit.month < 7:
        return None
    return (hit.year, hit.year + 1)


def _prose_talks(paragraphs: list[str], year_hint, *, tz: str, url: str,
                 institution: str, found: list[prose.ProseTalk] | None = None) -> list[Talk]:
    """The talks that ``paragraphs`` announce (``found``: what prose.read_prose made of them,
    when the caller has read them already)."""
    out = []
    if found is None:
        found = prose.read_prose([t for t in paragraphs if len(t.split()) >= 8], year_hint)
    # one talk announced: an "Abstract:" paragraph on the page is its abstract
    labelled = [lab[1] for t in paragraphs for lab in [label_of(t)] if lab and lab[0] == "abstract"]
    abstract = clean_text(labelled[0]) if len(found) == 1 and labelled else None
    for p in found:
        t1, t2 = p.times
        out.append(Talk(
            title=p.title, speakers=[Speaker(name=p.name, affiliation=p.affiliation)],
            date=p.day.isoformat() if p.day else None, start=to_iso(p.day, t1, tz),
            end=to_iso(p.day, t2, tz) if t1 is not None else None, timezone=tz,
            location=_clean_loc(p.location) if p.location else None, status="scheduled",
            abstract=abstract, institution=institution, source_url=url))
    return out


def _speakerless(entries: list[Entry], *, tz: str, url: str, institution: str) -> list[Talk]:
    """"Wednesday 10 May, 5.30–6.30pm" / "Fish traps and stone houses", again and again, on a
    page that names no speaker at all: each date with its one title line is a talk. A title
    still to be confirmed is no talk."""
    out: list[Talk] = []
    for e in entries:
        if e.row or e.anchor < 0:
            continue
        line = e.items[e.anchor][1].text
        hit = find_date(line)
        rest = [b.text for k, (_, b) in enumerate(e.items) if k != e.anchor and b.kind == "line"]
        tail = re.sub(r"^[\s|:–—-]+", "", line[hit.end:]) if hit is not None and hit.start <= 1 else ""
        if not rest and re.match(r"^\s*[|–—:]", line[hit.end:] if hit is not None else ""):
            rest = [tail]  # "18 septembre | À la recherche de l'ordre interactionnel"
        if len(rest) != 1 or label_of(rest[0]) or not 2 <= len(rest[0].split()) <= 20 \
                or rest[0].rstrip().endswith((".", ":")) or find_date(rest[0]) is not None:
            return []  # (an entry of another shape: not such a list)
        title = _strip_title(rest[0])
        if _TBA_TITLE.match(title) or NON_TALK.fullmatch(title.strip(" .")) or re.fullmatch(
                r"(?i)\W*(?:to\s+be\s+(?:confirmed|announced|determined)|cancell?ed|postponed)\W*", title):
            continue
        day = resolve(hit, e.year_hint) if hit else None
        t1, t2 = find_times(line)
        out.append(Talk(title=title, speakers=[], date=day.isoformat() if day else None,
                        start=to_iso(day, t1, tz), end=to_iso(day, t2, tz) if t1 is not None else None,
                        timezone=tz, status="scheduled", institution=institution, source_url=url))
    return out if len(out) >= 3 else []


def read_entry(e: Entry, *, tz: str, url: str, institution: str) -> Talk | None:
    f = Fields()
    cols = [c for c in (e.columns or []) if c in ("title", "speaker")]
    f.title_then_speaker = cols[:2] == ["title", "speaker"]
    f.speaker_then_title = cols[:2] == ["speaker", "title"]
    hit_date = None
    t1 = t2 = None
    items = e.items
    if e.anchor < 0 and not any(h == "when" for h, _ in items):
        e.anchor = next((k for k, (_, b) in enumerate(items) if leading_date(b)), -1)
    for k in range(len(items) - 2):
        (ha, a), (hb, b) = items[k], items[k + 1]
        if ha is None and hb is None and a.kind == b.kind == "line" and a.text.rstrip().endswith(",") \
                and b.text.rstrip().endswith(",") and len(b.text.split()) <= 12 and not find_date(b.text) \
                and not people.split_person(b.text.rstrip(" ,")) \
                and people.split_person(re.split(r":\s+", a.text.rstrip(" ,"))[-1]):
            # "May 22 2024, 10h: Nalini Anantharaman," / "Académie des Science et Collège de
            # France," / "Title.": the line the name's comma runs on to is where she is from
            items = [*items[:k + 1], ("affiliation", Block("line", b.text.rstrip(" ,"))), *items[k + 2:]]
    k = 0
    while k + 1 < len(items):
        (ha, a), (hb, b) = items[k], items[k + 1]
        if ha is None and hb is None and k != e.anchor and k + 1 != e.anchor and _caps_run(a.text) \
                and _caps_run(b.text) and not (len(b.text.split()) <= 4 and people.split_person(b.text.title())
                                               and not re.match(r"(?i)(?:les|des|aux|et|the|an?|of|on|in|for)\s", b.text)):
            # "COMMENT LA TRAGÉDIE EST DEVENUE" / "PHILOSOPHIQUE AU TEMPS DES LUMIÈRES": a title
            # in capitals wrapped over two lines
            items = [*items[:k], (None, Block("line", f"{a.text.strip()} {b.text.strip()}")), *items[k + 2:]]
            e.items = items  # (the entry keeps what its anchor indexes, should it be read again)
            if e.anchor > k:
                e.anchor -= 1
            continue
        k += 1
    if e.anchor >= 2 and (lab := label_of(items[e.anchor][1].text)) and lab[0] == "when" \
            and all(h is None and not label_of(b.text) for h, b in items[:e.anchor]) \
            and any((sl := label_of(b.text)) and sl[0] == "speaker" for _, b in items[e.anchor + 1:]):
        # "PRL Ka Amrut Vyakhyaan" / "Human Impact on ..." / "Date 2023-07-19" / "Speaker" / ...:
        # the speaker is labelled below, so the line right above the date is the title and
        # what stands above it is the page's, not this talk's
        items = [("skip", b) for _, b in items[:e.anchor - 1]] + items[e.anchor - 1:]
    n = 0
    while n < len(items):
        hint, b = items[n]
        text = b.text
        shared = hint == "shared"  # another talk's line too: its labels and date, no free text
        hint = None if shared else hint
        if n == 0 and e.day_line is not None:  # "10:30: Name, Affiliation. Title"
            t1, t2 = find_times(text)
            text = _SLOT_HEAD.sub("", text)
        if n == e.anchor or (hint == "when"):
            hit = find_date(text)
            if hit is not None and hit_date is None:
                hit_date = resolve(hit, e.year_hint)
                if t1 is None:  # a time inside the date's own span ("2012 (Friday, 14th Dec: 5.30 PM)")
                    t1, t2 = find_times(text[hit.start:hit.end])
                text = (text[:hit.start] + " · " + text[hit.end:])
                lab = label_of(text.strip(" ·"))
                if lab and lab[0] == "when":
                    text = lab[1]
                parts = split_inline(text)
                if any(fld not in (None, "when") for fld, _ in parts):
                    # "Date: 27th Feb 2024, Time : 3:15 PM, Venue: Room 302": each its field
                    for fld, v in parts:
                        if fld in (None, "when"):
                            tt = find_times(v)
                            if tt[0] is not None and t1 is None:
                                t1, t2 = tt
                        else:
                            _take_hinted(f, fld, v.strip(" ,;·"))
                    n += 1
                    continue
                # not inside the title: "‘... in English Schools, 1850-1900’", "campaign at 50"
                unquoted = re.sub(r"[‘“\"][^‘“”\"]*[’”\"′]|‘.*$|(?<!\w)'.*?['′](?!\w)", " ", text)
                place = _place_in(unquoted) if not f.title_then_speaker else None
                if place is None and not f.title_then_speaker:
                    place = _place_after_clock(unquoted) or _place_after_quote(text)
                if place and not f.location:
                    f.location = place
        if hint == "skip":
            n += 1
            continue
        if hint not in (None, "when", "description"):
            _take_hinted(f, hint, text)
            tt = find_times(text) if hint in ("time", "title") else (None, None)
            if tt[0] is not None and (hint == "time" or re.search(r"(?i)unusual|time", text)):
                t1, t2 = tt
            if hint == "time" and tt[0] is None and find_date(text) is None and _ROOMISH.search(text) \
                    and len(text.split()) <= 8 and not f.location and not re.search(r"(?i)\btb[adc]\b", text):
                f.location = _clean_loc(text)  # "Tue 15 Apr / 14:30-15:30 / Room 214" in a "Date and time" cell
            n += 1
            continue
        said = _SPEAKS_ON.match(text)
        if said and not f.speakers and people.split_person(said[1]):
            # "Prof. Dr. Detlef Reichert speaks on:" over the title: the line names the speaker
            # and works as the title's label
            _take_hinted(f, "speaker", said[1])
            title = said[2].strip()
            if not title and n + 1 < len(items) and items[n + 1][1].kind == "line" \
                    and not label_of(items[n + 1][1].text):
                n += 1
                title = items[n][1].text
            if title:
                _take_hinted(f, "title", title)
            n += 1
            continue
        lab = label_of(text)
        both = when_where(text) if lab and lab[0] == "when" else None
        if both is not None:  # "Time & Location: 3:10pm, Mathematical Science Building, room 1147"
            parts = split_inline(both)
            if len(parts) > 1 and parts[0][0] is None:
                # "at: 15:00 City U.room C310 abstract: ...": the next field goes on in the line
                both = parts[0][1]
                for fld, v in parts[1:]:
                    if fld is not None and fld != "when":
                        _take_hinted(f, fld, v.strip(" ,;·"))
            tt = find_times(re.sub(r"\([^()]*\)", "", both))
            if tt[0] is not None and t1 is None:
                t1, t2 = tt
            f.location = f.location or place_after_time(both)
            n += 1
            continue
        if lab and lab[0] == "meta":
            _take_meta(f, text)
            n += 1
            continue
        tt = find_times(lab[1]) if lab and lab[0] == "when" and hit_date is not None else (None, None)
        if lab and lab[0] == "when" and hit_date is not None and (tt[0] is not None or find_date(lab[1])):
            # "Date: November 7, 2025", "Time: 11:00 – 12:00 (EST)" under the card's own "Nov 07,
            # 2025": the day said again and its clock, never a title
            if tt[0] is not None and t1 is None:
                t1, t2 = tt
            if _ROOMISH.search(lab[1]):
                f.location = f.location or place_after_time(lab[1])
            n += 1
            continue
        if lab and lab[0] != "when":
            value = lab[1]
            if not value and lab[0] in ("abstract", "bio", "speaker", "title", "host", "location"):
                vals: list[str] = []
                while n + 1 < len(items) and not label_of(items[n + 1][1].text) \
                        and items[n + 1][1].kind == "line":
                    nxt = items[n + 1][1].text
                    if vals and len(nxt.split()) == 1:
                        break  # "Upcoming", "Past": the next entry's status, not prose
                    vals.append(nxt)
                    n += 1
                    if _TBA_ABSTRACT.match(nxt):
                        vals = []
                        break
                    if lab[0] != "abstract" and lab[0] != "bio":
                        break
                value = " ".join(vals)
            _take_hinted(f, lab[0], value)
            n += 1
            continue
        tt = find_times(text)
        if tt[0] is not None and t1 is None:
            t1, t2 = tt
        if not shared or (n == e.anchor and not e.split):
            _take_free(f, b, text, is_anchor=(n == e.anchor or hint == "when"))
        elif n == e.anchor + 1 and not f.location and len(text.split()) <= 14 and find_date(text) is None \
                and (_ROOMISH.search(text) or re.search(r"\d.*,|,.*\d", text)):
            f.location = _clean_loc(text)  # the shared date's place line, for every talk of that day
        n += 1
    first_line = f.free_speaker_lines[0] if f.free_speaker_lines else ""
    # ("Strange Materials - Professor Mark Miodownik, UCL": two words will do when the
    # second line opens with an honorific and the first does not)
    honoured = len(f.free_speaker_lines) >= 2 and people.honoured(f.free_speaker_lines[1]) \
        and not people.honoured(first_line)
    if not f.title_given and len(f.speakers) >= 2 and f.speakers[0].affiliation is None \
            and f.speakers[1].affiliation and (len(first_line.split()) >= 3 or honoured) \
            and not re.search(r"\b[A-Z]\.", first_line) and "," not in first_line \
            and " and " not in first_line:
        # "Harmonizing Bird Conservation" over "Daniel Karp, UC Berkeley": a title in Title
        # Case above the speaker, not a second speaker
        f.speakers = f.speakers[1:]
        _set_title(f, first_line)
    if f.colon_split and len(f.speakers) > f.colon_split[0]:
        # "Motor Neurone Disease: The Chase for a Cure" over "Dr Bradley Turner": the line
        # below names the speaker, so the colon line was a title with a subtitle
        f.speakers = f.speakers[f.colon_split[0]:]
        f.title, f.title_given = _strip_title(f.colon_split[1]), True
    if not f.speakers and f.heading_person:
        f.speakers = f.heading_person
        if not f.heading_title:
            f.title, f.title_given = None, False
    if not f.speakers:
        for _, b in items:
            # "Professor Geoffrey Donnan AO Director of ..., Prof Chris Bladin and Prof Amy B."
            found = [n for m in _HONORIFIC_NAME.finditer(b.text) for n in [_shortest_name(m[1])] if n]
            if found:
                f.speakers = [people.Person(n) for n in dict.fromkeys(found)]
                break
    if f.non_talk and not (f.speakers and (f.title or f.title_given)):
        return None
    if f.non_talk_said and not f.speaker_labelled:
        return None
    if not f.speakers:
        return None
    title = f.title
    if title is None and not f.title_given:
        cands = [w for w in f.weak_titles if not _TYPE_WORDS.search(w) and _several_words(w)]
        title = cands[0] if cands else None
    if f.times is not None:
        t1, t2 = f.times
    status = "scheduled"
    for _, b in items:
        if b.struck or re.match(r"^\s*(~~|<del>|<s>)", b.text) or _CANCELLED.search(b.text):
            status = "cancelled"
            break
        if _POSTPONED.search(b.text):
            status = "postponed"
    if hit_date is None and e.day_line:
        hit = find_date(e.day_line)
        hit_date = resolve(hit, e.year_hint) if hit else None
        # "All talks will take place on the 7 January 2020 in the seminar room of the Fine
        # Art Building G.04": the day's sentence names the place of every slot
        f.location = f.location or (_place_in(e.day_line[hit.end:]) if hit and len(e.day_line.split()) > 10 else None)
    if title and _TBA_TITLE.match(title):
        title = None  # however it was found, a placeholder is no title
    names = {p.name.casefold() for p in f.speakers}
    feat = re.search(r"(?i)\s+(?:featuring|feat\.)\s+(.+)$", title or "")
    if title and feat and f.speakers and any(p.name.split()[-1].casefold() in feat[1].casefold() for p in f.speakers) \
            and len(title[:feat.start()].split()) >= 1:
        title = title[:feat.start()].strip()  # "Early career roundtable featuring Dr. X, Dr. Y": who is in it
    if title and title.casefold() in names:
        title = None  # a card headed by its presenter's name: no title printed
    elif title:
        # "... after the EU AI Act enforcement Seminar by Luca Nannini": the byline is no title's
        by = re.search(r"\s*[-–—,:]?\s*\b(?:(?:seminar|talk|lecture|presentation)\s+)?by\s+(.+)$", title, re.I)
        if by and by[1].strip(" .").casefold() in names and by.start() > 0:
            title = title[:by.start()].strip() or None
        dash = re.search(r"\s+[-–—]\s+([^-–—]+)$", title or "")
        if dash and dash[1].strip(" .").casefold() in names and dash.start() > 0:
            title = (title or "")[:dash.start()].strip() or None  # "PCPs and Hardness - Aditya Morolia"
    if title and (NON_TALK.fullmatch(title.strip(" .")) or _BREAK_TITLE.fullmatch(title.strip(" ."))):
        return None  # "10:00: Jon Moen, Prefect. Opening"
    kind = _KIND_PREFIX.match(title or "")
    if title and kind:
        f.talk_type = f.talk_type or kind[1]
        title = _strip_title(title[kind.end():]) or None
    date_iso = hit_date.isoformat() if hit_date else None
    return Talk(
        title=title,
        speakers=[Speaker(name=p.name, affiliation=p.affiliation) for p in f.speakers],
        date=date_iso,
        start=to_iso(hit_date, t1, tz),
        end=to_iso(hit_date, t2, tz) if t1 is not None else None,
        timezone=tz,
        location=f.location,
        status=status,
        abstract=f.abstract,
        host=f.host,
        talk_type=f.talk_type,
        institution=institution,
        source_url=url,
    )


# "Book launch: The Dawn of Everything": the kind of event before its title
_KIND_PREFIX = re.compile(r"(?i)^\W*((?:book\s+(?:launch|talk|presentation|discussion)|keynote(?:\s+(?:talk|"
                          r"lecture|address))?|roundtable|round\s+table|panel(?:\s+discussion)?|film\s+screening))"
                          r"\s*[:–—-]\s+(?=\S)")


_AFTER_CLOCK_PLACE = re.compile(r"(?i)\d\s*(?:[ap]\.?\s?m\.?|h|uhr|noon)\s*[,–—-]\s*([A-Z][^,;:()]{2,60})$")
_BUILDINGISH = re.compile(r"(?i)\b(?:college|centre|center|museum|institute|house|church|chapel)\b")


def _place_after_quote(line: str) -> str | None:
    """'Name (Affil) “Title”. Ada Byron Research Centre, · (slides)': the words between the
    quoted title and the date (marked ' · ') name the place."""
    m = re.search(r"[\"”’]\W{0,3}\s+([A-Z][^\"“”·]{2,80}?)[\s,.;]*·", line)
    if not m or len(m[1].split()) > 8 or people.split_person(m[1]) or find_times(m[1])[0] is not None:
        return None
    return _building(m[1])


def _building(text: str) -> str | None:
    """The text as a place when it names a room or a building ("Exeter College", "Room 5")."""
    return _clean_loc(text) if _ROOMISH.search(text) or _BUILDINGISH.search(text) else None


def _place_after_clock(date_line: str) -> str | None:
    """"Wednesday 2nd October at 4.30pm, Exeter College": a building named after the time."""
    m = _AFTER_CLOCK_PLACE.search(date_line.strip(" .·"))
    if not m or len(m[1].split()) > 6 or people.split_person(m[1]) or _TYPE_WORDS.search(m[1]):
        return None
    return _building(m[1])


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


def _several_words(s: str) -> bool:
    """Two words or more; Japanese, Chinese and Korean put no spaces between them, so four
    of their characters count as well ("民族から考える日中関係と領土問題")."""
    return len(s.split()) >= 2 or len(_CJK_CHAR.findall(s)) >= 4


def _set_title(f: Fields, value: str, *, labelled: bool = False) -> None:
    value = _strip_title(value)
    if f.title_given and (f.title_labelled or not labelled):
        return
    f.title_from_heading = False
    f.title_labelled = labelled
    f.title_given = True
    f.title = None if not value or _TBA_TITLE.match(value) else value


def _strip_title(s: str) -> str:
    s = re.sub(r"[\[(]\s*(abstract|slides|video|pdf)\s*[\])]", "", s, flags=re.I)
    s = s.strip().rstrip(",;")  # “Synthetic Biology: From Parts to Systems,” (American commas)
    s = re.sub(r"\(\s*\)", "", s)
    s = (clean_text(s) or "").strip().lstrip("-–—: ")  # '- "Title"' after "Name, Affil"
    # "Lecture 6. Mega Volcanic Eruptions", "Talk 2: ...": the running number is not the title
    s = re.sub(r"(?i)^(?:lecture|talk|session|seminar|part)\s+\d{1,2}\s*[.:]\s+(?=\S)", "", s)
    s = re.sub(r"^\(#\d{1,4}\)\s+(?=\S)|^#\d{1,4}\s*[.:)]?\s+(?=\S)", "", s)  # "(#022) PCPs and ...": the talk's number
    s = s.strip("▼▲►▶◄◀▸▾▴▹↓↑ ")  # a disclosure toggle's glyph ("Title ▼" opens the abstract)
    entitled = re.search(r"[「『]([^「」『』]{2,80})[」』]\s*と題", s)
    if entitled:
        s = entitled[1]  # "…「自著を語る」と題した講演会を開催しました": the sentence says which is the title
    if len(s) > 2 and s[0] in "「『【" and s[-1] in "」』】" and not re.search(r"[「『【]", s[1:-1].replace("『", "")):
        s = s[1:-1].strip()  # 「考古学からみた日本史」: Japanese quotes around the whole title
    if len(s) > 2 and s[0] in "\"“'‘" and s[-1] in "\"”'’′.":
        s = s.strip("\"“”'‘’′").strip()
    elif len(s) > 2 and s[0] in "\"“" and not re.search(r"[\"”]", s[1:]):
        s = s[1:].strip()  # '"Pop and the People: ...' whose closing quote the page lost
    if s[:1] in "\"“" and re.search(r"[\"”]", s[1:-1]):
        # '"And some, I assume, are good people": U.S. Latinx ...': the quote closes inside,
        # it is part of the title
        return s.rstrip(" .").strip() if s.endswith(".") else s
    if s[-1:] in "\"”" and s[:1] not in "\"“" and re.search(r"(?<=\s)[\"“]\w", s):
        return s  # '... in an "Out-of-the-Way Place"': the quote opened inside the title
    if s[-1:] in "’'" and not re.search(r"(?:^|\s)[‘']\w", s):
        s = s[:-1]  # "Lieux de mémoire ... at Camp des Milles’": a closing quote whose opening was lost
    return s.strip(" .\"“”").strip() if s.endswith((".", '."', '.”')) else s.strip("\"“”").strip()


def _take_hinted(f: Fields, hint: str, value: str) -> None:
    value = value.strip()
    if hint == "title" and (value.startswith("[Abstract") or len(value.split()) > 60):
        hint = "abstract"  # "Lecture: <a paragraph>": the label introduces what it is about
    if hint == "title":
        parts = split_inline(value)
        if len(parts) > 1 or (parts and parts[0][0] is not None):
            for fld, v in parts:
                if fld is None:
                    continue
                _take_hinted(f, fld, v)
            return
        if not f.title_given and not f.speakers:
            m = re.match(r"^(.+?):\s+(.+)$", value.strip("\"“”"))
            if m and people.split_person(m[1]):  # "Name: Title"
                f.speakers = people.split_person(m[1])
                _set_title(f, m[2])
                return
        if NON_TALK.search(value) and len(value.split()) <= 8:
            f.non_talk = True
            return
        if re.match(r"(?i)^\W*(note|n\.b\.)\b", value):
            return  # "Note: Unusual Time, 10am-12noon" is about the slot, not the talk
        note = re.search(r"\(([^()]*\d[^()]*)\)", value)
        if note and find_times(note[1])[0] is not None:
            # "Title (note: 4:00 pm, Room 205)": this talk's own slot
            f.times = find_times(note[1])
            place = re.search(r"(?i)\b(?:room|rm\.?)\s*\w+", note[1])
            f.location = f.location or (place[0] if place else None)
            value = (value[:note.start()] + value[note.end():]).strip()
        if value:
            _set_title(f, value, labelled=True)
    elif hint == "speaker":
        # "José Diogo Guimarães [slides]": the link beside the name is no part of it
        value = re.sub(r"(?i)\s*\[\s*(?:slides|video|pdf|recording|abstract|link|web(?:site)?|homepage)\s*\]", "",
                       value).strip()
        if NON_TALK.search(value) and len(value.split()) <= 8:
            f.non_talk = True
            return
        # a labelled name may hold an organisation word ("Craig Group"), but only as the
        # entry's first speaker: a speaker cell's second line is its affiliation
        if not f.speaker_labelled and f.free_speaker_lines:
            # a "Speaker:" label outranks lines that only looked like names ("Statistical
            # Aspects" above it is the title; so is "Managing Intelligence: Skilled Experts")
            f.weak_titles[:0] = [ln for ln in f.free_speaker_lines if not people.is_org(ln)]
            f.speakers = []
            if f.colon_split:
                f.title, f.title_given, f.colon_split = None, False, None
        f.speaker_labelled = True
        ps = people.split_person(value, loose=not f.speakers)
        listed = [x for x in re.split(r"\s*;\s*", value.strip(" ;.")) if x] if ";" in value else []
        if len(listed) >= 2 and all(people.split_person(x) for x in listed):
            # "Speakers: Dr A (Court of Appeal); Prof B (Leeds); Dr C, (LSE)"
            ps = [p for x in listed for p in people.split_person(x)]
        given = re.fullmatch(r"\W*([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)[\s\d()/?.*]*", value) \
            if not ps and not f.speakers else None
        if given and given[1].lower() not in people.NOT_NAME_WORDS and not _TBA_TITLE.match(given[1]):
            # "Hadrien (1/0)" in a journal club's "Person" column: a lab goes by given names
            ps = [people.Person(given[1])]
        if ps:
            f.speakers.extend(ps)
        elif f.speakers and not f.speakers[-1].affiliation and people.is_org(value):
            f.speakers[-1].affiliation = people.clean_affiliation(value)  # a wrapped cell
        elif f.speakers and people.is_org(value) and _UNIT.match(f.speakers[-1].affiliation or ""):
            # "Department of Astronomy," / "Yale University": one affiliation on two lines
            p = f.speakers[-1]
            p.affiliation = f"{p.affiliation}, {people.clean_affiliation(value)}"
    elif hint == "affiliation":
        if f.speakers and not f.speakers[-1].affiliation:
            aff = people.clean_affiliation(value)
            for p in f.speakers:
                p.affiliation = p.affiliation or aff
    elif hint == "abstract":
        if value and not _TBA_ABSTRACT.match(value):
            f.abstract = f.abstract or clean_text(value)
    elif hint == "host":
        f.host = f.host or (clean_text(people.strip_honorifics(value.strip("\"“”")))
                            if value else None)
    elif hint == "location":
        f.location = f.location or _clean_loc(value)


# "Lecture Programme 2019", "Series 6: Viewpoint": the page's own captions, no workplace
_CAPTIONISH = re.compile(r"(?i)\b(?:series|programme|program|seminars|lectures|colloquia|schedule|"
                         r"calendar|events)\b|^\W*(?:series|session|week|part)\s+\d")
_UNIT = re.compile(r"(?i)^(?:department|dept\.?|school|faculty|division|institute\s+(?:of|for)|"
                   r"cent(?:er|re)\s+(?:of|for)|laboratory\s+(?:of|for))\b(?!.*\b(?:university|college)\b)")
_HOST_ASIDE = re.compile(r"(?i)\(\s*(?:host(?:ed\s+by)?|faculty\s+host)\s*:?\s*([^()]{3,80})\)")
_MODE = re.compile(r"(?i)(?:in[- ]person|hybrid|(online|virtual|zoom|webex|ms teams|google meet))"
                   r"(?:\s*/\s*(?:in[- ]person|hybrid|online|virtual))*(?:\s+only)?")
_ONLINE = re.compile(r"(?i)\b(zoom|webex|teams|google\s+meet)\b")
_JOIN = re.compile(r"(?i)^\W*(join|click|register|watch|rsvp)\b.{0,60}$")


_BREAK_TITLE = re.compile(r"(?i)(?:opening|closing|welcome|concluding)(?:\s+(?:remarks|address|session|words))?"
                          r"|(?:short\s+|coffee\s+|lunch\s+|tea\s+)?break|lunch|coffee|dinner|reception")
_SLOT_HEAD = re.compile(r"^\W{0,3}\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}\s*[:.]\s*\d{2})?\s*[:.]?\s*")


def _take_meta(f: Fields, line: str) -> None:
    """"Audience: ...", "Join Zoom Meeting:", "Note: unusual time, 10am-12noon": never a
    title; a note's time is this talk's own, a meeting link says where it is held."""
    tt = find_times(line)
    moved = re.search(r"(?i)\b(?:take\s+place|be\s+held|moved\s+to|held\s+at|held\s+in)\b", line)
    if tt[0] is not None and (moved or re.search(r"(?i)\btime\b", line)):
        f.times = tt
    if moved:
        # "NOTE: This talk will take place at 3:30 pm in LSC 5260": this talk's own room
        place = _place_in(line)
        if place:
            f.location = place
    online = _ONLINE.search(line)
    if online and not f.location and not re.search(r"(?i)record|video|slides|youtube", line):
        # ("watch Zoom video recording" says where to see it again, not where it was held)
        f.location = online[1].title() if online[1].islower() else online[1]


_SPONSOR = re.compile(r"(?i)^\W*(?:(?:co-?)?(?:sponsored|funded|supported|organi[sz]ed)\s+by|in\s+"
                      r"(?:collaboration|association|partnership|cooperation)\s+with)\b")


def _take_free(f: Fields, b: Block, text: str, *, is_anchor: bool) -> None:
    if _SPONSOR.match(text):
        return  # "* Sponsored by the Center for Trade": a footnote, no abstract
    own_slot = re.search(r"\s*\(([^()]*\d[^()]*)\)\s*:?\s*$", text)
    if own_slot and find_times(own_slot[1])[0] is not None and people.split_person(text[:own_slot.start()]):
        # "Caleb Everett, University of Miami (3-4 pm):": this speaker's own slot of the day
        f.times = find_times(own_slot[1])
        text = text[:own_slot.start()]
    # "CMS – ein Groß-Experiment am LHCDr. Gordon Kaussen, ...": a title glued to the honorific
    # of the name after it (a rendering that dropped the line break)
    # (not the Czech degrees JUDr., MUDr., RNDr., PhDr., PaedDr.)
    text = re.sub(r"(?<=[a-zäöüßA-Z]{3})(?<!Paed)(?=(?:Dr|Prof|PD)\.\s?[A-ZÄÖÜ][a-zäöü])", " – ", text)
    # "Physik der Musik-InstrumenteYves Kemp, DESY": a long lower-case run glued to a
    # capitalised "Given Surname," (not "McDonald", "DeepMind": too short a run)
    text = re.sub(r"(?<=[a-zäöüß]{4})(?=[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß]+\s*,)", " – ", text)
    if not f.location and not is_anchor and len(text.split()) <= 16 and _ROOMISH.search(text) \
            and find_times(text)[0] is not None and not people.split_person(text) \
            and not re.search(r"[.!?]\s+[A-Z]|(?i:\bto\s+be\s+(?:confirmed|announced|determined)\b)", text):
        # ("12noon (but exact time and room to be confirmed)": no place yet)
        # "University of Alberta Faculty of Law, 12pm-1pm (Room LC 237)"; "À 18H30, A LA SALLE
        # SAN SUBRA": the clock first, then the place
        lead_clock = re.match(r"(?i)^\W*(?:à|at)?\s*\d{1,2}\s*(?:[:.h]\s*\d{2}|h)?\s*(?:[ap]\.?m\.?)?\s*,\s*", text)
        f.location = _clean_loc(text[lead_clock.end():] if lead_clock else text)
        return
    # "CANCELLED March 11: Name, Org, 'Title' CANCELLED": the status (read from the whole
    # line) framing the entry
    text = re.sub(r"(?i)^\W*(?:cancell?ed|postponed)\b|\s+(?:cancell?ed|postponed)\W*$", "", text)
    if _JOIN.match(text):
        _take_meta(f, text)  # "Join Zoom Meeting", "Click here to register"
        return
    if re.fullmatch(r"(?i)\W*(?:room|location|venue|place)\s*:?\s*(?:tba|tbd|tbc|to\s+be\s+(?:announced|determined|"
                    r"confirmed))\W*", text):
        return  # "Room TBD": no place yet, and no title
    if not is_anchor and (f.title_given or f.weak_titles) and f.speakers \
            and (described := re.match(r"(?i)(?:lecture|talk|seminar|summary|description)\s*:\s*(\S.{40,})$", text)) \
            and len(described[1].split()) >= 12 and not _quoted(described[1]) \
            and not people.split_person(described[1].split(". ")[0]):  # ("Lecture: Prof. X. “Title”")
        f.abstract = f.abstract or clean_text(described[1])  # "Lecture: <what it is about>" under the title
        return
    if is_anchor:
        # "12:00–1:00 pm, Free How Nature Works": what entry costs, between the slot and the title
        text = re.sub(r"(\d\s*[apAP]\.?[mM]\.?,\s+)Free\s+(?=[A-Z])", r"\1", text)
    if not is_anchor and not f.speakers and (who := people.name_before_kind(text)):
        f.speakers.append(people.Person(who))  # "Miriam Kolar Colloquium" over her date line
        f.speaker_labelled = True  # (as good as a label: a name-shaped title is no second speaker)
        return
    own = OWN_SLOT.search(text)
    if own:
        f.location = f.location or _clean_loc(own[1])
        text = text[:own.start()] + text[own.end():]
    note = NOTE_ASIDE.search(text)
    if note and text[:note.start()].strip():
        place = _place_in(note[1])
        if place:
            f.location = place
        note_times = find_times(note[1])
        if note_times[0] is not None:
            f.times = note_times
        text = text[:note.start()] + text[note.end():]
    text = ASIDE.sub("", text).strip(" ·-–—|:,")
    if _LINK_WORDS.match(text):
        return  # "Seminar Flyer": the text of a link beside the talk, not its title
    if not text:
        return
    mode = _MODE.fullmatch(text.strip(" .()"))
    if mode:  # "Online", "In person/hybrid": how the talk is held
        if mode[1] and not f.location:
            f.location = mode[1].strip()
        return
    if NON_TALK.search(text) and len(text.split()) <= 8:
        f.non_talk = True
        f.non_talk_said |= bool(NON_TALK.match(text.lstrip("(*[ ")))  # "(No colloquium due to"
        return
    if b.kind == "heading" and not is_anchor and (_SECTION.fullmatch(text) or _TERM_LINE.fullmatch(text)):
        return  # "Past Seminars", "Upcoming Talks": the list's caption, not a talk's title
    if b.kind == "heading" and not is_anchor:
        # A heading is the entry's title; one that reads as a name is its speaker only
        # when no other line names one.
        if not f.title_given:
            ps, title = people.person_and_title(text)
            f.heading_person = ps
            _set_title(f, title if ps and title else text)
            f.heading_title = bool(ps and title)
            f.title_from_heading = True
        return
    quoted = _quoted(text)
    if quoted and re.search(r"(?i)\b(?:an?|the|of|and)\s*$",
                            text[:quoted.start()]):
        quoted = None  # '... Late Capitalism in an "Out-of-the-Way Place"': a quote inside a title
    if quoted and (len(quoted[1].split()) >= 2 or len(quoted[0]) >= 0.8 * len(text)
                   or re.match(r"\s*,?\s*by\s+[A-Z]", text[quoted.end():])  # '"Biodatabases" by Name'
                   or re.search(r"\)\s+on\s*$", text[:quoted.start()])):  # 'Name (Org) on "sPlots"'
        after = text[quoted.end():]
        sub = re.fullmatch(r"\s*:\s*([^:]{3,80}?)\s*", after) if not text[:quoted.start()].strip() else None
        # '"The Untold Story that Tells Itself": Talking Poetics': a subtitle after the quote
        _set_title(f, f"{quoted[1]}: {sub[1]}" if sub else quoted[1])
        # what stood before and after the quoted title are separate pieces ("Name “Title”
        # Place, date"): not one run of words
        text = "" if sub else (text[:quoted.start()].rstrip() + " · " + after.lstrip()).strip(" ,.-–—·")
        if not text:
            return
    if b.emph == "italic" and not f.title_given:
        _set_title(f, text)
        return
    other = _BY_OTHER.match(text)
    if other and not f.speakers and (ps := people.split_person(other[1])):
        f.speakers = ps  # "Conférence par Pierre-Louis Toutain": "by" in another language
        return
    with_ = _WITH_PEOPLE.match(text)
    if with_ and not f.speakers and (ps := people.split_person(with_[2])) \
            and all(people.is_name(p.name) for p in ps):
        # "With Sociology@UCSantaCruz Professors Camilla Hawthorne and Juan Pedroza"
        f.speakers = [people.Person(p.name, p.affiliation or with_[1]) for p in ps]
        return
    m = _BY.search(text)
    # (the name ends with its sentence: "... by Professor Tanya Washington. Professor Washington
    # presented ...")
    by = (_by_whom(text[m.start(1):]) or people.split_person(_SENTENCE_END.split(m[1], maxsplit=1)[0])) \
        if m and not f.speakers else []
    if m and by:
        f.speakers = by
        before = text[:m.start()].strip(" ·,.:;-–—")
        # "How to Win at Monopoly By Prof. SIT Tony (Statistics)"; on a date-led line a lower-case
        # "by" too ("8/21/2020: Dependable Systems for Managing Valuable Data by Edward Tremel")
        plain_by = m[0].lstrip()[:2] == "by" and is_anchor and len(before.split()) >= 2 \
            and not _BY_NOT_AFTER_TITLE.search(before)  # ("Watch a recording of the presentation by X")
        # ("2008 ABA Bar Passage Conference by Professor Tanya Washington. ...": an honorific
        # after "by" says a person, so what leads the line is the talk)
        hon_by = bool(_HONORIFIC_LEAD.match(m[1])) and len(before.split()) <= 12 and not f.title_given \
            and m.start() == text.find(" by ") and not _BY_NOT_AFTER_TITLE.search(before)
        if before and not f.title_given and (m[0].lstrip()[:2] == "By" or plain_by or hon_by) \
                and len(before.split()) <= 25:
            _set_title(f, before)
        return
    # "2pm Professor Tuomas Eerola Timbre as ...": the honorific after the time
    hon = _HONORIFIC_LEAD.match(_after_clock(text.strip(" ·-–—|:,"))) if is_anchor else None
    if hon and not f.speakers and not f.title_given and not people.split_person(hon[0]):
        lead = people.leading_name(hon[1])
        if lead and (len(lead[1].split()) >= 2 or _TBA_TITLE.match(lead[1])):
            # "Sept 4, 2015 Prof. James Lattimer Blowing in the Ether": the honorific says
            # where the name starts, two words (or an initial more) say where it ends
            org, after = people.split_org_prefix(lead[1])
            if org and not after.strip(" .,;:-–—"):
                # "Dr Uri Gordon Loughborough University": the rest is where, not what
                f.speakers.append(people.Person(lead[0], people.clean_affiliation(org)))
                return
            f.speakers.append(people.Person(lead[0]))
            _set_title(f, lead[1])
            return
    if f.speaker_then_title and not f.speakers and not f.title_given:
        lead = people.leading_name(text.strip(" ·-–—|:,"))
        if lead:  # "Sept 15 Joy Morris Colour-permuting automorphisms" under "Date Speaker Title"
            f.speakers.append(people.Person(lead[0]))
            _set_title(f, lead[1])
            return
    bracketed = _TITLE_THEN_BRACKETED_NAME.fullmatch(text.strip(" ·-–—|:,")) \
        if is_anchor and not f.speakers and not f.title_given else None
    if bracketed and len(bracketed[1].split()) >= 2 and people.is_name(bracketed[2]) \
            and all(w[:1].isupper() for w in bracketed[2].split()) \
            and not people.split_person(bracketed[1]):
        # (not "Pierre-Carl Langlais (Paris-IV Sorbonne)", "Name, Org (Host Name)": a person
        # before the brackets makes them an affiliation or a host)
        # "Oct 12, 2015: IPython: Beyond Normal Python (notebook) (Jake VanderPlas)": a
        # one-line entry that closes on its speaker's name in brackets
        f.speakers.append(people.Person(people.strip_honorifics(bracketed[2])))
        _set_title(f, bracketed[1])
        return
    if f.title_then_speaker and not f.speakers and not f.title_given:
        cut = people.trailing_name(text.strip(" ·-–—|:,"))
        if cut:  # "February 14 Future Telescopes in Space Roger Angel" under "Date Topic Speaker"
            _set_title(f, cut[0])
            f.speakers.append(people.Person(cut[1]))
            f.bare_speaker_line = True
            return
    segments = _split_outside_brackets(r"\s+[·|•]\s+|\s+[-–—]\s+|\s+·\s*|\s*·\s+", text) if is_anchor \
        else re.split(r"\s+·\s+", text)  # a layout table's cells, joined on one line
    for k in range(len(segments) - 1, 0, -1):
        # "Ett liv i resor – om Carl von Linné": a piece that starts in lower case goes on
        # from the one before it (a subtitle), it is no field of its own
        dash = re.search(rf"\s+([-–—])\s+{re.escape(segments[k][:20])}", text) \
            if segments[k][:1].islower() and len(segments[k - 1].split()) >= 2 else None
        if dash:
            segments[k - 1:k + 1] = [f"{segments[k - 1]} {dash[1]} {segments[k]}"]
    for k, seg in enumerate(segments):
        # "Feb 7 | Soumya Mohapatra | Columbia | Dynamics of the ...": a short cell between a
        # bare name and a longer cell is the speaker's affiliation, whatever its words
        before_title = len(segments) >= 3 and any(len(s.split()) >= 3 for s in segments[k + 1:])
        _take_segment(f, seg.strip(" ·-–—|:,"), text, is_anchor, before_title=before_title)


def _caps_run(text: str) -> bool:
    """A line in capitals (three words or more), no date, clock or label: a piece of a title."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 3 and len(letters) >= 10 and all(c.isupper() for c in letters) \
        and find_date(text) is None and find_times(text)[0] is None and not label_of(text)


def _by_whom(rest: str) -> list[people.Person]:
    """The speaker after "A lecture by" with his organisation, when the sentence names one:
    "Professor Ann Lee, College of William and Mary. It will ...", "Professor Ann Lee of the
    University of Manchester."."""
    sent = re.split(r"(?<=[a-z]{2})\.\s+(?=[A-Z])|\.$", rest, maxsplit=1)[0].strip()

    def named_org(s: str | None) -> bool:  # ("MIT and a daylong celebration with ...": no name of one)
        return bool(s) and people.is_org(s) and all(
            w[:1].isupper() or w in ("of", "the", "and", "for", "at", "in", "de", "-", "–", "&")
            for w in (s or "").split())

    of = re.fullmatch(r"(.+?)\s+of\s+(?:the\s+)?(\S.*)", sent)
    if of and len(people.split_person(of[1])) == 1 and "," not in of[1] and named_org(of[2]):
        return [people.Person(people.split_person(of[1])[0].name, people.clean_affiliation(of[2]))]
    ps = people.split_person(sent)
    if len(ps) == 1 and named_org(ps[0].affiliation):
        return ps
    return []


def _split_outside_brackets(pattern: str, text: str) -> list[str]:
    """re.split, except inside brackets ("Yadira Hernández (Dpt. Applied Mathematics - UMA)"
    keeps its affiliation whole)."""
    depth, cuts = 0, []
    marks = {m.start(): m.end() for m in re.finditer(pattern, text)}
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and k in marks:
            cuts.append((k, marks[k]))
            k = marks[k]
            continue
        k += 1
    out, last = [], 0
    for a, b in cuts:
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    return out


_FUNCTION = frozenset("a an the of and or in on at for to from with by de du des la le et y und der die das "
                      "van von".split())


def _sentence_case(text: str) -> bool:
    """"Elite philanthropy", "Outliers and robust inference in archival accounting research":
    two or more words, the later ones lower case, no organisation word, no street or town."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 2 or people.is_org(text) or people.is_address(text) or not words[0][0].isupper() \
            or (words[0].isupper() and len(words[0]) > 1) or ". " in text:  # "EMG. A regime shift ..."
        return False
    content = [w for w in words[1:] if w.lower() not in _FUNCTION]
    return bool(content) and all(w.islower() for w in content) and any(len(w) >= 4 for w in content)


def _whole_affiliation(aff: str | None) -> bool:
    """No words after the organisation's head word ("Lab Nonmaterial performance" is not)."""
    if not aff:
        return True
    org, rest = people.split_org_prefix(aff)
    return org is None or not rest


_TERM_LINE = re.compile(r"(?i)(?:(?:spring|summer|fall|autumn|winter)\s+(?:term\s+|semester\s+)?)?"
                        r"(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?")
# a full stop closing a sentence, not an honorific's ("Prof. SIT Tony")
_SENTENCE_END = re.compile(r"(?<!\bProf)(?<!\bMrs)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<=[a-z]{2})\.\s+(?=[A-Z])")
_HONORIFIC_LEAD = re.compile(r"^(?:Prof\.?|Professor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+(\S.*)$")
# "J. N. Tata Auditorium, IISc, Bangalore": a name ending in a kind of building is a place
_PLACE_NAMED = re.compile(r"(?i)^[^,]{2,60}\s(?:auditorium|hall|building|theat(?:re|er)|lounge|atrium|"
                          r"library|pavilion)$")
# ("15h30: Bertrand Maury", "16h: Timothy Gowers": the French hour mark too)
_LEAD_TIME = re.compile(r"(?i)^(?:(?:12\s*)?noon|\d{1,2}(?:[:.]\d{2}|h\d{2}|h\b)?\s*(?:[ap]\.?\s?m\.?)?)"
                        r"(?:\s*[-–]\s*\d{1,2}(?:[:.]\d{2}|h\d{2}|h\b)?\s*(?:[ap]\.?\s?m\.?)?)?\s*[:,–-]?\s+(?=\S)")


def _after_clock(text: str) -> str:
    """The text after a clock time or range that leads it ("3-5pm, SLC508, ...")."""
    lead = _LEAD_TIME.match(text)
    return text[lead.end():] if lead and find_times(text[:lead.end()])[0] is not None else text


# "SLC508, Timothy Stock (Salisbury)": a room code before the speaker on a dated line
_LEAD_ROOM = re.compile(r"^((?-i:[A-Z]{2,5})\s?\d{2,4}[A-Za-z]?),\s+(?=\S)")


_KIND_THEN_NAME = re.compile(r"^((?:[A-Z][\w-]*\s+){1,3}(?:Seminar|Colloquium|Lecture|Talk|Webinar))\s+"
                             r"((?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w'’.-]+\s+[A-Z].{2,120})$")


def _take_segment(f: Fields, seg: str, line: str, is_anchor: bool = False, *,
                  before_title: bool = False) -> None:
    if not seg or re.match(r"^[a-z_]+:\s", seg) or _LINK_WORDS.match(seg.strip("() ")):
        return  # "layout: post": front matter keys; "(slides)": a link beside the talk
    if f.location and f.location in seg and len(seg) <= len(f.location) + 40 and not people.split_person(seg):
        return  # the place, already read from the dated line ("6 PM, Scales Room 102. Open to the Public")
    if _TERM_LINE.fullmatch(seg):
        return  # "Spring 2016": the next term's heading, not an affiliation
    if is_anchor:
        seg = _after_clock(seg)  # "12pm: Doug Nychka": the time was read with the date
    room = _LEAD_ROOM.match(seg) if is_anchor else None
    if room:
        f.location = f.location or room[1]
        seg = seg[room.end():]
    if re.fullmatch(r"(?i)\(?\s*week\s*\d+\s*\)?", seg):
        return
    by = re.fullmatch(r"(?i)(?:hosted|facilitated)\s+by\s+(.{3,60}?)\.?", seg)
    if by and people.is_name(by[1]):  # "Facilitated by Kate Fagan" under the speakers
        f.host = f.host or clean_text(people.strip_honorifics(by[1]))
        return
    hosted = _HOST_ASIDE.search(seg)
    if hosted:  # "Colloquium: David Nataf (Host: Jason Jackiewicz)"
        f.host = f.host or clean_text(people.strip_honorifics(hosted[1]))
        seg = (seg[:hosted.start()] + seg[hosted.end():]).strip()
    bare = f.bare_speaker_line
    f.bare_speaker_line = False
    aff_line, f.aff_line = f.aff_line, False
    typed = re.match(r"^(.{3,60}?):\s+(.+)$", seg)
    if typed and not people.split_person(typed[1]) and people.split_person(typed[2]) \
            and _TYPE_WORDS.search(typed[1]):
        f.talk_type = f.talk_type or typed[1]  # "Student Seminar: Name (Affiliation)"
        f.speakers.extend(people.split_person(typed[2]))
        return
    kind_first = _KIND_THEN_NAME.match(seg) if not f.speakers else None
    if kind_first and people.split_person(kind_first[2]) and not people.split_person(seg):
        # "Regular Seminar Luca Tagliacozzo (Strathclyde)": the series' kind glued to the name
        f.talk_type = f.talk_type or kind_first[1]
        f.speakers.extend(people.split_person(kind_first[2]))
        return
    if _NOTE.match(seg):
        return  # "Note 1: As the colloquium chair, ...": instructions, not a title
    if people.is_address(seg):
        return  # "Oak Ridge, Tennessee" under an affiliation
    talk_show = _INTERVIEW.match(seg) if not f.speakers else None
    if talk_show:
        # "Ward Bogaert interviewt José De Cauwer: De koers ...": the one interviewed speaks,
        # the interviewer hosts; "X in conversation with Y": X speaks, Y hosts
        a, b = people.split_person(talk_show[1]) or _last_two_words_as_name(talk_show[1]), \
            people.split_person(talk_show[3])
        if a and b:
            guest, host = (b, a) if talk_show[2].lower().startswith("interview") else (a, b)
            f.speakers.extend(guest)
            f.host = f.host or host[0].name
            if talk_show[4] and talk_show[4].strip():
                _set_title(f, talk_show[4])
            return
    lead = re.match(r"^([^():]{3,60}\([^()]{2,80}\))\s*:\s", seg)
    # (not "Tao Li (Rosi Group): Bio-Metal Organic Frameworks (MOFs)": a person leads)
    closing = people.trailing_people(seg) if not f.speakers and not f.title_given and "(" in seg \
        and not (lead and people.split_person(lead[1])) else None
    if closing:
        # "Title, Jonathan Kay (Quillette Magazine) and Professor Jennifer Koshan (Calgary)"
        f.speakers.extend(closing[1])
        _set_title(f, closing[0])
        return
    trailing = _TITLE_THEN_NAME.match(seg) if not f.speakers and not f.title_given else None
    if trailing and (not people.split_person(trailing[1])
                     or (trailing[2] and not _HONORIFIC_LEAD.match(trailing[1]))):
        # ("Owning Our History: Dr Vincent O'Malley": the honorific, not the capitals, says
        # which side is the person)
        who = people.split_person(trailing[2] or trailing[3])
        if len(who) == 1 and (trailing[3] or not who[0].affiliation):
            # "An Introduction to Dendrochronology: Dr Gretel Boswijk", "Science: Good, Bad
            # and Bogus: Doug Campbell, PhD": the honorific or degree marks the name at the end
            f.speakers.extend(who)
            _set_title(f, trailing[1])
            return
    named = re.match(r"^(.+?)\s*:(?:\s+|(?=[A-Z\"“]))(.+)$", seg)  # "Prof. X:Major Transitions" too
    # "Name: Title" only while the entry has no speaker yet ("Solar Eclipses: From ..." under
    # a speaker line is a title with a subtitle)
    head2 = named[2].split(",")[0] if named else ""
    if named and not f.title_given and not f.speakers and people.split_person(named[1]) \
            and not people.after_bracketed_person(named[1]) \
            and not (people.is_org(head2) and len(head2.split()) <= 6 and ":" not in head2) \
            and _whole_affiliation(people.split_person(named[1])[0].affiliation):
        f.speakers.extend(people.split_person(named[1]))  # "Name (Affiliation): Title"
        _set_title(f, named[2])
        f.colon_split = (len(f.speakers), seg)
        f.free_speaker_lines.append(seg)
        return
    if bare and people.is_name(seg) and "," not in seg and f.speakers \
            and not f.speakers[-1].affiliation:
        f.speakers[-1].affiliation = seg  # two name-like lines: a person, then a place
        return
    if find_times(seg)[0] is not None and len(seg.split()) <= 4:
        return
    if f.speakers and not f.title_given and re.match(r"^\w[^:]{2,60}:\s+\S", seg) \
            and len(seg.split()) <= 20 \
            and not people.is_org(seg) and not people.split_person(seg.split(":")[1]):
        _set_title(f, seg)  # a titled subtitle under the speaker, not "Name: Affiliation"
        return
    if aff_line and people.is_org(seg) and len(seg.split()) <= 8 and not _ROOMISH.search(seg):
        p = f.speakers[-1]
        p.affiliation = f"{p.affiliation}, {people.clean_affiliation(seg)}"  # "Dept" / "Univ"
        f.aff_line = True
        return
    if is_anchor and not f.location and re.fullmatch(r"[A-Z][A-Za-z.]{1,8}\s?\d{1,4}(?:\.\d{1,3})?[A-Za-z]?", seg):
        f.location = seg  # "Jan. 22 at 4pm - SLC 120": a room code beside the date
        return
    dash = re.split(r"\s+[-–—]\s+", seg, maxsplit=1)
    last = [m for m in re.finditer(r"\s+[-–—]\s+", seg)]
    if len(last) >= 2 and people.honoured(seg[last[-1].end():]):
        # "CMS – ein Groß-Experiment am LHC – Dr. Gordon Kaussen, ...": the title has a dash
        # of its own; the honorific marks the dash before the name
        dash = [seg[:last[-1].start()], seg[last[-1].end():]]
    if len(dash) == 2 and not f.title_given and not f.speakers and len(dash[0].split()) >= 2 \
            and people.split_person(dash[1]) and not people.is_org(dash[0]) \
            and (len(dash[0].split()) >= 4 or not people.is_name(dash[0])
                 or len(people.split_person(dash[1])) > 1 or "," in dash[1]):
        # "Full Spectrum Sustainability - Nathan Engstrom, Winona State University"
        f.speakers.extend(people.split_person(dash[1]))
        _set_title(f, dash[0])
        return
    at = re.match(r"(?:in|at)\s+((?:the\s+)?(?:room\s+)?[A-Z][\w.]*\s?[A-Z]?\d\w*(?:\s.*)?)$", seg)
    if at and len(seg.split()) <= 8:
        f.location = f.location or _clean_loc(at[1])  # "in UHall B660"
        return
    run, rest = people.bracketed_run(seg) if not f.speakers else ([], seg)
    if run:
        # "Meg Samuelson (U Adelaide) Ben Etherington (WSU) ‘Ideas of the South’"
        f.speakers.extend(run)
        q = _quoted(rest)
        if q:
            rest = q[1]
        else:  # "New staff publications – 3 members give short papers about their books."
            parts = re.split(r"\s+[-–—]\s+", rest, maxsplit=1)
            rest = parts[0] if len(parts) == 2 and len(parts[1].split()) >= 5 else rest
        if len(rest.split()) >= 2 and not f.title_given:
            _set_title(f, rest)
        return
    ps = people.split_person(seg) or (people.name_then_org(seg) if is_anchor else [])
    if ps and f.speakers and f.speakers[-1].affiliation and not f.title_given \
            and len(ps) == 1 and ps[0].affiliation is None and not f.speaker_labelled:
        # "Nathan Ng" / "(University of Lethbridge)" / "Inclusive Prime Number Races": a
        # name-shaped line after a whole speaker is the title
        f.weak_titles.append(_strip_title(seg))
        return
    if len(ps) == 1 and ps[0].affiliation and not f.title_given and not f.speakers \
            and _sentence_case(ps[0].affiliation):
        # "Mairi McLean, Elite philanthropy": what follows the name is a title in sentence
        # case, not an organisation
        f.speakers.append(people.Person(ps[0].name))
        f.free_speaker_lines.append(seg)
        _set_title(f, ps[0].affiliation)
        return
    known = {p.name.casefold() for p in f.speakers}
    if ps and f.speakers and all(p.name.casefold() in known for p in ps):
        # "Prof Reza Gholami" again under his photo: the speaker, named once already; named
        # again with an organisation ("David Nataf, Johns Hopkins University" below a
        # "Colloquium: David Nataf" heading), that is where he is from
        for p in ps:
            same = next(q for q in f.speakers if q.name.casefold() == p.name.casefold())
            if same.affiliation is None and p.affiliation and len(p.affiliation.split()) <= 8 \
                    and not people.is_job(p.affiliation) and not _sentence_case(p.affiliation):
                same.affiliation = p.affiliation
        return
    if ps and (not f.speakers or not f.title_given or len(seg.split(",")[0].split()) <= 4) \
            and not (f.speakers and f.title_given and f.abstract is None and len(seg) > 150):
        aff = ps[0].affiliation
        bracketed = bool(aff and re.search(r"\(\s*" + re.escape(aff.split()[0]), seg))
        # (not inside brackets: "(Inst. Math. Jussieu, Paris)" is one organisation)
        parts = prose.sentences(aff) if aff and not f.title_given and ". " in aff and not bracketed else []
        if len(parts) >= 2 and len(parts[0].split()) <= 8:
            # "Name, Affiliation. Title of the talk"
            for p in ps:
                p.affiliation = people.clean_affiliation(parts[0].rstrip("."))
            _set_title(f, " ".join(parts[1:]))
            aff = ps[0].affiliation
        if aff and (len(aff.split()) > 8 or ": " in aff) and not f.title_given \
                and "(" not in aff and not bracketed:
            # (an affiliation in brackets, or with an aside in brackets, is all organisation)
            # "Name, Yale University Center for X Title Of The Talk": one-line entries;
            # "Name, University of Manitoba Comparative Cognition: A bird's-eye view"
            org, rest = people.split_org_prefix(aff)
            if org and rest and (len(aff.split()) > 8 or (": " in rest and len(rest.split()) >= 3)):
                for p in ps:
                    p.affiliation = org
                _set_title(f, rest)
        if not f.speaker_labelled:
            f.speakers.extend(ps)
            f.free_speaker_lines.append(seg)
        elif not f.title_given:
            f.weak_titles.append(_strip_title(seg))  # the speaker is labelled: this is the title
        rest = people.after_bracketed_person(seg)
        q = _quoted(rest)
        rest = q[1] if q else re.sub(r"(?:\s+[-–—|]\s+(?:abstract|slides|video|pdf|poster))+\s*$", "",
                                     rest, flags=re.I)
        mode = _MODE.fullmatch(rest.strip(" .()"))
        if mode:
            if mode[1] and not f.location:
                f.location = mode[1]  # "Name (Affil). Online"
        elif len(rest.split()) >= 2 and not f.title_given:
            _set_title(f, rest)  # "Ann Lee (Princeton). Discrepancy Theory."
        f.bare_speaker_line = len(ps) == 1 and ps[0].affiliation is None
        return
    job_at = people.job_at(seg) if f.speakers and not f.speakers[-1].affiliation else None
    if job_at and people.is_org(job_at[1]) and len(seg.split()) <= 14:
        # "J. Mauricio Gaona" / "O'Brien Fellow at the McGill Centre for Human Rights"
        f.speakers[-1].affiliation = people.clean_affiliation(job_at[1])
        f.aff_line = True
        return
    if f.speakers and not f.speakers[-1].affiliation and len(seg.split()) <= 8 \
            and not f.abstract and not (_CAPTIONISH.search(seg) and not people.is_org(seg)) \
            and (people.is_org(seg) or f.title_given
                 or (bare and before_title and len(seg.split()) <= 4 and not f.weak_titles)) \
            and not seg.endswith("?") and not _ROOMISH.search(seg):
        aff = people.clean_affiliation(seg)
        if aff and f.dept_line and f.weak_titles and f.weak_titles[-1] == f.dept_line:
            # "Name" / "Physics & Astronomy" / "University of Pennsylvania": one affiliation
            aff = f"{f.weak_titles.pop()}, {aff}"
        for p in f.speakers:
            if not p.affiliation:
                p.affiliation = aff
        f.aff_line = aff is not None
        return
    if _ROOMISH.search(seg) and (is_anchor or re.search(r"\d", seg) or _PLACE_NAMED.match(seg.split(",")[0])) \
            and len(seg.split()) <= 8 and (not f.location or _clean_loc(seg) == f.location):
        f.location = _clean_loc(seg)  # the place, perhaps read already from the dated line
        return
    if (f.title or f.title_given) and f.speakers and len(seg.split()) >= 8:
        f.abstract = f.abstract or clean_text(seg)
        return
    if seg.startswith("[Abstract") or len(seg) > 250:
        f.abstract = f.abstract or clean_text(seg)
        return
    if find_times(seg)[0] is not None and (_ROOMISH.search(seg) or len(seg.split()) <= 8):
        if _ROOMISH.search(seg) and not f.location:
            f.location = _clean_loc(re.sub(r"^[^,]*\d[^,]*,\s*", "", seg))
        return  # "3:00–4:00 pm, Haag Hall Rm 313": the slot, not a title
    if re.match(r"(?i)(?:faculty|department|school|institute|division|college)\s+of\b", seg) \
            and len(seg.split()) <= 8 and not bare:
        return  # "Faculty of Business Studies and Economics": where, not what
    f.weak_titles.append(_strip_title(seg))
    f.dept_line = f.weak_titles[-1] if bare and len(seg.split()) <= 6 \
        and not re.search(r"\d", seg) else None
