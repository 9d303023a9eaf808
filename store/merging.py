"""Run the fuzzy merge over stored records and give its clusters stable ids.

The merge itself (normalize.merge) is pure and only names clusters by a member. Here each
cluster inherits the id most of its members had last time, so a re-crawl or re-merge never
renumbers known talks; a new cluster gets a fresh id derived from its first record.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from seminars.bulk import no_cyclic_gc
from seminars.errors import ConfigError
from seminars.normalize.merge import MergeInput, link_keys, merge, override_pairs
from seminars.store.badrows import checked_talk, name_again
from seminars.store.db import select_in as _in
from seminars.store.db import transaction


@dataclass
class MergeStats:
    records: int
    occurrences: int
    talks: int
    skipped: bool = False
    merged: int = 0  # records this pass looked at (all of them on a full pass)
    # talk ids whose records this pass reassigned (before and after); None: a full pass
    talks_touched: set[str] | None = None


def load_overrides(path: Path | None, inputs: list[MergeInput]) -> tuple[list, list]:
    """An overrides TOML: [[must_link]] / [[cannot_link]] with a = {speaker, title}, b = {...}."""
    if path is None or not path.exists():
        return [], []
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError) as e:
        raise ConfigError(f"{path}: cannot read overrides: {e}") from None
    out: dict[str, list] = {"must_link": [], "cannot_link": []}
    for kind in out:
        for i, entry in enumerate(doc.get(kind, [])):
            try:
                a, b = entry["a"], entry["b"]
                pa = (a["speaker"], a.get("title"))
                pb = (b["speaker"], b.get("title"))
            except (KeyError, TypeError):
                raise ConfigError(
                    f"{path}: [[{kind}]] #{i + 1} needs a = {{speaker, title}} and b = {{speaker, title}}"
                ) from None
            out[kind].extend(override_pairs(inputs, pa, pb))
    return out["must_link"], out["cannot_link"]


def _new_id(prefix: str, seed: str, *taken: set[str]) -> str:
    n = 0
    while True:
        cand = prefix + hashlib.sha1(f"{seed}\x1f{n}".encode()).hexdigest()[:10]
        if not any(cand in t for t in taken):
            return cand
        n += 1


def _stable_ids(clusters: dict[str, list[str]], previous: dict[str, str], prefix: str,
                taken: set[str]) -> dict[str, str]:
    """cluster key -> id: the id most members had, biggest clusters choosing first."""
    out: dict[str, str] = {}
    claimed: set[str] = set()
    for key in sorted(clusters, key=lambda k: (-len(clusters[k]), k)):
        votes = Counter(previous[m] for m in clusters[key] if m in previous)
        choice = next(
            (i for i, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if i not in claimed),
            None,
        )
        if choice is None:
            choice = _new_id(prefix, min(clusters[key]), taken, claimed)
        claimed.add(choice)
        out[key] = choice
    return out


# Re-merging a part of the store is only worth it while the part is small; past this share of
# all records one full pass is simpler and about as fast.
INCREMENTAL_MAX_SHARE = 0.3


def run_merge(con: sqlite3.Connection, *, overrides: Path | None = None, force: bool = False,
              now: str = "") -> MergeStats:
    """Merge stored records after a change: only the part of the store the change can reach.

    Records changed since the last merge and their neighbourhood (see _affected) are merged
    again; the rest keeps its assignments. A full pass runs the first time, when overrides
    are in use, with ``force``, or when the change reaches much of the store.
    """
    with no_cyclic_gc():
        stats = _run_merge(con, overrides, force, now or datetime.now(UTC).replace(microsecond=0).isoformat())
    # Rows an earlier merge skipped stay out of the dataset: say so on every command, not once.
    name_again(_in(con, "SELECT id, page_url, json FROM records WHERE id IN ({})", _skipped(con)))
    return stats


def _skipped(con: sqlite3.Connection) -> set[int]:
    """Ids of stored records the merge left out because they break the record contract."""
    return set(json.loads(_meta(con, "skipped_records") or "[]"))


def _meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def _run_merge(con: sqlite3.Connection, overrides: Path | None, force: bool, now: str) -> MergeStats:
    gen = con.execute("SELECT coalesce(max(id), 0) FROM record_versions").fetchone()[0]
    ov_stamp = str(overrides.stat().st_mtime_ns) if overrides and overrides.exists() else ""
    stamp = f"{gen}:{ov_stamp}"
    last = _meta(con, "merged_at_generation")
    n_records = con.execute("SELECT count(*) FROM records").fetchone()[0]
    if not force and last == stamp:
        n_occ, n_talks = con.execute(
            "SELECT count(DISTINCT occurrence_id), count(DISTINCT talk_id) FROM assignments"
        ).fetchone()
        return MergeStats(n_records, n_occ, n_talks, skipped=True, talks_touched=set())
    affected = None
    if not force and not ov_stamp and last is not None and last.split(":")[1] == "":
        affected = _affected(con, int(last.split(":")[0]), n_records)
    return _merge_part(con, affected, overrides, now, stamp, n_records)


def _affected(con: sqlite3.Connection, last_gen: int, n_records: int) -> set[int] | None:
    """Record ids a merge must revisit, or None when a full pass is the better deal.

    The changed records, every record sharing a link key with one of them (the only records
    the merge would compare them with), and the whole talks all of those belong to (so no
    known talk is cut in two). Chains of keys can span most of a large store, so this stops
    at one hop: a change that would join two talks only through a third record's other keys
    waits for the next full pass (`seminars merge --full`).
    """
    dirty = {r[0] for r in con.execute(
        "SELECT DISTINCT record_id FROM record_versions WHERE id > ?", (last_gen,))}
    if len(dirty) > INCREMENTAL_MAX_SHARE * n_records:
        return None
    _refresh_link_keys(con, dirty)
    keys = {k for (k,) in _in(con, "SELECT DISTINCT key FROM link_keys WHERE record_id IN ({})", dirty)}
    near = dirty | {r for (r,) in _in(con, "SELECT DISTINCT record_id FROM link_keys WHERE key IN ({})", keys)}
    part = near | {r for (r,) in _in(
        con, "SELECT b.record_id FROM assignments a JOIN assignments b ON a.talk_id = b.talk_id"
             " WHERE a.record_id IN ({})", near)}
    return part if len(part) <= INCREMENTAL_MAX_SHARE * n_records else None


def _refresh_link_keys(con: sqlite3.Connection, dirty: set[int]) -> None:
    """Keep link_keys current: all records once after a full pass, then the changed ones."""
    if _meta(con, "link_keys_complete") != "1":
        todo = con.execute("SELECT id, page_url, json FROM records").fetchall()
        clear = "DELETE FROM link_keys"
    else:
        if not dirty:
            return
        todo = _in(con, "SELECT id, page_url, json FROM records WHERE id IN ({})", dirty)
        clear = ""
    talks = ((rid, checked_talk(rid, url, doc)) for rid, url, doc in todo)
    rows = [(rid, k) for rid, t in talks if t is not None for k in link_keys(t)]
    with transaction(con):
        if clear:
            con.execute(clear)
        else:
            _in(con, "DELETE FROM link_keys WHERE record_id IN ({})", dirty)
        con.executemany("INSERT INTO link_keys(record_id, key) VALUES (?, ?)", rows)
        con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('link_keys_complete', '1')")


def _merge_part(con: sqlite3.Connection, part: set[int] | None, overrides: Path | None, now: str,
                stamp: str, n_records: int) -> MergeStats:
    """Merge ``part`` (record ids; None: every record) and give its clusters stable ids."""
    if part is None:
        rows = con.execute("SELECT id, rec_key, json, page_url FROM records ORDER BY rec_key").fetchall()
    else:
        rows = sorted(_in(con, "SELECT id, rec_key, json, page_url FROM records WHERE id IN ({})", part),
                      key=lambda r: r[1])
    inputs, skipped = [], set()
    for r in rows:
        talk = checked_talk(r[0], r[3], r[2])
        if talk is None:
            skipped.add(r[0])  # no assignment: out of the dataset until the row is fixed
        else:
            inputs.append(MergeInput(rec_id=r[1], talk=talk))
    if part is not None:
        skipped |= _skipped(con) - part
    rec_id_of = {r[1]: r[0] for r in rows}
    must, cannot = load_overrides(overrides, inputs)
    result = merge(inputs, must_link=must, cannot_link=cannot)
    best: dict[str, tuple[float, str]] = {}
    for d in result.decisions:
        for r in (d.a, d.b):
            if d.merged and (r not in best or d.score > best[r][0]):
                best[r] = (d.score, f"{d.level}: " + "; ".join(d.reasons))
    events: dict[str, list[str]] = defaultdict(list)
    for rec, ev in result.event_of.items():
        events[ev].append(rec)
    talks: dict[str, list[str]] = defaultdict(list)
    for ev, members in events.items():
        talks[result.talk_of[ev]].extend(members)
    prev_occ, prev_talk = {}, {}
    held_occ, held_talk = set(), set()  # ids still held by records outside the part
    for rec_key, occ, tid in con.execute(
        "SELECT r.rec_key, a.occurrence_id, a.talk_id FROM assignments a JOIN records r ON r.id=a.record_id"
    ):
        if rec_key in rec_id_of:
            prev_occ[rec_key], prev_talk[rec_key] = occ, tid
        else:
            held_occ.add(occ)
            held_talk.add(tid)
    taken = {row[0] for row in con.execute("SELECT id FROM known_ids")}
    occ_ids = _stable_ids(events, {k: v for k, v in prev_occ.items() if v not in held_occ}, "o", taken)
    talk_ids = _stable_ids(talks, {k: v for k, v in prev_talk.items() if v not in held_talk}, "t", taken)
    out = []
    for ev, members in events.items():
        tid = talk_ids[result.talk_of[ev]]
        for m in members:
            score, why = best.get(m, (None, None))
            out.append((rec_id_of[m], occ_ids[ev], tid, score, why))
    with transaction(con):
        if part is None:
            con.execute("DELETE FROM assignments")
            # link keys are rebuilt on the next incremental merge, not on this bulk path
            con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('link_keys_complete', '0')")
        else:
            _in(con, "DELETE FROM assignments WHERE record_id IN ({})", part)
        con.executemany(
            "INSERT INTO assignments(record_id, occurrence_id, talk_id, score, reasons) VALUES (?,?,?,?,?)",
            out,
        )
        con.executemany(
            "INSERT OR IGNORE INTO known_ids(id, kind, created_at) VALUES (?,?,?)",
            [(i, "occurrence", now) for i in occ_ids.values()] + [(i, "talk", now) for i in talk_ids.values()],
        )
        con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('merged_at_generation', ?)", (stamp,))
        con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('skipped_records', ?)",
                    (json.dumps(sorted(skipped)),))
        con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_merge_records', ?)", (str(len(rows)),))
    n_occ, n_talks = con.execute(
        "SELECT count(DISTINCT occurrence_id), count(DISTINCT talk_id) FROM assignments"
    ).fetchone()
    touched = None if part is None else set(prev_talk.values()) | set(talk_ids.values())
    return MergeStats(n_records, n_occ, n_talks, merged=len(rows), talks_touched=touched)
