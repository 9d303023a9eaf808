"""Incremental merging in the store: the part a change can reach, with the full pass's answer."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from seminars.record import Speaker, Talk
from seminars.store.db import connect, transaction
from seminars.store.imports import import_jsonl
from seminars.store.merging import run_merge
from seminars.store.pages import apply_page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from merge_data import generate  # noqa: E402


def partition(con) -> tuple[set[frozenset[str]], set[frozenset[str]], dict[str, str]]:
    talks, occs = defaultdict(set), defaultdict(set)
    ids = {}
    for rec_key, occ, tid in con.execute(
        "SELECT r.rec_key, a.occurrence_id, a.talk_id FROM assignments a JOIN records r ON r.id=a.record_id"
    ):
        talks[tid].add(rec_key)
        occs[occ].add(rec_key)
        ids[rec_key] = tid
    return {frozenset(v) for v in talks.values()}, {frozenset(v) for v in occs.values()}, ids


def store_with(tmp_path: Path, n: int):
    src = tmp_path / "records.jsonl"
    src.write_text("".join(json.dumps(d.talk.to_dict()) + "\n" for d in generate(n, seed=11)), encoding="utf-8")
    con = connect(tmp_path / "s.db")
    import_jsonl(con, src, observed_at="2026-01-01T00:00:00+00:00")
    first = run_merge(con)
    assert first.merged == n  # the first merge is a full pass
    return con


def test_a_small_change_merges_a_small_part_with_the_full_answer(tmp_path):
    con = store_with(tmp_path, 3000)
    before_talks, _, before_ids = partition(con)
    # one new listing of an existing talk, seen on another site
    any_talk = json.loads(con.execute("SELECT json FROM records ORDER BY id LIMIT 1").fetchone()[0])
    t = Talk.from_dict(any_talk).replace(source_url="https://example.org/elsewhere", institution="LANL")
    with transaction(con):
        apply_page(con, source="test", site="import", url=t.source_url, observed_at="2026-02-01T00:00:00+00:00",
                   talks=[t], body=None, status=None, origin="import", unlist_missing=False)
    stats = run_merge(con)
    assert 0 < stats.merged < 300, stats  # the part the change can reach, not 3001 records
    inc_talks, inc_occs, inc_ids = partition(con)
    # every talk the change left as it was keeps its id
    unchanged = before_talks & inc_talks
    assert len(unchanged) > 0.9 * len(before_talks)
    assert all(inc_ids[k] == before_ids[k] for talk in unchanged for k in talk)
    full = run_merge(con, force=True)
    assert full.merged == 3001
    full_talks, full_occs, full_ids = partition(con)
    assert inc_talks == full_talks and inc_occs == full_occs
    assert inc_ids == full_ids


def test_nothing_changed_skips_and_a_renamed_speaker_leaves_its_talk(tmp_path):
    con = connect(tmp_path / "s.db")
    talk = Talk(title="Operator learning for plasma closures", speakers=[Speaker("Ana Ruiz")],
                date="2026-03-05", timezone="America/New_York", institution="ORNL",
                source_url="https://example.org/a")
    twin = talk.replace(date="2026-06-11", source_url="https://example.org/b", institution="LANL")
    with transaction(con):
        for t in (talk, twin):
            apply_page(con, source="t", site="import", url=t.source_url, observed_at="2026-01-01T00:00:00+00:00",
                       talks=[t], body=None, status=None, origin="import")
    run_merge(con)
    assert len(partition(con)[0]) == 1
    assert run_merge(con).skipped
    run_merge(con, force=True)  # a full pass...
    run_merge(con)  # ...then an incremental one rebuilds the link keys
    # the page now names someone else: the record leaves the shared talk
    other = twin.replace(speakers=[Speaker("Bo Chen")], title="A different talk")
    with transaction(con):
        apply_page(con, source="t", site="import", url=twin.source_url, observed_at="2026-02-01T00:00:00+00:00",
                   talks=[other], body=None, status=None, origin="import")
    stats = run_merge(con)
    assert not stats.skipped and stats.merged <= 3
    talks, _, ids = partition(con)
    assert len(talks) == 2
    assert len(set(ids.values())) == 2


def test_merge_command_reports_what_it_did(tmp_path):
    from tests.cli import seminars

    db = tmp_path / "s.db"
    src = tmp_path / "r.jsonl"
    src.write_text("".join(json.dumps(d.talk.to_dict()) + "\n" for d in generate(200, seed=3)), encoding="utf-8")
    assert seminars("import", src, db=db).returncode == 0
    again = seminars("merge", db=db)
    assert again.returncode == 0 and again.stdout.startswith("nothing changed: 200 records")
    full = seminars("merge", "--full", db=db)
    assert full.returncode == 0 and full.stdout.startswith("merged 200 record(s)")
