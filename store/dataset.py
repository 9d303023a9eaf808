"""The merged dataset read back from the store: one row per occurrence, one per talk.

An occurrence's fields come from its records, the freshest listed record first and the
others filling what it leaves empty; its source_urls name every page that listed it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from seminars.bulk import no_cyclic_gc
from seminars.record import Speaker
from seminars.store.badrows import checked_doc
from seminars.store.db import select_in

_T = TypeVar("_T")


@dataclass(frozen=True)
class OccurrenceFields:
    """What an occurrence says: each field from the first of its records that has it."""

    # In this order in the public database's feed JSON (to_dict): keep it.
    title: str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    timezone: str | None = None
    location: str | None = None
    abstract: str | None = None
    host: str | None = None
    talk_type: str | None = None
    series: str | None = None
    institution: str | None = None
    status: str = "scheduled"

    @classmethod
    def from_docs(cls, docs: list[dict]) -> OccurrenceFields:
        """From record JSON, freshest listed first: it wins, the others fill its gaps; the
        status is the freshest record's alone (an older "cancelled" is no longer true)."""
        vals = {k: next((v for d in docs if (v := d.get(k))), None) for k in _FILLED}
        vals["status"] = docs[0].get("status") or "scheduled"
        return _frozen(cls, vals)

    @classmethod
    def from_dict(cls, d: dict) -> OccurrenceFields:
        """From to_dict's form (the public database's feed JSON)."""
        vals = {k: d.get(k) for k in _FILLED}
        vals["status"] = d.get("status") or "scheduled"
        return _frozen(cls, vals)

    def to_dict(self) -> dict[str, str | None]:
        return {k: getattr(self, k) for k in _FIELD_NAMES}


_FIELD_NAMES = tuple(f.name for f in fields(OccurrenceFields))
_FILLED = tuple(k for k in _FIELD_NAMES if k != "status")

# The one list of each CSV's columns (export, query and the public database's tables). An
# occurrence's columns other than its ids and source_urls are OccurrenceFields'.
OCC_COLUMNS = ("occurrence_id", "talk_id", "date", "start", "end", "timezone", "location", "status",
               "institution", "series", "talk_type", "host", "source_urls")
_OCC_FROM_FIELDS = tuple(c for c in OCC_COLUMNS if c not in ("occurrence_id", "talk_id", "source_urls"))
TALK_COLUMNS = ("talk_id", "title", "speakers", "affiliations", "n_occurrences", "first_date",
                "last_date", "dates", "institutions", "abstract", "source_urls")
if not set(_OCC_FROM_FIELDS) <= set(_FIELD_NAMES):  # fails at import, not in a half-written file
    raise AssertionError(f"OCC_COLUMNS names no field: {set(_OCC_FROM_FIELDS) - set(_FIELD_NAMES)}")


def _frozen(cls: type[_T], vals: dict[str, Any]) -> _T:
    """An instance of a frozen dataclass from all its field values: a frozen __init__ sets
    each field through object.__setattr__, which made load_dataset 6 % slower."""
    new = object.__new__(cls)
    new.__dict__.update(vals)
    return new


def speaker_of(d: dict) -> Speaker:
    """A speaker from stored JSON, which was checked when it was stored."""
    return _frozen(Speaker, {"name": d["name"], "affiliation": d.get("affiliation"),
                             "url": d.get("url"), "bio": d.get("bio")})


def speaker_doc(s: Speaker) -> dict[str, str | None]:
    """A speaker's JSON in exports and the public database, keys sorted as the store keeps
    records (store/pages.py): what those files held when speakers were the stored dicts."""
    return {"affiliation": s.affiliation, "bio": s.bio, "name": s.name, "url": s.url}


@dataclass
class Occurrence:
    occurrence_id: str
    talk_id: str
    fields: OccurrenceFields
    speakers: list[Speaker]
    source_urls: list[str]
    records: int
    listed: bool
    sequence: int = 0  # times its date, time or status changed (iCalendar SEQUENCE)

    def row(self) -> dict:
        own = {"occurrence_id": self.occurrence_id, "talk_id": self.talk_id,
               "source_urls": "; ".join(self.source_urls)}
        return {c: own[c] if c in own else getattr(self.fields, c) for c in OCC_COLUMNS}


@dataclass
class MergedTalk:
    talk_id: str
    occurrences: list[Occurrence] = field(default_factory=list)

    def _pick(self, key: str) -> str | None:
        vals = [v for o in self.occurrences if (v := getattr(o.fields, key))]
        if not vals:
            return None
        counts = Counter(vals)
        # the most often seen value; ties go to the most recent occurrence's
        return max(vals[::-1], key=lambda v: counts[v])

    @property
    def speakers(self) -> list[Speaker]:
        best = max(self.occurrences, key=lambda o: (len(o.speakers), o.fields.date or ""))
        return best.speakers

    def row(self) -> dict:
        dates = sorted({d for o in self.occurrences if (d := o.fields.date)})
        urls = sorted({u for o in self.occurrences for u in o.source_urls})
        insts = sorted({i for o in self.occurrences if (i := o.fields.institution)})
        abstracts = [a for o in self.occurrences if (a := o.fields.abstract)]
        sp = self.speakers
        return {
            "talk_id": self.talk_id,
            "title": self._pick("title"),
            "speakers": "; ".join(s.name for s in sp),
            "affiliations": "; ".join(s.affiliation or "" for s in sp),
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
        occ = Occurrence(
            occurrence_id=occ_id, talk_id=talk_of[occ_id], fields=OccurrenceFields.from_docs(docs),
            speakers=_merge_speakers(docs),
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
    return (o.fields.date or "9999", o.fields.start or "", o.occurrence_id)


def _merge_speakers(docs: list[dict]) -> list[Speaker]:
    base = max(docs, key=lambda d: len(d.get("speakers") or []))
    out = [dict(s) for s in base.get("speakers") or []]
    for s in out:
        for d in docs:
            for other in d.get("speakers") or []:
                if other.get("name") == s.get("name"):
                    for k in ("affiliation", "url", "bio"):
                        s[k] = s.get(k) or other.get(k)
    return [speaker_of(s) for s in out]
