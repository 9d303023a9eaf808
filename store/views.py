"""The public database `seminars serve` shows: what a person understands, nothing secret.

A separate SQLite file next to the store (``seminars.db`` -> ``seminars.public.db``), rebuilt
from the merged dataset after every merge. Datasette runs any read-only SQL a visitor types,
hidden tables included, so "hidden" is not "private": serving the store itself would expose
notification URLs (deliveries.channel), raw pages and every internal table. This file holds
only the tables below, and every URL or error text copied into it loses its credentials.

It is derived data, so it is not part of the store's migrations: its layout changes by
bumping LAYOUT, and the next refresh rebuilds it. It is written in WAL mode in one
transaction, so a running server (a read-only connection) sees the old or the new dataset,
never half of one, and never blocks the writer.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import overload

from seminars.bulk import no_cyclic_gc
from seminars.store.bios import person_key
from seminars.store.dataset import OCC_COLUMNS, TALK_COLUMNS, load_dataset, speaker_doc
from seminars.store.db import select_in as _in

LAYOUT = "2"

_TALK_EXTRA = ("institution", "series", "year", "status", "next_date")
_OCC_EXTRA = ("title", "speakers", "year")

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
-- rowid order is the default order: upcoming talks first (soonest first), then past ones
-- (newest first), then undated ones.
CREATE TABLE talks ({", ".join(TALK_COLUMNS)}, {", ".join(_TALK_EXTRA)});
CREATE UNIQUE INDEX talks_id ON talks(talk_id);
CREATE INDEX talks_first_date ON talks(first_date);
CREATE INDEX talks_last_date ON talks(last_date);
CREATE VIRTUAL TABLE talks_fts USING fts5(title, speakers, affiliations, abstract, spellings,
    tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE occurrences ({", ".join(f'"{c}"' for c in OCC_COLUMNS)}, {", ".join(_OCC_EXTRA)});
CREATE UNIQUE INDEX occurrences_id ON occurrences(occurrence_id);
CREATE INDEX occurrences_talk ON occurrences(talk_id);
CREATE INDEX occurrences_date ON occurrences(date);
CREATE INDEX occurrences_institution ON occurrences(institution);
CREATE INDEX occurrences_series ON occurrences(series);
CREATE INDEX occurrences_year ON occurrences(year);
CREATE INDEX occurrences_status ON occurrences(status);
CREATE TABLE speakers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, n_talks INTEGER,
    n_bio_versions INTEGER, latest_bio TEXT, bio_last_seen TEXT);
CREATE INDEX speakers_name ON speakers(name);
CREATE TABLE bio_versions (id INTEGER PRIMARY KEY,
    speaker_id INTEGER REFERENCES speakers(id), speaker TEXT, bio TEXT, first_seen TEXT,
    last_seen TEXT, first_source TEXT, last_source TEXT, sources TEXT);
CREATE INDEX bio_versions_speaker ON bio_versions(speaker_id);
CREATE TABLE talk_speakers (talk_id TEXT NOT NULL, position INTEGER NOT NULL,
    speaker_id INTEGER REFERENCES speakers(id), name TEXT, affiliation TEXT, url TEXT);
CREATE INDEX talk_speakers_talk ON talk_speakers(talk_id);
CREATE INDEX talk_speakers_speaker ON talk_speakers(speaker_id);
-- The speaker id given to a name the store has no bio for, kept so that it stays the same.
CREATE TABLE speaker_keys (key TEXT PRIMARY KEY, id INTEGER NOT NULL);
CREATE INDEX talks_next_date ON talks(next_date);
CREATE TABLE alerts (id TEXT PRIMARY KEY, type TEXT, created_at TEXT, speaker TEXT,
    talk_title TEXT, source_url TEXT, observed_at TEXT, old_bio TEXT, new_bio TEXT, diff TEXT,
    old TEXT, new TEXT);
CREATE INDEX alerts_created ON alerts(created_at);
CREATE TABLE sources (name TEXT PRIMARY KEY, url TEXT, site TEXT, state TEXT, last_fetch TEXT,
    last_status INTEGER, last_talks INTEGER, last_ok_at TEXT, error TEXT, error_since TEXT);
-- What an .ics feed needs to rebuild an occurrence exactly as `export --format ics` does.
CREATE TABLE feed_occurrences (occurrence_id TEXT PRIMARY KEY, talk_id TEXT NOT NULL,
    doc TEXT NOT NULL);
CREATE INDEX feed_occurrences_talk ON feed_occurrences(talk_id);
"""

