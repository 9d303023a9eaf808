"""A real HTTP server on loopback for fetcher tests and benchmarks.

LoopbackSite serves a route table of pages from a ThreadingHTTPServer in a background
thread, on port 0 of any 127.0.0.x address (Linux routes all of 127.0.0.0/8 to loopback, so
several sites on different addresses look like several hosts). Every page carries ETag and
Last-Modified and answers 304 to a matching conditional request. Faults are injected per
path. The server counts what it saw, so tests can check politeness from the far side.

Fixtures. Bind them to module-level names in the test module so pytest finds them (a bare
`from ... import loopback_site` works too, but ruff then flags the test arguments as F811):
    from tests.httpserver import loopback_site as _loopback_site
    loopback_site = _loopback_site

    loopback_site   a started LoopbackSite on 127.0.0.1, stopped at teardown
    loopback_sites  a factory: loopback_sites("127.0.0.2", latency=0.1) -> started site;
                    every site it made is stopped at teardown
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import socket
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

# Fault names, one per misbehaviour a fetcher must survive.
FAULT_500 = "500"  # always HTTP 500
FAULT_503_ONCE = "503-once"  # first request: 503 + Retry-After; later ones: the page
FAULT_RESET = "reset"  # TCP reset instead of a response
FAULT_HANG = "hang"  # no response for `hang_seconds`, then the connection is closed
FAULT_EMPTY = "empty"  # 200 with an empty body
FAULT_HUGE = "huge"  # `huge_bytes` body with a Content-Length saying so
FAULT_HUGE_CHUNKED = "huge-chunked"  # the same bytes, chunked, no Content-Length
FAULT_ENDLESS = "endless"  # a chunked body that never ends (bounded only by safety limits)
FAULT_GZIP = "gzip"  # the page gzip-encoded when the client accepts it
FAULT_REDIRECT = "redirect"  # 302 to the page's `location`

_CHUNK = 64 * 1024


@dataclass
class Page:
    body: bytes = b"<html><body>hello</body></html>"
    content_type: str = "text/html; charset=utf-8"
    fault: str | None = None
    location: str | None = None  # for FAULT_REDIRECT
    content_encoding: str | None = None  # header for a body stored already encoded (bombs)
    modified: float = field(default_factory=lambda: float(int(time.time()) - 3600))

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    @property
    def last_modified(self) -> str:
        return formatdate(self.modified, usegmt=True)


class LoopbackSite:
    """One fake host. Configure pages before or while it runs; read the counters after."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        *,
        latency: float = 0.0,
        robots_disallow: tuple[str, ...] | list[str] = (),
        robots_status: int = 200,
        retry_after: str = "1",
        hang_seconds: float = 10.0,
        huge_bytes: int = 8 * 1024 * 1024,
        endless_max_bytes: int = 512 * 1024 * 1024,
        endless_max_seconds: float = 30.0,
    ):
        self.host = host
        self.latency = latency
        self.robots_disallow = list(robots_disallow)
        self.robots_status = robots_status
        self.retry_after = retry_after
        self.hang_seconds = hang_seconds
        self.huge_bytes = huge_bytes
        self.endless_max_bytes = endless_max_bytes
        self.endless_max_seconds = endless_max_seconds
        self.pages: dict[str, Page] = {}

        self._lock = threading.Lock()
        self.requests: Counter[str] = Counter()  # path -> requests received
        self.bytes_sent: Counter[str] = Counter()  # path -> body bytes written
        self.timestamps: list[tuple[str, float]] = []  # (path, time.monotonic()) per request
        self.user_agents: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self.conditional_requests = 0
        self.not_modified = 0
        self._tripped: set[str] = set()  # paths whose one-off fault has fired

        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- set-up ----------------------------------------------------------------------------------

    def add(self, path: str, body: bytes | str = Page.body, *, content_type: str = Page.content_type,
            fault: str | None = None, location: str | None = None,
            content_encoding: str | None = None) -> str:
        """Serve `body` at `path`; returns the page's URL (valid once started)."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.pages[path] = Page(body=body, content_type=content_type, fault=fault, location=location,
                                content_encoding=content_encoding)
        return self.url(path)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}" if self._server else path

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("LoopbackSite not started")
        return self._server.server_address[1]

    def start(self) -> LoopbackSite:
        site = self

        class Handler(_Handler):
            pass

        Handler.site = site
        server = _Server((self.host, 0), Handler, bind_and_activate=False)
        server.daemon_threads = True
        server.request_queue_size = 128
        server.server_bind()
        server.server_activate()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"loopback-{self.host}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes hanging / endless handlers
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackSite:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- counters ----------------------------------------------------------------------------------

    def times(self, path: str) -> list[float]:
        with self._lock:
            return [t for p, t in self.timestamps if p == path]

    def total_requests(self, *, include_robots: bool = False) -> int:
        with self._lock:
            return sum(n for p, n in self.requests.items() if include_robots or p != "/robots.txt")

    def _enter(self, path: str, user_agent: str) -> None:
        with self._lock:
            self.requests[path] += 1
            self.timestamps.append((path, time.monotonic()))
            self.user_agents[user_agent] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _count_sent(self, path: str, n: int) -> None:
        with self._lock:
            self.bytes_sent[path] += n

    def _trip_once(self, path: str) -> bool:
        """True the first time it is called for `path`."""
        with self._lock:
            if path in self._tripped:
                return False
            self._tripped.add(path)
            return True

    def _conditional(self, matched: bool) -> None:
        with self._lock:
            self.conditional_requests += 1
            self.not_modified += matched


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up mid-connection is what several tests provoke on purpose.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    site: LoopbackSite
    protocol_version = "HTTP/1.1"  # keep-alive and chunked bodies
    timeout = 5  # an idle keep-alive connection ends by itself
    disable_nagle_algorithm = True  # headers and body go out in two writes; no 40 ms ACK stall

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass  # keep test output clean

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        site = self.site
        # A page may be registered with its query string (CNLS talks are ?selection=N).
        path = self.path if self.path in site.pages else (urlsplit(self.path).path or "/")
        site._enter(path, self.headers.get("User-Agent", ""))
        try:
            if site.latency:
                site.stopping.wait(site.latency)
            self._serve(path)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True  # the client went away: what the size tests want
        finally:
            site._leave()

    # -- routes ------------------------------------------------------------------------------------

    def _serve(self, path: str) -> None:
        site = self.site
        page = site.pages.get(path)
        if page is None and path == "/robots.txt":
            return self._robots()
        if page is None:
            return self._simple(404, b"not found")
        fault = page.fault
        if fault == FAULT_500:
            return self._simple(500, b"boom")
        if fault == FAULT_503_ONCE and site._trip_once(path):
            return self._simple(503, b"busy", {"Retry-After": site.retry_after})
        if fault == FAULT_RESET:
            return self._reset()
        if fault == FAULT_HANG:
            site.stopping.wait(site.hang_seconds)
            self.close_connection = True
            return None
        if fault == FAULT_REDIRECT:
            return self._simple(302, b"", {"Location": page.location or "/"})
        if fault == FAULT_HUGE:
            return self._stream(path, page, site.huge_bytes, chunked=False)
        if fault == FAULT_HUGE_CHUNKED:
            return self._stream(path, page, site.huge_bytes, chunked=True)
        if fault == FAULT_ENDLESS:
            return self._stream(path, page, None, chunked=True)
        if self._not_modified(page):
            self.send_response(304)
            self.send_header("ETag", page.etag)
            self.send_header("Last-Modified", page.last_modified)
            self.end_headers()
            return None
        body = b"" if fault == FAULT_EMPTY else page.body
        headers = {"ETag": page.etag, "Last-Modified": page.last_modified}
        if fault == FAULT_GZIP and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        elif page.content_encoding:
            headers["Content-Encoding"] = page.content_encoding
        self._simple(200, body, headers, content_type=page.content_type, path=path)
        return None

    def _not_modified(self, page: Page) -> bool:
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is None and ims is None:
            return False
        if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            tags = [t.strip() for t in inm.split(",")]
            matched = "*" in tags or page.etag in tags
        else:
            try:
                matched = page.modified <= parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                matched = False
        self.site._conditional(matched)
        return matched

    def _robots(self) -> None:
        site = self.site
        if site.robots_status != 200:
            return self._simple(site.robots_status, b"no robots here")
        lines = ["User-agent: *"] + [f"Disallow: {p}" for p in site.robots_disallow]
        self._simple(200, ("\n".join(lines) + "\n").encode(), content_type="text/plain", path="/robots.txt")
        return None

    def _simple(self, status: int, body: bytes, headers: dict[str, str] | None = None, *,
                content_type: str = "text/plain", path: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        if path is not None:
            self.site._count_sent(path, len(body))

    def _reset(self) -> None:
        # SO_LINGER 0 turns close() into a TCP RST, the "connection reset by peer" case.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _stream(self, path: str, page: Page, total: int | None, *, chunked: bool) -> None:
        """Write `total` bytes (None: until the client leaves or a safety limit), counting them."""
        site = self.site
        self.send_response(200)
        self.send_header("Content-Type", page.content_type)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        block = b"x" * _CHUNK
        limit = total if total is not None else site.endless_max_bytes
        deadline = time.monotonic() + site.endless_max_seconds
        sent = 0
        while sent < limit and not site.stopping.is_set() and time.monotonic() < deadline:
            piece = block[: min(_CHUNK, limit - sent)]
            if chunked:
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            else:
                self.wfile.write(piece)
            sent += len(piece)
            site._count_sent(path, len(piece))
        if sent < limit or total is None:
            # stopped by a safety limit: leave the body unterminated and hang up, so the
            # client cannot mistake it for a complete page
            self.close_connection = True
        elif chunked:
            self.wfile.write(b"0\r\n\r\n")


class WebhookReceiver:
    """A webhook endpoint on 127.0.0.1: records every POST, answers 500 to the first
    ``fail_first`` ones and ``status`` to the rest; ``posts`` holds the bodies it accepted."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.posts: list[bytes] = []
        self.status = 200
        self.fail_first = 0
        self.failed = 0
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.requests.append({"path": self.path, "headers": dict(self.headers),
                                          "body": body.decode("utf-8")})
                if receiver.failed < receiver.fail_first:
                    receiver.failed += 1
                    status = 500
                else:
                    status = receiver.status
                    if status == 200:
                        receiver.posts.append(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/hook", userinfo: str = "") -> str:
        return f"json://{userinfo}127.0.0.1:{self.port}{path}"


@pytest.fixture
def loopback_site() -> Iterator[LoopbackSite]:
    with LoopbackSite() as site:
        yield site


@pytest.fixture
def loopback_sites() -> Iterator[Callable[..., LoopbackSite]]:
    made: list[LoopbackSite] = []

    def make(host: str = "127.0.0.1", **options: object) -> LoopbackSite:
        site = LoopbackSite(host, **options).start()  # type: ignore[arg-type]
        made.append(site)
        return site

    yield make
    for site in made:
        site.stop()
