"""Cut a flattened page into entries, one per talk candidate, and find its preamble.

- table rows under a header row: one entry each, cells tagged with their column's field;
- a flattened header line ("Date Speaker Title Host ...") over lines with no dates: the
  lines are dealt into columns in order, a new row starting when a line fits no later one;
- lines starting with a date: each starts an entry, running to the next such line;
- dates inside lines ("Delivered by X on May 2", "When: ..."): the entry is the date's line,
  the heading or short lines just above it, and the lines below it;
- what is left, labelled records ("Speaker: / Title: / Abstract:", undated or beside a
  dated list): each "Speaker:" line starts one, with the unlabelled title line above it.
The preamble is the lines before the first entry: where page-level defaults are stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seminars.scrapers.toolkit import people
from seminars.scrapers.toolkit.fields import label_of
from seminars.scrapers.toolkit.lines import Block
from seminars.scrapers.toolkit.tables import column_field, header_line_columns, is_header_cells
from seminars.scrapers.toolkit.when import find_date, find_times, year_hint_in


@dataclass
class Entry:
    items: list[tuple[str | None, Block]] = field(default_factory=list)  # (field hint, block)
    anchor: int = -1  # index in items of the line holding the date, -1 none
    year_hint: int | tuple[int, int] | None = None
    row: bool = False
    first: int = 0  # index of its first block in the page
    day_line: str | None = None  # a day's programme: the line that dates every slot in it
    columns: list[str | None] | None = None  # a header line above ("Date Topic Speaker")
    split: bool = False  # one talk of several cut from one dated entry: its date line is shared


# "****CANCELLED****March 11: ...": a status before the date still leads the line
_PREFIX_OK = re.compile(r"^[\W\d_]*(?:week\s*\d+\W*|(?:cancell?ed|postponed)\W*)?$", re.I)
# "7:30 p.m., Monday, Feb. 9: ...": a clock first, then the day with its weekday (a news
# item's "4:13 p.m., Sept. 1, 2015–" timestamp names no weekday)
_CLOCK_FIRST = re.compile(r"^\W*(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*[-–]\s*)?"
                          r"\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?\W*$", re.I)  # ("1pm-2.30pm, Tuesday, 12 December")


# "Last updated May 31, 2004": when the page was edited, not when a talk is
_STAMP = re.compile(r"(?i)^\W*(?:(?:last|page)\s+)?(?:updated|modified|revised|edited|posted|published)\b")


def leading_date(b: Block) -> bool:
    if b.kind not in ("line", "heading") or _STAMP.match(b.text):
        return False
    if label_of(b.text):
        return False
    hit = find_date(b.text)
    if hit is None or hit.start > 24 or (hit.start > 14 and not re.search(r"(?i)cancel|postpone",
                                                                          b.text[:hit.start])):
        return False
    return bool(_PREFIX_OK.match(b.text[:hit.start])) or (hit.weekday is not None
                                                          and bool(_CLOCK_FIRST.match(b.text[:hit.start])))


def _bare_date(text: str) -> bool:
    hit = find_date(text)
    return hit is not None and hit.start == 0 and hit.end >= len(text.strip()) - 1


def inner_date(b: Block) -> bool:
    if b.kind not in ("line", "heading") or len(b.text) > 300 or _STAMP.match(b.text):
        return False
    lab = label_of(b.text)
    if lab and lab[0] == "when":
        return find_date(b.text) is not None
    hit = find_date(b.text)
    if hit is not None and 200 <= len(b.text) < 320:
        # 'Name (Affiliation) "A long title ..." Ada Byron Research Centre, 20th of January,
        # 2023': a one-line entry with its title quoted, not a paragraph
        quote = re.search(r"[\"“]([^\"“”]{12,240})[\"”]", b.text)
        return quote is not None and quote.end() <= hit.start and len(quote[1].split()) >= 3
    return hit is not None and len(b.text) < 200


def segment(blocks: list[Block], page_hint: int | tuple[int, int] | None
            ) -> tuple[list[Entry], list[Block]]:
    entries: list[Entry] = []
    _label_rows_to_lines(blocks)
    _join_alone_labels(blocks)
    hints = _hints(blocks, page_hint)
    used = [False] * len(blocks)
    _tables(blocks, hints, entries, used)
    free = [i for i, b in enumerate(blocks) if not used[i]]
    if _person_headings_lead(blocks, free):
        # "### Dr. Jim Davis (Richmond)" / title / date / time / room: each speaker's heading
        # opens the entry and its date sits below
        _by_person_headings(blocks, hints, entries, used)
        free = [i for i, b in enumerate(blocks) if not used[i]]
    if _numbered_items_hold_one_date(blocks, free):
        # "1. Title" / "Dr. Name, Affiliation" / "March 25th, 2004": each numbered item is a
        # talk, whichever of its lines holds the date
        _by_numbered(blocks, free, hints, entries, used)
        free = [i for i, b in enumerate(blocks) if not used[i]]
    leads = [i for i in free if leading_date(blocks[i])]
    if len(leads) == 1 and _bare_date(blocks[leads[0]].text) \
            and sum(1 for i in free if i > leads[0] and inner_date(blocks[i])
                    and (not _prose(blocks[i].text) or blocks[i].text.lstrip()[:1] in "\"“")) >= 2:
        # "August 10, 2002" heading a news item whose lineup dates each talk in its own line
        # ('"Guns, Germs and Steel" by Jared Diamond, 7:30 p.m. Oct. 24, Lied Center.'), not
        # sentences about one talk
        leads = []
    slots = [i for i in free if _slot_line(blocks[i])]
    dated = sum(1 for i in free if blocks[i].kind in ("line", "heading") and find_date(blocks[i].text))
    if (not leads and len(slots) >= 3 and dated <= 2) or _one_programme(blocks, free, leads, slots):
        # one day's programme, not a list of days
        _by_slots(blocks, free, slots, hints, entries, used)
    elif leads and (tail := _trailing_dates(blocks, free, leads)) is not None:
        _by_trailing_dates(blocks, free, leads, tail, hints, entries, used)
    elif leads and _dates_close_entries(blocks, free, leads):
        _by_closing_dates(blocks, free, leads, hints, entries, used)
    elif leads:
        _by_leading(blocks, free, leads, hints, entries, used)
    else:
        inner = [i for i in free if inner_date(blocks[i])]
        if inner:
            _by_inner(blocks, free, inner, hints, entries, used)
        else:
            _by_header_line(blocks, free, hints, entries, used)
    _by_labels(blocks, hints, entries, used)
    _by_person_headings(blocks, hints, entries, used)
    entries.sort(key=lambda e: e.first)  # page order, whichever rule found them
    first = min((i for i, u in enumerate(used) if u), default=len(blocks))
    preamble = [b for i, b in enumerate(blocks[:first]) if b.kind == "line"]
    return entries, preamble


def _hints(blocks: list[Block], page_hint):
    """The year in force at each block: the last heading or short line naming one."""
    out, cur = [], page_hint
    for b in blocks:
        if b.kind in ("heading", "line") and not leading_date(b):
            h = year_hint_in(b.text, lone=b.kind == "heading" or len(b.text.split()) <= 12)
            if h is not None and not (isinstance(page_hint, tuple) and h == page_hint[0]
                                      and find_date(b.text) is not None):
                # (a dated line in the page's first year, "Archive for Saturday, August 10,
                # 2002", does not undo a season the page spans: Feb. 20 is still 2003's)
                cur = h
        out.append(cur)
    return out


def _tables(blocks, hints, entries, used) -> None:
    i = 0
    while i < len(blocks):
        if blocks[i].kind != "row":
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "row":
            j += 1
        cols: list[str | None] | None = None
        if not any(blocks[k].header or is_header_cells(blocks[k].cells) for k in range(i, j)):
            cols = infer_columns([blocks[k].cells for k in range(i, j)])
        found: list[Entry] = []
        for k in range(i, j):
            b = blocks[k]
            used[k] = True
            if b.header or (cols is None and is_header_cells(b.cells)):
                cols = [column_field(c) for c in b.cells]
                continue
            e = Entry(year_hint=hints[k], row=True, first=k)
            for n, cell in enumerate(b.cells):
                hint = cols[n] if cols and n < len(cols) else None
                if cols and n < len(cols) and cols[n] is None:
                    continue  # Week, Photo, Slides: columns no field is read from
                for part in cell.split("\n"):
                    if part.strip():
                        e.items.append((hint, Block("line", part.strip(), links=b.links)))
            found.append(e)
        roster = cols is not None and not {"when", "title"} & set(cols) \
            and not any(find_date(blocks[k].text) for k in range(i, j))
        if not roster:  # ("Paper Presenters | Literature Readers", name by name: who is next, no talks)
            entries.extend(found)
        i = j


def infer_columns(rows: list[list[str]]) -> list[str | None] | None:
    """A table without a header row ("January 24 | Bartek Czech | Tsinghua Univ. | Distance is
    Information"): its columns' fields, voted by what most of their cells look like. None
    unless the vote finds a date or title column and a speaker column; unknown columns stay
    free text ("description")."""
    width = len(rows[0]) if rows else 0
    if len(rows) < 3 or width < 3 or any(len(r) != width for r in rows):
        return None

    def share(n: int, test) -> float:
        cells = [r[n].strip() for r in rows if r[n].strip()]
        return sum(bool(test(c)) for c in cells) / len(cells) if cells else 0.0

    def words(n: int) -> float:
        cells = [r[n] for r in rows if r[n].strip()]
        return sum(len(c.split()) for c in cells) / len(cells) if cells else 0.0

    cols: list[str | None] = ["description"] * width
    for n in range(width):
        if share(n, lambda c: (h := find_date(c)) is not None and h.start <= 12) >= 0.6:
            cols[n] = "when"
    speaker = next((n for n in range(width) if cols[n] == "description"
                    and share(n, lambda c: people.is_name(people.strip_honorifics(c))) >= 0.6), None)
    if speaker is None:
        return None
    cols[speaker] = "speaker"
    free = [n for n in range(width) if cols[n] == "description" and words(n) >= 1]
    if not free:
        return None
    title = max(free, key=words)
    if words(title) < 3:
        return None
    cols[title] = "title"
    for n in free:
        if n != title and share(n, lambda c: people.is_org(c) or len(c.split()) <= 4) >= 0.6 \
                and words(n) <= 5 and "affiliation" not in cols:
            cols[n] = "affiliation"
    return cols


def _alone_label(text: str) -> bool:
    lab = label_of(text)
    return bool(lab) and not lab[1] and lab[0] != "meta"  # type: ignore[index]


def _join_alone_labels(blocks: list[Block]) -> None:
    """"When:" / "Tuesday, October 12, 2010 at 11:00 AM" on the next line: one labelled line,
    so the date is the labelled record's, not the start of a list entry of its own."""
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        b = blocks[k]
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        lab = label_of(b.text) if b.kind in ("line", "heading") else None
        # (a definition list's "Date" / "2023-07-19" too: the bare word over its date)
        if nxt is not None and lab and lab[0] in ("when", "location") and not lab[1] \
                and (b.text.rstrip().endswith(":") or (lab[0] == "when" and find_date(nxt.text) is not None
                                                        and len(b.text.split()) == 1)) \
                and nxt.kind == "line" and not label_of(nxt.text) and len(nxt.text) < 120:
            sep = " " if b.text.rstrip().endswith(":") else ": "
            out.append(Block("line", f"{b.text.strip()}{sep}{nxt.text}", links=nxt.links))
            k += 2
            continue
        out.append(b)
        k += 1
    blocks[:] = out


def _label_rows_to_lines(blocks: list[Block]) -> None:
    """"| When: | 12.04.2018 |" rows: a two-column table of labels and values is a labelled
    block laid out as a table, so its rows become "When: 12.04.2018" lines. A table used for
    layout (most rows one cell: "Date: April 22, 2020" / "Presenter: X" / "2:30 PM | Title")
    becomes lines too."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "row":
            j += 1
        run = blocks[i:j]
        cells = [[c for c in b.cells if c.strip()] for b in run]
        if len(run) >= 4 and not any(b.header for b in run) \
                and sum(len(c) <= 1 for c in cells) * 10 >= len(run) * 6:
            for k, c in zip(range(i, j), cells, strict=True):
                blocks[k] = Block("line", " · ".join(x.replace("\n", " ") for x in c),
                                  links=blocks[k].links) if c else Block("rule")
            i = j
            continue
        if run and all(len(c) == 2 for c in cells) \
                and sum(bool(label_of(c[0].rstrip(": ") + ":")) for c in cells) * 2 >= len(run):
            for k, c in zip(range(i, j), cells, strict=True):
                blocks[k] = Block("line", f"{c[0].rstrip(': ')}: {c[1]}", links=blocks[k].links)
        i = max(j, i + 1)


# "Past Seminars", "Our past speakers", "Upcoming talks": a caption that opens another part
# of the page (read as a boundary only on a short line of its own)
SECTION = re.compile(r"(?i)(?:(?:our|the)\s+)?(?:(?:past|upcoming|previous|future|recent|current|next|"
                     r"this\s+(?:week|term|semester)'?s?|all|spring|summer|fall|autumn|winter|"
                     r"\d{4}(?:\s*[-–/]\s*\d{2,4})?)\s+)+(?:seminars?|talks?|colloqui(?:um|a)|lectures?|events?|"
                     r"speakers?|schedule|meetings?|presentations?)(?:\s+(?:series|schedule|list|archive))?")


def _boundary(b: Block) -> bool:
    return b.kind in ("rule", "row") or (b.kind == "line" and len(b.text) <= 40
                                         and SECTION.fullmatch(b.text.strip(" :")) is not None)


def _talk_line(text: str) -> bool:
    """"Title - Name, Affiliation" or "Name, Affiliation": a line naming a speaker."""
    if len(text) > 300 or find_date(text) is not None:
        return False
    parts = re.split(r"\s+[-–—]\s+", text)
    return len(parts) >= 2 and any(people.split_person(p) for p in parts[1:])


def _numbered_groups(blocks, free) -> list[list[int]]:
    """Runs of free lines from one numbered item ("1.", "2.", ... in order) to the next."""
    starts = [n for n, i in enumerate(free) if blocks[i].num]
    nums = [blocks[free[n]].num for n in starts]
    if len(starts) < 2 or nums != list(range(nums[0], nums[0] + len(nums))):
        return []
    groups = []
    for k, n in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(free)
        group = []
        for m in range(n, end):
            b = blocks[free[m]]
            if b.kind != "line" or (m > n and _caption(b.text)):
                break
            group.append(free[m])
        groups.append(group)
    # the last item runs to the page's footer ("organized by X", "Last updated May 31"): it
    # is no longer than the longest other one
    groups[-1] = groups[-1][:max(len(g) for g in groups[:-1])]
    return groups


def _numbered_items_hold_one_date(blocks, free) -> bool:
    groups = _numbered_groups(blocks, free)
    return bool(groups) and all(
        not leading_date(blocks[g[0]]) and len(g) <= 8
        and sum(1 for i in g if inner_date(blocks[i])) == 1 for g in groups)


def _by_numbered(blocks, free, hints, entries, used) -> None:
    for g in _numbered_groups(blocks, free):
        e = Entry(year_hint=hints[g[0]], first=g[0])
        for i in g:
            if inner_date(blocks[i]):
                e.anchor = len(e.items)
            e.items.append((None, blocks[i]))
            used[i] = True
        entries.append(e)


def _dates_close_entries(blocks, free, leads) -> bool:
    """Talks printed above their date ("Title - Name, Affil" / "Jan. 22 at 4pm - SLC 120"):
    the list's first line, right under a heading or caption, is a "Title - Who" line and
    not a date, so the dates close entries rather than open them."""
    pos = free.index(leads[0])
    if pos < 2:
        return False
    first, above = blocks[free[pos - 1]], blocks[free[pos - 2]]
    if first.kind != "line" or len(first.text) > 300 or first.text.rstrip().endswith(".") \
            or year_hint_in(first.text) is not None:
        return False
    parts = re.split(r"\s+[-–—]\s+", first.text)
    if len(parts) < 2 or not re.search(r"\b[A-Z]", parts[-1]) or label_of(first.text) \
            or re.match(r"^\s*\w+\s*:\s", first.text):
        return False  # ("Schedule: Fridays, 3:00pm – 4:30pm in ...": a labelled default, no talk)
    if find_times(first.text)[0] is not None:
        return False  # "Life Science 175 - 3:30 pm (unless otherwise indicated)": the default slot
    return above.kind == "heading" or (above.kind == "line" and (
        _caption(above.text) or len(above.text.split()) <= 6))


def _trailing_dates(blocks, free, leads) -> int | None:
    """Series / title / "Join Dr. X as he discusses ..." / "- September 23, 7:00 p.m." / "-
    venue", again and again: records of the same length whose date comes near their end. The
    sign is the last date: fewer lines follow it than lie between any two dates. Returns how
    many lines follow each date (None when the dates lead their entries)."""
    if len(leads) < 3:
        return None
    pos = {i: n for n, i in enumerate(free)}
    at = [pos[i] for i in leads]
    gaps = {b - a - 1 for a, b in zip(at, at[1:], strict=False)}
    if len(gaps) != 1:
        return None
    gap = gaps.pop()
    if gap < 3 or any(blocks[free[n]].kind != "line" for n in range(at[0], at[-1])):
        return None
    tail = 0
    while at[-1] + tail + 1 < len(free) and blocks[free[at[-1] + tail + 1]].kind == "line" and tail < gap:
        tail += 1
    head = gap - tail
    if not 1 <= tail <= 2 or head < 2 or at[0] < head \
            or any(blocks[free[n]].kind != "line" or _caption(blocks[free[n]].text) for n in range(at[0] - head, at[0])):
        return None
    return tail


def _by_trailing_dates(blocks, free, leads, tail, hints, entries, used) -> None:
    pos = {i: n for n, i in enumerate(free)}
    gap = pos[leads[1]] - pos[leads[0]] - 1
    head = gap - tail
    for i in leads:
        n = pos[i]
        e = Entry(year_hint=hints[i], first=free[n - head], anchor=head)
        for m in range(n - head, n + tail + 1):
            e.items.append((None, blocks[free[m]]))
            used[free[m]] = True
        entries.append(e)


def _by_closing_dates(blocks, free, leads, hints, entries, used) -> None:
    """Each date line ends its entry: the entry is the lines since the previous date line
    (at most three, back to a heading)."""
    lead_set = set(leads)
    pos = {i: n for n, i in enumerate(free)}
    for i in leads:
        n = pos[i]
        start = n
        while start - 1 >= 0 and n - start < 3 and free[start - 1] not in lead_set:
            prev = blocks[free[start - 1]]
            if prev.kind != "line" or _caption(prev.text) or used[free[start - 1]]:
                break
            start -= 1
        e = Entry(year_hint=hints[i], first=free[start])
        for m in range(start, n + 1):
            e.items.append((None, blocks[free[m]]))
            used[free[m]] = True
        e.anchor = len(e.items) - 1
        entries.append(e)


def _by_leading(blocks, free, leads, hints, entries, used) -> None:
    lead_set = set(leads)
    group: list[Entry] = []
    cur: Entry | None = None
    cols = None
    # "Albert Libchaber (The Rockefeller University)" / "30 December 2009, 17:30" / room /
    # abstract: when every date has a speaker line right above it, that line opens the talk
    where = {i: n for n, i in enumerate(free)}
    above_of = [free[where[i] - 1] for i in leads if where[i] > 0]
    person_above = len(leads) >= 2 and len(above_of) == len(leads) and all(
        j not in lead_set and blocks[j].kind == "line" and len(blocks[j].text) < 150
        and people.split_person(blocks[j].text) and not find_date(blocks[j].text) for j in above_of)
    # or, date by date, the speaker line with the affiliation line under it
    takes: dict[int, list[int]] = {}
    if not person_above and len(leads) >= 2:
        for i in leads:
            k = where[i]
            above2 = [j for j in free[max(0, k - 2):k] if j not in lead_set]
            if len(above2) == 2 and _person_then_org(blocks[above2[0]], blocks[above2[1]]):
                takes[i] = above2
            elif above2 and above2[-1] == free[k - 1] and _honoured_person(blocks[above2[-1]]):
                takes[i] = above2[-1:]
        if len(takes) < len(leads) or not any(len(t) == 2 for t in takes.values()):
            takes = {}
    if not person_above and not takes and len(leads) >= 3:
        # "Miriam Kolar Colloquium" / "Wednesday, October 5, 2016, 12:00–1:00 pm, Title": a
        # "Name Colloquium" line over every date (but the first, under its month) is that
        # talk's speaker
        kind_above = {i: [free[where[i] - 1]] for i in leads
                      if where[i] > 0 and blocks[free[where[i] - 1]].kind == "line"
                      and people.name_before_kind(blocks[free[where[i] - 1]].text)}
        if len(kind_above) >= len(leads) - 1:
            takes = kind_above
    for i in free:
        b = blocks[i]
        if i not in lead_set and b.kind == "line" and header_line_columns(b.text):
            cols = header_line_columns(b.text)
        if i in lead_set:
            prev_cur = cur
            cur = Entry(year_hint=hints[i], anchor=0, first=i, columns=cols)
            k = where[i]
            above = blocks[free[k - 1]] if k else None
            if above is not None and (person_above or (above.kind == "heading"
                                                       and people.person_and_title(above.text)[0])):
                # "### Name (Affil): Title" over "##### Montag, 20.01.2020 14:00": the talk's
                # heading sits above its date
                if prev_cur is not None and prev_cur.items and prev_cur.items[-1][1] is above:
                    prev_cur.items.pop()
                cur.items.append((None, above))
                cur.anchor, cur.first = 1, free[k - 1]
                used[free[k - 1]] = True
                title = blocks[free[k - 2]] if person_above and k >= 2 else None
                if title is not None and free[k - 2] not in lead_set and title.kind == "line" \
                        and not _prose(title.text) and not find_date(title.text) and len(title.text.split()) <= 30 \
                        and not people.split_person(title.text) and not label_of(title.text):
                    # "‘How much Chardonnay ...’" / "Prof. X, ..." / "Monday 27 November 2017": the
                    # title above the speaker above the date
                    if prev_cur is not None and prev_cur.items and prev_cur.items[-1][1] is title:
                        prev_cur.items.pop()
                    cur.items.insert(0, (None, title))
                    cur.anchor, cur.first = 2, free[k - 2]
                    used[free[k - 2]] = True
            elif takes.get(i):
                # "Dr. Hideki Maeda" / "Hokkai-Gakuen University (Sapporo, Japan)" / "Friday,
                # Oct. 21, 3:30 pm, 330 Allen" / "Title": the speaker and the affiliation above
                # every date
                two = takes[i]
                if prev_cur is not None:
                    prev_cur.items = [it for it in prev_cur.items if not any(it[1] is blocks[j] for j in two)]
                cur.items[:0] = [(None, blocks[j]) for j in two]
                cur.anchor, cur.first = len(two), two[0]
                for j in two:
                    used[j] = True
            elif not group and not person_above:
                lead_in = _lead_in(blocks, free, k)
                if lead_in:
                    # "The 100 Year Odyssey ..." / "Prof. Barry C. Barish, Caltech" / "Sept. 21,
                    # 3 pm, ...": the first talk printed title-first, the rest date-first
                    cur.items[:0] = [(None, blocks[j]) for j in lead_in]
                    cur.anchor, cur.first = len(lead_in), lead_in[0]
                    for j in lead_in:
                        used[j] = True
            cur.items.append((None, b))
            used[i] = True
            group.append(cur)
            continue
        if cur is None:
            continue
        # (a heading under "28 Nov" / "11:30 AM" is that talk's title: a card's date column,
        # then the card)
        clock_only = all(find_times(it[1].text)[0] is not None and len(it[1].text.split()) <= 4
                         for it in cur.items[cur.anchor + 1:])
        if _boundary(b) or (b.kind == "heading" and len(cur.items) > 1 and not clock_only) \
                or header_line_columns(b.text):
            cur = None
            continue
        cur.items.append((None, b))
        used[i] = True
    # A heading line printed just above a date and again under it ("Colloquium: X" / "Oct 12"
    # / "Colloquium: X") is the next entry's, not the tail of this one.
    # (seen on the first entry: the line above its date is its own second line)
    pos = free.index(group[0].first) if group else 0
    echoed = bool(group) and pos > 0 and len(group[0].items) > 1 \
        and blocks[free[pos - 1]].text == group[0].items[1][1].text
    for a, b in zip(group, group[1:], strict=False) if echoed else ():
        last = a.items[-1][1].text if len(a.items) > 1 else ""
        if last and len(last) < 150 and any(it[1].text == last for it in b.items[1:3]):
            a.items.pop()
    # A closing paragraph after one-line entries is the page's, not the last talk's.
    if len(group) >= 3 and all(len([it for it in e.items[e.anchor + 1:] if year_hint_in(it[1].text) is None]) == 0
                               for e in group[:-1]) \
            and not any(b.kind == "line" and len(b.text) < 120 and (ps := people.split_person(b.text))
                        and ps[0].affiliation for _, b in group[-1].items[group[-1].anchor + 1:][:3]):
        # (unless what follows names speakers: "Caleb Everett, University of Miami (3-4 pm):"
        # under the day of a two-speaker event)
        group[-1].items = group[-1].items[:group[-1].anchor + 1]
    entries.extend(group)


def _honoured_person(b: Block) -> bool:
    """"Dr. Hideki Maeda", "Dr. D. Weaver, U of T": one person's line, an honorific first."""
    return b.kind == "line" and len(b.text) < 150 and not find_date(b.text) \
        and len(people.split_person(b.text)) == 1 and people.honoured(b.text)


def _person_then_org(p: Block, o: Block) -> bool:
    """"Dr. Hideki Maeda" over "Hokkai-Gakuen University (Sapporo, Japan)": a person line
    (an honorific says so) over an organisation line."""
    return _honoured_person(p) and o.kind == "line" and len(o.text) <= 120 and not find_date(o.text) \
        and (people.is_org(o.text) or bool(re.search(r"\b(?:U|Univ)\.?\s+of\b|\bU of\b", o.text))) \
        and not people.split_person(o.text)


def _lead_in(blocks, free, k) -> list[int]:
    """The title and speaker lines right above the first date line, when they read so: a
    person line (an honorific or an affiliation says so) over nothing, or under a short
    title line; not the page's prose."""
    if k < 1:
        return []
    p1 = blocks[free[k - 1]]
    if p1.kind != "line" or len(p1.text) > 150 or find_date(p1.text) or label_of(p1.text):
        return []
    who = people.split_person(p1.text)
    if len(who) != 1 or not (people.is_org(who[0].affiliation) or people.honoured(p1.text)):
        return []
    p2 = blocks[free[k - 2]] if k >= 2 else None
    if p2 is not None and p2.kind == "line" and len(p2.text.split()) <= 25 and not find_date(p2.text) \
            and not p2.text.rstrip().endswith((".", ":")) and not label_of(p2.text) \
            and not people.split_person(p2.text):
        return [free[k - 2], free[k - 1]]
    return [free[k - 1]]


def _by_inner(blocks, free, inner, hints, entries, used) -> None:
    pos = {i: n for n, i in enumerate(free)}
    taken_until = -1
    opens = _dates_open_records(blocks, free, inner, pos)
    for k, i in enumerate(inner):
        n = pos[i]
        start = n
        back = 0
        labelled = _labelled_when(blocks[i])
        while start - 1 > taken_until and back < 3 and not opens:
            prev = blocks[free[start - 1]]
            if prev.kind == "heading":
                start -= 1
                break
            if prev.kind != "line" or len(prev.text) > 160 or _is_abstract_label(prev.text) \
                    or _prose(prev.text) or (labelled and _timed(prev.text)) or _boundary(prev):
                break  # above "Date: ...", a line with a clock time ends the previous record
            start -= 1
            above = blocks[free[start - 1]] if start - 1 > taken_until else None
            if not (labelled and (label_of(prev.text) or (above is not None and above.kind == "line"
                                                          and _alone_label(above.text)))):
                back += 1  # a labelled record's "Speaker:" / "Dr. X" lines are one field each
        stop = pos[inner[k + 1]] if k + 1 < len(inner) else len(free)
        if k + 1 < len(inner) and not opens:  # leave the next entry its own title lines
            nxt = pos[inner[k + 1]]
            j = nxt
            labelled = _labelled_when(blocks[inner[k + 1]])
            while j - 1 > n and nxt - j < 3:
                prev = blocks[free[j - 1]]
                if prev.kind == "heading":
                    j -= 1
                    break
                if prev.kind != "line" or len(prev.text) > 160 or _prose(prev.text) \
                        or (labelled and _timed(prev.text)) or _boundary(prev) \
                        or _is_abstract_label(prev.text):  # an abstract closes the record above
                    break
                j -= 1
            stop = j
        e = Entry(year_hint=hints[i], first=free[start])
        for m in range(start, stop):
            b = blocks[free[m]]
            if _boundary(b):
                break
            if free[m] == i:
                e.anchor = len(e.items)
            e.items.append((None, b))
            used[free[m]] = True
        taken_until = stop - 1
        entries.append(e)


def _by_labels(blocks, hints, entries, used) -> None:
    """Labelled records among the blocks no other rule took: one per "Speaker:" line (or per
    "Title:" line where no speaker is labelled), with up to two short unlabelled lines just
    above it (the talk's title), to the next record, heading, rule or taken block."""
    labs = [label_of(b.text) if b.kind == "line" and not used[i] else None
            for i, b in enumerate(blocks)]
    key = "speaker" if any(lab and lab[0] == "speaker" for lab in labs) else "title"
    starts = [i for i, lab in enumerate(labs) if lab and lab[0] == key]
    if not starts:
        return
    # the record's first label is the one the records repeat ("Title:" over "Speaker:")
    for n, i in enumerate(starts):
        j = i
        while j - 1 >= 0 and (above := labs[j - 1]) and above[0] not in (key, "abstract", "bio") \
                and (n == 0 or j - 1 > starts[n - 1]):
            j -= 1
        starts[n] = j
    firsts = []
    for n, i in enumerate(starts):
        start, back = i, 0
        floor = starts[n - 1] if n else -1
        # a record that opens with its own label ("Date: ..." above "Presenter: ...") has
        # no unlabelled title above it: the line there ends the previous record
        opens_labelled = (own := labs[i]) is not None and own[0] != key
        while not opens_labelled and start - 1 > floor and not used[start - 1] and back < 2:
            prev = blocks[start - 1]
            if prev.kind not in ("line", "heading") or labs[start - 1] or len(prev.text) > 160 \
                    or _caption(prev.text) or _boundary(prev):
                break
            start -= 1
            back += 1
            if prev.kind == "heading":
                break
        firsts.append(start)
    for n, i in enumerate(starts):
        stop = firsts[n + 1] if n + 1 < len(starts) else len(blocks)
        e = Entry(year_hint=hints[i], first=firsts[n])
        for m in range(firsts[n], stop):
            b = blocks[m]
            if used[m] or _boundary(b) or (m > i and (b.kind == "heading" or _caption(b.text))):
                break
            lab = labs[m]
            e.items.append(("when" if lab and lab[0] == "when" and find_date(b.text) else None, b))
            used[m] = True
        entries.append(e)


def _prose(text: str) -> bool:
    """An abstract's placeholder or a sentence: the end of a talk, not the head of the next."""
    t = text.strip()
    return t.startswith("[") or (len(t.split()) >= 12 and t.endswith(".") and not _title_case(t))


def _title_case(t: str) -> bool:
    """"Financial Crisis and the Political Pendulum: How Trade Wars ... Created American
    Presidents.": most longer words capitalised, a title that ends in a full stop."""
    long = [w for w in re.findall(r"[^\W\d_][\w'’-]*", t) if len(w) >= 4]
    return len(long) >= 5 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


_SLOT = re.compile(r"^\W{0,3}\d{1,2}[:.]\d{2}\b")


def _slot_line(b: Block) -> bool:
    return b.kind == "line" and bool(_SLOT.match(b.text)) and len(b.text) < 400


def _one_programme(blocks, free, leads, slots) -> bool:
    """Three or more time-led lines with no date among them, under at most one leading date
    ("28 February, 2019, Stockholm" / "14:40-15:10 Title" / "Name, Affiliation" ...)."""
    if len(slots) < 3 or len(leads) > 1 or (leads and leads[0] > slots[0]):
        return False
    inside = [i for i in free if slots[0] < i < slots[-1] and i not in set(slots)]
    return not any(blocks[i].kind in ("line", "heading") and find_date(blocks[i].text) for i in inside)


def _by_slots(blocks, free, slots, hints, entries, used) -> None:
    """A day's programme ("10:00: Name, Affiliation. Title"): each time-led line is one entry,
    dated by the last dated line above it; the line below it is its own when it names a
    person ("14:40-15:10 Superheavy elements" / "Sergey Dmitriev, JINR, Moscow")."""
    slot_set = set(slots)
    day = None
    for n, i in enumerate(free):
        b = blocks[i]
        if i in slot_set:
            e = Entry(items=[(None, b)], year_hint=hints[i], first=i, day_line=day)
            used[i] = True
            nxt = free[n + 1] if n + 1 < len(free) else None
            head = re.sub(r"^\s*[-–]\s*\d{1,2}[:.]\d{2}\b", "", _SLOT.sub("", b.text)).strip()
            own_next = nxt is not None and nxt not in slot_set and blocks[nxt].kind == "line" \
                and find_date(blocks[nxt].text) is None
            if own_next and people.split_person(blocks[nxt].text) \
                    and not people.split_person(head.strip(" :,-–")):
                e.items.append((None, blocks[nxt]))
                used[nxt] = True
            elif own_next and head.endswith(":") and people.split_person(head.strip(" :")) \
                    and not people.split_person(blocks[nxt].text) and len(blocks[nxt].text.split()) >= 2:
                # "9:30 – 10:15 Helen Gleeson:" over "Phase transitions in ...": her title
                e.items.append(("title", blocks[nxt]))
                used[nxt] = True
            entries.append(e)
        elif b.kind in ("line", "heading") and find_date(b.text) is not None and not used[i] \
                and not _NOT_THE_DAY.search(b.text) \
                and (b.kind == "heading" or leading_date(b) or len(b.text.split()) <= 10
                     or _TAKES_PLACE.search(b.text)):
            # not a date in a paragraph ("published on 17 February, ie 3 March"), unless it
            # says the day is held then ("All talks will take place on the 7 January 2020 in")
            day = b.text


_NOT_THE_DAY = re.compile(r"(?i)\b(?:deadline|register\s+by|registration|submissions?|apply\s+by)\b")
_TAKES_PLACE = re.compile(r"(?i)\b(?:will\s+take\s+place|takes\s+place|will\s+be\s+held|is\s+held)\s+on\b")


def _person_headings_lead(blocks, free) -> bool:
    heads = [i for i in free if blocks[i].kind == "heading" and people.person_and_title(blocks[i].text)[0]]
    if len(heads) < 2:
        return False
    if any(leading_date(blocks[k]) for i in heads for k in range(max(0, i - 2), i)):
        return False  # "28 Nov" / "11:30 AM" over the heading: a date column, then the card
    spans = zip(heads, [*heads[1:], len(blocks)], strict=True)
    return all(any(blocks[k].kind in ("line", "heading") and find_date(blocks[k].text)
                   for k in range(a + 1, min(b, a + 8))) for a, b in spans)


def _by_person_headings(blocks, hints, entries, used) -> None:
    """Undated headings that name a speaker ("# Colloquium: Nati Linial (HUJI) - Hypertrees"):
    each is an entry, to the next heading."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "heading" and not used[i]
             and people.person_and_title(b.text)[0]]
    if len(heads) < 2 and not (heads and not entries):
        return
    for n, i in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else len(blocks)
        e = Entry(year_hint=hints[i], first=i)
        for m in range(i, stop):
            b = blocks[m]
            if used[m] or _boundary(b) or (m > i and b.kind == "heading" and not find_date(b.text)):
                break  # a dated heading ("##### Montag, 20.01.2020 14:00") is this talk's
            e.items.append((None, b))
            used[m] = True
        entries.append(e)


def _dates_open_records(blocks, free, inner, pos) -> bool:
    """"Date: November 6, 10-11 a.m." / title / speaker / organisation, again and again: every
    date is labelled, the first has nothing of a talk above it (a heading, a caption, a line
    naming the year) and lines of its own below, so each record runs from its date down."""
    if len(inner) < 2 or not all(_labelled_when(blocks[i]) for i in inner):
        return False
    first = pos[inner[0]]
    if first > 0:
        above = blocks[free[first - 1]]
        if not (above.kind == "heading" or _caption(above.text)
                or year_hint_in(above.text) is not None):
            return False
    below = pos[inner[1]] - first - 1
    return below >= 2


def _caption(text: str) -> bool:
    """"Upcoming Colloquium:", "Spring 2025 Schedule:": a short line announcing what follows."""
    return text.rstrip().endswith(":") and len(text.split()) <= 5 and not label_of(text)


def _timed(text: str) -> bool:
    from seminars.scrapers.toolkit.when import find_times

    return not label_of(text) and find_times(text)[0] is not None


def _labelled_when(b: Block) -> bool:
    lab = label_of(b.text) if b.kind == "line" else None
    return bool(lab and lab[0] == "when")


def _is_abstract_label(text: str) -> bool:
    lab = label_of(text)
    return bool(lab and lab[0] in ("abstract", "bio"))


def _by_header_line(blocks, free, hints, entries, used) -> None:
    """Rows flattened to one cell per line under a header line: deal lines into columns."""
    cols = None
    cur: dict[int, list[Block]] | None = None
    at = -1
    for i in free:
        b = blocks[i]
        if cols is None:
            if b.kind == "line":
                cols = header_line_columns(b.text)
            continue
        if b.kind != "line":
            break
        n = _next_column(cols, at, b.text)
        if n is None or cur is None:
            n = _next_column(cols, -1, b.text)
            if n is None:
                continue
            cur = {}
            entries.append(Entry(year_hint=hints[i], row=True, first=i))
        cur.setdefault(n, []).append(b)
        entries[-1].items.append((cols[n] or "skip", b))
        used[i] = True
        at = n


def _next_column(cols, at, text) -> int | None:
    for n in range(at + 1, len(cols)):
        f = cols[n]
        if f in ("speaker", "host") and not people.split_person(text):
            continue
        if f == "when" and find_date(text) is None:
            continue
        if f == "affiliation" and not people.is_org(text):
            continue
        if f == "location" and not re.search(r"\d", text):
            continue
        if f is None and not re.search(r"(?i)\.(pdf|jpe?g|png)\b|\bkb\b|\bmb\b", text):
            continue
        return n
    return None
