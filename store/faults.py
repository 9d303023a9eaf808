"""What went wrong with the store, in one line that names the fix.

SQLite reports disk-full, read-only and I/O trouble as OperationalError with a terse text
("database or disk is full"); these turn it into a StoreError naming the store's path.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from seminars.errors import StoreError

APPLICATION_ID = 0x53454D4E  # "SEMN" in the SQLite header: this file is a seminars store


def store_path(con: sqlite3.Connection) -> str:
    try:
        row = con.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return "the store"
    return row[2] if row and row[2] else "the store"


def read_only_message(path: Path | str) -> str:
    return (f"the store {path} is read-only; make it and its folder writable, or pass --db a "
            "writable copy (query, export and alerts --all still read it)")


def describe(e: sqlite3.Error, path: Path | str) -> str | None:
    """A one-line explanation of a store fault, or None when ``e`` is not one (a bug)."""
    name = getattr(e, "sqlite_errorname", "") or ""
    text = str(e).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return (f"the disk holding the store {path} is full (or its size limit is reached); "
                "free some space and run again (nothing was half-written)")
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return read_only_message(path)
    if name.startswith("SQLITE_BUSY") or "database is locked" in text:
        return (f"the store {path} stayed locked by another program for 30 s; "
                "try again when it is done")
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return f"I/O error on the store {path} ({e}); check the disk, then run again"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return f"cannot open the store {path}; check that its folder exists and is readable"
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "not a database" in text or "malformed" in text:
        return (f"{path} is not a usable seminars store ({e}); "
                "move it aside or pass --db another file")
    return None


def as_store_error(e: sqlite3.Error, con_or_path: sqlite3.Connection | Path | str) -> StoreError | None:
    path = con_or_path if isinstance(con_or_path, (Path, str)) else store_path(con_or_path)
    message = describe(e, path)
    return StoreError(message) if message else None


def writable(path: Path) -> bool:
    """Can this process write the store (and the -wal/-shm files beside it)?"""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def check_identity(con: sqlite3.Connection, path: Path, schema_version: int) -> None:
    """Refuse a file that is another application's database, before anything is written to it.

    A seminars store carries our application_id (set since schema 5), or, when older, a
    `meta` and a `records` table; a new store is an empty database (no tables at all).
    """
    app_id = con.execute("PRAGMA application_id").fetchone()[0]
    version = con.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
    if app_id == APPLICATION_ID:
        return
    ours = app_id == 0 and (
        (version == 0 and not tables) or (0 < version <= schema_version and {"meta", "records"} <= tables)
    )
    if version > schema_version and app_id == 0 and {"meta", "records"} <= tables:
        return  # a newer seminars' store: migrate() names the upgrade
    if not ours:
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is not a seminars store (another application's database"
            + (f" with tables {shown}" if tables else "")
            + "); left untouched: pass --db a new file or an existing seminars store"
        )
