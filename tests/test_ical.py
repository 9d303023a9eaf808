"""The ical site beyond its golden files: bad feeds, the window, identity across runs, the
store (a cancelled instance alerts once) and the merge with a CNLS page."""

from __future__ import annotations

import csv
import json
import sqlite3
import time
from pathlib import Path

import pytest

from seminars.config import parse_config
from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.scrapers.registry import parse_page
from seminars.scrapers.sites import ical
from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
FEEDS = sorted((ROOT / "fixtures" / "ical").glob("*.ics")) + sorted(
    p for p in (ROOT / "fixtures" / "devset" / "feeds").glob("*.ics")
    if json.loads(p.with_name(p.stem + ".expected.json").read_text())["split"] == "dev"
)
URL = "https://math.example.edu/colloquium.ics"


def feed(*events: str, head: str = "X-WR-TIMEZONE:America/New_York") -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", head, *events,
                        "END:VCALENDAR", ""])


def vevent(uid: str, start: str, summary: str, *extra: str) -> str:
    return "\r\n".join(["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART;TZID=America/New_York:{start}",
                        f"SUMMARY:{summary}", *extra, "END:VEVENT"])


def parse(text: str, **ctx) -> list:
    return parse_page(text.encode(), site="ical", ctx=ParseContext(url=URL, **ctx)).talks


def one_line_error(tmp_path: Path, text: str | bytes, *args: str) -> str:
    p = tmp_path / "feed.ics"
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    r = seminars("parse", p, "--site", "ical", *args)
    assert r.returncode != 0 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


# ---------------------------------------------------------------- bad feeds


def test_not_a_calendar_is_one_line(tmp_path):
    msg = one_line_error(tmp_path, "<html><body><h1>Colloquium</h1></body></html>")
    assert "not an iCalendar feed" in msg


def test_a_cut_short_feed_is_one_line(tmp_path):
    text = feed(vevent("a@x", "20250305T160000", "Jane Doe: Talk")).replace("END:VCALENDAR\r\n", "")
    assert "END:VCALENDAR is missing" in one_line_error(tmp_path, text)


def test_a_bad_date_is_one_line(tmp_path):
    text = feed(vevent("a@x", "2025-03-05", "Jane Doe: Talk"))
    assert "bad date-time" in one_line_error(tmp_path, text)


def test_100000_events_are_refused_saying_so(tmp_path):
    events = "BEGIN:VEVENT\r\nEND:VEVENT\r\n" * 100_000
    text = f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n"
    t0 = time.perf_counter()
    msg = one_line_error(tmp_path, text)
    assert "100,000 events" in msg and "refused" in msg
    assert time.perf_counter() - t0 < 10  # counted, not parsed


@pytest.mark.parametrize("window", ["next year", "-365d", "+10d..-10d", "2025-13-01..2026-01-01"])
def test_a_bad_window_is_a_parse_error(window):
    text = feed(vevent("r@x", "20250305T160000", "Jane Doe: Talk", "RRULE:FREQ=WEEKLY"))
    with pytest.raises(ParseError, match="bad window") as e:
        parse(text, options={"window": window})
    assert "\n" not in str(e.value)


# ---------------------------------------------------------------- the window


def test_an_unbounded_rrule_is_bounded_by_the_window():
    text = feed(vevent("daily@x", "20200101T090000", "Jane Doe: Daily reading group",
                       "RRULE:FREQ=DAILY"))
    talks = parse(text, observed_at="2025-06-15T12:00:00Z", options={"window": "-10d..+20d"})
    dates = [t.date for t in talks]
    assert dates[0] == "2025-06-05" and dates[-1] == "2025-07-04" and len(dates) == 30
    assert len({t.uid for t in talks}) == 30
    # the default window: a year either side of when the feed was seen
    talks = parse(text, observed_at="2025-06-15T12:00:00Z")
    assert talks[0].date == "2024-06-15" and talks[-1].date == "2026-06-14" and len(talks) == 730


def test_a_rule_repeating_every_second_is_refused_quickly():
    text = feed(vevent("sec@x", "20250101T000000", "Jane Doe: Sparse recovery", "RRULE:FREQ=SECONDLY"))
    t0 = time.perf_counter()
    with pytest.raises(ParseError, match="repeats more than 10,000 times"):
        parse(text, observed_at="2025-06-15T12:00:00Z")
    assert time.perf_counter() - t0 < 10
    # hourly in a 2-day window is fine
    text = feed(vevent("h@x", "20250614T000000", "Jane Doe: Sparse recovery", "RRULE:FREQ=HOURLY"))
    assert len(parse(text, observed_at="2025-06-15T12:00:00Z", options={"window": "-1d..+1d"})) == 48


