"""The merged dataset read back from the store: one row per occurrence, one per talk.

An occurrence's fields come from its records, the freshest listed record first and the
others filling what it leaves empty; its source_urls name every page that listed it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from seminars.store.badrows import checked_doc
from seminars.store.db import select_in

from seminars.bulk import no_cyclic_gc

TALK_COLUMNS = ("talk_id", "title", "speakers", "affiliations", "n_occurrences", "first_date",
                "last_date", "dates", "institutions", "abstract", "source_urls")
OCC_COLUMNS = ("occurrence_id", "talk_id", "date", "start", "end", "timezone", "location", "status",
               "institution", "series", "talk_type", "host", "source_urls")
_FILL = ("title", "date", "start", "end", "timezone", "location", "abstract", "host", "talk_type",
         "series", "institution")


@dataclass
class Occurrence:
    occurrence_id: str
    talk_id: str
    fields: dict
    speakers: list[dict]
    source_urls: list[str]
    records: int
    listed: bool
    sequence: int = 0  # times its date, time or status changed (iCalendar SEQUENCE)

    def row(self) -> dict:
        f = self.fields
        return {
            "occurrence_id": self.occurrence_id, "talk_id": self.talk_id, "date": f.get("date"),
            "start": f.get("start"), "end": f.get("end"), "timezone": f.get("timezone"),
            "location": f.get("location"), "status": f.get("status"),
            "institution": f.get("institution"), "series": f.get("series"),
            "talk_type": f.get("talk_type"), "host": f.get("host"),
            "source_urls": "; ".join(self.source_urls),
        }


@dataclass
class MergedTalk:
    talk_id: str
    occurrences: list[Occurrence] = field(default_factory=list)

    def _pick(self, key: str) -> str | None:
        vals = [o.fields.get(key) for o in self.occurrences if o.fields.get(key)]
        if not vals:
            return None
        counts = Counter(vals)
        # the most often seen value; ties go to the most recent occurrence's
        return max(vals[::-1], key=lambda v: counts[v])

    @property
    def speakers(self) -> list[dict]:
        best = max(self.occurrences, key=lambda o: (len(o.speakers), o.fields.get("date") or ""))
        return best.speakers

    def row(self) -> dict:
        dates = sorted({o.fields["date"] for o in self.occurrences if o.fields.get("date")})
        urls = sorted({u for o in self.occurrences for u in o.source_urls})
        insts = sorted({o.fields["institution"] for o in self.occurrences if o.fields.get("institution")})
        abstracts: list[str] = [
            o.fields["abstract"] for o in self.occurrences if o.fields.get("abstract")]
        sp = self.speakers
        return {
            "talk_id": self.talk_id,
            "title": self._pick("title"),
            "speakers": "; ".join(s["name"] for s in sp),
            "affiliations": "; ".join(s.get("affiliation") or "" for s in sp),
            "n_occurrences": len(self.occurrences),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "dates": "; ".join(dates),
            "institutions": "; ".join(insts),
            "abstract": max(abstracts, key=len) if abstracts else None,
            "source_urls": "; ".join(urls),
        }


def load_dataset(con: sqlite3.Connection, talk_ids: set[str] | None = None) -> list[MergedTalk]:
    """All merged talks (or only ``talk_ids``) with their occurrences, in a stable order."""
    with no_cyclic_gc():
        return _load(con, talk_ids)


_MOVES = ("SELECT record_id, count(*) FROM record_versions WHERE changed != '*'"
          " AND (changed LIKE '%start%' OR changed LIKE '%date%' OR changed LIKE '%end%'"
          " OR changed LIKE '%status%')")
_ROWS = ("SELECT a.occurrence_id, a.talk_id, r.json, r.page_url, r.listed, r.last_seen, r.id AS rid"
         " FROM assignments a JOIN records r ON r.id = a.record_id")


def _load(con: sqlite3.Connection, talk_ids: set[str] | None = None) -> list[MergedTalk]:
    by_occ: dict[str, list[sqlite3.Row]] = defaultdict(list)
    talk_of: dict[str, str] = {}
    rows: Iterable[Any]  # sqlite3.Row, from a cursor or from select_in's list
    if talk_ids is None:
        moves = dict(con.execute(_MOVES + " GROUP BY record_id").fetchall())
        rows = con.execute(_ROWS)
    else:  # a few talks (the public database's incremental refresh): no full scans
        rows = select_in(con, _ROWS + " WHERE a.talk_id IN ({})", talk_ids)
        moves = dict(select_in(con, _MOVES + " AND record_id IN ({}) GROUP BY record_id",
                               {r["rid"] for r in rows}))
    for row in rows:
        by_occ[row["occurrence_id"]].append(row)
        talk_of[row["occurrence_id"]] = row["talk_id"]
    talks: dict[str, MergedTalk] = {}
    for occ_id, occ_rows in by_occ.items():
        occ_rows.sort(key=lambda r: (r["listed"], r["last_seen"]), reverse=True)
        # A row merged before it was found to break the contract is left out, with a warning.
        checked = [(r, checked_doc(r["rid"], r["page_url"], r["json"])) for r in occ_rows]
        kept = [r for r, d in checked if d is not None]
        docs = [d for _, d in checked if d is not None]
        if not kept:
            continue
        fields: dict = {}
        for k in _FILL:
            fields[k] = next((d.get(k) for d in docs if d.get(k)), None)
        fields["status"] = docs[0].get("status") or "scheduled"
        speakers = _merge_speakers(docs)
        occ = Occurrence(
            occurrence_id=occ_id, talk_id=talk_of[occ_id], fields=fields, speakers=speakers,
            source_urls=sorted({r["page_url"] for r in kept}), records=len(kept),
            listed=any(r["listed"] for r in kept),
            sequence=max(moves.get(r["rid"], 0) for r in kept),
        )
        talks.setdefault(occ.talk_id, MergedTalk(occ.talk_id)).occurrences.append(occ)
    out = list(talks.values())
    for t in out:
        t.occurrences.sort(key=_occ_order)
    out.sort(key=lambda t: (_occ_order(t.occurrences[0]), t.talk_id))
    return out


def _occ_order(o: Occurrence) -> tuple:
    return (o.fields.get("date") or "9999", o.fields.get("start") or "", o.occurrence_id)


def _merge_speakers(docs: list[dict]) -> list[dict]:
    base = max(docs, key=lambda d: len(d.get("speakers") or []))
    out = [dict(s) for s in base.get("speakers") or []]
    for s in out:
        for d in docs:
            for other in d.get("speakers") or []:
                if other.get("name") == s.get("name"):
                    for k in ("affiliation", "url", "bio"):
                        s[k] = s.get(k) or other.get(k)
    return out
