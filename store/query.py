"""`seminars query` and `seminars explain` over the merged dataset."""

from __future__ import annotations

import sqlite3

from seminars.normalize.match import fold, loose
from seminars.store.dataset import load_dataset

QUERY_COLUMNS = ("date", "start", "speakers", "affiliations", "title", "institution", "location",
                 "status", "series", "talk_id", "occurrence_id", "source_urls")


def _fold(s: str | None) -> str:
    return fold(s or "")


def _name_hit(needle: str, names: list[str]) -> bool:
    """Part of a name, any spelling of its umlauts: "Schotthöfer" finds "Schotthoefer"."""
    n = loose(needle)
    return bool(n) and any(n in loose(x) for x in names)


def run_query(con: sqlite3.Connection, *, speaker=None, text=None, after=None, before=None,
              institution=None) -> list[dict]:
    rows = []
    for t in load_dataset(con):
        trow = t.row()
        names = [s["name"] for s in t.speakers]
        if speaker and not _name_hit(speaker, names):
            continue
        if text and _fold(text) not in _fold(f"{trow['title']} {trow['abstract']}"):
            continue
        for o in t.occurrences:
            f = o.fields
            d = f.get("date")
            if after and (not d or d < after):
                continue
            if before and (not d or d > before):
                continue
            if institution and _fold(f.get("institution")) not in {
                    _fold(i.strip()) for i in institution.split(",")}:
                continue
            rows.append({
                "date": d, "start": f.get("start"), "speakers": trow["speakers"],
                "affiliations": trow["affiliations"], "title": trow["title"],
                "institution": f.get("institution"), "location": f.get("location"),
                "status": f.get("status"), "series": f.get("series"), "talk_id": t.talk_id,
                "occurrence_id": o.occurrence_id, "source_urls": "; ".join(o.source_urls),
            })
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
