"""The generic parser on tricky cases: non-talks, TBA titles, honorifics, years, defaults."""

from __future__ import annotations

import pytest
from seminars.scrapers.registry import detect_site, parse_page
from seminars.scrapers.sites.generic import institution_from_url

from seminars.context import ParseContext


def _parse(text: str, url: str = "https://math.example.edu/seminar/", tz: str = "America/New_York"):
    ctx = ParseContext(url=url, timezone=tz, institution="Example")
    return parse_page(text.encode(), site="generic", ctx=ctx).talks


def test_non_talk_rows_are_left_out():
    talks = _parse("Fall 2021\n\nSeptember 7\nNo seminar: Labor Day\n\nSeptember 14\n"
                   "Dr. Ada Byron, Example University\n\"Engines\"\n\nNovember 23\nThanksgiving\n\n"
                   "November 30\nDepartment reception\n\nDecember 7\n\n")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2021-09-14", "Ada Byron", "Engines")]


def test_tba_title_is_null_and_speaker_kept():
    talks = _parse("Spring 2020\n\nMarch 3\nProf. Lee Chang (MIT)\nTitle: TBA\n")
    assert len(talks) == 1 and talks[0].title is None
    assert (talks[0].speakers[0].name, talks[0].speakers[0].affiliation) == ("Lee Chang", "MIT")


def test_job_titles_are_not_affiliations():
    talks = _parse("Spring 2020\n\nMarch 3\nDr. Mia Park, Assistant Professor of Physics, "
                   "Example College\n\"Glass\"\n")
    assert talks[0].speakers[0].affiliation == "Example College"


def test_year_from_url_path_when_the_page_gives_none():
    talks = _parse("March 3\nMia Park, Example College\n\"Glass\"\n",
                   url="https://example.edu/seminars/2018/index.html")
    assert talks[0].date == "2018-03-03"


def test_year_from_heading_beats_url():
    talks = _parse("Spring 2016\n\nMarch 3\nMia Park, Example College\n\"Glass\"\n",
                   url="https://example.edu/seminars/2018/index.html")
    assert talks[0].date == "2016-03-03"


def test_weekday_chooses_the_year():
    # Tuesday March 3 is a Tuesday in 2020, not in 2019 (the heading's year).
    talks = _parse("2019\n\nTuesday, March 3\nMia Park, Example College\n\"Glass\"\n")
    assert talks[0].date == "2020-03-03"


def test_page_default_time_and_place_unless_stated():
    talks = _parse(
        "Seminars are held on Mondays at 4:15pm in 428 Pupin Hall, unless otherwise stated.\n"
        "Refreshments at 3:45pm in the lounge.\n\nSpring 2014\n\n"
        "Monday, March 3\nMia Park, Example College\n\"Glass\"\n\n"
        "Monday, March 10, 2:00-3:00 pm, Room 501\nLee Chang, MIT\n\"Ice\"\n")
    assert [(t.start, t.end, t.location) for t in talks] == [
        ("2014-03-03T16:15:00-05:00", None, "428 Pupin Hall"),
        ("2014-03-10T14:00:00-04:00", "2014-03-10T15:00:00-04:00", "Room 501")]


def test_same_talk_twice_on_a_page_is_one_record():
    html = ("<p>Next session: Monday 12 October 2026</p><dl><dt>Speaker</dt><dd>Ann Bell "
            "(Example University)</dd><dt>Title</dt><dd>Auctions</dd><dt>Time</dt><dd>2-3 pm</dd></dl>"
            "<table><tr><th>Date</th><th>Speaker</th><th>Title</th></tr>"
            "<tr><td>12 October 2026</td><td>Ann Bell</td><td>Auctions</td></tr></table>")
    talks = _parse(html, tz="Europe/Paris")
    assert len(talks) == 1
    assert talks[0].start == "2026-10-12T14:00:00+02:00"
    assert talks[0].speakers[0].affiliation == "Example University"


def test_a_page_nested_a_thousand_deep():
    inner = "<p>Spring 2020</p><p>March 3</p><p>Mia Park, Example College</p><p>\"Glass\"</p>"
    page = "<html><body>" + "<div>" * 1000 + inner + "</div>" * 1000 + "</body></html>"
    talks = _parse(page)
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2020-03-03", "Mia Park", "Glass")]


def test_no_zone_given_means_utc():
    talks = parse_page(b"Spring 2020\n\nMarch 3, 4 pm\nMia Park, Example College\n\"Glass\"\n",
                       site="generic", ctx=ParseContext(url="https://physics.example.edu/x")).talks
    assert talks[0].timezone == "UTC" and talks[0].start == "2020-03-03T16:00:00+00:00"
    assert talks[0].institution == "example.edu"


@pytest.mark.parametrize("url,inst", [
    ("https://physics.example.edu/colloquium", "example.edu"),
    ("https://www.maths.ox.ac.uk/seminars", "ox.ac.uk"),
    ("http://localhost:8000/x", "localhost"),
])
def test_institution_from_url(url, inst):
    assert institution_from_url(url) == inst


def test_auto_falls_back_to_generic_last():
    assert detect_site("Spring 2020\nMarch 3\nMia Park, Example College\n", "https://x.org/").name == "generic"


def test_page_with_no_talks_gives_none():
    talks = _parse("Physics Calendar\n\nMonday, January 14th 2019\n10:00 am:\nPhysics Force in "
                   "Northrop\nA show for elementary students.\n")
    assert talks == []
