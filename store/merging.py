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
from pathlib import Path

from normalize.merge import MergeInput, merge, override_pairs
from seminars.bulk import no_cyclic_gc
from seminars.errors import ConfigError
from seminars.record import Speaker, Talk
from store.db import transaction


@dataclass
class MergeStats:
    records: int
    occurrences: int
    talks: int
    skipped: bool = False


def load_inputs(con: sqlite3.Connection) -> list[MergeInput]:
    return [
        MergeInput(rec_id=row[0], talk=_stored_talk(json.loads(row[1])))
        for row in con.execute("SELECT rec_key, json FROM records ORDER BY rec_key")
    ]


def _stored_talk(d: dict) -> Talk:
    # Stored records were validated when written; skip Talk.from_dict's checks on the bulk path.
    d["speakers"] = [Speaker(**s) for s in d.get("speakers") or []]
    return Talk(**d)


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


def run_merge(con: sqlite3.Connection, *, overrides: Path | None = None, force: bool = False,
              now: str = "") -> MergeStats:
    """Merge every stored record; skipped when nothing changed since the last merge."""
    with no_cyclic_gc():
        return _run_merge(con, overrides, force, now)


def _run_merge(con: sqlite3.Connection, overrides: Path | None, force: bool, now: str) -> MergeStats:
    gen = con.execute("SELECT coalesce(max(id), 0) FROM record_versions").fetchone()[0]
    ov_stamp = str(overrides.stat().st_mtime_ns) if overrides and overrides.exists() else ""
    stamp = f"{gen}:{ov_stamp}"
    last = con.execute("SELECT value FROM meta WHERE key='merged_at_generation'").fetchone()
    n_records = con.execute("SELECT count(*) FROM records").fetchone()[0]
    if not force and last and last[0] == stamp:
        n_occ, n_talks = con.execute(
            "SELECT count(DISTINCT occurrence_id), count(DISTINCT talk_id) FROM assignments"
        ).fetchone()
        return MergeStats(n_records, n_occ, n_talks, skipped=True)
    inputs = load_inputs(con)
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
    for row in con.execute(
        "SELECT r.rec_key, a.occurrence_id, a.talk_id FROM assignments a JOIN records r ON r.id=a.record_id"
    ):
        prev_occ[row[0]], prev_talk[row[0]] = row[1], row[2]
    taken = {row[0] for row in con.execute("SELECT id FROM known_ids")}
    occ_ids = _stable_ids(events, prev_occ, "o", taken)
    talk_ids = _stable_ids(talks, prev_talk, "t", taken)
    rec_id_of = dict(con.execute("SELECT rec_key, id FROM records").fetchall())
    rows = []
    for ev, members in events.items():
        tid = talk_ids[result.talk_of[ev]]
        for m in members:
            score, why = best.get(m, (None, None))
            rows.append((rec_id_of[m], occ_ids[ev], tid, score, why))
    with transaction(con):
        con.execute("DELETE FROM assignments")
        con.executemany(
            "INSERT INTO assignments(record_id, occurrence_id, talk_id, score, reasons) VALUES (?,?,?,?,?)",
            rows,
        )
        con.executemany(
            "INSERT OR IGNORE INTO known_ids(id, kind, created_at) VALUES (?,?,?)",
            [(i, "occurrence", now) for i in occ_ids.values()] + [(i, "talk", now) for i in talk_ids.values()],
        )
        con.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('merged_at_generation', ?)", (stamp,)
        )
    return MergeStats(len(inputs), len(events), len(talks))
