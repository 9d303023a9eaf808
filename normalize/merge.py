"""Cluster talk records: records of one event -> one occurrence; occurrences of one talk -> one talk.

Two passes over union-find:
1. *event*: same speaker(s), dates within a day, and a matching title -- or a TBD/generic title
   on one side (a schedule row before the title is known). Candidates meet under keys of
   (initial + surname start or end, day), so a surname typo still meets its event.
2. *talk*: events whose titles match (typos, case, dropped subtitle, "NetworksWith") and whose
   speakers are compatible. Titles are compared within a name block with rapidfuzz's C-level
   cdist first, and only close pairs are scored in Python.

Every candidate pair shares one of the record's link keys (`link_keys`), so the store can
merge again only the records linked to a change and get what a full merge would give.

A TBD title never joins a talk by title: it only ever joins through pass 1. Unions are made
best-score first and refused when they would put two incompatible people (Jun vs Jing Wang),
two different subtitles, clearly different abstracts, or a cannot-link pair into one cluster,
so transitivity cannot chain unrelated records together. A bare title ("X") of a speaker who
gave "X: A" and "X: B" joins a talk only when something besides the title (its event, its
abstract) says which.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from seminars.normalize.match import (
    NameKey,
    TitleKey,
    abstract_key,
    abstract_keys_similarity,
    affiliations_match,
    compare_speaker_lists,
    compare_titles,
    first_names_compatible,
    fold,
    name_key,
    title_key,
)

from seminars.bulk import no_cyclic_gc
from seminars.record import Talk

EVENT_TITLE_MIN = 0.85  # same speaker and date already say a lot
TALK_TITLE_MIN = 0.90
TALK_TITLE_MIN_WEAK_NAME = 0.94  # initials only: "J. Wang" could be several people
SHORT_TITLE_MIN = 0.97  # titles of one or two content words ("Deep Learning") match too easily
MAX_START_GAP_MIN = 120
ABSTRACT_DIFFERENT = 0.7  # below this, two abstracts describe different talks
ABSTRACT_SAME = 0.85  # above this, two abstracts are one text (edited or truncated)
CANDIDATE_CUTOFF = 80  # cdist pre-filter, below every acceptance threshold
MAIN_ALIKE = 90  # two main titles this alike (typos) are one main title
PAIRS_PER_GROUP = 4  # records tried per (block, title) group
MAX_NAME_DAY_GROUP = 40  # past this, a (name, day) key group is compared within name blocks only
MAX_BLOCKS_PER_TITLE = 30  # an exact title shared by more name blocks is too common to say much
MAX_ABSTRACTS = 3  # abstracts a cluster keeps to compare with others
NEAREST_TITLES = 10  # fuzzy title candidates per title within a name block: its closest ones
CDIST_CELLS = 4_000_000  # title scores computed at once (bytes of one uint8 score slice)


@dataclass
class MergeInput:
    rec_id: str
    talk: Talk


@dataclass
class Decision:
    a: str
    b: str
    level: str  # "event" | "talk"
    score: float
    reasons: list[str]
    merged: bool
    # The main title a bare title stands for when the speaker gave it with several subtitles:
    # the join then waits for other evidence (see _Clusters.settles).
    needs_evidence: str | None = None


@dataclass
class MergeResult:
    event_of: dict[str, str]  # rec_id -> event key (the smallest rec_id of the event)
    talk_of: dict[str, str]  # event key -> talk key (the smallest event key of the talk)
    decisions: list[Decision] = field(default_factory=list)


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


def _affiliations_agree(a: _Rec, b: _Rec) -> bool | None:
    """Whether one speaker's affiliations agree on both sides; None when no speaker has two."""
    verdict = None
    for sa in a.talk.speakers:
        if not sa.affiliation or not sa.name:
            continue
        ka = name_key(sa.name)
        for sb in b.talk.speakers:
            if not sb.affiliation or not sb.name or ka is None:
                continue
            kb = name_key(sb.name)
            if kb is not None and kb.last == ka.last:
                m = affiliations_match(sa.affiliation, sb.affiliation)
                if m:
                    return True
                if m is False:
                    verdict = False
    return verdict


def _affiliation_reason(a: _Rec, b: _Rec) -> tuple[float, str | None]:
    aff_a = next((s.affiliation for s in a.talk.speakers if s.affiliation), None)
    aff_b = next((s.affiliation for s in b.talk.speakers if s.affiliation), None)
    m = affiliations_match(aff_a, aff_b)
    if m is None:
        return 0.0, None
    if m:
        return 0.05, f"affiliations agree ({aff_a!r} / {aff_b!r})"
    return -0.05, f"affiliations differ ({aff_a!r} / {aff_b!r}); people move, so only a hint"


