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
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from seminars.scrapers.addresses import is_internal, is_public
from seminars.scrapers.content_encoding import (
    ACCEPT_ENCODING,
    BadEncoding,
    BodyTooLarge,
    ContentDecoder,
)
from seminars.scrapers.robots import (
    ROBOTS_MAX_BYTES,
    ROBOTS_STALE_LIMIT,
    ROBOTS_TTL,
    CachedRobots,
    RobotsCache,
    RobotsPolicy,
    RobotsRules,
    origin_of,
    policy_from_response,
    robots_url,
    trim_partial_line,
    unavailable,
    worth_caching,
)

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ROBOTS_MAX_HOPS = 5  # RFC 9309: follow at least five redirects for robots.txt
_DRAIN_LIMIT = 64 * 1024


@dataclass
class CrawlSettings:
    per_host_concurrency: int = 1
    per_host_delay: float = 1.0  # seconds between request starts to one host
    timeout: float = 30.0
    max_bytes: int = 5_000_000
    user_agent: str = "seminars/0.1 (+https://github.com/seminars-tool/seminars)"
    max_redirects: int = 5
    retries: int = 3  # extra attempts on connect errors / timeouts / 429 / 5xx
    backoff: float = 0.5  # base of exponential backoff (seconds)
    max_retry_after: float = 30.0  # cap for honoured Retry-After (and robots Crawl-delay)
    obey_robots: bool = True
    max_connections: int = 100  # across all hosts at once
    parse_timeout: float = 30.0  # seconds one page's parse may take in a crawl (0: no limit, no workers)


@dataclass
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchResult:
    url: str  # requested
    final_url: str  # after redirects
    status: int | None  # None on network error; 304 when not modified
    body: bytes | None  # decoded body; None on 304 / error
    etag: str | None
    last_modified: str | None
    content_type: str | None
    fetched_at: str  # ISO 8601 UTC
    elapsed: float
    attempts: int
    error: str | None  # one-line reason when failed

    @property
    def ok(self) -> bool:
        if self.error is not None:
            return False
        return self.status == 304 or (self.status == 200 and self.body is not None)

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304


@dataclass
class _Exchange:
    """What one or more attempts at one URL (no redirect following) produced."""

    status: int | None = None
    headers: httpx.Headers | None = None
    body: bytes | None = None
    error: str | None = None
    retriable: bool = False
    retry_after: float | None = None
    attempts: int = 0


class _Host:
    """Politeness state of one host name: a concurrency gate and the next allowed start."""

    def __init__(self, concurrency: int, delay: float):
        self.gate = asyncio.Semaphore(max(1, concurrency))
        self.lock = asyncio.Lock()
        self.next_start = 0.0
        self.delay = max(0.0, delay)
        self.in_flight = 0

    def pause_until(self, when: float) -> None:
        self.next_start = max(self.next_start, when)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_transport_error(exc: BaseException) -> str:
    seen: BaseException | None = exc
    for _ in range(6):  # httpx -> httpcore -> OSError; a short walk finds the root cause
        if seen is None:
            break
        if isinstance(seen, ConnectionResetError):
            return "connection reset"
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        seen = seen.__cause__ or seen.__context__
    message = str(exc)
    if "reset by peer" in message.lower():
        return "connection reset"
    if isinstance(exc, httpx.RemoteProtocolError) and "disconnected" in message.lower():
        return "server closed the connection"
    if isinstance(exc, httpx.ConnectError):
        return _one_line(f"could not connect: {message}" if message else "could not connect")
    return _one_line(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)


