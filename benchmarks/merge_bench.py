"""Merge benchmark: pairwise precision/recall/F1 and time on labeled synthetic records.

    .venv/bin/python benchmarks/merge_bench.py [--sizes 10000,50000,100000] [--seed 7 | --seeds 7,8,9]
        [--baseline-max 100000] [--store] [--one-speaker 1000,2000]

Pairs are pairs of records put in one talk (and, separately, one event). The baseline is the
obvious 40-line approach (block on surname + first initial, token_set_ratio on titles) and is
run on the same records so the comparison is measured in one run.

--one-speaker N: N distinct talks of one speaker (as N CNLS pages of one long-term visitor),
half of them a numbered lecture series whose titles are all alike, merged in a fresh process:
time, peak RSS of that process, talk pairs scored, and talks found (N is right).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import merge_data  # noqa: E402
import numpy as np  # noqa: E402
from merge_data import Labeled, generate  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from seminars.normalize.match import clear_caches  # noqa: E402
from seminars.normalize.merge import MergeInput, merge  # noqa: E402
from seminars.normalize.merge import clustering as merge_module  # noqa: E402
from seminars.record import Speaker, Talk  # noqa: E402


def pair_scores(pred: list[object], truth: list[object]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of a clustering against the truth, counted without pairs."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(pairs(n) for n in Counter(zip(pred, truth, strict=True)).values())
    p_pairs = sum(pairs(n) for n in Counter(pred).values())
    t_pairs = sum(pairs(n) for n in Counter(truth).values())
    p = both / p_pairs if p_pairs else 1.0
    r = both / t_pairs if t_pairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def baseline(data: list[Labeled]) -> list[int]:
    """Block on surname + first initial; within a block, titles with token_set_ratio >= 90 merge."""
    parent = list(range(len(data)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(data):
        if not rec.talk.speakers:
            continue
        parts = rec.talk.speakers[0].name.replace(",", " ").replace(".", " ").split()
        parts = [p for p in parts if p.lower() not in {"dr", "prof", "professor", "phd"}]
        if parts:
            blocks[f"{parts[-1].lower()}|{parts[0][0].lower()}"].append(i)
    for members in blocks.values():
        if len(members) < 2:
            continue
        titles = [(data[i].talk.title or "TBD").lower() for i in members]
        m = process.cdist(titles, titles, scorer=fuzz.token_set_ratio, score_cutoff=90, dtype=np.uint8)
        for a, b in zip(*np.nonzero(np.triu(m, 1)), strict=True):
            x, y = find(members[a]), find(members[b])
            if x != y:
                parent[y] = x
    return [find(i) for i in range(len(data))]


def run(size: int, seed: int, with_baseline: bool) -> dict[str, float]:
    data = generate(size, seed=seed)
    inputs = [MergeInput(f"r{i:07d}", rec.talk) for i, rec in enumerate(data)]
    clear_caches()  # each size is timed cold: its records overlap the smaller sizes' records
    t0 = time.perf_counter()
    result = merge(inputs)
    elapsed = time.perf_counter() - t0
    ev = [result.event_of[m.rec_id] for m in inputs]
    tk = [result.talk_of[e] for e in ev]
    p, r, f = pair_scores(tk, [d.talk_id for d in data])
    ep, er, ef = pair_scores(ev, [d.event_id for d in data])
    out = {"size": size, "time": elapsed, "P": p, "R": r, "F1": f, "eP": ep, "eR": er, "eF1": ef,
           "talks_true": len({d.talk_id for d in data}), "talks_pred": len(set(tk))}
    if with_baseline:
        t0 = time.perf_counter()
        b = baseline(data)
        out["b_time"] = time.perf_counter() - t0
        out["bP"], out["bR"], out["bF1"] = pair_scores(b, [d.talk_id for d in data])
    return out


def store_run(size: int, seed: int) -> dict[str, float]:
    """The same records through the store, as `seminars import` then `seminars export` do."""
    import json
    import tempfile

    from seminars.store.dataset import load_dataset
    from seminars.store.db import connect
    from seminars.store.export import export_csv
    from seminars.store.imports import import_jsonl
    from seminars.store.merging import run_merge

    data = generate(size, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "records.jsonl"
        src.write_text("".join(json.dumps(d.talk.to_dict()) + "\n" for d in data), encoding="utf-8")
        clear_caches()
        con = connect(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        import_jsonl(con, src, observed_at="2026-01-01T00:00:00+00:00")
        t1 = time.perf_counter()
        stats = run_merge(con)
        t2 = time.perf_counter()
        export_csv(load_dataset(con), Path(tmp) / "out")
        t3 = time.perf_counter()
        con.close()
    return {"import": t1 - t0, "merge": t2 - t1, "export": t3 - t2, "total": t3 - t0,
            "talks": stats.talks, "records": stats.records}


def one_speaker_talks(n: int, seed: int = 7) -> list[Talk]:
    """n distinct talks (titles and dates) by one speaker, three days apart."""
    rng = random.Random(seed)
    person = merge_data._make_person(rng, 0, [], merge_data._zipf_weights(len(merge_data.SURNAMES)))
    name = f"{person.first} {person.last}"
    series = [f"{rng.choice(merge_data.METHODS)} for {rng.choice(merge_data.DOMAINS)}" for _ in range(2)]
    seen: set[str] = set()
    out: list[Talk] = []
    d0 = date(2000, 1, 3).toordinal()
    while len(out) < n:
        if len(out) % 2:
            title = f"Lectures on {rng.choice(series)}, Part {len(out) // 2 + 1}"
        else:
            title = merge_data._fresh_title(rng, person)
        if title in seen:
            continue
        seen.add(title)
        day = date.fromordinal(d0 + 3 * len(out)).isoformat()
        out.append(Talk(
            title=title, speakers=[Speaker(name, "Los Alamos National Laboratory")], date=day,
            start=f"{day}T10:00:00-07:00", end=f"{day}T11:00:00-07:00", timezone="America/Denver",
            abstract=merge_data._abstract(rng, title), institution="LANL",
            source_url=f"https://cnls.lanl.gov/External/showtalksummary.php?selection={len(out)}",
        ))
    return out


def one_speaker_run(n: int, seed: int) -> dict[str, float]:
    """Run in a fresh process (see main), so ru_maxrss is this merge's peak."""
    inputs = [MergeInput(f"r{i:07d}", t) for i, t in enumerate(one_speaker_talks(n, seed))]
    scored = 0
    scorer = merge_module._talk_decision

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal scored
        scored += 1
        return scorer(*args, **kwargs)

    merge_module._talk_decision = counting
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = merge(inputs)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"n": n, "time": elapsed, "peak_mb": peak / 1024, "merge_mb": (peak - before) / 1024,
            "pairs": scored, "talks": len(set(result.talk_of.values()))}


