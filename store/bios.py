"""Speakers and their bio versions: who a name is across sites, and when a bio is news."""

from __future__ import annotations

import sqlite3

from seminars.alerts import Alert, bio_key, make_bio_alert, speaker_key
from seminars.normalize.match import name_key


def person_key(name: str) -> str:
    """One speaker across sites: "Schotthöfer", "Schotthoefer" and "Dr. Steffen Schotthoefer" agree.

    Uses the merge's name parsing; a bare initial stays distinct from a full first name, so
    "J. Smith" is never taken for "John Smith" (two people would share one bio history).
    """
    nk = name_key(name)
    if nk is None or not nk.last:
        return speaker_key(name)
    return f"{nk.first or nk.initial + '.'} {nk.last}"


def speaker_id(con: sqlite3.Connection, name: str) -> int:
    key = person_key(name)
    row = con.execute("SELECT id FROM speakers WHERE key=?", (key,)).fetchone()
    if row:
        return row[0]
    new_id = con.execute("INSERT INTO speakers(key, name) VALUES (?, ?)", (key, name)).lastrowid
    assert new_id is not None  # every INSERT that succeeds sets it
    return new_id


def note_bio(con: sqlite3.Connection, name: str, bio: str, url: str, observed_at: str) -> Alert | None:
    """Record a bio sighting; an alert when this form is new and an earlier one was known."""
    sid = speaker_id(con, name)
    k = bio_key(bio)
    if not k:
        return None
    row = con.execute(
        "SELECT id, sources FROM bio_versions WHERE speaker_id=? AND bio_key=?", (sid, k)
    ).fetchone()
    if row:
        sources = row["sources"].split("\n")
        if url not in sources:
            sources.append(url)
        con.execute(
            "UPDATE bio_versions SET last_seen=max(last_seen, ?), last_source=?, sources=? WHERE id=?",
            (observed_at, url, "\n".join(sources), row["id"]),
        )
        return None
    prev = con.execute(
        "SELECT bio FROM bio_versions WHERE speaker_id=? ORDER BY last_seen DESC, id DESC LIMIT 1",
        (sid,),
    ).fetchone()
    con.execute(
        "INSERT INTO bio_versions(speaker_id, bio_key, bio, first_seen, last_seen, first_source,"
        " last_source, sources) VALUES (?,?,?,?,?,?,?,?)",
        (sid, k, bio, observed_at, observed_at, url, url, url),
    )
    if prev is None:
        return None  # a new speaker's first bio is not a change
    return make_bio_alert(name, prev["bio"], bio, url, observed_at)
