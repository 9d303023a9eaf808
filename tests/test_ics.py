"""The calendar export read back as calendar apps read it: icalendar and recurring-ical-events.

Every timed talk must come back as an aware datetime equal to the record's start, across the
2026 DST changes (US Mar 8 / Nov 1, EU Mar 29 / Oct 25) and in three zones.
"""

from __future__ import annotations

import csv
import json
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from tests.cli import seminars
from tests.corpus import CORPUS, needs_corpus

ZONES = ("America/New_York", "America/Denver", "Europe/London")
# A week before and after each 2026 switch: US Mar 8, EU Mar 29, EU Oct 25, US Nov 1.
DST_DAYS = ("2026-03-03", "2026-03-12", "2026-03-24", "2026-04-02",
            "2026-10-20", "2026-10-28", "2026-11-05")
NAMES = ("Ana Ruiz", "Bo Lindqvist", "Chen Wei", "Dara Okafor", "Emil Novak", "Farah Haddad",
         "Goran Petrov", "Hana Sato", "Ivan Morales", "Julia Brandt", "Kofi Mensah", "Lena Fischer",
         "Marco Bianchi", "Nadia Rahman", "Oskar Nilsson", "Priya Raman", "Quentin Dubois",
         "Rosa Almeida", "Sven Halvorsen", "Tariq Aziz", "Uma Krishnan", "Viktor Orban-Szabo",
         "Wen Zhao", "Xenia Popova", "Yusuf Demir", "Zoe Carter")
TOPICS = ("sparse solvers", "plasma edges", "graph learning", "ocean mixing", "neutron optics",
          "protein folding", "reduced models", "quantum sensing", "turbulent flames")
INST = {"America/New_York": "ORNL", "America/Denver": "LANL", "Europe/London": "UCL"}


