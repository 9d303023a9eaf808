"""The README's first command on a fresh store: the bundled fixtures hold one talk given at
both ORNL and LANL, so the first crawl merges it and alerts once on its speaker's bio."""

from __future__ import annotations

import csv
import json
import re

from tests.cli import ROOT
from tests.cli import seminars_process as seminars  # the README command, run as a newcomer runs it

SPEAKER = "Ilka Brennholt"
ADDED = ("During her doctoral studies, she wrote the discontinuous Galerkin solvers for radiative"
         " transfer that her surrogates are now measured against.")


def readme_first_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return next(line.strip() for line in text.splitlines() if line.startswith("    python3 -m venv"))


def test_readme_first_command_is_the_one_tested():
    steps = readme_first_command().split(" && ")
    assert ".venv/bin/seminars crawl --config examples/sources.toml" in steps
    assert ".venv/bin/seminars export --out out" in steps


def test_first_run_merges_the_shared_talk_and_alerts_once(tmp_path):
    db, out = tmp_path / "store.db", tmp_path / "out"
    r = seminars("crawl", "--config", "examples/sources.toml", db=db)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Bio changed:") == 1, r.stdout
    assert f"Bio changed: {SPEAKER}" in r.stdout
    # Pages are stored in the config's order (ORNL's page is listed first), so the CNLS bio
    # is the newer one, every run: its extra sentence is added.
    assert re.search(r"^\s+\+ " + re.escape(ADDED) + "$", r.stdout, re.M), r.stdout
    assert not re.search(r"^\s+- ", r.stdout, re.M), r.stdout
    alerts = json.loads(seminars("alerts", "--all", "--format", "json", db=db).stdout)
    assert [(a["type"], a["speaker"]) for a in alerts] == [("bio_changed", SPEAKER)]

    r = seminars("export", "--out", out, db=db)
    assert r.returncode == 0, r.stderr
    talks = list(csv.DictReader((out / "talks.csv").open(encoding="utf-8", newline="")))
    mine = [t for t in talks if SPEAKER in t["speakers"]]
    assert len(mine) == 1, mine
    talk = mine[0]
    assert talk["title"] == ("Conservative Neural Surrogates for Radiative Transfer on"
                             " Unstructured Meshes")
    assert (talk["n_occurrences"], talk["institutions"]) == ("2", "LANL; ORNL")
    assert talk["dates"] == "2025-10-14; 2026-02-12"
    # nothing else in the bundled fixtures is given twice
    assert [t["talk_id"] for t in talks if t["n_occurrences"] != "1"] == [talk["talk_id"]]
    occs = [o for o in csv.DictReader((out / "occurrences.csv").open(encoding="utf-8", newline=""))
            if o["talk_id"] == talk["talk_id"]]
    assert sorted((o["institution"], o["start"]) for o in occs) == [
        ("LANL", "2025-10-14T14:00:00-06:00"), ("ORNL", "2026-02-12T10:00:00-05:00")]

    # the same pages again: nothing new to say
    r = seminars("crawl", "--config", "examples/sources.toml", db=db)
    assert r.returncode == 0 and r.stdout == "", (r.stdout, r.stderr)
