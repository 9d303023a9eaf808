"""The Fetcher's robots.txt side: one policy per origin per run, a copy kept across runs for
up to 24 hours (revalidated with a conditional GET), redirects followed up to five hops and
never into an internal address, Crawl-delay applied to the host's spacing (RFC 9309)."""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import urljoin, urlsplit

import httpx

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
from seminars.scrapers.transfer import (
    REDIRECT_STATUSES,
    CrawlSettings,
    Exchange,
    HostSlots,
    private_crossing,
    utc_now,
)

log = logging.getLogger("seminars.scrapers.fetch")

_ROBOTS_MAX_HOPS = 5  # RFC 9309: follow at least five redirects for robots.txt


class RobotsGate:
    """Mixed into the Fetcher, whose per-host state and single GET it uses."""

    settings: CrawlSettings
    robots_notes: dict[str, str]
    _robots: dict[str, RobotsPolicy]
    _robots_locks: dict[str, asyncio.Lock]
    _robots_cache: RobotsCache | None

    def _host(self, name: str) -> HostSlots:
        raise NotImplementedError

    async def _get_once(self, url: str, headers: dict[str, str], max_bytes: int,
                        truncate: bool = False) -> Exchange:
        raise NotImplementedError

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
                    refusal = await private_crossing(url, target)
                    if refusal:  # the same scope rule as for pages; unfollowed means unavailable
                        return unavailable(refusal)
                    url = target
                    continue
            break
        else:
            return unavailable("more than 5 redirects")
        now = utc_now()
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

    async def _get_robots(self, url: str, headers: dict[str, str]) -> Exchange:
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

