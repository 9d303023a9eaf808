"""Whole-crawl benchmark on loopback: `seminars crawl` of N CNLS pages over H hosts.

    .venv/bin/python benchmarks/crawl_bench.py [--pages 200] [--hosts 4] [--latency 0.1]

Each host is a real HTTP server on its own 127.0.0.x address with the given latency.
Measures, in one run: the crawl's wall time against the politeness bound
(pages / hosts / per-host concurrency * latency), the most requests in flight on one host,
and a recrawl with nothing changed (share of requests conditional and answered 304, pages
re-parsed). The crawl runs in-process (start-up excluded) and once more via the CLI.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seminars.config import Config, Source  # noqa: E402
from seminars.pipeline import crawl  # noqa: E402
from seminars.scrapers.fetch import CrawlSettings  # noqa: E402
from seminars.scrapers.registry import all_sites  # noqa: E402
from seminars.store.db import connect  # noqa: E402
from tests.httpserver import LoopbackSite  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--latency", type=float, default=0.1)
    args = ap.parse_args()

    pages = sorted(p for p in (ROOT / "fixtures" / "cnls").glob("*.html") if p.stem != "listing")
    sites = [LoopbackSite(f"127.0.0.{h + 1}", latency=args.latency).start() for h in range(args.hosts)]
    try:
        sources = []
        for i in range(args.pages):
            site = sites[i % args.hosts]
            url = site.add(f"/External/showtalksummary.php?selection={i}", pages[i % len(pages)].read_bytes())
            sources.append(Source(name=f"talk-{i}", url=url, site="cnls"))
        settings = CrawlSettings(per_host_concurrency=args.concurrency, per_host_delay=0.0, timeout=10)
        cfg = Config(sources=sources, crawl=settings)
        bound = args.pages / args.hosts / args.concurrency * args.latency
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            con = connect(db)
            all_sites()  # importing the parsers is start-up, timed in the CLI run below
            t0 = time.perf_counter()
            report = crawl(con, cfg)
            wall = time.perf_counter() - t0
            failed = len(report.failed)
            in_flight = max(s.max_in_flight for s in sites)
            fetch_rows = con.execute("SELECT count(*) FROM fetches").fetchone()[0]
            print(f"crawl: {args.pages} pages over {args.hosts} hosts, {args.latency * 1000:.0f} ms latency, "
                  f"per_host_concurrency={args.concurrency}, per_host_delay=0")
            print(f"crawl wall time (in-process): {wall:.2f} s; politeness bound {bound:.2f} s; "
                  f"ratio {wall / bound:.2f}x (target <= 1.5x); failed {failed}")
            print(f"max requests in flight on one host: {in_flight} (limit {args.concurrency})")

            before = [(s.total_requests(), s.conditional_requests, s.not_modified) for s in sites]
            t0 = time.perf_counter()
            report2 = crawl(con, cfg)
            wall2 = time.perf_counter() - t0
            reqs = sum(s.total_requests() - b[0] for s, b in zip(sites, before, strict=True))
            cond = sum(s.conditional_requests - b[1] for s, b in zip(sites, before, strict=True))
            n304 = sum(s.not_modified - b[2] for s, b in zip(sites, before, strict=True))
            reparsed = con.execute("SELECT count(*) FROM fetches").fetchone()[0] - fetch_rows
            print(f"recrawl, nothing changed: {reqs} requests, {cond / max(reqs, 1):.0%} conditional, "
                  f"{n304 / max(reqs, 1):.0%} answered 304, {reparsed} pages re-parsed, "
                  f"{wall2:.2f} s, not modified {report2.count('not_modified')}")
            con.close()

            # The same crawl with parsing in threads of this process (parse_timeout = 0: no
            # worker processes, no time limit), in this run, for the cost of the workers.
            for site in sites:
                for page in site.pages.values():
                    page.body += b" "
            db_threads = Path(tmp) / "threads.db"
            con_t = connect(db_threads)
            cfg_t = Config(sources=sources, crawl=dataclasses.replace(settings, parse_timeout=0))
            t0 = time.perf_counter()
            crawl(con_t, cfg_t)
            wall_t = time.perf_counter() - t0
            con_t.close()
            print(f"same crawl, parsed in threads (no parse time limit): {wall_t:.2f} s, ratio "
                  f"{wall_t / bound:.2f}x; worker processes cost {wall / wall_t:.2f}x of that")


            cfg_path = Path(tmp) / "sources.toml"
            lines = ["[crawl]", f"per_host_concurrency = {args.concurrency}", "per_host_delay = 0", "timeout = 10"]
            for s in sources:
                lines += ["[[source]]", f'name = "{s.name}"', f'url = "{s.url}"', 'site = "cnls"']
            cfg_path.write_text("\n".join(lines) + "\n")
            for s in sites:
                for p in s.pages.values():
                    p.body += b" "  # new ETags: a full crawl again, through the CLI this time
            env = {**os.environ, "SEMINARS_DB": str(db)}
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "seminars.cli", "crawl", "--config", str(cfg_path)],
                               env=env, capture_output=True, text=True)
            cli_wall = time.perf_counter() - t0
            print(f"`seminars crawl` via the CLI (start-up included): {cli_wall:.2f} s, exit {r.returncode}, "
                  f"integrity {sqlite3.connect(db).execute('PRAGMA integrity_check').fetchone()[0]}")
        return 0 if wall <= 1.5 * bound + 0.5 and in_flight <= args.concurrency else 1
    finally:
        for s in sites:
            s.stop()


if __name__ == "__main__":
    raise SystemExit(main())
