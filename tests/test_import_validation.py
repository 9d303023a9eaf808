"""Issue 8 item 6: every imported record is checked against the contract before anything is
written, and a bad row already in a store (from an older version) never breaks it."""

from __future__ import annotations

import json
import sqlite3
import tracemalloc

import pytest

from seminars.errors import UsageError
from seminars.store.db import connect
from seminars.store.imports import MAX_LINE_BYTES, read_jsonl
from seminars.validate import MAX_FIELD_CHARS, MAX_RECORD_CHARS, ValidationError, validate_record
from tests.cli import ROOT, seminars


def record(**kw) -> dict:
    base = {"title": "Sparse grids for kinetic equations",
            "speakers": [{"name": "Ann Lee", "affiliation": "ORNL", "url": None, "bio": None}],
            "date": "2026-05-01", "start": "2026-05-01T10:00:00-04:00",
            "end": "2026-05-01T11:00:00-04:00", "timezone": "America/New_York", "location": None,
            "status": "scheduled", "abstract": None, "host": None, "talk_type": None, "series": None,
            "institution": "ORNL", "source_url": "https://example.org/a"}
    base.update(kw)
    return base


def lines(*docs) -> str:
    return "".join((d if isinstance(d, str) else json.dumps(d)) + "\n" for d in docs)


