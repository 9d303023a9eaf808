"""Declared and undeclared charsets: BOM, HTTP header, <meta> prescan, detector, UTF-8.

The pages are CNLS talk pages (fixtures/cnls) re-encoded the way old PHP sites serve them.
"""

from __future__ import annotations

import codecs
import json
import sqlite3
import time
from pathlib import Path

import pytest

from seminars.errors import ParseError
from seminars.scrapers import decode
from seminars.scrapers.decode import encoding_for_label, page_text, sniff_encoding
from seminars.scrapers.registry import parse_page
from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
COLLOQUIUM = ROOT / "fixtures" / "cnls" / "colloquium.html"
URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=5012"
NAME = "Jos\u00e9 M\u00fcller"
TITLE = json.loads(COLLOQUIUM.with_suffix(".expected.json").read_text())["talks"][0]["title"]
UTF8_META = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'


def cnls_page(meta: str = "") -> str:
    """The colloquium fixture with a non-ASCII speaker and the given charset <meta>."""
    html = COLLOQUIUM.read_text(encoding="utf-8")
    assert UTF8_META in html and "\u2013" in TITLE  # an en dash: 0x96 in windows-1252
    return (html.replace(UTF8_META, meta).replace("Charles W. Redfield", NAME)
            .replace("Charles Redfield", NAME))


def speaker_and_title(body: bytes, content_type: str | None = None) -> tuple[str, str, str]:
    talk = parse_page(body, URL, "cnls", content_type).talks[0]
    return talk.speakers[0].name, talk.speakers[0].bio.split(" is ")[0], talk.title


# -- the order of evidence ---------------------------------------------------------------------


def test_windows_1252_by_header_only():
    body = cnls_page().encode("cp1252")
    assert speaker_and_title(body, "text/html; charset=windows-1252") == (NAME, NAME, TITLE)


@pytest.mark.parametrize("meta", [
    '<meta charset="windows-1252">',
    "<meta charset=iso-8859-1>",  # latin-1 means windows-1252 on the web
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">',
    "<meta content='text/html; charset=\"latin1\"' http-equiv='content-type'>",
])
def test_windows_1252_by_meta_only(meta):
    body = cnls_page(meta).encode("cp1252")
    assert sniff_encoding(body, "text/html")[1] == "meta"
    assert speaker_and_title(body, "text/html") == (NAME, NAME, TITLE)


def test_undeclared_latin_bytes_are_detected():
    body = cnls_page().encode("cp1252")
    assert sniff_encoding(body) == ("cp1252", "detected")
    assert speaker_and_title(body) == (NAME, NAME, TITLE)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_a_text_page(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    body = bom + cnls_page('<meta charset="utf-16">').encode(codec)
    assert speaker_and_title(body, "text/html; charset=windows-1252") == (NAME, NAME, TITLE)


def test_header_wins_over_meta_and_bom_over_both():
    body = cnls_page('<meta charset="utf-8">').encode("cp1252")
    assert sniff_encoding(body, "text/html; charset=cp1252") == ("cp1252", "header")
    utf8 = codecs.BOM_UTF8 + cnls_page('<meta charset="windows-1252">').encode("utf-8")
    assert sniff_encoding(utf8, 'text/html; charset="iso-8859-1"') == ("utf-8", "bom")
    assert NAME in page_text(utf8, "text/html; charset=iso-8859-1")
    assert not page_text(utf8).startswith("\ufeff")


def test_utf16_declared_in_meta_means_utf8():
    body = cnls_page('<meta charset="utf-16le">').encode("utf-8")
    assert sniff_encoding(body) == ("utf-8", "meta")


def test_prescan_reads_only_the_first_1024_bytes_and_skips_comments():
    late = b"<html>" + b" " * 1024 + b'<meta charset="koi8-r">' + "\u00e9".encode("cp1252")
    assert sniff_encoding(late)[1] != "meta"
    commented = b'<!-- <meta charset="koi8-r"> --><meta charset="windows-1250">'
    assert sniff_encoding(commented) == ("cp1250", "meta")


@pytest.mark.parametrize("label,codec", [
    ("latin1", "cp1252"), (" ISO-8859-1 ", "cp1252"), ("ascii", "cp1252"), ("us-ascii", "cp1252"),
    ("iso-8859-9", "cp1254"), ("gb2312", "gb18030"), ("shift_jis", "cp932"), ("euc-kr", "cp949"),
    ("utf8", "utf-8"), ("iso-2022-kr", None), ("no-such-charset", None), ("", None),
])
def test_whatwg_labels(label, codec):
    assert encoding_for_label(label) == codec


def test_unknown_declarations_fall_through_to_the_bytes():
    body = "<p>Jos\u00e9</p>".encode()
    assert sniff_encoding(body, "text/html; charset=x-bogus") == ("utf-8", "utf-8")


def test_valid_utf8_never_reaches_the_detector(monkeypatch):
    def refuse(body: bytes) -> str:
        raise AssertionError("detector called on valid UTF-8")

    monkeypatch.setattr(decode, "_detect", refuse)
    assert page_text(cnls_page().encode("utf-8")).count(NAME) == 2
    # a multi-byte character cut at the end (a truncated body) is still UTF-8
    assert sniff_encoding("<p>caf\u00e9".encode()[:-1]) == ("utf-8", "utf-8")


def test_binary_is_still_binary():
    with pytest.raises(ParseError, match="binary"):
        parse_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, URL, "cnls")


