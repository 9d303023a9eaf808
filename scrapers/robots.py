"""robots.txt rules: where they live, how a fetched copy becomes a policy.

Fetching is the Fetcher's job (it must go through the same per-host politeness as pages);
this module only turns what came back into an allow/deny answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

# RFC 9309 asks crawlers to read at least 500 KiB of robots.txt; more is never needed.
ROBOTS_MAX_BYTES = 512 * 1024


def origin_of(url: str) -> str:
    """scheme://host[:port], lower-cased: robots.txt applies per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def robots_url(url: str) -> str:
    return origin_of(url) + "/robots.txt"


@dataclass
class RobotsPolicy:
    """What one origin's robots.txt allows; `parser` None means everything is allowed."""

    parser: RobotFileParser | None = None
    note: str | None = None  # why we allow or refuse everything, when that was not the site's rule
    deny_all: bool = False  # the server failed (5xx): RFC 9309 says assume complete disallow

    def allows(self, user_agent: str, url: str) -> bool:
        if self.deny_all:
            return False
        if self.parser is None:
            return True
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def policy_from_response(status: int | None, body: bytes | None, error: str | None) -> RobotsPolicy:
    """Follow RFC 9309: 2xx -> the rules; 4xx -> no rules; 5xx -> disallow all, noted.

    An unreachable robots.txt (no HTTP answer at all) allows, noted: the page fetch that
    follows fails on its own with the real network error, which says more than "robots".
    """
    if status is not None and 200 <= status < 300:
        parser = RobotFileParser()
        parser.parse((body or b"").decode("utf-8", errors="replace").splitlines())
        return RobotsPolicy(parser=parser)
    if status is not None and 400 <= status < 500:
        return RobotsPolicy()
    if status is not None and status >= 500:
        return RobotsPolicy(deny_all=True, note=f"robots.txt answered HTTP {status}; not crawling this host")
    reason = f"HTTP {status}" if status is not None else (error or "unreachable")
    return RobotsPolicy(note=f"robots.txt unavailable ({reason}); allowing all")