def n_records(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM records").fetchone()[0]
    except sqlite3.OperationalError:  # no store was even created
        return 0
    finally:
        con.close()


# ------------------------------------------------------------------ the validator

BAD = [
    (record(date=20260501), "field 'date': expected \"YYYY-MM-DD\", got 20260501"),
    (record(date="2026-02-30", start=None, end=None), "field 'date': no such day: \"2026-02-30\""),
    (record(date="1/5/2026", start=None, end=None), "field 'date': expected \"YYYY-MM-DD\""),
    (record(start="2026-05-01T10:00:00"), "field 'start': expected ISO 8601"),  # no offset
    (record(start="2026-05-01", end=None), "field 'start': expected ISO 8601"),  # no time
    (record(start="2026-05-01T10-04:00", end=None), "field 'start'"),  # no minutes
    (record(start="2026-05-01T25:00:00-04:00", end=None), "field 'start': no such date or time"),
    (record(end="2026-05-01T09:00:00-04:00"), "field 'end': 2026-05-01T09:00:00-04:00 is before start"),
    (record(start=None), "field 'end': given without a start"),
    (record(date="2026-05-02"), "field 'date': 2026-05-02 is not the day of start"),
    (record(date=None), "field 'date': null, but start is"),
    (record(timezone="Mars/Olympus"), "field 'timezone': not an IANA time zone"),
    (record(timezone="America"), "field 'timezone': not an IANA time zone"),
    (record(timezone="../../etc/passwd"), "field 'timezone': not an IANA time zone"),
    (record(status="maybe"), "field 'status': expected one of scheduled, cancelled, postponed"),
    (record(institution=""), "field 'institution': empty"),
    (record(institution=None), "field 'institution': expected a string, got null"),
    (record(source_url=5), "field 'source_url': expected a string, got 5"),
    (record(title=3), "field 'title': expected a string or null, got 3"),
    (record(title=["a"]), "field 'title'"),
    (record(speakers="Ann Lee"), "field 'speakers': expected a list"),
    (record(speakers=["Ann Lee"]), "field 'speakers[0]': expected an object"),
    (record(speakers=[{"name": "  "}]), "field 'speakers[0].name': empty"),
    (record(speakers=[{"affiliation": "ORNL"}]), "field 'speakers[0].name': missing"),
    (record(speakers=[{"name": "A B", "bio": 7}]), "field 'speakers[0].bio': expected a string or null"),
    (record(speakers=[{"name": "A B", "email": "a@b"}]), "field 'speakers[0].email': not a speaker field"),
    (record(room="B-1"), "field 'room': not a field of the talk record"),
    (record(abstract="before\x00after"), "field 'abstract': control character U+0000 at position 6"),
    (record(location="Room\x1b[31m 1"), "field 'location': control character U+001B"),
    (record(title="bad \ud800 surrogate"), "field 'title': lone surrogate U+D800"),
    (record(abstract="x" * (MAX_FIELD_CHARS + 1)), f"field 'abstract': {MAX_FIELD_CHARS + 1} characters"),
    (record(speakers=[{"name": f"P{i} Q", "bio": "b" * (MAX_FIELD_CHARS - 10)} for i in range(11)]),
     f"more than the {MAX_RECORD_CHARS} allowed"),
    ({k: v for k, v in record().items() if k != "timezone"}, "field 'timezone': missing"),
    ([record()], "expected a JSON object (a talk record), got a list"),
]


@pytest.mark.parametrize("doc, message", BAD, ids=[m[:40] for _, m in BAD])
def test_a_record_breaking_the_contract_names_the_field_and_why(doc, message):
    with pytest.raises(ValidationError) as e:
        validate_record(doc)
    assert message in str(e.value)
    assert "\n" not in str(e.value) and len(str(e.value)) < 300


def test_a_valid_record_comes_back_whole_and_defaults_fill_left_out_fields():
    full = record(abstract="Line one\nline\ttwo\r\n", speakers=[
        {"name": "Ann Lee", "affiliation": "ORNL", "url": "https://x.org", "bio": "Ann works on grids."},
        {"name": "Jürgen Müller", "affiliation": None, "url": None, "bio": None}])
    assert validate_record(full).to_dict() == full
    # a start written in UTC is on the venue's day in the venue's zone: 21:00 in New York
    late = record(date="2026-05-01", start="2026-05-02T01:00:00Z", end="2026-05-02T02:00:00+00:00")
    assert validate_record(late).start == "2026-05-02T01:00:00Z"
    assert validate_record(record(institution=""), require_institution=False).institution == ""
    old_zone = record(date="1890-01-01", start="1890-01-01T10:00:00+00:53:28", end=None)
    assert validate_record(old_zone).start.endswith("+00:53:28")  # local mean time offsets
    minimal = validate_record({"title": None, "timezone": "UTC", "institution": "X"})
    assert (minimal.speakers, minimal.status, minimal.date, minimal.source_url) == ([], "scheduled", None, "")


# ------------------------------------------------------------------ the import file


def refused(tmp_path, content: bytes | str) -> str:
    src = tmp_path / "in.jsonl"
    if isinstance(content, str):
        content = content.encode("utf-8")
    src.write_bytes(content)
    with pytest.raises(UsageError) as e:
        read_jsonl(src)
    return str(e.value)


def test_the_iris_import_line_is_refused_with_line_and_field(tmp_path):
    iris = '{"title":"x","speakers":[{"name":"Iris Import"}],"date":20260501,' \
           '"timezone":"UTC","institution":"X","source_url":"https://example.org/iris"}'
    msg = refused(tmp_path, lines(record(), record(source_url="https://example.org/b"), iris))
    assert msg == (f"{tmp_path / 'in.jsonl'}: line 3: field 'date': expected \"YYYY-MM-DD\", "
                   "got 20260501; nothing was imported")


@pytest.mark.parametrize("content, message", [
    (b'{"title": "caf\xe9"}\n', "line 1: not UTF-8 text (byte 0xe9 at column 15)"),
    ("\n\n{not json}\n", "line 3: not JSON (Expecting property name"),
    ('{"title": NaN, "timezone": "UTC", "institution": "X"}\n', "line 1: not JSON (NaN is not a JSON value)"),
    ('{"title": "a", "title": "b", "timezone": "UTC", "institution": "X"}\n',
     "line 1: field 'title' given twice in one object"),
    ("[" * 100_000 + "]" * 100_000 + "\n", "line 1: not a talk record (JSON nested too deeply)"),
    ('"just a string"\n', "line 1: expected a JSON object (a talk record), got a string"),
    ('{"title": "a", "timezone": "UTC", "institution": "X", "date": ' + "9" * 5000 + "}\n",
     "line 1: not JSON (Exceeds the limit"),
])
def test_lines_that_are_not_records_are_refused_with_their_line(tmp_path, content, message):
    msg = refused(tmp_path, content)
    assert message in msg and msg.endswith("nothing was imported") and "\n" not in msg


def test_a_huge_line_is_refused_without_being_read_whole(tmp_path):
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(record()) + "\n")
        fh.write('{"title": "x", "abstract": "')
        chunk = "a" * 1_000_000
        for _ in range(100):  # a 100 MB abstract
            fh.write(chunk)
        fh.write('"}\n')
    tracemalloc.start()
    try:
        with pytest.raises(UsageError) as e:
            read_jsonl(src)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"line 2: longer than {MAX_LINE_BYTES} bytes" in str(e.value)
    assert peak < 4 * MAX_LINE_BYTES, peak  # one capped line in memory, not 100 MB


