"""A page whose parse takes too long is its source's error, not a stalled run (issue 8, item 5)."""

from __future__ import annotations

import asyncio
import csv
import time
from pathlib import Path

import pytest

from seminars.errors import ParseError
from seminars.parsepool import ParsePool
from tests.cli import seminars_process as seminars  # parse timeouts kill real worker processes

ROOT = Path(__file__).resolve().parents[1]
TALK = (ROOT / "fixtures" / "cnls" / "colloquium.html").read_bytes()


def sleepy(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def spin_in_c() -> None:
    # A backtracking regex: C code that holds the GIL, which no thread-based timeout can stop.
    import re

    re.match(r"(a|aa)+$", "a" * 60 + "b")


def test_a_parse_over_the_limit_is_stopped_and_the_pool_recovers():
    async def go():
        pool = ParsePool(timeout=2.0)
        try:
            t0 = time.monotonic()
            with pytest.raises(ParseError, match="parse_timeout"):
                await pool.run(spin_in_c)
            stopped = time.monotonic() - t0
            # the pool was replaced: the next pages parse normally (a generous limit: a new
            # worker must start and import this module first)
            pool.timeout = 60
            results = await asyncio.gather(pool.run(sleepy, 0.1), pool.run(sleepy, 0.2))
            return stopped, results
        finally:
            pool.close()

    stopped, results = asyncio.run(go())
    assert stopped < 10
    assert results == ["done", "done"]


def test_crawl_reports_a_parse_timeout_and_keeps_the_stored_talks(loopback_site, tmp_path):
    url = loopback_site.add("/External/showtalksummary.php?selection=1", TALK)
    db = tmp_path / "s.db"

    def config(timeout: float) -> Path:
        p = tmp_path / "sources.toml"
        p.write_text(f'[crawl]\nper_host_delay = 0\nparse_timeout = {timeout}\n\n'
                     f'[[source]]\nname = "c"\nurl = "{url}"\nsite = "cnls"\n')
        return p

    assert seminars("crawl", "--config", str(config(30.0)), db=db).returncode == 0
    # the page changes, so it must be parsed again; this time the parse cannot finish in time
    loopback_site.add("/External/showtalksummary.php?selection=1", TALK.replace(b"Colloquium", b"Seminar"))
    t0 = time.monotonic()
    r = seminars("crawl", "--config", str(config(0.000001)), db=db)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [
        "seminars: source c failed: parsing took over 1e-06 s and was stopped ([crawl] parse_timeout)"
    ]
    assert time.monotonic() - t0 < 30
    assert seminars("export", "--out", str(tmp_path / "out"), db=db).returncode == 0
    with (tmp_path / "out" / "occurrences.csv").open(newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 1


def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_killed_crawl_leaves_no_parser_worker_behind(loopback_sites, tmp_path):
    import os
    import signal
    import subprocess
    import sys

    site = loopback_sites("127.0.0.1", latency=0.3)
    lines = ["[crawl]", "per_host_delay = 0", ""]
    for i in range(20):
        url = site.add(f"/External/showtalksummary.php?selection={i}", TALK)
        lines += ["[[source]]", f'name = "s{i}"', f'url = "{url}"', 'site = "cnls"', ""]
    cfg = tmp_path / "sources.toml"
    cfg.write_text("\n".join(lines))
    env = {**os.environ, "SEMINARS_DB": str(tmp_path / "s.db")}
    p = subprocess.Popen([sys.executable, "-m", "seminars.cli", "crawl", "--config", str(cfg)],
                         env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(p.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the crawl started no parser workers"
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]
              for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and Path(f"/proc/{w}/stat").read_text().split()[2] != "Z"]
    assert not alive, f"parser workers outlived the killed crawl: {alive}"
    # and the next run is not locked out
    r = seminars("crawl", "--config", str(cfg), db=tmp_path / "s.db")
    assert r.returncode == 0 and "another seminars run" not in r.stderr, r.stderr


def test_time_waiting_for_a_worker_does_not_count():
    async def go():
        pool = ParsePool(timeout=2.0, workers=1)
        pool.warm()
        try:
            # four 0.8 s parses through one worker: 3.2 s in all, each well within 2 s
            return await asyncio.gather(*(pool.run(sleepy, 0.8) for _ in range(4)))
        finally:
            pool.close()

    assert asyncio.run(go()) == ["done"] * 4


def test_a_timeout_beside_another_parse_leaves_that_parse_a_clean_outcome():
    async def go():
        pool = ParsePool(timeout=3.0, workers=2)
        pool.warm()
        try:
            return await asyncio.gather(pool.run(spin_in_c), pool.run(sleepy, 1.0),
                                        return_exceptions=True)
        finally:
            pool.close()

    stuck, other = asyncio.run(go())
    assert isinstance(stuck, ParseError) and "parse_timeout" in str(stuck)
    # killed with the pool, the other page is parsed again once: done, or a one-line ParseError
    assert other == "done" or isinstance(other, ParseError), repr(other)
