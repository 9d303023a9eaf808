"""The merged dataset through the CLI: ingest, import, export (csv, json, ics), query, explain."""

from __future__ import annotations

import csv
import json
import subprocess
import warnings
from pathlib import Path

import pytest

from tests.cli import seminars
from tests.corpus import CORPUS, needs_corpus

ROOT = Path(__file__).resolve().parents[1]
SEEDS = CORPUS / "seeds"
ORNL_URL = "https://ornl.github.io/events/ai-initiative-seminar-2026/"
CNLS_URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027"


def sem(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    r = seminars(*args, db=db)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def ingest_seeds(db: Path) -> None:
    sem(db, "ingest", str(SEEDS / "ornl-ai-seminar-2026.md"), "--site", "ornl", "--url", ORNL_URL,
        "--observed-at", "2026-01-14T18:42:54Z")
    sem(db, "ingest", str(SEEDS / "lanl-cnls-talk.txt"), "--site", "cnls", "--url", CNLS_URL,
        "--observed-at", "2026-02-01T00:00:00Z")


@needs_corpus
def test_seed_case_one_talk_two_occurrences(tmp_path, seeded_store):
    db = seeded_store  # ingest_seeds(db), built once per session
    sem(db, "export", "--out", str(tmp_path / "out"))
    talks = read_csv(tmp_path / "out" / "talks.csv")
    occs = read_csv(tmp_path / "out" / "occurrences.csv")
    low_rank = [t for t in talks if "Schotthoefer" in t["speakers"]]
    assert len(low_rank) == 1
    t = low_rank[0]
    assert t["title"] == "Efficient Low-Rank Training and Fine-Tuning of Neural Networks"
    assert t["n_occurrences"] == "2" and t["institutions"] == "LANL; ORNL"
    starts = sorted(o["start"] for o in occs if o["talk_id"] == t["talk_id"])
    assert starts == ["2025-09-30T14:00:00-06:00", "2026-01-22T10:00:00-05:00"]
    schnake = [t for t in talks if "Schnake" in t["speakers"]]
    assert len(schnake) == 1 and schnake[0]["title"] == "" and schnake[0]["n_occurrences"] == "1"
    assert len(talks) == 3 and len(occs) == 4

    # a re-ingest and a re-merge never renumber
    ingest_seeds(db)
    sem(db, "export", "--out", str(tmp_path / "again"))
    assert read_csv(tmp_path / "again" / "talks.csv") == talks
    assert read_csv(tmp_path / "again" / "occurrences.csv") == occs

    found = json.loads(sem(db, "query", "--speaker", "Schotthöfer", "--text", "low-rank",
                           "--institution", "ORNL,LANL", "--after", "2025-01-01", "--format", "json").stdout)
    assert [r["institution"] for r in found] == ["LANL", "ORNL"]
    assert json.loads(sem(db, "query", "--institution", "LANL", "--before", "2025-12-31",
                          "--format", "json").stdout)[0]["date"] == "2025-09-30"

    explained = sem(db, "explain", t["talk_id"]).stdout
    assert "2 occurrence(s)" in explained and "score" in explained


@needs_corpus
def test_talk_ids_survive_a_title_arriving(tmp_path):
    """Schnake's schedule row (title TBD) later gains its title: still the same talk_id."""
    db = tmp_path / "s.db"
    md = CORPUS / "ornl" / "md" / "2026"
    versions = sorted(md.glob("*.md"))
    sem(db, "ingest", str(versions[1]), "--site", "ornl", "--url", ORNL_URL, "--observed-at", "2026-01-14T18:42:54Z")
    sem(db, "export", "--out", str(tmp_path / "a"))
    before = {r["speakers"]: r["talk_id"] for r in read_csv(tmp_path / "a" / "talks.csv")}
    sem(db, "ingest", str(versions[2]), "--site", "ornl", "--url", ORNL_URL, "--observed-at", "2026-01-23T03:14:03Z")
    sem(db, "export", "--out", str(tmp_path / "b"))
    after = {r["speakers"]: r for r in read_csv(tmp_path / "b" / "talks.csv")}
    assert after["Stefan Schnake"]["talk_id"] == before["Stefan Schnake"]
    assert after["Stefan Schnake"]["title"].startswith("Dynamical low-rank compression")
    assert after["Steffen Schotthoefer"]["talk_id"] == before["Steffen Schotthoefer"]


def _record(**kw) -> dict:
    base = {"title": None, "speakers": [], "date": None, "start": None, "end": None,
            "timezone": "America/New_York", "location": None, "status": "scheduled", "abstract": None,
            "host": None, "talk_type": None, "series": None, "institution": "ORNL",
            "source_url": "https://example.org/a"}
    base.update(kw)
    return base


def test_import_export_csv_is_spreadsheet_safe_and_pandas_clean(tmp_path):
    pd = pytest.importorskip("pandas")
    db = tmp_path / "s.db"
    rows = [
        _record(title="=HYPERLINK(\"http://evil\")", speakers=[{"name": "+Ann Lee", "affiliation": "@corp"}],
                date="2026-03-05", start="2026-03-05T10:00:00-05:00", location="-Room 1"),
        _record(title='Quotes "and", commas; newlines\nhere', speakers=[{"name": "Jürgen Müller"}],
                date="2026-03-12", source_url="https://example.org/b"),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    sem(db, "import", str(src))
    assert "2 record(s) read, 0 new" in sem(db, "import", str(src)).stderr  # the same file again
    out = tmp_path / "out"
    sem(db, "export", "--out", str(out))
    for name in ("talks.csv", "occurrences.csv"):
        raw = (out / name).read_bytes()
        raw.decode("utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(out / name)
        assert len(frame) == 2
        for row in read_csv(out / name):
            for cell in row.values():
                assert not cell.startswith(("=", "+", "-", "@")), cell
    talks = read_csv(out / "talks.csv")
    assert talks[0]["title"].startswith("'=HYPERLINK") and talks[0]["speakers"] == "'+Ann Lee"
    assert talks[1]["title"] == 'Quotes "and", commas; newlines here'
    assert [t["first_date"] for t in talks] == ["2026-03-05", "2026-03-12"]  # stable order
    found = json.loads(sem(db, "query", "--speaker", "muller", "--format", "json").stdout)
    assert [r["speakers"] for r in found] == ["Jürgen Müller"]


def test_import_rejects_a_bad_line_and_stores_nothing(tmp_path):
    db = tmp_path / "s.db"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(_record(title="ok")) + "\n{\"title\": 3, \"speakers\": 5}\n", encoding="utf-8")
    r = sem(db, "import", str(src), check=False)
    assert r.returncode == 2 and "line 2: field 'title'" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert json.loads(sem(db, "query", "--format", "json").stdout) == []


def test_ics_export_parses_back_with_stable_uids_cancel_and_sequence(tmp_path):
    from icalendar import Calendar

    db = tmp_path / "s.db"
    page = ROOT / "fixtures" / "cnls" / "colloquium.html"
    url = "https://cnls.lanl.gov/External/showtalksummary.php?selection=77"
    sem(db, "ingest", str(page), "--site", "cnls", "--url", url, "--observed-at", "2026-01-01T00:00:00Z")
    sem(db, "export", "--out", str(tmp_path / "a"), "--format", "ics")
    first = Calendar.from_ical((tmp_path / "a" / "talks.ics").read_bytes()).walk("VEVENT")
    assert len(first) == 1 and int(first[0]["SEQUENCE"]) == 0 and str(first[0]["STATUS"]) == "CONFIRMED"
    # the talk moves by an hour, then is cancelled
    html = page.read_text(encoding="utf-8")
    moved = tmp_path / "moved.html"
    import re

    m = re.search(r"(\d{1,2}):(\d\d) ([AP]M) - (\d{1,2}):(\d\d) ([AP]M)", html)
    assert m, "fixture has a time range"
    h1, h2 = int(m[1]) % 12 + 1, int(m[4]) % 12 + 1
    moved.write_text(html.replace(m[0], f"{h1}:{m[2]} {m[3]} - {h2}:{m[5]} {m[6]}"), encoding="utf-8")
    r = sem(db, "ingest", str(moved), "--site", "cnls", "--url", url, "--observed-at", "2026-01-02T00:00:00Z")
    assert "Talk moved" in r.stdout
    sem(db, "export", "--out", str(tmp_path / "b"), "--format", "ics")
    second = Calendar.from_ical((tmp_path / "b" / "talks.ics").read_bytes()).walk("VEVENT")
    assert str(second[0]["UID"]) == str(first[0]["UID"]) and int(second[0]["SEQUENCE"]) == 1
    assert second[0].decoded("DTSTART") != first[0].decoded("DTSTART")


def test_overrides_file_corrects_the_merge(tmp_path):
    db = tmp_path / "s.db"
    a = _record(title="Deep kernels for turbulence", speakers=[{"name": "Ana Ruiz"}], date="2026-02-05",
                source_url="https://example.org/a")
    b = _record(title="Something else entirely", speakers=[{"name": "Ana Ruiz"}], date="2026-05-07",
                source_url="https://example.org/b")
    c = _record(title="Deep kernels for turbulence", speakers=[{"name": "Ana Ruiz"}], date="2026-09-10",
                source_url="https://example.org/c", institution="LANL")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in (a, b, c)) + "\n", encoding="utf-8")
    sem(db, "import", str(src))
    sem(db, "export", "--out", str(tmp_path / "plain"))
    plain = read_csv(tmp_path / "plain" / "talks.csv")
    assert sorted(t["n_occurrences"] for t in plain) == ["1", "2"]  # same title joined, other apart
    ov = tmp_path / "overrides.toml"
    ov.write_text(
        '[[must_link]]\na = { speaker = "Ana Ruiz", title = "Something else" }\n'
        'b = { speaker = "Ana Ruiz", title = "Deep kernels" }\n'
    )
    sem(db, "export", "--out", str(tmp_path / "linked"), "--overrides", str(ov))
    linked = read_csv(tmp_path / "linked" / "talks.csv")
    assert [t["n_occurrences"] for t in linked] == ["3"]
    ov.write_text(
        '[[cannot_link]]\na = { speaker = "Ana Ruiz", title = "Deep kernels" }\n'
        'b = { speaker = "Ana Ruiz", title = "Deep kernels" }\n'
    )
    sem(db, "export", "--out", str(tmp_path / "apart"), "--overrides", str(ov))
    apart = read_csv(tmp_path / "apart" / "talks.csv")
    assert [t["n_occurrences"] for t in apart] == ["1", "1", "1"]
    ov.write_text("[[must_link]]\na = { title = 'x' }\n")
    r = sem(db, "export", "--out", str(tmp_path / "bad"), "--overrides", str(ov), check=False)
    assert r.returncode == 2 and "speaker" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_ics_marks_cancelled_talks(tmp_path):
    from icalendar import Calendar

    db = tmp_path / "s.db"
    sem(db, "ingest", str(ROOT / "fixtures" / "cnls" / "cancelled.html"), "--site", "cnls",
        "--url", "https://cnls.lanl.gov/External/showtalksummary.php?selection=78")
    sem(db, "export", "--out", str(tmp_path / "o"), "--format", "ics")
    events = Calendar.from_ical((tmp_path / "o" / "talks.ics").read_bytes()).walk("VEVENT")
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED"]
