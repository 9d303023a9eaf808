"""Parse speed over the real corpus (../shared/corpus) and the bundled fixtures.

    .venv/bin/python benchmarks/parse_bench.py [--hostile]

Reports pages/s for one pass over every page (after one warm-up page), per site. --hostile
instead parses fixture pages padded to max_bytes (5,000,000) with runs that make backtracking
patterns or markdown-it rescan ("*a ", "[(", "<a", ...) inside a talk's abstract, and reports
the seconds per page.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seminars.scrapers.registry import parse_page  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def pages() -> list[tuple[str, Path]]:
    out = []
    if CORPUS.is_dir():
        out += [("ornl", p) for p in sorted((CORPUS / "ornl").rglob("*")) if p.suffix in (".md", ".html")]
        out += [("ornl", CORPUS / "seeds" / "ornl-ai-seminar-2026.md"), ("cnls", CORPUS / "seeds" / "lanl-cnls-talk.txt")]
    for site in ("ornl", "cnls", "jsonld"):
        out += [(site, p) for p in sorted((ROOT / "fixtures" / site).glob("*")) if not p.name.endswith(".json")]
    return out


def feed_of(n: int) -> bytes:
    """An iCalendar feed of n single events, shaped like a seminar archive export."""
    from datetime import datetime, timedelta

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "X-WR-TIMEZONE:America/New_York"]
    for i in range(n):
        d = datetime(2020, 1, 6, 16) + timedelta(days=i % 2000, minutes=i // 2000)
        lines += ["BEGIN:VEVENT", f"UID:talk-{i}@bench", "DTSTAMP:20250101T000000Z",
                  f"DTSTART;TZID=America/New_York:{d:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=America/New_York:{d + timedelta(hours=1):%Y%m%dT%H%M%S}",
                  f"SUMMARY:Colloquium: Jane Doe{chr(65 + i % 26)} (University {i % 97}): Talk number {i}",
                  "LOCATION:Room 402\\, Hamilton Hall",
                  "DESCRIPTION:Abstract: We study things.\\nHost: John Roe", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def feed_bench(n: int = 10_000) -> None:
    body = feed_of(n)
    parse_page(feed_of(5), "", "ical")  # imports
    t0, c0 = time.perf_counter(), time.process_time()
    talks = parse_page(body, "https://bench.example/feed.ics", "ical").talks
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU time too: on a shared machine the wall clock also counts other processes' turns
    print(f"ical feed of {n:,} events ({len(body) / 1e6:.1f} MB): {len(talks):,} talks in {dt:.2f} s "
          f"({cpu:.2f} s CPU)")


HOSTILE = ["*a ", "**a ", "_a ", "~~a ", "[(", "](", "<a", "(", " ", "1 ", "A. "]
HOSTILE_PAGES = [("ornl", "shared-talk-2026.md"), ("ornl", "raw-table-2023-served.html"), ("cnls", "colloquium.html")]


def padded(site: str, name: str, unit: str, total: int = 5_000_000) -> tuple[str, str]:
    """The fixture page with `unit` repeated inside its first abstract, `total` chars long."""
    page = (ROOT / "fixtures" / site / name).read_text(encoding="utf-8")
    want = json.loads((ROOT / "fixtures" / site / f"{name.rsplit('.', 1)[0]}.expected.json").read_text("utf-8"))
    abstract = next(t["abstract"] for t in want["talks"] if t["abstract"])
    at = page.index(abstract[:25]) + 25
    return page[:at] + unit * ((total - len(page)) // len(unit)) + page[at:], want["url"]


def hostile() -> int:
    parse_page("<html></html>", "", "cnls")
    worst = 0.0
    for site, name in HOSTILE_PAGES:
        row = []
        for unit in HOSTILE:
            page, url = padded(site, name, unit)
            t0 = time.perf_counter()
            n = len(parse_page(page, url, site).talks)
            took = time.perf_counter() - t0
            worst = max(worst, took)
            row.append(f"{unit.strip() or 'spaces'!r}: {took:.2f} s ({n} talks)")
        print(f"{site} {name}, 5 MB: " + ", ".join(row), flush=True)
    print(f"slowest: {worst:.2f} s")
    return 0


def main() -> int:
    if "--hostile" in sys.argv[1:]:
        return hostile()
    todo = [(site, p, p.read_bytes()) for site, p in pages()]
    parse_page(todo[0][2], "", todo[0][0])  # imports and caches: not what we time
    by_site: dict[str, list[float]] = {}
    talks = 0
    t_all = time.perf_counter()
    for site, _path, body in todo:
        t0 = time.perf_counter()
        talks += len(parse_page(body, "", site).talks)
        by_site.setdefault(site, []).append(time.perf_counter() - t0)
    total = time.perf_counter() - t_all
    corpus = sum(1 for _, p, _ in todo if CORPUS in p.parents)
    print(f"{len(todo)} pages ({corpus} from the corpus), {talks} talks, {total:.2f} s, {len(todo) / total:.0f} pages/s")
    for site, times in sorted(by_site.items()):
        print(f"  {site}: {len(times)} pages, {sum(times):.2f} s, {len(times) / sum(times):.0f} pages/s, "
              f"slowest {max(times) * 1000:.0f} ms")
    generic_bench()
    feed_bench()
    jsonld_bench()
    return 0


def jsonld_bench(n: int = 10_000) -> None:
    """A page carrying n schema.org events in one JSON-LD block."""
    events = [{"@context": "https://schema.org", "@type": "Event", "name": f"Talk {i}",
               "startDate": "2024-01-01T10:00:00Z", "url": f"/e/{i}",
               "performer": {"@type": "Person", "name": f"Person Number{i}"}} for i in range(n)]
    body = ('<html><head><script type="application/ld+json">' + json.dumps(events)
            + "</script></head><body></body></html>").encode()
    parse_page(body.replace(json.dumps(events).encode(), json.dumps(events[:2]).encode()), "", "jsonld")
    t0, c0 = time.perf_counter(), time.process_time()
    talks = parse_page(body, "https://bench.example/events/", "jsonld").talks
    print(f"jsonld page of {n:,} events ({len(body) / 1e6:.1f} MB): {len(talks):,} talks in "
          f"{time.perf_counter() - t0:.2f} s ({time.process_time() - c0:.2f} s CPU)")


def generic_bench() -> None:
    """The generic parser over every page of the development set (fixtures/devset/pages)."""
    devset = sorted(p for p in (ROOT / "fixtures" / "devset" / "pages").glob("*")
                    if not p.name.endswith(".json"))
    bodies = [(p, p.read_bytes()) for p in devset]
    parse_page(bodies[0][1], "", "generic")
    t0 = time.perf_counter()
    slowest = 0.0
    for _p, body in bodies:
        t = time.perf_counter()
        parse_page(body, "https://dept.example.edu/seminars/", "generic")
        slowest = max(slowest, time.perf_counter() - t)
    took = time.perf_counter() - t0
    print(f"generic: {len(bodies)} development-set pages, {took:.2f} s, {len(bodies) / took:.0f} pages/s, "
          f"slowest {slowest * 1000:.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
