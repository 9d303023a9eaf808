"""Tables with headed columns: which record field each column holds.

A header is a row (or, on pages whose table was flattened to text, a line) made of words
such as Date, Speaker, Affiliation, Title/Topic, Host, Location. Columns nobody reads
(Week, Photo, Flyer, Video, Slides) map to None.
"""

from __future__ import annotations

import re

# Checked in this order: "Speaker Affiliation" is an affiliation, "Speaker Photo" is nothing.
_COLUMN_WORDS: list[tuple[str | None, tuple[str, ...]]] = [
    (None, ("photo", "picture", "image", "flyer", "poster", "video", "recording", "slides",
            "materials", "week", "no.", "#", "links", "notes")),
    ("affiliation", ("affiliation", "institution", "university", "from", "organization")),
    ("host", ("host", "hosts", "organizer", "contact")),
    # (a journal club's "Paper" is what its session is about)
    ("title", ("title", "topic", "talk", "subject", "lecture", "paper", "article")),
    ("abstract", ("abstract",)),
    ("speaker", ("speaker", "speakers", "presenter", "presenters", "presenter(s)", "speaker(s)",
                 "name", "lecturer", "who", "person", "discussant")),
    ("location", ("location", "room", "venue", "where", "place")),
    ("time", ("time",)),
    ("when", ("date", "day", "when")),
    ("description", ("description", "details", "event", "events")),
]
HEADER_WORDS = {w for _, words in _COLUMN_WORDS for w in words}


def column_field(header: str) -> str | None:
    """The field a column holds, from its header text; None when it is not one we read."""
    words = re.findall(r"[\w#.()]+", header.lower())
    if not words:
        return None
    named = {f for f, keys in _COLUMN_WORDS if any(w in keys for w in words)}
    if {"title", "speaker"} <= named:
        return "description"  # "Speaker / Title", "Topic, speakers, location": read as free text
    for f, keys in _COLUMN_WORDS:
        if any(w in keys for w in words):
            if f is None and not ({"title", "abstract"} & set(words)):
                return None
            if f is not None:
                return f
    return "description"


def is_header_cells(cells: list[str]) -> bool:
    """A row whose cells are header words (at least two of them name fields we read)."""
    known = [c for c in cells if c.strip() and _all_header_words(c)]
    fields = {column_field(c) for c in known} - {None, "description"}
    return len(fields) >= 2 and len(known) >= len([c for c in cells if c.strip()]) - 1


def _all_header_words(cell: str) -> bool:
    words = re.findall(r"[a-z()#.]+", cell.lower())
    return bool(words) and len(words) <= 4 and sum(w in HEADER_WORDS or w in ("/", "and", "of")
                                                 for w in words) >= max(1, len(words) - 1)


def header_line_columns(line: str) -> list[str | None] | None:
    """A text line that is a flattened header ("Date Speaker Name Speaker Affiliation Title
    Host ...") -> its columns' fields in order; None when the line is not one."""
    words = line.split()
    if len(words) < 2 or len(words) > 16 or len(line) > 160:
        return None
    cols: list[str | None] = []
    i, known = 0, 0
    while i < len(words):
        two = " ".join(words[i:i + 2]).lower()
        one = words[i].lower().split("/")[0]  # "Title/Abstract" is the title column
        if two in ("speaker name", "speaker affiliation", "speaker photo", "talk title"):
            cols.append(column_field(two))
            i += 2
            known += 2
            continue
        if one in HEADER_WORDS:
            cols.append(column_field(one))
            known += 1
        i += 1
    wanted = {c for c in cols if c} - {"description"}
    if known < 0.7 * len(words) or len(wanted) < 2 or "speaker" not in wanted:
        return None
    return cols