# -------------------------------------------------------------------------------- pair scoring


def _event_decision(a: _Rec, b: _Rec) -> Decision:
    def no(score: float, *why: str) -> Decision:
        return Decision(a.rec_id, b.rec_id, "event", round(score, 3), list(why), False)

    # Dates and times first: they are integers, and they turn most pairs of strangers away.
    if a.day is None or b.day is None:
        return no(0.0, "date unknown on one side")
    gap = abs(a.day - b.day)
    if gap > 1:
        return no(0.0, f"dates {a.talk.date} and {b.talk.date} differ")
    when = "same date" if gap == 0 else f"dates one day apart ({a.talk.date} / {b.talk.date})"
    dt = None
    if a.start_min is not None and b.start_min is not None:
        dt = abs(a.start_min - b.start_min)
        if gap == 1:  # a listing a day off usually keeps the time of day
            dt = min(dt, abs(dt - 1440))
        if dt > MAX_START_GAP_MIN:
            return no(0.2, when, f"start times {dt} min apart")
    nm = compare_speaker_lists(a.names, b.names)
    if nm.conflict:
        return no(0.0, nm.reason)
    reasons = [nm.reason, when]
    same_time = dt is not None and dt <= 15
    if dt is not None:
        reasons.append("same start time" if same_time else f"start times {dt} min apart")
    same_inst = bool(a.inst) and a.inst == b.inst
    if _usable(a.title) and _usable(b.title):
        assert a.title is not None and b.title is not None
        tm = compare_titles(a.title, b.title, min_content=1)
        reasons.append(tm.reason)
        if tm.subtitle_clash:
            return no(0.3, *reasons)
        if tm.score >= EVENT_TITLE_MIN:
            title_s = tm.score
        elif tm.alike >= 0.9 and (same_time or same_inst):
            # "Hamvle Complexity" for "Sample Complexity": at one time or place, on one day, the
            # words that differ are typos, not another talk.
            title_s = 0.9 * tm.alike
            reasons.append("the same day and time or place: the differing words are typos")
        elif (
            gap == 0 and same_inst and (same_time or a.start_min is None or b.start_min is None)
            and _affiliations_agree(a, b) is not False
        ):
            # A page edited between crawls: same person, day, place (and time), new title. Not
            # across sites: namesakes speak elsewhere on the same day at the same hour.
            title_s = 0.5
            reasons.append("same person at the same day, place and time, so the title was revised")
        else:
            return no(0.4 * nm.score + 0.3 * tm.score, *reasons, "titles differ")
    else:
        which = "TBD" if (a.title is None or b.title is None) else "generic"
        same_generic = (
            a.title is not None and b.title is not None and compare_titles(a.title, b.title).score >= EVENT_TITLE_MIN
        )
        if nm.score <= 0.5:
            return no(0.3, *reasons, f"title {which} on one side and the names agree only loosely")
        if _affiliations_agree(a, b) is False:
            # One event's listings name one affiliation; a namesake from elsewhere does not.
            return no(0.3, *reasons, f"title {which} on one side and the affiliations differ")
        if not (same_inst or same_time or (same_generic and gap == 0)):
            # A name and a date are not enough: "K. Li", and even "Kevin Li", can be two people
            # speaking somewhere on the same day. A schedule row sits on the detail's own site.
            return no(0.3, *reasons, f"title {which} on one side and neither place nor time ties the two")
        if same_generic:
            which = "generic on both sides, the same"
        title_s = 0.5
        reasons.append(f"title {which} on one side: joined only because speaker and date match")
    aff_s, aff_r = _affiliation_reason(a, b)
    if aff_r:
        reasons.append(aff_r)
    score = 0.4 * nm.score + 0.3 * (1.0 if gap == 0 else 0.8) + 0.3 * title_s + aff_s
    return Decision(a.rec_id, b.rec_id, "event", round(min(score, 1.0), 3), reasons, True)