def test_single_events_outside_the_window_are_kept():
    text = feed(vevent("old@x", "20150305T160000", "Jane Doe: An old talk"))
    assert [t.date for t in parse(text, observed_at="2025-06-15T12:00:00Z")] == ["2015-03-05"]


def test_iso_window_and_cancelled_series():
    text = feed(vevent("w@x", "20250106T100000", "Colloquium: Jane Doe (MIT)", "RRULE:FREQ=WEEKLY",
                       "STATUS:CANCELLED"))
    talks = parse(text, options={"window": "2025-01-01..2025-01-31"})
    assert [t.date for t in talks] == ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"]
    assert {t.status for t in talks} == {"cancelled"}


# ---------------------------------------------------------------- the content-line reader


@pytest.mark.parametrize("path", FEEDS, ids=[p.name for p in FEEDS])
def test_own_reader_agrees_with_icalendar(path, monkeypatch):
    """Single events are read by our own content-line reader; sent through icalendar and
    recurring-ical-events instead, every feed gives the same records."""
    ctx = ParseContext(url=URL, timezone="Europe/Paris", options={"window": "1990-01-01..2035-12-31"})
    text = path.read_text(encoding="utf-8")
    fast = parse_page(text, site="ical", ctx=ctx).talks
    original = ical._components

    def all_recurring(t):
        cal, events, zones = original(t)
        for e in events:
            e.recurring = True
        return cal, events, zones

    monkeypatch.setattr(ical, "_components", all_recurring)
    slow = parse_page(text, site="ical", ctx=ctx).talks

    def key(t):
        return (t.date, t.start or "", t.title or "")

    assert sorted((t.to_dict() for t in fast), key=lambda d: (d["date"], d["start"] or "", d["title"] or "")) == \
        sorted((t.to_dict() for t in slow), key=lambda d: (d["date"], d["start"] or "", d["title"] or ""))
    assert len(fast) == len(slow) > 0 and sorted(map(key, fast)) == sorted(map(key, slow))


def test_a_reused_uid_keeps_events_apart():
    text = feed(vevent("same@x", "20250305T160000", "Jane Doe: First"),
                vevent("same@x", "20250312T160000", "John Roe: Second"))
    talks = parse(text)
    assert len(talks) == 2 and talks[0].uid != talks[1].uid


# ---------------------------------------------------------------- detection and config


def test_auto_finds_a_feed_by_content_and_by_url(tmp_path):
    p = tmp_path / "calendar.txt"
    p.write_text(feed(vevent("a@x", "20250305T160000", "Jane Doe: Sparse recovery")))
    r = seminars("parse", p, "--url", "https://example.edu/events?format=text")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["title"] == "Sparse recovery"
    site = parse_page(p.read_bytes(), ctx=ParseContext(url="webcal://example.edu/x.ics")).site
    assert site == "ical"


def test_webcal_sources_are_fetched_over_https():
    cfg = parse_config('[[source]]\nname = "cal"\nurl = "webcal://calendar.example.edu/math.ics"\n'
                       'site = "ical"\nwindow = "-30d..+90d"\n')
    src = cfg.sources[0]
    assert src.url == "https://calendar.example.edu/math.ics" and src.options == {"window": "-30d..+90d"}


# ---------------------------------------------------------------- the store


def _weekly_feed(cancel: str | None = None, title: str = "Mean-field limits") -> str:
    """A weekly colloquium from next week, one instance overridden with a speaker."""
    from datetime import date, timedelta

    first = date(2025, 1, 8)  # a Wednesday, a week after the first ingest
    talk_day = first + timedelta(days=14)
    rid = f"{talk_day:%Y%m%d}T160000"
    override = [
        "BEGIN:VEVENT", "UID:weekly@math.example.edu", f"RECURRENCE-ID;TZID=America/New_York:{rid}",
        f"DTSTART;TZID=America/New_York:{rid}", f"DTEND;TZID=America/New_York:{talk_day:%Y%m%d}T170000",
        f"SUMMARY:Colloquium: Lenya Ryzhik (Stanford University): {title}",
        *(["STATUS:CANCELLED"] if cancel else []), "END:VEVENT",
    ]
    master = vevent("weekly@math.example.edu", f"{first:%Y%m%d}T160000", "Colloquium",
                    f"DTEND;TZID=America/New_York:{first:%Y%m%d}T170000", "RRULE:FREQ=WEEKLY;COUNT=8")
    single = vevent("single@math.example.edu", f"{first:%Y%m%d}T120000", "Anna Gilbert: Sparse recovery")
    return feed(master, "\r\n".join(override), single)


