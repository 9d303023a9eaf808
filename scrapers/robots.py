"""robots.txt as RFC 9309 reads it: which group is ours, which rule wins, what to cache.

Fetching is the Fetcher's job (it must go through the same per-host politeness as pages);
this module turns what came back into an allow/deny answer, and says what a cached copy
is worth. Rule matching is protego's (the parser Scrapy uses: longest match, Allow on a
tie, `*` and `$`, percent-encoding normalised); two places where it departs from RFC 9309
are corrected here before it sees the file:

- group choice: protego looks for a group's name anywhere in the user-agent string and
  accepts a prefix ("User-agent: semin" would bind "seminars/0.1 (+https://github...)",
  and so would "User-agent: github"). RFC 9309 2.2.1 matches the product token, whole
  and case-insensitively; so each User-agent value is reduced to its product token and
  only ours keeps its name.
- reserved characters: protego decodes every escape but %2F and %25, so "/a%3Fb" and
  "/a?b" compare equal. RFC 9309 2.2.2 keeps escapes of reserved characters (RFC 3986)
  encoded; we shield them from protego's decoding, the same way in rules and in URLs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit

from protego import Protego

# RFC 9309 2.5: crawlers must read at least 500 KiB of robots.txt; we read exactly that much.
ROBOTS_MAX_BYTES = 500 * 1024
# RFC 9309 2.4: a cached copy should not be used for more than 24 hours...
ROBOTS_TTL = 24 * 3600.0
# ...unless robots.txt is unreachable; after 30 days unreachable the old copy is no guide.
ROBOTS_STALE_LIMIT = 30 * 24 * 3600.0

_PRODUCT_TOKEN = re.compile(r"[A-Za-z_-]+")
# The spellings of the user-agent field that protego accepts, with their separator.
_USER_AGENT_LINE = re.compile(r"(?i)^\s*(?:user-agent|useragent|user agent)\s*(?::|\s)\s*(.*)$")
# Escapes of RFC 3986 reserved characters (gen-delims and sub-delims), %2F among them.
_RESERVED_ESCAPE = re.compile(r"%(2[1346-9A-Ca-cFf]|3[ABDFabdf]|40|5[BDbd])")
# Never a product token and never inside one: the name other robots' groups get.
_OTHER_AGENT = "!other"


def origin_of(url: str) -> str:
    """scheme://host[:port], lower-cased: robots.txt applies per origin."""
    parts = urlsplit(url)
    # Without userinfo: the origin is a key in the store (robots_cache), where no password goes.
    return f"{parts.scheme.lower()}://{parts.netloc.rsplit('@', 1)[-1].lower()}"


def robots_url(url: str) -> str:
    return origin_of(url) + "/robots.txt"


def product_token(user_agent: str) -> str:
    """"seminars/0.1 (+https://...)" -> "seminars": the part of a user agent robots.txt names."""
    m = _PRODUCT_TOKEN.match(user_agent.strip())
    return m.group(0).lower() if m else ""


def _shield_reserved(text: str) -> str:
    # "%3F" becomes "%253F", which protego leaves alone, while a plain "?" becomes "%3F":
    # the two spellings stay apart, and "%3f" and "%3F" still meet.
    return _RESERVED_ESCAPE.sub(lambda m: "%25" + m.group(1).upper(), text)


def _prepare(text: str, token: str) -> str:
    """The robots.txt protego should read so that it answers as RFC 9309 does for `token`."""
    out = []
    for line in text.splitlines():
        content = line.split("#", 1)[0]
        m = _USER_AGENT_LINE.match(content)
        if m is None:
            out.append(_shield_reserved(content))
            continue
        value = m.group(1).strip()
        if not value:
            out.append("User-agent:")  # still ends the group before it, as protego expects
        elif value.startswith("*"):
            out.append("User-agent: *")
        else:
            # Google's reading: "seminars/1.0" or "seminars crawler" name the seminars robot.
            named = product_token(value)
            out.append(f"User-agent: {token if named and named == token else _OTHER_AGENT}")
    return "\n".join(out)