def _talk_decision(a: _Rec, b: _Rec, ambiguous: dict[str, list[str]] | None = None) -> Decision:
    """ambiguous: talk key (name block | topic word) -> main titles seen with several subtitles."""
    def no(score: float, *why: str) -> Decision:
        return Decision(a.rec_id, b.rec_id, "talk", round(score, 3), list(why), False)

    nm = compare_speaker_lists(a.names, b.names)
    if nm.conflict:
        return no(0.0, nm.reason)
    if not (_usable(a.title) and _usable(b.title)):
        return no(0.0, nm.reason, "a title is TBD or generic: only the same event can join it")
    assert a.title is not None and b.title is not None
    tm = compare_titles(a.title, b.title)
    reasons = [nm.reason, tm.reason]
    if tm.subtitle_clash:
        return no(0.3, *reasons)
    need = TALK_TITLE_MIN if nm.score >= 0.75 else TALK_TITLE_MIN_WEAK_NAME
    if min(a.title.content, b.title.content) < 3:
        need = max(need, SHORT_TITLE_MIN)
    title_s = tm.score
    same_abstract = False
    ka = abstract_key(a.abstract) if a.abstract is not None else None
    kb = abstract_key(b.abstract) if b.abstract is not None and ka is not None else None
    if ka is not None and kb is not None:
        ab = abstract_keys_similarity(ka, kb)
        if ab >= ABSTRACT_SAME:
            reasons.append(f"abstracts {round(ab * 100)}% alike")
            title_s = min(1.0, tm.score + 0.08)
            same_abstract = True
        elif ab < ABSTRACT_DIFFERENT:
            return no(0.3, *reasons, f"abstracts differ ({round(ab * 100)}% alike)")
    if title_s < need:
        return no(0.4 * nm.score + 0.6 * title_s, *reasons, f"title match below {need:.2f}")
    aff_s, aff_r = _affiliation_reason(a, b)
    if aff_r:
        reasons.append(aff_r)
    score = 0.35 * nm.score + 0.6 * title_s + aff_s + 0.05
    d = Decision(a.rec_id, b.rec_id, "talk", round(min(score, 1.0), 3), reasons, True)
    if ambiguous and not same_abstract:
        d.needs_evidence = _bare_at_stake(a, b, ambiguous)
    return d


def _bare_at_stake(a: _Rec, b: _Rec, ambiguous: dict[str, list[str]]) -> str | None:
    """The ambiguous main title that a bare title on either side stands for, if any."""
    ta, tb = a.title, b.title
    assert ta is not None and tb is not None
    if ta.main and tb.main:
        return None  # both subtitled: the cluster check compares the subtitles
    bare = tb if ta.main else ta
    for r in (a, b):
        for _, value, _ in _talk_keys(r):
            for m in ambiguous.get(value, ()):  # only block keys are in `ambiguous`
                if _alike_main(m, bare.compact):
                    return m
    return None


def _alike_main(x: str, y: str) -> bool:
    return x == y or fuzz.ratio(x, y, score_cutoff=MAIN_ALIKE) > 0


def explain(a: Talk, b: Talk) -> Decision:
    """Score two records as `merge` would, at the event level first, else the talk level."""
    ra, rb = _features("a", a), _features("b", b)
    ev = _event_decision(ra, rb)
    if ev.merged:
        return ev
    tk = _talk_decision(ra, rb)
    if tk.merged:
        tk.reasons.append("not the same event: " + ev.reasons[-1])
        return tk
    # Neither: report the level whose reasons say most about why.
    return ev if ra.day is not None and rb.day is not None and abs(ra.day - rb.day) <= 1 else tk


# ----------------------------------------------------------------------------------- union-find


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
                    if _alike_main(ma, mb) and not any(fuzz.ratio(p, q) >= 80 for p in pa for q in pb):
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


# -------------------------------------------------------------------------------- link keys



def _event_keys(r: _Rec) -> list[_Key]:
    """Keys of pass 1: records of one event are listed within a day of each other."""
    if r.day is None:
        return []
    keys: list[_Key] = []
    for n in r.all_names:
        # Initial + surname start, and initial + surname end: one typo in a surname of four
        # letters or more leaves one of them whole.
        for d in (r.day, r.day + 1):  # days d and d+1 meet under the key of d+1
            keys.append(("n", f"{n.initial}{n.last[:2]}", d))
            keys.append(("e", f"{n.initial}{n.last[-2:]}", d))
    if _usable(r.title):
        assert r.title is not None
        # A surname typo beyond both of those still meets its event by its exact title.
        keys.append(("d", r.title.compact, r.day))
    return keys


def _talk_keys(r: _Rec) -> list[_Key]:
    """Keys of pass 2: name block + a topic word, and initial + the exact title (across blocks)."""
    if r.talk_keys is None:
        r.talk_keys = _block_keys(r) + _title_keys(r)
    return r.talk_keys