def _ingest(db: Path, tmp_path: Path, text: str, when: str, url: str = URL) -> None:
    p = tmp_path / "feed.ics"
    p.write_text(text)
    r = seminars("ingest", p, "--site", "ical", "--url", url, "--observed-at", when, db=db)
    assert r.returncode == 0, r.stderr


def _records(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return sorted(con.execute("SELECT rec_key FROM records WHERE listed=1").fetchall())


def test_a_cancelled_instance_alerts_once(tmp_path):
    db = tmp_path / "s.db"
    _ingest(db, tmp_path, _weekly_feed(), "2025-01-01T00:00:00Z")
    _ingest(db, tmp_path, _weekly_feed(cancel="yes"), "2025-01-02T00:00:00Z")
    _ingest(db, tmp_path, _weekly_feed(cancel="yes"), "2025-01-03T00:00:00Z")
    r = seminars("alerts", "--all", "--format", "json", db=db)
    alerts = json.loads(r.stdout)
    cancelled = [a for a in alerts if a["type"] == "talk_cancelled"]
    assert len(cancelled) == 1 and "Ryzhik" in cancelled[0]["speaker"], alerts
    assert [a for a in alerts if a["type"] != "talk_cancelled"] == []


def test_ids_are_stable_across_runs_and_edits(tmp_path):
    db = tmp_path / "s.db"
    _ingest(db, tmp_path, _weekly_feed(), "2025-01-01T00:00:00Z")
    first = _records(db)
    assert len(first) == 2  # the overridden instance and the single event; empty slots are no talks
    _ingest(db, tmp_path, _weekly_feed(), "2025-01-02T00:00:00Z")
    assert _records(db) == first
    _ingest(db, tmp_path, _weekly_feed(title="Mean-field limits on sparse graphs"), "2025-01-03T00:00:00Z")
    assert _records(db) == first  # an edited SUMMARY is the same record, updated
    out = tmp_path / "out"
    assert seminars("export", "--out", out, db=db).returncode == 0
    with (out / "talks.csv").open(encoding="utf-8") as fh:
        titles = sorted(r["title"] for r in csv.DictReader(fh))
    assert titles == ["Mean-field limits on sparse graphs", "Sparse recovery"]


def test_a_feed_talk_merges_with_the_cnls_page(tmp_path):
    db = tmp_path / "s.db"
    cnls = ROOT / "fixtures" / "cnls" / "colloquium.html"
    cnls_url = json.loads(cnls.with_name("colloquium.expected.json").read_text())["url"]
    r = seminars("ingest", cnls, "--site", "cnls", "--url", cnls_url, "--observed-at",
                 "2014-02-01T00:00:00Z", db=db)
    assert r.returncode == 0, r.stderr
    title = "Turbulence, Intermittency and the Navier–Stokes Equations"
    text = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-CALNAME:CNLS Colloquium",
        "BEGIN:VEVENT", "UID:cnls-5012@lanl.example", "DTSTART;TZID=America/Denver:20140212T153000",
        "DTEND;TZID=America/Denver:20140212T163000", f"SUMMARY:Colloquium: {title} — Charles W. Redfield "
        "(University of Michigan)", "LOCATION:Physics Auditorium (TA-3\\, Bldg 215)", "END:VEVENT",
        "BEGIN:VEVENT", "UID:umich-0412@math.example.edu", "DTSTART;TZID=America/Detroit:20140412T160000",
        f"SUMMARY:Charles Redfield (University of Michigan): {title}", "END:VEVENT",
        "END:VCALENDAR", ""])
    _ingest(db, tmp_path, text, "2014-02-01T00:00:00Z", url="https://lanl.example/cnls.ics")
    out = tmp_path / "out"
    assert seminars("export", "--out", out, db=db).returncode == 0
    with (out / "talks.csv").open(encoding="utf-8") as fh:
        talks = list(csv.DictReader(fh))
    assert len(talks) == 1, talks
    assert talks[0]["n_occurrences"] == "2" and talks[0]["dates"] == "2014-02-12; 2014-04-12"
    with (out / "occurrences.csv").open(encoding="utf-8") as fh:
        occ = {r["date"]: r for r in csv.DictReader(fh)}
    assert occ["2014-02-12"]["source_urls"].count(";") == 1  # the page and the feed: one event


