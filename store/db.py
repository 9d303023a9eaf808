"""The SQLite store: connection, schema, migrations, and the run lock.

WAL mode, foreign keys on, one transaction per source, so a killed run loses at most the
source in hand. Nothing is ever hard-deleted: records no longer on their page are marked
unlisted and keep their data.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from seminars.errors import LockedError, StoreError
from seminars.store.faults import (
    APPLICATION_ID,
    as_store_error,
    check_identity,
    describe,
    read_only_message,
    writable,
)

SCHEMA_VERSION = 5

# Each entry upgrades the schema from version i to i+1; append, never edit.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE bodies (
        hash TEXT PRIMARY KEY,            -- sha256 of the raw bytes
        zbody BLOB NOT NULL               -- zlib-compressed raw page
    );
    CREATE TABLE fetches (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        site TEXT NOT NULL,
        fetched_at TEXT NOT NULL,         -- or the --observed-at of an ingest
        status INTEGER,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT REFERENCES bodies(hash),
        error TEXT,
        n_talks INTEGER
    );
    CREATE INDEX fetches_url ON fetches(url, fetched_at);
    CREATE TABLE sources (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        site TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        last_ok_at TEXT,
        error TEXT,                       -- the current error state, NULL when healthy
        error_since TEXT
    );
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        rec_key TEXT NOT NULL UNIQUE,     -- hash of page URL + speakers: not the title
        page_url TEXT NOT NULL,
        site TEXT NOT NULL,
        json TEXT NOT NULL,               -- the current Talk
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        listed INTEGER NOT NULL DEFAULT 1,
        origin TEXT NOT NULL DEFAULT 'crawl'  -- crawl | ingest | import
    );
    CREATE INDEX records_page ON records(page_url);
    CREATE TABLE record_versions (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id),
        observed_at TEXT NOT NULL,
        fetch_id INTEGER REFERENCES fetches(id),
        json TEXT NOT NULL,
        changed TEXT NOT NULL             -- comma-joined field names that changed
    );
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,         -- normalized name key, shared across sites
        name TEXT NOT NULL
    );
    CREATE TABLE bio_versions (
        id INTEGER PRIMARY KEY,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        bio_key TEXT NOT NULL,
        bio TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        first_source TEXT NOT NULL,
        last_source TEXT NOT NULL,
        sources TEXT NOT NULL,            -- newline-joined page URLs that showed it
        UNIQUE (speaker_id, bio_key)
    );
    CREATE TABLE assignments (
        record_id INTEGER PRIMARY KEY REFERENCES records(id),
        occurrence_id TEXT NOT NULL,
        talk_id TEXT NOT NULL,
        score REAL,
        reasons TEXT
    );
    CREATE TABLE known_ids (               -- every id ever given out, so none is reused
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        created_at TEXT NOT NULL,
        json TEXT NOT NULL,
        shown INTEGER NOT NULL DEFAULT 0  -- printed by a crawl or `alerts`
    );
    CREATE TABLE deliveries (
        alert_id TEXT NOT NULL REFERENCES alerts(id),
        channel TEXT NOT NULL,
        delivered_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        PRIMARY KEY (alert_id, channel)
    );
    """,
    # 2: the keys through which the merge may compare records, for incremental re-merging.
    """
    CREATE TABLE link_keys (
        record_id INTEGER NOT NULL REFERENCES records(id),
        key TEXT NOT NULL
    );
    CREATE INDEX link_keys_key ON link_keys(key);
    CREATE INDEX link_keys_record ON link_keys(record_id);
    """,
    # 3: robots.txt kept between runs (RFC 9309 allows caching up to 24 hours), revalidated
    # with a conditional GET.
    """
    CREATE TABLE robots_cache (
        origin TEXT PRIMARY KEY,          -- scheme://host[:port]
        status INTEGER,                   -- HTTP status of the last answer; NULL: unreachable
        body BLOB,                        -- robots.txt as fetched (at most 500 KiB)
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT NOT NULL          -- ISO 8601 UTC of the last (re)validation
    );
    """,
    # 4: a listing's talk pages name their listing in a column (the old `name LIKE parent || ' %'`
    # read '_' and '%' in a source name as wildcards).
    """
    ALTER TABLE sources ADD COLUMN parent TEXT;
    UPDATE sources SET parent = (
        SELECT p.name FROM sources p
        WHERE substr(sources.name, 1, length(p.name) + 1) = p.name || ' '
        ORDER BY length(p.name) DESC LIMIT 1
    );
    CREATE INDEX sources_parent ON sources(parent);
    """,
    # 5: deliveries.channel held the notification URL, password and tokens included; it now
    # holds seminars.redact.channel_key(url) (redacted URL + slow digest), still one per channel.
    """
    UPDATE deliveries SET channel = seminars_channel_key(channel);
    """,
]


