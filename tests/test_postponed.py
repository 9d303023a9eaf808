"""A date replaced by "TBD" is a postponement: the talk becomes `postponed` and one
`talk_postponed` alert says so, like a cancellation (issue 8, item 8)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.cli import seminars
from tests.corpus import CORPUS

URL = "https://ornl.github.io/events/ai-initiative-seminar-2026/"
PAGE = CORPUS / "ornl" / "md" / "2026" / "20260114T175544_c89834d.md"
ROW = "| 01-29-2026 | On Site | Stefan Schnake"


@pytest.mark.skipif(not PAGE.exists(), reason="../shared/corpus is absent")
def test_a_schedule_date_becoming_tbd_is_one_postponed_alert(tmp_path):
    real = PAGE.read_text(encoding="utf-8")
    assert ROW in real
    tbd = tmp_path / "tbd.md"
    tbd.write_text(real.replace(ROW, "| TBD | On Site | Stefan Schnake"), encoding="utf-8")
    db = tmp_path / "s.db"

    def ingest(path: Path, when: str):
        r = seminars("ingest", str(path), "--site", "ornl", "--url", URL, "--observed-at", when, db=db)
        assert r.returncode == 0, r.stderr
        return r

    ingest(PAGE, "2026-01-14T17:55:44Z")
    r = ingest(tbd, "2026-01-15T00:00:00Z")
    assert "Talk postponed: Stefan Schnake" in r.stdout and "was:    2026-01-29" in r.stdout
    # the same TBD page again, then once more: no new alert, the talk stays postponed
    assert ingest(tbd, "2026-01-16T00:00:00Z").stdout == ""
    alerts = json.loads(seminars("alerts", "--all", "--format", "json", db=db).stdout)
    assert [(a["type"], a["speaker"], a["old"]) for a in alerts] == [
        ("talk_postponed", "Stefan Schnake", "2026-01-29")]

    out = tmp_path / "out"
    assert seminars("export", "--out", str(out), db=db).returncode == 0
    with (out / "occurrences.csv").open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["date"] == "" and r["institution"] == "ORNL"]
    assert [r["status"] for r in rows] == ["postponed"]

    # a new date: scheduled again, and that is a change of its own, not a second postponement
    ingest(PAGE, "2026-01-17T00:00:00Z")
    ingest(tbd, "2026-01-18T00:00:00Z")
    alerts = json.loads(seminars("alerts", "--all", "--format", "json", db=db).stdout)
    assert [a["type"] for a in alerts] == ["talk_postponed"]  # same date undone: same alert


def test_a_talk_listed_without_a_date_from_the_start_is_not_postponed(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "# Upcoming\n\n| Date | Format | Speaker | Affiliation | Title |\n| --- | --- | --- | --- | --- |\n"
        "| TBD | On Site | Ada Lovelace | ORNL | Engines |\n", encoding="utf-8")
    db = tmp_path / "s.db"
    for when in ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"):
        r = seminars("ingest", str(page), "--site", "ornl", "--url", URL, "--observed-at", when, db=db)
        assert r.returncode == 0 and r.stdout == "", r.stderr
    assert json.loads(seminars("alerts", "--all", "--format", "json", db=db).stdout) == []