def test_windows_line_endings_a_bom_and_blank_lines_are_fine(tmp_path):
    src = tmp_path / "in.jsonl"
    body = json.dumps(record()) + "\r\n\r\n" + json.dumps(record(source_url="https://example.org/b")) + "\r\n"
    src.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    talks, repeats = read_jsonl(src)
    assert [t.source_url for t in talks] == ["https://example.org/a", "https://example.org/b"]
    assert repeats == []


def test_the_same_record_twice_is_imported_once_and_reported(tmp_path):
    db = tmp_path / "s.db"
    a = record()
    # the same talk written differently: key order, an honorific, spacing in the title
    a_again = dict(reversed(list(record(
        title="Sparse  grids for kinetic equations",
        speakers=[{"name": "Dr. Ann Lee", "affiliation": "ORNL"}]).items())))
    other = record(title="Another talk", date="2026-05-08", start="2026-05-08T10:00:00-04:00",
                   end="2026-05-08T11:00:00-04:00")
    src = tmp_path / "in.jsonl"
    src.write_text(lines(a, other, a_again, a), encoding="utf-8")
    r = seminars("import", src, db=db)
    assert r.returncode == 0, r.stderr
    assert f"seminars: warning: {src}: line 3 repeats line 1 (the same record); imported once" in r.stderr
    assert "line 4 repeats line 1" in r.stderr
    assert "4 record(s) read, 2 new" in r.stderr
    assert n_records(db) == 2


def test_a_bad_line_anywhere_stores_nothing_and_exits_non_zero(tmp_path):
    db = tmp_path / "s.db"
    src = tmp_path / "in.jsonl"
    src.write_text(lines(record(), record(source_url="https://example.org/b"),
                         record(source_url="https://example.org/c", abstract="a\x00b")), encoding="utf-8")
    r = seminars("import", src, db=db)
    assert r.returncode == 2
    assert r.stderr == (f"seminars: error: {src}: line 3: field 'abstract': control character "
                        "U+0000 at position 1; nothing was imported\n")
    assert n_records(db) == 0


# ------------------------------------------------------------------ a bad row already stored

IRIS = {"title": "x", "speakers": [{"name": "Iris Import", "affiliation": None, "url": None, "bio": None}],
        "date": 20260501, "start": None, "end": None, "timezone": "UTC", "location": None,
        "status": "scheduled", "abstract": None, "host": None, "talk_type": None, "series": None,
        "institution": "X", "source_url": "https://example.org/iris"}


def store_old_row(db, doc: dict, url: str, key: str = "oldiris0000000") -> int:
    """Insert a record as an older version's import did: the row and its first version."""
    con = sqlite3.connect(db)
    with con:
        fetch = con.execute("INSERT INTO fetches(source, url, site, fetched_at, n_talks)"
                            " VALUES ('import old.jsonl', 'file:///old.jsonl', 'import', ?, 1)",
                            ("2026-01-02T00:00:00+00:00",)).lastrowid
        text = json.dumps(doc, sort_keys=True)
        rid = con.execute(
            "INSERT INTO records(rec_key, page_url, site, json, first_seen, last_seen, listed, origin)"
            " VALUES (?, ?, 'import', ?, ?, ?, 1, 'import')",
            (key, url, text, "2026-01-02T00:00:00+00:00", "2026-01-02T00:00:00+00:00")).lastrowid
        con.execute("INSERT INTO record_versions(record_id, observed_at, fetch_id, json, changed)"
                    " VALUES (?, ?, ?, ?, '*')", (rid, "2026-01-02T00:00:00+00:00", fetch, text))
    con.close()
    return rid


def good_store(tmp_path):
    db = tmp_path / "s.db"
    src = tmp_path / "good.jsonl"
    src.write_text(lines(record(), record(title="Another talk", speakers=[{"name": "Bo Chen"}],
                                          source_url="https://example.org/b")), encoding="utf-8")
    assert seminars("import", src, db=db).returncode == 0
    return db


