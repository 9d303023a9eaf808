"""No regex or text scan may be super-linear: pages reach max_bytes (5 MB) and hand-written or
hostile content repeats the characters that make a backtracking pattern rescan.

Growth, not wall-clock, is what is asserted: the time at 4n over the time at n is about 4 for a
linear scan and 16 for a quadratic one, so a bound of 8 holds on a busy machine and fails on the old patterns (each case below took
seconds to minutes at these sizes before the change).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from seminars.alerts import bio_key
from seminars.normalize import dates, match, names, text
from seminars.normalize.chain import normalize_talk
from seminars.record import Talk
from seminars.scrapers.registry import parse_page
from seminars.scrapers.sites import cnls
from seminars.scrapers.toolkit import cards, lines, plain, prose

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _best_time(fn: Callable[[str], object], s: str, tries: int) -> float:
    # The fastest of several calls: a short call is often not preempted at all, so the
    # minimum is the function's own time even on a busy machine.
    best = float("inf")
    for _ in range(tries):
        t0 = time.perf_counter()
        fn(s)
        best = min(best, time.perf_counter() - t0)
    return best


SPAN = 32  # input sizes n and 32n
BOUND = 200  # time ratio allowed: 32^1.53; linear gives ~32-100 (cache and allocation steps), quadratic ~1000


def _growth(fn: Callable[[str], object], make: Callable[[int], str], n: int = 2_000) -> float:
    """Time at SPAN*n over time at n. Over a wide span, because a linear scan steps up 2-3x
    once somewhere between 4k and 64k characters (allocation, memory traffic), which a single
    doubling or quadrupling cannot tell from a quadratic curve."""
    return _best_time(fn, make(SPAN * n), 5) / _best_time(fn, make(n), 25)


def _uncached(f):  # lru_cache would answer the repeated calls from memory
    return getattr(f, "__wrapped__", f)


CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "markdown emphasis '*a '": (text.clean_text, lambda n: "*a " * (n // 3)),
    "markdown emphasis '**a '": (text.clean_text, lambda n: "**a " * (n // 4)),
    "markdown emphasis '*a* '": (text.clean_text, lambda n: "*a* " * (n // 4)),
    "markdown emphasis '_' runs": (text.clean_text, lambda n: "__a " * (n // 4)),
    "markdown emphasis '~~' and '`'": (text.clean_text, lambda n: "~~a `b " * (n // 7)),
    "markdown links '[('": (text.clean_text, lambda n: "[(" * (n // 2)),
    "markdown links ']('": (text.clean_text, lambda n: "](" * (n // 2)),
    "unclosed tags '<'": (text.clean_text, lambda n: "<a" * (n // 2)),
    "name split on spaces": (names.split_names, lambda n: "Bob" + " " * n + "x"),
    "nicknames '('": (_uncached(names.clean_name), lambda n: "Bob" + " (" * (n // 2)),
    "trailing degrees": (_uncached(names.clean_name), lambda n: "Bob" + " PhD" * (n // 4) + " x"),
    "only degrees": (names._strip_degrees, lambda n: "Bob" + ", PhD" * (n // 5)),
    "clock then spaces": (dates.parse_times, lambda n: "1" + " " * n + "x"),
    "digits and spaces": (dates.parse_times, lambda n: "1 " * (n // 2)),
    "numeric dates": (lambda s: dates.parse_when(s, "America/Denver", year=2020), lambda n: "1/2 " * (n // 4)),
    "title subtitle split": (_uncached(match.title_key), lambda n: "A" + " " * n + "b"),
    "affiliation split": (_uncached(match.affiliation_keys), lambda n: "Univ" + " " * n + "x"),
    "cnls newline runs": (plain.flat, lambda n: "a" + " " * n + "b"),
    "cnls speaker split": (cnls._split_speaker_line, lambda n: "Bob (" + " " * n + "x"),
    "cnls talk links, dotted token": (
        lambda s: cnls._talk_links(s, "http://x/"),
        lambda n: ("http://" + "a." * 500 + "showtalksummary.php? ") * max(1, n // 1028),
    ),
    "cnls talk links, many": (
        lambda s: cnls._talk_links(s, "http://x/"),
        lambda n: "showtalksummary.php?selection=1 " * (n // 32),
    ),
    "cnls date sniff over blank lines": (cnls.looks_like_cnls, lambda n: "CNLS" + "\n" * n),
    "cnls date line spaces": (lambda s: cnls._DATE_SNIFF.search(s), lambda n: "Monday" + " " * n + "x"),
    "ornl role line": (cards.institution_of, lambda n: "student" + " at Abc" * (n // 7) + ", University"),
    "bio key over a space run": (bio_key, lambda n: "a" + " " * n + "b"),
    "bio key over spaced dashes": (bio_key, lambda n: "a " + " -" * (n // 2) + " b"),
    "cancelled marker over a space run": (
        lambda s: normalize_talk(Talk(title=s)), lambda n: "Talk" + " " * n + "x"),
    # the generic parser's newer scans: prose announcements, joined list items, quotes
    "prose names without a verb": (
        lambda s: prose.read_prose([s], 2020), lambda n: "Ann Lee, Bob Ray, " * (n // 18)),
    "prose appositives": (
        lambda s: prose.read_prose([s], 2020), lambda n: "Dr. Ann Lee, of " * (n // 16) + "will"),
    "joined list items": (lines.flatten_text, lambda n: "x - 16 May 1996:" * (n // 16)),
    "quotes on a line": (
        lambda s: parse_page(s.encode(), site="generic"), lambda n: 'May 5 "a " ' * (n // 12)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_linear_time(case: str) -> None:
    fn, make = CASES[case]
    ratio = _growth(fn, make)
    assert ratio < BOUND, f"{case}: {SPAN}x the input took {ratio:.0f}x the time"


# The rewritten scans must do exactly what the patterns they replace did (on short strings,
# where those patterns are fast).
_OLD_EMPH = re.compile(r"(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1")
_OLD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_OLD_DEGREE = re.compile(r"(,?\s+(ph\.?\s?d\.?|m\.?d\.?|esq\.?|m\.?sc?\.?))+\s*$", re.I)


def _random_strings(alphabet: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))) for _ in range(count)]


def test_emphasis_scan_equals_the_old_regex() -> None:
    for s in _random_strings(list("**__~~`ab \n\u00a0"), 30_000, 1):
        assert text._strip_emphasis(s) == _OLD_EMPH.sub(r"\2", s), repr(s)


def test_link_scan_equals_the_old_regex() -> None:
    for s in _random_strings(list("[]()!ab \n"), 30_000, 2):
        assert text._strip_md_links(s) == _OLD_LINK.sub(r"\1", s), repr(s)


def test_degree_strip_equals_the_old_regex() -> None:
    pieces = [" ", "  ", ",", "phd", "Ph. D.", "Jr.", "md", "M.Sc.", "Bob", "x", "esq", "\t"]
    for s in _random_strings(pieces, 30_000, 3):
        assert names._strip_degrees(s) == _OLD_DEGREE.sub("", s), repr(s)


# Whole pages at max_bytes: an abstract padded with each hostile run still parses, in
# seconds (the bound is generous: this is not a benchmark, see benchmarks/parse_bench.py).
PADDING = ["*a ", "[(", "<a", "~~a ", "A. "]


def padded_page(site: str, name: str, unit: str, total: int = 5_000_000) -> tuple[str, str]:
    page = (FIXTURES / site / name).read_text(encoding="utf-8")
    want = json.loads((FIXTURES / site / f"{name.rsplit('.', 1)[0]}.expected.json").read_text(encoding="utf-8"))
    abstract = next(t["abstract"] for t in want["talks"] if t["abstract"])
    at = page.index(abstract[:25]) + 25
    return page[:at] + unit * ((total - len(page)) // len(unit)) + page[at:], want["url"]


@pytest.mark.parametrize("unit", PADDING)
@pytest.mark.parametrize(("site", "name"), [("ornl", "shared-talk-2026.md"), ("ornl", "raw-table-2023-served.html"),
                                            ("cnls", "colloquium.html")])
def test_a_5_mb_hostile_page_parses(site: str, name: str, unit: str) -> None:
    page, url = padded_page(site, name, unit)
    t0 = time.perf_counter()
    talks = parse_page(page, url, site).talks
    assert time.perf_counter() - t0 < 30
    assert len(talks) >= 1
