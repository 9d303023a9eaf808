"""`seminars add URL` end to end against real HTTP servers on 127.0.0.1: discovery of what a
page offers, the preview, and the [[source]] block appended to the config."""

from __future__ import annotations

import csv
import json
import re
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from seminars.addsource import slug_for
from seminars.config import load_config
from seminars.discover import (
    PoliteFetch,
    _feed_links,
    _html_tree,
    _indico_export,
    discover,
    institution_from_host,
)
from seminars.scrapers.fetch import CrawlSettings
from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
CNLS_TALK = ROOT / "fixtures" / "cnls" / "colloquium.html"

# What the user's file held before `add`: comments and layout must survive byte for byte.
CONFIG_HEAD = """# my sources (hand-written; keep this comment)
[crawl]
per_host_delay = 0
timeout = 3
retries = 0

[[source]]
name   = "existing"   # odd spacing on purpose
url = "https://example.org/old-seminar/"
site = "generic"
timezone = "America/Chicago"
"""

SOON = date.today() + timedelta(days=10)
LATER = date.today() + timedelta(days=24)


def write_config(tmp: Path) -> Path:
    p = tmp / "sources.toml"
    p.write_bytes(CONFIG_HEAD.encode())
    return p


def added_sources(cfg: Path) -> list[dict]:
    return tomllib.loads(cfg.read_text())["source"][1:]


