"""`seminars crawl` end to end against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli import seminars
from tests.httpserver import (
    FAULT_500,
    FAULT_503_ONCE,
    FAULT_EMPTY,
    FAULT_HANG,
    FAULT_HUGE,
    FAULT_RESET,
)

ROOT = Path(__file__).resolve().parents[1]
CNLS = ROOT / "fixtures" / "cnls"
TALK_PAGES = sorted(p for p in CNLS.glob("*.html") if p.stem != "listing")


def run(args: list[str], db: Path) -> subprocess.CompletedProcess:
    return seminars(*args, db=db)


def write_config(tmp: Path, sources: list[tuple[str, str, str]], **crawl: object) -> Path:
    settings = {"per_host_delay": 0, "timeout": 2, "retries": 1, "backoff": 0.05, **crawl}
    lines = ["[crawl]"] + [f"{k} = {v!r}" for k, v in settings.items()]
    for name, url, site in sources:
        lines += ["", "[[source]]", f'name = "{name}"', f'url = "{url}"', f'site = "{site}"']
    p = tmp / "sources.toml"
    p.write_text("\n".join(lines) + "\n")
    return p


def export_rows(db: Path, out: Path) -> list[dict]:
    r = run(["export", "--out", str(out)], db)
    assert r.returncode == 0, r.stderr
    with (out / "occurrences.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cnls_site(site, pages=TALK_PAGES[:4]) -> list[tuple[str, str, str]]:
    return [(f"{p.stem}-{i}", site.add(f"/External/showtalksummary.php?selection={i}", p.read_bytes()), "cnls")
            for i, p in enumerate(pages)]


def test_crawl_stores_then_recrawl_is_conditional_and_quiet(loopback_site, tmp_path):
    db = tmp_path / "s.db"
    cfg = write_config(tmp_path, cnls_site(loopback_site))
    first = run(["crawl", "--config", str(cfg)], db)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "" and first.stderr == ""  # no TTY: nothing but alerts and errors
    rows = export_rows(db, tmp_path / "out1")
    assert len(rows) == 4
    fetches = sqlite3.connect(db).execute("SELECT count(*) FROM fetches").fetchone()[0]

    before = loopback_site.conditional_requests
    second = run(["crawl", "--config", str(cfg)], db)
    assert second.returncode == 0 and second.stdout == "" and second.stderr == ""
    assert loopback_site.conditional_requests - before == 4
    assert loopback_site.not_modified >= 4
    # answered 304: nothing fetched into the store, nothing re-parsed
    assert sqlite3.connect(db).execute("SELECT count(*) FROM fetches").fetchone()[0] == fetches


@pytest.mark.parametrize(
    "fault,reason",
    [
        (FAULT_500, "500"),
        (FAULT_RESET, "reset"),
        (FAULT_HANG, "timed out"),
        (FAULT_EMPTY, "empty"),
        (FAULT_HUGE, "larger than"),
    ],
)
def test_failing_source_keeps_its_talks_and_says_why_once(loopback_site, tmp_path, fault, reason):
    db = tmp_path / "s.db"
    loopback_site.hang_seconds = 4
    sources = cnls_site(loopback_site, TALK_PAGES[:2])
    cfg = write_config(tmp_path, sources)
    assert run(["crawl", "--config", str(cfg)], db).returncode == 0
    held = export_rows(db, tmp_path / "before")
    # the first source's page now misbehaves; the second is fine
    path = "/External/showtalksummary.php?selection=0"
    loopback_site.pages[path].fault = fault
    loopback_site.pages[path].body = loopback_site.pages[path].body + b" "  # new ETag: no 304
    r = run(["crawl", "--config", str(cfg)], db)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and sources[0][0] in lines[0] and reason in lines[0].lower(), r.stderr
    assert "Traceback" not in r.stderr
    assert export_rows(db, tmp_path / "after") == held
    again = run(["crawl", "--config", str(cfg)], db)
    assert again.returncode == 1 and again.stderr == ""  # the same error state is not repeated


def test_page_that_turned_into_something_else_keeps_talks(loopback_site, tmp_path):
    db = tmp_path / "s.db"
    sources = cnls_site(loopback_site, TALK_PAGES[:1])
    cfg = write_config(tmp_path, sources)
    assert run(["crawl", "--config", str(cfg)], db).returncode == 0
    held = export_rows(db, tmp_path / "before")
    path = "/External/showtalksummary.php?selection=0"
    loopback_site.pages[path].body = b"<html><body><h1>Site redesigned</h1><p>See the new portal.</p></body></html>"
    r = run(["crawl", "--config", str(cfg)], db)
    assert r.returncode == 1 and "0 talks" in r.stderr and "kept" in r.stderr
    assert export_rows(db, tmp_path / "after") == held
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM records WHERE listed=1").fetchone()[0] == 1


def test_retry_after_and_robots(loopback_sites, tmp_path):
    site = loopback_sites("127.0.0.1", robots_disallow=["/private"])
    page = TALK_PAGES[0].read_bytes()
    ok = site.add("/External/showtalksummary.php?selection=1", page, fault=FAULT_503_ONCE)
    blocked = site.add("/private/showtalksummary.php?selection=2", page)
    db = tmp_path / "s.db"
    cfg = write_config(tmp_path, [("busy", ok, "cnls"), ("private", blocked, "cnls")], retries=2)
    t0 = time.monotonic()
    r = run(["crawl", "--config", str(cfg)], db)
    assert r.returncode == 1
    assert "private" in r.stderr and "robots" in r.stderr and "busy" not in r.stderr
    stamps = site.times("/External/showtalksummary.php?selection=1")
    assert len(stamps) == 2 and stamps[1] - stamps[0] >= 1.0 and time.monotonic() - t0 >= 1.0
    assert site.requests["/private/showtalksummary.php?selection=2"] == 0


def test_listing_is_followed(loopback_site, tmp_path):
    from seminars.scrapers.registry import get_site

    base = loopback_site.url("/External/")
    # every link of the listing, relative or absolute, points at the loopback site: no real network
    listing = (CNLS / "listing.html").read_text().replace("https://cnls.lanl.gov/External/", base)
    url = loopback_site.add("/External/Seminars.php", listing)
    links = get_site("cnls").links(listing, url)
    assert len(links) >= 3 and all(link.startswith(base) for link in links)
    for i, link in enumerate(links):
        loopback_site.add(link.removeprefix(loopback_site.url("")), TALK_PAGES[i % len(TALK_PAGES)].read_bytes())
    db = tmp_path / "s.db"
    r = run(["crawl", "--config", str(write_config(tmp_path, [("cnls-seminars", url, "cnls")]))], db)
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(db)
    urls = {row[0] for row in con.execute("SELECT DISTINCT page_url FROM records")}
    assert urls == set(links)


def test_two_crawls_at_once_one_runs_one_exits(loopback_sites, tmp_path):
    site = loopback_sites("127.0.0.1", latency=0.3)
    cfg = write_config(tmp_path, cnls_site(site, TALK_PAGES[:6]))
    db = tmp_path / "s.db"
    env = {**os.environ, "SEMINARS_DB": str(db)}
    cmd = [sys.executable, "-m", "seminars.cli", "crawl", "--config", str(cfg)]
    a = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.8)
    b = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    out_a = a.communicate(timeout=60)
    assert a.returncode == 0, out_a
    assert b.returncode == 0 and "another seminars run" in b.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM records").fetchone()[0] == 6


def test_kill_9_mid_crawl_leaves_a_sound_store(loopback_sites, tmp_path):
    site = loopback_sites("127.0.0.1", latency=0.2)
    pages = [TALK_PAGES[i % len(TALK_PAGES)] for i in range(30)]
    cfg = write_config(tmp_path, cnls_site(site, pages))
    db = tmp_path / "s.db"
    env = {**os.environ, "SEMINARS_DB": str(db)}
    cmd = [sys.executable, "-m", "seminars.cli", "crawl", "--config", str(cfg)]
    p = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while site.total_requests() < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=10)
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    r = run(["crawl", "--config", str(cfg)], db)
    assert r.returncode == 0, r.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM sources WHERE error IS NULL").fetchone()[0] == 30


def test_a_source_timezone_reads_the_printed_times_in_that_zone(loopback_site, tmp_path):
    db = tmp_path / "s.db"
    url = loopback_site.add("/External/showtalksummary.php?selection=1", (CNLS / "colloquium.html").read_bytes())
    cfg = tmp_path / "sources.toml"
    cfg.write_text(f'[[source]]\nname = "c"\nurl = "{url}"\nsite = "cnls"\ntimezone = "America/New_York"\n'
                   "[crawl]\nper_host_delay = 0\n")
    assert run(["crawl", "--config", str(cfg)], db).returncode == 0
    occ = export_rows(db, tmp_path / "out")[0]
    # colloquium.html prints 3:30 PM on 2014-02-12: US Eastern is -05:00 then, Mountain -07:00
    assert occ["timezone"] == "America/New_York" and occ["start"] == "2014-02-12T15:30:00-05:00"
