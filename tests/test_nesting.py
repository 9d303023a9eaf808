"""Deeply nested pages: hand-written HTML leaves hundreds of <font> or <div> tags unclosed. Both
parsers must read such a page as they read it un-nested (libxml2 stops at 256 levels unless
told otherwise, and Python recursion stops near 1,000)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from seminars.scrapers.registry import parse_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = [
    ("cnls", "colloquium"),
    ("cnls", "qmat-joint-bio"),
    ("ornl", "raw-table-2023-served"),
    ("ornl", "two-speakers-served"),
]


def nested(html: str, tag: str, depth: int) -> str:
    """The page with `depth` unclosed <tag> opened right after <body> (around all the talk text)."""
    body = re.search(r"<body[^>]*>", html, re.I)
    at = body.end() if body else 0
    return html[:at] + f"<{tag}>" * depth + html[at:]


def records(site: str, html: str, url: str) -> list[dict]:
    return [t.to_dict() for t in parse_page(html, url, site).talks]


@pytest.mark.parametrize("tag", ["font", "div"])
@pytest.mark.parametrize(("site", "name"), PAGES)
def test_a_page_nested_1000_deep_gives_the_same_records(site: str, name: str, tag: str) -> None:
    html = (FIXTURES / site / f"{name}.html").read_text(encoding="utf-8")
    url = json.loads((FIXTURES / site / f"{name}.expected.json").read_text(encoding="utf-8"))["url"]
    flat = records(site, html, url)
    assert flat, "the un-nested fixture must have talks for the comparison to mean anything"
    deep = nested(html, tag, 1000)
    assert deep.count(f"<{tag}>") >= 1000
    assert records(site, deep, url) == flat


def test_cnls_nested_past_libxml2s_default_limit_still_has_its_text() -> None:
    from seminars.scrapers.sites.cnls import page_lines

    html = (FIXTURES / "cnls" / "colloquium.html").read_text(encoding="utf-8")
    lines = page_lines(nested(html, "font", 300))
    assert "Turbulence, Intermittency and the Navier–Stokes Equations" in lines