def _one_speaker_runs(sizes: list[int], seed: int) -> None:
    print(f"{'talks':>7} {'found':>7} {'pairs scored':>12} {'time s':>7} {'peak MB':>8} {'merge MB':>8}")
    for n in sizes:
        proc = subprocess.run([sys.executable, sys.argv[0], "--one-speaker-child", str(n), "--seed", str(seed)],
                              capture_output=True, text=True, check=True)
        o = json.loads(proc.stdout)
        print(f"{n:>7} {o['talks']:>7} {o['pairs']:>12} {o['time']:7.2f} {o['peak_mb']:8.0f} {o['merge_mb']:8.0f}",
              flush=True)


def _pure_runs(sizes: list[int], seed: int, baseline_max: int) -> None:
    print(f"{'size':>7} {'talks':>7} {'found':>7} {'P':>7} {'R':>7} {'F1':>7} {'time s':>7} | "
          f"{'event P':>7} {'event R':>7} | {'base P':>7} {'base R':>7} {'base F1':>7} {'base s':>7}")
    times: dict[int, float] = {}
    for size in sizes:
        o = run(size, seed, size <= baseline_max)
        times[size] = o["time"]
        base = (f"{o['bP']:7.4f} {o['bR']:7.4f} {o['bF1']:7.4f} {o['b_time']:7.2f}"
                if "bP" in o else f"{'-':>7} {'-':>7} {'-':>7} {'-':>7}")
        print(f"{size:>7} {o['talks_true']:>7} {o['talks_pred']:>7} {o['P']:7.4f} {o['R']:7.4f} "
              f"{o['F1']:7.4f} {o['time']:7.2f} | {o['eP']:7.4f} {o['eR']:7.4f} | {base}", flush=True)
    if 10_000 in times and 50_000 in times:
        print(f"time ratio 50k/10k (merge): {times[50_000] / times[10_000]:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,100000", help="comma-separated record counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--seeds", default="", help="comma-separated seeds, each run in turn (overrides --seed)")
    ap.add_argument("--baseline-max", type=int, default=100_000, help="skip the baseline above this size")
    ap.add_argument("--store", action="store_true",
                    help="also time import + merge + export through the SQLite store")
    ap.add_argument("--one-speaker", default="",
                    help="comma-separated talk counts: distinct talks of one speaker, merged alone")
    ap.add_argument("--one-speaker-child", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one_speaker_child:
        print(json.dumps(one_speaker_run(args.one_speaker_child, args.seed)))
        return 0
    if args.one_speaker:
        try:
            counts = [int(s) for s in args.one_speaker.split(",") if s.strip()]
            if not counts or min(counts) < 2:
                raise ValueError
        except ValueError:
            print(f"error: --one-speaker wants positive integers like 1000,2000, got {args.one_speaker!r}",
                  file=sys.stderr)
            return 2
        _one_speaker_runs(counts, args.seed)
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        if not sizes or min(sizes) < 2:
            raise ValueError
    except ValueError:
        print(f"error: --sizes wants positive integers like 10000,50000, got {args.sizes!r}", file=sys.stderr)
        return 2
    try:
        seeds = [int(s) for s in args.seeds.split(",") if s.strip()] or [args.seed]
    except ValueError:
        print(f"error: --seeds wants integers like 7,8,9, got {args.seeds!r}", file=sys.stderr)
        return 2
    for seed in seeds:
        if len(seeds) > 1:
            print(f"seed {seed}")
        _pure_runs(sizes, seed, args.baseline_max)
    if args.store:
        totals: dict[int, float] = {}
        for size in sizes:
            o = store_run(size, seeds[0])
            totals[size] = o["total"]
            print(f"store {size:>7}: import {o['import']:.2f} s + merge {o['merge']:.2f} s + export "
                  f"{o['export']:.2f} s = {o['total']:.2f} s ({o['records']} records -> {o['talks']} talks)",
                  flush=True)
        if 10_000 in totals and 50_000 in totals:
            print(f"time ratio 50k/10k (import+merge+export): {totals[50_000] / totals[10_000]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
