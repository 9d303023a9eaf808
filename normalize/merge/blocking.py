"""Blocking: the link keys of a record, and the candidate pairs drawn from shared keys.

Every candidate pair shares one of the records' link keys (`link_keys`), so the store can
merge again only the records linked to a change and get what a full merge would give.
Titles are compared within a name block with rapidfuzz's C-level cdist first, and only close
pairs are scored in Python.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from seminars.normalize.merge.features import _alike_main, _features, _Key, _Rec, _usable
from seminars.normalize.merge.weights import (
    CANDIDATE_CUTOFF,
    CDIST_CELLS,
    DROPPED_SUBTITLE_CUTOFF,
    MAX_BLOCKS_PER_TITLE,
    MAX_MAINS_PER_KEY,
    MAX_NAME_DAY_GROUP,
    NEAREST_TITLES,
    PAIRS_PER_GROUP,
    SUBTITLE_ALIKE,
)
from seminars.record import Talk

if TYPE_CHECKING:
    from seminars.normalize.merge.unionfind import _Clusters


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
    # sorted: set order follows the hash seed, and the first key a bare title meets decides
    # which main title it is reported to stand for
    return [("b", f"{b}|{w}", -1) for b in r.blocks for w in sorted(r.title.topic)]


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
                if (t.main, t.sub) not in ms and len(ms) < MAX_MAINS_PER_KEY:
                    ms.append((t.main, t.sub))
    out: dict[str, list[str]] = {}
    for k, ms in seen.items():
        amb: set[str] = set()
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                (m1, s1), (m2, s2) = ms[x], ms[y]
                if _alike_main(m1, m2) and fuzz.ratio(s1, s2) < SUBTITLE_ALIKE:
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
            for a, b in _nearest(mains, keys, main_topics, topics, DROPPED_SUBTITLE_CUTOFF):
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