# -- the commands ------------------------------------------------------------------------------


def test_parse_file_with_meta_only(tmp_path):
    page = tmp_path / "talk.html"
    page.write_bytes(cnls_page("<meta charset=windows-1252>").encode("cp1252"))
    r = seminars("parse", page, "--site", "cnls", "--url", URL)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["speakers"][0]["name"] == NAME


def test_parse_url_with_header_charset(loopback_site):
    url = loopback_site.add("/talk.php", cnls_page().encode("cp1252"),
                            content_type="text/html; charset=windows-1252")
    r = seminars("parse", url, "--site", "cnls")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["speakers"][0]["name"] == NAME


def test_crawl_stores_header_declared_page_right(loopback_site, tmp_path):
    url = loopback_site.add("/External/showtalksummary.php?selection=1", cnls_page().encode("cp1252"),
                            content_type="text/html; charset=windows-1252")
    config = tmp_path / "sources.toml"
    config.write_text("[crawl]\nper_host_delay = 0\ntimeout = 5\n\n"
                      f'[[source]]\nname = "old-php"\nurl = "{url}"\nsite = "cnls"\n')
    db = tmp_path / "s.db"
    r = seminars("crawl", "--config", config, db=db)
    assert r.returncode == 0, r.stderr
    assert stored_names(db) == [NAME]
    # the store keeps the bytes, not the header: a reparse finds the charset by detection
    r = seminars("reparse", db=db)
    assert r.returncode == 0, r.stderr
    assert stored_names(db) == [NAME]


def stored_names(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        stored = [json.loads(j) for (j,) in con.execute("SELECT json FROM records")]
    return [s["name"] for t in stored for s in t["speakers"]]


@pytest.mark.parametrize("source", ["/dev/zero", "big"])
def test_parse_stops_at_max_bytes(tmp_path, source):
    if source == "big":
        big = tmp_path / "big.html"
        with big.open("wb") as fh:
            fh.truncate(64 << 20)  # sparse: 64 MiB of zeros that take no disk
        source = str(big)
    started = time.monotonic()
    r = seminars("parse", source, "--site", "cnls")
    assert time.monotonic() - started < 20
    assert r.returncode == 1 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "larger than 5000000 bytes" in lines[0], r.stderr


def test_non_ascii_past_the_detectors_sample_is_not_lost():
    body = b"<p>" + b"plain ascii text. " * 20_000 + f"<b>{NAME}</b>".encode("cp1252")
    assert len(body) > decode._DETECT_BYTES
    assert page_text(body).endswith(f"<b>{NAME}</b>")
