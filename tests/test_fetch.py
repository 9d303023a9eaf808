"""The polite fetcher against a real HTTP server on loopback (tests/httpserver.py).

Politeness is checked from the server's side: what reached it, when, and how many at once.
"""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from dataclasses import replace
from email.utils import formatdate

from seminars.scrapers.fetch import (
    CrawlSettings,
    Fetcher,
    FetchRequest,
    FetchResult,
)
from seminars.scrapers.transfer import parse_retry_after
from tests.httpserver import (
    FAULT_500,
    FAULT_503_ONCE,
    FAULT_EMPTY,
    FAULT_ENDLESS,
    FAULT_GZIP,
    FAULT_HANG,
    FAULT_HUGE,
    FAULT_HUGE_CHUNKED,
    FAULT_REDIRECT,
    FAULT_RESET,
    LoopbackSite,
)

FAST = CrawlSettings(per_host_delay=0.0, timeout=5.0, retries=2, backoff=0.01)


def fetch_one(settings: CrawlSettings, url: str, **kw: str) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(FetchRequest(url, **kw))

    return asyncio.run(go())


def fetch_all(settings: CrawlSettings, urls: list[str]) -> tuple[list[FetchResult], Fetcher]:
    async def go() -> tuple[list[FetchResult], Fetcher]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_many(FetchRequest(u) for u in urls), fetcher

    return asyncio.run(go())


# -- politeness ---------------------------------------------------------------------------------


def test_per_host_concurrency_is_a_ceiling_per_host_not_overall(loopback_sites):
    a = loopback_sites("127.0.0.2", latency=0.1)
    b = loopback_sites("127.0.0.3", latency=0.1)
    urls = [s.add(f"/p{i}", f"page {i}") for s in (a, b) for i in range(8)]
    settings = replace(FAST, per_host_concurrency=2)

    started = time.monotonic()
    results, fetcher = fetch_all(settings, urls)
    wall = time.monotonic() - started

    assert all(r.ok for r in results), [r.error for r in results]
    assert [r.body for r in results] == [f"page {i}".encode() for _ in range(2) for i in range(8)]
    for site in (a, b):
        assert site.max_in_flight == 2  # reached, never exceeded
        assert site.total_requests() == 8
    assert fetcher.max_in_flight_per_host == {"127.0.0.2": 2, "127.0.0.3": 2}
    # 8 pages at 2 at a time is 4 rounds of 0.1 s (+ robots); hosts run side by side
    assert wall < 1.2


def test_per_host_delay_spaces_request_starts(loopback_site):
    urls = [loopback_site.add(f"/p{i}") for i in range(4)]
    settings = replace(FAST, per_host_concurrency=3, per_host_delay=0.2)

    results, _ = fetch_all(settings, urls)

    assert all(r.ok for r in results)
    times = sorted(t for _, t in loopback_site.timestamps)  # robots.txt is spaced too
    assert len(times) == 5
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.2 - 0.03, gaps


def test_503_with_retry_after_is_retried_after_the_pause(loopback_site):
    url = loopback_site.add("/busy", "finally", fault=FAULT_503_ONCE)

    result = fetch_one(FAST, url)

    assert result.ok and result.body == b"finally"
    assert result.attempts == 2
    first, second = loopback_site.times("/busy")
    assert second - first >= 1.0


def test_retry_after_is_capped(loopback_sites):
    site = loopback_sites(retry_after="120")
    url = site.add("/busy", "ok", fault=FAULT_503_ONCE)

    result = fetch_one(replace(FAST, max_retry_after=0.2), url)

    assert result.ok and result.attempts == 2
    first, second = site.times("/busy")
    assert 0.2 - 0.03 <= second - first < 2


def test_parse_retry_after_forms():
    assert parse_retry_after("3") == 3.0
    assert 3.0 < parse_retry_after(formatdate(time.time() + 5, usegmt=True)) <= 5.0
    assert parse_retry_after(formatdate(time.time() - 60, usegmt=True)) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# -- robots.txt ---------------------------------------------------------------------------------


def test_robots_disallow_is_obeyed_and_robots_fetched_once(loopback_sites):
    site = loopback_sites(robots_disallow=["/private"])
    public = [site.add(f"/pub{i}") for i in range(3)]
    secret = site.add("/private/page", "secret")

    results, _ = fetch_all(FAST, [*public, secret])

    assert [r.ok for r in results] == [True, True, True, False]
    assert results[3].error == "blocked by robots.txt" and results[3].body is None
    assert site.requests["/private/page"] == 0
    assert site.requests["/robots.txt"] == 1