_TABLES = ("meta", "talks", "talks_fts", "occurrences", "speakers", "bio_versions",
           "talk_speakers", "alerts", "sources", "feed_occurrences", "speaker_keys")

_USERINFO = re.compile(r"\b([a-z][a-z0-9+.-]*://)[^/\s@]*@", re.I)
_SECRET_PARAM = re.compile(
    r"([?&](?:[a-z_]*token|key|api_key|apikey|secret|password|passwd|pass|pwd|auth|sig|signature"
    r"|access_token|client_secret)=)[^&#\s]*", re.I)
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_SPELLED = re.compile(r"(?<=[a-z])(ae|oe|ue)", re.I)


@overload
def public_text(s: str) -> str: ...


@overload
def public_text(s: None) -> None: ...


def public_text(s: str | None) -> str | None:
    """Text with the credentials of any URL in it removed (user:pass@, token=... values)."""
    if not s or ("://" not in s and "=" not in s):
        return s
    return _SECRET_PARAM.sub(r"\1***", _USERINFO.sub(r"\1", s))


def public_path(store_path: Path | str) -> Path:
    p = Path(store_path)
    return p.with_name(p.stem + ".public.db")


def store_path_of(con: sqlite3.Connection) -> Path:
    row = next(r for r in con.execute("PRAGMA database_list") if r[1] == "main")
    return Path(row[2])


def name_spellings(names: list[str]) -> str:
    """Other spellings a search may use: "Schotthöfer" also as Schotthoefer, "Schotthoefer"
    also as Schotthöfer's dot-less Schotthofer (the tokenizer already drops diacritics)."""
    out = []
    for n in names:
        spelled = n.translate(_UMLAUT)
        out += [spelled, _SPELLED.sub(lambda m: m.group(1)[0], spelled)]
    return " ".join(dict.fromkeys(x for x in out if x not in names))


# A talk's rowid is its place in the default order (upcoming soonest first, then past newest
# first, then undated), so a refresh that rewrites a few talks puts them in place without
# renumbering the rest: rowid = band key * _SLOT + a tie counter.
_SLOT = 1 << 20
_PAST, _UNDATED = 4_000_000, 9_000_000  # date.toordinal() stays under 3,652,060


def _ordinal(d: str) -> int | None:
    try:
        return date.fromisoformat(d).toordinal()
    except ValueError:
        return None


def _order_key(dates: list[str], today: str) -> int:
    upcoming = [d for d in dates if d >= today]
    if upcoming and (o := _ordinal(min(upcoming))):
        return o
    if dates and (o := _ordinal(max(dates))):
        return _PAST + (_PAST - o)
    return _UNDATED


def _arr(values) -> str:
    return json.dumps(sorted({v for v in values if v}), ensure_ascii=False)


def refresh(con: sqlite3.Connection, *, today: str | None = None, talks: set[str] | None = None,
            since: str | None = None, full: bool = False) -> Path:
    """Bring the public database of the store open on ``con`` up to date; returns its path.

    ``talks`` are the talk ids a merge touched and ``since`` the store's merge stamp before
    that merge: when the public database showed exactly that state, only those talks are
    rewritten (plus the ones whose next date has passed since the last refresh). Otherwise,
    with ``full``, or when the layout changed, everything is rebuilt.
    """
    with no_cyclic_gc():
        return _refresh(con, today or date.today().isoformat(), talks, since, full)


def merged_stamp(con: sqlite3.Connection) -> str:
    row = con.execute("SELECT value FROM meta WHERE key='merged_at_generation'").fetchone()
    return row[0] if row else ""


