"""A polite async fetcher: per-host concurrency and spacing, robots.txt, retries, size caps.

Every per-URL problem (network, HTTP status, robots, size, missing file) comes back as a
FetchResult with `error` set; fetch() and fetch_many() never raise for them, so one bad
source cannot sink a crawl of many.
"""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from seminars.scrapers.content_encoding import (
    ACCEPT_ENCODING,
    BadEncoding,
    BodyTooLarge,
)
from seminars.scrapers.robots import (
    RobotsCache,
    RobotsPolicy,
    origin_of,
)
from seminars.scrapers.robots_gate import RobotsGate
from seminars.scrapers.transfer import (
    REDIRECT_STATUSES,
    CrawlSettings,
    Exchange,
    FetchRequest,
    FetchResult,
    HostSlots,
    content_length,
    describe_transport_error,
    drain,
    one_line,
    parse_retry_after,
    private_crossing,
    read_capped,
    utc_now,
)

log = logging.getLogger(__name__)



class Fetcher(RobotsGate):
    """Fetch pages politely. Use as `async with Fetcher(settings) as f: await f.fetch(...)`.

    A passed-in httpx client is used as is and left open; otherwise the Fetcher owns one.
    """

    def __init__(self, settings: CrawlSettings, client: httpx.AsyncClient | None = None,
                 robots_cache: RobotsCache | None = None):
        self.settings = settings
        self._robots_cache = robots_cache  # robots.txt answers kept between runs (the store)
        self._client = client
        self._owns_client = client is None
        self._hosts: dict[str, HostSlots] = {}
        self._robots: dict[str, RobotsPolicy] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._all_hosts_gate = asyncio.Semaphore(max(1, settings.max_connections))
        # measured politeness, for tests and benchmarks
        self.max_in_flight_per_host: dict[str, int] = {}
        self.requests_sent = 0
        # origin -> why its robots.txt could not be read (we allowed everything there)
        self.robots_notes: dict[str, str] = {}

    async def __aenter__(self) -> Fetcher:
        self._http()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            n = max(1, self.settings.max_connections)
            self._client = httpx.AsyncClient(
                follow_redirects=False,
                timeout=httpx.Timeout(self.settings.timeout),
                headers={"User-Agent": self.settings.user_agent},
                limits=httpx.Limits(max_connections=n, max_keepalive_connections=n),
            )
        return self._client

    # -- public API ---------------------------------------------------------------------------

    async def fetch(self, req: FetchRequest) -> FetchResult:
        started = time.monotonic()
        fetched_at = utc_now()
        try:
            return await self._fetch(req, started, fetched_at)
        except Exception as exc:  # a bug on one URL must not end a crawl of many; say what it was
            log.exception("unexpected error fetching %s", req.url)
            return self._failed(req, req.url, started, fetched_at, 0,
                                one_line(f"internal error: {type(exc).__name__}: {exc}"))

    async def fetch_many(
        self,
        reqs: Iterable[FetchRequest],
        on_result: Callable[[FetchResult], None] | None = None,
    ) -> list[FetchResult]:
        """Fetch all at once (politeness limits still apply per host); results in input order."""
        reqs = list(reqs)
        results: list[FetchResult | None] = [None] * len(reqs)

        async def one(i: int, req: FetchRequest) -> None:
            results[i] = res = await self.fetch(req)
            if on_result is not None:
                on_result(res)

        try:
            async with asyncio.TaskGroup() as group:
                for i, req in enumerate(reqs):
                    group.create_task(one(i, req))
        except ExceptionGroup as eg:  # only on_result can raise here; surface its own error
            raise eg.exceptions[0] from None
        return [r for r in results if r is not None]

    # -- one request, end to end ------------------------------------------------------------------

    async def _fetch(self, req: FetchRequest, started: float, fetched_at: str) -> FetchResult:
        try:
            parts = urlsplit(req.url)
            scheme = parts.scheme.lower()
            hostname = parts.hostname
        except ValueError:
            return self._failed(req, req.url, started, fetched_at, 0, f"invalid URL: {one_line(req.url)}")
        if scheme == "file":
            return await self._fetch_file(req, started, fetched_at)
        if scheme not in ("http", "https"):
            return self._failed(req, req.url, started, fetched_at, 0,
                                f"unsupported URL scheme: {scheme or '(none)'}")
        if not hostname:
            return self._failed(req, req.url, started, fetched_at, 0, f"invalid URL: {one_line(req.url)}")

        headers = {"User-Agent": self.settings.user_agent}
        if req.etag:
            headers["If-None-Match"] = req.etag
        if req.last_modified:
            headers["If-Modified-Since"] = req.last_modified

        url = req.url
        attempts = 0
        for _hop in range(self.settings.max_redirects + 1):
            if self.settings.obey_robots and not await self._robots_allow(url):
                policy = self._robots.get(origin_of(url))
                why = (policy.refusal if policy is not None and policy.deny_all else None
                       ) or "blocked by robots.txt"
                return self._failed(req, url, started, fetched_at, attempts, why)
            ex = await self._get_with_retries(url, headers)
            attempts += ex.attempts
            if ex.error is None and ex.status in REDIRECT_STATUSES:
                location = ex.headers.get("location") if ex.headers is not None else None
                if not location:
                    return self._failed(req, url, started, fetched_at, attempts,
                                        f"HTTP {ex.status} redirect without Location", status=ex.status)
                target = urljoin(url, location.strip())
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    return self._failed(req, url, started, fetched_at, attempts,
                                        f"redirect to unsupported URL: {one_line(target)}", status=ex.status)
                refusal = await private_crossing(url, target)
                if refusal:
                    return self._failed(req, url, started, fetched_at, attempts, refusal, status=ex.status)
                url = target
                continue
            return self._finish(req, url, ex, started, fetched_at, attempts)
        return self._failed(req, url, started, fetched_at, attempts, "too many redirects")

    def _finish(self, req: FetchRequest, url: str, ex: Exchange, started: float,
                fetched_at: str, attempts: int) -> FetchResult:
        headers = ex.headers if ex.headers is not None else httpx.Headers()
        etag = headers.get("etag")
        last_modified = headers.get("last-modified")
        error = ex.error
        body = None
        if error is None:
            if ex.status == 304:
                # the stored validators still hold unless the server sent fresh ones
                etag = etag or req.etag
                last_modified = last_modified or req.last_modified
            elif ex.status != 200:
                error = f"HTTP {ex.status}"
            elif not ex.body:
                error = "empty body"
            else:
                body = ex.body
        return FetchResult(
            url=req.url, final_url=url, status=ex.status, body=body, etag=etag,
            last_modified=last_modified, content_type=headers.get("content-type"),
            fetched_at=fetched_at, elapsed=time.monotonic() - started, attempts=attempts, error=error,
        )

    def _failed(self, req: FetchRequest, url: str, started: float, fetched_at: str, attempts: int,
                error: str, status: int | None = None) -> FetchResult:
        return FetchResult(
            url=req.url, final_url=url, status=status, body=None, etag=None, last_modified=None,
            content_type=None, fetched_at=fetched_at, elapsed=time.monotonic() - started,
            attempts=attempts, error=error,
        )

    # -- politeness -----------------------------------------------------------------------------

    def _host(self, name: str) -> HostSlots:
        host = self._hosts.get(name)
        if host is None:
            host = HostSlots(self.settings.per_host_concurrency, self.settings.per_host_delay)
            self._hosts[name] = host
        return host

    @asynccontextmanager
    async def _slot(self, url: str) -> AsyncIterator[None]:
        """Hold one of the host's slots; starts to one host are spaced by its delay."""
        name = (urlsplit(url).hostname or "").lower()
        host = self._host(name)
        async with host.gate:
            # The lock makes waiters take start times one after another, so spacing holds
            # even with several slots free.
            async with host.lock:
                wait = host.next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                host.next_start = time.monotonic() + host.delay
            async with self._all_hosts_gate:
                host.in_flight += 1
                self.requests_sent += 1
                self.max_in_flight_per_host[name] = max(
                    self.max_in_flight_per_host.get(name, 0), host.in_flight)
                try:
                    yield
                finally:
                    host.in_flight -= 1

    # -- HTTP ------------------------------------------------------------------------------------

    async def _get_with_retries(self, url: str, headers: dict[str, str]) -> Exchange:
        s = self.settings
        attempts = 0
        while True:
            ex = await self._get_once(url, headers, s.max_bytes)
            attempts += 1
            ex.attempts = attempts
            if not ex.retriable or attempts > s.retries:
                return ex
            if ex.retry_after is not None:
                # The server named its price: pause the whole host, not just this request.
                wait = min(ex.retry_after, s.max_retry_after)
                self._host((urlsplit(url).hostname or "").lower()).pause_until(time.monotonic() + wait)
                log.debug("retrying %s after Retry-After %.2fs", url, wait)
            else:
                wait = s.backoff * 2 ** (attempts - 1)
                log.debug("retrying %s in %.2fs (%s)", url, wait, ex.error or f"HTTP {ex.status}")
                await asyncio.sleep(wait)

    async def _get_once(self, url: str, headers: dict[str, str], max_bytes: int,
                        truncate: bool = False) -> Exchange:
        """One GET, body streamed and capped; with truncate, keep the first max_bytes instead."""
        timeout = self.settings.timeout
        async with self._slot(url):
            try:
                async with asyncio.timeout(timeout):
                    async with self._http().stream(
                        "GET", url, headers={**headers, "Accept-Encoding": ACCEPT_ENCODING},
                        follow_redirects=False,
                        timeout=httpx.Timeout(timeout),
                    ) as resp:
                        ex = Exchange(status=resp.status_code, headers=resp.headers)
                        if not 200 <= resp.status_code < 300:
                            ex.retriable = resp.status_code == 429 or resp.status_code >= 500
                            if ex.retriable:
                                ex.retry_after = parse_retry_after(resp.headers.get("retry-after"))
                            await drain(resp)
                            return ex
                        declared = content_length(resp.headers)
                        if declared is not None and declared > max_bytes and not truncate:
                            ex.error = f"body larger than {max_bytes} bytes"
                            return ex
                        try:
                            ex.body = await read_capped(resp, max_bytes, truncate)
                        except (BodyTooLarge, BadEncoding) as exc:
                            # leaving the block closes the stream with the rest unread
                            ex.error = one_line(str(exc))
                        return ex
            except (TimeoutError, httpx.TimeoutException):
                return Exchange(error=f"timed out after {timeout:g}s", retriable=True)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return Exchange(error=one_line(f"invalid URL: {exc}"))
            except httpx.TransportError as exc:
                return Exchange(error=describe_transport_error(exc), retriable=True)

    # -- robots.txt ------------------------------------------------------------------------------

    # -- local files -----------------------------------------------------------------------------

    async def _fetch_file(self, req: FetchRequest, started: float, fetched_at: str) -> FetchResult:
        parts = urlsplit(req.url)
        if parts.netloc not in ("", "localhost"):
            return self._failed(req, req.url, started, fetched_at, 0,
                                f"file URL on another host: {parts.netloc}")
        path = Path(url2pathname(parts.path))
        cap = self.settings.max_bytes

        def read() -> bytes:
            with path.open("rb") as fh:
                return fh.read(cap + 1)  # one byte more tells "too big" without reading it all

        try:
            data = await asyncio.to_thread(read)
        except FileNotFoundError:
            return self._failed(req, req.url, started, fetched_at, 1, f"no such file: {path}")
        except IsADirectoryError:
            return self._failed(req, req.url, started, fetched_at, 1, f"not a file: {path}")
        except PermissionError:
            return self._failed(req, req.url, started, fetched_at, 1, f"permission denied: {path}")
        except OSError as exc:
            return self._failed(req, req.url, started, fetched_at, 1,
                                one_line(f"could not read {path}: {exc.strerror or exc}"))
        error = None
        if len(data) > cap:
            error = f"body larger than {cap} bytes"
        elif not data:
            error = "empty body"
        return FetchResult(
            url=req.url, final_url=req.url, status=200, body=None if error else data, etag=None,
            last_modified=None, content_type=mimetypes.guess_type(path.name)[0],
            fetched_at=fetched_at, elapsed=time.monotonic() - started, attempts=1, error=error,
        )


def fetch_one(url: str, *, timeout: float = 30.0, settings: CrawlSettings | None = None) -> FetchResult:
    """Fetch a single URL politely (robots.txt, size cap, retries) outside any event loop."""
    s = settings or CrawlSettings(timeout=timeout, per_host_delay=0.0)

    async def run() -> FetchResult:
        async with Fetcher(s) as f:
            return await f.fetch(FetchRequest(url))

    return asyncio.run(run())
