"""CLI paths not covered elsewhere: parse of a live URL, sites, reparse, config errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "fixtures" / "cnls" / "colloquium.html"


sem = seminars


def test_parse_a_live_url_on_loopback(loopback_site):
    url = loopback_site.add("/External/showtalksummary.php?selection=5", PAGE.read_bytes())
    r = sem("parse", url, "--site", "cnls")
    assert r.returncode == 0, r.stderr
    talks = json.loads(r.stdout)
    assert len(talks) == 1 and talks[0]["source_url"] == url and talks[0]["institution"] == "LANL"
    csv_out = sem("parse", url, "--site", "cnls", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("title,speakers,affiliations,date")


def test_parse_unreachable_url_is_one_line():
    r = sem("parse", "http://127.0.0.1:9/nothing")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1


def test_sites_lists_both_parsers():
    out = sem("sites").stdout
    names = [line.split()[0] for line in out.splitlines()]
    assert names == sorted(names) and {"cnls", "ornl", "ical", "indico"} <= set(names)


def test_reparse_rebuilds_records_from_stored_pages(tmp_path):
    db = tmp_path / "s.db"
    url = "https://cnls.lanl.gov/External/showtalksummary.php?selection=5"
    assert sem("ingest", str(PAGE), "--site", "cnls", "--url", url, db=db).returncode == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE records SET json = json_set(json, '$.title', 'stale')")
    con.commit()
    r = sem("reparse", db=db)
    assert r.returncode == 0, r.stderr
    title = json.loads(con.execute("SELECT json FROM records").fetchone()[0])["title"]
    assert title.startswith("Turbulence, Intermittency")


def test_config_errors_are_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    for text, needle in [
        ("[[source]]\nname = 'x'\n", "url"),
        ("[[source]\n", "invalid TOML"),
        ("[crawl]\nper_host_delay = 'slow'\n[[source]]\nurl = 'file:///x'\n", "per_host_delay"),
        ("[[source]]\nurl = 'file:///x'\ntimezone = 'Mars/Olympus'\n", "time zone"),
    ]:
        bad.write_text(text)
        r = sem("crawl", "--config", str(bad), db=tmp_path / "s.db")
        assert r.returncode == 2 and needle in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = sem("crawl", "--config", str(tmp_path / "missing.toml"), db=tmp_path / "s.db")
    assert r.returncode == 2 and "no such config file" in r.stderr


def test_a_newer_store_is_refused_not_touched(tmp_path):
    db = tmp_path / "s.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    r = sem("query", db=db)
    assert r.returncode == 1 and "newer" in r.stderr


def test_export_to_an_unwritable_place_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = sem("export", "--out", str(blocker / "out"), db=tmp_path / "s.db")
    assert r.returncode == 1 and r.stderr.startswith("seminars: error: cannot write to")


def test_db_option_before_or_after_the_command(tmp_path):
    url = "https://cnls.lanl.gov/External/showtalksummary.php?selection=5"
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert sem("--db", str(first), "ingest", str(PAGE), "--site", "cnls", "--url", url).returncode == 0
    assert sem("ingest", str(PAGE), "--site", "cnls", "--url", url, "--db", str(second)).returncode == 0
    for db in (first, second):
        rows = json.loads(sem("query", "--format", "json", "--db", str(db)).stdout)
        assert len(rows) == 1 and rows[0]["institution"] == "LANL"


def test_parse_webcal_url_is_fetched_over_https_not_read_as_a_file():
    r = seminars("parse", "webcal://127.0.0.1:9/feed.ics")
    assert r.returncode == 1
    assert "https://127.0.0.1:9/feed.ics" in r.stderr and "no such file" not in r.stderr, r.stderr


def test_export_while_a_crawl_holds_the_lock_exports_as_last_merged(tmp_path):
    from seminars.store.db import run_lock

    db = tmp_path / "s.db"
    page = Path(__file__).resolve().parents[1] / "fixtures" / "cnls" / "colloquium.html"
    url = "https://cnls.lanl.gov/External/showtalksummary.php?selection=1"
    assert seminars("ingest", str(page), "--site", "cnls", "--url", url, db=db).returncode == 0
    with run_lock(db):  # a crawl in progress
        r = seminars("export", "--out", str(tmp_path / "out"), db=db)
        locked_ingest = seminars("ingest", str(page), "--site", "cnls", "--url", url, db=db)
    assert r.returncode == 0 and "exported the talks as last merged" in r.stderr, r.stderr
    assert (tmp_path / "out" / "talks.csv").read_text(encoding="utf-8").count("\n") == 2
    assert locked_ingest.returncode == 1 and "another seminars run holds" in locked_ingest.stderr


def test_ingest_with_an_unknown_site_is_bad_usage(tmp_path):
    page = Path(__file__).resolve().parents[1] / "fixtures" / "cnls" / "colloquium.html"
    r = seminars("ingest", str(page), "--site", "nosuch", "--url", "https://x/y", db=tmp_path / "s.db")
    assert r.returncode == 2 and "unknown site 'nosuch'" in r.stderr
    assert not (tmp_path / "s.db").exists()  # refused before the store was touched