def _refresh(con: sqlite3.Connection, today: str, changed: set[str] | None, since: str | None,
             full: bool) -> Path:
    path = public_path(store_path_of(con))
    out = _open(path)
    try:
        meta = dict(out.execute("SELECT key, value FROM meta").fetchall())
        stamp = merged_stamp(con)
        touched: set[str] | None = None
        if not full and meta.get("layout") == LAYOUT:
            if meta.get("merged_at") == stamp:
                touched = set()
            elif changed is not None and since is not None and meta.get("merged_at") == since:
                touched = set(changed)
        if touched is not None and (meta.get("refreshed_for") or "") > today:
            touched = None  # the clock went back: what counts as upcoming grew
        if touched is not None and meta.get("refreshed_for") != today:
            # talks whose next date is now past move from the upcoming to the past band
            touched |= {r[0] for r in out.execute(
                "SELECT talk_id FROM talks WHERE next_date < ?", (today,))}
        _write(con, out, today, touched, stamp)
    finally:
        out.close()
    return path


def _write(con: sqlite3.Connection, out: sqlite3.Connection, today: str,
           touched: set[str] | None, stamp: str) -> None:
    """Rewrite ``touched`` talks (None: all) and every small table, in one transaction."""
    talks = load_dataset(con, touched)
    # a name the store holds no bio for keeps the id it was first given, rebuilds included
    speaker_ids = dict(out.execute("SELECT key, id FROM speaker_keys").fetchall())
    speaker_ids.update({r[1]: r[0] for r in con.execute("SELECT id, key FROM speakers")})
    next_id = max(speaker_ids.values(), default=0) + 1
    talk_rows, fts_rows, occ_rows, feed_rows, ts_rows = [], [], [], [], []
    new_keys: dict[str, int] = {}
    out.execute("BEGIN IMMEDIATE")
    try:
        if touched is None:
            for table in _TABLES:
                out.execute(f"DELETE FROM {table}")
        else:
            ids = sorted(touched)
            _in(out, "DELETE FROM talks_fts WHERE rowid IN"
                     " (SELECT rowid FROM talks WHERE talk_id IN ({}))", ids)
            for table in ("talks", "occurrences", "feed_occurrences", "talk_speakers"):
                _in(out, f"DELETE FROM {table} WHERE talk_id IN ({{}})", ids)
            for table in ("speakers", "bio_versions", "alerts", "sources", "meta"):
                out.execute(f"DELETE FROM {table}")
        used: dict[tuple[str, int], int] = {}  # (table, band key) -> last tie counter used

        def place(table: str, key: int) -> int:
            if (table, key) not in used:
                last = out.execute(f"SELECT max(rowid) FROM {table} WHERE rowid BETWEEN ? AND ?",
                                   (key * _SLOT, key * _SLOT + _SLOT - 1)).fetchone()[0]
                used[table, key] = (last - key * _SLOT) if last is not None else -1
            used[table, key] += 1
            return key * _SLOT + used[table, key]

        order = sorted(((_order_key([d for o in t.occurrences if (d := o.fields.date)], today),
                         t.talk_id, t)
                        for t in talks), key=lambda x: x[:2])
        occ_order = []
        for key, _, t in order:
            rowid = place("talks", key)
            row = t.row()
            row["source_urls"] = public_text(row["source_urls"])
            occs = t.occurrences
            upcoming = [d for o in occs if (d := o.fields.date or "") >= today]
            talk_rows.append((rowid, *(row[c] for c in TALK_COLUMNS),
                              _arr(o.fields.institution for o in occs),
                              _arr(o.fields.series for o in occs),
                              _arr((o.fields.date or "")[:4] for o in occs),
                              _arr(o.fields.status for o in occs),
                              min(upcoming) if upcoming else None))
            names = [s.name for s in t.speakers]
            fts_rows.append((rowid, row["title"], row["speakers"], row["affiliations"],
                             row["abstract"], name_spellings(names)))
            for pos, s in enumerate(t.speakers):
                key_ = person_key(s.name)
                sid = speaker_ids.get(key_)
                if sid is None:
                    sid = speaker_ids[key_] = new_keys[key_] = next_id
                    next_id += 1
                ts_rows.append((t.talk_id, pos, sid, s.name, s.affiliation, public_text(s.url)))
            for o in occs:
                orow = o.row()
                orow["source_urls"] = public_text(orow["source_urls"])
                occ_order.append((_order_key([orow["date"]] if orow["date"] else [], today),
                                  orow["occurrence_id"], (*(orow[c] for c in OCC_COLUMNS),
                                  row["title"], row["speakers"], orow["date"][:4] if orow["date"] else None)))
                feed_rows.append((o.occurrence_id, t.talk_id, json.dumps({
                    "fields": o.fields.to_dict(), "speakers": [speaker_doc(s) for s in o.speakers],
                    "source_urls": [public_text(u) for u in o.source_urls], "sequence": o.sequence,
                }, ensure_ascii=False)))
        occ_rows = [(place("occurrences", k), *r) for k, _, r in sorted(occ_order, key=lambda x: x[:2])]
        out.executemany(f"INSERT INTO talks(rowid, {', '.join(TALK_COLUMNS + _TALK_EXTRA)})"
                        f" VALUES ({','.join('?' * (len(TALK_COLUMNS) + len(_TALK_EXTRA) + 1))})",
                        talk_rows)
        out.executemany("INSERT INTO talks_fts(rowid, title, speakers, affiliations, abstract,"
                        " spellings) VALUES (?,?,?,?,?,?)", fts_rows)
        n_occ = len(OCC_COLUMNS) + len(_OCC_EXTRA)
        cols = ", ".join([*(f'"{c}"' for c in OCC_COLUMNS), *_OCC_EXTRA])
        out.executemany(f"INSERT INTO occurrences(rowid, {cols}) VALUES ({','.join('?' * (n_occ + 1))})",
                        occ_rows)
        out.executemany("INSERT INTO feed_occurrences VALUES (?,?,?)", feed_rows)
        out.executemany("INSERT INTO talk_speakers VALUES (?,?,?,?,?,?)", ts_rows)
        out.executemany("INSERT OR REPLACE INTO speaker_keys VALUES (?,?)", (
            speaker_ids.items() if touched is None else new_keys.items()))
        _write_speakers(con, out)
        out.executemany("INSERT INTO alerts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", _alerts(con))
        out.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?)", _sources(con))
        out.executemany("INSERT INTO meta VALUES (?, ?)",
                        [("layout", LAYOUT), ("refreshed_for", today), ("merged_at", stamp),
                         ("store_generation", _generation(con))])
        out.execute("COMMIT")
    except BaseException:
        if out.in_transaction:
            out.execute("ROLLBACK")
        raise


