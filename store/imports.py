"""`seminars import`: talk records from JSON Lines, validated whole before anything is stored."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path

from seminars.normalize.chain import normalize_talk
from seminars.store.db import select_in, transaction
from seminars.store.pages import apply_page, record_keys

from seminars.bulk import no_cyclic_gc
from seminars.errors import UsageError
from seminars.record import Talk


def read_jsonl(path: Path) -> list[Talk]:
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    talks = []
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    talks.append(normalize_talk(Talk.from_dict(json.loads(line))))
                except json.JSONDecodeError as e:
                    raise UsageError(f"{path}:{n}: not JSON ({e.msg}); nothing was imported") from None
                except (ValueError, TypeError) as e:
                    raise UsageError(f"{path}:{n}: not a talk record ({e}); nothing was imported") from None
        except UnicodeDecodeError:
            raise UsageError(f"{path}: not UTF-8 text; nothing was imported") from None
    return talks


def import_jsonl(con: sqlite3.Connection, path: Path, *, observed_at: str) -> tuple[int, int]:
    """Store every record of the file in one transaction; returns (read, new)."""
    with no_cyclic_gc():
        return _import(con, path, observed_at)


def _import(con: sqlite3.Connection, path: Path, observed_at: str) -> tuple[int, int]:
    talks = read_jsonl(path)
    by_page: dict[str, list[Talk]] = defaultdict(list)
    for t in talks:
        by_page[t.source_url or f"import:{path.name}"].append(t)
    new = 0
    with transaction(con):
        # One fetch row stands for the whole file: it is where these records came from.
        fetch_id = con.execute(
            "INSERT INTO fetches(source, url, site, fetched_at, n_talks) VALUES (?,?,?,?,?)",
            (f"import {path.name}", path.resolve().as_uri(), "import", observed_at, len(talks)),
        ).lastrowid
        keys = [k for url, group in by_page.items() for k in record_keys(url, group)]
        existing = {r[0] for r in select_in(con, "SELECT rec_key FROM records WHERE rec_key IN ({})", keys)}
        for url, group in by_page.items():
            out = apply_page(
                con, source=f"import {path.name}", site="import", url=url, observed_at=observed_at,
                talks=group, body=None, status=None, origin="import", unlist_missing=False,
                fetch_id=fetch_id, existing=existing,
            )
            new += out.new
    return len(talks), new
