"""Where the shared real-page corpus and the reviewed golden files live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "golden" / "corpus"
FIXTURES = ROOT / "fixtures"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def ornl_url(rel: str) -> str:
    """The public URL a corpus ORNL page was taken from (md source or served page)."""
    parts = Path(rel).parts  # ornl/md/2026/20260114T175544_c89834d.md
    year, stem = parts[2], Path(parts[3]).stem
    if parts[1] == "md":
        commit = _commit_of(stem)
        return f"https://github.com/ORNL/ORNL.github.io/blob/{commit}/events/{year}-AI-Seminar.md"
    return f"https://ornl.github.io/events/ai-initiative-seminar-{year}/"


def _commit_of(stem: str) -> str:
    index = (CORPUS / "ornl" / "index.tsv").read_text().splitlines()[1:]
    short = stem.split("_")[1]
    for row in index:
        cols = row.split("\t")
        if cols[1].startswith(short):
            return cols[1]
    return short


def golden_cases() -> list[tuple[str, Path, Path]]:
    """(case id, page path, expected json path) for every reviewed golden file."""
    cases = []
    for exp in sorted(FIXTURES.glob("*/*.expected.json")):
        page = next(
            (p for p in exp.parent.glob(exp.name.replace(".expected.json", ".*"))
             if not p.name.endswith(".expected.json")),
            None,
        )
        cases.append((f"fixtures/{exp.parent.name}/{exp.name}", page, exp))
    for exp in sorted(GOLDEN.rglob("*.json")):
        rel = exp.relative_to(GOLDEN).with_suffix("")
        cases.append((f"corpus/{rel}", CORPUS / rel, exp))
    return cases


def load_expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def ornl_versions(year: str) -> list[tuple[Path, str]]:
    """Every recorded version of a year's ORNL page (md path, observed-at), oldest first."""
    rows = (CORPUS / "ornl" / "index.tsv").read_text().splitlines()[1:]
    return [(CORPUS / "ornl" / cols[3], cols[2]) for cols in (r.split("\t") for r in rows) if cols[0] == year]
