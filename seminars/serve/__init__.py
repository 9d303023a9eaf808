"""`seminars serve`: the store's public database in Datasette, with this package's plugin.

Datasette opens the public database (store/views.py) with a read-only connection
(``?mode=ro``), not in immutable mode: immutable mode hashes the file once and would keep
showing the data of the moment the server started, while a read-only connection sees each
refresh a crawl commits, and in WAL mode a reader never blocks that writer. The store itself
is opened read-only too, only for the merge reasons on a talk's page.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from seminars.errors import SeminarsError, UsageError

HERE = Path(__file__).resolve().parent


def open_store_readonly(store: Path) -> sqlite3.Connection:
    if not store.exists():
        raise UsageError(f"no store at {store}: run `seminars crawl` (or import) first, or pass --db")
    try:
        con = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        con.row_factory = sqlite3.Row
        con.execute("SELECT 1 FROM assignments LIMIT 1").fetchall()
    except sqlite3.Error as e:
        raise SeminarsError(f"{store} is not a usable seminars store ({e}); pass --db") from None
    return con


def prepare(store: Path) -> Path:
    """The public database for ``store``, rebuilt first when it is missing or behind."""
    from seminars.store.views import is_current, refresh

    con = open_store_readonly(store)
    try:
        if not is_current(con):
            try:
                return refresh(con)
            except sqlite3.Error as e:
                raise SeminarsError(f"cannot write the public database beside {store}: {e}") from None
        from seminars.store.views import public_path

        return public_path(store)
    finally:
        con.close()


def make_datasette(store: Path):
    """A Datasette over the public database of ``store``; nothing for the user to configure."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from seminars.serve import plugin
    from seminars.serve.metadata import DB, METADATA

    public = prepare(store)
    if not os.environ.get("SEMINARS_DEBUG"):
        # Datasette prints a full traceback, locals included, for every 4xx a visitor causes
        # (a bad _sort, a typo in SQL) when rich is installed; the visitor already gets the error.
        import datasette.handle_exception

        datasette.handle_exception.rich = None
    if not pm.is_registered(plugin):
        pm.register(plugin, name="seminars-serve")
    ds = Datasette(metadata=METADATA, template_dir=str(HERE / "templates"),
                   # facet suggestions try every column on every page: seconds at 100k talks
                   settings={"default_page_size": 50, "sql_time_limit_ms": 2000,
                             "suggest_facets": False})
    ds.add_database(Database(ds, path=str(public), is_mutable=True), name=DB)
    # Datasette adds an in-memory database when given no files; only the public one is served.
    ds.remove_database("_memory")
    ds._seminars_store = store
    return ds


def run(ds, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
