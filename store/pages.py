"""Storing one fetched page: the raw body, its records with history, bio versions, alerts.

Everything for one page happens in one transaction (the caller's). A page that parses to
zero talks when it listed talks before is refused: its stored talks stay listed.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass, field

from seminars.alerts import Alert, make_talk_alert
from seminars.record import Talk
from seminars.store.bios import note_bio, person_key

# Fields whose change makes a new record version (everything but where it was seen).
VERSIONED = ("title", "speakers", "date", "start", "end", "location", "status", "abstract",
             "host", "talk_type", "series")


@dataclass
class PageOutcome:
    url: str
    fetch_id: int | None = None
    talks: int = 0
    new: int = 0
    changed: int = 0
    unlisted: int = 0
    alerts: list[Alert] = field(default_factory=list)
    refused: str | None = None  # why the parse was not applied (the store kept what it knew)


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def save_body(con: sqlite3.Connection, body: bytes) -> str:
    h = body_hash(body)
    con.execute(
        "INSERT OR IGNORE INTO bodies(hash, zbody) VALUES (?, ?)", (h, zlib.compress(body, 6))
    )
    return h


def load_body(con: sqlite3.Connection, h: str) -> bytes:
    row = con.execute("SELECT zbody FROM bodies WHERE hash=?", (h,)).fetchone()
    if row is None:
        raise KeyError(h)
    return zlib.decompress(row[0])


def record_keys(page_url: str, talks: list[Talk]) -> list[str]:
    """Identity of each record on a page: its page and its speakers, never its title.

    Titles start as "TBD" and dates move; who speaks on which page is what stays. The same
    speakers twice on one page are told apart by their order there. A record that carries
    its source's own id (a feed's UID) is keyed on that.
    """
    keys: list[str] = []
    seen: dict[str, int] = {}
    for t in talks:
        if t.uid:
            # A feed names its events itself (UID + RECURRENCE-ID): that outlives any edit.
            keys.append(hashlib.sha1(f"{page_url}\x1fuid:{t.uid}".encode()).hexdigest()[:16])
            continue
        people = sorted(person_key(s.name) for s in t.speakers)
        base = "|".join(people) if people else "title:" + (t.title or "").casefold()
        n = seen.get(base, 0)
        seen[base] = n + 1
        raw = f"{page_url}\x1f{base}\x1f{n}"
        keys.append(hashlib.sha1(raw.encode()).hexdigest()[:16])
    return keys


def _changed_fields(old: dict, new: dict) -> list[str]:
    return [k for k in VERSIONED if old.get(k) != new.get(k)]


def apply_page(
    con: sqlite3.Connection,
    *,
    source: str,
    site: str,
    url: str,
    observed_at: str,
    talks: list[Talk],
    body: bytes | None,
    status: int | None = 200,
    etag: str | None = None,
    last_modified: str | None = None,
    origin: str = "crawl",
    unlist_missing: bool = True,
    fetch_id: int | None = None,
    existing: set[str] | None = None,
) -> PageOutcome:
    """Store one parsed page. Call inside a transaction.

    ``existing``, when given, holds every record key already stored (a bulk import looks
    them up once instead of once per record).
    """
    out = PageOutcome(url=url, talks=len(talks))
    h = save_body(con, body) if body is not None else None
    listed_before = con.execute(
        "SELECT count(*) FROM records WHERE page_url=? AND listed=1", (url,)
    ).fetchone()[0] if unlist_missing else 0
    if fetch_id is None:
        fetch_id = con.execute(
            "INSERT INTO fetches(source, url, site, fetched_at, status, etag, last_modified, body_hash,"
            " n_talks) VALUES (?,?,?,?,?,?,?,?,?)",
            (source, url, site, observed_at, status, etag, last_modified, h, len(talks)),
        ).lastrowid
    out.fetch_id = fetch_id
    if not talks and listed_before:
        out.refused = (
            f"parsed to 0 talks but {listed_before} were listed before (page redesigned?); "
            "kept the stored talks"
        )
        con.execute("UPDATE fetches SET error=? WHERE id=?", (out.refused, out.fetch_id))
        return out
    keys = record_keys(url, talks)
    for key, talk in zip(keys, talks, strict=True):
        _apply_record(con, out, key, talk, site, url, observed_at, origin,
                      known=existing is None or key in existing)
    if not unlist_missing:
        return out
    present = set(keys)
    for row in con.execute(
        "SELECT id, rec_key FROM records WHERE page_url=? AND listed=1", (url,)
    ).fetchall():
        if row["rec_key"] not in present:
            con.execute("UPDATE records SET listed=0 WHERE id=?", (row["id"],))
            out.unlisted += 1
    return out


def _apply_record(con, out: PageOutcome, key: str, talk: Talk, site: str, url: str,
                  observed_at: str, origin: str, known: bool = True) -> None:
    d = talk.to_dict()
    doc = json.dumps(d, ensure_ascii=False, sort_keys=True)
    row = con.execute(
        "SELECT id, json, last_seen FROM records WHERE rec_key=?", (key,)
    ).fetchone() if known else None
    if row is None:
        rid = con.execute(
            "INSERT INTO records(rec_key, page_url, site, json, first_seen, last_seen, listed, origin)"
            " VALUES (?,?,?,?,?,?,1,?)",
            (key, url, site, doc, observed_at, observed_at, origin),
        ).lastrowid
        con.execute(
            "INSERT INTO record_versions(record_id, observed_at, fetch_id, json, changed) VALUES (?,?,?,?,?)",
            (rid, observed_at, out.fetch_id, doc, "*"),
        )
        out.new += 1
    else:
        rid = row["id"]
        old = json.loads(row["json"])
        if _postponed(old, d):
            d["status"] = "postponed"
            doc = json.dumps(d, ensure_ascii=False, sort_keys=True)
        changed = _changed_fields(old, d)
        if changed and observed_at >= row["last_seen"]:
            out.alerts.extend(_talk_alerts(old, d, url, observed_at))
            con.execute(
                "UPDATE records SET json=?, last_seen=?, listed=1 WHERE id=?", (doc, observed_at, rid)
            )
            con.execute(
                "INSERT INTO record_versions(record_id, observed_at, fetch_id, json, changed)"
                " VALUES (?,?,?,?,?)",
                (rid, observed_at, out.fetch_id, doc, ",".join(changed)),
            )
            out.changed += 1
        else:
            con.execute(
                "UPDATE records SET last_seen=max(last_seen, ?), listed=1 WHERE id=?", (observed_at, rid)
            )
    for sp in talk.speakers:
        if sp.bio:
            alert = note_bio(con, sp.name, sp.bio, url, observed_at)
            if alert:
                out.alerts.append(alert)


def _when(d: dict) -> str | None:
    return d.get("start") or d.get("date")


def _moved(old: dict, new: dict) -> bool:
    """A different day, or a different start time; a time appearing where none was is not a move."""
    if old.get("date") and new.get("date") and old["date"] != new["date"]:
        return True
    return bool(old.get("start") and new.get("start") and old["start"] != new["start"])


def _postponed(old: dict, new: dict) -> bool:
    """A talk whose date gave way to "TBD" is postponed, and stays so until it has a date again.

    A page cannot say this by itself: a new row with no date yet is just not scheduled, so it
    takes the stored record's history to tell.
    """
    if new.get("date") or new.get("status") != "scheduled":
        return False
    return bool(old.get("date")) or old.get("status") == "postponed"


def _talk_alerts(old: dict, new: dict, url: str, observed_at: str) -> list[Alert]:
    who = "; ".join(s["name"] for s in new.get("speakers") or old.get("speakers") or []) or "(no speaker)"
    title = new.get("title") or old.get("title")
    alerts = []
    if new.get("status") == "cancelled" and old.get("status") != "cancelled":
        alerts.append(make_talk_alert("cancelled", who, title, url, observed_at, _when(old), None))
    elif new.get("status") == "postponed" and old.get("status") != "postponed":
        alerts.append(make_talk_alert("postponed", who, title, url, observed_at, _when(old), None))
    elif _moved(old, new) and new.get("status") != "cancelled":
        alerts.append(make_talk_alert("moved", who, title, url, observed_at, _when(old), _when(new)))
    return alerts
