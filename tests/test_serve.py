"""`seminars serve` over HTTP: the real CLI serving a store crawled from the bundled fixtures
(plus the ORNL/LANL seed talk when ../shared/corpus is present), on 127.0.0.1."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.cli import ROOT, seminars
from tests.corpus import CORPUS, needs_corpus

SEED_TITLE = "Efficient Low-Rank Training and Fine-Tuning of Neural Networks"
CNLS_URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027"
ORNL_2026 = "ornl/md/2026/20260129T215433_e6e4b7c.md"
# Planted in the config: a notification URL's password and a source URL's credentials.
ALERT_SECRET = "n0tify-pw-4711"
SOURCE_SECRET = "src-pw-0815"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(tmp: Path) -> Path:
    """Crawl the bundled fixtures with secrets in the config, then add the seed case."""
    db = tmp / "store.db"
    conf = (ROOT / "examples" / "sources.toml").read_text()
    conf = conf.replace('path = "../', f'path = "{ROOT}/').replace(
        "urls = []", f'urls = ["json://alerts:{ALERT_SECRET}@127.0.0.1:9/hook"]')
    conf += (f'\n[[source]]\nname = "private-feed"\nurl = "http://reader:{SOURCE_SECRET}@127.0.0.1:9'
             f'/talks?token={SOURCE_SECRET}"\nsite = "ornl"\ntimezone = "America/New_York"\n')
    (tmp / "sources.toml").write_text(conf)
    r = seminars("crawl", "--config", tmp / "sources.toml", db=db)
    assert r.returncode in (0, 1), r.stderr  # 1: the private feed cannot be reached
    failing = [line for line in r.stderr.splitlines() if " failed: " in line]
    assert all("private-feed" in line for line in failing), r.stderr  # and nothing else
    if CORPUS.is_dir():
        for path, site, url, when in (
            (CORPUS / ORNL_2026, "ornl", "https://ornl.github.io/events/ai-initiative-seminar-2026/",
             "2026-01-29T21:54:33Z"),
            (CORPUS / "seeds" / "lanl-cnls-talk.txt", "cnls", CNLS_URL, "2026-02-01T00:00:00Z"),
        ):
            r = seminars("ingest", path, "--site", site, "--url", url, "--observed-at", when, db=db)
            assert r.returncode == 0, r.stderr
    return db


class Server:
    def __init__(self, db: Path, log: Path, *args: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "SEMINARS_DEBUG"}
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "seminars.cli", "serve", "--db", str(db), "--port",
             str(self.port), *args], cwd=ROOT, env=env, stdout=log.open("wb"),
            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited {self.proc.returncode}: {log.read_text()}")
            try:
                if httpx.get(self.base + "/-/versions.json", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError("serve did not answer within 60 s")

    def get(self, path: str, **kw) -> httpx.Response:
        return httpx.get(self.base + path, timeout=30, **kw)

    def json(self, path: str):
        r = self.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        return r.json()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = build_store(tmp)
    before = sha(db)
    server = Server(db, tmp / "serve.log")
    yield server, db, tmp, before
    server.stop()


def seed_talk(server) -> dict:
    rows = server.json("/seminars/talks.json?_shape=array&_search=" + quote("Schotthöfer"))
    assert len(rows) == 1, rows
    return rows[0]


@needs_corpus
def test_search_finds_the_merged_talk_in_any_spelling(served):
    server, *_ = served
    talk = seed_talk(server)
    assert talk["title"] == SEED_TITLE and talk["n_occurrences"] == 2
    assert talk["institutions"] == "LANL; ORNL"
    for spelling in ("Schotthoefer", "schotthofer", "low-rank fine-tuning"):
        rows = server.json("/seminars/talks.json?_shape=array&_search=" + quote(spelling))
        assert [r["talk_id"] for r in rows] == [talk["talk_id"]], spelling


@needs_corpus
def test_talk_page_shows_occurrences_in_venue_zone_bios_and_merge_reasons(served):
    server, db, *_ = served
    talk = seed_talk(server)
    r = server.get(f"/talk/{talk['talk_id']}")
    assert r.status_code == 200
    html = r.text
    assert html.count('class="occurrence"') == 2
    # 10:00 in Oak Ridge and 14:00 in Los Alamos, as each page printed them
    assert "Thu 22 Jan 2026, 10:00–11:00 EST" in html
    assert "Tue 30 Sep 2025, 14:00–15:00 MDT" in html
    explain = seminars("explain", talk["talk_id"], db=db).stdout
    reason = next(line.strip() for line in explain.splitlines() if "score" in line)
    assert reason.split(": ", 1)[0] in html and "same title" in html
    assert html.count('class="rows-and-columns bio-versions"') == 1
    assert "During his doctoral studies" in html  # the newer of the two bio versions
    assert f"/seminars/occurrences.ics?talk_id={talk['talk_id']}" in html
    assert server.get("/talk/tnosuchtalk").status_code == 404


def test_fresh_clone_serves_the_shared_fixture_talk(served):
    """Without the corpus: the talk the bundled fixtures give at both labs, found by search,
    its page with both occurrences in their venues' time and both versions of the bio."""
    server, *_ = served
    rows = server.json("/seminars/talks.json?_shape=array&_search=brennholt")
    assert [(r["n_occurrences"], r["institutions"]) for r in rows] == [(2, "LANL; ORNL")]
    html = server.get(f"/talk/{rows[0]['talk_id']}").text
    assert html.count('class="occurrence"') == 2
    assert "Thu 12 Feb 2026, 10:00–11:00 EST" in html and "Tue 14 Oct 2025, 14:00–15:00 MDT" in html
    bios = server.json("/seminars/bio_versions.json?_shape=array&speaker=Ilka+Brennholt")
    assert len(bios) == 2 and sum("During her doctoral studies" in b["bio"] for b in bios) == 1