def sem(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    r = seminars(*args, db=db)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def record(n: int, day: str, tz: str, *, hour: int | None = 11, **extra) -> dict:
    """A talk at hour:00 local time at the venue, its start written with that day's offset."""
    d = date.fromisoformat(day)
    start = end = None
    if hour is not None:
        s = datetime.combine(d, time(hour), ZoneInfo(tz))
        start, end = s.isoformat(), (s + timedelta(minutes=90)).isoformat()
    title = f"{TOPICS[n % len(TOPICS)].capitalize()} by {NAMES[n % len(NAMES)].split()[1]}"
    rec = {"title": title, "speakers": [{"name": NAMES[n % len(NAMES)],
           "affiliation": f"Lab {n}"}], "date": day, "start": start, "end": end, "timezone": tz,
           "institution": INST.get(tz, "X"), "source_url": f"https://example.org/{tz}/{n}"}
    return {**rec, **extra}


def import_records(db: Path, records: list[dict], name: str = "in.jsonl") -> None:
    src = db.parent / name
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    sem(db, "import", str(src))


def export_ics(db: Path, out: Path, *filters: str) -> tuple[Calendar, bytes]:
    sem(db, "export", "--out", str(out), "--format", "ics", *filters)
    raw = (out / "talks.ics").read_bytes()
    return Calendar.from_ical(raw), raw


def by_url(cal: Calendar) -> dict[str, object]:
    return {str(e["URL"]): e for e in cal.walk("VEVENT")}


def expanded(cal: Calendar) -> dict[str, object]:
    """The events as recurring-ical-events expands them over the years the tests use."""
    evs = recurring_ical_events.of(cal).between(date(2023, 1, 1), date(2028, 1, 1))
    return {str(e["URL"]): e for e in evs}


def tzids_used(cal: Calendar) -> set[str]:
    out = set()
    for e in cal.walk("VEVENT"):
        for prop in ("DTSTART", "DTEND"):
            tzid = e[prop].params.get("TZID")
            if tzid:
                out.add(str(tzid))
    return out


def test_timed_talks_keep_their_instant_and_zone_across_dst(tmp_path):
    db = tmp_path / "s.db"
    recs = [record(i * len(DST_DAYS) + j, day, tz)
            for i, tz in enumerate(ZONES) for j, day in enumerate(DST_DAYS)]
    import_records(db, recs)
    cal, raw = export_ics(db, tmp_path / "o")
    events, flat = by_url(cal), expanded(cal)
    assert len(events) == len(flat) == len(recs)
    for r in recs:
        want_start, want_end = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
        for e in (events[r["source_url"]], flat[r["source_url"]]):
            start, end = e.decoded("DTSTART"), e.decoded("DTEND")
            assert start.tzinfo is not None and end.tzinfo is not None, r
            assert start == want_start and end == want_end, r
            # the venue's wall clock, not a fixed offset: 11:00 on both sides of the switch
            assert start.astimezone(ZoneInfo(r["timezone"])).hour == 11
        assert str(events[r["source_url"]]["DTSTART"].params["TZID"]) == r["timezone"]
    assert b'TZID="UTC' not in raw and b"TZID=UTC-" not in raw
    # every TZID names a VTIMEZONE of this calendar, whose own rules give each talk's offset
    vtz = {str(z["TZID"]): z for z in cal.walk("VTIMEZONE")}
    assert tzids_used(cal) == set(ZONES) == set(vtz)
    for r in recs:
        rules = vtz[r["timezone"]].to_tz()
        local = datetime.fromisoformat(r["start"]).replace(tzinfo=None)
        assert rules.utcoffset(local) == datetime.fromisoformat(r["start"]).utcoffset(), r
    # three zones in equal shares: none dominates, so no X-WR-TIMEZONE
    assert "X-WR-TIMEZONE" not in cal


def test_untimed_and_unzoned_talks(tmp_path):
    db = tmp_path / "s.db"
    recs = [
        record(1, "2026-03-10", "America/Denver", hour=None),  # date only: all-day
        record(2, "2026-03-11", "Europe/London", hour=None),
        record(3, "2026-03-12", "America/New_York",
               start="2026-03-12T15:00:00+00:00", timezone="UTC"),  # no venue zone: UTC
        record(4, "2026-03-13", "America/New_York",
               start="2026-03-13T10:00:00-04:00", end=None, timezone="UTC"),
        record(5, "2026-03-14", "America/New_York", date=None, start=None, end=None),  # TBD
        record(6, "2026-03-16", "America/New_York"),
        record(7, "2026-03-17", "America/New_York"),
        record(8, "2026-03-18", "America/New_York"),
        record(9, "2026-03-19", "America/New_York"),
        record(10, "2026-03-20", "America/New_York", hour=None),
    ]
    import_records(db, recs)
    cal, raw = export_ics(db, tmp_path / "o")
    events, flat = by_url(cal), expanded(cal)
    urls = [r["source_url"] for r in recs]
    assert set(events) == set(flat) == set(urls) - {urls[4]}
    for r in recs[:2]:
        for e in (events[r["source_url"]], flat[r["source_url"]]):
            assert type(e.decoded("DTSTART")) is date and e.decoded("DTSTART") == date.fromisoformat(r["date"])
        assert events[r["source_url"]].decoded("DTEND") == date.fromisoformat(r["date"]) + timedelta(days=1)
    assert raw.count(b"DTSTART;VALUE=DATE:") == 3
    for r in recs[2:4]:
        ev = events[r["source_url"]]
        assert ev["DTSTART"].to_ical().endswith(b"Z") and "TZID" not in ev["DTSTART"].params
        assert ev.decoded("DTSTART") == datetime.fromisoformat(r["start"])
        assert flat[r["source_url"]].decoded("DTSTART") == datetime.fromisoformat(r["start"])
    # no end printed: an hour
    assert events[urls[3]].decoded("DTEND") - events[urls[3]].decoded("DTSTART") == timedelta(hours=1)
    # New York is the venue of 5 of the 9 talks (one all-day): subscribers default to it
    assert str(cal["X-WR-TIMEZONE"]) == "America/New_York"
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == tzids_used(cal) == {"America/New_York"}


def test_cancelled_talk_keeps_its_uid_with_a_higher_sequence(tmp_path):
    db = tmp_path / "s.db"
    talk = record(1, "2026-03-26", "Europe/London")
    other = record(2, "2026-04-02", "Europe/London")
    import_records(db, [talk, other], "a.jsonl")
    before = by_url(export_ics(db, tmp_path / "a")[0])
    import_records(db, [{**talk, "status": "cancelled"}, other], "b.jsonl")
    cal, _ = export_ics(db, tmp_path / "b")
    after, flat = by_url(cal), expanded(cal)
    url = talk["source_url"]
    b, a = before[url], after[url]
    assert str(a["UID"]) == str(b["UID"])
    assert int(a["SEQUENCE"]) > int(b["SEQUENCE"])
    assert str(b["STATUS"]) == "CONFIRMED" and str(a["STATUS"]) == "CANCELLED"
    assert str(a["SUMMARY"]).startswith("Cancelled: ")
    assert a.decoded("DTSTART") == b.decoded("DTSTART") == datetime.fromisoformat(talk["start"])
    assert flat[url].decoded("DTSTART") == datetime.fromisoformat(talk["start"])
    # the untouched talk is not re-sent as a revision
    assert int(after[other["source_url"]]["SEQUENCE"]) == int(before[other["source_url"]]["SEQUENCE"])
    # reinstated: a third revision, never back to an older sequence number
    import_records(db, [talk, other], "c.jsonl")
    again = by_url(export_ics(db, tmp_path / "c")[0])[url]
    assert str(again["UID"]) == str(a["UID"]) and int(again["SEQUENCE"]) > int(a["SEQUENCE"])
    assert str(again["STATUS"]) == "CONFIRMED"


def test_subscriber_metadata(tmp_path):
    db = tmp_path / "s.db"
    rec = record(1, "2026-03-03", "America/Denver", series="CNLS Colloquium", host="Will T (T-5)",
                 abstract="On kernels.", location="CNLS Conference Room",
                 speakers=[{"name": "Ana Ruiz", "affiliation": "Sandia"}, {"name": "Bo Li"}])
    import_records(db, [rec])
    cal, raw = export_ics(db, tmp_path / "o")
    assert str(cal["X-WR-CALNAME"]) == "Seminars"
    assert cal["REFRESH-INTERVAL"].to_ical() == b"PT12H" and b"X-PUBLISHED-TTL:PT12H" in raw
    assert str(cal["X-WR-TIMEZONE"]) == "America/Denver"
    (ev,) = cal.walk("VEVENT")
    assert str(ev["URL"]) == rec["source_url"]
    desc = str(ev["DESCRIPTION"])
    assert "Ana Ruiz (Sandia)" in desc and "Bo Li" in desc
    assert "Series: CNLS Colloquium" in desc and "Host: Will T (T-5)" in desc and "On kernels." in desc
    assert str(ev["LOCATION"]) == "CNLS Conference Room"
    assert str(ev["UID"]).endswith("@seminars") and ev.decoded("DTSTAMP").tzinfo is not None


def _two_series(db: Path) -> list[dict]:
    recs = [
        record(1, "2026-03-03", "America/New_York", series="ORNL AI Seminar Series"),
        record(2, "2026-03-12", "America/New_York", series="ORNL AI Seminar Series"),
        record(3, "2026-03-12", "America/New_York", series="ORNL Quantum Lunch"),
        record(4, "2026-03-12", "America/Denver", series="ORNL AI Seminar Series"),  # LANL
        # the same talk again at LANL: one merged talk, one occurrence per venue
        {**record(1, "2026-04-02", "America/Denver", series="CNLS Colloquium"),
         "source_url": "https://example.org/lanl/1"},
    ]
    import_records(db, recs)
    return recs


def test_export_and_query_take_the_same_filters(tmp_path):
    db = tmp_path / "s.db"
    recs = _two_series(db)
    cal, _ = export_ics(db, tmp_path / "ics", "--institution", "ORNL",
                        "--series", "ORNL AI Seminar Series")
    assert set(by_url(cal)) == {recs[0]["source_url"], recs[1]["source_url"]}
    assert str(cal["X-WR-CALNAME"]) == "Seminars: ORNL AI Seminar Series, ORNL"
    # the same selection in CSV, JSON and query (part of the name, any case)
    sem(db, "export", "--out", str(tmp_path / "csv"), "--institution", "ornl", "--series", "ai seminar")
    with (tmp_path / "csv" / "occurrences.csv").open(newline="", encoding="utf-8") as f:
        occ = list(csv.DictReader(f))
    assert sorted(o["source_urls"] for o in occ) == sorted(r["source_url"] for r in recs[:2])
    sem(db, "export", "--out", str(tmp_path / "json"), "--format", "json",
        "--institution", "ORNL", "--series", "AI Seminar")
    talks = json.loads((tmp_path / "json" / "talks.json").read_text(encoding="utf-8"))
    assert sorted(o["source_urls"] for t in talks for o in t["occurrences"]) == sorted(
        r["source_url"] for r in recs[:2])
    q = json.loads(sem(db, "query", "--series", "ai seminar", "--institution", "ORNL",
                       "--format", "json").stdout)
    assert sorted(r["source_urls"] for r in q) == sorted(r["source_url"] for r in recs[:2])
    # talks by one speaker, one file: both venues of the merged talk, whatever the series
    cal, _ = export_ics(db, tmp_path / "by", "--speaker", "bo lindqvist")
    assert set(by_url(cal)) == {recs[0]["source_url"], recs[4]["source_url"]}
    # a filtered view keeps the whole talk's title and counts only what it shows
    sem(db, "export", "--out", str(tmp_path / "l"), "--format", "json", "--series", "cnls")
    lanl = json.loads((tmp_path / "l" / "talks.json").read_text(encoding="utf-8"))
    assert [(t["title"], t["n_occurrences"]) for t in lanl] == [(recs[0]["title"], 1)]
    # dates select occurrences too
    q = json.loads(sem(db, "query", "--after", "2026-03-10", "--before", "2026-03-31",
                       "--series", "ORNL", "--format", "json").stdout)
    assert sorted(r["source_urls"] for r in q) == sorted(r["source_url"] for r in recs[1:4])
    compact = sem(db, "query", "--after", "20260310", "--before", "20260331", "--series", "ORNL",
                  "--format", "json").stdout
    assert json.loads(compact) == q


def test_bad_filter_is_one_line_and_writes_nothing(tmp_path):
    db = tmp_path / "s.db"
    _two_series(db)
    r = sem(db, "export", "--out", str(tmp_path / "o"), "--format", "ics", "--after", "March",
            check=False)
    assert r.returncode == 2 and "--after" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()
    r = sem(db, "query", "--series", "Nothing like it", "--format", "json")
    assert json.loads(r.stdout) == []


def test_calendar_bytes_api_for_feeds(tmp_path):
    from seminars.store.dataset import load_dataset
    from seminars.store.db import connect
    from seminars.store.ics import calendar_bytes
    from seminars.store.query import filter_talks

    db = tmp_path / "s.db"
    recs = _two_series(db)
    con = connect(db)
    talks = filter_talks(load_dataset(con), series="quantum")
    raw = calendar_bytes(talks, name="Quantum Lunch", url="http://127.0.0.1:8001/q.ics")
    cal = Calendar.from_ical(raw)
    assert str(cal["X-WR-CALNAME"]) == "Quantum Lunch"
    assert str(cal["URL"]) == "http://127.0.0.1:8001/q.ics" and str(cal["SOURCE"]) == str(cal["URL"])
    (ev,) = cal.walk("VEVENT")
    assert ev.decoded("DTSTART") == datetime.fromisoformat(recs[2]["start"])
    assert calendar_bytes([]).startswith(b"BEGIN:VCALENDAR")


def test_a_zone_unknown_here_is_written_in_utc():
    """Stores written before zones were checked, or on a system whose tzdata lacks one."""
    from dataclasses import replace

    from seminars.record import Speaker
    from seminars.store.dataset import MergedTalk, Occurrence, OccurrenceFields
    from seminars.store.ics import calendar_bytes

    fields = OccurrenceFields(date="2026-03-13", start="2026-03-13T10:00:00-04:00", end=None,
                              timezone="Nowhere/Atlantis", status="scheduled", title="T")
    occ = Occurrence("o1", "t1", fields, [Speaker("Ana Ruiz")], ["https://e.org/1"], 1, True)
    naive = Occurrence("o2", "t1", replace(fields, date="2026-03-14", start="2026-03-14T10:00:00",
                                           timezone="America/Denver"), [], ["https://e.org/2"], 1, True)
    cal = Calendar.from_ical(calendar_bytes([MergedTalk("t1", [occ, naive])]))
    ev = by_url(cal)
    assert ev["https://e.org/1"]["DTSTART"].to_ical() == b"20260313T140000Z"
    # a time printed without an offset is the venue's wall clock
    assert ev["https://e.org/2"].decoded("DTSTART") == datetime(2026, 3, 14, 10,
                                                                tzinfo=ZoneInfo("America/Denver"))
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == {"America/Denver"}


@needs_corpus
def test_real_corpus_every_event_is_aware_and_at_the_records_start(tmp_path):
    db = tmp_path / "s.db"
    rows = (CORPUS / "ornl" / "index.tsv").read_text().splitlines()[1:]
    for year, _commit, when, md, _html in (r.split("\t") for r in rows):
        if year in ("2024", "2025", "2026"):
            sem(db, "ingest", str(CORPUS / "ornl" / md), "--site", "ornl", "--url",
                f"https://ornl.github.io/events/ai-initiative-seminar-{year}/", "--observed-at", when)
    sem(db, "ingest", str(CORPUS / "seeds" / "lanl-cnls-talk.txt"), "--site", "cnls", "--url",
        "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027",
        "--observed-at", "2026-02-01T00:00:00Z")
    sem(db, "export", "--out", str(tmp_path / "j"), "--format", "json")
    occs = {o["occurrence_id"]: o for t in json.loads((tmp_path / "j" / "talks.json").read_text())
            for o in t["occurrences"]}
    cal, _ = export_ics(db, tmp_path / "o")
    events = {str(e["UID"]).removesuffix("@seminars"): e for e in cal.walk("VEVENT")}
    flat = recurring_ical_events.of(cal).between(date(2000, 1, 1), date(2030, 1, 1))
    assert len(flat) == len(events) == len([o for o in occs.values() if o["date"]]) > 20
    timed = 0
    for e in [*events.values(), *flat]:
        o = occs[str(e["UID"]).removesuffix("@seminars")]
        start = e.decoded("DTSTART")
        if o["start"]:
            timed += 1
            assert start.tzinfo is not None and start == datetime.fromisoformat(o["start"]), o
            assert str(e["DTSTART"].params.get("TZID")) == o["timezone"]
        else:
            assert start == date.fromisoformat(o["date"])
    assert timed > 20
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == tzids_used(cal)
    assert {"America/New_York", "America/Denver"} <= tzids_used(cal)
    # "ORNL AI seminars" as one file: exactly the dated ORNL AI occurrences
    ornl, _ = export_ics(db, tmp_path / "ornl", "--institution", "ORNL",
                         "--series", "ORNL AI Seminar Series")
    want = {i for i, o in occs.items() if o["date"] and o["institution"] == "ORNL"
            and o["series"] == "ORNL AI Seminar Series"}
    got = {str(e["UID"]).removesuffix("@seminars") for e in ornl.walk("VEVENT")}
    assert got == want and 0 < len(want) < len(events)
