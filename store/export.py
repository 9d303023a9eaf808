"""Exports of the merged dataset: CSV (spreadsheet-safe, atomic), JSON, iCalendar."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from seminars.store.dataset import OCC_COLUMNS, TALK_COLUMNS, MergedTalk, speaker_doc

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will never run as a formula (OWASP: prefix a quote)."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            # mkstemp makes the file 0600; an export is an ordinary file, so the umask decides.
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask, read without changing it where Linux allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore (a brief window, single-threaded CLI)
    os.umask(mask)
    return mask


def csv_bytes(columns: Iterable[str], rows: Iterable[dict]) -> bytes:
    import io

    cols = list(columns)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(cols)
    w.writerows([safe_cell(r.get(k)) for k in cols] for r in rows)
    return buf.getvalue().encode("utf-8")


def export_csv(talks: list[MergedTalk], out: Path) -> list[Path]:
    t_path, o_path = out / "talks.csv", out / "occurrences.csv"
    atomic_write(t_path, csv_bytes(TALK_COLUMNS, (t.row() for t in talks)))
    atomic_write(o_path, csv_bytes(OCC_COLUMNS, (o.row() for t in talks for o in t.occurrences)))
    return [t_path, o_path]


def export_json(talks: list[MergedTalk], out: Path) -> list[Path]:
    doc = [
        {**t.row(), "speakers": [speaker_doc(s) for s in t.speakers],
         "occurrences": [o.row() for o in t.occurrences]}
        for t in talks
    ]
    path = out / "talks.json"
    atomic_write(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return [path]


def export_ics(talks: list[MergedTalk], out: Path, *, name: str | None = None) -> list[Path]:
    """talks.ics: the calendar writer of store/ics.py, written atomically."""
    from seminars.store.ics import calendar_bytes

    path = out / "talks.ics"
    atomic_write(path, calendar_bytes(talks, name=name))
    return [path]