def _content_length(headers: httpx.Headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None


async def _drain(resp: httpx.Response, limit: int = _DRAIN_LIMIT) -> None:
    """Read and drop a short unwanted body (304, redirect, error page) so the connection can
    be reused; a long one is abandoned instead, which closes the connection."""
    declared = _content_length(resp.headers)
    if declared is not None and declared > limit:
        return
    seen = 0
    async for chunk in resp.aiter_raw():
        seen += len(chunk)
        if seen > limit:
            return


async def _read_capped(resp: httpx.Response, max_bytes: int, truncate: bool) -> bytes:
    """The body with its Content-Encoding undone, never holding more than max_bytes of it.

    Raw bytes are read (httpx would decode every stage of a chunk in full before we could
    count it) and decoded here; the raw size is capped too, as a stream of empty deflate
    blocks could otherwise run on forever without producing a byte.
    """
    decoder = ContentDecoder(resp.headers.get("content-encoding"), max_bytes, truncate)
    buf = bytearray()
    received = 0
    async for chunk in resp.aiter_raw():
        received += len(chunk)
        if received > max_bytes and not truncate:
            raise BodyTooLarge(f"body larger than {max_bytes} bytes")
        buf += decoder.feed(chunk)
        if decoder.full or received > max_bytes:
            break
    return bytes(buf)


async def _private_crossing(from_url: str, to_url: str) -> str | None:
    """Why a redirect from ``from_url`` to ``to_url`` is refused, or None when it is not."""
    to_host = urlsplit(to_url).hostname or ""
    from_host = urlsplit(from_url).hostname or ""
    if to_host == from_host or not await is_internal(to_host):
        return None
    if not await is_public(from_host):
        return None  # an internal source may redirect within the internal network
    return (f"refused redirect from public host {from_host} to internal address {to_host}"
            " (loopback, link-local or private)")


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Fetcher:
    """Fetch pages politely. Use as `async with Fetcher(settings) as f: await f.fetch(...)`.

    A passed-in httpx client is used as is and left open; otherwise the Fetcher owns one.
    """

    def __init__(self, settings: CrawlSettings, client: httpx.AsyncClient | None = None,
                 robots_cache: RobotsCache | None = None):
        self.settings = settings
        self._robots_cache = robots_cache  # robots.txt answers kept between runs (the store)
        self._client = client
        self._owns_client = client is None
        self._hosts: dict[str, _Host] = {}
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
        fetched_at = _utc_now()
        try:
            return await self._fetch(req, started, fetched_at)
        except Exception as exc:  # a bug on one URL must not end a crawl of many; say what it was
            log.exception("unexpected error fetching %s", req.url)
            return self._failed(req, req.url, started, fetched_at, 0,
                                _one_line(f"internal error: {type(exc).__name__}: {exc}"))

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
            return self._failed(req, req.url, started, fetched_at, 0, f"invalid URL: {_one_line(req.url)}")
        if scheme == "file":
            return await self._fetch_file(req, started, fetched_at)
        if scheme not in ("http", "https"):
            return self._failed(req, req.url, started, fetched_at, 0,
                                f"unsupported URL scheme: {scheme or '(none)'}")
        if not hostname:
            return self._failed(req, req.url, started, fetched_at, 0, f"invalid URL: {_one_line(req.url)}")

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
                                        f"redirect to unsupported URL: {_one_line(target)}", status=ex.status)
                refusal = await _private_crossing(url, target)
                if refusal:
                    return self._failed(req, url, started, fetched_at, attempts, refusal, status=ex.status)
                url = target
                continue
            return self._finish(req, url, ex, started, fetched_at, attempts)
        return self._failed(req, url, started, fetched_at, attempts, "too many redirects")

    def _finish(self, req: FetchRequest, url: str, ex: _Exchange, started: float,
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

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = _Host(self.settings.per_host_concurrency, self.settings.per_host_delay)
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

    async def _get_with_retries(self, url: str, headers: dict[str, str]) -> _Exchange:
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
                        truncate: bool = False) -> _Exchange:
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
                        ex = _Exchange(status=resp.status_code, headers=resp.headers)
                        if not 200 <= resp.status_code < 300:
                            ex.retriable = resp.status_code == 429 or resp.status_code >= 500
                            if ex.retriable:
                                ex.retry_after = parse_retry_after(resp.headers.get("retry-after"))
                            await _drain(resp)
                            return ex
                        declared = _content_length(resp.headers)
                        if declared is not None and declared > max_bytes and not truncate:
                            ex.error = f"body larger than {max_bytes} bytes"
                            return ex
                        try:
                            ex.body = await _read_capped(resp, max_bytes, truncate)
                        except (BodyTooLarge, BadEncoding) as exc:
                            # leaving the block closes the stream with the rest unread
                            ex.error = _one_line(str(exc))
                        return ex
            except (TimeoutError, httpx.TimeoutException):
                return _Exchange(error=f"timed out after {timeout:g}s", retriable=True)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return _Exchange(error=_one_line(f"invalid URL: {exc}"))
            except httpx.TransportError as exc:
                return _Exchange(error=_describe_transport_error(exc), retriable=True)

    # -- robots.txt ------------------------------------------------------------------------------

    async def _robots_allow(self, url: str) -> bool:
        policy = await self._robots_policy(origin_of(url))
        return policy.allows(url)

    async def _robots_policy(self, origin: str) -> RobotsPolicy:
        policy = self._robots.get(origin)
        if policy is not None and policy.expires > time.monotonic():
            return policy
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:  # concurrent first requests to an origin share one robots fetch
            policy = self._robots.get(origin)
            if policy is None or policy.expires <= time.monotonic():
                policy = await self._load_robots(origin)
                self._robots[origin] = policy
                if policy.note:
                    self.robots_notes[origin] = policy.note
                    log.warning("%s: %s", origin, policy.note)
                delay = policy.crawl_delay()
                if delay:
                    host = self._host((urlsplit(origin).hostname or "").lower())
                    host.delay = max(host.delay, min(delay, self.settings.max_retry_after))
        return policy

    async def _load_robots(self, origin: str) -> RobotsPolicy:
        """The origin's policy: a cached copy younger than 24 h as is; an older one revalidated
        with a conditional GET; otherwise robots.txt fetched (redirects followed, 500 KiB read)."""
        cached = await self._cache_get(origin)
        if cached is not None and cached.age() < ROBOTS_TTL:
            return self._policy_from_copy(cached)
        headers = {"User-Agent": self.settings.user_agent}
        if cached is not None and cached.status is not None and 200 <= cached.status < 300:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        url = robots_url(origin)
        for _hop in range(_ROBOTS_MAX_HOPS + 1):
            ex = await self._get_robots(url, headers)
            if ex.error is None and ex.status in REDIRECT_STATUSES and ex.headers is not None:
                target = urljoin(url, ex.headers.get("location", "").strip())
                if target != url and urlsplit(target).scheme.lower() in ("http", "https"):
                    refusal = await _private_crossing(url, target)
                    if refusal:  # the same scope rule as for pages; unfollowed means unavailable
                        return unavailable(refusal)
                    url = target
                    continue
            break
        else:
            return unavailable("more than 5 redirects")
        now = _utc_now()
        headers_in = ex.headers if ex.headers is not None else httpx.Headers()
        etag, last_modified = headers_in.get("etag"), headers_in.get("last-modified")
        conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
        if ex.error is None and ex.status == 304 and cached is not None and conditional:
            entry = cached.revalidated(now, etag, last_modified)
            await self._cache_put(origin, entry)
            return self._policy_from_copy(entry)
        if ex.error is None and worth_caching(ex.status):
            body = trim_partial_line(ex.body or b"")
            entry = CachedRobots(ex.status, body, etag, last_modified, now)
            await self._cache_put(origin, entry)
            return self._policy_from_copy(entry)
        if cached is not None and cached.age() < ROBOTS_STALE_LIMIT and (
                ex.error is not None or (ex.status or 0) >= 500):
            # RFC 9309 2.4: while robots.txt cannot be had, the last copy may stand in for it.
            log.warning("%s: robots.txt %s; using the copy from %s", origin,
                        ex.error or f"answered HTTP {ex.status}", cached.fetched_at)
            policy = self._policy_from_copy(cached)
            policy.expires = float("inf")  # for this run; the next one asks the site again
            return policy
        return policy_from_response(ex.status, ex.body, ex.error, self.settings.user_agent)

    def _policy_from_copy(self, entry: CachedRobots) -> RobotsPolicy:
        if entry.status is not None and 200 <= entry.status < 300:
            text = (entry.body or b"").decode("utf-8", errors="replace")
            policy = RobotsPolicy(rules=RobotsRules(text, self.settings.user_agent))
        else:
            policy = policy_from_response(entry.status, entry.body, None, self.settings.user_agent)
        policy.expires = time.monotonic() + max(0.0, ROBOTS_TTL - entry.age())
        return policy

    async def _get_robots(self, url: str, headers: dict[str, str]) -> _Exchange:
        """One robots.txt GET, tried again on network errors only: one dropped connection
        must not close a whole host for the run. A 5xx is the site's answer and stands."""
        s = self.settings
        for attempt in range(s.retries + 1):
            ex = await self._get_once(url, headers, ROBOTS_MAX_BYTES, truncate=True)
            if ex.error is None or not ex.retriable or attempt == s.retries:
                return ex
            await asyncio.sleep(s.backoff * 2 ** attempt)
        return ex

    async def _cache_get(self, origin: str) -> CachedRobots | None:
        if self._robots_cache is None:
            return None
        return await asyncio.to_thread(self._robots_cache.get, origin)

    async def _cache_put(self, origin: str, entry: CachedRobots) -> None:
        if self._robots_cache is not None:
            await asyncio.to_thread(self._robots_cache.put, origin, entry)

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
                                _one_line(f"could not read {path}: {exc.strerror or exc}"))
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
