"""The normalize chain: one ordered list of Talk -> Talk steps, applied to every parsed record.

Parsers hand over what the page says; these steps make every site's records look alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from seminars.normalize.names import clean_name
from seminars.normalize.text import clean_text, null_if_tbd, strip_label
from seminars.record import Speaker, Talk

Step = Callable[[Talk], Talk]

# (?<!\s): a match starts only where a whitespace run starts, so a long run of spaces is
# scanned once, not again from each of its characters (which was quadratic).
_CANCELLED = re.compile(r"[\(\[]?(?<!\s)\s*\b(cancell?ed|canceled)\b\s*[\)\]]?[:!.]?", re.I)
_POSTPONED = re.compile(r"[\(\[]?(?<!\s)\s*\b(postponed|rescheduled\s+tba)\b\s*[\)\]]?[:!.]?", re.I)


def status_from_title(t: Talk) -> Talk:
    """'Title (canceled)' -> status cancelled and the marker dropped from the title."""
    title = t.title or ""
    status = t.status
    if _CANCELLED.search(title):
        status, title = "cancelled", _CANCELLED.sub(" ", title)
    elif _POSTPONED.search(title):
        status, title = "postponed", _POSTPONED.sub(" ", title)
    title = title.strip(" -–—:")
    return t.replace(title=title or None, status=status)


def clean_fields(t: Talk) -> Talk:
    return t.replace(
        title=null_if_tbd(t.title),
        location=null_if_tbd(t.location),
        host=null_if_tbd(strip_host_label(t.host)),
        talk_type=clean_text(t.talk_type),
        series=clean_text(t.series),
        abstract=null_if_tbd(strip_label(t.abstract)),
    )


def strip_host_label(s: str | None) -> str | None:
    s = clean_text(s)
    return re.sub(r"^\s*hosts?(ed by)?\s*[:\-]?\s*", "", s, flags=re.I) if s else s


def clean_speakers(t: Talk) -> Talk:
    """Names without honorifics, TBD speakers dropped, bios clean, one entry per person."""
    out: list[Speaker] = []
    seen: dict[str, int] = {}  # casefolded name -> its index in out
    for s in t.speakers:
        name = clean_name(s.name)
        if not name or null_if_tbd(name) is None:
            continue
        sp = Speaker(
            name=name,
            affiliation=null_if_tbd(s.affiliation),
            url=(s.url or "").strip() or None,
            bio=null_if_tbd(strip_label(s.bio)),
        )
        key = name.casefold()
        if key in seen:
            prev = out[seen[key]]
            out[seen[key]] = replace(prev, affiliation=prev.affiliation or sp.affiliation,
                                     url=prev.url or sp.url, bio=prev.bio or sp.bio)
            continue
        seen[key] = len(out)
        out.append(sp)
    return t.replace(speakers=out)


def complete_surnames(t: Talk) -> Talk:
    """A speaker printed by surname only ("Dr. Kutyniok") whose bio opens with the full name
    ("Gitta Kutyniok currently has ...") takes that full name."""
    speakers = list(t.speakers)
    for i, s in enumerate(speakers):
        if " " in s.name or not s.bio:
            continue
        m = re.match(rf"^((?:[A-Z][\w'.-]+\s+){{1,3}}){re.escape(s.name)}\b", s.bio)
        if m:
            speakers[i] = replace(s, name=clean_name(m[0]) or s.name)
    return t.replace(speakers=speakers) if speakers != t.speakers else t


NORMALIZERS: list[Step] = [status_from_title, clean_fields, clean_speakers, complete_surnames]


def normalize_talk(t: Talk) -> Talk:
    for step in NORMALIZERS:
        t = step(t)
    return t
