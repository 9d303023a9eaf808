"""Stored records read back for merge and export, checked against the record contract.

A store written by an older version may hold a record the importer now refuses (a number
where a date belongs, say). Such a row is skipped, never fatal: the rest of the store still
merges and exports, and the row is named once per command on stderr so it can be fixed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from seminars.record import Talk
from seminars.validate import ValidationError, validate_record

# Record ids already named in this process (one command): merge and export both read a row.
_named: set[int] = set()


def checked_talk(rec_id: int, page_url: str, doc: str) -> Talk | None:
    """The stored record as a Talk, or None (and one warning) when it breaks the contract."""
    got = _check(rec_id, page_url, doc)
    return got[1] if got else None


def checked_doc(rec_id: int, page_url: str, doc: str) -> dict | None:
    """The stored record's JSON object, or None (and one warning) when it breaks the contract."""
    got = _check(rec_id, page_url, doc)
    return got[0] if got else None


def _check(rec_id: int, page_url: str, doc: str) -> tuple[dict, Talk] | None:
    try:
        d = json.loads(doc)
        return d, validate_record(d)
    except ValidationError as e:
        skip_warning(rec_id, page_url, str(e))
    except (ValueError, TypeError, RecursionError):
        skip_warning(rec_id, page_url, "not a JSON record")
    return None


def skip_warning(rec_id: int, page_url: str, why: str) -> None:
    if rec_id in _named:
        return
    _named.add(rec_id)
    # stderr, as the CLI's own warnings: the library has no other channel to the user, and a
    # skipped row must not pass unnoticed (logging is silenced outside SEMINARS_DEBUG).
    print(f"seminars: warning: stored record {rec_id} ({page_url}) skipped: {why}", file=sys.stderr)


def name_again(rows: Iterable[tuple[int, str, str]]) -> None:
    """Warn for rows skipped by an earlier merge that this command does not read again."""
    for rec_id, page_url, doc in rows:
        checked_talk(rec_id, page_url, doc)
