"""How close does the fetcher get to the politeness bound, and how much does a recrawl save?

Serves N pages over H loopback hosts (127.0.0.1 .. 127.0.0.H) with a fixed per-request
latency, crawls them with per-host concurrency C and no per-host delay, and compares the wall
time with the bound politeness allows: pages / hosts / C * latency. Then recrawls with the
stored ETags and reports the share answered 304.

    .venv/bin/python benchmarks/fetch_bench.py [--pages 200] [--hosts 4] [--concurrency 4]
                                               [--latency 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seminars.scrapers.fetch import CrawlSettings, Fetcher, FetchRequest, FetchResult  # noqa: E402
from tests.httpserver import LoopbackSite  # noqa: E402

TARGET_RATIO = 1.5


async def crawl(settings: CrawlSettings, reqs: list[FetchRequest]) -> tuple[list[FetchResult], Fetcher, float]:
    async with Fetcher(settings) as fetcher:
        started = time.monotonic()
        results = await fetcher.fetch_many(reqs)
        return results, fetcher, time.monotonic() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--hosts", type=int, default=4)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--latency", type=float, default=0.1)
    args = ap.parse_args()
    if not (1 <= args.hosts <= 250 and args.pages >= args.hosts and args.concurrency >= 1):
        ap.error("need 1 <= hosts <= 250, pages >= hosts, concurrency >= 1")

    sites = [LoopbackSite(f"127.0.0.{i + 1}", latency=args.latency).start() for i in range(args.hosts)]
    try:
        urls = []
        for i in range(args.pages):
            site = sites[i % args.hosts]
            body = f"<html><body><h1>Talk {i}</h1>{'<p>abstract</p>' * 200}</body></html>"
            urls.append(site.add(f"/talk/{i}", body))
        settings = CrawlSettings(per_host_concurrency=args.concurrency, per_host_delay=0.0,
                                 timeout=10.0, retries=0)

        results, fetcher, wall = asyncio.run(crawl(settings, [FetchRequest(u) for u in urls]))
        failed = [r for r in results if not r.ok]
        bound = args.pages / args.hosts / args.concurrency * args.latency
        ratio = wall / bound
        server_max = max(s.max_in_flight for s in sites)
        print(f"first crawl: {args.pages} pages over {args.hosts} hosts, {len(failed)} failed")
        print(f"wall time: {wall:.3f} s")
        print(f"politeness bound: {bound:.3f} s "
              f"({args.pages}/{args.hosts} hosts/{args.concurrency} concurrent*{args.latency:g} s)")
        print(f"ratio to bound: {ratio:.2f}x (target <= {TARGET_RATIO}x, includes one robots.txt "
              f"round trip per host = {args.latency:g} s)")
        print(f"max in-flight per host: server-measured {server_max}, "
              f"fetcher-measured {max(fetcher.max_in_flight_per_host.values())} "
              f"(limit {args.concurrency})")
        print(f"requests sent: {fetcher.requests_sent}")

        stored = [FetchRequest(r.url, etag=r.etag, last_modified=r.last_modified) for r in results]
        before = sum(s.not_modified for s in sites)
        again, _, wall2 = asyncio.run(crawl(settings, stored))
        answered_304 = sum(s.not_modified for s in sites) - before
        print(f"recrawl with stored ETags: {100 * answered_304 / len(again):.1f}% answered 304 "
              f"(client saw {sum(r.not_modified for r in again)} not-modified)")
        print(f"recrawl wall time: {wall2:.3f} s")
        ok = not failed and ratio <= TARGET_RATIO and server_max <= args.concurrency
        print(f"verdict: {'PASS' if ok else 'FAIL'}")
        return 0 if ok else 1
    finally:
        for site in sites:
            site.stop()


if __name__ == "__main__":
    sys.exit(main())
