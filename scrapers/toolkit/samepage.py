"""One event listed twice on one page: a detail entry and a schedule-table row, or the same
entry under "Next" and again under "Past". Which listings are one event, and how their
fields combine (the detail entry wins where it says something).

This is not normalize/match, which decides across sources and so asks for more: inside one
page a shared surname, or names alike at token_set_ratio 85, is one person (a page does
not list two speakers of one surname on one date), and close titles or the same day with
nothing contradicting are one event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from seminars.normalize.names import clean_name
from seminars.normalize.text import is_tbd, null_if_tbd
from seminars.record import Talk


def same_person(a: str, b: str) -> bool:
    a, b = (clean_name(a) or "").lower(), (clean_name(b) or "").lower()
    if not a or not b:
        return False
    if a.split()[-1] == b.split()[-1]:
        return True
    return fuzz.token_set_ratio(a, b) >= 85


def norm_title(t: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (t or "").lower()).strip()


def same_event(detail: Talk, row: Talk) -> bool:
    people = any(same_person(a.name, b.name) for a in detail.speakers for b in row.speakers)
    titled = not is_tbd(row.title) and not is_tbd(detail.title)
    title_score = fuzz.token_set_ratio(norm_title(detail.title), norm_title(row.title)) if titled else 0
    close = _days_apart(detail.date, row.date)
    if people and close is not None and close <= 7:
        return True
    if people and title_score >= 80:
        return True
    if close == 0:
        # Same day and nothing contradicts: a half-filled row ("03-14-2024 | | | NVIDIA | ")
        # beside a placeholder entry is still one event.
        people_clash = bool(detail.speakers and row.speakers) and not people
        title_clash = titled and title_score < 80
        if not people_clash and not title_clash:
            return True
    return title_score >= 95 and (close is None or close <= 7)


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    from datetime import date

    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def join(detail: Talk, row: Talk) -> Talk:
    """One event, two listings: the detail entry wins where it says something."""
    speakers = list(detail.speakers or row.speakers)
    for i, s in enumerate(speakers):
        twin = next((r for r in row.speakers if same_person(s.name, r.name)), None)
        if twin is None and len(row.speakers) == 1 and len(speakers) == 1:
            twin = row.speakers[0]
        if twin is not None and twin.affiliation:
            # The schedule's Affiliation column names the institution; the card adds job titles.
            speakers[i] = replace(s, affiliation=twin.affiliation)
    return detail.replace(
        title=detail.title if not is_tbd(detail.title) else row.title,
        speakers=speakers,
        date=detail.date or row.date,
        location=null_if_tbd(detail.location) or row.location,
        status="cancelled" if "cancelled" in (detail.status, row.status) else detail.status,
    )


def one_per_event(details: list[Talk]) -> list[Talk]:
    """A talk shown twice in detail (under "Next" and again under "Past") is one record."""
    out: list[Talk] = []
    for d in details:
        k = next((k for k, o in enumerate(out) if _same_detail(o, d)), None)
        if k is None:
            out.append(d)
        else:
            out[k] = _fill(out[k], d)
    return out


def _same_detail(a: Talk, b: Talk) -> bool:
    if not any(same_person(x.name, y.name) for x in a.speakers for y in b.speakers):
        return False
    if a.date and a.date == b.date:
        return True
    return not is_tbd(a.title) and not is_tbd(b.title) and fuzz.token_set_ratio(
        norm_title(a.title), norm_title(b.title)) >= 90


def _fill(first: Talk, second: Talk) -> Talk:
    """The first listing wins; the second fills what it leaves empty."""
    speakers = list(first.speakers)
    for i, s in enumerate(speakers):
        twin = next((o for o in second.speakers if same_person(s.name, o.name)), None)
        if twin is not None:
            speakers[i] = replace(s, affiliation=s.affiliation or twin.affiliation,
                                  url=s.url or twin.url, bio=s.bio or twin.bio)
    empty = {k: getattr(second, k) for k in ("title", "date", "start", "end", "location", "abstract")
             if is_tbd(getattr(first, k)) and not is_tbd(getattr(second, k))}
    empty["speakers"] = speakers
    if "cancelled" in (first.status, second.status):
        empty["status"] = "cancelled"
    return first.replace(**empty)


def with_rows(details: list[Talk], rows: list[Talk]) -> list[Talk]:
    """Each detail entry joined with the first unused table row of the same event; then the
    rows no entry took, as talks of their own."""
    talks: list[Talk] = []
    used: set[int] = set()
    for d in details:
        k = next((k for k, r in enumerate(rows) if k not in used and same_event(d, r)), None)
        if k is not None:
            used.add(k)
            d = join(d, rows[k])
        talks.append(d)
    talks.extend(r for k, r in enumerate(rows) if k not in used)
    return talks
