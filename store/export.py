"""Exports of the merged dataset: CSV (spreadsheet-safe, atomic), JSON, iCalendar."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from seminars.store.dataset import OCC_COLUMNS, TALK_COLUMNS, MergedTalk

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
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        {**t.row(), "speakers": t.speakers, "occurrences": [o.row() for o in t.occurrences]}
        for t in talks
    ]
    path = out / "talks.json"
    atomic_write(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return [path]


def export_ics(talks: list[MergedTalk], out: Path) -> list[Path]:
    """One VEVENT per occurrence. UID is the occurrence id; SEQUENCE counts reschedules."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//seminars//talks//EN")
    cal.add("version", "2.0")
    for t in talks:
        row = t.row()
        for o in t.occurrences:
            f = o.fields
            if not f.get("date"):
                continue
            ev = Event()
            ev.add("uid", f"{o.occurrence_id}@seminars")
            ev.add("summary", row["title"] or f"Talk by {row['speakers'] or 'TBA'}")
            if f.get("start"):
                start = datetime.fromisoformat(f["start"])
                ev.add("dtstart", start)
                ev.add("dtend", datetime.fromisoformat(f["end"]) if f.get("end") else start + timedelta(hours=1))
            else:
                ev.add("dtstart", date.fromisoformat(f["date"]))
            ev.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
            ev.add("sequence", o.sequence)
            ev.add("status", "CANCELLED" if f.get("status") == "cancelled" else "CONFIRMED")
            if f.get("location"):
                ev.add("location", f["location"])
            desc = [f"Speakers: {row['speakers']}"] if row["speakers"] else []
            if row["abstract"]:
                desc.append(row["abstract"])
            if desc:
                ev.add("description", "\n\n".join(desc))
            if o.source_urls:
                ev.add("url", o.source_urls[0])
            cal.add_component(ev)
    path = out / "talks.ics"
    atomic_write(path, cal.to_ical())
    return [path]
