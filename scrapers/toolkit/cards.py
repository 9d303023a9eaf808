"""People in a block stream (`scrapers.blocks`): speakers named as links on a line, photo
cards in table cells (name, job lines, institution), and the institution in a role line
("PhD student in X at University of Rochester")."""

from __future__ import annotations

import re
from dataclasses import replace

from seminars.normalize.names import split_names
from seminars.normalize.text import clean_text, collapse
from seminars.record import Speaker
from seminars.scrapers.blocks import Line, Table, cell_lines
from seminars.scrapers.toolkit.samepage import same_person

Card = tuple[str, str | None, str | None]  # name, url, affiliation
MAX_ROLE_LINE = 400
PLACEHOLDER_NAME = re.compile(r"^\W*((speaker|presenter)(['’]?s)?\s*(name)?|name|tbd|tba|tbc|to be announced)\W*$", re.I)


def real_url(href: str | None) -> str | None:
    href = (href or "").strip()
    return href if re.match(r"^(https?:|mailto:|/|www\.)", href, re.I) else None


def speakers_from_line(line: Line, body: str, noise: re.Pattern[str]) -> tuple[list[Speaker], str | None]:
    """Speakers named on a line (links preferred, but not links whose text is `noise`, such as
    "Teams link") and any affiliation text after them."""
    links = [(t, h) for t, h in line.links if t and not noise.search(t)]
    if links:
        speakers = [Speaker(name=t, url=real_url(h)) for t, h in links]
        after = body.rsplit(links[-1][0], 1)[-1] if links[-1][0] in body else ""
        aff = clean_text(after.strip(" ,;-–")) or None
        return real_speakers(speakers), aff
    return real_speakers([Speaker(name=n) for n in split_names(body)]), None


def real_speakers(speakers: list[Speaker]) -> list[Speaker]:
    """Drop template leftovers such as a "Speaker Name" link to "TBD"."""
    return [s for s in speakers if not PLACEHOLDER_NAME.match(s.name or "")]


def only_link(line: Line) -> bool:
    """A line that is nothing but link text, e.g. a lab homepage under a speaker's card."""
    linked = collapse(" ".join(t for t, _ in line.links))
    return bool(linked) and collapse(line.text) == linked


ROLE_AT = re.compile(
    r"^(?:[\w.-]+\s+){0,4}?(student|candidate|professor|scientist|researcher|fellow|postdoc\w*|"
    r"engineer|director|manager|lecturer)\b.*?\bat\s+(?:the\s+)?"
    r"(?P<inst>(?=(?-i:[A-Z]))[^,;()]*?\b(universit\w*|institute|laborator\w*|college|cent(?:er|re)|school)\b[^,;()]*)",
    re.I,
)


def institution_of(line: str) -> str:
    """ "PhD student in X at University of Rochester, working in ..." -> the institution."""
    # Its nested lazy scans are quadratic in a line's length: a role line is short.
    m = ROLE_AT.match(line) if len(line) <= MAX_ROLE_LINE else None
    return m["inst"].strip() if m else line


def cards_from_table(table: Table, not_a_name: re.Pattern[str]) -> list[Card]:
    """Photo cards laid out in table cells: the first line is the name (its link the URL),
    the last line the affiliation; a first line that is long or matches `not_a_name` (a date)
    is no card."""
    cards = []
    for row in table.rows():
        for cell in row:
            lines = [ln for ln in cell_lines(cell) if ln.text]
            if not lines:
                continue
            name_line = lines[0]
            name = name_line.links[0][0] if name_line.links and name_line.links[0][0] else name_line.text
            url = name_line.links[0][1] if name_line.links else None
            if len(name.split()) > 6 or not_a_name.search(name):
                continue
            rest = [ln.text for ln in lines[1:]]
            aff = rest[-1] if rest else None
            cards.append((name, url, aff))
    return cards


def attach_cards(speakers: list[Speaker], cards: list[Card], header_aff: str | None) -> None:
    """Cards to the speakers they name (in place): a card's affiliation and URL fill theirs;
    a card naming nobody known is a speaker only when there are more cards than speakers.
    Speakers still without an affiliation take `header_aff`."""
    for name, url, aff in cards:
        match = next((s for s in speakers if same_person(s.name, name)), None)
        if match is None:
            if speakers and len(cards) <= len(speakers):
                continue  # a card we cannot place: not a speaker we know of
            match = Speaker(name=name, url=url)
            speakers.append(match)
        i = next(i for i, s in enumerate(speakers) if s is match)
        speakers[i] = replace(match, affiliation=match.affiliation or aff, url=match.url or url)
    for i, s in enumerate(speakers):
        if s.affiliation is None:
            speakers[i] = replace(s, affiliation=header_aff)
