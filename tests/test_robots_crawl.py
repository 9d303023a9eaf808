"""robots.txt in real runs on loopback: which pages a crawl asks for, and the cached copy.

The server counts every request, so each test says exactly which paths were fetched.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from seminars.scrapers.fetch import CrawlSettings, Fetcher, FetchRequest, FetchResult
from seminars.scrapers.robots import CachedRobots
from tests.cli import seminars
from tests.httpserver import FAULT_500, FAULT_HANG, FAULT_REDIRECT, LoopbackSite

ROOT = Path(__file__).resolve().parents[1]
TALKS = sorted(p for p in (ROOT / "fixtures" / "cnls").glob("*.html") if p.stem != "listing")

ISSUE_ROBOTS = """User-agent: *
Disallow: /

User-agent: seminars
Disallow: /External/
Allow: /External/showtalksummary.php?selection=3
Disallow: /*selection=1$
"""
ALLOWED = ["/External/showtalksummary.php?selection=3", "/Archive/showtalksummary.php?selection=12"]
REFUSED = ["/External/showtalksummary.php?selection=4", "/Archive/showtalksummary.php?selection=1"]
FAST = CrawlSettings(per_host_delay=0.0, timeout=2.0, retries=0, backoff=0.01)


def serve_issue_site(site: LoopbackSite) -> list[str]:
    site.add("/robots.txt", ISSUE_ROBOTS, content_type="text/plain")
    return [site.add(path, TALKS[i].read_bytes()) for i, path in enumerate(ALLOWED + REFUSED)]


def write_config(tmp: Path, urls: list[str]) -> Path:
    lines = ["[crawl]", "per_host_delay = 0", "timeout = 2", "retries = 0"]
    for i, url in enumerate(urls):
        lines += ["", "[[source]]", f'name = "talk-{i}"', f'url = "{url}"', 'site = "cnls"']
    cfg = tmp / "sources.toml"
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def requested(site: LoopbackSite) -> dict[str, int]:
    return {path: n for path, n in site.requests.items() if n}


def test_crawl_fetches_exactly_what_robots_txt_allows_us(loopback_site, tmp_path):
    urls = serve_issue_site(loopback_site)
    db = tmp_path / "s.db"

    r = seminars("crawl", "--config", write_config(tmp_path, urls), db=db)

    assert r.returncode == 1  # two sources refused, the others stored
    assert requested(loopback_site) == {"/robots.txt": 1, **dict.fromkeys(ALLOWED, 1)}
    assert r.stderr.count("blocked by robots.txt") == 2, r.stderr
    con = sqlite3.connect(db)
    stored = {u for (u,) in con.execute("SELECT DISTINCT page_url FROM records")}
    assert stored == {loopback_site.url(p) for p in ALLOWED}


def test_second_run_within_a_day_uses_the_stored_copy(loopback_site, tmp_path):
    urls = serve_issue_site(loopback_site)
    db, cfg = tmp_path / "s.db", write_config(tmp_path, urls)

    seminars("crawl", "--config", cfg, db=db)
    seminars("crawl", "--config", cfg, db=db)

    assert loopback_site.requests["/robots.txt"] == 1
    assert all(loopback_site.requests[p] == 2 for p in ALLOWED)  # the pages were asked again
    assert all(loopback_site.requests[p] == 0 for p in REFUSED)  # and the rules still held


def _age_stored_copy(db: Path, hours: float) -> None:
    then = (datetime.now(UTC) - timedelta(hours=hours)).isoformat(timespec="seconds")
    with sqlite3.connect(db) as con:
        assert con.execute("UPDATE robots_cache SET fetched_at = ?", (then,)).rowcount == 1


def test_expired_copy_is_revalidated_with_a_conditional_get(loopback_site, tmp_path):
    urls = serve_issue_site(loopback_site)
    db, cfg = tmp_path / "s.db", write_config(tmp_path, urls)
    seminars("crawl", "--config", cfg, db=db)
    body_bytes = loopback_site.bytes_sent["/robots.txt"]
    _age_stored_copy(db, hours=25)

    seminars("crawl", "--config", cfg, db=db)

    assert loopback_site.requests["/robots.txt"] == 2
    assert loopback_site.bytes_sent["/robots.txt"] == body_bytes  # the second answer was a 304
    row = sqlite3.connect(db).execute("SELECT status, body, etag, fetched_at FROM robots_cache").fetchone()
    assert row[0] == 200 and row[1] == ISSUE_ROBOTS.encode() and row[2]
    assert datetime.now(UTC) - datetime.fromisoformat(row[3]) < timedelta(minutes=5)
    assert all(loopback_site.requests[p] == 0 for p in REFUSED)


def test_expired_copy_replaced_when_the_site_changed_its_rules(loopback_site, tmp_path):
    urls = serve_issue_site(loopback_site)
    db, cfg = tmp_path / "s.db", write_config(tmp_path, urls)
    seminars("crawl", "--config", cfg, db=db)
    _age_stored_copy(db, hours=25)
    loopback_site.add("/robots.txt", "User-agent: seminars\nDisallow: /Archive/\n",
                      content_type="text/plain")

    seminars("crawl", "--config", cfg, db=db)

    assert loopback_site.requests[ALLOWED[1]] == 1  # newly refused in the second run
    assert loopback_site.requests[REFUSED[0]] == 1  # newly allowed
    assert loopback_site.requests[REFUSED[1]] == 0


def test_parse_url_obeys_robots_txt(loopback_site):
    urls = serve_issue_site(loopback_site)
    refused, allowed = urls[len(ALLOWED)], urls[0]

    r = seminars("parse", refused, "--site", "cnls")
    ok = seminars("parse", allowed, "--site", "cnls")

    assert r.returncode == 1 and "robots.txt" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert ok.returncode == 0, ok.stderr
    assert loopback_site.requests[REFUSED[0]] == 0 and loopback_site.requests[ALLOWED[0]] == 1


# -- the fetcher with a cache of its own ---------------------------------------------------------


class DictCache:
    """The RobotsCache protocol in memory, counting what the fetcher asked of it."""

    def __init__(self) -> None:
        self.rows: dict[str, CachedRobots] = {}
        self.puts = 0

    def get(self, origin: str) -> CachedRobots | None:
        return self.rows.get(origin)

    def put(self, origin: str, entry: CachedRobots) -> None:
        self.puts += 1
        self.rows[origin] = entry


def fetch(urls: list[str], cache: DictCache | None = None, settings: CrawlSettings = FAST
          ) -> tuple[list[FetchResult], Fetcher]:
    async def go() -> tuple[list[FetchResult], Fetcher]:
        async with Fetcher(settings, robots_cache=cache) as fetcher:
            return await fetcher.fetch_many(FetchRequest(u) for u in urls), fetcher

    return asyncio.run(go())


def test_stale_copy_stands_in_while_robots_txt_fails(loopback_site):
    urls = serve_issue_site(loopback_site)
    cache = DictCache()
    fetch(urls[:1], cache)
    origin = next(iter(cache.rows))
    cache.rows[origin] = replace(cache.rows[origin], fetched_at="2000-01-01T00:00:00+00:00")
    loopback_site.add("/robots.txt", "", fault=FAULT_500)

    ancient, _ = fetch(urls, cache)  # a copy older than 30 days is no guide: disallow all
    assert [r.ok for r in ancient] == [False] * 4 and "HTTP 500" in ancient[0].error

    recent = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    cache.rows[origin] = replace(cache.rows[origin], fetched_at=recent)
    results, fetcher = fetch(urls, cache)

    assert [r.ok for r in results] == [True, True, False, False]
    assert cache.rows[origin].fetched_at == recent  # a failure does not refresh the copy
    assert loopback_site.requests[ALLOWED[1]] == 1


def test_unreachable_robots_txt_means_no_page_is_asked_for(loopback_site):
    loopback_site.hang_seconds = 3
    loopback_site.add("/robots.txt", "", fault=FAULT_HANG)
    url = loopback_site.add("/page")

    results, fetcher = fetch([url], DictCache(), replace(FAST, timeout=0.5))

    assert results[0].error == "timed out after 0.5s"
    assert loopback_site.requests["/page"] == 0
    assert "unreachable" in next(iter(fetcher.robots_notes.values()))


def test_robots_txt_redirects_are_followed(loopback_site):
    loopback_site.add("/robots.txt", fault=FAULT_REDIRECT, location="/hop1")
    loopback_site.add("/hop1", fault=FAULT_REDIRECT, location="/rules.txt")
    loopback_site.add("/rules.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    urls = [loopback_site.add("/private/x"), loopback_site.add("/public")]

    results, _ = fetch(urls)

    assert [r.error for r in results] == ["blocked by robots.txt", None]
    assert loopback_site.requests["/private/x"] == 0


def test_more_than_five_robots_redirects_mean_unavailable(loopback_site):
    for i in range(7):
        loopback_site.add(f"/r{i}" if i else "/robots.txt", fault=FAULT_REDIRECT, location=f"/r{i + 1}")
    loopback_site.add("/r7", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    url = loopback_site.add("/page")

    results, fetcher = fetch([url])

    assert results[0].ok  # RFC 9309 2.3.1.2: unavailable, so allowed
    assert loopback_site.requests["/r7"] == 0 and loopback_site.requests["/r5"] == 1
    assert "unavailable" in next(iter(fetcher.robots_notes.values()))


def test_robots_redirect_from_public_host_into_internal_address_is_not_followed(loopback_site):
    loopback_site.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    inner = loopback_site.url("/robots.txt")

    def public_host(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "93.184.216.34", f"followed into {request.url}"
        if request.url.path == "/robots.txt":
            return httpx.Response(302, headers={"Location": inner}, stream=httpx.ByteStream(b""))
        return httpx.Response(200, stream=httpx.ByteStream(b"<p>talk</p>"))

    async def go() -> tuple[FetchResult, Fetcher]:
        client = httpx.AsyncClient(transport=httpx.MockTransport(public_host))
        async with Fetcher(FAST, client=client) as fetcher:
            return await fetcher.fetch(FetchRequest("http://93.184.216.34/talks")), fetcher

    result, fetcher = asyncio.run(go())

    assert loopback_site.requests["/robots.txt"] == 0
    assert result.ok  # an unfollowed robots.txt redirect means unavailable: allowed
    assert "refused redirect" in fetcher.robots_notes["http://93.184.216.34"]


def test_crawl_delay_of_our_group_spaces_requests(loopback_site):
    loopback_site.add("/robots.txt", "User-agent: *\nCrawl-delay: 5\n\nUser-agent: seminars\n"
                      "Crawl-delay: 0.3\nDisallow:\n", content_type="text/plain")
    urls = [loopback_site.add(f"/p{i}") for i in range(3)]

    results, _ = fetch(urls)

    assert all(r.ok for r in results)
    times = sorted(t for p, t in loopback_site.timestamps if p != "/robots.txt")
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.28 and max(gaps) < 2.0  # ours (0.3 s), not the '*' group's 5 s