def default_db_path() -> Path:
    env = os.environ.get("SEMINARS_DB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "seminars" / "seminars.db"


class StoreConnection(sqlite3.Connection):
    """A connection that knows whether it was opened read-only (``readonly``)."""

    readonly = False


def connect(path: Path | str | None = None) -> StoreConnection:
    """Open (or create) the store; a store this process cannot write is opened read-only.

    Reading commands then work as usual and the first write fails with a one-line
    StoreError saying the store is read-only. Another application's SQLite file is refused
    before anything is written to it.
    """
    p = Path(path) if path else default_db_path()
    if p.is_dir():
        raise StoreError(f"{p} is a folder; pass --db a store file") from None
    readonly = p.exists() and not writable(p)
    try:
        if not p.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        con = _open_sqlite(p, readonly)
    except OSError as e:
        raise StoreError(
            f"cannot create the store at {p}: {e.strerror or e}; pass --db a file in a writable folder"
        ) from None
    except sqlite3.Error as e:
        raise StoreError(describe(e, p) or f"cannot open the store at {p}: {e}") from None
    con.readonly = readonly
    con.row_factory = sqlite3.Row
    try:
        check_identity(con, p, SCHEMA_VERSION)
        # 64 MiB of page cache: a 100k-record import keeps its random-key indexes in memory.
        con.execute("PRAGMA cache_size=-65536")
        con.execute("PRAGMA temp_store=MEMORY")
        con.execute("PRAGMA foreign_keys=ON")
        if readonly:
            _check_readable_version(con, p)
        else:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            migrate(con)
            if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    except StoreError:
        con.close()
        raise
    except sqlite3.DatabaseError as e:
        con.close()
        raise StoreError(
            describe(e, p) or f"{p} is not a usable seminars store ({e}); move it aside or pass --db"
        ) from None
    return con


def _open_sqlite(p: Path, readonly: bool) -> StoreConnection:
    # check_same_thread off: a crawl writes from one dedicated thread (seminars.pipeline),
    # never from two at once.
    def connect(target: Path | str, uri: bool = False) -> StoreConnection:
        return sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False,
                               factory=StoreConnection, uri=uri)

    if not readonly:
        return connect(p)
    uri = p.resolve().as_uri()
    con = connect(f"{uri}?mode=ro", uri=True)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        # A WAL store in a read-only folder cannot get its -shm file; nobody can write there
        # either, so reading the file as immutable is safe.
        con.close()
        return connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _check_readable_version(con: sqlite3.Connection, p: Path) -> None:
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"the store {p} is read-only and has schema version {version}, not {SCHEMA_VERSION}: "
            "open it once with write access (this seminars upgrades it), or pass --db a copy"
        )


def migrate(con: sqlite3.Connection) -> None:
    from seminars.redact import channel_key

    # Migrations written in SQL call the Python functions they need under these names.
    con.create_function("seminars_channel_key", 1, channel_key, deterministic=True)
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {version}, newer than this seminars ({SCHEMA_VERSION}); upgrade seminars"
        )
    for v in range(version, SCHEMA_VERSION):
        with transaction(con):
            for stmt in _statements(MIGRATIONS[v]):
                con.execute(stmt)
            con.execute(f"PRAGMA user_version={v + 1}")


def _statements(script: str) -> Iterator[str]:
    buf = ""
    for line in script.splitlines():
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""


def select_in(con: sqlite3.Connection, sql: str, values: Iterable) -> list[Any]:
    """Run ``sql`` with its ``IN ({})`` filled by ``values``, in chunks SQLite accepts."""
    vals = tuple(values)
    out: list[Any] = []  # rows as the connection's row_factory makes them
    for i in range(0, len(vals), 900):
        chunk = vals[i:i + 900]
        out += con.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return out


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; a full disk or a read-only store becomes a StoreError."""
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise as_store_error(e, con) or e from None
    try:
        yield con
    except BaseException as e:
        if con.in_transaction:  # SQLite may have rolled back already (SQLITE_FULL does)
            con.execute("ROLLBACK")
        if isinstance(e, sqlite3.OperationalError):
            raise as_store_error(e, con) or e from None
        raise
    else:
        try:
            con.execute("COMMIT")
        except sqlite3.OperationalError as e:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise as_store_error(e, con) or e from None


# The run lock's descriptors held by this process. A forked child (a parser worker) closes its
# copies: an flock belongs to the open file, so a child outliving a killed run would
# otherwise keep the store locked.
_held_locks: set[int] = set()


def held_lock_fds() -> tuple[int, ...]:
    return tuple(_held_locks)


@contextmanager
def run_lock(db_path: Path | str | None) -> Iterator[None]:
    """Hold an exclusive lock beside the store for a whole run; fail at once if taken."""
    p = Path(db_path) if db_path else default_db_path()
    if p.exists() and not p.is_dir() and not writable(p):
        raise StoreError(read_only_message(p))
    lock_path = p.with_name(p.name + ".lock")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(
            f"cannot create the lock file {lock_path}: {e.strerror or e}; make {lock_path.parent} "
            "writable, or pass --db a store in a writable folder"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(
                f"another seminars run holds {lock_path}; this one exits without touching the store"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held_locks.add(fd)
        yield
    finally:
        _held_locks.discard(fd)
        os.close(fd)  # closing releases the flock, also when the process is killed
