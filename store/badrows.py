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

# Rows already named in this process (one command): merge and export both read a row.
_named: set[tuple[int, int]] = set()
# Rows found valid in this process, by id: the hash of their JSON text. Export reads back what
# the merge just checked; validation is a pure function of the text, so a row whose text
# hashes the same needs no second check (~10 us a row: 1 s on a 100k-record export).
_valid: dict[int, int] = {}


def checked_talk(rec_id: int, page_url: str, doc: str) -> Talk | None:
    """The stored record as a Talk, or None (and one warning) when it breaks the contract."""
    got = _check(rec_id, page_url, doc)
    return got[1] if got else None


def checked_doc(rec_id: int, page_url: str, doc: str) -> dict | None:
    """The stored record's JSON object, or None (and one warning) when it breaks the contract."""
    if _valid.get(rec_id) == hash(doc):
        return json.loads(doc)
    got = _check(rec_id, page_url, doc)
    return got[0] if got else None


def _check(rec_id: int, page_url: str, doc: str) -> tuple[dict, Talk] | None:
    try:
        d = json.loads(doc)
        # Parsers store "" for a source with no institution configured: not a broken row.
        talk = validate_record(d, require_institution=False)
        _valid[rec_id] = hash(doc)
        return d, talk
    except ValidationError as e:
        skip_warning(rec_id, page_url, doc, str(e))
    except (ValueError, TypeError, RecursionError):
        skip_warning(rec_id, page_url, doc, "not a JSON record")
    return None


def skip_warning(rec_id: int, page_url: str, doc: str, why: str) -> None:
    if (rec_id, hash(doc)) in _named:
        return
    _named.add((rec_id, hash(doc)))
    # stderr, as the CLI's own warnings: the library has no other channel to the user, and a
    # skipped row must not pass unnoticed (logging is silenced outside SEMINARS_DEBUG).
    print(f"seminars: warning: stored record {rec_id} ({page_url}) skipped: {why}", file=sys.stderr)


def name_again(rows: Iterable[tuple[int, str, str]]) -> None:
    """Warn for rows skipped by an earlier merge that this command does not read again."""
    for rec_id, page_url, doc in rows:
        checked_talk(rec_id, page_url, doc)