class RobotsRules:
    """One robots.txt, parsed, answering for one product token."""

    def __init__(self, text: str, user_agent: str):
        self.token = product_token(user_agent)
        self._parser = Protego.parse(_prepare(text, self.token))
        # An empty token names no group (not even the others'): only "*" can hold it.
        self._query = self.token or "!none"

    def allows(self, url: str) -> bool:
        return self._parser.can_fetch(_shield_reserved(url), self._query)

    def crawl_delay(self) -> float | None:
        return self._parser.crawl_delay(self._query)


@dataclass
class RobotsPolicy:
    """What one origin's robots.txt allows; `rules` None means everything is allowed."""

    rules: RobotsRules | None = None
    note: str | None = None  # why we allow or refuse everything, when that was not the site's rule
    deny_all: bool = False  # 5xx or unreachable: RFC 9309 2.3.1.4 says assume complete disallow
    refusal: str | None = None  # the error a page refused by deny_all carries
    expires: float = float("inf")  # time.monotonic() after which the copy must be fetched again

    def allows(self, url: str) -> bool:
        if self.deny_all:
            return False
        return self.rules is None or self.rules.allows(url)

    def crawl_delay(self) -> float | None:
        return self.rules.crawl_delay() if self.rules is not None else None


@dataclass(frozen=True)
class CachedRobots:
    """A robots.txt answer as kept between runs (the robots_cache table's row)."""

    status: int | None
    body: bytes | None
    etag: str | None
    last_modified: str | None
    fetched_at: str  # ISO 8601 UTC of the last fetch or revalidation

    def age(self, now: datetime | None = None) -> float:
        """Seconds since fetched_at; an unreadable date counts as infinitely old."""
        try:
            then = datetime.fromisoformat(self.fetched_at)
        except (TypeError, ValueError):
            return float("inf")
        if then.tzinfo is None:
            then = then.replace(tzinfo=UTC)
        return ((now or datetime.now(UTC)) - then).total_seconds()

    def revalidated(self, fetched_at: str, etag: str | None, last_modified: str | None) -> CachedRobots:
        """The same copy after a 304: fresh again, with any new validators the server sent."""
        return replace(self, fetched_at=fetched_at, etag=etag or self.etag,
                       last_modified=last_modified or self.last_modified)


def worth_caching(status: int | None) -> bool:
    """Only the site's own answers are kept: a 5xx or a network error is tried again next run."""
    return status is not None and (200 <= status < 300 or 400 <= status < 500)


class RobotsCache(Protocol):
    """Where robots.txt answers are kept between runs (the store implements it)."""

    def get(self, origin: str) -> CachedRobots | None: ...

    def put(self, origin: str, entry: CachedRobots) -> None: ...


def trim_partial_line(body: bytes) -> bytes:
    """A robots.txt cut at the size cap loses its last, partial line: half a rule is another rule."""
    if len(body) < ROBOTS_MAX_BYTES:
        return body
    end = body.rfind(b"\n")
    return body[: end + 1] if end >= 0 else b""


def policy_from_response(status: int | None, body: bytes | None, error: str | None,
                         user_agent: str = "") -> RobotsPolicy:
    """Follow RFC 9309 2.3.1: 2xx -> the rules; 4xx -> no rules; 5xx or unreachable -> none
    of the site may be crawled (noted, and named in every refused page's error)."""
    if status is not None and 200 <= status < 300:
        text = (body or b"").decode("utf-8", errors="replace")
        return RobotsPolicy(rules=RobotsRules(text, user_agent))
    if status is not None and 400 <= status < 500:
        return RobotsPolicy()
    if status is not None and status >= 500:
        note = f"robots.txt answered HTTP {status}; not crawling this host"
        return RobotsPolicy(deny_all=True, note=note, refusal=note)
    if status is None:
        reason = error or "unreachable"
        # The page itself is not tried: its error is the network's, which says what went wrong.
        return RobotsPolicy(deny_all=True, refusal=reason,
                            note=f"robots.txt unreachable ({reason}); not crawling this host")
    return unavailable(f"HTTP {status}")


def unavailable(reason: str) -> RobotsPolicy:
    """3xx without a usable target, or too many redirects: RFC 9309 2.3.1.2 lets a crawler
    treat robots.txt as unavailable, which allows all."""
    return RobotsPolicy(note=f"robots.txt unavailable ({reason}); allowing all")
