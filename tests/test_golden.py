"""Every reviewed golden file: the parser's records for that page must equal it exactly."""

from __future__ import annotations

import pytest

from seminars.context import ParseContext
from seminars.scrapers.registry import parse_page
from tests.corpus import CORPUS, golden_cases, load_expected

CASES = golden_cases()


@pytest.mark.parametrize("case,page,expected", CASES, ids=[c[0] for c in CASES])
def test_golden(case, page, expected):
    if case.startswith("corpus/") and not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    assert page is not None and page.exists(), f"no page beside {expected}"
    want = load_expected(expected)
    # A fixture may fix the context its page is read in (a feed's window is relative to when
    # it was seen; a generic page needs the zone and institution its source would give).
    ctx = ParseContext(url=want["url"], **want.get("context", {}))
    got = parse_page(page.read_bytes(), site=want["site"], ctx=ctx)
    assert [t.to_dict() for t in got.talks] == want["talks"]
    assert got.links == want.get("links", [])


def test_golden_covers_every_corpus_page():
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    pages = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.suffix in (".md", ".html", ".txt")}
    pages.discard("README.md")
    covered = {c[0].removeprefix("corpus/") for c in CASES if c[0].startswith("corpus/")}
    assert pages <= covered, f"corpus pages without a golden file: {sorted(pages - covered)}"
