"""The two-level clustering: records of one event -> one occurrence (pass 1); occurrences
of one talk -> one talk (pass 2), each pass a union-find over scored candidate pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from seminars.bulk import no_cyclic_gc
from seminars.normalize.merge.blocking import _ambiguous_mains, _event_candidates, _talk_candidates
from seminars.normalize.merge.features import MergeInput, _features
from seminars.normalize.merge.scoring import Decision, _event_decision, _talk_decision
from seminars.normalize.merge.unionfind import _apply, _Clusters


@dataclass
class MergeResult:
    event_of: dict[str, str]  # rec_id -> event key (the smallest rec_id of the event)
    talk_of: dict[str, str]  # event key -> talk key (the smallest event key of the talk)
    decisions: list[Decision] = field(default_factory=list)


def merge(
    records: Sequence[MergeInput],
    *,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
) -> MergeResult:
    """Cluster records into events and talks. Same input -> same keys, whatever its order.

    must_link pairs join one talk (and one event when their dates are within a day);
    cannot_link pairs never share a talk. Raises ValueError on an unknown or duplicate rec_id,
    or on overrides that contradict each other.
    """
    with no_cyclic_gc():
        return _merge(records, must_link, cannot_link)


def _merge(
    records: Sequence[MergeInput],
    must_link: Iterable[tuple[str, str]],
    cannot_link: Iterable[tuple[str, str]],
) -> MergeResult:
    ordered = sorted(records, key=lambda r: r.rec_id)
    index: dict[str, int] = {}
    for pos, r in enumerate(ordered):
        if r.rec_id in index:
            raise ValueError(f"duplicate rec_id: {r.rec_id!r}")
        index[r.rec_id] = pos
    recs = [_features(r.rec_id, r.talk) for r in ordered]

    def ids(pairs: Iterable[tuple[str, str]], what: str) -> list[tuple[int, int]]:
        out = []
        for a, b in pairs:
            for x in (a, b):
                if x not in index:
                    raise ValueError(f"{what} names an unknown record: {x!r}")
            out.append((index[a], index[b]))
        return out

    must = ids(must_link, "must_link")
    cannot = ids(cannot_link, "cannot_link")
    forbidden: dict[int, set[int]] = defaultdict(set)
    for i, j in cannot:
        if i == j:
            raise ValueError(f"cannot_link pairs a record with itself: {recs[i].rec_id!r}")
        forbidden[i].add(j)
        forbidden[j].add(i)
    log: list[Decision] = []

    def force(uf: _Clusters, i: int, j: int, level: str) -> None:
        x, y = uf.find(i), uf.find(j)
        if x == y:
            return
        for a, b in ((x, y), (y, x)):
            for other in uf.forbidden.get(a, ()):
                if uf.find(other) == b:
                    raise ValueError(
                        f"must_link {recs[i].rec_id!r}~{recs[j].rec_id!r} contradicts a cannot_link"
                    )
        uf.union(x, y)
        log.append(Decision(recs[i].rec_id, recs[j].rec_id, level, 1.0, ["must_link override"], True))

    # Pass 1: events.
    ev = _Clusters(recs, forbidden, track_days=True, track_abstracts=False)
    same_event_overrides = []
    for i, j in must:
        di, dj = recs[i].day, recs[j].day
        if di is not None and dj is not None and abs(di - dj) <= 1:
            force(ev, i, j, "event")
            same_event_overrides.append((i, j))
    event_decisions = [_event_decision(recs[i], recs[j]) for i, j in _event_candidates(recs)]
    _apply(ev, [d for d in event_decisions if d.merged], index, log)

    # Pass 2: talks, starting from the events.
    tk = _Clusters(recs, forbidden, track_days=False, track_abstracts=True)
    for i in range(len(recs)):
        root = ev.find(i)
        if root != i:
            x, y = tk.find(i), tk.find(root)
            if x != y:
                tk.union(x, y)
    for i, j in must:
        if (i, j) not in same_event_overrides:
            force(tk, i, j, "talk")
    ambiguous = _ambiguous_mains(recs)
    talk_decisions = [
        _talk_decision(recs[i], recs[j], ambiguous) for i, j in _talk_candidates(recs, ev)
    ]
    _apply(tk, [d for d in talk_decisions if d.merged], index, log)

    event_of = {r.rec_id: recs[ev.find(i)].rec_id for i, r in enumerate(recs)}
    talk_of: dict[str, str] = {}
    for i in range(len(recs)):
        if ev.find(i) == i:
            talk_of[recs[i].rec_id] = recs[tk.find(i)].rec_id
    return MergeResult(event_of=event_of, talk_of=talk_of, decisions=log)