def test_robots_group_for_our_user_agent(loopback_site):
    loopback_site.add("/robots.txt", "User-agent: seminars\nDisallow: /\n\nUser-agent: *\nDisallow:\n",
                      content_type="text/plain")
    url = loopback_site.add("/page")

    assert fetch_one(FAST, url).error == "blocked by robots.txt"
    assert fetch_one(replace(FAST, obey_robots=False), url).ok
    assert loopback_site.requests["/page"] == 1


def test_missing_robots_allows_everything(loopback_sites):
    site = loopback_sites(robots_status=404)
    url = site.add("/page")

    results, fetcher = fetch_all(FAST, [url])

    assert results[0].ok
    assert fetcher.robots_notes.get(f"http://127.0.0.1:{site.port}", "") == ""


def test_failing_robots_means_disallow_all(loopback_sites):
    """RFC 9309 2.3.1.4: a 5xx robots.txt means the crawler assumes complete disallow."""
    site = loopback_sites(robots_status=500)
    url = site.add("/page")

    results, fetcher = fetch_all(FAST, [url])

    assert not results[0].ok and "HTTP 500" in results[0].error
    assert site.requests["/page"] == 0
    assert "HTTP 500" in fetcher.robots_notes[f"http://127.0.0.1:{site.port}"]


def test_redirect_to_a_disallowed_path_on_another_host_is_blocked(loopback_sites):
    target = loopback_sites("127.0.0.4", robots_disallow=["/no"])
    target_url = target.add("/no/entry")
    origin = loopback_sites("127.0.0.5")
    url = origin.add("/go", fault=FAULT_REDIRECT, location=target_url)

    result = fetch_one(FAST, url)

    assert result.error == "blocked by robots.txt"
    assert result.final_url == target_url
    assert target.requests["/no/entry"] == 0


# -- failures become results ----------------------------------------------------------------------


def test_500_fails_after_all_retries(loopback_site):
    url = loopback_site.add("/down", fault=FAULT_500)

    result = fetch_one(FAST, url)

    assert not result.ok
    assert result.error == "HTTP 500" and result.status == 500 and result.body is None
    assert result.attempts == FAST.retries + 1
    assert loopback_site.requests["/down"] == FAST.retries + 1


def test_connection_reset_is_an_error(loopback_site):
    url = loopback_site.add("/rst", fault=FAULT_RESET)

    result = fetch_one(replace(FAST, retries=1), url)

    assert result.error == "connection reset"
    assert result.status is None and result.attempts == 2


def test_timeout_is_an_error(loopback_site):
    url = loopback_site.add("/slow", fault=FAULT_HANG)

    started = time.monotonic()
    result = fetch_one(replace(FAST, timeout=0.3, retries=0), url)

    assert result.error == "timed out after 0.3s"
    assert result.status is None and result.body is None
    assert time.monotonic() - started < 2


def test_empty_200_is_an_error(loopback_site):
    url = loopback_site.add("/blank", fault=FAULT_EMPTY)

    result = fetch_one(FAST, url)

    assert result.status == 200 and result.error == "empty body" and not result.ok


def test_oversized_body_rejected_by_content_length_without_reading_it(loopback_site):
    url = loopback_site.add("/huge", fault=FAULT_HUGE)  # 8 MiB, Content-Length set

    result = fetch_one(FAST, url)

    assert result.error == "body larger than 5000000 bytes" and result.body is None
    assert loopback_site.bytes_sent["/huge"] < loopback_site.huge_bytes