def test_every_talk_row_matches_talks_csv(served, tmp_path):
    server, db, *_ = served
    r = seminars("export", "--out", tmp_path, db=db)
    assert r.returncode == 0, r.stderr
    exported = list(csv.DictReader((tmp_path / "talks.csv").open(encoding="utf-8", newline="")))
    r = server.get("/seminars/talks.csv?_size=max")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    served_rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(served_rows) == len(exported) > 10
    by_id = {row["talk_id"]: row for row in served_rows}
    for row in exported:
        got = by_id[row["talk_id"]]
        assert {k: got[k] for k in row} == row


def test_facets_and_default_order(served):
    server, *_ = served
    data = server.json("/seminars/talks.json")
    facets = {f["name"]: {v["value"]: v["count"] for v in f["results"]}
              for f in data["facet_results"].values()}
    assert set(facets) == {"institution", "series", "year", "status"}
    assert facets["institution"]["ORNL"] > 0 and facets["institution"]["LANL"] > 0
    lanl = server.json("/seminars/talks.json?_shape=array&_size=max&institution__arraycontains=LANL")
    assert len(lanl) == facets["institution"]["LANL"]
    assert all("LANL" in r["institutions"] for r in lanl)
    # upcoming first (soonest first), then the past newest first
    rows = server.json("/seminars/talks.json?_shape=array&_size=max")
    upcoming = [r["next_date"] for r in rows if r["next_date"]]
    assert upcoming == sorted(upcoming) and rows[:len(upcoming)] == [r for r in rows if r["next_date"]]
    past = [r["last_date"] for r in rows[len(upcoming):] if r["last_date"]]
    assert past == sorted(past, reverse=True)
    occ = server.json("/seminars/occurrences.json?_facet=institution&institution=LANL")
    assert occ["filtered_table_rows_count"] == facets["institution"]["LANL"]


def _events(ics: str) -> list[dict]:
    from icalendar import Calendar

    return [dict(uid=str(e["UID"]), seq=int(e["SEQUENCE"]), summary=str(e["SUMMARY"]))
            for e in Calendar.from_ical(ics).walk("VEVENT")]


def test_ics_feed_of_a_filtered_view_matches_export(served, tmp_path):
    server, db, *_ = served
    r = seminars("export", "--out", tmp_path, "--format", "ics", db=db)
    assert r.returncode == 0, r.stderr
    exported = {e["uid"]: e for e in _events((tmp_path / "talks.ics").read_text())}
    page = server.get("/seminars/talks?institution__arraycontains=LANL")
    assert 'href="/seminars/talks.ics?institution__arraycontains=LANL"' in page.text
    r = server.get("/seminars/talks.ics?institution__arraycontains=LANL&_size=2")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    feed = _events(r.text)
    lanl = server.json("/seminars/occurrences.json?_shape=array&_size=max&institution=LANL")
    talk_ids = {o["talk_id"] for o in lanl}
    # the whole filtered view (not the two-row page), every occurrence of those talks
    want = server.json("/seminars/occurrences.json?_shape=array&_size=max")
    want = {f"{o['occurrence_id']}@seminars" for o in want if o["talk_id"] in talk_ids and o["date"]}
    assert {e["uid"] for e in feed} == want
    for e in feed:  # same UID, SEQUENCE and summary as `export --format ics`
        assert e == exported[e["uid"]]


