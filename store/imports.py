"""`seminars import`: talk records from JSON Lines, validated whole before anything is stored.

The file is read line by line (a line is never read past MAX_LINE_BYTES, so a 100 MB line is
refused without being held in memory), each record goes through seminars.validate, and only
a file whose every line passes is stored, in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

from seminars.bulk import no_cyclic_gc
from seminars.errors import UsageError
from seminars.normalize.chain import normalize_talk
from seminars.record import Talk
from seminars.store.db import select_in, transaction
from seminars.store.pages import apply_page, record_keys
from seminars.validate import MAX_RECORD_CHARS, ValidationError, validate_record

# A record is at most MAX_RECORD_CHARS characters of text; JSON escapes can double that.
MAX_LINE_BYTES = 2 * MAX_RECORD_CHARS


class ImportOutcome(NamedTuple):
    read: int  # records read (every non-blank line)
    new: int  # records the store did not hold before
    repeats: list[tuple[int, int]]  # (line, the earlier line it repeats): imported once


class _LineError(ValueError):
    pass


def read_jsonl(path: Path) -> tuple[list[Talk], list[tuple[int, int]]]:
    """Every record of the file, normalized, and the lines that repeat an earlier record.

    Raises UsageError naming the first bad line and why; nothing is returned then.
    """
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as e:
        raise UsageError(f"{path}: cannot read ({e.strerror or e})") from None
    talks: list[Talk] = []
    first_line: dict[tuple, int] = {}
    repeats: list[tuple[int, int]] = []
    n = 0
    with fh:
        try:
            while raw := fh.readline(MAX_LINE_BYTES + 2):  # +2: room for the "\r\n" ending
                n += 1
                talk = _parse_line(raw, n)
                if talk is None:
                    continue
                key = _content_key(talk)
                if key in first_line:
                    repeats.append((n, first_line[key]))
                    continue
                first_line[key] = n
                talks.append(talk)
        except (_LineError, ValidationError) as e:
            raise UsageError(f"{path}: line {n}: {e}; nothing was imported") from None
        except OSError as e:
            raise UsageError(f"{path}: cannot read ({e.strerror or e}); nothing was imported") from None
    return talks, repeats


def _parse_line(raw: bytes, n: int) -> Talk | None:
    line = raw.rstrip(b"\r\n")
    if len(line) > MAX_LINE_BYTES:
        raise _LineError(f"longer than {MAX_LINE_BYTES} bytes (one record per line)")
    if n == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]  # a UTF-8 byte order mark, as some Windows editors write
    if not line.strip():
        return None
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _LineError(f"not UTF-8 text (byte 0x{line[e.start]:02x} at column {e.start + 1})") from None
    try:
        obj = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_object)
    except json.JSONDecodeError as e:
        raise _LineError(f"not JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise _LineError("not a talk record (JSON nested too deeply)") from None
    except _LineError:
        raise
    except ValueError as e:  # a number too long for Python
        raise _LineError(f"not JSON ({e})") from None
    return normalize_talk(validate_record(obj))


def _no_constant(name: str) -> Any:
    raise _LineError(f"not JSON ({name} is not a JSON value)")


def _object(pairs: list[tuple[str, Any]]) -> dict:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                # json would silently keep the last value: which one the user meant is a guess
                raise _LineError(f"field '{k}' given twice in one object")
            seen.add(k)
    return d
    return d


def _content_key(t: Talk) -> tuple:
    """Equal for two records with the same normalized content, however their lines were written."""
    return tuple(
        tuple((s.name, s.affiliation, s.url, s.bio) for s in v) if k == "speakers" else v
        for k, v in t.__dict__.items()
    )


def import_jsonl(con: sqlite3.Connection, path: Path, *, observed_at: str) -> ImportOutcome:
    """Store every record of the file in one transaction."""
    with no_cyclic_gc():
        return _import(con, path, observed_at)


def _import(con: sqlite3.Connection, path: Path, observed_at: str) -> ImportOutcome:
    talks, repeats = read_jsonl(path)
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
    return ImportOutcome(len(talks) + len(repeats), new, repeats)
