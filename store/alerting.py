"""Alerts in the store: which are new, and which channels still owe a delivery."""

from __future__ import annotations

import json
import sqlite3

from seminars.alerts import Alert
from seminars.redact import channel_key, redact_text
from seminars.store.db import transaction


def save_alerts(con: sqlite3.Connection, alerts: list[Alert], created_at: str) -> list[Alert]:
    """Keep alerts not raised before (by id); returns the new ones."""
    fresh = []
    for a in alerts:
        cur = con.execute(
            "INSERT OR IGNORE INTO alerts(id, type, created_at, json) VALUES (?,?,?,?)",
            (a.id, a.type, created_at, json.dumps(a.to_json_dict(), ensure_ascii=False)),
        )
        if cur.rowcount:
            fresh.append(a)
    return fresh


def load_alerts(con: sqlite3.Connection, *, only_new: bool) -> list[Alert]:
    sql = "SELECT json FROM alerts" + (" WHERE shown=0" if only_new else "") + " ORDER BY created_at, rowid"
    return [Alert.from_json_dict(json.loads(r[0])) for r in con.execute(sql)]


def mark_shown(con: sqlite3.Connection, ids: list[str]) -> None:
    if ids:
        with transaction(con):
            con.executemany("UPDATE alerts SET shown=1 WHERE id=?", [(i,) for i in ids])


def queue_deliveries(con: sqlite3.Connection, alerts: list[Alert], channels: list[str]) -> None:
    """Each new alert is owed once to each channel configured when it was raised.

    The store names a channel by channel_key(url), never by its URL: the URL holds secrets.
    """
    if not alerts or not channels:
        return
    keys = [channel_key(c) for c in channels]
    with transaction(con):
        con.executemany(
            "INSERT OR IGNORE INTO deliveries(alert_id, channel) VALUES (?, ?)",
            [(a.id, k) for a in alerts for k in keys],
        )


def owed_alerts(con: sqlite3.Connection, channel: str) -> list[Alert]:
    """The alerts still owed to ``channel`` (its URL), oldest first."""
    rows = con.execute(
        "SELECT a.json FROM deliveries d JOIN alerts a ON a.id=d.alert_id"
        " WHERE d.delivered_at IS NULL AND d.channel=? ORDER BY a.created_at, a.rowid",
        (channel_key(channel),),
    ).fetchall()
    return [Alert.from_json_dict(json.loads(r["json"])) for r in rows]


def record_deliveries(con: sqlite3.Connection, channel: str,
                      outcomes: list[tuple[str, str | None]]) -> None:
    """Note each (alert id, error or None) attempt on ``channel``: a delivered alert is never
    sent there again; a failed one stays owed, its error kept without secrets."""
    key = channel_key(channel)
    with transaction(con):
        for alert_id, error in outcomes:
            if error is None:
                con.execute(
                    "UPDATE deliveries SET delivered_at=datetime('now'), attempts=attempts+1,"
                    " last_error=NULL WHERE alert_id=? AND channel=?", (alert_id, key),
                )
            else:
                con.execute(
                    "UPDATE deliveries SET attempts=attempts+1, last_error=? WHERE alert_id=? AND channel=?",
                    (redact_text(error), alert_id, key),
                )