def test_canned_queries(served):
    server, *_ = served
    queries = server.json("/seminars.json")["queries"]
    assert {q["name"] for q in queries} >= {"upcoming", "multi_institution", "speaker_talks",
                                             "bio_changes"}
    multi = server.json("/seminars/multi_institution.json?_shape=array")
    # the fixtures' shared talk (ORNL and LANL) at least
    assert multi and all(";" in r["institutions"] for r in multi)
    if CORPUS.is_dir():
        assert SEED_TITLE in {r["title"] for r in multi}
        mine = server.json("/seminars/speaker_talks.json?_shape=array&speaker=" + quote("Schotthöfer"))
        assert [r["title"] for r in mine] == [SEED_TITLE]
        bios = server.json("/seminars/bio_changes.json?_shape=array&days=100000")
        assert sorted(r["speaker"] for r in bios) == ["Ilka Brennholt", "Steffen Schotthoefer"]
        assert server.json("/seminars/bio_changes.json?_shape=array&days=0") == []
    # SQL in the speaker box is a search term, never SQL
    assert server.json("/seminars/speaker_talks.json?_shape=array&speaker="
                       + quote("x') OR 1=1 --")) == []


def test_nothing_reachable_holds_a_secret(served):
    server, *_ = served
    tables = [r["name"] for r in server.json(
        "/seminars.json?_shape=array&sql=" + quote("select name from sqlite_master where type='table'"))]
    assert "talks" in tables and "deliveries" not in tables and "records" not in tables
    dumped = ""
    for t in tables:
        r = server.get("/seminars.json?_shape=array&sql=" + quote(f'select * from "{t}"'))
        assert r.status_code == 200, (t, r.text[:200])
        dumped += r.text
    assert "private-feed" in dumped  # the source is listed...
    assert ALERT_SECRET not in dumped and SOURCE_SECRET not in dumped  # ...without credentials
    # the store itself is not among the databases served
    assert [d["name"] for d in server.json("/-/databases.json")] == ["seminars"]


@pytest.mark.parametrize("path, status", [
    ("/seminars/talks.json?_size=1000000", 400),
    ("/seminars/talks.json?_size=abc", 400),
    ("/seminars/talks.json?_sort=no_such_column", 500),  # Datasette 0.65 says 500 here
    ("/seminars/talks.json?_facet=no_such_column", 400),
    ("/seminars.json?sql=" + quote("delete from talks"), 400),
    ("/seminars.json?sql=" + quote("drop table talks"), 400),
    ("/seminars.json?sql=" + quote("select * from nowhere"), 400),
    ("/seminars.json?sql=" + quote("attach database 'store.db' as s"), 400),
    ("/seminars.json?sql=" + quote("pragma writable_schema=1"), 400),
    ("/seminars/talks.json?_search=" + quote('") OR 1=1; DROP TABLE talks; --'), 200),
    ("/seminars/talks.json?%ff%fe=%zz", 400),
])
def test_bad_requests_get_datasettes_errors(served, path, status):
    server, *_ = served
    r = server.get(path)
    assert r.status_code == status, r.text[:300]
    if status == 200:
        assert r.json()["rows"] == []  # the SQL was searched for as words, and is nowhere
    else:
        assert r.json()["ok"] is False and r.json()["error"]


def test_server_never_wrote_the_store_and_sees_new_data_live(served):
    server, db, tmp, before = served
    assert sha(db) == before
    log = server.log.read_text()
    assert f"at http://127.0.0.1:{server.port}/" in log and "Traceback" not in log
    # a later import is visible to the running server (read-only connection, not immutable)
    rec = {"title": "Tensor Trains for Kinetic Equations", "institution": "ORNL",
           "speakers": [{"name": "Zoë Quillfeather", "affiliation": "ORNL"}],
           "date": "2026-03-03", "timezone": "America/New_York",
           "source_url": "https://example.org/talks"}
    (tmp / "new.jsonl").write_text(json.dumps(rec) + "\n")
    r = seminars("import", tmp / "new.jsonl", db=db)
    assert r.returncode == 0, r.stderr
    rows = server.json("/seminars/talks.json?_shape=array&_search=Quillfeather")
    assert [r["title"] for r in rows] == [rec["title"]]