def export_rows(db: Path, out: Path) -> list[dict]:
    r = seminars("export", "--out", out, db=db)
    assert r.returncode == 0, r.stderr
    with (out / "occurrences.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def one_line_error(r) -> str:
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("seminars: error: "), r.stderr
    return lines[0]


# ---------------------------------------------------------------- pages served


def ics_feed(extra: int = 0) -> str:
    def event(uid: str, day: date, summary: str, room: str) -> list[str]:
        d = day.strftime("%Y%m%d")
        return ["BEGIN:VEVENT", f"UID:{uid}@seminars.test", "DTSTAMP:20260101T000000Z",
                f"DTSTART;TZID=Europe/Amsterdam:{d}T160000",
                f"DTEND;TZID=Europe/Amsterdam:{d}T170000",
                f"SUMMARY:{summary}", f"LOCATION:{room}", "END:VEVENT"]

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//seminars tests//EN",
             "X-WR-CALNAME:Theory Seminar", "X-WR-TIMEZONE:Europe/Amsterdam",
             "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
             "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
             "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
             "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
             "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
             "END:VTIMEZONE",
             *event("t1", SOON, "Ada Lovelace: Analytical Engines Revisited", "Room 1.01"),
             *event("t2", LATER, "Alan Turing: Morphogenesis and Pattern", "Room 2.02"),
             *(line for i in range(extra) for line in event(
                 f"x{i}", LATER + timedelta(days=7 * (i + 1)), f"Speaker {i}: Topic {i}", "Room 3")),
             "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def feed_page(feed_href: str, rel_link: bool = True) -> str:
    head = (f'<link rel="alternate" type="text/calendar" title="Seminar calendar" href="{feed_href}">'
            if rel_link else "")
    body = "" if rel_link else f'<p><a href="{feed_href}">Subscribe to the calendar</a></p>'
    return (f"<!doctype html><html><head><title>Theory Seminar</title>{head}</head><body>"
            f"<h1>Theory Seminar</h1><p>Talks are listed in our calendar.</p>{body}"
            "<p>Organisers: the theory group.</p></body></html>")


JSONLD_PAGE = """<!doctype html><html><head><title>Colloquium</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Event",
 "name": "Quantum Error Correction at Scale",
 "startDate": "%(day)sT15:00:00%(offset)s", "endDate": "%(day)sT16:00:00%(offset)s",
 "eventStatus": "https://schema.org/EventScheduled",
 "location": {"@type": "Place", "name": "Lecture Hall A",
              "address": {"@type": "PostalAddress", "addressLocality": "Jena"}},
 "performer": {"@type": "Person", "name": "Grace Hopper",
               "affiliation": {"@type": "Organization", "name": "Yale University"}},
 "description": "How to keep logical qubits alive for hours."}
</script></head>
<body><h1>Physics Colloquium</h1><p>Quantum Error Correction at Scale, Grace Hopper.</p>
</body></html>"""

GENERIC_PAGE = """<!doctype html><html><head><title>Mathematics Colloquium</title></head><body>
<h1>Mathematics Colloquium</h1>
<h2>Fall 2025</h2>
<p>Colloquia are held on Thursdays at 4:00 PM in Room 101, Hall of Sciences, unless otherwise
stated.</p>
<table>
<tr><th>Date</th><th>Speaker</th><th>Title</th></tr>
<tr><td>September 11</td><td>Emmy Noether (University of Göttingen)</td>
    <td>Invariants and Conservation Laws</td></tr>
<tr><td>September 18</td><td>Srinivasa Ramanujan (Trinity College)</td>
    <td>Partitions and Mock Theta Functions</td></tr>
<tr><td>September 25</td><td>Sofia Kovalevskaya (Stockholm University)</td>
    <td>Spinning Tops and Integrability</td></tr>
</table>
</body></html>"""


def indico_payload(event_url: str) -> str:
    def when(d: str, t: str) -> dict:
        return {"date": d, "time": t, "tz": "Europe/Zurich"}

    day = SOON.isoformat()
    contributions = [
        {"_type": "Contribution", "id": "1", "title": "Dark Matter Searches at the LHC",
         "startDate": when(day, "14:00:00"), "endDate": when(day, "14:45:00"),
         "duration": 45, "description": "", "room": "Main Auditorium", "location": "CERN",
         "speakers": [{"_type": "ContributionParticipation", "fullName": "Curie, Marie",
                       "first_name": "Marie", "last_name": "Curie", "affiliation": "Sorbonne"}]},
        {"_type": "Contribution", "id": "2", "title": "Neutrino Masses",
         "startDate": when(day, "15:00:00"), "endDate": when(day, "15:45:00"),
         "duration": 45, "description": "", "room": "Main Auditorium", "location": "CERN",
         "speakers": [{"_type": "ContributionParticipation", "fullName": "Pauli, Wolfgang",
                       "first_name": "Wolfgang", "last_name": "Pauli", "affiliation": "ETH Zurich"}]},
    ]
    event = {"_type": "Conference", "_fossil": "conferenceMetadataWithContribs", "id": "42",
             "title": "Physics Seminar Day", "category": "Seminars", "type": "meeting",
             "startDate": when(day, "14:00:00"), "endDate": when(day, "16:00:00"),
             "timezone": "Europe/Zurich", "location": "CERN", "room": "Main Auditorium",
             "url": event_url, "description": "", "chairs": [], "contributions": contributions}
    return json.dumps({"count": 1, "_type": "HTTPAPIResult", "complete": True,
                       "url": event_url, "ts": 1700000000, "results": [event]})


INDICO_EVENT_PAGE = """<!doctype html><html><head><title>Physics Seminar Day · Indico</title>
<meta name="generator" content="Indico 3.3"></head><body>
<div class="event-header"><h1>Physics Seminar Day</h1></div>
<footer>Powered by <a href="https://getindico.io">Indico</a></footer></body></html>"""


# ---------------------------------------------------------------- discovery, end to end


def test_linked_feed_is_found_previewed_added_and_crawled(loopback_site, tmp_path):
    page = loopback_site.add("/theory/seminar/", feed_page("/theory/seminar/calendar.ics"))
    loopback_site.add("/theory/seminar/calendar.ics", ics_feed(), content_type="text/calendar")
    cfg = write_config(tmp_path)

    preview = seminars("add", page, "--config", cfg)
    assert preview.returncode == 0, preview.stderr
    assert preview.stdout.startswith("ical: ")
    assert loopback_site.url("/theory/seminar/calendar.ics") in preview.stdout
    for text in ("Ada Lovelace", "Analytical Engines Revisited", SOON.isoformat(), "16:00–17:00",
                 "Alan Turing", "2 talk(s)", "Europe/Amsterdam", "not added"):
        assert text in preview.stdout, text
    assert cfg.read_bytes() == CONFIG_HEAD.encode()  # a preview writes nothing

    r = seminars("add", page, "--config", cfg, "--yes")
    assert r.returncode == 0, r.stderr
    written = cfg.read_bytes()
    assert written.startswith(CONFIG_HEAD.encode())  # appended, the rest untouched
    (src,) = added_sources(cfg)
    assert src == {"name": "127-0-0-1-theory-seminar",
                   "url": loopback_site.url("/theory/seminar/calendar.ics"), "site": "ical",
                   "timezone": "Europe/Amsterdam", "institution": "127.0.0.1"}
    names = [s.name for s in load_config(cfg).sources]
    assert names == ["existing", "127-0-0-1-theory-seminar"]

    # The config now crawls the feed (the old example.org source is the one left out).
    only_new = tmp_path / "new.toml"
    only_new.write_text(CONFIG_HEAD.split("[[source]]")[0] + written[len(CONFIG_HEAD):].decode())
    db = tmp_path / "s.db"
    crawl = seminars("crawl", "--config", only_new, db=db)
    assert crawl.returncode == 0, crawl.stderr
    rows = export_rows(db, tmp_path / "out")
    assert sorted((r["date"], r["start"][11:16], r["timezone"]) for r in rows) == [
        (SOON.isoformat(), "16:00", "Europe/Amsterdam"), (LATER.isoformat(), "16:00", "Europe/Amsterdam")]


def test_webcal_link_is_fetched_as_the_page_scheme(loopback_site, tmp_path):
    feed = loopback_site.add("/cal/seminar.ics", ics_feed(), content_type="text/calendar")
    webcal = "webcal://" + feed.removeprefix("http://")
    page = loopback_site.add("/seminar.html", feed_page(webcal, rel_link=False))

    r = seminars("add", page, "--config", write_config(tmp_path))

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ical: a webcal: link on the page")
    assert "Alan Turing" in r.stdout
    assert loopback_site.requests["/cal/seminar.ics"] == 1


def test_a_feed_on_another_host_names_the_page_host_as_institution(loopback_sites, tmp_path):
    calendars = loopback_sites("127.0.0.2")
    feed = calendars.add("/u/theory/basic.ics", ics_feed(), content_type="text/calendar")
    page = loopback_sites("127.0.0.1").add("/theory/", feed_page(feed))
    cfg = write_config(tmp_path)

    r = seminars("add", page, "--config", cfg, "--yes")

    assert r.returncode == 0, r.stderr
    (src,) = added_sources(cfg)
    assert (src["url"], src["institution"]) == (feed, "127.0.0.1")
    assert calendars.requests["/robots.txt"] == 1  # the feed's host is asked politely too


def test_preview_shows_fifteen_rows_then_a_count(loopback_site, tmp_path):
    feed = loopback_site.add("/long.ics", ics_feed(extra=18), content_type="text/calendar")

    r = seminars("add", feed, "--config", write_config(tmp_path))

    assert r.returncode == 0, r.stderr
    assert "20 talk(s)" in r.stdout and "… 5 more" in r.stdout
    assert "Topic 12" in r.stdout and "Topic 13" not in r.stdout  # by date, the first 15


def test_a_cnls_listing_is_offered_with_its_talk_links(loopback_site, tmp_path):
    page = loopback_site.add("/talks/list.html", (ROOT / "fixtures/cnls/listing.html").read_bytes())

    r = seminars("add", page, "--config", write_config(tmp_path))

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("cnls: the page looks like the cnls site parser")
    assert re.search(r"a listing linking [1-9]\d* talk page\(s\), followed by the crawl", r.stdout)


def test_a_feed_url_given_directly(loopback_site, tmp_path):
    feed = loopback_site.add("/calendar/seminars", ics_feed(), content_type="text/calendar")
    cfg = write_config(tmp_path)

    r = seminars("add", feed, "--config", cfg, "--yes")

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ical: the URL itself is a calendar feed")
    (src,) = added_sources(cfg)
    assert (src["site"], src["url"], src["timezone"]) == ("ical", feed, "Europe/Amsterdam")


def test_a_linked_feed_that_fails_leaves_the_page_parser_with_a_warning(loopback_site, tmp_path):
    page = loopback_site.add("/math/colloquium/", GENERIC_PAGE.replace(
        "</h1>", '</h1><a href="/math/colloquium/gone.ics">iCal</a>'))

    r = seminars("add", page, "--config", write_config(tmp_path))

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("generic: ")
    assert "Partitions and Mock Theta Functions" in r.stdout
    assert loopback_site.requests["/math/colloquium/gone.ics"] == 1
    assert "gone.ics: HTTP 404" in r.stderr


def test_cnls_page_on_an_unknown_url_is_sniffed(loopback_site, tmp_path):
    page = loopback_site.add("/mirror/talk-17.html", CNLS_TALK.read_bytes())
    cfg = write_config(tmp_path)

    r = seminars("add", page, "--config", cfg, "--yes")

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("cnls: the page looks like the cnls site parser")
    expected = json.loads(CNLS_TALK.with_suffix(".expected.json").read_text())["talks"][0]
    for text in (expected["date"], expected["start"][11:16] + "–" + expected["end"][11:16],
                 expected["speakers"][0]["name"], "1 talk(s)", "America/Denver"):
        assert text in r.stdout, text
    (src,) = added_sources(cfg)
    assert src == {"name": "127-0-0-1-mirror-talk-17", "url": page, "site": "cnls",
                   "timezone": "America/Denver", "institution": "LANL"}
    db = tmp_path / "s.db"
    only_new = tmp_path / "new.toml"
    only_new.write_text(CONFIG_HEAD.split("[[source]]")[0] + cfg.read_text()[len(CONFIG_HEAD):])
    crawl = seminars("crawl", "--config", only_new, db=db)
    assert crawl.returncode == 0, crawl.stderr
    (row,) = export_rows(db, tmp_path / "out")
    assert (row["date"], row["institution"]) == (expected["date"], "LANL")


def test_schema_org_events_on_a_page(loopback_site, tmp_path):
    offset = datetime.combine(SOON, time(15), ZoneInfo("Europe/Berlin")).isoformat()[-6:]
    page = loopback_site.add("/physics/colloquium",
                             JSONLD_PAGE % {"day": SOON.isoformat(), "offset": offset})
    cfg = write_config(tmp_path)

    r = seminars("add", page, "--config", cfg, "--yes", "--timezone", "Europe/Berlin")

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("jsonld: schema.org events on the page")
    for text in ("Grace Hopper (Yale University)", "Quantum Error Correction at Scale",
                 SOON.isoformat(), "15:00–16:00"):
        assert text in r.stdout, text
    (src,) = added_sources(cfg)
    assert (src["site"], src["url"], src["timezone"]) == ("jsonld", page, "Europe/Berlin")


def test_plain_seminar_page_uses_the_generic_parser(loopback_site, tmp_path):
    page = loopback_site.add("/math/colloquium/index.html", GENERIC_PAGE)
    cfg = write_config(tmp_path)

    r = seminars("add", page, "--config", cfg, "--yes", "--institution", "Example U")

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("generic: the generic parser on the page")
    for text in ("Emmy Noether", "Invariants and Conservation Laws", "2025-09-18",
                 "Sofia Kovalevskaya", "3 talk(s)"):
        assert text in r.stdout, text
    # Nothing on the page names a zone: the block says so instead of guessing one.
    assert "# timezone = " in cfg.read_text()
    assert "time zone is unknown" in r.stderr
    (src,) = added_sources(cfg)
    assert src == {"name": "127-0-0-1-math-colloquium", "url": page, "site": "generic",
                   "institution": "Example U"}
    assert load_config(cfg).sources[1].timezone is None


def test_indico_event_url_maps_to_the_export_api(loopback_site, tmp_path):
    page = loopback_site.add("/event/42/", INDICO_EVENT_PAGE)
    export = loopback_site.add("/export/event/42.json", indico_payload(page),
                               content_type="application/json")
    cfg = write_config(tmp_path)

    r = seminars("add", page, "--config", cfg, "--yes")

    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("indico: an Indico page: its export API")
    for text in ("Marie Curie (Sorbonne)", "Dark Matter Searches at the LHC", "Wolfgang Pauli",
                 "14:00–14:45"):
        assert text in r.stdout, text
    (src,) = added_sources(cfg)
    assert (src["site"], src["url"], src["timezone"]) == (
        "indico", export + "?detail=contributions", "Europe/Zurich")


# ---------------------------------------------------------------- refusals


def test_robots_txt_forbidding_the_page_is_a_one_line_refusal(loopback_sites, tmp_path):
    site = loopback_sites("127.0.0.1", robots_disallow=["/private/"])
    page = site.add("/private/seminar.html", GENERIC_PAGE)
    cfg = tmp_path / "new.toml"

    r = seminars("add", page, "--config", cfg, "--yes")

    assert r.returncode == 1
    assert "robots.txt" in one_line_error(r)
    assert site.requests["/private/seminar.html"] == 0
    assert not cfg.exists()


def test_page_that_cannot_be_fetched(loopback_site, tmp_path):
    r = seminars("add", loopback_site.url("/nothing-here"), "--config", tmp_path / "s.toml")
    assert r.returncode == 1
    assert "HTTP 404" in one_line_error(r)


def test_a_page_without_talks_is_refused_unless_a_site_is_forced(loopback_site, tmp_path):
    page = loopback_site.add("/seminar/", "<html><body><h1>Seminar</h1><p>The spring programme"
                                          " will be announced in January.</p></body></html>")
    cfg = tmp_path / "s.toml"

    r = seminars("add", page, "--config", cfg, "--yes")
    assert r.returncode == 1
    assert "no talks found (jsonld: no talks; generic: no talks)" in one_line_error(r)
    assert not cfg.exists()

    forced = seminars("add", page, "--config", cfg, "--yes", "--site", "generic",
                      "--timezone", "America/New_York")
    assert forced.returncode == 0, forced.stderr
    assert "0 talk(s)" in forced.stdout
    assert "no talks found on this page by the generic parser" in forced.stderr
    assert [(s.site, s.timezone) for s in load_config(cfg).sources] == [("generic", "America/New_York")]


def test_duplicate_url_or_name_is_refused_and_the_file_kept(loopback_site, tmp_path):
    page = loopback_site.add("/mirror/talk-17.html", CNLS_TALK.read_bytes())
    other = loopback_site.add("/mirror/talk-17.htm", CNLS_TALK.read_bytes())
    cfg = tmp_path / "fresh.toml"  # created by the first add

    first = seminars("add", page, "--config", cfg, "--yes")
    assert first.returncode == 0, first.stderr
    after_first = cfg.read_bytes()
    assert load_config(cfg).sources[0].site == "cnls"

    again = seminars("add", page + "/", "--config", cfg, "--yes")
    assert again.returncode == 2
    assert "already has a source for this URL: 127-0-0-1-mirror-talk-17" in one_line_error(again)
    named = seminars("add", other, "--config", cfg, "--yes", "--name", "127-0-0-1-mirror-talk-17")
    assert named.returncode == 2
    assert "already has a source named" in one_line_error(named)
    assert cfg.read_bytes() == after_first

    # the same slug from another URL gets a free name
    third = seminars("add", other, "--config", cfg, "--yes")
    assert third.returncode == 0, third.stderr
    assert [s.name for s in load_config(cfg).sources] == ["127-0-0-1-mirror-talk-17",
                                                         "127-0-0-1-mirror-talk-17-2"]


@pytest.mark.parametrize("args, message", [
    (["ftp://example.org/x"], "give the page's http(s):// URL"),
    (["http://127.0.0.1:9/x", "--timezone", "Mars/Olympus"], "unknown time zone"),
    (["http://127.0.0.1:9/x", "--site", "nope"], "unknown site 'nope'"),
])
def test_bad_usage(tmp_path, args, message):
    r = seminars("add", *args, "--config", tmp_path / "s.toml")
    assert r.returncode == 2
    assert message in one_line_error(r)


def test_broken_config_is_refused_before_fetching(loopback_site, tmp_path):
    page = loopback_site.add("/s.html", GENERIC_PAGE)
    cfg = tmp_path / "s.toml"
    cfg.write_text("[[source]\nname = 'x'\n")
    r = seminars("add", page, "--config", cfg, "--yes")
    assert r.returncode == 2
    assert "invalid TOML" in one_line_error(r)
    assert loopback_site.total_requests(include_robots=True) == 0


# ---------------------------------------------------------------- pieces


def test_discover_ranks_a_linked_feed_over_the_page_itself(loopback_site):
    page = loopback_site.add("/math/colloquium/", GENERIC_PAGE.replace(
        "</head>", '<link rel="alternate" type="text/calendar" href="cal.ics"></head>'))
    feed = loopback_site.add("/math/colloquium/cal.ics", ics_feed(), content_type="text/calendar")

    with PoliteFetch(CrawlSettings(per_host_delay=0, retries=0)) as fetch:
        offers = discover(page, fetch)

    assert [(o.site, o.url, len(o.talks)) for o in offers] == [("ical", feed, 2), ("generic", page, 3)]
    best = offers[0]
    assert best.found == "a calendar feed the page declares (<link rel=alternate>)"
    assert (best.timezone, best.warnings) == ("Europe/Amsterdam", [])
    assert [t.speakers[0].name for t in best.talks] == ["Ada Lovelace", "Alan Turing"]
    assert offers[1].timezone is None  # the generic parser's UTC is a default, not the venue's
    assert {o.institution for o in offers} == {"127.0.0.1"}  # not a parser's host stand-in


def test_feed_links_ranked_and_resolved():
    html = _html_tree("""<html><head>
      <link rel="alternate" type="text/calendar" href="/feeds/main.ics"></head><body>
      <a href="webcal://cal.example.org/s.ics">subscribe</a>
      <a href="events/?ical=1">iCal export</a>
      <a href="/feeds/main.ics#top">again</a>
      <a href="/talks/notes.pdf">notes</a></body></html>""")
    links = [u for u, _ in _feed_links(html, "https://dept.example.org/seminar/")]
    assert links == ["https://dept.example.org/feeds/main.ics", "https://cal.example.org/s.ics",
                     "https://dept.example.org/seminar/events/?ical=1"]


@pytest.mark.parametrize("url, text, export", [
    ("https://indico.cern.ch/event/1234/", "", "https://indico.cern.ch/export/event/1234.json?detail=contributions"),
    ("https://indico.cern.ch/category/72/", "", "https://indico.cern.ch/export/categ/72.json"),
    ("https://events.example.org/indico/event/9/timetable/", "Powered by <a>Indico</a>",
     "https://events.example.org/indico/export/event/9.json?detail=contributions"),
    ("https://events.example.org/event/9/", "a page about an event", None),
    ("https://indico.example.org/news/", "", None),
])
def test_indico_export_urls(url, text, export):
    assert _indico_export(url, text) == export


def test_names_from_urls():
    assert slug_for("https://physics.example.edu/events/colloquium/index.php") == \
        "physics-example-events-colloquium"
    assert slug_for("https://cnls.lanl.gov/External/showtalksummary.php?selection=9027") == \
        "cnls-lanl-external-showtalksummary-9027"
    assert institution_from_host("https://cnls.lanl.gov/x") == "LANL"
    assert institution_from_host("https://www.maths.ox.ac.uk/seminars") == "OX"
    assert institution_from_host("https://physics.columbia.edu/") == "Columbia"
