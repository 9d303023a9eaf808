"""The `sources` table: each configured source and each page found on a listing, with its
validators (ETag, Last-Modified, body hash), its error state and its listing (parent).

An error is reported once per state (urlwatch-style): recording it says whether it is news.
URLs are stored without credentials (the caller passes them redacted).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from seminars.store.db import transaction


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def get(con: sqlite3.Connection, name: str) -> sqlite3.Row | None:
    return con.execute("SELECT * FROM sources WHERE name=?", (name,)).fetchone()


def _ensure(con: sqlite3.Connection, row: sqlite3.Row | None, name: str, url: str, site: str,
            parent: str | None) -> None:
    if row is None:
        con.execute("INSERT INTO sources(name, url, site, parent) VALUES (?,?,?,?)",
                    (name, url, site, parent))


def record_failure(con: sqlite3.Connection, *, name: str, url: str, site: str,
                   parent: str | None, error: str) -> bool:
    """Remember that the source failed; True when this error is news (not the one already known)."""
    row = get(con, name)
    with transaction(con):
        _ensure(con, row, name, url, site, parent)
        con.execute(
            "UPDATE sources SET error=?, error_since=coalesce(CASE WHEN error=? THEN error_since END, ?)"
            " WHERE name=?",
            (error, error, _now(), name),
        )
    return (row["error"] if row else None) != error


def record_success(con: sqlite3.Connection, *, name: str, url: str, site: str,
                   parent: str | None, validators: dict[str, str | None] | None = None) -> bool:
    """Remember that the source answered (and its new validators); True when it had failed."""
    row = get(con, name)
    sets: dict[str, str | None] = {"error": None, "error_since": None, "last_ok_at": _now(), "url": url}
    sets.update(validators or {})
    with transaction(con):
        _ensure(con, row, name, url, site, parent)
        cols = ", ".join(f"{k}=?" for k in sets)
        con.execute(f"UPDATE sources SET {cols} WHERE name=?", (*sets.values(), name))
    return bool(row and row["error"] is not None)


def children(con: sqlite3.Connection, parent: str) -> list[tuple[str, str]]:
    """(name, url) of the pages found on a listing in earlier runs."""
    return [(r["name"], r["url"]) for r in
            con.execute("SELECT name, url FROM sources WHERE parent = ? ORDER BY name", (parent,))]


def warning_is_news(con: sqlite3.Connection, name: str, warning: str | None) -> bool:
    """Remember a source's warning; True when it differs from the one last remembered."""
    key = f"warning:{name}"
    row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    if (row["value"] if row else None) == warning:
        return False
    with transaction(con):
        if warning is None:
            con.execute("DELETE FROM meta WHERE key=?", (key,))
        else:
            con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, warning))
    return warning is not None
