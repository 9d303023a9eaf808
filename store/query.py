"""`seminars query` and `seminars explain` over the merged dataset."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from seminars.normalize.match import fold, loose
from seminars.record import Speaker
from seminars.store.dataset import OCC_COLUMNS, MergedTalk, OccurrenceFields, load_dataset

# One row per occurrence: its own columns, and the talk's (title, speakers) for the rest.
QUERY_COLUMNS = ("date", "start", "speakers", "affiliations", "title", "institution", "location",
                 "status", "series", "talk_id", "occurrence_id", "source_urls")
_FROM_OCC = frozenset(QUERY_COLUMNS) & frozenset(OCC_COLUMNS)


def _fold(s: str | None) -> str:
    return fold(s or "")


def _name_hit(loose_needle: str, names: list[str]) -> bool:
    """Part of a name, any spelling of its umlauts: "Schotthöfer" finds "Schotthoefer"
    (the needle comes already through `loose`)."""
    return bool(loose_needle) and any(loose_needle in loose(x) for x in names)


def filter_talks(talks: Iterable[MergedTalk], *, speaker: str | None = None,
                 text: str | None = None, after: str | None = None, before: str | None = None,
                 institution: str | None = None, series: str | None = None) -> list[MergedTalk]:
    """The talks that match, each keeping only its matching occurrences (talks left with none
    are dropped). Speaker and text look at the whole talk; dates, institution and series at
    each occurrence. `query`, `export` and the serve feeds all select with this one function.
    """
    insts = {_fold(i.strip()) for i in institution.split(",") if i.strip()} if institution else None
    series_n = _fold(series).strip() if series else None
    who = loose(speaker) if speaker else None  # the needles are folded once, not per talk
    words = _fold(text) if text else None
    out = []
    for t in talks:
        if who is not None and not _name_hit(who, [s.name for s in t.speakers]):
            continue
        if words is not None:
            trow = t.row()
            if words not in _fold(f"{trow['title']} {trow['abstract']}"):
                continue
        occs = [o for o in t.occurrences if _occurrence_hit(o.fields, after, before, insts, series_n)]
        if len(occs) == len(t.occurrences):
            out.append(t)
        elif occs:
            out.append(TalkView(t.talk_id, occs, whole=t))
    return out


@dataclass
class TalkView(MergedTalk):
    """Some of a talk's occurrences. Dates and counts are the view's; title, speakers and
    abstract stay the whole talk's, so a talk reads the same in every filtered export or feed.
    """

    whole: MergedTalk | None = None

    @property
    def speakers(self) -> list[Speaker]:
        return self.whole.speakers if self.whole else super().speakers

    def row(self) -> dict:
        r = super().row()
        if self.whole:
            w = self.whole.row()
            r.update({k: w[k] for k in ("title", "speakers", "affiliations", "abstract")})
        return r


def _occurrence_hit(f: OccurrenceFields, after: str | None, before: str | None,
                    insts: set[str] | None, series: str | None) -> bool:
    d = f.date
    if after and (not d or d < after):
        return False
    if before and (not d or d > before):
        return False
    if insts is not None and _fold(f.institution) not in insts:
        return False
    # Part of the series name, accents and case ignored: "AI Seminar" finds the ORNL series.
    return not series or series in _fold(f.series)


def run_query(con: sqlite3.Connection, *, speaker=None, text=None, after=None, before=None,
              institution=None, series=None) -> list[dict]:
    rows = []
    for t in filter_talks(load_dataset(con), speaker=speaker, text=text, after=after,
                          before=before, institution=institution, series=series):
        trow = t.row()
        for o in t.occurrences:
            orow = o.row()
            rows.append({c: orow[c] if c in _FROM_OCC else trow[c] for c in QUERY_COLUMNS})
    return rows


def explain_lines(con: sqlite3.Connection, ident: str) -> list[str]:
    col = "talk_id" if ident.startswith("t") else "occurrence_id"
    rows = con.execute(
        f"SELECT a.talk_id, a.occurrence_id, a.score, a.reasons, r.rec_key, r.page_url, r.json, r.listed"
        f" FROM assignments a JOIN records r ON r.id=a.record_id WHERE a.{col}=?"
        " ORDER BY a.occurrence_id, r.page_url",
        (ident,),
    ).fetchall()
    if not rows:
        return []
    import json

    out = [f"{ident}: {len({r['occurrence_id'] for r in rows})} occurrence(s), {len(rows)} record(s)"]
    for r in rows:
        d = json.loads(r["json"])
        who = "; ".join(s["name"] for s in d.get("speakers", []))
        out.append(
            f"  {r['occurrence_id']}  {d.get('date') or 'TBD'}  {who} — {d.get('title') or 'TBD'}"
            f"  [{r['page_url']}]{'' if r['listed'] else ' (no longer listed)'}"
        )
        if r["reasons"]:
            out.append(f"      score {r['score']:.2f}: {r['reasons']}")
        else:
            out.append("      alone: no other record matched it")
    return out
