"""Passwords in source and notification URLs: used for the fetch, never printed, logged or stored."""

from __future__ import annotations

import base64
import io
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from seminars.redact import (
    RedactingFilter,
    carry_credentials,
    channel_key,
    redact_text,
    redact_url,
)
from seminars.store.db import connect

ROOT = Path(__file__).resolve().parents[1]
CNLS = ROOT / "fixtures" / "cnls"
SECRET = "s3cret"
BASIC = "Basic " + base64.b64encode(f"user:{SECRET}".encode()).decode()
TOKEN = f"{SECRET}-tok"


# ---------------------------------------------------------------- the helper itself


def test_redact_url_drops_userinfo_and_secret_query_values() -> None:
    url = "https://bob:pa55@host.example.org:8443/a/b?id=7&access_token=abc&API-Key=zz#top"
    assert redact_url(url) == "https://host.example.org:8443/a/b?id=7&access_token=***&API-Key=***#top"
    # a page without secrets is left exactly as it was (it is the page's identity in the store)
    plain = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027&x=a%20b"
    assert redact_url(plain) == plain
    # notification URLs keep only a real host name: their path segments are tokens
    assert redact_url("json://user:pw@127.0.0.1:9/hook") == "json://127.0.0.1:9/…"
    assert redact_url("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general") == "slack://***/…"


def test_messages_cut_long_urls_and_redact_every_url_in_them() -> None:
    long = "https://example.org/" + "x" * 500
    line = redact_text(f"source a failed: {long} and http://u:{SECRET}@h.example/p?sig=1 too")
    assert SECRET not in line and "sig=***" in line
    assert len(line) < 300 and "…" in line
    assert max(len(w) for w in line.split()) <= 120


def test_links_get_the_parents_credentials_on_the_same_origin_only() -> None:
    parent = f"http://user:{SECRET}@127.0.0.1:8000/list"
    assert carry_credentials("http://127.0.0.1:8000/t/1", parent) == f"http://user:{SECRET}@127.0.0.1:8000/t/1"
    assert carry_credentials("http://127.0.0.2:8000/t/1", parent) == "http://127.0.0.2:8000/t/1"
    assert carry_credentials("https://127.0.0.1:8000/t/1", parent) == "https://127.0.0.1:8000/t/1"


def test_channel_key_is_stable_distinct_and_secret_free() -> None:
    a, b = f"json://user:{SECRET}@127.0.0.1:9/hook", "json://user:other@127.0.0.1:9/hook"
    assert channel_key(a) == channel_key(a) != channel_key(b)
    assert SECRET not in channel_key(a) and channel_key(a).startswith("json://127.0.0.1:9/")


def test_log_filter_redacts_message_args_and_traceback() -> None:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.addFilter(RedactingFilter())
    log = logging.getLogger("test_secrets.filter")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        log.debug("HTTP Request: %s %s", "GET", f"http://user:{SECRET}@127.0.0.1/x")
        try:
            raise ValueError(f"bad json://user:{SECRET}@127.0.0.1:9/hook")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    out = buf.getvalue()
    assert "HTTP Request: GET http://127.0.0.1/x" in out and "ValueError" in out
    assert SECRET not in out


def test_old_deliveries_rows_are_converted_by_the_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    url = f"json://user:{SECRET}@127.0.0.1:9/hook"
    con = connect(db)
    con.execute("INSERT INTO alerts(id, type, created_at, json) VALUES ('a1', 'bio_changed', 'x', '{}')")
    con.execute("INSERT INTO deliveries(alert_id, channel) VALUES ('a1', ?)", (url,))
    con.execute("PRAGMA user_version=4")  # as a store written before schema 5
    con.close()
    con = connect(db)
    assert [tuple(r) for r in con.execute("SELECT alert_id, channel FROM deliveries")] == [
        ("a1", channel_key(url))
    ]


# ---------------------------------------------------------------- end to end