def _write_speakers(con: sqlite3.Connection, out: sqlite3.Connection) -> None:
    """speakers and bio_versions: small next to the talks, so rewritten every time."""
    bio_rows, bio_count, latest = _bios(con)
    shown = {sid: (name, n) for sid, name, n in out.execute(
        "SELECT speaker_id, min(name), count(DISTINCT talk_id) FROM talk_speakers"
        " GROUP BY speaker_id")}
    speaker_rows = []
    for sid in sorted(set(shown) | set(bio_count)):
        name = shown[sid][0] if sid in shown else latest[sid][2]
        bio, seen = (latest[sid][0], latest[sid][1]) if sid in latest else (None, None)
        speaker_rows.append((sid, name, shown.get(sid, (None, 0))[1], bio_count.get(sid, 0),
                             bio, seen))
    out.executemany("INSERT INTO speakers VALUES (?,?,?,?,?,?)", speaker_rows)
    out.executemany("INSERT INTO bio_versions VALUES (?,?,?,?,?,?,?,?,?)",
                    [(*r[:2], shown[r[1]][0] if r[1] in shown else latest[r[1]][2], *r[2:])
                     for r in bio_rows])


def _generation(con: sqlite3.Connection) -> str:
    """Changes whenever anything the public database shows may have changed."""
    parts = [con.execute(q).fetchone()[0] for q in (
        "SELECT value FROM meta WHERE key='merged_at_generation'",
        "SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM alerts",
        "SELECT coalesce(max(id), 0) FROM fetches",
        "SELECT coalesce(max(last_seen), '') || count(*) FROM bio_versions",
    )]
    return "|".join(str(p) for p in parts)