def test_programme_events_that_are_nobodys_talk_are_left_out():
    from seminars.scrapers.formats.ical_text import talk_fields
    for summary in ("Coffee Break", "Lunch", "Afternoon Break", "Problem Session 1.a: Kammoun",
                    "Organizational meeting", "Opening remarks"):
        assert talk_fields(summary, "Speaker: GSS Organizers") is None, summary
    assert talk_fields("Lunch seminar: Ann Lee", None).speakers[0].name == "Ann Lee"


def test_name_dash_title_when_the_title_could_pass_for_a_name():
    from seminars.scrapers.formats.ical_text import parse_summary, talk_fields
    assert parse_summary("Tereza Sokol – If Coco Chanel Reviewed Elm")[:2] == (
        "If Coco Chanel Reviewed Elm", [("Tereza Sokol", None)])
    f = talk_fields("Richard Feldman – Closing Keynote", None)
    assert (f.title, [s.name for s in f.speakers]) == (None, ["Richard Feldman"])


def test_numbered_lecture_with_a_surname_and_the_title_in_the_description():
    from seminars.scrapers.formats.ical_text import talk_fields
    f = talk_fields("Lecture 1.a: Blitvic", "Blitvic, Positivity Everywhere")
    assert (f.title, [s.name for s in f.speakers], f.abstract) == (
        "Positivity Everywhere", ["Blitvic"], None)


@pytest.mark.parametrize("summary, want", [
    # "Title, Name (Affiliation)", with a comma inside the brackets too
    ("Princeton Quantum Colloquium: An Astonishing Quantum Universe, Jainendra Jain (Penn State University)",
     ("An Astonishing Quantum Universe", [("Jainendra Jain", "Penn State University")])),
    ("Colloquium: TBD, Rahul Nandkishore (University of Colorado, Boulder)",
     ("TBD", [("Rahul Nandkishore", "University of Colorado, Boulder")])),
    # two names share the bracket after a dash
    ("Typičnost a související jevy I - Radim Bělohlávek, Tomáš Mikula (Univerzita Palackého)",
     ("Typičnost a související jevy I", [("Radim Bělohlávek", "Univerzita Palackého"),
                                          ("Tomáš Mikula", "Univerzita Palackého")])),
    # "given by A & B"
    ("MACSI Seminar: Week no 1 given by Hlib Husarov & Eberhard Mayerhofer",
     ("Week no 1", [("Hlib Husarov", None), ("Eberhard Mayerhofer", None)])),
    # a class year is not part of the name
    ("Zhuoran Yang *22, Yale University", (None, [("Zhuoran Yang", "Yale University")])),
])
def test_summary_conventions_of_cms_and_script_feeds(summary, want):
    from seminars.scrapers.formats.ical_text import parse_summary
    assert parse_summary(summary)[:2] == want


def test_a_description_whose_html_breaks_were_lost_still_has_its_labels():
    from seminars.scrapers.formats.ical_text import talk_fields
    f = talk_fields("Quantum Group Meeting: TBD - Chengyu Wang (Shayegan Group)",
                    "Title: TBDAbstract: TBDLunch will be provided at 12:00 PM in EQuad J401.")
    assert (f.title, f.abstract, [s.name for s in f.speakers]) == (None, None, ["Chengyu Wang"])
    f = talk_fields("NAM Talk", "Speaker: John Morrison, Professor of Philosophy, Barnard College, Columbia "
                                "UniversityTalk Abstract: Do they?&nbsp;Yes.")
    assert ([(s.name, s.affiliation) for s in f.speakers], f.abstract) == (
        [("John Morrison", "Barnard College, Columbia University")], "Do they? Yes.")
    assert talk_fields("Week no 3 given by Nico Gray", None).title is None


def test_a_summary_every_week_shares_is_the_series_and_the_description_names_the_speaker():
    events = [vevent(f"u{d}", f"202610{d:02d}T103000", "NAM Friday Talks", "DESCRIPTION:" + desc)
              for d, desc in ((2, "Kim Stachenfeld\\, Senior Research Scientist\\, Google DeepMind"),
                              (9, "Marcelo Mattar\\, New York University"),
                              (16, "room 5.078"))]
    talks = parse(feed(*events))
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers], t.series) for t in talks] == [
        (None, [("Kim Stachenfeld", "Google DeepMind")], "NAM Friday Talks"),
        (None, [("Marcelo Mattar", "New York University")], "NAM Friday Talks")]


