"""must_link / cannot_link overrides: the records a (speaker, title) pattern names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from seminars.normalize.match import fold, title_key
from seminars.normalize.merge.features import MergeInput


def matching_records(records: Sequence[MergeInput], speaker: str, title: str | None = None) -> list[str]:
    """rec_ids whose speaker name contains `speaker` and title contains `title` (folded, any case).

    `title` "TBD" matches records without a title; None matches any title.
    """
    sp = _pattern(speaker)
    tt = None if title is None else _pattern(title)
    out = []
    for r in records:
        if not any(sp in _pattern(s.name) for s in r.talk.speakers):
            continue
        if tt is not None:
            tk = title_key(r.talk.title)
            if tt == "tbd":
                if tk is not None:
                    continue
            elif tt not in _pattern(r.talk.title or ""):
                continue
        out.append(r.rec_id)
    return sorted(out)


def override_pairs(
    records: Sequence[MergeInput], a: tuple[str, str | None], b: tuple[str, str | None]
) -> list[tuple[str, str]]:
    """Every pair (x, y) with x matching pattern a and y matching pattern b, for must/cannot_link."""
    xs, ys = matching_records(records, *a), matching_records(records, *b)
    return [(x, y) for x in xs for y in ys if x != y]


def _pattern(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(s)).strip()
