"""Bad input to `seminars parse`: a clear one-line error and a non-zero exit, never a traceback.

Runs the real entry point (`python -m seminars.cli`, i.e. seminars.cli:main) in a subprocess,
so the mapping of errors to `seminars: error: ...` and exit codes is what is tested.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ORNL_HTML = CORPUS / "ornl" / "html" / "2025" / "20251119T131309_0b14b0a.html"
ORNL_MD = CORPUS / "ornl" / "md" / "2024" / "20241108T201238_a0ea408.md"
FIXTURE_MD = ROOT / "fixtures" / "ornl" / "upcoming-entries.md"

OTHER_SITE = """<!DOCTYPE html><html><head><title>Applied Math Colloquium | Example University</title>
</head><body><h1>Applied Mathematics Colloquium</h1>
<div class="event"><h2>Wave Turbulence in Rotating Fluids</h2>
<p>Speaker: Jane Doe, MIT</p><p>Date: March 3, 2025, 4:00 PM</p><p>Room 2-190</p>
<p>Abstract: We study waves in rotating tanks.</p></div></body></html>
"""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return seminars("parse", *args)


def assert_one_line_error(res: subprocess.CompletedProcess[str], code: int | None = None) -> str:
    assert "Traceback" not in res.stderr
    assert res.returncode != 0 if code is None else res.returncode == code, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("seminars: error: ")
    assert res.stdout == ""
    return lines[0]


def test_empty_file(tmp_path):
    page = tmp_path / "empty.html"
    page.write_bytes(b"")
    assert "empty" in assert_one_line_error(run(page, "--site", "ornl"), 1)


def test_whitespace_only_file(tmp_path):
    page = tmp_path / "blank.md"
    page.write_text("\n  \n\t\n")
    assert "empty" in assert_one_line_error(run(page), 1)


def test_random_bytes(tmp_path):
    page = tmp_path / "noise.html"
    page.write_bytes(os.urandom(4096))
    assert "binary" in assert_one_line_error(run(page, "--site", "ornl"), 1)


def test_png_named_as_a_page(tmp_path):
    page = tmp_path / "photo.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048))
    assert "binary" in assert_one_line_error(run(page), 1)


def test_other_sites_page_with_site_ornl_is_empty_with_a_warning(tmp_path):
    page = tmp_path / "colloquium.html"
    page.write_text(OTHER_SITE)
    res = run(page, "--site", "ornl")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert res.stdout.strip() == "[]"
    [warning] = res.stderr.strip().splitlines()
    assert warning.startswith("seminars: warning: ") and "no talks found" in warning


def test_other_sites_page_with_site_auto_falls_back_to_generic(tmp_path):
    # Issue 10: `auto` tries the registered sites, then structured data, then generic.
    page = tmp_path / "colloquium.html"
    page.write_text(OTHER_SITE)
    for args in ((page, "--site", "auto"), (page,)):
        res = run(*args)
        assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr
        talks = json.loads(res.stdout)
        assert [(t["speakers"][0]["name"], t["date"]) for t in talks] == [("Jane Doe", "2025-03-03")]


def test_cnls_page_with_site_ornl_finds_no_talks():
    cnls = sorted((ROOT / "fixtures" / "cnls").glob("*.html"))
    if not cnls:
        pytest.skip("no CNLS fixture pages")
    res = run(cnls[0], "--site", "ornl")
    assert res.returncode == 0 and res.stdout.strip() == "[]"
    assert "no talks found" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.skipif(not ORNL_HTML.exists(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("fraction", [0.25, 0.5, 0.75])
def test_truncated_html_page(tmp_path, fraction):
    data = ORNL_HTML.read_bytes()
    page = tmp_path / "cut.html"
    page.write_bytes(data[: int(len(data) * fraction)])
    for args in ((page, "--site", "ornl"), (page,)):
        res = run(*args)
        assert "Traceback" not in res.stderr
        assert res.returncode == 0, res.stderr
        assert res.stdout.lstrip().startswith("[")


@pytest.mark.skipif(not ORNL_MD.exists(), reason="../shared/corpus is absent")
def test_truncated_markdown_keeps_the_talks_it_has(tmp_path):
    text = ORNL_MD.read_text(encoding="utf-8")
    cut = text.index("| 04-11-2024") + 20  # inside a schedule row
    page = tmp_path / "cut.md"
    page.write_text(text[:cut], encoding="utf-8")
    res = run(page, "--site", "ornl")
    assert res.returncode == 0 and "Traceback" not in res.stderr
    assert "ChipNeMo" in res.stdout and "Pestourie" in res.stdout


def test_front_matter_cut_short(tmp_path):
    page = tmp_path / "fm.md"
    page.write_text("---\nlayout: default\ntitle: ORNL's AI Seminar")
    res = run(page, "--site", "ornl")
    assert res.returncode == 0 and res.stdout.strip() == "[]"
    assert "no talks found" in res.stderr and "Traceback" not in res.stderr


def test_deeply_nested_tags(tmp_path):
    # Unclosed inline tags nest thousands deep on hand-written pages; no stack overflow.
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<b><font>" * 3000 + "ORNL AI Seminar Series Schedule" + "</body></html>")
    res = run(page, "--site", "ornl")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr and res.stdout.strip() == "[]"


def test_missing_file(tmp_path):
    line = assert_one_line_error(run(tmp_path / "nope.html"), 2)
    assert "no such file" in line


def test_directory(tmp_path):
    line = assert_one_line_error(run(tmp_path, "--site", "ornl"), 2)
    assert "directory" in line


def test_unknown_site():
    line = assert_one_line_error(run(FIXTURE_MD, "--site", "nosuchsite"))
    assert "nosuchsite" in line and "ornl" in line


def test_bad_format_option():
    res = run(FIXTURE_MD, "--format", "xml")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "xml" in res.stderr


def test_good_page_still_parses():
    # The same path as the failures above, on a page that is fine: records on stdout, exit 0.
    res = run(FIXTURE_MD, "--site", "auto", "--url", "https://ornl.github.io/events/ai-initiative-seminar-2024/")
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    assert '"Scaling Laws for Scientific Foundation Models"' in res.stdout