def test_a_two_day_event_with_no_speaker_is_not_a_talk_and_a_room_is_not_an_abstract():
    talks = parse(feed(
        vevent("conf", "20261022T083000", "Quantum Technology Conference 2026", "DTEND;TZID=America/New_York:"
               "20261023T150000"),
        vevent("talk", "20261023T160000", "Nejjednodušší jazyk - Petr Jančar (Univerzita Palackého)",
               "DESCRIPTION:room 5.078")))
    assert [(t.title, t.location, t.abstract) for t in talks] == [("Nejjednodušší jazyk", "room 5.078", None)]


def test_a_site_name_every_summary_ends_with_is_not_part_of_the_titles():
    site = " - Example Webinars - ACM Chapter"
    events = [vevent(f"w{d}", f"202604{d:02d}T140000", summary + site) for d, summary in (
        (2, "Webinar: Teaching HPC - Ann Lee (Clemson University)"),
        (9, "Scaling Python - Bo Lind (Rice University)"),
        (16, "Data Movement - Cy Young (ORNL)"))]
    talks = parse(feed(*events))
    assert [(t.title, t.speakers[0].name) for t in talks] == [
        ("Teaching HPC", "Ann Lee"), ("Scaling Python", "Bo Lind"), ("Data Movement", "Cy Young")]


# ---------------------------------------------------------------- summary shapes


def test_a_pooled_calendars_series_tags_are_stripped_from_titles():
    talks = parse(feed(
        vevent("a", "20261103T160000", "BQSE - The Robustness of the Global Trading System",
               "DESCRIPTION:Speaker: Ada Byron"),
        vevent("b", "20261110T160000", "BAMS - Why Workers Stay: Pay\\, Beliefs\\, and Attachment",
               "DESCRIPTION:Speaker: Alan Turing"),
        vevent("c", "20261117T160000", "BQSE - Population Growth and Wildfire Mitigation",
               "DESCRIPTION:Speaker: Grace Hopper"),
        vevent("d", "20261124T160000", "BAMS - What Does Consulting Do?", "DESCRIPTION:Speaker: Emmy Noether")))
    assert [(t.title, t.series, t.speakers[0].name) for t in talks] == [
        ("The Robustness of the Global Trading System", "BQSE", "Ada Byron"),
        ("Why Workers Stay: Pay, Beliefs, and Attachment", "BAMS", "Alan Turing"),
        ("Population Growth and Wildfire Mitigation", "BQSE", "Grace Hopper"),
        ("What Does Consulting Do?", "BAMS", "Emmy Noether")]


def test_speaker_shapes_of_a_google_calendar_export():
    talks = parse(feed(
        vevent("a", "20261103T160000", "Prof Ada Byron - London School of Economics"),
        vevent("b", "20261110T160000", 'Alan Turing (Sydney) "Forecast Combination in Discrete Choice Models"'),
        vevent("c", "20261117T160000", "Dr Grace Hopper (Adelaide)",
               "DESCRIPTION:Irrelevant Instrumental Variables\\n\\nABSTRACT \\n\\nWhat an instrument can and "
               "cannot do.\\n\\nhttp://www.example.edu/hopper"),
        vevent("d", "20261124T160000", "Point patterns on the sphere",
               "DESCRIPTION:Institutional tag: \\n\\nLPP\\n\\nSpeaker(s): \\n\\nEmmy Noether")))
    assert [(t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        (None, "Ada Byron", "London School of Economics"),
        ("Forecast Combination in Discrete Choice Models", "Alan Turing", "Sydney"),
        ("Irrelevant Instrumental Variables", "Grace Hopper", "Adelaide"),
        ("Point patterns on the sphere", "Emmy Noether", None)]


def test_a_shared_talk_type_prefix_stays_the_talk_type():
    talks = parse(feed(*(vevent(f"c{n}", f"2026110{n}T160000", f"Colloquium - {title}", "DESCRIPTION:Speaker: Ada Byron")
                         for n, title in enumerate(["Engines of the Mind", "Difference Engines and Tables", "Notes on the Engine",
                                                    "Poetical Science"], start=1)),
                  head="X-WR-TIMEZONE:America/New_York\r\nX-WR-CALNAME:Physics Colloquium"))
    assert {(t.talk_type, t.series) for t in talks} == {("Colloquium", "Physics Colloquium")}
    assert [t.title for t in talks] == ["Engines of the Mind", "Difference Engines and Tables", "Notes on the Engine",
                                        "Poetical Science"]