def test_oversized_chunked_body_stops_reading_with_bounded_memory(loopback_site):
    url = loopback_site.add("/huge", fault=FAULT_HUGE_CHUNKED)  # 8 MiB, no length given
    cap = 1_000_000

    tracemalloc.start()
    try:
        result = fetch_one(replace(FAST, max_bytes=cap), url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert result.error == f"body larger than {cap} bytes" and result.body is None
    assert peak < 4 * cap  # the 8 MiB never sat in memory


def test_endless_body_is_cut_off(loopback_site):
    url = loopback_site.add("/forever", fault=FAULT_ENDLESS)

    started = time.monotonic()
    result = fetch_one(replace(FAST, max_bytes=1_000_000), url)

    assert result.error == "body larger than 1000000 bytes"
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 5
    while loopback_site.in_flight and time.monotonic() < deadline:
        time.sleep(0.02)
    assert loopback_site.in_flight == 0  # the server saw us hang up and stopped writing
    assert loopback_site.bytes_sent["/forever"] < 64_000_000


# -- HTTP features --------------------------------------------------------------------------------


def test_conditional_get_gives_304(loopback_site):
    url = loopback_site.add("/talks", "<p>talks</p>")

    first = fetch_one(FAST, url)
    by_etag = fetch_one(FAST, url, etag=first.etag)
    by_date = fetch_one(FAST, url, last_modified=first.last_modified)
    stale = fetch_one(FAST, url, etag='"something-else"')

    assert first.ok and first.etag and first.last_modified
    for r in (by_etag, by_date):
        assert r.status == 304 and r.not_modified and r.ok and r.body is None
        assert r.etag == first.etag
    assert stale.status == 200 and stale.body == b"<p>talks</p>" and not stale.not_modified
    assert loopback_site.conditional_requests == 3
    assert loopback_site.not_modified == 2


def test_gzip_is_decoded(loopback_site):
    text = "<li>A talk about gradients</li>\n" * 200
    url = loopback_site.add("/z", text, fault=FAULT_GZIP)

    result = fetch_one(FAST, url)

    assert result.ok and result.body == text.encode()
    assert loopback_site.bytes_sent["/z"] < len(text) // 5  # it really went compressed


def test_size_cap_counts_decoded_bytes(loopback_site):
    url = loopback_site.add("/bomb", b"\0" * 3_000_000, fault=FAULT_GZIP)

    result = fetch_one(replace(FAST, max_bytes=1_000_000), url)

    assert loopback_site.bytes_sent["/bomb"] < 1_000_000 // 10
    assert result.error == "body larger than 1000000 bytes"


def test_redirects_followed_up_to_the_limit(loopback_site):
    final = loopback_site.add("/final", "arrived")
    loopback_site.add("/hop2", fault=FAULT_REDIRECT, location=final)
    start = loopback_site.add("/hop1", fault=FAULT_REDIRECT, location="/hop2")  # relative
    loop = loopback_site.add("/loop", fault=FAULT_REDIRECT, location="/loop")

    ok = fetch_one(FAST, start)
    short = fetch_one(replace(FAST, max_redirects=1), start)
    looping = fetch_one(replace(FAST, max_redirects=3), loop)

    assert ok.ok and ok.body == b"arrived" and ok.final_url == final and ok.url == start
    assert short.error == "too many redirects"
    assert looping.error == "too many redirects"
    assert loopback_site.requests["/loop"] == 4  # the first request and 3 followed redirects


def test_file_urls(tmp_path):
    page = tmp_path / "page one.html"
    page.write_text("<h1>local</h1>", encoding="utf-8")
    (tmp_path / "empty.html").write_bytes(b"")
    missing = tmp_path / "gone.html"

    result = fetch_one(FAST, page.as_uri())
    empty = fetch_one(FAST, (tmp_path / "empty.html").as_uri())
    gone = fetch_one(FAST, missing.as_uri())

    assert result.ok and result.status == 200 and result.body == b"<h1>local</h1>"
    assert result.etag is None and result.content_type == "text/html"
    assert empty.error == "empty body"
    assert gone.error == f"no such file: {missing}" and gone.body is None


def test_fetch_many_never_raises_and_keeps_order(loopback_site):
    good = loopback_site.add("/good", "fine")
    with LoopbackSite("127.0.0.6") as closed:
        refused = closed.url("/nobody-home")  # the port is closed once we leave this block
    urls = ["ftp://example.org/x", good, "http://", refused]
    seen: list[str] = []

    async def go() -> list[FetchResult]:
        async with Fetcher(replace(FAST, retries=0)) as fetcher:
            return await fetcher.fetch_many((FetchRequest(u) for u in urls),
                                            on_result=lambda r: seen.append(r.url))

    results = asyncio.run(go())

    assert [r.url for r in results] == urls
    assert sorted(seen) == sorted(urls)
    assert results[0].error == "unsupported URL scheme: ftp"
    assert results[1].ok and results[1].body == b"fine"
    assert results[2].error == "invalid URL: http://"
    assert results[3].error == "connection refused"
    assert all(r.fetched_at.endswith("+00:00") for r in results)


def test_sends_our_user_agent(loopback_site):
    url = loopback_site.add("/ua")

    fetch_one(FAST, url)

    assert set(loopback_site.user_agents) == {FAST.user_agent}

