"""Serve benchmark: public-database refresh cost and Datasette answer times on a large store.

    .venv/bin/python benchmarks/serve_bench.py [--size 100000] [--seed 7] [--keep DIR] [--runs 7]

Builds a store of --size synthetic records (benchmarks/merge_data.py, through import + merge
as `seminars import` does; reused from --keep DIR when it is already there), times
store.views.refresh (a full rebuild, then the incremental refresh after one new record, as
a crawl or import does), then starts `seminars serve`
on 127.0.0.1 and times, as a client sees them (median of --runs, first request excluded), a
full-text search on talks, a search + institution filter, and the talks and occurrences
pages with their facets.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from merge_data import generate  # noqa: E402


def build(db: Path, size: int, seed: int) -> None:
    from seminars.store.db import connect
    from seminars.store.imports import import_jsonl
    from seminars.store.merging import run_merge

    src = db.with_suffix(".jsonl")
    src.write_text("".join(json.dumps(d.talk.to_dict()) + "\n" for d in generate(size, seed=seed)),
                   encoding="utf-8")
    con = connect(db)
    t0 = time.perf_counter()
    import_jsonl(con, src, observed_at="2026-01-01T00:00:00+00:00")
    run_merge(con)
    print(f"store: {size} records imported and merged in {time.perf_counter() - t0:.1f} s")
    con.close()


def incremental(con, db: Path) -> None:
    """One new record (an existing talk given again elsewhere), then merge + refresh as a
    crawl or import does; the public database must end up as a full rebuild would write it."""
    from seminars.store.imports import import_jsonl
    from seminars.store.merging import run_merge
    from seminars.store.views import merged_stamp, public_path, refresh

    doc = json.loads(db.with_suffix(".jsonl").open(encoding="utf-8").readline())
    doc.update(date="2026-11-05", start=None, end=None, institution="ORNL",
               source_url=f"https://bench.example.org/again/{time.time_ns()}")
    one = db.with_name("one.jsonl")
    one.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    since = merged_stamp(con)
    t0 = time.perf_counter()
    import_jsonl(con, one, observed_at="2026-01-02T00:00:00+00:00")
    t1 = time.perf_counter()
    stats = run_merge(con)
    t2 = time.perf_counter()
    refresh(con, talks=stats.talks_touched, since=since)
    t3 = time.perf_counter()
    print(f"one new record: import {1000 * (t1 - t0):.0f} ms, merge {1000 * (t2 - t1):.0f} ms,"
          f" refresh of {len(stats.talks_touched or ())} touched talk(s) {1000 * (t3 - t2):.0f} ms")
    pub = sqlite3.connect(public_path(db))
    got = _dump(pub)
    refresh(con, full=True)
    assert _dump(pub) == got, "the incremental refresh differs from a full rebuild"
    pub.close()


def _dump(pub) -> list:
    return [sorted(pub.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("talks", "occurrences", "talk_speakers", "speakers", "feed_occurrences")]


def timed(client: httpx.Client, url: str, runs: int) -> tuple[float, int]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t0)
    rows = r.json().get("filtered_table_rows_count", len(r.json().get("rows", [])))
    return statistics.median(times) * 1000, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="folder to keep (and reuse) the store in")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"serve-{args.size}-{args.seed}.db"
    if not db.exists():
        build(db, args.size, args.seed)

    from seminars.store.db import connect
    from seminars.store.views import refresh

    con = connect(db)
    t0 = time.perf_counter()
    refresh(con, full=True)
    print(f"full rebuild of the public database: {time.perf_counter() - t0:.2f} s")
    incremental(con, db)
    n_talks = con.execute("SELECT count(DISTINCT talk_id) FROM assignments").fetchone()[0]
    con.close()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from tests.test_serve import Server

    server = Server(db, folder / "serve.log")
    try:
        with httpx.Client(base_url=server.base, timeout=60) as client:
            surname = client.get("/seminars/talk_speakers.json?_shape=array&_size=1").json()[0]["name"]
            surname = surname.split()[-1]
            cases = [
                (f"search '{surname}'", f"/seminars/talks.json?_search={surname}"),
                ("search 'learning'", "/seminars/talks.json?_search=learning"),
                (f"search '{surname}' + LANL", f"/seminars/talks.json?_search={surname}"
                 "&institution__arraycontains=LANL"),
                ("talks page + 4 facets", "/seminars/talks.json"),
                ("occurrences page + 4 facets", "/seminars/occurrences.json"),
                ("occurrences LANL + facets", "/seminars/occurrences.json?institution=LANL"),
            ]
            print(f"{n_talks} talks; median of {args.runs} requests each:")
            for label, url in cases:
                ms, rows = timed(client, url, args.runs)
                print(f"  {label:<32} {ms:7.1f} ms  ({rows} rows)")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