def _block_keys(r: _Rec) -> list[_Key]:
    if not _usable(r.title):
        return []
    assert r.title is not None
    return [("b", f"{b}|{w}", -1) for b in r.blocks for w in r.title.topic]


def _title_keys(r: _Rec) -> list[_Key]:
    if not _usable(r.title):
        return []
    assert r.title is not None
    return [("t", f"{i}|{r.title.compact}", -1) for i in sorted({n.initial for n in r.all_names})]


def link_keys(talk: Talk) -> frozenset[str]:
    """Keys such that any two records merge() could place in one event or talk are linked.

    If merge() could put two records in one event or talk, directly or through a chain of
    other records, they lie in one connected component of the record-key graph. merge() on
    the records of a component therefore gives the same clusters as merge() on everything.
    (must_link/cannot_link pairs are not covered: their caller links them.)
    """
    r = _features("", talk)
    return frozenset(_key_text(k) for k in (*_event_keys(r), *_talk_keys(r)))


def _key_text(k: _Key) -> str:
    kind, value, day = k
    if kind in ("d", "t"):  # titles are long: a digest keeps the store's key table small
        value = hashlib.blake2b(value.encode(), digest_size=8).hexdigest()
    return f"{kind}:{value}" if day < 0 else f"{kind}:{value}:{day}"


