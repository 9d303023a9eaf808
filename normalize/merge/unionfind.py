"""Union-find over records whose roots carry what a merge must not contradict.

Unions are made best score first and refused when they would put two incompatible people,
two different subtitles, clearly different abstracts or a cannot-link pair into one cluster,
so transitivity cannot chain unrelated records together.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from seminars.normalize.match import abstract_key, abstract_keys_similarity, first_names_compatible
from seminars.normalize.merge.features import _alike_main, _Rec
from seminars.normalize.merge.scoring import Decision
from seminars.normalize.merge.weights import (
    ABSTRACT_DIFFERENT,
    ABSTRACT_SAME,
    MAX_ABSTRACTS,
    SUBTITLE_ALIKE,
)


class _Clusters:
    """Union-find whose roots carry what a merge must not contradict."""

    def __init__(
        self, recs: list[_Rec], forbidden: dict[int, set[int]], *, track_days: bool, track_abstracts: bool
    ) -> None:
        n = len(recs)
        self.parent = list(range(n))
        # Per-record sets are shared with the record; union builds new ones, never mutates.
        self.firsts: list[dict[str, set[str]] | None] = [r.firsts for r in recs]
        self.subs: list[dict[str, set[str]] | None] = [r.subs for r in recs]
        self.abstracts: list[list[str] | None] = [
            [r.abstract] if track_abstracts and r.abstract is not None else None for r in recs
        ]
        self.days: list[tuple[int, int] | None] = [
            (r.day, r.day) if track_days and r.day is not None else None for r in recs
        ]
        self.forbidden = {k: set(v) for k, v in forbidden.items()}

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def conflict(self, x: int, y: int) -> str | None:
        """Why roots x and y must stay apart, or None."""
        for a, b in ((x, y), (y, x)):
            for other in self.forbidden.get(a, ()):
                if self.find(other) == b:
                    return "cannot-link override"
        fa, fb = self.firsts[x], self.firsts[y]
        if fa and fb:
            for last in fa.keys() & fb.keys():
                if not any(first_names_compatible(p, q) for p in fa[last] for q in fb[last]):
                    return f"the clusters hold different people named {last!r}"
        sa, sb = self.subs[x], self.subs[y]
        if sa and sb:
            for ma, pa in sa.items():
                for mb, pb in sb.items():
                    if _alike_main(ma, mb) and not any(fuzz.ratio(p, q) >= SUBTITLE_ALIKE for p in pa for q in pb):
                        return "the clusters hold different subtitles of one main title"
        aa, ab = self.abstracts[x], self.abstracts[y]
        if aa and ab:
            best = _best_abstract_match(aa, ab)
            if best is not None and best < ABSTRACT_DIFFERENT:
                return "the clusters' abstracts describe different talks"
        da, db = self.days[x], self.days[y]
        if da and db and max(da[1], db[1]) - min(da[0], db[0]) > 1:
            return "the event would span more than a day"
        return None

    def settles(self, x: int, y: int, main: str) -> str | None:
        """Why roots x and y may join on a bare title that fits several subtitled talks, or None."""
        sa, sb = self.subs[x], self.subs[y]
        if sa and sb and any(_alike_main(main, m) for m in sa) and any(_alike_main(main, m) for m in sb):
            return "both clusters hold the subtitled title, and the subtitles agree"
        aa, ab = self.abstracts[x], self.abstracts[y]
        if aa and ab:
            best = _best_abstract_match(aa, ab)
            if best is not None and best >= ABSTRACT_SAME:
                return f"the bare title is this talk: abstracts {round(best * 100)}% alike"
        return None

    def union(self, x: int, y: int) -> None:
        """Join roots x and y (already checked)."""
        if x > y:
            x, y = y, x  # the smaller index (smaller rec_id) stays the root: deterministic keys
        self.parent[y] = x
        self.firsts[x] = _merge_sets(self.firsts[x], self.firsts[y])
        self.subs[x] = _merge_sets(self.subs[x], self.subs[y])
        ax, ay = self.abstracts[x], self.abstracts[y]
        if ax and ay and len(ax) < MAX_ABSTRACTS:
            self.abstracts[x] = (ax + ay)[:MAX_ABSTRACTS]
        elif ay and not ax:
            self.abstracts[x] = ay
        dx, dy = self.days[x], self.days[y]
        if dx and dy:
            self.days[x] = (min(dx[0], dy[0]), max(dx[1], dy[1]))
        else:
            self.days[x] = dx or dy
        if y in self.forbidden:
            self.forbidden.setdefault(x, set()).update(self.forbidden.pop(y))
        self.firsts[y] = self.subs[y] = None


def _best_abstract_match(xs: list[str], ys: list[str]) -> float | None:
    """Best similarity between two clusters' abstracts (as printed), None when either has none."""
    kx = [k for k in map(abstract_key, xs) if k is not None]
    ky = [k for k in map(abstract_key, ys) if k is not None] if kx else []
    if not ky:
        return None
    return max(abstract_keys_similarity(p, q) for p in kx for q in ky)


def _merge_sets(a: dict[str, set[str]] | None, b: dict[str, set[str]] | None) -> dict[str, set[str]] | None:
    if not a or not b:
        return a or b
    out = {k: set(v) for k, v in a.items()}
    for k, v in b.items():
        out.setdefault(k, set()).update(v)
    return out


def _apply(uf: _Clusters, decisions: list[Decision], index: dict[str, int], log: list[Decision]) -> None:
    """Union accepted pairs, best score first; refuse those that contradict a cluster.

    Joins that wait for evidence come last, when the clusters hold all they will hold.
    """
    decisions.sort(key=lambda d: (d.needs_evidence is not None, -d.score, d.a, d.b))
    for d in decisions:
        x, y = uf.find(index[d.a]), uf.find(index[d.b])
        if x == y:
            log.append(d)
            continue
        why = uf.conflict(x, y)
        if why is None and d.needs_evidence is not None:
            ok = uf.settles(x, y, d.needs_evidence)
            if ok is None:
                why = "the bare title fits several talks of this speaker with different subtitles"
            else:
                d = Decision(d.a, d.b, d.level, d.score, [*d.reasons, ok], True)
        if why:
            log.append(Decision(d.a, d.b, d.level, d.score, [*d.reasons, f"refused: {why}"], False))
            continue
        uf.union(x, y)
        log.append(d)