class AuthSite:
    """Pages behind Basic auth (or a ?token=), and a webhook that fails with 500."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        self.authorized: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                ok = self.headers.get("Authorization") == BASIC or f"token={TOKEN}" in self.path
                body = site.pages.get(self.path)
                if not ok or body is None:
                    self.send_response(401 if not ok else 404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                site.authorized.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def auth_site() -> Iterator[AuthSite]:
    s = AuthSite()
    yield s
    s.server.shutdown()
    s.server.server_close()


def _run(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SEMINARS_DB": str(db), "SEMINARS_DEBUG": "1"}
    return subprocess.run([sys.executable, "-m", "seminars.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_crawl_with_passwords_prints_logs_and_stores_none(auth_site: AuthSite, tmp_path: Path) -> None:
    from seminars.scrapers.registry import get_site

    base = auth_site.base + "/External/"
    listing = (CNLS / "listing.html").read_text().replace("https://cnls.lanl.gov/External/", base)
    auth_site.pages["/External/Seminars.php"] = listing.encode()
    links = get_site("cnls").links(listing, base + "Seminars.php")
    assert len(links) >= 2 and all(link.startswith(base) for link in links)
    talk = (CNLS / "colloquium.html").read_bytes()
    for link in links:
        auth_site.pages[link.removeprefix(auth_site.base)] = talk if link == links[0] else (
            CNLS / "no-host.html").read_bytes()
    token_path = f"/External/showtalksummary.php?selection=77&token={TOKEN}"
    auth_site.pages[token_path] = (CNLS / "is-and-t-seminar-host-label.html").read_bytes()
    secret_base = f"http://user:{SECRET}@127.0.0.1:{auth_site.port}"
    config = tmp_path / "sources.toml"
    config.write_text(
        "[crawl]\nper_host_delay = 0\ntimeout = 3\nretries = 0\n\n"
        f'[[source]]\nurl = "{secret_base}/External/Seminars.php"\nsite = "cnls"\n\n'
        f'[[source]]\nname = "token"\nurl = "{auth_site.base}{token_path}"\nsite = "cnls"\n\n'
        f'[alerts]\nurls = ["json://user:{SECRET}@127.0.0.1:{auth_site.port}/hook",'
        f' "json://user:{SECRET}@127.0.0.1:{_dead_port()}/hook"]\n'
    )
    db = tmp_path / "s.db"
    first = _run(["crawl", "--config", str(config)], db)
    assert first.returncode == 0, first.stderr
    # the credentials were used: the listing's talk pages (behind auth) were all fetched
    assert {p for p in auth_site.authorized} >= {link.removeprefix(auth_site.base) for link in links}
    con = sqlite3.connect(db)
    n_records = con.execute("SELECT count(*) FROM records").fetchone()[0]
    assert {r[0] for r in con.execute("SELECT DISTINCT page_url FROM records")} == {
        *links, f"{auth_site.base}/External/showtalksummary.php?selection=77&token=***"}

    # a changed bio makes an alert, which both channels fail to take
    auth_site.pages[links[0].removeprefix(auth_site.base)] = talk.replace(
        b"is a professor of mathematics", b"is a distinguished professor of mathematics")
    second = _run(["crawl", "--config", str(config)], db)
    assert second.returncode == 0, second.stderr
    assert "Bio changed" in second.stdout and "not delivered" in second.stderr
    assert "HTTP Request" in first.stderr + second.stderr  # httpx's debug lines were there
    others = [_run(args, db) for args in (["alerts", "--all"], ["query", "--format", "json"],
                                          ["export", "--out", str(tmp_path / "out")])]
    assert all(r.returncode == 0 for r in others), [r.stderr for r in others]

    # the same sources map to the same rows on the second run
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == n_records
    channels = [r[0] for r in con.execute("SELECT DISTINCT channel FROM deliveries")]
    assert len(channels) == 2 and all(c.startswith("json://127.0.0.1:") for c in channels)
    assert con.execute("SELECT count(*) FROM deliveries WHERE last_error IS NOT NULL").fetchone()[0] >= 2

    printed = "".join(r.stdout + r.stderr for r in (first, second, *others))
    stored = "\n".join(con.iterdump())
    exported = "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    for where in (printed, stored, exported):
        assert SECRET not in where
        assert BASIC.split()[1] not in where


def test_parse_of_a_live_url_with_a_password_prints_none(auth_site: AuthSite) -> None:
    auth_site.pages["/talk"] = (CNLS / "colloquium.html").read_bytes()
    r = _run(["parse", f"http://user:{SECRET}@127.0.0.1:{auth_site.port}/talk", "--site", "cnls"],
             Path(os.devnull))
    assert r.returncode == 0, r.stderr
    assert auth_site.authorized == ["/talk"]  # fetched with the credentials
    assert f'"source_url": "{auth_site.base}/talk"' in r.stdout
    assert SECRET not in r.stdout + r.stderr
