"""Store faults end in one line naming the fix: read-only, disk full, no lock, not our file."""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from seminars.errors import StoreError
from seminars.store.db import connect, run_lock, transaction
from seminars.store.export import atomic_write

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "fixtures" / "cnls" / "colloquium.html"
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _as_plain_user() -> None:
    """Root ignores file modes; without these two capabilities it obeys them like anyone."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def seminars(*args: str | Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SEMINARS_DEBUG"}
    env["SEMINARS_DB"] = str(db)
    r = subprocess.run([sys.executable, "-m", "seminars.cli", *map(str, args)], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=120, preexec_fn=_as_plain_user)
    assert "Traceback" not in r.stderr, r.stderr
    return r


def _one_line_error(r: subprocess.CompletedProcess[str], *words: str) -> str:
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("seminars: "), r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def filled_store(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "s.db"
    r = seminars("ingest", PAGE, "--site", "cnls", "--url", "https://cnls.lanl.gov/x?selection=1", db=db)
    assert r.returncode == 0, r.stderr
    changed = PAGE.read_bytes().replace(b"is a professor of", b"is a distinguished professor of")
    (tmp_path / "changed.html").write_bytes(changed)
    r = seminars("ingest", tmp_path / "changed.html", "--site", "cnls", "--url",
                 "https://cnls.lanl.gov/x?selection=1", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Bio changed") == 1
    return db


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_store_still_answers_reads(filled_store: Path, tmp_path: Path, what: str) -> None:
    folder = filled_store.parent
    before = _digest(folder)
    (filled_store if what == "file" else folder).chmod(0o444 if what == "file" else 0o555)
    if what == "file":
        for p in folder.iterdir():
            p.chmod(0o444)
    try:
        q = seminars("query", "--format", "json", db=filled_store)
        assert q.returncode == 0, q.stderr
        assert "Charles" in q.stdout
        e = seminars("export", "--out", tmp_path / "elsewhere", db=filled_store)
        assert e.returncode == 0, e.stderr
        assert "Redfield" in (tmp_path / "elsewhere" / "talks.csv").read_text()
        a = seminars("alerts", "--all", db=filled_store)
        assert a.returncode == 0 and "Bio changed" in a.stdout, a.stderr
        new = seminars("alerts", db=filled_store)
        assert new.returncode == 0 and "Bio changed" in new.stdout
        assert "read-only" in new.stderr
        config = tmp_path / "sources.toml"
        config.write_text(f'[[source]]\nurl = "{PAGE.as_uri()}"\nsite = "cnls"\n')
        c = seminars("crawl", "--config", config, db=filled_store)
        _one_line_error(c, "read-only", str(filled_store))
        i = seminars("ingest", PAGE, "--site", "cnls", "--url", "https://x.org/", db=filled_store)
        _one_line_error(i, "read-only")
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.chmod(0o644)
    after = _digest(folder)
    # nothing was written (SQLite may leave an empty -wal/-shm beside a WAL store it read)
    assert after["s.db"] == before["s.db"]
    assert set(after) - {"s.db-wal", "s.db-shm"} == set(before)


def test_unwritable_lock_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        r = seminars("import", os.devnull, db=folder / "new.db")
        _one_line_error(r, "lock file", str(folder))
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_disk_full_is_a_store_error_and_keeps_what_was_stored(tmp_path: Path) -> None:
    con = connect(tmp_path / "s.db")
    with transaction(con):
        con.execute("INSERT INTO meta(key, value) VALUES ('kept', 'yes')")
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count={pages + 2}")  # as good as a full disk
    with pytest.raises(StoreError) as err:
        with transaction(con):
            con.execute("INSERT INTO bodies(hash, zbody) VALUES ('h', ?)", (os.urandom(200_000),))
    message = str(err.value)
    assert "full" in message and str(tmp_path / "s.db") in message and "\n" not in message
    assert con.execute("SELECT value FROM meta WHERE key='kept'").fetchone()[0] == "yes"
    assert con.execute("SELECT count(*) FROM bodies").fetchone()[0] == 0
    con.close()


def test_another_applications_database_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "places.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places(url) VALUES ('https://example.org/')")
    con.commit()
    con.close()
    before = other.read_bytes()
    for args in (["query"], ["import", os.devnull], ["alerts", "--all"]):
        r = seminars(*args, db=other)
        _one_line_error(r, "not a seminars store", "moz_places")
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite", "places.sqlite.lock"]
    with pytest.raises(StoreError, match="not a seminars store"):
        connect(other)


def test_another_application_using_user_version_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "app.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE settings (k TEXT, v TEXT)")
    con.execute("PRAGMA user_version=3")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a seminars store"):
        connect(other)


def test_non_sqlite_file_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("these are my notes, not a database\n" * 200)
    before = junk.read_bytes()
    r = seminars("query", db=junk)
    _one_line_error(r, str(junk), "not")
    assert junk.read_bytes() == before


def test_a_store_is_marked_as_ours(tmp_path: Path) -> None:
    connect(tmp_path / "s.db").close()
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x53454D4E


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_exported_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        atomic_write(tmp_path / "talks.csv", b"a,b\r\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "talks.csv").stat().st_mode) == 0o666 & ~umask


def test_lock_is_still_exclusive(tmp_path: Path) -> None:
    from seminars.errors import LockedError

    with run_lock(tmp_path / "s.db"):
        r = seminars("import", os.devnull, db=tmp_path / "s.db")
        assert r.returncode != 0
    with pytest.raises(LockedError):
        with run_lock(tmp_path / "s.db"), run_lock(tmp_path / "s.db"):
            pass
