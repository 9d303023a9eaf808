"""What a fetch is made of: the settings, a request and its result, and reading a response
body within the size cap (the Content-Encoding chain decoded as the bytes arrive)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from seminars.scrapers.addresses import is_internal, is_public
from seminars.scrapers.content_encoding import BodyTooLarge, ContentDecoder

_DRAIN_LIMIT = 64 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


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
class Exchange:
    """What one or more attempts at one URL (no redirect following) produced."""

    status: int | None = None
    headers: httpx.Headers | None = None
    body: bytes | None = None
    error: str | None = None
    retriable: bool = False
    retry_after: float | None = None
    attempts: int = 0


class HostSlots:
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


def one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_transport_error(exc: BaseException) -> str:
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
        return one_line(f"could not connect: {message}" if message else "could not connect")
    return one_line(f"{type(exc).__name__}: {message}" if message else type(exc).__name__)


def content_length(headers: httpx.Headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None


async def drain(resp: httpx.Response, limit: int = _DRAIN_LIMIT) -> None:
    """Read and drop a short unwanted body (304, redirect, error page) so the connection can
    be reused; a long one is abandoned instead, which closes the connection."""
    declared = content_length(resp.headers)
    if declared is not None and declared > limit:
        return
    seen = 0
    async for chunk in resp.aiter_raw():
        seen += len(chunk)
        if seen > limit:
            return


async def read_capped(resp: httpx.Response, max_bytes: int, truncate: bool) -> bytes:
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


async def private_crossing(from_url: str, to_url: str) -> str | None:
    """Why a redirect from ``from_url`` to ``to_url`` is refused, or None when it is not."""
    to_host = urlsplit(to_url).hostname or ""
    from_host = urlsplit(from_url).hostname or ""
    if to_host == from_host or not await is_internal(to_host):
        return None
    if not await is_public(from_host):
        return None  # an internal source may redirect within the internal network
    return (f"refused redirect from public host {from_host} to internal address {to_host}"
            " (loopback, link-local or private)")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
