"""What a record is compared by: its name keys, title key, day, start minute and institution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from rapidfuzz import fuzz

from seminars.normalize.match import NameKey, TitleKey, fold, name_key, title_key
from seminars.normalize.merge.weights import MAIN_ALIKE
from seminars.record import Talk


@dataclass
class MergeInput:
    rec_id: str
    talk: Talk


# A link key is (kind, value, day); day is -1 for talk keys. Candidate pairs are drawn only
# from records that share a key, which is what makes link_keys() a promise, not a heuristic.
_Key = tuple[str, str, int]


@dataclass(slots=True)
class _Rec:
    rec_id: str
    talk: Talk
    names: list[NameKey]
    all_names: list[NameKey]  # names and, for "WANG STEFFEN", the other reading
    title: TitleKey | None
    day: int | None
    start_min: int | None  # minutes since epoch (UTC)
    inst: str
    firsts: dict[str, set[str]] | None  # surname -> full first names, for cluster conflicts
    subs: dict[str, set[str]] | None  # main title -> subtitles, for cluster conflicts
    blocks: list[str]  # name-block keys
    abstract: str | None  # as printed: abstract_key() is costly and only some pairs need it
    talk_keys: list[_Key] | None = None  # _talk_keys(), once asked for


@lru_cache(maxsize=10_000)
def _day(s: str | None) -> int | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10]).toordinal()
    except ValueError:
        return None


@lru_cache(maxsize=50_000)
def _start_minutes(s: str | None) -> int | None:
    if not s:
        return None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    if dt.tzinfo is None:  # a wall-clock time cannot be compared across zones
        return None
    return int(dt.timestamp() // 60)


def _features(rec_id: str, t: Talk) -> _Rec:
    names: list[NameKey] = []
    for sp in t.speakers:
        k = name_key(sp.name) if sp.name else None
        if k is not None and all(k != n for n in names):
            names.append(k)
    firsts: dict[str, set[str]] = {}
    for k in names:
        if k.first:
            firsts.setdefault(k.last, set()).add(k.first)
    tk = title_key(t.title)
    all_names = names + [n.swapped for n in names if n.swapped is not None]
    return _Rec(
        subs={tk.main: {tk.sub}} if tk is not None and tk.main else None,
        blocks=sorted({n.block for n in all_names}),
        all_names=all_names,
        abstract=t.abstract or None,
        firsts=firsts or None,
        rec_id=rec_id,
        talk=t,
        names=names,
        title=tk,
        day=_day(t.date),
        start_min=_start_minutes(t.start),
        inst=fold(t.institution or "").strip(),
    )


def _usable(t: TitleKey | None) -> bool:
    return t is not None and not t.generic


def _alike_main(x: str, y: str) -> bool:
    return x == y or fuzz.ratio(x, y, score_cutoff=MAIN_ALIKE) > 0