def is_current(con: sqlite3.Connection, *, today: str | None = None) -> bool:
    """Whether the public database already shows this store as of today."""
    path = public_path(store_path_of(con))
    if not path.exists():
        return False
    try:
        pub = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            meta = dict(pub.execute("SELECT key, value FROM meta").fetchall())
        finally:
            pub.close()
    except sqlite3.Error:
        return False
    return (meta.get("layout") == LAYOUT and meta.get("refreshed_for") == (today or date.today().isoformat())
            and meta.get("store_generation") == _generation(con))


def _open(path: Path) -> sqlite3.Connection:
    out = sqlite3.connect(path, timeout=30, isolation_level=None)
    out.execute("PRAGMA journal_mode=WAL")
    out.execute("PRAGMA synchronous=NORMAL")
    try:
        layout = out.execute("SELECT value FROM meta WHERE key='layout'").fetchone()
    except sqlite3.OperationalError:
        layout = None
    if layout is None or layout[0] != LAYOUT:
        # An older layout (or a foreign file): start over. Virtual tables first, as they own
        # their shadow tables.
        out.execute("BEGIN IMMEDIATE")
        for virtual in (True, False):
            for (name,) in out.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND (sql LIKE 'CREATE VIRTUAL%') = ?", (virtual,)).fetchall():
                out.execute(f'DROP TABLE IF EXISTS "{name}"')
        for stmt in _split(SCHEMA):
            out.execute(stmt)
        out.execute("COMMIT")
    return out


def _split(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines():
        if line.lstrip().startswith("--"):
            continue
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            out.append(buf)
            buf = ""
    return out


def _bios(con: sqlite3.Connection):
    rows: list[tuple] = []
    count: defaultdict[int, int] = defaultdict(int)  # versions per speaker id
    latest: dict[int, tuple] = {}
    for r in con.execute(
        "SELECT b.id, b.speaker_id, b.bio, b.first_seen, b.last_seen, b.first_source,"
        " b.last_source, b.sources, s.name FROM bio_versions b JOIN speakers s ON s.id = b.speaker_id"
        " ORDER BY b.speaker_id, b.first_seen, b.id"
    ):
        rows.append((r[0], r[1], r[2], r[3], r[4], public_text(r[5]), public_text(r[6]),
                     public_text("; ".join(r[7].split("\n")))))
        count[r[1]] += 1
        if r[1] not in latest or r[4] >= latest[r[1]][1]:
            latest[r[1]] = (r[2], r[4], r[8])
    return rows, count, latest


def _alerts(con: sqlite3.Connection) -> list[tuple]:
    out = []
    for aid, typ, created, doc in con.execute("SELECT id, type, created_at, json FROM alerts"):
        d = json.loads(doc)
        out.append((aid, typ, created, d.get("speaker"), d.get("talk_title"),
                    public_text(d.get("source_url")), d.get("observed_at"), d.get("old_bio"),
                    d.get("new_bio"), d.get("diff"), d.get("old"), d.get("new")))
    return out


def _sources(con: sqlite3.Connection) -> list[tuple]:
    last = {r[0]: r[1:] for r in con.execute(
        "SELECT source, fetched_at, status, n_talks FROM fetches"
        " WHERE id IN (SELECT max(id) FROM fetches GROUP BY source)")}
    out = []
    for r in con.execute("SELECT name, url, site, last_ok_at, error, error_since FROM sources"
                         " ORDER BY name"):
        fetched, status, n = last.get(r[0], (None, None, None))
        state = "failing" if r[4] else ("ok" if r[3] else "never fetched")
        out.append((r[0], public_text(r[1]), r[2], state, fetched, status, n, r[3],
                    public_text(r[4]), r[5]))
    return out