def warnings_of(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if "skipped" in ln]


def test_a_stored_iris_row_is_skipped_with_a_warning_and_export_and_crawl_still_work(tmp_path):
    db = good_store(tmp_path)
    rid = store_old_row(db, IRIS, "https://example.org/iris")
    # a parser's record from a source with no institution configured is not a bad row
    no_inst = dict(IRIS, date="2026-06-01", institution="", title="Feed talk", source_url="file:///f.ics",
                   speakers=[{"name": "Una Feed"}])
    store_old_row(db, no_inst, "file:///f.ics", key="feedrow00000000")
    expected = (f"seminars: warning: stored record {rid} (https://example.org/iris) skipped: "
                "field 'date': expected \"YYYY-MM-DD\", got 20260501")
    for attempt in ("first", "again"):  # the second export merges nothing new: still named
        r = seminars("export", "--out", tmp_path / attempt, db=db)
        assert r.returncode == 0, r.stderr
        assert warnings_of(r.stderr) == [expected]
        talks = (tmp_path / attempt / "talks.csv").read_text(encoding="utf-8")
        assert "Sparse grids" in talks and "Another talk" in talks and "Feed talk" in talks
        assert "Iris" not in talks
    cfg = tmp_path / "sources.toml"
    page = ROOT / "fixtures" / "cnls" / "colloquium.html"
    cfg.write_text(f'[crawl]\nper_host_delay = 0\n\n[[source]]\nname = "talk"\n'
                   f'url = "{page.as_uri()}"\nsite = "cnls"\n', encoding="utf-8")
    r = seminars("crawl", "--config", cfg, db=db)
    assert r.returncode == 0, r.stderr
    assert warnings_of(r.stderr) == [expected]
    r = seminars("query", "--format", "json", db=db)
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 4  # two imported, a feed's, one crawled


def test_a_row_merged_before_it_went_bad_is_left_out_of_the_export(tmp_path):
    db = good_store(tmp_path)
    assert seminars("export", "--out", tmp_path / "before", db=db).returncode == 0
    con = sqlite3.connect(db)
    with con:
        rid, doc = con.execute("SELECT id, json FROM records WHERE json LIKE '%Another talk%'").fetchone()
        bad = json.loads(doc)
        bad["date"], bad["speakers"] = 20260501, [{"name": None}]
        # changed behind the store's back: no new version, so no merge will look at it again
        con.execute("UPDATE records SET json=? WHERE id=?", (json.dumps(bad), rid))
    con.close()
    r = seminars("export", "--out", tmp_path / "after", "--format", "json", db=db)
    assert r.returncode == 0, r.stderr
    assert warnings_of(r.stderr) == [
        f"seminars: warning: stored record {rid} (https://example.org/b) skipped: "
        "field 'speakers[0].name': expected a string, got null"]
    talks = json.loads((tmp_path / "after" / "talks.json").read_text(encoding="utf-8"))
    assert len(talks) == 1 and "Sparse grids" in json.dumps(talks)


def test_merge_keeps_a_skipped_row_out_until_it_is_fixed(tmp_path):
    from seminars.store.merging import run_merge

    db = good_store(tmp_path)
    rid = store_old_row(db, IRIS, "https://example.org/iris")
    con = connect(db)
    run_merge(con)
    assigned = {r[0] for r in con.execute("SELECT record_id FROM assignments")}
    assert rid not in assigned and len(assigned) == 2
    run_merge(con, force=True)  # a full pass skips it too
    assert rid not in {r[0] for r in con.execute("SELECT record_id FROM assignments")}
    fixed = dict(IRIS, date="2026-05-01")
    con.execute("UPDATE records SET json=? WHERE id=?", (json.dumps(fixed), rid))
    con.execute("INSERT INTO record_versions(record_id, observed_at, fetch_id, json, changed)"
                " VALUES (?, '2026-01-03T00:00:00+00:00', NULL, ?, 'date')", (rid, json.dumps(fixed)))
    run_merge(con)
    assert rid in {r[0] for r in con.execute("SELECT record_id FROM assignments")}
    assert con.execute("SELECT value FROM meta WHERE key='skipped_records'").fetchone()[0] == "[]"
    con.close()
