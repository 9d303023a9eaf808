"""Crawl scope: a listing page is untrusted input (issue 8, item 2).

Links are followed only over http(s) to the listing's own host or `follow_hosts`, file:
links only from a file listing and only below its folder, at most `max_pages` per source
and run, never from a talk page; a redirect from a public host into an internal address is
refused. Crawls run against real loopback servers; the public host of the redirect test is
an httpx transport, since no public host exists in a test.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import httpx
import pytest

from seminars.scope import link_refusal
from seminars.scrapers.fetch import CrawlSettings, Fetcher, FetchRequest
from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
TALK = (ROOT / "fixtures" / "cnls" / "colloquium.html").read_bytes()
LISTING_URL = "https://cnls.lanl.gov/External/Seminars.php"


@pytest.mark.parametrize("link,listing,follow,allowed", [
    ("https://cnls.lanl.gov/External/showtalksummary.php?selection=1", LISTING_URL, (), True),
    ("http://CNLS.lanl.gov./x", LISTING_URL, (), True),
    ("https://www.lanl.gov/x", LISTING_URL, (), False),
    ("https://www.lanl.gov/x", LISTING_URL, ("www.lanl.gov",), True),
    ("file:///etc/passwd?showtalksummary.php?x&selection=1", LISTING_URL, (), False),
    ("ftp://cnls.lanl.gov/x", LISTING_URL, (), False),
    ("javascript:alert(1)", LISTING_URL, (), False),
    ("gopher://cnls.lanl.gov/", LISTING_URL, ("cnls.lanl.gov",), False),
    ("file:///data/pages/talk1.html", "file:///data/pages/listing.html", (), True),
    ("file:///data/pages/../../etc/passwd", "file:///data/pages/listing.html", (), False),
    ("file:///data/pages/%2e%2e/%2e%2e/etc/passwd", "file:///data/pages/listing.html", (), False),
    ("file:///data/pages/..%2f..%2fetc/passwd", "file:///data/pages/listing.html", (), False),
    ("file:///data/pages/sub/talk%201.html", "file:///data/pages/listing.html", (), True),
    ("file:///etc/passwd", "file:///data/pages/listing.html", (), False),
    ("https://cnls.lanl.gov/x", "file:///data/pages/listing.html", (), False),
])
def test_link_scope_rules(link, listing, follow, allowed):
    assert (link_refusal(link, listing, follow) is None) is allowed


def _listing(links: list[str]) -> str:
    items = "\n".join(f'<tr><td><a href="{u}">Talk {i}</a></td><td>Tuesday, May {i % 28 + 1}, 2024</td></tr>'
                      for i, u in enumerate(links))
    return f"<html><body><h1>CNLS Seminars</h1><table>{items}</table></body></html>"


def _config(tmp: Path, url: str, **source: object) -> Path:
    lines = ["[crawl]", "per_host_delay = 0", "timeout = 3", "retries = 0", "",
             "[[source]]", 'name = "cnls-listing"', f'url = "{url}"', 'site = "cnls"']
    lines += [f"{k} = {v!r}".replace("'", '"') for k, v in source.items()]
    p = tmp / "sources.toml"
    p.write_text("\n".join(lines) + "\n")
    return p


def _stored_urls(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    return {r[0] for r in con.execute("SELECT url FROM fetches")}


def test_listing_links_stay_on_the_listing_host(loopback_sites, tmp_path):
    own = loopback_sites("127.0.0.1")
    other = loopback_sites("127.0.0.2")
    on_own = [own.add(f"/External/showtalksummary.php?selection={i}", TALK) for i in (1, 2)]
    on_other = other.add("/External/showtalksummary.php?selection=3", TALK)
    evil = "file:///etc/passwd?showtalksummary.php?x&selection=4"
    url = own.add("/External/Seminars.php", _listing([*on_own, on_other, evil]))
    db = tmp_path / "s.db"

    r = seminars("crawl", "--config", str(_config(tmp_path, url)), db=db)
    assert r.returncode == 0, r.stderr
    assert _stored_urls(db) == {url, *on_own}
    assert sum(other.requests.values()) == 0
    dump = "\n".join(str(row) for row in sqlite3.connect(db).iterdump())
    assert "root:x:0:0" not in dump and "/etc/passwd" not in dump

    # follow_hosts widens the scope to a named host, and only to it.
    db2 = tmp_path / "s2.db"
    r = seminars("crawl", "--config", str(_config(tmp_path, url, follow_hosts=["127.0.0.2"])), db=db2)
    assert r.returncode == 0, r.stderr
    assert _stored_urls(db2) == {url, *on_own, on_other}
    assert other.requests["/External/showtalksummary.php?selection=3"] == 1


def test_max_pages_caps_a_run_and_warns_once(loopback_site, tmp_path):
    links = [loopback_site.add(f"/External/showtalksummary.php?selection={i}", TALK) for i in range(1, 31)]
    url = loopback_site.add("/External/Seminars.php", _listing(links))
    db = tmp_path / "s.db"
    cfg = _config(tmp_path, url, max_pages=10)

    first = seminars("crawl", "--config", str(cfg), db=db)
    assert first.returncode == 0, first.stderr
    warnings = [line for line in first.stderr.splitlines() if "max_pages" in line]
    assert len(warnings) == 1 and "21 of 30 linked pages not fetched" in warnings[0], first.stderr
    fetched = [p for p, n in loopback_site.requests.items() if "selection=" in p and n]
    assert len(fetched) == 9  # the listing is the tenth page

    second = seminars("crawl", "--config", str(cfg), db=db)
    assert second.returncode == 0 and "max_pages" not in second.stderr  # said once, not hourly
    assert len([p for p, n in loopback_site.requests.items() if "selection=" in p and n]) == 9


def test_talk_pages_links_are_not_followed(loopback_site, tmp_path):
    deeper = [loopback_site.add(f"/External/showtalksummary.php?selection={i}", TALK) for i in (10, 11, 12)]
    # The listing links a page that is itself a listing: its links are not followed.
    second_level = loopback_site.add("/External/showtalksummary.php?selection=1", _listing(deeper))
    third = loopback_site.add("/External/showtalksummary.php?selection=2", TALK)
    url = loopback_site.add("/External/Seminars.php", _listing([second_level, third]))
    db = tmp_path / "s.db"
    r = seminars("crawl", "--config", str(_config(tmp_path, url)), db=db)
    assert r.returncode in (0, 1), r.stderr  # the listing-shaped talk page may parse to nothing
    assert all(loopback_site.requests[u.removeprefix(loopback_site.url(""))] == 0 for u in deeper)
    # ... but the listing's own links were followed
    assert loopback_site.requests["/External/showtalksummary.php?selection=1"] == 1
    assert loopback_site.requests["/External/showtalksummary.php?selection=2"] == 1


def test_file_listing_follows_only_files_in_its_folder(tmp_path):
    pages = tmp_path / "pages"
    outside = tmp_path / "elsewhere"
    pages.mkdir()
    outside.mkdir()
    (pages / "showtalksummary.php").write_bytes(TALK)
    (outside / "showtalksummary.php").write_bytes(TALK.replace(b"Colloquium", b"SECRETMARK"))
    links = [(pages / "showtalksummary.php").as_uri() + "?selection=1",
             (outside / "showtalksummary.php").as_uri() + "?selection=2"]
    (pages / "listing.html").write_text(_listing(links))
    db = tmp_path / "s.db"
    r = seminars("crawl", "--config", str(_config(tmp_path, (pages / "listing.html").as_uri())), db=db)
    assert r.returncode == 0, r.stderr
    assert _stored_urls(db) == {(pages / "listing.html").as_uri(), links[0]}


def test_redirect_from_public_host_to_internal_address_is_refused(loopback_site):
    inner = loopback_site.add("/admin", "internal only")
    targets = [inner, "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::1]:9/"]

    async def fetch(target: str):
        def handler(request: httpx.Request) -> httpx.Response:
            assert request.url.host == "93.184.216.34", f"followed into {request.url}"
            return httpx.Response(302, headers={"Location": target}, stream=httpx.ByteStream(b""))

        settings = CrawlSettings(per_host_delay=0, obey_robots=False, retries=0)
        async with Fetcher(settings, client=httpx.AsyncClient(transport=httpx.MockTransport(handler))) as f:
            return await f.fetch(FetchRequest("http://93.184.216.34/talks"))

    for target in targets:
        res = asyncio.run(fetch(target))
        assert not res.ok and "refused redirect from public host 93.184.216.34" in res.error, res
    assert loopback_site.requests["/admin"] == 0


def test_redirect_between_internal_hosts_still_works(loopback_sites):
    a = loopback_sites("127.0.0.1")
    b = loopback_sites("127.0.0.2")
    target = b.add("/page", "<html><body>moved</body></html>")
    start = a.add("/old", "", fault="redirect", location=target)

    async def fetch():
        async with Fetcher(CrawlSettings(per_host_delay=0, obey_robots=False)) as f:
            return await f.fetch(FetchRequest(start))

    res = asyncio.run(fetch())
    assert res.ok and res.final_url == target and b"moved" in res.body
