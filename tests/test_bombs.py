"""Compression bombs: the decoded-size cap holds whatever the Content-Encoding chain.

Each bomb decodes to 2 GiB of zeros. The crawl runs as a subprocess and its peak resident
memory is read from the kernel (wait4), so the figure is the whole process, not one object.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import os
import sqlite3
import subprocess
import sys
import tracemalloc
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from seminars.scrapers.content_encoding import BadEncoding, BodyTooLarge, ContentDecoder
from seminars.scrapers.fetch import CrawlSettings, Fetcher, FetchRequest, FetchResult

ROOT = Path(__file__).resolve().parents[1]
CNLS_PAGE = ROOT / "fixtures" / "cnls" / "colloquium.html"
BOMB_SIZE = 2 << 30
_SEGMENT = 16 << 20
FAST = CrawlSettings(per_host_delay=0.0, timeout=10.0, retries=0, max_bytes=5_000_000)
RSS_LIMIT_MB = 300


@functools.cache
def zeros_stream(total: int, kind: str) -> bytes:
    """One gzip member or zlib stream of `total` zero bytes, built without compressing them all.

    After a full flush the compressor starts afresh, so every further segment of zeros comes
    out as the same bytes: compress two, repeat the second, and write the true trailer.
    """
    wbits = 16 + zlib.MAX_WBITS if kind == "gzip" else zlib.MAX_WBITS
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    segment = b"\0" * _SEGMENT
    first = c.compress(segment) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(segment) + c.flush(zlib.Z_FULL_FLUSH)
    assert first.endswith(again)
    head = first[: len(first) - len(again)]
    end = c.flush(zlib.Z_FINISH)
    n = total // _SEGMENT
    if kind == "gzip":
        crc = 0
        for _ in range(n):
            crc = zlib.crc32(segment, crc)
        trailer = crc.to_bytes(4, "little") + (total % 2**32).to_bytes(4, "little")
        end = end[:-8] + trailer
    else:  # Adler-32 of zeros: a stays 1, b counts them
        end = end[:-4] + (((n * _SEGMENT) % 65521) << 16 | 1).to_bytes(4, "big")
    return head + again * n + end


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)


def bomb(chain: str) -> bytes:
    """The body for a Content-Encoding chain, innermost (first applied) coding first."""
    if chain == "gzip":
        return zeros_stream(BOMB_SIZE, "gzip")
    if chain == "gzip, gzip":
        return gzip_bytes(zeros_stream(BOMB_SIZE, "gzip"))
    if chain == "deflate, gzip":
        return gzip_bytes(zeros_stream(BOMB_SIZE, "deflate"))
    raise ValueError(chain)


CHAINS = ["gzip", "gzip, gzip", "deflate, gzip"]


def decode_all(chain: str, raw: bytes, limit: int, chunk: int = 65536, truncate: bool = False) -> bytes:
    dec = ContentDecoder(chain, limit, truncate)
    out = bytearray()
    for i in range(0, len(raw), chunk):
        out += dec.feed(raw[i : i + chunk])
    return bytes(out)


# -- the decoder alone -----------------------------------------------------------------------------


def test_the_bombs_are_real():
    # a small cousin of each, decoded by the standard library in full, is all zeros
    small = zeros_stream(3 * _SEGMENT, "gzip")
    assert gzip.decompress(small) == b"\0" * (3 * _SEGMENT)
    assert zlib.decompress(zeros_stream(3 * _SEGMENT, "deflate")) == b"\0" * (3 * _SEGMENT)
    assert len(bomb("gzip, gzip")) < 10_000  # 2 GiB from a few kilobytes


@pytest.mark.parametrize("chain", CHAINS)
def test_decoder_stops_at_the_cap_with_bounded_memory(chain):
    raw = bomb(chain)
    limit = 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(BodyTooLarge, match=f"^body larger than {limit} bytes$"):
            decode_all(chain, raw, limit)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * limit


@pytest.mark.parametrize(
    "chain,encode",
    [
        ("gzip, gzip", lambda b: gzip_bytes(gzip_bytes(b))),
        ("deflate, gzip", lambda b: gzip_bytes(zlib.compress(b))),
        ("gzip, deflate", lambda b: zlib.compress(gzip_bytes(b))),
        ("identity, gzip", gzip_bytes),
        ("x-gzip", gzip_bytes),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, no zlib wrapper
        ("gzip", lambda b: gzip_bytes(b[:7000]) + gzip_bytes(b[7000:])),  # two members
        ("", lambda b: b),
    ],
)
def test_ordinary_chains_decode_exactly(chain, encode):
    body = os.urandom(5000).hex().encode() + b"<p>talk</p>" * 3000
    for chunk in (1, 7, 65536):
        raw = encode(body)
        if chunk == 1:
            raw = raw[:4000]  # byte by byte is slow; the start is what is tricky
            assert body.startswith(decode_all(chain, raw, 10**7, chunk))
        else:
            assert decode_all(chain, raw, 10**7, chunk) == body


def test_truncate_keeps_the_first_bytes():
    raw = gzip_bytes(b"a" * 100_000)
    assert decode_all("gzip", raw, 1000, truncate=True) == b"a" * 1000


@pytest.mark.parametrize("chain", ["br", "compress", "gzip, zstd"])
def test_unknown_encoding_is_one_line_error(chain):
    with pytest.raises(BadEncoding, match="^unsupported Content-Encoding: "):
        ContentDecoder(chain, 1000)


def test_corrupt_gzip_is_one_line_error():
    with pytest.raises(BadEncoding, match="^could not decode gzip body: "):
        decode_all("gzip", b"\x1f\x8b\x08\x00" + b"\xff" * 100, 1000)


# -- through the fetcher ------------------------------------------------------------------------


def fetch(settings: CrawlSettings, url: str) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings) as f:
            return await f.fetch(FetchRequest(url))

    return asyncio.run(go())


@pytest.mark.parametrize("chain", CHAINS)
def test_fetch_of_a_bomb_fails_at_the_cap(loopback_site, chain):
    url = loopback_site.add("/bomb", bomb(chain), content_encoding=chain)
    result = fetch(replace(FAST, max_bytes=1_000_000), url)
    assert result.error == "body larger than 1000000 bytes" and result.body is None


def test_file_source_reads_no_more_than_the_cap():
    result = fetch(replace(FAST, max_bytes=1_000_000), "file:///dev/zero")
    assert result.error == "body larger than 1000000 bytes" and result.body is None


def test_fetch_decodes_a_stacked_page(loopback_site):
    page = "<p>Jos\u00e9 M\u00fcller</p>\n" * 500
    url = loopback_site.add("/twice", gzip_bytes(gzip_bytes(page.encode())),
                            content_encoding="gzip, gzip")
    result = fetch(FAST, url)
    assert result.ok and result.body == page.encode()


def test_fetch_of_unknown_encoding_fails_in_one_line(loopback_site):
    url = loopback_site.add("/br", b"\x0b\x02\x80hello\x03", content_encoding="br")
    result = fetch(FAST, url)
    assert result.error == "unsupported Content-Encoding: br" and result.body is None


# -- the whole crawl, in its own process ----------------------------------------------------------


# Run by a small wrapper: a child forked straight from pytest would inherit pytest's own peak
# (Linux carries the pre-exec high-water mark into ru_maxrss), and pytest holds the bombs.
_MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def crawl_measured(config: Path, db: Path, tmp: Path) -> tuple[int, str, float]:
    """Run `seminars crawl`; exit code, stderr and the crawl process's peak RSS in MB."""
    env = {k: v for k, v in os.environ.items() if k != "SEMINARS_DEBUG"}
    env["SEMINARS_DB"] = str(db)
    figure = tmp / "maxrss.txt"
    r = subprocess.run([sys.executable, "-c", _MEASURE, str(figure), sys.executable, "-m",
                        "seminars.cli", "crawl", "--config", str(config)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return r.returncode, r.stderr, int(figure.read_text()) * scale / 2**20


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource.getrusage")
@pytest.mark.parametrize("chain", CHAINS)
def test_crawl_meeting_a_bomb_exits_1_in_one_line_with_bounded_memory(loopback_site, tmp_path, chain):
    good = loopback_site.add("/External/showtalksummary.php?selection=1", CNLS_PAGE.read_bytes())
    evil = loopback_site.add("/External/showtalksummary.php?selection=2", bomb(chain),
                             content_encoding=chain)
    config = tmp_path / "sources.toml"
    config.write_text(
        "[crawl]\nper_host_delay = 0\ntimeout = 20\nretries = 0\n\n"  # max_bytes: the default
        f'[[source]]\nname = "good"\nurl = "{good}"\nsite = "cnls"\n\n'
        f'[[source]]\nname = "bomb"\nurl = "{evil}"\nsite = "cnls"\n'
    )
    code, stderr, peak_mb = crawl_measured(config, tmp_path / "s.db", tmp_path)

    assert code == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "bomb" in lines[0] and "larger than 5000000 bytes" in lines[0], stderr
    assert "Traceback" not in stderr
    assert peak_mb < RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    with sqlite3.connect(tmp_path / "s.db") as con:  # the good source was still stored
        assert con.execute("SELECT count(*) FROM records").fetchone()[0] == 1
    print(f"{chain}: peak RSS {peak_mb:.0f} MB")
