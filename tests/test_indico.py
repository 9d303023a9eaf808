"""The indico site beyond its golden files: bad payloads, detection, persons, the devset sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.scrapers.registry import parse_page
from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "fixtures" / "devset" / "feeds" / "indico-docs-event-contributions.json"


def event(**fields) -> dict:
    base = {"_type": "Conference", "id": "42", "title": "A seminar", "timezone": "Europe/Zurich",
            "startDate": {"date": "2025-05-06", "time": "16:00:00", "tz": "Europe/Zurich"},
            "endDate": {"date": "2025-05-06", "time": "17:00:00", "tz": "Europe/Zurich"},
            "category": "Seminars", "chairs": []}
    base.update(fields)
    return base


def payload(*events: dict) -> bytes:
    return json.dumps({"_type": "HTTPAPIResult", "count": len(events), "results": list(events)}).encode()


def parse(body: bytes, url: str = "https://indico.example.org/export/categ/1.json"):
    return parse_page(body, site="indico", ctx=ParseContext(url=url))


@pytest.mark.parametrize("body,msg", [
    (b"{not json", "not JSON"),
    (b'{"_type": "HTTPAPIResult", "count": 0}', "no 'results' list"),
    (b'["a", "b"]', "no 'results' list"),
])
def test_bad_payloads_are_one_line_errors(tmp_path, body, msg):
    p = tmp_path / "export.json"
    p.write_bytes(body)
    r = seminars("parse", p, "--site", "indico")
    assert r.returncode != 0 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and msg in r.stderr


def test_auto_finds_an_export_by_content_and_by_url(tmp_path):
    p = tmp_path / "feed.txt"
    p.write_bytes(payload(event(chairs=[{"fullName": "Curie, Marie", "affiliation": "ESPCI"}])))
    r = seminars("parse", p)
    assert r.returncode == 0, r.stderr
    assert [s["name"] for s in json.loads(r.stdout)[0]["speakers"]] == ["Marie Curie"]
    site = parse_page(p.read_bytes(), ctx=ParseContext(url="https://indico.cern.ch/export/event/7.json")).site
    assert site == "indico"


def test_persons_in_every_form():
    talks = parse(payload(event(chairs=[
        {"fullName": "Noether, Emmy", "affiliation": "Göttingen"},
        {"first_name": "Alan", "last_name": "Turing", "affiliation": None},
        {"fullName": "Lise Meitner", "affiliation": "KWI"},
    ]))).talks
    assert [(s.name, s.affiliation) for s in talks[0].speakers] == [
        ("Emmy Noether", "Göttingen"), ("Alan Turing", None), ("Lise Meitner", "KWI")]


def test_contributions_with_speakers_only_and_their_own_zone():
    c1 = {"id": "1", "title": "Opening", "speakers": [],
          "startDate": {"date": "2025-05-06", "time": "09:00:00", "tz": "Europe/Zurich"}}
    c2 = {"id": "2", "title": "Neutrino oscillations", "room": "Main Auditorium",
          "speakers": [{"fullName": "Pontecorvo, Bruno", "affiliation": "JINR"}],
          "startDate": {"date": "2025-05-06", "time": "09:10:00", "tz": "America/Chicago"},
          "endDate": {"date": "2025-05-06", "time": "09:40:00", "tz": "America/Chicago"}}
    talks = parse(payload(event(contributions=[c1, c2], location="CERN"))).talks
    assert len(talks) == 1
    t = talks[0]
    assert t.uid == "42/contrib/2" and t.series == "A seminar" and t.location == "Main Auditorium"
    assert (t.start, t.end, t.timezone) == ("2025-05-06T09:10:00-05:00", "2025-05-06T09:40:00-05:00",
                                            "America/Chicago")


def test_session_slots_give_their_contributions():
    slot = {"_type": "SessionSlot", "contributions": [
        {"id": "9", "title": "Lattice QCD", "speakers": [{"fullName": "Wilson, Ken"}],
         "startDate": {"date": "2025-05-07", "time": "10:00:00", "tz": "Europe/Zurich"}}]}
    talks = parse(payload(event(sessions=[slot]))).talks
    assert [(t.title, t.date, t.speakers[0].name) for t in talks] == [("Lattice QCD", "2025-05-07", "Ken Wilson")]


def test_the_documented_sample_gives_every_contribution():
    """The docs' export names nobody: then each contribution is a talk (devset expected)."""
    want = json.loads(SAMPLE.with_name("indico-docs-event-contributions.expected.json").read_text())
    ctx = ParseContext(url=want["url"], timezone=want["timezone"], institution=want["institution"])
    got = parse_page(SAMPLE.read_bytes(), site="indico", ctx=ctx).talks
    assert [t.to_dict() for t in got] == want["talks"]
    assert [t.uid for t in got] == ["137346/contrib/1", "137346/contrib/0", "137346/contrib/3", "137346/contrib/2"]


def test_ids_are_stable_across_runs(tmp_path):
    db = tmp_path / "s.db"
    body = (ROOT / "fixtures" / "indico" / "category-seminars.json").read_bytes()
    p = tmp_path / "export.json"
    for i, title in enumerate(["Dark matter searches with cryogenic detectors", "Dark matter: a new search"]):
        p.write_bytes(body.replace(b"Dark matter searches with cryogenic detectors", title.encode()))
        r = seminars("ingest", p, "--site", "indico", "--url", "https://indico.example.org/export/categ/1234.json",
                     "--observed-at", f"2025-01-0{i + 1}T00:00:00Z", db=db)
        assert r.returncode == 0, r.stderr
    r = seminars("query", "--speaker", "Pyle", "--format", "json", db=db)
    rows = json.loads(r.stdout)
    assert len(rows) == 1 and rows[0]["title"] == "Dark matter: a new search", rows


def test_an_export_of_no_talks_is_empty_not_an_error():
    assert parse(payload()).talks == []
    with pytest.raises(ParseError):
        parse(b"")
