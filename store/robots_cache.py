"""robots.txt answers kept in the store between runs (the robots_cache table, schema 3).

The fetcher asks from the event loop (through a worker thread) while the crawl writes pages
from its own store thread, so each call here opens its own short connection instead of
sharing the crawl's: in WAL mode a reader never waits for the writer, and a one-row
autocommit upsert waits at most for the writer's current per-source transaction (busy
timeout). A cache that cannot be read or written is a miss, never a failed crawl.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from seminars.scrapers.robots import CachedRobots

log = logging.getLogger(__name__)

_BUSY_TIMEOUT = 30.0  # seconds; the crawl's own writes are one page's transaction at a time


class SqliteRobotsCache:
    """The RobotsCache protocol of seminars.scrapers.robots over the store's robots_cache."""

    def __init__(self, path: Path | str):
        self.path = str(path)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT, isolation_level=None)

    def get(self, origin: str) -> CachedRobots | None:
        try:
            with closing(self._connect()) as con:
                row = con.execute(
                    "SELECT status, body, etag, last_modified, fetched_at FROM robots_cache"
                    " WHERE origin = ?", (origin,)).fetchone()
        except sqlite3.Error as e:
            log.warning("robots cache: cannot read %s: %s", origin, e)
            return None
        if row is None:
            return None
        status, body, etag, last_modified, fetched_at = row
        return CachedRobots(status=status, body=bytes(body) if body is not None else None,
                            etag=etag, last_modified=last_modified, fetched_at=fetched_at)

    def put(self, origin: str, entry: CachedRobots) -> None:
        try:
            with closing(self._connect()) as con:
                con.execute(
                    "INSERT INTO robots_cache(origin, status, body, etag, last_modified, fetched_at)"
                    " VALUES (?,?,?,?,?,?) ON CONFLICT(origin) DO UPDATE SET status=excluded.status,"
                    " body=excluded.body, etag=excluded.etag, last_modified=excluded.last_modified,"
                    " fetched_at=excluded.fetched_at",
                    (origin, entry.status, entry.body, entry.etag, entry.last_modified,
                     entry.fetched_at))
        except sqlite3.Error as e:
            log.warning("robots cache: cannot keep %s: %s", origin, e)


def robots_cache_for(con: sqlite3.Connection) -> SqliteRobotsCache | None:
    """The cache beside the store `con` is open on; None for an in-memory store."""
    for _seq, name, path in con.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return SqliteRobotsCache(path) if path else None
    return None