def test_serve_bad_usage_is_one_line(tmp_path, served):
    server, db, *_ = served
    r = seminars("serve", "--db", tmp_path / "missing.db")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no store at" in r.stderr
    assert not (tmp_path / "missing.db").exists()
    r = seminars("serve", "--db", db, "--port", str(server.port))
    assert r.returncode == 2 and "in use" in r.stderr and r.stderr.count("\n") == 1
    r = seminars("serve", "--help")
    assert "127.0.0.1" in r.stdout


def test_public_text_strips_credentials():
    from seminars.store.views import public_text

    assert public_text("mailto://me:pw@example.org x https://u:p@h/p?a=1&token=zz&b=2") == (
        "mailto://example.org x https://h/p?a=1&token=***&b=2")
    assert public_text("plain words") == "plain words" and public_text(None) is None


def _public_rows(pub) -> dict:
    """Talks and occurrences in their default (rowid) order; the other tables as sets."""
    rows = {t: pub.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("talks", "occurrences")}
    for t in ("talk_speakers", "speakers", "feed_occurrences"):
        rows[t] = sorted(pub.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
    return rows


def test_refresh_rewrites_only_the_talks_a_merge_or_the_date_touched(tmp_path):
    import sqlite3

    from seminars.store.db import connect
    from seminars.store.views import public_path, refresh

    db = tmp_path / "store.db"
    assert seminars("crawl", "--config", ROOT / "examples" / "sources.toml", db=db).returncode == 0
    pub = sqlite3.connect(public_path(db), isolation_level=None)

    def mark(talk_id: str) -> None:
        pub.execute("UPDATE talks SET abstract = 'MARK' WHERE talk_id = ?", (talk_id,))

    def marked(talk_id: str) -> bool:
        return pub.execute("SELECT abstract FROM talks WHERE talk_id = ?", (talk_id,)
                           ).fetchone()[0] == "MARK"

    # A mark on a talk no change reaches: a rebuild would erase it, a partial refresh keeps it.
    other = pub.execute("SELECT talk_id FROM talks WHERE speakers NOT LIKE '%Brennholt%'"
                        " AND next_date IS NULL LIMIT 1").fetchone()[0]
    mark(other)
    rec = {"title": "Conservative Neural Surrogates for Radiative Transfer on Unstructured Meshes",
           "speakers": [{"name": "Ilka Brennholt", "affiliation": "ORNL"}], "date": "2026-03-05",
           "timezone": "America/New_York", "institution": "ORNL",
           "source_url": "https://example.org/again"}
    (tmp_path / "again.jsonl").write_text(json.dumps(rec) + "\n")
    assert seminars("import", tmp_path / "again.jsonl", db=db).returncode == 0
    row = pub.execute("SELECT n_occurrences, dates FROM talks WHERE speakers = 'Ilka Brennholt'"
                      ).fetchone()
    assert row == (3, "2025-10-14; 2026-02-12; 2026-03-05") and marked(other)

    con = connect(db)
    refresh(con, today="2026-01-01")  # back in time: rebuilt, as more talks are upcoming then
    assert not marked(other)
    other = pub.execute("SELECT talk_id FROM talks WHERE speakers NOT LIKE '%Brennholt%'"
                        " AND next_date IS NULL LIMIT 1").fetchone()[0]
    mark(other)
    # Days pass: the talk's next date moves, then it is past; only that talk is rewritten, and
    # the order is the one a rebuild gives (upcoming soonest first, then past newest first).
    for day, next_date in (("2026-02-13", "2026-03-05"), ("2026-03-06", None)):
        refresh(con, today=day)
        got = _public_rows(pub)
        assert pub.execute("SELECT next_date FROM talks WHERE speakers = 'Ilka Brennholt'"
                           ).fetchone()[0] == next_date
        assert marked(other)
    refresh(con, today="2026-03-06", full=True)
    assert not marked(other)
    rebuilt = _public_rows(pub)
    at = [r[0] for r in got["talks"]].index(other)
    got["talks"][at] = rebuilt["talks"][at]  # the rest equal to the rebuild, order included
    assert got == rebuilt
    mark(other)
    assert seminars("merge", "--full", db=db).returncode == 0
    assert not marked(other)
    pub.close()
    con.close()
