"""Biographies: which paragraph opens a speaker's bio, and which speaker each bio paragraph
belongs to when a talk has several.

Two attachers, because pages lay several speakers' bios out in two ways: all in one
paragraph, sentence by sentence (`attach_bios_by_sentence`), or a paragraph (or a heading
line and paragraphs) per speaker (`attach_bios_by_paragraph`). A site picks the one its
pages follow; both leave a single speaker every paragraph.
"""

from __future__ import annotations

import re
from dataclasses import replace

from seminars.normalize.names import clean_name
from seminars.normalize.text import clean_text, collapse
from seminars.record import Speaker

# A line opening with a bio label, its text possibly after it ("Bio: Jane Doe is ...",
# "About the speaker", "(UPDATED) Biography -"). normalize.text.strip_label takes the label off.
BIO_LINE = re.compile(
    r"^\s*(?:\(updated\)\s*)?(?:(?:speaker|presenter)(?:['’]?s)?\s+)?"
    r"(?:bio(?:graphy)?|biographical\s+sketch|about\s+the\s+(?:speaker|presenter))"
    r"(?:\s*\(updated\))?\s*(?:[:\-–—]|$)",
    re.I,
)
# A heading (a bold run) that is only a bio label: "Bio", "Speaker's Bio:", "Short bio".
BIO_HEADING = re.compile(
    r"^\(?(updated\)?\s*)?((speaker|presenter)s?['’]?s?\s+)?(bio|biography|short bio)\s*(\(updated\))?\s*:?$",
    re.I,
)

_BIO_VERB = (
    r"(?:is|was|has|had|received|receives|obtained|earned|holds|held|joined|completed|graduated"
    r"|leads|led|heads|works|worked|serves|served|studied|began|started|spent|currently|did"
    r"|moved|became)"
)
PRONOUN_BIO = re.compile(rf"^(?:he|she|they)\s+(?:{_BIO_VERB})\b", re.I)
_HONORIFIC_START = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms)\.?\s+)+", re.I)


def opens_bio(line: str, speakers: list[Speaker]) -> Speaker | None:
    """The speaker whose biography this paragraph opens ('Jane Doe received her PhD ...',
    'Dr. Doe is ...'), or None. Unlabelled bios on real pages open with the speaker's name."""
    s = _HONORIFIC_START.sub("", line.strip())
    for sp in speakers:
        parts = sp.name.split()
        names = {sp.name, f"{parts[0]} {parts[-1]}"}
        if len(parts[-1]) >= 3:
            names.add(parts[-1])
        for name in sorted(names, key=len, reverse=True):
            if s.startswith(name) and re.match(
                rf"(?:['’]s\b)?[^.;]{{0,60}}?\b{_BIO_VERB}\b", s[len(name):]
            ):
                return sp
    return None


def attach_bios_by_sentence(speakers: list[Speaker], bios: list[str]) -> None:
    """Bio paragraphs to speakers, in place. One speaker takes them all; with several, each
    sentence opening with (or naming) a speaker starts that speaker's part (CNLS prints every
    speaker's bio in one "Bio:" paragraph)."""
    if not speakers or not bios:
        return
    if len(speakers) == 1:
        speakers[0] = replace(speakers[0], bio=clean_text(" ".join(bios)))
        return
    # One paragraph may hold every speaker's bio: each sentence opening with a speaker's name
    # starts that speaker's part; the sentences after it stay with the same speaker.
    target = 0
    for para in bios:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para):
            hit = opens_bio(sentence, speakers) or named_in(sentence, speakers)
            if hit is not None:
                target = next(i for i, s in enumerate(speakers) if s is hit)
            bio = speakers[target].bio
            speakers[target] = replace(speakers[target],
                                       bio=clean_text(f"{bio} {sentence}" if bio else sentence))


def named_in(sentence: str, speakers: list[Speaker]) -> Speaker | None:
    head = _HONORIFIC_START.sub("", sentence.strip())
    for sp in speakers:
        if head.startswith(sp.name) or head.startswith(sp.name.split()[-1] + " "):
            return sp
    return None


def attach_bios_by_paragraph(speakers: list[Speaker], paragraphs: list[str]) -> None:
    """One bio per speaker, in place; with several speakers a paragraph goes to the one it names
    first near its start, and a short line naming one ("Professor Sanjay Ranka") is a heading
    for the paragraphs after it (ORNL gives each speaker paragraphs of their own)."""
    paras = [p for p in (collapse(p) for p in paragraphs) if p]
    if not speakers or not paras:
        return
    if len(speakers) == 1:
        speakers[0] = replace(speakers[0], bio=" ".join(paras))
        return
    owner: Speaker | None = None
    chunks: dict[int, list[str]] = {}
    for p in paras:
        named = first_named(p, speakers)
        if named is not None and len(p.split()) <= 6:
            owner = named  # a heading line such as "Professor Sanjay Ranka"
            continue
        if named is not None:
            owner = named
        if owner is None:
            continue
        chunks.setdefault(id(owner), []).append(p)
    for i, s in enumerate(speakers):
        if id(s) in chunks:
            speakers[i] = replace(s, bio=" ".join(chunks[id(s)]))


def first_named(text: str, speakers: list[Speaker]) -> Speaker | None:
    head = text[:120].lower()
    best, pos = None, 10**9
    for s in speakers:
        parts = (clean_name(s.name) or s.name).lower().split()
        for token in (" ".join(parts), parts[-1], parts[0]):
            k = head.find(token)
            if 0 <= k < pos and k < 40:
                best, pos = s, k
    return best