def _groups(recs: list[_Rec], keys_of: Callable[[_Rec], list[_Key]]) -> dict[_Key, list[int]]:
    groups: dict[_Key, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        for k in keys_of(r):
            g = groups[k]
            if not g or g[-1] != i:  # two speakers of one record can share a key
                g.append(i)
    return groups


# ---------------------------------------------------------------------------------- candidates


def _event_candidates(recs: list[_Rec]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for (kind, _, _), members in _groups(recs, _event_keys).items():
        n = len(members)
        if n < 2:
            continue
        if n <= MAX_NAME_DAY_GROUP:
            # Members are in index order and lie within a day of each other.
            for x in range(n):
                i = members[x]
                for y in range(x + 1, n):
                    pairs.add((i, members[y]))
        elif kind == "d":
            for i in members[:PAIRS_PER_GROUP]:
                for j in members:
                    if i < j:
                        pairs.add((i, j))
        else:
            # A crowded (initial, letters, day): compare within name blocks only.
            by_block: dict[str, list[int]] = defaultdict(list)
            for i in members:
                for b in recs[i].blocks:
                    by_block[b].append(i)
            for same in by_block.values():
                for x in range(len(same)):
                    for y in range(x + 1, len(same)):
                        pairs.add((same[x], same[y]))
    return pairs


def _kept_title_keys(r: _Rec | None) -> list[_Key]:
    return [] if r is None else _title_keys(r)


def _ambiguous_mains(recs: list[_Rec]) -> dict[str, list[str]]:
    """(name block | topic word) -> main titles used there with two different subtitles.

    A bare main title is then a guess. Kept per talk key, not per block, so that the records
    of one connected component (see link_keys) see the same ambiguity as a full merge does.
    """
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in recs:
        t = r.title
        if t is not None and t.main and not t.generic:
            for _, value, _ in _block_keys(r):
                ms = seen[value]
                if (t.main, t.sub) not in ms and len(ms) < 16:
                    ms.append((t.main, t.sub))
    out: dict[str, list[str]] = {}
    for k, ms in seen.items():
        amb: set[str] = set()
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                (m1, s1), (m2, s2) = ms[x], ms[y]
                if _alike_main(m1, m2) and fuzz.ratio(s1, s2) < 80:
                    amb.update((m1, m2))
        if amb:
            out[k] = sorted(amb)
    return out


def _talk_candidates(recs: list[_Rec], ev: _Clusters) -> set[tuple[int, int]]:
    # Records of one event with one title are alike: keep one per (event, title).
    keep: list[_Rec | None] = []
    seen_event_title: set[tuple[int, str]] = set()
    for i, r in enumerate(recs):
        if _usable(r.title):
            assert r.title is not None
            key = (ev.find(i), r.title.compact)
            if key not in seen_event_title:
                seen_event_title.add(key)
                keep.append(r)
                continue
        keep.append(None)
    # Within a name block every pair of titles is looked at, but a pair is kept only when the
    # titles share a topic word: that (block, word) key is what links them for the store.
    by_block: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, kr in enumerate(keep):
        if kr is not None and kr.title is not None:  # kept records have a usable title
            for k in kr.blocks:
                by_block[k][kr.title.compact].append(i)
    blocks_of_title: dict[str, dict[str, int]] = defaultdict(dict)
    for (_, value, _), members in _groups(keep, _kept_title_keys).items():  # type: ignore[arg-type]
        per_block = blocks_of_title[value]
        for i in members:
            for k in recs[i].blocks:
                per_block.setdefault(k, i)
    pairs: set[tuple[int, int]] = set()

    def add(i: int, j: int) -> None:
        if ev.find(i) != ev.find(j):
            pairs.add((i, j) if i < j else (j, i))

    def add_groups(xs: list[int], ys: list[int]) -> None:
        # A block can hold several people (Jun and Jing Wang): try a few of each side.
        tx, ty = recs[xs[0]].title, recs[ys[0]].title
        assert tx is not None and ty is not None
        if tx.topic.isdisjoint(ty.topic):
            return
        for i in xs[:PAIRS_PER_GROUP]:
            for j in ys[:PAIRS_PER_GROUP]:
                add(i, j)

    # Exact title across name blocks, for surname typos: one record per block, all pairs.
    for per_block in blocks_of_title.values():
        reps = sorted(set(per_block.values()))
        if 1 < len(reps) <= MAX_BLOCKS_PER_TITLE:
            for x in range(len(reps)):
                for y in range(x + 1, len(reps)):
                    add(reps[x], reps[y])
    for titles in by_block.values():
        # Exact title within a block: a star from each of the first few records.
        for members in titles.values():
            for i in members[:PAIRS_PER_GROUP]:
                for j in members:
                    if i < j:
                        add(i, j)
        if len(titles) < 2:
            continue
        # Fuzzy titles within a block: C-level cdist, then Python only on close pairs.
        keys = list(titles)
        topics = [recs[titles[k][0]].title.topic for k in keys]  # type: ignore[union-attr]
        for a, b in _nearest(keys, keys, topics, topics, CANDIDATE_CUTOFF):
            add_groups(titles[keys[a]], titles[keys[b]])
        # Dropped subtitle: the bare title is close to the other's main part.
        with_main = [k for k in keys if (t := recs[titles[k][0]].title) is not None and t.main]
        if with_main:
            mains = [recs[titles[k][0]].title.main for k in with_main]  # type: ignore[union-attr]
            main_topics = [recs[titles[k][0]].title.topic for k in with_main]  # type: ignore[union-attr]
            for a, b in _nearest(mains, keys, main_topics, topics, 90):
                if with_main[a] != keys[b]:
                    add_groups(titles[with_main[a]], titles[keys[b]])
    return pairs


def _nearest(
    queries: list[str], choices: list[str], q_topics: list[frozenset[str]], c_topics: list[frozenset[str]],
    cutoff: int,
) -> Iterator[tuple[int, int]]:
    """(query, choice) index pairs scoring >= cutoff and sharing a topic word, the closest
    NEAREST_TITLES choices of each query at most (a query never pairs with itself). The topic
    test is add_groups' own: done here, a row's places go to pairs that will be scored.

    One speaker's lecture series ("Part 1" ... "Part 2000") makes every pair of its titles
    close: all of them would be scored (quadratic time, and memory for the decisions), while
    a title's true variants (typos, case) are among its closest titles anyway. Rows are
    computed in slices, so the score matrix of a large block never exists whole.
    """
    if not queries or not choices:
        return
    same = queries is choices
    if len(choices) <= NEAREST_TITLES + 1:  # nothing to leave out: the cheaper whole-matrix path
        m = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
        ii, jj = np.nonzero(np.triu(m, 1) if same else m)
        yield from zip(ii.tolist(), jj.tolist(), strict=True)
        return
    step = max(1, CDIST_CELLS // len(choices))
    for start in range(0, len(queries), step):
        m = process.cdist(
            queries[start:start + step], choices, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8
        )
        for r, row in enumerate(m):
            cols = np.flatnonzero(row)
            if not len(cols):
                continue
            a = start + r
            # Best first, ties by the lower index (a stable sort of ascending columns).
            cols = cols[np.argsort(-row[cols].astype(np.int16), kind="stable")]
            kept = 0
            qt = q_topics[a]
            for b in cols.tolist():
                if (b == a and same) or qt.isdisjoint(c_topics[b]):
                    continue
                yield a, b
                kept += 1
                if kept == NEAREST_TITLES:
                    break


# ------------------------------------------------------------------------------------------ merge


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


# ------------------------------------------------------------------------------------- overrides


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
