"""Alerts in the store: which are new, and which channels still owe a delivery."""

from __future__ import annotations

import json
import sqlite3

from seminars.store.db import transaction

from seminars.alerts import Alert
from seminars.redact import channel_key, redact_text


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


def deliver_pending(con: sqlite3.Connection, channels: list[str]) -> list[str]:
    """Try every owed delivery on a still-configured channel; returns one line per failure.

    A failed delivery stays owed and is tried again next run; a delivered one never again.
    """
    if not channels:
        return []
    from seminars.notify import (  # apprise loads slowly; only a run with channels needs it
        deliver,
        mask_url,
    )

    rows = con.execute(
        "SELECT d.alert_id, d.channel, a.json FROM deliveries d JOIN alerts a ON a.id=d.alert_id"
        " WHERE d.delivered_at IS NULL ORDER BY a.created_at, a.rowid"
    ).fetchall()
    problems = []
    for channel in channels:
        key = channel_key(channel)
        owed = [Alert.from_json_dict(json.loads(r["json"])) for r in rows if r["channel"] == key]
        if not owed:
            continue
        outcomes = deliver(owed, [channel])
        with transaction(con):
            for o in outcomes:
                if o.ok:
                    con.execute(
                        "UPDATE deliveries SET delivered_at=datetime('now'), attempts=attempts+1,"
                        " last_error=NULL WHERE alert_id=? AND channel=?", (o.alert_id, key),
                    )
                else:
                    con.execute(
                        "UPDATE deliveries SET attempts=attempts+1, last_error=? WHERE alert_id=? AND channel=?",
                        (redact_text(o.error or ""), o.alert_id, key),
                    )
        failed = [o for o in outcomes if not o.ok]
        if failed:
            problems.append(
                f"{len(failed)} alert(s) not delivered to {mask_url(channel)} (will retry): {failed[0].error}"
            )
    return problems
