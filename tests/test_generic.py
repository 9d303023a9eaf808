"""The generic parser on tricky cases: non-talks, TBA titles, honorifics, years, defaults."""

from __future__ import annotations

import pytest

from seminars.context import ParseContext
from seminars.scrapers.registry import detect_site, parse_page
from seminars.scrapers.sites.generic import institution_from_url


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


# Rules added for the dev2 pages (fixtures/devset, split "dev2"); inputs invented here.

def test_date_followed_by_colon_starts_an_entry():
    talks = _parse("Fall 2015\n\nSep 18: Prof. Ann Vale (University of Maine)\n\n"
                   "TITLE: Listening to Energy\n\nOct 2: Bo Ek (Rice University)\n\nTITLE: Winds\n")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2015-09-18", "Ann Vale", "Listening to Energy"), ("2015-10-02", "Bo Ek", "Winds")]


def test_dash_after_label_and_department_line_joined():
    talks = _parse("Fall 2019\n\nSeptember 24\n“Nuclear Pasta”\nSpeaker—Professor Mia Cole\n"
                   "Example State University, Department of Physics\n")
    assert talks[0].speakers[0].name == "Mia Cole"
    assert talks[0].speakers[0].affiliation == "Example State University, Department of Physics"


def test_own_room_aside_and_joint_note_are_not_affiliation_or_page_default():
    talks = _parse("Fall 2015\n\nSeminars begin at 11:30 a.m. in the Meyer Auditorium (101 Ho Hall).\n\n"
                   "September 1\n\nMeet and Greet Hour, (to be held in Lathrop 207)\n\n"
                   "September 29\n\nDan Berg, Yale University, (joint with Geology) \"Volcano Eruptions\"\n\n"
                   "October 6\n\nEve Lund, Hamilton College, \"Fractals\" (to be held in Lathrop 207)\n")
    by = {t.speakers[0].name: t for t in talks}
    assert by["Dan Berg"].speakers[0].affiliation == "Yale University"
    assert by["Eve Lund"].location == "Lathrop 207"


def test_flyer_link_address_line_and_subtitle_under_speaker():
    talks = _parse("Spring 2024\n\nMarch 1, 2024\n\nDr. Kai Nagel\nSeminar Flyer\n\n"
                   "Los Alamos National Laboratory\nLos Alamos, New Mexico\n\n"
                   "March 22, 2024\n\nDr. Fran Muller\nSolar Eclipses: From Omens to Physics\n\n"
                   "Physics and Materials Science\nThe University of Memphis\n")
    a, b = talks
    assert (a.title, [s.name for s in a.speakers]) == (None, ["Kai Nagel"])
    assert a.speakers[0].affiliation == "Los Alamos National Laboratory"
    assert b.title == "Solar Eclipses: From Omens to Physics"
    assert [s.name for s in b.speakers] == ["Fran Muller"]
    assert b.speakers[0].affiliation == "Physics and Materials Science, The University of Memphis"


def test_in_person_is_not_part_of_the_default_room():
    talks = _parse("Seminars are held in person in Manning 201 on Fridays from 3:00 - 4:00 p.m.\n\n"
                   "January 30, 2024\n\nDr. Zed Lin\n\nUniversity of Tennessee\n")
    assert talks[0].location == "Manning 201"
    assert talks[0].start == "2024-01-30T15:00:00-05:00"


def test_cancelled_and_postponed_talks_keep_their_status():
    talks = _parse("Spring 2020\n\nMarch 3\nAnn Lee (MIT): Knots (CANCELLED)\n\n"
                   "March 10\n~~Bo Ek (Rice University): Waves~~\n\n"
                   "March 17\nCy Dunn (Yale University): Braids - Postponed\n\n"
                   "March 24\nDee Fox (Brown University): Tilings\n")
    assert [t.status for t in talks] == ["cancelled", "cancelled", "postponed", "scheduled"]


def test_numbered_note_is_not_a_title():
    talks = _parse("Colloquium Schedule, 2019-2020\n\nWednesday, October 30, Deb Chak, Central "
                   "Michigan University (Mei Shaw)\n\nNote 1: As the chair, I must be bossy.\n")
    assert len(talks) == 1 and talks[0].title is None


def test_times_read_without_a_zone_are_said_to_be_utc_and_an_ip_host_names_no_institution():
    text = "Physics Colloquium\n\nMarch 5, 2024, 4:00 PM\nJane Roe (MIT)\nTitle: Knots\n"
    res = parse_page(text.encode(), site="generic", ctx=ParseContext(url="http://127.0.0.1:8000/x"))
    assert [t.start for t in res.talks] == ["2024-03-05T16:00:00+00:00"]
    assert res.talks[0].institution == ""
    assert any("read as UTC" in w for w in res.warnings)
    zoned = parse_page(text.encode(), site="generic",
                       ctx=ParseContext(url="https://physics.example.edu/x", timezone="America/New_York"))
    assert zoned.talks[0].start == "2024-03-05T16:00:00-05:00"
    assert zoned.talks[0].institution == "example.edu" and zoned.warnings == []


def test_undated_labelled_records_are_talks():
    talks = _parse("Past speakers\n\nSpeaker: Ann Group\nTitle: Orbifolds.\nAbstract: We show a thing"
                   " about orbifolds and their moduli.\nSpeaker: Bo Lind\nTitle: Games\n")
    assert [(t.date, t.speakers[0].name, t.title, bool(t.abstract)) for t in talks] == [
        (None, "Ann Group", "Orbifolds", True), (None, "Bo Lind", "Games", False)]


def test_labelled_upcoming_card_beside_a_dated_list():
    talks = _parse("Talks are on Thursdays at 4:15PM in Room 409.\n\nUpcoming Colloquium:\n\n"
                   "Careers for Physicists\n\nSpeaker: Craig Group\nAffiliation: University of "
                   "Virginia\nDate: Feb 27th\n\nSpring 2025 Schedule:\n\n"
                   "1/16 Mark W. Meisel University of Florida \"How are “Discoveries” Made? - A "
                   "“condensed” view\"\n")
    got = {t.date: (t.speakers[0].name, t.speakers[0].affiliation, t.title, t.start[11:16])
           for t in talks}
    assert got == {
        "2025-02-27": ("Craig Group", "University of Virginia", "Careers for Physicists", "16:15"),
        "2025-01-16": ("Mark W. Meisel", "University of Florida",
                       'How are "Discoveries" Made? - A "condensed" view', "16:15")}


def test_speaker_cells_second_line_is_the_affiliation_not_a_second_speaker():
    talks = _parse("<html><body><h2>Spring 2024</h2><table><tr><th>Date</th><th>Speaker</th>"
                   "<th>Title</th></tr><tr><td>March 5</td><td>Ann Lee<br>Stanford University</td>"
                   "<td>Glass</td></tr></table></body></html>")
    assert [(s.name, s.affiliation) for s in talks[0].speakers] == [("Ann Lee", "Stanford University")]


def test_inline_labels_on_the_date_line_and_a_labelled_title_over_a_guess():
    talks = _parse("Upcoming Lectures\n\nJitendra Rathore (Harish-Chandra Research Institute (HRI),"
                   " Prayagraj)\nDate: 27th Feb 2024, Time : 03:15 PM- 04:15 PM, Venue: Lecture Room"
                   " – AC04-302\nTitle: Brauer groups.\n[Abstract placeholder.]\n", tz="Asia/Kolkata")
    t = talks[0]
    assert (t.date, t.start, t.end, t.title, t.location) == (
        "2024-02-27", "2024-02-27T15:15:00+05:30", "2024-02-27T16:15:00+05:30", "Brauer groups",
        "Lecture Room – AC04-302")
    assert t.speakers[0].affiliation == "Harish-Chandra Research Institute (HRI), Prayagraj"
    assert t.abstract


def test_attendance_lines_are_not_titles_and_a_zoom_link_is_the_place():
    talks = _parse("Talks are in Haag Hall Room 313.\n\nFall 2021\n\nFriday November 12, 3:00–4:00 pm,"
                   " Haag Hall Rm 313\n\nThe Most Mathematical Game\n\nSpeaker: Bill Shillito, "
                   "Oglethorpe University\n\nAudience: Any student. No previous knowledge is needed.\n\n"
                   "Friday November 19, 3:00–4:00 pm\n\nJoin Zoom Meeting:\n\nStatistical Aspects\n\n"
                   "Speaker: Dr. Farzana Sultana, Greenbush\n")
    assert [(t.title, t.location) for t in talks] == [
        ("The Most Mathematical Game", "Haag Hall Rm 313"), ("Statistical Aspects", "Zoom")]


def test_european_dates():
    talks = _parse("Colloquium\n\nSpeaker: Joachim Ullrich (PTB)\n\nTitle: Units\n\n"
                   "When: 12.04.2018, 16:15 - 17:45\n\n18. April 2018\n\nSpeaker: Ann Lee (MIT)\n",
                   tz="Europe/Berlin")
    assert [(t.date, t.start) for t in talks] == [
        ("2018-04-12", "2018-04-12T16:15:00+02:00"), ("2018-04-18", None)]


def test_list_items_run_together_and_hedged_places():
    talks = _parse("Talks are often held in Jordan Hall. Talks are also held in the Gates Building.\n\n"
                   "- 16 April 1997:\n**Bernard Chazelle**(Princeton) . Discrepancy Theory. - 31 May 1996:\n"
                   "**Sanjeev Arora**(Princeton). Approximation Schemes.\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location)
            for t in talks] == [
        ("1997-04-16", "Bernard Chazelle", "Princeton", "Discrepancy Theory", None),
        ("1996-05-31", "Sanjeev Arora", "Princeton", "Approximation Schemes", None)]


def test_a_default_place_ends_with_its_sentence():
    talks = _parse("The cafes take place at 8:00 pm at Stoney's Pub, 3007 Concord Pike, Wilmington DE."
                   " The program has since grown.\n\nOctober 5, 2010\nKen Pye, Lignol\n\"Fuels\"\n")
    assert (talks[0].start[11:16], talks[0].location) == (
        "20:00", "Stoney's Pub, 3007 Concord Pike, Wilmington DE")


def test_single_quoted_wrapped_title_and_a_department_line_under_the_name():
    talks = _parse("2010-11 Science Cafe Talks\n\nOctober 18, 2010 Professor John Vohs\nChemical and "
                   "Biomolecular Engineering\nUniversity of Pennsylvania\n‘What can Fuel Cells do?’\n"
                   "March 21 Professor John D. Meakin (ret’d)\nE.I. DuPont de Nemours & Co.\n"
                   "‘Alternatives to Petroleum –\nFuels from Biomass’\n")
    assert [(t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("John Vohs", "Chemical and Biomolecular Engineering, University of Pennsylvania",
         "What can Fuel Cells do?"),
        ("John D. Meakin", "E.I. DuPont de Nemours & Co", "Alternatives to Petroleum – Fuels from Biomass")]


def test_talks_announced_in_prose():
    sce = _parse("The Colloquium hosted leading researchers from many Universities.\n\nThe upcoming "
                 "Colloquium will be held on Monday, May 16th. 2022, at 14:00 in Room 303 Einstein (40)."
                 " The speaker, Dr. Dagan Bakun Mazor, Civil Engineering Department, SCE, will deliver "
                 "his lecture: \"Earthquake warning system\".\n", tz="Asia/Jerusalem")
    news = _parse("October 22, 2001\n\nColloquium Speaker to Discuss History of Statistics\n\n"
                  "Bradley Efron, the Max H. Stein Professor of Humanities and Sciences at Stanford "
                  "University, is this year's Pfizer Colloquium speaker. The colloquium will be held on"
                  " Nov. 3 at 3 p.m. in the Thomas J. Dodd Research Center.\n")
    quoted = _parse("Richard Lockhart, a professor of statistics at Simon Fraser University, will touch "
                    "on big data in a free public lecture Thursday, Nov. 7, 2019.\n\n“How many "
                    "statisticians are there in Canada?” asks Dr. Lockhart.\n\nEntitled “Statistics: "
                    "does the discipline still exist?” his lecture is sponsored by the Department. It "
                    "will begin at 7 p.m. in room 104, Toldo Health Education Centre.\n")
    got = [(t.date, t.start[11:16] if t.start else None, t.title, t.speakers[0].name,
            t.speakers[0].affiliation, t.location) for t in sce + news + quoted]
    assert got == [
        ("2022-05-16", "14:00", "Earthquake warning system", "Dagan Bakun Mazor",
         "Civil Engineering Department, SCE", "Room 303 Einstein (40)"),
        ("2001-11-03", "15:00", None, "Bradley Efron", "Stanford University",
         "Thomas J. Dodd Research Center"),
        ("2019-11-07", "19:00", "Statistics: does the discipline still exist?", "Richard Lockhart",
         "Simon Fraser University", "room 104, Toldo Health Education Centre")]


def test_a_talk_announced_above_a_table_keeps_its_slot_to_itself():
    talks = _parse("Colloquium\n\nOn Friday, May 5, 2023, Dr. Sergiy Borodachov, Professor of Mathematics"
                   " at Towson University, will present a lecture on Spherical Designs. The lecture will"
                   " take place at 2 pm in 7800 York Road, Room 205.\n\nRecent Talks\n\n"
                   "Feb 3, 2023 Squirming through fluids\n\nDr. Ebru Demir,\nLehigh University\n")
    assert [(t.date, t.title, t.start is not None, t.location) for t in talks] == [
        ("2023-05-05", "Spherical Designs", True, "7800 York Road, Room 205"),
        ("2023-02-03", "Squirming through fluids", False, None)]


def test_a_days_programme_of_time_led_lines():
    talks = _parse("Symposium\n\nTime Thursday 5 September, 2019 at 10:00 - 16:30\nPlace KBG501, KBC\n\n"
                   "10:00: Jon Moen, Prefect EMG. Opening\n~ 10:30. Barbara Giles, Prof. emerita, EMG. "
                   "Reflections and Silene\n11:00: Short break\n11:10: Jeremy Burdon, CSIRO. The dynamics"
                   " of a host-pathogen system\n", tz="Europe/Stockholm")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location)
            for t in talks] == [
        ("2019-09-05", "10:30", "Barbara Giles", "EMG", "Reflections and Silene", "KBG501, KBC"),
        ("2019-09-05", "11:10", "Jeremy Burdon", "CSIRO", "The dynamics of a host-pathogen system",
         "KBG501, KBC")]


def test_talks_printed_above_their_date():
    talks = _parse("Earth Talks\n\nSpring 2018 Events\n\nOrientation - Geoscience Faculty and Staff\n\n"
                   "Jan. 8 at 4pm - SLC 120\n\nNo Event - MLK Day\n\nJan. 15\n\nBeyond Recycling - John "
                   "Helmers, Olmsted County\n\nJan. 22 at 4pm - SLC 120\n\n\nJan. 29 at 4pm - SLC 120\n\n"
                   "Full Spectrum Sustainability - Nathan Engstrom, Winona State University\n\n"
                   "Feb. 5 at 4pm - SLC 120\n", tz="America/Chicago")
    assert [(t.date, t.start[11:16], t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2018-01-22", "16:00", "Beyond Recycling", "John Helmers", "SLC 120"),
        ("2018-02-05", "16:00", "Full Spectrum Sustainability", "Nathan Engstrom", "SLC 120")]


def test_two_talks_by_one_speaker_on_one_day_stay_two():
    talks = _parse("Spring 2022\n\nFebruary 4, 2022 10:10 am\nArt Carden, Samford University\n\"Leave Me"
                   " Alone\"\n\nFebruary 4, 2022 11:15 am\nArt Carden, Samford University\n"
                   "\"Waltonomics\"\n")
    assert [(t.start[11:16], t.title) for t in talks] == [("10:10", "Leave Me Alone"),
                                                          ("11:15", "Waltonomics")]


def test_several_speakers_under_one_date_are_several_talks():
    talks = _parse("# April 2018\n\n18. April 2018\n\n**RTG Colloquium**\n\nWhere: University of Bielefeld"
                   "\n\nConfirmed Speakers:\n\n- Patric Hölscher (Bielefeld) - Journals’ Club - \"Waves in "
                   "Conformal Gravity\"\n- David Langlois (Paris) - \"Dark energy and modified gravity\"\n"
                   "- Sourabh Nampalliwar (Uni Tübingen)\n", tz="Europe/Berlin")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location)
            for t in talks] == [
        ("2018-04-18", "Patric Hölscher", "Bielefeld", "Waves in Conformal Gravity",
         "University of Bielefeld"),
        ("2018-04-18", "David Langlois", "Paris", "Dark energy and modified gravity",
         "University of Bielefeld"),
        ("2018-04-18", "Sourabh Nampalliwar", "Uni Tübingen", None, "University of Bielefeld")]


def test_a_two_column_label_table_is_a_labelled_block():
    talks = _parse("12. April 2018\n\n| Location: | University of Bremen, NW 1 |\n| When: | 12.04.2018, "
                   "16:15 - 17:45 |\n| Speaker: | Prof. Dr. Joachim Ullrich (PTB) |\n| Title: | Units |\n",
                   tz="Europe/Berlin")
    t = talks[0]
    assert (t.date, t.start[11:16], t.end[11:16], t.title, t.speakers[0].name, t.location) == (
        "2018-04-12", "16:15", "17:45", "Units", "Joachim Ullrich", "University of Bremen, NW 1")


def test_rows_flattened_under_a_header_line_title_then_speaker():
    talks = _parse("Spring 2000 Schedule\n\nAll colloquia are held at 3:30 p.m. on Mondays in the Building 3 "
                   "Auditorium.\n\nDate Topic Speaker\nFebruary 14 Future Telescopes in Space Roger Angel\n"
                   "University of Arizona\nMarch 20 Gemini North: Astronomy at the Limit Wayne Van Citters\n"
                   "March 27\n**** NOTE --- Location changed to Building 8 Auditorium\nEyewitness to the "
                   "Space Age W. Burrows\n")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2000-02-14", "Future Telescopes in Space", "Roger Angel", "University of Arizona"),
        ("2000-03-20", "Gemini North: Astronomy at the Limit", "Wayne Van Citters", None),
        ("2000-03-27", "Eyewitness to the Space Age", "W. Burrows", None)]


def test_year_from_the_introduction_and_honorific_names_in_a_sentence():
    talks = _parse("To launch our lecture series for 2017, we bring together three neurologists.\n\n"
                   "Tuesday, 4th April, 11.00am\n\nStroke Research and Treatment\nProfessor Geoffrey "
                   "Donnan AO Director of the Florey Institute, Prof Chris Bladin and Prof Amy Brodtmann\n\n"
                   "Wednesday, 7th June, 11.00am\n\nMotor Neurone Disease: The Chase for a Cure\n"
                   "Dr Bradley Turner\n", tz="Australia/Melbourne")
    assert [(t.date, t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("2017-04-04", "Stroke Research and Treatment",
         ["Geoffrey Donnan", "Chris Bladin", "Amy Brodtmann"]),
        ("2017-06-07", "Motor Neurone Disease: The Chase for a Cure", ["Bradley Turner"])]


def test_a_weekly_day_fixes_the_year_and_attendance_modes_are_not_titles():
    talks = _parse("Colloquia are delivered at StFX. Normally, colloquia are held in room PS 3046, and take "
                   "place on Fridays at 4:00pm.\n\nUpcoming Talks\n\n- Sep. 15: Alex Landry (Dalhousie "
                   "University)\n- Sep. 22: Viqar Husain (University of New Brunswick). In person/hybrid\n"
                   "- Oct. 6: Ada Ganesan (Ahmedabad University). Online\n- Jan. 12: Dean Eaton (U of "
                   "Waterloo)\n- Feb. 2: No talk (AUPAC 2024, Mount Allison)\n", tz="America/Halifax")
    assert [(t.date, t.start[11:16], t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2023-09-15", "16:00", None, "Alex Landry", "room PS 3046"),
        ("2023-09-22", "16:00", None, "Viqar Husain", "room PS 3046"),
        ("2023-10-06", "16:00", None, "Ada Ganesan", "Online"),
        ("2024-01-12", "16:00", None, "Dean Eaton", "room PS 3046")]


def test_a_pipe_table_whose_cells_span_lines():
    talks = _parse("2005 Schedule\nDate |\nSpeaker |\nTitle and Abstract |\n|---|---|---|\n"
                   "| March 11th |\nDr. Valerio Faraoni\nBishop's University\n|\n|\n| April 4th |\n"
                   "Dr. Michael Faison\nDepartment of Astronomy,\nYale University |\n|\n| April 15th |\n"
                   "Norman O'Neill\nUniversite de Sherbrooke\n|\nEmpty Space is Not so Empty |\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2005-03-11", "Valerio Faraoni", "Bishop's University", None),
        ("2005-04-04", "Michael Faison", "Department of Astronomy, Yale University", None),
        ("2005-04-15", "Norman O'Neill", "Universite de Sherbrooke", "Empty Space is Not so Empty")]


def test_rows_under_a_date_speaker_title_line_and_a_next_talk_card():
    talks = _parse("Fall 2014\nTalks are at noon on Monday in room B660 of University Hall\n"
                   "The next talk:\n\nOct 6\nat noon\nin UHall B660\nNathan Ng\n(University of Lethbridge)\n"
                   "Inclusive Prime Number Races\n\nTalks in the series this semester:\n\nDate Speaker Title\n\n"
                   "Sept 8 everyone Open problem session\n\nSept 15 Joy Morris Colour-permuting automorphisms"
                   "\n\nOct 27 Kevin Henriot Linear equations in dense subsets\n\nNov 3 Amir Akbary Title TBA\n",
                   tz="America/Edmonton")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location)
            for t in talks] == [
        ("2014-10-06", "12:00", "Nathan Ng", "University of Lethbridge", "Inclusive Prime Number Races",
         "UHall B660"),
        ("2014-09-15", "12:00", "Joy Morris", None, "Colour-permuting automorphisms",
         "room B660 of University Hall"),
        ("2014-10-27", "12:00", "Kevin Henriot", None, "Linear equations in dense subsets",
         "room B660 of University Hall"),
        ("2014-11-03", "12:00", "Amir Akbary", None, None, "room B660 of University Hall")]


def test_rows_under_a_date_title_speaker_line_with_a_middle_initial_and_a_note():
    talks = _parse("Colloquia are held from 3:45 to 4:45 p.m in 227 Gallalee Hall. Talks are typically 45 – 50"
                   " minutes in length.\n\nSpring 2018\n\nDate Title/Abstract Speaker\n10/3 TBA Jonathan Heckman"
                   "\n\n(University of Pennsylvania)\n\nApr 7 Improving loss models\n\nDr. Emiliano A. Valdez,\n"
                   "University of Connecticut\nApril 10\n(No colloquium due to\nHubble Space Telescope\n"
                   "Celebration activities)\n", tz="America/Chicago")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location)
            for t in talks] == [
        ("2018-10-03", None, "Jonathan Heckman", "University of Pennsylvania", "227 Gallalee Hall"),
        ("2018-04-07", "Improving loss models", "Emiliano A. Valdez", "University of Connecticut",
         "227 Gallalee Hall")]


def test_a_header_echoed_around_each_date_and_a_host_aside():
    talks = _parse("Fall 2018\n\nColloquium: David Nataf (Host: Jason Jackiewicz)\nOct 5 @ 3:15 pm – 4:15 pm\n"
                   "Colloquium: David Nataf (Host: Jason Jackiewicz)\n\nClues to Cluster Formation\n\n"
                   "David Nataf, Johns Hopkins University\n\nColloquium: Ann Lee (Host: Moire Prescott)\n"
                   "Oct 12 @ 3:15 pm – 4:15 pm\nColloquium: Ann Lee (Host: Moire Prescott)\n\nThe Ridge\n\n"
                   "Ann Lee, New Mexico Tech\n", tz="America/Denver")
    assert [(t.date, t.start[11:16], t.end[11:16], t.title, [s.name for s in t.speakers], t.host)
            for t in talks] == [
        ("2018-10-05", "15:15", "16:15", "Clues to Cluster Formation", ["David Nataf"], "Jason Jackiewicz"),
        ("2018-10-12", "15:15", "16:15", "The Ridge", ["Ann Lee"], "Moire Prescott")]


def test_consecutive_talks_by_one_speaker_keep_their_speaker_lines():
    talks = _parse("2014 Series\n\nTuesday, July 15 | Lecture\nHarmonizing Bird Conservation\nDaniel Karp, "
                   "University of California, Berkeley\n\nWednesday, July 16 | Seminar\nLand Use Homogenizes"
                   " Biodiversity\nDaniel Karp, University of California, Berkeley\n")
    assert [(t.date, t.speakers[0].name) for t in talks] == [("2014-07-15", "Daniel Karp"),
                                                             ("2014-07-16", "Daniel Karp")]


def test_start_and_end_said_in_words_and_join_us_in_a_room():
    talks = _parse("Please join us in room #1 LeConte Hall on the Monday's listed below. All lectures start at "
                   "4:15 PM and end around 5:15 PM.\n\nJANUARY 27, 2020\n\nJohn Martinis, UC Santa Barbara\n"
                   "Quantum supremacy\n", tz="America/Los_Angeles")
    t = talks[0]
    assert (t.start[11:16], t.end[11:16], t.location) == ("16:15", "17:15", "room #1 LeConte Hall")


def test_undated_headings_that_name_the_talk():
    talks = _parse("# Colloquium\n\n# Colloquium: Aaron Naber (Northwestern)\n\n# Colloquium: Amit Ophir, HUJI "
                   "(Tzafriri prize lecture)\n\n# Colloquium: Ehud de Shalit (HUJI) — Difference equations\n\n"
                   "[Abstract placeholder.]\n\n# Colloquium: CANCELLED\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title, bool(t.abstract))
            for t in talks] == [
        (None, "Aaron Naber", "Northwestern", None, False),
        (None, "Amit Ophir", "HUJI", None, False),
        (None, "Ehud de Shalit", "HUJI", "Difference equations", True)]


def test_talk_headings_over_german_date_headings():
    talks = _parse("# Wochenplan\n\n### Piotr Pstragowski (University of Copenhagen): Synthetic spectra. "
                   "(Oberseminar Topologie)\n\n##### Montag, 20.01.2020 14:00 im Raum SRZ 216\n\n[Abstract.]\n\n"
                   "### Oberseminar Differentialgeometrie: Fabian Lehmann (London): Spin(7) geometry\n\n"
                   "##### Montag, 20.01.2020 16:15 im Raum SR4\n", tz="Europe/Berlin")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location)
            for t in talks] == [
        ("2020-01-20", "14:00", "Piotr Pstragowski", "University of Copenhagen", "Synthetic spectra",
         "Raum SRZ 216"),
        ("2020-01-20", "16:15", "Fabian Lehmann", "London", "Spin(7) geometry", "Raum SR4")]


def test_a_label_set_as_a_heading_and_a_lone_zoom_line():
    talks = _parse("<html><body><h1>Topology Seminar</h1><h4>Where:</h4> 622 Mathematics<h4>When:</h4> "
                   "Thursdays 4:30pm<table><tr><th>Date</th><th>Speaker</th><th>Title</th></tr><tr><td>"
                   "Sep 7, 2023</td><td>Ann Lee (MIT)</td><td>Knots</td></tr></table></body></html>")
    zoom = _parse("2021 - 2022\n\nNov 30, 2021: Sandra Kingan (Brooklyn College)\n\n12:30 pm - 1:30 pm\n\nZoom\n\n"
                  "Title: Graph Theory\n")
    assert (talks[0].location, talks[0].start[11:16]) == ("622 Mathematics", "16:30")
    assert (zoom[0].location, zoom[0].title) == ("Zoom", "Graph Theory")


def test_a_news_dateline_is_no_default_and_defaults_said_below_the_list():
    talks = _parse("4:13 p.m., Sept. 1, 2015–The Department has announced its Lecture Series for 2015-16.\n\n"
                   "Speakers are scheduled as follows:\n\n  • Oct. 7: “Synthetic Biology: From Parts to Systems,"
                   "” Ron Weiss, Massachusetts Institute of Technology.\n  • Nov. 11: “The Tactile Internet,” "
                   "Gerhard P. Fettweis, Technische Universität Dresden.\n  • April 30, 2016: “Electronics Everywhere,” John "
                   "A. Rogers, University of Illinois.\n\nThe remaining lectures will take "
                   "place at 3:30 p.m. in Mitchell Hall, with the receptions to follow in the lobby.\n")
    assert [(t.date, t.start[11:16], t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2015-10-07", "15:30", "Synthetic Biology: From Parts to Systems", "Ron Weiss", "Mitchell Hall"),
        ("2015-11-11", "15:30", "The Tactile Internet", "Gerhard P. Fettweis", "Mitchell Hall"),
        ("2016-04-30", "15:30", "Electronics Everywhere", "John A. Rogers", "Mitchell Hall")]


def test_dotted_clock_times_and_a_presentation_label():
    talks = _parse("Fall 2021 Schedule of Speakers:\n\n9/1 (Virtual)\n\nStephen Broadberry, Oxford University\n\n"
                   "Presentation:Accounting for the great divergence\n\n9/8\n\nAnn Lee, MIT\n\n"
                   "Presentation: Age of Pandemics\n\nTime: 5.30 PM\n", tz="Asia/Kolkata")
    assert [(t.date, t.title, t.start[11:16] if t.start else None, t.location) for t in talks] == [
        ("2021-09-01", "Accounting for the great divergence", None, "Virtual"),
        ("2021-09-08", "Age of Pandemics", "17:30", None)]


def test_dutch_and_german_labels_dates_and_bracketed_given_names():
    talks = _parse("Najaarsprogramma 2018\n\nDinsdag 4 september 2018\nDe lezing start om 20.00 uur.\n\n"
                   "Spreker: Dr. P. (Peter) Jenniskens\n\nOnderwerp: Op zoek naar meteorieten\n\n"
                   "Dinsdag 18 september 2018\n\nSpreker: Prof. Dr. P.T. (Tim ) de Zeeuw\n",
                   tz="Europe/Amsterdam")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2018-09-04", "Peter Jenniskens", "Op zoek naar meteorieten"),
        ("2018-09-18", "Tim de Zeeuw", None)]


def test_one_line_entries_with_an_honorific_and_no_separator():
    talks = _parse("All lectures begin at 7:30 pm in ESS 001.\n\nFall 2015\nSept 4, 2015 Prof. James Lattimer "
                   "Blowing in the Ether\nDec 4, 2015 Dr. Takamitsu Tanaka Supermassive black holes\nSpring 2016\n"
                   "Feb 5, 2016 Max Katz (CANCELED DUE TO SNOW) Seasons in the Sun\nApr 8, 2016 Prof. Neelima "
                   "Sehgal TBD\n\n\nBriefly, here's what we do: lectures by research faculty on Astronomy.\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title, t.status, bool(t.abstract))
            for t in talks] == [
        ("2015-09-04", "James Lattimer", None, "Blowing in the Ether", "scheduled", False),
        ("2015-12-04", "Takamitsu Tanaka", None, "Supermassive black holes", "scheduled", False),
        ("2016-02-05", "Max Katz", None, "Seasons in the Sun", "cancelled", False),
        ("2016-04-08", "Neelima Sehgal", None, None, "scheduled", False)]


def test_a_year_before_a_bracketed_date_and_name_colon_title_with_colons():
    talks = _parse("Lectures\n\n2012 (Friday, 14th December: 05.30 PM) Raghavendra Gadagkar : War and Peace: "
                   "Conflict in an Insect Society.\n\n2009 (3rdApril: 5.30 PM) Prof. Madhav Gadgil:Major "
                   "Transitions in Evolution\n\nIn person seminars will be held from 12 - 1:15pm in Carow Hall,"
                   " which is on the Fairfax campus.\n", tz="Asia/Kolkata")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.speakers[0].affiliation, t.title)
            for t in talks] == [
        ("2012-12-14", "17:30", "Raghavendra Gadagkar", None, "War and Peace: Conflict in an Insect Society"),
        ("2009-04-03", "17:30", "Madhav Gadgil", None, "Major Transitions in Evolution")]


def test_a_default_place_stops_at_a_relative_clause():
    from seminars.scrapers.toolkit.defaults import place_in
    assert place_in("Seminars will be held from 12 - 1:15pm in Carow Hall, which is on the campus") == \
        "Carow Hall"


def test_a_one_talk_page_whose_headline_names_the_speaker():
    talks = _parse("Public Lecture by Professor Barbara Liskov\n\n19 Jan 2017 4.30 PM to 5.30 PM SUTD Auditorium"
                   "\n\nThe power of abstraction\n\n[Abstract placeholder.]\n", tz="Asia/Singapore")
    assert [(t.date, t.start[11:16], t.end[11:16], t.speakers[0].name, t.title) for t in talks] == [
        ("2017-01-19", "16:30", "17:30", "Barbara Liskov", "The power of abstraction")]


def test_speaker_headings_with_their_date_below():
    talks = _parse("## Upcoming Colloquium Talks\n\n### Dr. Jim Davis (University of Richmond)\n\n*The search for "
                   "difference sets*\n\nSeptember 24, 2024\n\n12:30pm - 1:30pm\n\nBig Data Hub – Presentation "
                   "Studio (ASB 10900)\n\n### Dr. Ailene MacPherson (Simon Fraser University)\n\n**Title: TBA**\n\n"
                   "October 29, 2024\n\n12:30pm - 1:30pm\n\nBig Data Hub – Presentation Studio (ASB 10900)\n",
                   tz="America/Vancouver")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.title, t.location) for t in talks] == [
        ("2024-09-24", "12:30", "Jim Davis", "The search for difference sets",
         "Big Data Hub – Presentation Studio (ASB 10900)"),
        ("2024-10-29", "12:30", "Ailene MacPherson", None, "Big Data Hub – Presentation Studio (ASB 10900)")]


def test_a_layout_table_of_labelled_rows():
    talks = _parse("<html><body><h2>Past Seminars</h2><table><tr><td colspan=4><strong>Date: April 22, 2020"
                   "</strong></td></tr><tr><td colspan=2>Presenter: Kosali Simon (Indiana University)</td></tr>"
                   "<tr><td><a href='v'>Video</a></td></tr><tr><td>2:30 PM EDT</td><td>Tracking Responses</td>"
                   "</tr><tr><td colspan=4><strong>Date: May 20, 2020</strong></td></tr><tr><td>Presenter: "
                   "Amitabh Chandra (Harvard Kennedy School)</td></tr><tr><td>No Video Available</td></tr><tr>"
                   "<td>2:30 PM EDT</td><td>Choosing Unwisely: Behavioral Hazard and Patient Decisions</td></tr>"
                   "</table></body></html>")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.title) for t in talks] == [
        ("2020-04-22", "14:30", "Kosali Simon", "Tracking Responses"),
        ("2020-05-20", "14:30", "Amitabh Chandra", "Choosing Unwisely: Behavioral Hazard and Patient Decisions")]


def test_a_news_page_cut_by_datelines_reads_as_one_prose_text():
    # no dated piece reads as a talk on its own: the page is read as one announcement
    talks = _parse("March 6, 2013\n\nDepartment turns fifty with a visiting speaker\n\n"
                   "The anniversary year ends with two events -- a talk by Barbara Liskov of MIT and "
                   "a celebration with a dinner.\n\nMarch 21 is the date of Liskov's talk and the "
                   "deadline to register for the dinner on April 5.\n\nShe will speak at 4-5 p.m. "
                   "March 21 in Smith Hall, Room 120.\n")
    assert [(t.date, t.start[11:16] if t.start else None, t.speakers[0].name,
             t.speakers[0].affiliation) for t in talks] == [
        ("2013-03-21", "16:00", "Barbara Liskov", "MIT")]


def test_a_table_without_a_header_row_has_its_columns_voted():
    rows = [("March 3", "Ada Lovelace", "Columbia", "Engines that weave algebraic patterns"),
            ("March 10", "Alan Turing", "U. of Manchester", "Computable numbers revisited today"),
            ("March 17", "Grace Hopper", "Yale", "Compilers for everyone and everything")]
    html = "<h2>Colloquium Spring 2019</h2><table>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    talks = _parse(html)
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2019-03-03", "Ada Lovelace", "Columbia", "Engines that weave algebraic patterns"),
        ("2019-03-10", "Alan Turing", "U. of Manchester", "Computable numbers revisited today"),
        ("2019-03-17", "Grace Hopper", "Yale", "Compilers for everyone and everything")]


def test_a_row_whose_cells_the_rendering_glued_together():
    # the text of a table copied without cell breaks: "January 24Bartek CzechTsinghua Univ.Title"
    talks = _parse("Colloquium Schedule for Spring 2019\n\n"
                   "January 24Ada LovelaceTsinghua Univ.Distance is Information\n"
                   "January 31Alan TuringU. North CarolinaHeavy Ions in Small Systems\n"
                   "February 7Grace HopperColumbiaDynamics of the Quark-Gluon Plasma\n"
                   "September 14th Jean McKay (University of Miami)\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation.rstrip("."), t.title)
            for t in talks][:3] == [
        ("2019-01-24", "Ada Lovelace", "Tsinghua Univ", "Distance is Information"),
        ("2019-01-31", "Alan Turing", "U. North Carolina", "Heavy Ions in Small Systems"),
        ("2019-02-07", "Grace Hopper", "Columbia", "Dynamics of the Quark-Gluon Plasma")]
    assert talks[3].speakers[0].name == "Jean McKay"


def test_a_note_that_the_talk_moves_overrides_the_page_default():
    talks = _parse("Seminars are held on Thursdays at 4:00pm in LSC 3658.\n\nFall 2019\n\n"
                   "September 12\nMia Park, Example College\n\"Glass\"\n\n"
                   "September 19\nLee Chang, MIT\n\"Ice Ages Return\"\n"
                   "NOTE: This talk will take place at 3:30 pm in LSC 5260\n", tz="America/Halifax")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.title, t.location) for t in talks] == [
        ("2019-09-12", "16:00", "Mia Park", "Glass", "LSC 3658"),
        ("2019-09-19", "15:30", "Lee Chang", "Ice Ages Return", "LSC 5260")]


def test_one_line_entry_name_organisation_and_a_title_with_a_subtitle():
    talks = _parse("Fall 2019\n\nSeptember 12 Mia Park, University of Manitoba Comparative Cognition: "
                   "A bird's-eye view\n\nSeptember 19 Lee Chang, MIT\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2019-09-12", "Mia Park", "University of Manitoba", "Comparative Cognition: A bird's-eye view"),
        ("2019-09-19", "Lee Chang", "MIT", None)]


def test_a_slot_with_a_later_talk_start_and_a_note_aside_giving_one_talk_its_room():
    talks = _parse("These seminars take place on Tuesdays at 4pm (talks start at 4.15), in Ellis Hall B12 "
                   "(note change of venue).\n\n2nd Oct: Mia Park (Leeds): Growing syntax in noun phrases\n\n"
                   "15th Oct: Lee Chang (York): Thematic uniqueness (NOTE: on a Monday, in Grant Hall G19)\n",
                   url="https://example.ac.uk/seminars/2012/", tz="Europe/London")
    assert [(t.date, t.start[11:16], t.title, t.location) for t in talks] == [
        ("2012-10-02", "16:15", "Growing syntax in noun phrases", "Ellis Hall B12"),
        ("2012-10-15", "16:15", "Thematic uniqueness", "Grant Hall G19")]


def test_a_short_quoted_title_on_its_own_line():
    talks = _parse("Fall 2019\n\nSeptember 19\nLee Chang, MIT\n\"Ice\"\n")
    assert [(t.speakers[0].name, t.title) for t in talks] == [("Lee Chang", "Ice")]


def test_one_label_for_time_and_location():
    talks = _parse("# Past colloquia\n\n##### April 11, 2018\n\n**Speaker:** Mia Park, Barcelona\n\n"
                   "**Title:** Black hole fusion made easy\n\n**Time & Location**: 10:30am (refreshment at "
                   "10:15am), Mathematical Science Building, room 1147. Light refreshment served before "
                   "the talk.\n", tz="America/Los_Angeles")
    assert [(t.date, t.start[11:16], t.title, t.location, t.abstract) for t in talks] == [
        ("2018-04-11", "10:30", "Black hole fusion made easy", "Mathematical Science Building, room 1147",
         None)]


def test_a_slot_said_as_a_bare_range_is_no_place():
    talks = _parse("Programme 2021\n\nOur seminars take place on Wednesdays at 1-2pm.\n\n"
                   "  • 20 January: \"The Mind of a State\" by Radek Vana (SPIRe)\n", tz="Europe/Dublin")
    assert [(t.date, t.start[11:16], t.end[11:16], t.speakers[0].name, t.location) for t in talks] == [
        ("2021-01-20", "13:00", "14:00", "Radek Vana", None)]


def test_a_dated_line_with_a_time_range_and_a_room_code_before_the_speaker():
    talks = _parse("Winter 2017 Schedule\n\n  • Tuesday, Jan 24, 3-5pm, SLC508, Timothy Stock (Salisbury): "
                   "\"(A Very) Weak Martyrdom\"\n\n  • Tuesday, Feb 7th, 3-5pm, SLC508, Joel Michael Reynolds "
                   "(Emory University): \"The Future of Bioethics\"\n", tz="America/Toronto")
    assert [(t.date, t.start[11:16], t.location, t.speakers[0].name, t.speakers[0].affiliation, t.title)
            for t in talks] == [
        ("2017-01-24", "15:00", "SLC508", "Timothy Stock", "Salisbury", "(A Very) Weak Martyrdom"),
        ("2017-02-07", "15:00", "SLC508", "Joel Michael Reynolds", "Emory University", "The Future of Bioethics")]


def test_a_column_headed_with_several_fields_is_read_as_free_text():
    talks = _parse("Fall 2023\n\nDate | Topic, speakers, sponsors, location, and other details |\n---|---|\n"
                   "Sept 15 | No colloquium. |\n"
                   "Sept 22 | Anne Bonds (UWM Geography), Milwaukee County Racial Covenant Workshop |\n"
                   "Oct 20 | Lynne Woehrle, (UWM School of Nursing, Director, Master in Peace Building "
                   "Program), \"Why is Hyper-Segregation so Difficult to Eliminate?\" |\n"
                   "Oct 27 | AGSL Series: Michael J Pauers, UWM General Studies, Title TBD |\n",
                   tz="America/Chicago")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2023-09-22", "Anne Bonds", "UWM Geography", "Milwaukee County Racial Covenant Workshop"),
        ("2023-10-20", "Lynne Woehrle", "UWM School of Nursing", "Why is Hyper-Segregation so Difficult to Eliminate?"),
        ("2023-10-27", "Michael J Pauers", "UWM General Studies", None)]


def test_numbered_items_with_their_date_below_and_a_last_updated_footer():
    talks = _parse("Applied Statistics Lecture series (2003-2004)\n\n"
                   "  1. Health surveillance: a historical development\n"
                   "    Dr. Mia Park, Professor of Biostatistics, Harvard School of Public Health\n"
                   "    March 25th, 2004,\n\n    [Abstract placeholder.]\n\n"
                   "  2. Syndromic surveillance: why, how, what works?\n"
                   "    Dr. Lee Chang, Assistant Professor of Biostatistics, Harvard Medical School\n"
                   "    April 4th, 2004,\n\n    [Abstract placeholder.]\n\n"
                   "organized by Nicholas Horton\n\nLast updated May 31, 2004\n")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2004-03-25", "Health surveillance: a historical development", "Mia Park",
         "Harvard School of Public Health"),
        ("2004-04-04", "Syndromic surveillance: why, how, what works?", "Lee Chang", "Harvard Medical School")]


def test_a_labelled_record_with_each_label_alone_on_its_line():
    talks = _parse("Mechanical Engineering Seminar\n\nTitle:\n\nASME Vision 2030 – Creating the Future\n\n"
                   "Speaker:\n\nDr. Allan Kirkpatrick\n\nAffiliation:\n\nColorado State University, Fort Collins, "
                   "CO\n\nWhen:\n\nTuesday, October 12, 2010 at 11:00:00 AM\n\nWhere:\n\nMARC Building, Room "
                   "Auditorium\n\nHost:\n\nDr. Al Ferri\nal.ferri@me.example.edu\n404-894-3204\n\nAbstract\n\n"
                   "[Abstract placeholder.]\n")
    assert [(t.date, t.start[11:16], t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location,
             t.host, bool(t.abstract)) for t in talks] == [
        ("2010-10-12", "11:00", "ASME Vision 2030 – Creating the Future", "Allan Kirkpatrick",
         "Colorado State University", "MARC Building, Room Auditorium", "Al Ferri", True)]


def test_speaker_lines_right_above_each_date_open_the_talks():
    talks = _parse("Past Lectures\nAlbert Libchaber (The Rockefeller University)\n30 December 2009, 17:30 to 18:30\n"
                   "J. N. Tata Auditorium, IISc, Bangalore\n[Abstract placeholder.]\nDavid Gross (KITP)\n"
                   "28 December 2009, 17:30 to 18:30\nJ. N. Tata Auditorium, IISc, Bangalore\n"
                   "[Abstract placeholder.]\n", tz="Asia/Kolkata")
    assert [(t.date, t.start[11:16], t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location)
            for t in talks] == [
        ("2009-12-30", "17:30", None, "Albert Libchaber", "The Rockefeller University",
         "J. N. Tata Auditorium, IISc, Bangalore"),
        ("2009-12-28", "17:30", None, "David Gross", "KITP", "J. N. Tata Auditorium, IISc, Bangalore")]


def test_a_flattened_table_with_a_host_column_and_footnote_marks():
    talks = _parse("Unless otherwise specified, all Colloquia are at 3:15 pm in Fillmore 170.\n\n"
                   "Current Schedule (Fall 2019)\n\nName and Organization\n\nFaculty Host\n\nOct. 4\n\n"
                   "Dr. Deb Cowen*, University of Toronto\n\n\"Mapping infrastructure\"\n\nDr. Trina Hamilton\n\n"
                   "Nov. 8\n\nDr. Danny Harvey,  University of Toronto\n\n\"Global Warming: Is it Too Late?\" "
                   "Dr. Abigail Cooke\n\n* Sponsored by the Center for Trade, Environment, and Development\n")
    assert [(t.date, t.start[11:16], [s.name for s in t.speakers], t.speakers[0].affiliation, t.title, t.host,
             t.abstract) for t in talks] == [
        ("2019-10-04", "15:15", ["Deb Cowen"], "University of Toronto", "Mapping infrastructure",
         "Trina Hamilton", None),
        ("2019-11-08", "15:15", ["Danny Harvey"], "University of Toronto", "Global Warming: Is it Too Late?",
         "Abigail Cooke", None)]


def test_quoted_titles_in_single_quotes_and_a_cancelled_row_set_off_by_asterisks():
    talks = _parse("Autumn term 2019\nDecember 11: Ann Sloan, Oxford University, ‘The a-la mode style: Race "
                   "in English Schools, 1850-1900′\nWinter/Spring term 2020\nFebruary 12: Bo Hogsbjerg, University "
                   "of Brighton, ‘The Stop The Tour campaign at 50’\n****CANCELLED****March 11: Emily Vine, Queen "
                   "Mary, ‘Birth, death and domestic religion in London’****CANCELLED****\n", tz="Europe/London")
    assert [(t.date, t.title, t.speakers[0].affiliation, t.location, t.status) for t in talks] == [
        ("2019-12-11", "The a-la mode style: Race in English Schools, 1850-1900", "Oxford University", None,
         "scheduled"),
        ("2020-02-12", "The Stop The Tour campaign at 50", "University of Brighton", None, "scheduled"),
        ("2020-03-11", "Birth, death and domestic religion in London", "Queen Mary", None, "cancelled")]


def test_several_speakers_on_one_line_a_facilitator_and_a_default_place_said_with_on():
    talks = _parse("2018 Seminars\n\nAll seminars are on Parramatta South campus, Female Orphan School conf. room 1, "
                   "EZ.G.23, 1pm - 3.00pm unless otherwise indicated.\n\n"
                   "9 March Peter Boyle, Emily Stewart and Jason Tuckwell\nFacilitated by Kate Fagan\n"
                   "\"The Untold Story that Tells Itself\": Talking Poetics\n"
                   "23 March Meg Samuelson (U Adelaide) Ben Etherington (WSU) Anthony Uhlmann (WSU) ‘Ideas of "
                   "the South (Other Worlds Project)’\n", tz="Australia/Sydney")
    place = "Parramatta South campus, Female Orphan School conf. room 1, EZ.G.23"
    assert [(t.date, t.start[11:16], t.end[11:16], t.title, [(s.name, s.affiliation) for s in t.speakers],
             t.host, t.location) for t in talks] == [
        ("2018-03-09", "13:00", "15:00", "The Untold Story that Tells Itself: Talking Poetics",
         [("Peter Boyle", None), ("Emily Stewart", None), ("Jason Tuckwell", None)], "Kate Fagan", place),
        ("2018-03-23", "13:00", "15:00", "Ideas of the South (Other Worlds Project)",
         [("Meg Samuelson", "U Adelaide"), ("Ben Etherington", "WSU"), ("Anthony Uhlmann", "WSU")], None, place)]


def test_a_workshop_day_of_speakers_each_over_a_quoted_title():
    talks = _parse("Fall Term 2015\n\nNovember 6 (Friday)\n\nA Workshop on Free Will & Moral Responsibility\n\n"
                   "Charles Hermes (UTA Arlington)\n\"Truthmakers & Free Will\"\n\nEric Barnes (SMU)\n"
                   "\"Character Control & Moral Responsibility\"\n\nNovember 13 (Friday)\n\n"
                   "Karen Bennett (Cornell University)\n\"In Defense of the Nonfundamental\"\n")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2015-11-06", "Charles Hermes", "Truthmakers & Free Will"),
        ("2015-11-06", "Eric Barnes", "Character Control & Moral Responsibility"),
        ("2015-11-13", "Karen Bennett", "In Defense of the Nonfundamental")]


def test_a_library_room_line_is_a_place_and_an_organisation_after_an_honorific_name():
    talks = _parse("Spring 2007 Lectures\n\nThursday, February 8, 2007 -- 5:15-6:45 p.m.\n"
                   "Martin Luther King Library, Room 225\n\"Making Great Decisions: How Economics Helps\"\n"
                   "David R. Henderson, Research Fellow, Hoover Institution\n\n"
                   "  • 28 February 2013:  Dr Uri Gordon Loughborough University\n"
                   "    ‘Anarchism and the future of statecraft’\n", tz="America/Los_Angeles")
    assert [(t.date, t.location, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2007-02-08", "Martin Luther King Library, Room 225", "David R. Henderson", "Hoover Institution",
         "Making Great Decisions: How Economics Helps"),
        ("2013-02-28", None, "Uri Gordon", "Loughborough University", "Anarchism and the future of statecraft")]


def test_a_flyer_link_is_no_title():
    talks = _parse("Lecture Series 2016\n\nMarch 3\nMia Park, Example College\nRobinson Flyer\n")
    assert [(t.speakers[0].name, t.title) for t in talks] == [("Mia Park", None)]


def test_a_job_at_an_organisation_under_a_bare_name():
    talks = _parse("Seminar Series 2017-2018\n\nTalks are in Burnside Hall, Room 426, on Mondays.\n\n"
                   "Date: November 6, 10-11 a.m.\nClimate Refugees: Decoding Ineluctable Relations\n"
                   "J. Mauricio Gaona\nO'Brien Fellow at the McGill Centre for Human Rights\nMcGill University\n",
                   tz="America/Toronto")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2017-11-06", "Climate Refugees: Decoding Ineluctable Relations", "J. Mauricio Gaona",
         "McGill Centre for Human Rights, McGill University")]


def test_labelled_dates_that_open_their_records():
    talks = _parse("Seminar Series 2017-2018\n\nDate: November 6, 10-11 a.m.\nClimate Change: Global Mobility\n"
                   "J. Mauricio Gaona\nMcGill University\n\nDate: November 13, 10-11 a.m.\nDeep Time: Human Rights\n"
                   "Mia Park\nYale University\n", tz="America/Toronto")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2017-11-06", "Climate Change: Global Mobility", "J. Mauricio Gaona", "McGill University"),
        ("2017-11-13", "Deep Time: Human Rights", "Mia Park", "Yale University")]


def test_title_by_honorific_and_a_surname_in_capitals():
    talks = _parse("Date | Talks and Details |\n21 Apr 2021 |\nHow to Win at Monopoly By Prof. SIT Tony (Department "
                   "of Statistics) |\n28 Apr 2021 (Wed) |\nSupernova By Dr. LIN Lap Ming (Department of Physics) |\n",
                   tz="Asia/Hong_Kong")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2021-04-21", "How to Win at Monopoly", "SIT Tony", "Department of Statistics"),
        ("2021-04-28", "Supernova", "LIN Lap Ming", "Department of Physics")]
    from seminars.scrapers.toolkit.people import is_name
    assert not is_name("NASA Goddard") and is_name("Prof. SIT Tony")


def test_a_news_item_listing_a_day_of_lectures_in_prose():
    talks = _parse("April 08, 2019\n\nThe 2019 Taylor Lecture Series in Materials Science and Engineering will be "
                   "held from 8:30 a.m. to noon on Thursday, April 11 in the HUB-Robeson Center's Freeman Auditorium "
                   "on the University Park campus.\n\nKeynote speaker, Giulia Galli, Professor of Chemistry at the "
                   "University of Chicago, will give the keynote “Asking why matters to predict the future” at 11 "
                   "a.m.\n\nMichael Janik, professor of chemical engineering, will give the lecture “First "
                   "principles guided catalyst design” at 8:40 a.m.\n")
    assert sorted((t.date, t.start[11:16], t.speakers[0].name, t.title, t.location) for t in talks) == [
        ("2019-04-11", "08:40", "Michael Janik", "First principles guided catalyst design",
         "HUB-Robeson Center's Freeman Auditorium"),
        ("2019-04-11", "11:00", "Giulia Galli", "Asking why matters to predict the future",
         "HUB-Robeson Center's Freeman Auditorium")]


def test_dated_lines_set_off_with_bars_and_a_list_of_speakers_with_semicolons():
    talks = _parse("Archive of Events 2012/13\n\nThursday 18 October 2012    |    5pm-7pm   |    Venue: Moot Court "
                   "Room (NAB 7th floor)\n\nEUROPEAN PUBLIC LAW THEORY\n\n'A Secular Europe: Law and Religion'\n\n"
                   "Speaker: Lorenzo Zucca (King's College London)\n\nFriday 19 October 2012    |    11.00-13.00     |"
                   "     CON 1.05\n\nIn Collaboration with the Britain-Nepal Academic Council\n\nA Roundtable "
                   "discussion on Nepal's constitutional crisis\n\nSpeakers: Dr Ananda Mohan Bhattarai (Court of "
                   "Appeal); Prof Surya Prasad Subedi (University of Leeds)\n", tz="Europe/London")
    assert [(t.date, t.start[11:16], t.end[11:16], t.location, t.title, [s.name for s in t.speakers])
            for t in talks] == [
        ("2012-10-18", "17:00", "19:00", "Moot Court Room (NAB 7th floor)", "A Secular Europe: Law and Religion",
         ["Lorenzo Zucca"]),
        ("2012-10-19", "11:00", "13:00", "CON 1.05", "A Roundtable discussion on Nepal's constitutional crisis",
         ["Ananda Mohan Bhattarai", "Surya Prasad Subedi"])]


def test_one_line_entries_repeating_the_series_name_after_date_and_time():
    talks = _parse("Research Forum Programme\n\nMichaelmas Term\n\n"
                   "15 October 2013 2pm Research Forum Professor Tuomas Eerola Timbre as the fabric of emotions\n"
                   "22 October 2013 2pm Research Forum Dr Philip Cooke (Aberdeen) Re-encountering the Pastoral: Some "
                   "thoughts\n29 October 2013 2pm Research Forum Dr Hector Sequera Reassessing a Genre: Italian Song\n",
                   tz="Europe/London")
    assert [(t.date, t.start[11:16], t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2013-10-15", "14:00", "Tuomas Eerola", None, "Timbre as the fabric of emotions"),
        ("2013-10-22", "14:00", "Philip Cooke", "Aberdeen", "Re-encountering the Pastoral: Some thoughts"),
        ("2013-10-29", "14:00", "Hector Sequera", None, "Reassessing a Genre: Italian Song")]


def test_a_long_bracketed_affiliation_is_not_cut_into_a_title():
    talks = _parse("Fall 2018\n\nSeptember 28 Ken Forster (University of Arizona)\nOctober 12: Samira Farwaneh (School "
                   "of Middle Eastern & North African Studies, University of Arizona)\n")
    assert [(t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("Ken Forster", "University of Arizona", None),
        ("Samira Farwaneh", "School of Middle Eastern & North African Studies, University of Arizona", None)]


def test_one_evening_of_two_lectures_under_one_date_and_place():
    talks = _parse("Popular Lecture (London)\n\nThursday 25th June, 2015\nUCL Institute of Education, 20 Bedford Way, "
                   "London, WC1H 0AL\n\nProfessor Martin Hairer, FRS Regius Professor of Mathematics, University of "
                   "Warwick\n\n'The mathematics of randomness'\n\n[Abstract placeholder.]\n\nDr Ruth King, Reader in "
                   "Statistics, University of St Andrews (from 1st September, the Bayes Chair at the University of "
                   "Edinburgh)\n\n'Epidemics and viruses: the mathematics of disease'\n\n[Abstract placeholder.]\n",
                   tz="Europe/London")
    place = "UCL Institute of Education, 20 Bedford Way, London, WC1H 0AL"
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location, bool(t.abstract))
            for t in talks] == [
        ("2015-06-25", "Martin Hairer", "University of Warwick", "The mathematics of randomness", place, True),
        ("2015-06-25", "Ruth King", "University of St Andrews", "Epidemics and viruses: the mathematics of disease",
         place, True)]


def test_an_honorific_every_line_shares_still_marks_where_the_name_starts():
    talks = _parse("Spring 2016\n\nFeb 5, 2016 Prof. James Lattimer Blowing in the Ether\n"
                   "Feb 12, 2016 Prof. Neelima Sehgal Maps of the early universe\n"
                   "Feb 19, 2016 Prof. Takamitsu Tanaka Supermassive black holes\n")
    assert [(t.speakers[0].name, t.title) for t in talks] == [
        ("James Lattimer", "Blowing in the Ether"), ("Neelima Sehgal", "Maps of the early universe"),
        ("Takamitsu Tanaka", "Supermassive black holes")]


def test_a_name_that_speaks_on_labels_the_title_below_it():
    talks = _parse("Physik am Samstag\n\n7.September 2024\n\nProf. Dr. Detlef Reichert speaks on:\nPhysik in der "
                   "Sauna – vom Dampfdruck\n\n[Abstract placeholder.]\n\n15th February 2025\n\nDr. Franz-Josef "
                   "Schmitt speaks on:\nVom Mikrokosmos zum Makrokosmos\n\n[Abstract placeholder.]\n",
                   tz="Europe/Berlin")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2024-09-07", "Detlef Reichert", "Physik in der Sauna – vom Dampfdruck"),
        ("2025-02-15", "Franz-Josef Schmitt", "Vom Mikrokosmos zum Makrokosmos")]


def test_a_caption_glued_to_its_value_is_still_a_label():
    talks = _parse("Winter 2024 Colloquium\n\nJanuary 18, 2024\n\nSpeakerRaúl Pérez, University of LaVerne\n\n"
                   "Title: Blue Humor: On the Racist Insults of the Police\n")
    assert [(t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("Raúl Pérez", "University of LaVerne", "Blue Humor: On the Racist Insults of the Police")]


def test_a_quote_or_bracket_left_open_by_the_page_is_not_kept():
    talks = _parse("Lectures 2023-2024\n\nOctober 5, 2023\n\nPeggy Wang, Bowdoin College - \"Pop and the People: "
                   "Re-thinking Wang Guangyi's Great Criticism Series\n\nWhere: 203 Cohen Memorial Hall\n\n"
                   "November 9, 2023\n\nSpeakers: Anu Bradford, Columbia)\n\nTitle: The Brussels Effect\n")
    assert [(t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("Peggy Wang", "Bowdoin College", "Pop and the People: Re-thinking Wang Guangyi's Great Criticism Series"),
        ("Anu Bradford", "Columbia", "The Brussels Effect")]


def test_a_disclosure_toggle_glyph_is_not_part_of_the_title():
    talks = _parse("Spring 2026 Seminar Series\n\nFeb 3, 2026 — Yejin Choi (Stanford)\n"
                   "More Fruitful SFT by Respecting the Learner's Distribution ▼\n")
    assert [(t.speakers[0].name, t.title) for t in talks] == [
        ("Yejin Choi", "More Fruitful SFT by Respecting the Learner's Distribution")]


def test_a_french_listing_with_its_default_slot_and_capitalised_surnames():
    talks = _parse("COLLOQUIUM\n\nProgramme 2002/2003\n\nIl se tient le mardi à 18h en salle S3-122, deux fois par "
                   "trimestre.\n\n  • 29 octobre 2002 : Gilbert LEVITT (Toulouse) - GROUPES LIMITES.\n\n"
                   "  • 11 février 2003 : Jacques FARAUT (Inst. Math. Jussieu, Paris) - MATRICES ALEATOIRES.\n",
                   url="https://www.lmno.example.fr/colloquium20022003.html", tz="Europe/Paris")
    assert [(t.date, t.start, t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location)
            for t in talks] == [
        ("2002-10-29", "2002-10-29T18:00:00+01:00", "Gilbert LEVITT", "Toulouse", "GROUPES LIMITES", "salle S3-122"),
        ("2003-02-11", "2003-02-11T18:00:00+01:00", "Jacques FARAUT", "Inst. Math. Jussieu, Paris",
         "MATRICES ALEATOIRES", "salle S3-122")]


def test_a_portuguese_labelled_block_under_its_series_line():
    talks = _parse("Colóquio da Física 17/10/2017\n\nPalestrante: Prof. Dr. Wellington Gomes Dantas (UFF)\n\n"
                   "Título: “Boltzmann, Gibbs e as temperaturas absolutas negativas”\n\nData: 17 de Outubro  "
                   "(terça-feira)\n\nHora: 16 hs\n\nLocal: SALA 308 C – UFF – Campus Aterrado – BLOCO C\n\n"
                   "Resumo:\n\n[Abstract placeholder.]\n", tz="America/Sao_Paulo")
    assert [(t.date, t.start, t.speakers[0].name, t.speakers[0].affiliation, t.title, t.location, bool(t.abstract))
            for t in talks] == [
        ("2017-10-17", "2017-10-17T16:00:00-02:00", "Wellington Gomes Dantas", "UFF",
         "Boltzmann, Gibbs e as temperaturas absolutas negativas", "SALA 308 C – UFF – Campus Aterrado – BLOCO C",
         True)]


def test_titles_that_end_in_a_quote_or_open_with_a_kind_of_event():
    talks = _parse("Spring 2022 Colloquium\n\nMar. 11\nBook Launch: The Dawn of Everything\nDavid Wengrow, "
                   "University College London\n\nMay 6\nThe Entanglements of Desire: Language and Late Capitalism in "
                   "an “out-of-the-way place”\nAurora Donzelli, Sarah Lawrence College\n")
    assert [(t.speakers[0].name, t.title, t.talk_type) for t in talks] == [
        ("David Wengrow", "The Dawn of Everything", "Book Launch"),
        # (clean text makes the quotes plain)
        ("Aurora Donzelli", 'The Entanglements of Desire: Language and Late Capitalism in an "out-of-the-way place"',
         None)]


def test_a_name_marked_by_honorific_or_degree_after_the_title():
    talks = _parse("Lecture Programme 2020\n\n  • 2 March: An Introduction to Dendrochronology: Dr Gretel Boswijk\n\n"
                   "  • 13 July: Science: Good, Bad and Bogus: Doug Campbell, PhD\n", tz="Pacific/Auckland")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2020-03-02", "Gretel Boswijk", "An Introduction to Dendrochronology"),
        ("2020-07-13", "Doug Campbell", "Science: Good, Bad and Bogus")]


def test_a_noon_slot_an_online_default_and_the_speaker_named_again_under_the_abstract():
    talks = _parse("Research Seminar Programme 2021\n\nOur seminar programme will be delivered online via Teams.\n\n"
                   "28th Oct 12 noon Prof Reza Gholami: Islamophobia and Racism in the Secular University: An "
                   "Examination of the Awarding Gap\n\n[Abstract placeholder.]\n\nPhoto of Prof Reza Gholami\n\n"
                   "Prof Reza Gholami\n\n[Bio placeholder.]\n", tz="Europe/London")
    assert [(t.start, [s.name for s in t.speakers], t.title, t.location) for t in talks] == [
        ("2021-10-28T12:00:00+01:00", ["Reza Gholami"],
         "Islamophobia and Racism in the Secular University: An Examination of the Awarding Gap", "Teams")]


def test_a_building_named_after_the_time_on_the_date_line_is_the_place():
    talks = _parse("Talks 2019-2020\n\nWednesday 2nd October at 4.30pm, Exeter College\n\nDr Emily Hauser, ‘Finding "
                   "the Female Voice in the Ancient World’\n", tz="Europe/London")
    assert [(t.date, t.start, t.speakers[0].name, t.title, t.location) for t in talks] == [
        ("2019-10-02", "2019-10-02T16:30:00+01:00", "Emily Hauser", "Finding the Female Voice in the Ancient World",
         "Exeter College")]


def test_one_days_programme_of_time_slots_with_the_speaker_under_each_title():
    talks = _parse("Opening Ceremony IYPT2019\n\n28 February, 2019, Stockholm\n\nThe Periodic Table was published on "
                   "17 February, ie 3 March in the Gregorian calendar, and is celebrated this year.\n\n"
                   "14:30-14:40 Welcome\n\n14:40-15:10 Superheavy elements of the periodic table\nSergey Dmitriev, "
                   "The Joint Institute for Nuclear Research\n\n15:10-15:40 The Last Alchemist in Paris\nLars "
                   "Öhrström, Chalmers University\n\n16:10-16:30 Break\n\n16:30-17:00 Elements at the heart of "
                   "future battery chemistries\nKristina Edström, Uppsala University\n\nThe number of seats is "
                   "limited.\n\nLecture hall: Library, Apotekarsocieteten, Wallingatan 26 A, Stockholm\n",
                   tz="Europe/Stockholm")
    assert [(t.start, t.end, t.speakers[0].name, t.title, t.location) for t in talks] == [
        ("2019-02-28T14:40:00+01:00", "2019-02-28T15:10:00+01:00", "Sergey Dmitriev",
         "Superheavy elements of the periodic table", "Library, Apotekarsocieteten, Wallingatan 26 A, Stockholm"),
        ("2019-02-28T15:10:00+01:00", "2019-02-28T15:40:00+01:00", "Lars Öhrström", "The Last Alchemist in Paris",
         "Library, Apotekarsocieteten, Wallingatan 26 A, Stockholm"),
        ("2019-02-28T16:30:00+01:00", "2019-02-28T17:00:00+01:00", "Kristina Edström",
         "Elements at the heart of future battery chemistries",
         "Library, Apotekarsocieteten, Wallingatan 26 A, Stockholm")]


def test_a_sentence_case_phrase_after_the_name_is_a_title_and_a_section_caption_ends_the_list():
    talks = _parse("Research seminars\n\nVinay Ultham; 1 February 2023\n\nTBC\n\nMairi McLean, Elite philanthropy; "
                   "24 March 2023\n\nTBC\n\nOur past speakers\n\nDavid Veenman, Outliers and robust inference in "
                   "archival accounting research\n\n[Abstract placeholder.]\n", tz="Europe/London")
    assert [(t.date, [s.name for s in t.speakers], t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2023-02-01", ["Vinay Ultham"], None, None),
        ("2023-03-24", ["Mairi McLean"], None, "Elite philanthropy")]


def test_a_title_closed_by_bracketed_speakers_and_a_place_line_with_its_slot():
    talks = _parse("The 2018-2019 academic year is underway!\n\nFri. September 21, 2018: Due Process in the #MeToo "
                   "Era, Jonathan Kay (Senior Editor, Quillette Magazine) and Professor Jennifer Koshan (University "
                   "of Calgary)\n\n  • University of Alberta Faculty of Law, 12pm-1pm (Room LC 237)\n\n"
                   "Mon. September 17, 2018: La crise des délais, Me Christine Mainville (Henein Hutchison LLP)\n\n"
                   "  • Faculté de droit, 11:30am-1pm (Salle B-4220, Pavillon Lionel-Groulx)\n", tz="America/Toronto")
    assert [(t.start, t.title, [(s.name, s.affiliation) for s in t.speakers], t.location) for t in talks] == [
        ("2018-09-21T12:00:00-04:00", "Due Process in the #MeToo Era",
         [("Jonathan Kay", "Quillette Magazine"), ("Jennifer Koshan", "University of Calgary")],
         "University of Alberta Faculty of Law (Room LC 237)"),
        ("2018-09-17T11:30:00-04:00", "La crise des délais", [("Christine Mainville", "Henein Hutchison LLP")],
         "Faculté de droit (Salle B-4220, Pavillon Lionel-Groulx)")]


def test_numbered_lectures_partners_in_brackets_and_a_shared_word_that_opens_every_title():
    talks = _parse("Lecture 1\nThursday 22 March 2018History and religion\nSpeakers: Tom Holland and Alec Ryrie\n\n"
                   "Lecture 2\nThursday 19 April 2018History in a post-fact world\nSpeakers: David Wootton\n\n"
                   "Lecture 3\nThursday 17 May 2018History beyond borders\nSpeakers: John Vandaele (Elien "
                   "Spillebeen & Stijn Oosterlynck)\n\nWednesday 15 August 2018\nLecture 6. Mega Volcanic "
                   "Eruptions – Professor Jocelyn McPhie, University of Tasmania.\n", tz="Europe/London")
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("History and religion", ["Tom Holland", "Alec Ryrie"]),
        ("History in a post-fact world", ["David Wootton"]),
        ("History beyond borders", ["John Vandaele", "Elien Spillebeen", "Stijn Oosterlynck"]),
        ("Mega Volcanic Eruptions", ["Jocelyn McPhie"])]


def test_a_year_heading_is_no_title_and_the_place_sits_between_title_and_date():
    page = ("<html><body><h1>OASYS SEMINARS</h1><h2 id='2021'>2021</h2><ul>"
            "<li>Miguel Ángel Muñoz Díaz  ”Online wind energy bidding” Ada Byron Research Centre, 15th December "
            "2021. (<a href='x.pdf'>slides</a>)</li>"
            "<li>José Gómez de la Varga “State estimation” Ada Byron Research Centre, 24th of November 2021.</li>"
            "</ul></body></html>")
    talks = _parse(page, tz="Europe/Madrid")
    assert [(t.date, t.speakers[0].name, t.title, t.location) for t in talks] == [
        ("2021-12-15", "Miguel Ángel Muñoz Díaz", "Online wind energy bidding", "Ada Byron Research Centre"),
        ("2021-11-24", "José Gómez de la Varga", "State estimation", "Ada Byron Research Centre")]


def test_a_report_of_a_past_seminar_ends_the_affiliation_at_its_verb():
    talks = _parse("Highlights of Recent Seminars\n06 January 2015\nKibeom Lee, Professor of Psychology, University of "
                   "Calgary, presented a seminar titled “The Origin and Development of the HEXACO Model of "
                   "Personality”. He discussed how the theory could be useful.\n13 January 2015\nKatherine "
                   "Valentine, Singapore Management University, presented a seminar titled “Parent, Partner, or "
                   "Provider”. She discussed spousal expectations.\n", tz="Asia/Singapore")
    assert [(t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("Kibeom Lee", "University of Calgary", "The Origin and Development of the HEXACO Model of Personality"),
        ("Katherine Valentine", "Singapore Management University", "Parent, Partner, or Provider")]


def test_a_japanese_lecture_listing_with_slash_labels():
    talks = _parse("2011年度 講演会\n新春講演会\nテーマ 「考古学からみた日本史2題」\n考古学は、昔の人々が残したモノから生活を復元します。\n"
                   "- 日時/1月25日(水曜日)午後2時~4時\n- 会場/文化会館たづくり12階大会議場\n- 講師/石川日出志氏(明治大学教授)\n"
                   "- 定員/当日先着200人\n講演会\nテーマ 「時代小説から人生を学ぶ」\n- 日時/11月10日(木曜日)午前10時30分～12時\n"
                   "- 会場/文化会館たづくり12階大会議場\n- 講師/清原康正氏(文芸評論家)\n- 定員/当日先着200人\n", tz="Asia/Tokyo")
    assert [(t.start, t.end, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2012-01-25T14:00:00+09:00", "2012-01-25T16:00:00+09:00", "考古学からみた日本史2題", "石川日出志", "明治大学",
         "文化会館たづくり12階大会議場"),
        ("2011-11-10T10:30:00+09:00", "2011-11-10T12:00:00+09:00", "時代小説から人生を学ぶ", "清原康正", None,
         "文化会館たづくり12階大会議場")]


def test_a_czech_programme_with_month_first_dates_and_degrees_before_names():
    talks = _parse("MODERNÍ VÝZVY LIDSTVA\n\n2023 – 2024\n\nZÁŘÍ, 19\n\nMgr. MgA. Petr Horký Ph.D.\n\nCivilizace – "
                   "Dobrá zpráva o konci světa\n\n[Abstract placeholder.]\n\nŘÍJEN, 9\n\nJUDr. Josef Baxa\n\nRole "
                   "Ústavního soudu\n\n[Abstract placeholder.]\n", tz="Europe/Prague")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2023-09-19", "Petr Horký", "Civilizace – Dobrá zpráva o konci světa"),
        ("2023-10-09", "Josef Baxa", "Role Ústavního soudu")]


def test_a_swedish_programme_with_job_titles_and_a_lower_case_subtitle():
    talks = _parse("Föreläsningsserier hösten 2021\n\nProgram\n23 sept. Hanna Hodacs, docent i historia, Uppsala "
                   "universitet. Ett liv i resor – om Carl von Linné.\n\n4 nov. Ulrika Knutson, journalist, författare. "
                   "Fredens stadsbud i Europa.\n", tz="Europe/Stockholm")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2021-09-23", "Hanna Hodacs", "Uppsala universitet", "Ett liv i resor – om Carl von Linné"),
        ("2021-11-04", "Ulrika Knutson", None, "Fredens stadsbud i Europa")]


def test_a_german_list_with_its_slot_in_words_and_titles_glued_to_the_names():
    talks = _parse("Hamburger Physik\nwann: dienstags, 17 bis 19 Uhr\nwo: Otto-Stern-Hörsaal, Jungiusstraße 9, 20355 "
                   "Hamburg5. Januar 2010\nCMS – ein Groß-Experiment am LHCDr. Gordon Kaussen, Institut für "
                   "Experimentalphysik\n19. Januar 2010\nPhysik der Musik-InstrumenteYves Kemp, Deutsches Elektronen "
                   "Synchrotron (DESY), Hamburg\n", tz="Europe/Berlin")
    assert [(t.start, t.end, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2010-01-05T17:00:00+01:00", "2010-01-05T19:00:00+01:00", "CMS – ein Groß-Experiment am LHC", "Gordon Kaussen",
         "Otto-Stern-Hörsaal, Jungiusstraße 9, 20355 Hamburg"),
        ("2010-01-19T17:00:00+01:00", "2010-01-19T19:00:00+01:00", "Physik der Musik-Instrumente", "Yves Kemp",
         "Otto-Stern-Hörsaal, Jungiusstraße 9, 20355 Hamburg")]


def test_labelled_records_keep_their_title_and_abstract_below_an_unknown_label():
    talks = _parse("Seminars in 2018/19\n\n\nSpeaker: Prof Petter Osmundsen (University of Stavanger)\n\nDate: 19 "
                   "September 2018\n\nResearch Field: Energy Economics\n\nTitle: Petroleum Tax Competition\n\nAbstract: "
                   "[Abstract placeholder.]\n\n\nSpeaker: Professor David Collins (University of Suffolk)\nDate: 28 "
                   "September 2018\nResearch Field: Critical management theory\nTitle: Constituting Best Practice\n",
                   tz="Europe/London")
    assert [(t.date, t.speakers[0].name, t.title, bool(t.abstract)) for t in talks] == [
        ("2018-09-19", "Petter Osmundsen", "Petroleum Tax Competition", True),
        ("2018-09-28", "David Collins", "Constituting Best Practice", False)]


def test_a_series_caption_between_entries_is_no_speakers_affiliation():
    talks = _parse("Lecture Programme 2019\n\n  • 2 March: An Introduction to Dendrochronology: Dr Gretel Boswijk\n\n"
                   "Series 6: Viewpoint\n\n  • 9 March: Owning Our History: Dr Vincent O'Malley\n", tz="Pacific/Auckland")
    assert [(t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("Gretel Boswijk", None), ("Vincent O'Malley", None)]


def test_a_one_word_quoted_title_before_by_and_a_recording_link_is_no_place():
    page = ("<html><body><h1>Bioinformatics Seminar Series 2020</h1><ul>"
            "<li>April 27th, 2020: \"Biodatabases\" by Juan Felipe Beltrán, PhD<ul><li><a href='a.pdf'>see slides</a>"
            "</li><li><a href='https://youtu.be/x'>watch Zoom video recording</a></li></ul></li></ul></body></html>")
    talks = _parse(page)
    assert [(t.title, t.speakers[0].name, t.location) for t in talks] == [("Biodatabases", "Juan Felipe Beltrán", None)]


def test_two_lectures_under_one_date_each_title_then_speaker():
    talks = _parse("Winter Lecture Series 2015\n\nVenue: University of Tasmania, Stanley Burbury Theatre\n\n"
                   "Wednesday June 24    7.30pm\nLecture 1. The Theory of Evolution – What have we learnt? – Professor "
                   "John Long, Flinders University.    More Information\n\nLecture 2. The Early Earth – Distinguished "
                   "Professor Malcom Walter, University of NSW.\n", tz="Australia/Hobart")
    assert [(t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2015-06-24T19:30:00+10:00", "The Theory of Evolution – What have we learnt?", "John Long",
         "Flinders University"),
        ("2015-06-24T19:30:00+10:00", "The Early Earth", "Malcom Walter", "University of NSW")]


def test_an_interview_names_the_guest_as_speaker_and_the_weekday_settles_day_first_dates():
    talks = _parse("Het programma voor het najaar is gekend.\n\nWoensdag 5/10/22 – Tom Van de Weghe – De strijd om de "
                   "nieuwe wereldorde\n\nWoensdag 30/11/22 – Ward Bogaert interviewt José De Cauwer: De koers door de "
                   "jaren heen.\n", tz="Europe/Brussels")
    assert [(t.date, t.speakers[0].name, t.host, t.title) for t in talks] == [
        ("2022-10-05", "Tom Van de Weghe", None, "De strijd om de nieuwe wereldorde"),
        ("2022-11-30", "José De Cauwer", "Ward Bogaert", "De koers door de jaren heen")]


def test_a_news_item_announcing_a_talk_with_no_title_and_no_year():
    talks = _parse("Scholars to Speak at Chemistry/Physics Lecture Series\n\nLectures will begin at 12:30 p.m. in "
                   "Science Building 420, unless otherwise noted.\n\nOn February 26, Paul Seidler, a chemistry graduate "
                   "student at Buffalo State College, will present “Infrared Studies of Metastable States.”\n\n"
                   "On March 12, Mohammed Tahar from the College at Brockport, State University of New York, will speak "
                   "on magnetic properties and measurements.\n", url="http://www.example.edu/bulletin/research.xml")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        (None, "Paul Seidler", "Buffalo State College", "Infrared Studies of Metastable States"),
        (None, "Mohammed Tahar", "College at Brockport, State University of New York", None)]


def test_a_day_of_two_talks_each_speaker_with_an_own_slot_over_the_title():
    talks = _parse("Colloquium Fall 2018\n\nOrganizer:      Masha Fedzechkina & Andy Wedel\n\nSchedule:      Fridays, "
                   "3:00pm – 4:30pm in Communication 311\n\nSeptember 28 Ken Forster (University of Arizona)\n"
                   "October 19: Special two-speaker colloquium event, Comm 311\nCaleb Everett, University of Miami "
                   "(3-4 pm):\nEase of articulation as a shaper of speech\n[Abstract placeholder.]\nClaire Bowern, Yale "
                   "University (4-5 pm):\nLanguage, Culture, and Australian Exceptionalism\n[Abstract placeholder.]\n",
                   tz="America/Phoenix")
    assert [(t.date, t.start, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2018-09-28", "2018-09-28T15:00:00-07:00", "Ken Forster", "University of Arizona"),
        ("2018-10-19", "2018-10-19T15:00:00-07:00", "Caleb Everett", "University of Miami"),
        ("2018-10-19", "2018-10-19T16:00:00-07:00", "Claire Bowern", "Yale University")]
    assert talks[1].title == "Ease of articulation as a shaper of speech"


def test_a_speaker_named_again_with_an_organisation_under_a_heading_that_named_him():
    talks = _parse("Colloquium: David Nataf (Host: Jason Jackiewicz)\nOct 5, 2018 @ 3:15 pm – 4:15 pm\n"
                   "Colloquium: David Nataf (Host: Jason Jackiewicz)\n\nClues to Globular Cluster Formation\n\n"
                   "David Nataf, New Mexico Tech\n\n[Abstract placeholder.]\n", tz="America/Denver")
    assert [(t.date, t.start, t.title, t.host) for t in talks] == [
        ("2018-10-05", "2018-10-05T15:15:00-06:00", "Clues to Globular Cluster Formation", "Jason Jackiewicz")]
    assert [(s.name, s.affiliation) for s in talks[0].speakers] == [("David Nataf", "New Mexico Tech")]


def test_a_year_led_archive_line_takes_its_day_from_further_on():
    talks = _parse("The Annual Lecture\n\n2013: Dr John Laker (BEc Hons ’72), Chairman of the Example Authority, on "
                   "26 November at the New Law School: Ideas and Issues in Financial Regulation.\n\n2014: Hugh Harley, "
                   "Example Partners, on 30 October at the New Law School: Growth in the 21st Century?\n",
                   tz="Australia/Sydney")
    assert [(t.date, t.speakers[0].name) for t in talks] == [("2013-11-26", "John Laker"), ("2014-10-30", "Hugh Harley")]
    assert talks[0].speakers[0].affiliation is None  # his degree and class year say where he studied


def test_jekyll_markdown_with_html_pieces_lists_one_talk_per_bullet():
    page = ("---\ntitle: 'Materials Meetings'\nlayout: page\n---\nAll talks are from 4-5PM.\n\nUnless otherwise noted, "
            "seminars are held in the [Chevron Science Center](http://maps.example.com/) on the campus, in room 150.\n\n"
            "## 2012 Fall Seminar Schedule\n\n**October 26th**\n\n"
            "  * Langli Luo (Binghamton, [Yang Group](http://x.example.edu/)): Cu and Alloy Oxidation via In-Situ TEM\n"
            "  * Tao Li ([Rosi Group](http://y.example.edu/)):\u00c2 Bio-Metal Organic Frameworks (MOFs)\n\n"
            "<div>\n  <p>\n    <strong>November 30th</strong>\n  </p>\n  <ul>\n    <li>\n      Prof. Dwight Seferos "
            "(<a href=\"http://z.example.edu/\">U. Toronto</a>):\u00c2 Selenophene Polymers\n    </li>\n  </ul>\n</div>\n")
    talks = _parse(page, tz="America/New_York")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2012-10-26", "2012-10-26T16:00:00-04:00", "Cu and Alloy Oxidation via In-Situ TEM", "Langli Luo",
         "Binghamton, Yang Group", "Chevron Science Center, room 150"),
        ("2012-10-26", "2012-10-26T16:00:00-04:00", "Bio-Metal Organic Frameworks (MOFs)", "Tao Li", "Rosi Group",
         "Chevron Science Center, room 150"),
        ("2012-11-30", "2012-11-30T16:00:00-05:00", "Selenophene Polymers", "Dwight Seferos", "U. Toronto",
         "Chevron Science Center, room 150")]


def test_one_line_entries_closing_on_the_speaker_in_brackets():
    talks = _parse("Schedule\n\n- **Oct 5, 2015**: *no seminar this week*\n\n- **Oct 12, 2015**: IPython: Beyond Normal "
                   "Python ([notebook](http://x.example.org/n.ipynb)) (Jake VanderPlas)\n\n- **Dec 7, 2015**: Python "
                   "and Social Networks (Jose Manuel Magallanes)\n\n- **Dec 14, 2015**: Pierre-Carl Langlais (Paris-IV "
                   "Sorbonne)\n\n- **Dec 16, 2015**: Holiday Social\n", tz="America/Los_Angeles")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2015-10-12", "IPython: Beyond Normal Python", "Jake VanderPlas", None),
        ("2015-12-07", "Python and Social Networks", "Jose Manuel Magallanes", None),
        ("2015-12-14", None, "Pierre-Carl Langlais", "Paris-IV Sorbonne")]


def test_a_default_slot_line_with_a_dash_does_not_make_dates_close_their_entries():
    talks = _parse("Spring 2014 Seminar Schedule\n\nLife Science 175 - 3:30 pm (unless otherwise indicated) Refreshments "
                   "served\n\nThursday, Jan. 30\n\nNo Seminar\n\nThursday, Feb. 06 Kent Syverson, University of Wisconsin "
                   "Eau Claire; \"The Frac Sand Mining Boom\"\n\nMonday, Feb. 10\n\n\nCharles Darwin Special Lecture\n"
                   "- Walter Salzburger, Universitat Basel; \"Evolution in Darwin's Dream Ponds\"\n\nThursday, Feb 13\n\n"
                   "No Seminar\n", tz="America/Chicago")
    assert [(t.date, t.start, t.speakers[0].name, t.location) for t in talks] == [
        ("2014-02-06", "2014-02-06T15:30:00-06:00", "Kent Syverson", "Life Science 175"),
        ("2014-02-10", "2014-02-10T15:30:00-06:00", "Walter Salzburger", "Life Science 175")]


def test_day_month_and_a_two_digit_year_and_a_two_word_title_before_an_honoured_speaker():
    talks = _parse("All meetings will be held on Tuesday evenings at 7.30 pm in Rutherford Lecture Theatre 1.\n\n"
                   "Autumn Lectures\n\n2nd Oct 12: Strange Materials - Professor Mark Miodownik, Department of Materials, "
                   "University College London\n\n[Abstract placeholder.]\n\n20 Nov 12: Exploring the Diversity of "
                   "Exoplanets - Dr Suzanne Aigrain, University of Oxford\n", tz="Europe/London")
    assert [(t.date, t.start, t.title, t.speakers[0].name) for t in talks] == [
        ("2012-10-02", "2012-10-02T19:30:00+01:00", "Strange Materials", "Mark Miodownik"),
        ("2012-11-20", "2012-11-20T19:30:00+00:00", "Exploring the Diversity of Exoplanets", "Suzanne Aigrain")]


def test_date_led_lines_title_by_name_and_a_between_range_default():
    talks = _parse("Schedule\n\nEach talk is between 1pm and 2pm EDT on their respective day, unless stated otherwise.\n\n"
                   "- 8/21/2020: [Dependable Systems for Managing Valuable Data](/talks/Tremel.html) by Edward Tremel\n"
                   "- 9/4/2020: [Language-Integrated Verification](/talks/Jhala.html) by [Ranjit Jhala](https://x.example/)\n"
                   "- 9/11/2020: Watch a recording of the presentation by Ada Byron, Example University\n")
    assert [(t.date, t.start, t.end, t.title, t.speakers[0].name) for t in talks] == [
        ("2020-08-21", "2020-08-21T13:00:00-04:00", "2020-08-21T14:00:00-04:00",
         "Dependable Systems for Managing Valuable Data", "Edward Tremel"),
        ("2020-09-04", "2020-09-04T13:00:00-04:00", "2020-09-04T14:00:00-04:00", "Language-Integrated Verification",
         "Ranjit Jhala"),
        ("2020-09-11", "2020-09-11T13:00:00-04:00", "2020-09-11T14:00:00-04:00", None, "Ada Byron")]


def test_the_first_talk_printed_title_first_above_a_date_first_list():
    talks = _parse("The Department hosts a weekly colloquium. During Fall 2017, the colloquia will take place on "
                   "Thursdays at 3 pm in BIOS 335.  Refreshments are served first and talks will begin at 3:15 pm.\n\n"
                   "The 100 Year Odyssey from Einstein to Gravitational Waves\nProf. Emeritus Barry C. Barish, Caltech\n"
                   "Sept. 21, 3 pm, Golden Eagle Ballroom #3\n\n[Abstract placeholder.]\n\nSeptember 28\n"
                   "\"Supermassive Star Formation\"\nDr. Christine Corbett Moran, Caltech\n\nOctober 5\n"
                   "\"Studying the Epoch of Reionization\"\nDr. Abigail Crites, Caltech\n", tz="America/Los_Angeles")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2017-09-21", "2017-09-21T15:00:00-07:00", "The 100 Year Odyssey from Einstein to Gravitational Waves",
         "Barry C. Barish", "Golden Eagle Ballroom #3"),
        ("2017-09-28", "2017-09-28T15:15:00-07:00", "Supermassive Star Formation", "Christine Corbett Moran", "BIOS 335"),
        ("2017-10-05", "2017-10-05T15:15:00-07:00", "Studying the Epoch of Reionization", "Abigail Crites", "BIOS 335")]


def test_a_calendar_event_page_menus_buttons_and_image_text_are_no_talks():
    page = ("[Skip to Main Content](https://cal.example.edu/e#main)\n# [Events Calendar ](https://cal.example.edu/)\n"
            "  * [Campus Life](https://cal.example.edu/c?t=1)\n  * [Arts & Culture](https://cal.example.edu/c?t=2)\n"
            "  * [Academics](https://cal.example.edu/c?t=3)\n  * [Career Readiness](https://cal.example.edu/c?t=4)\n"
            "  * [Recreation & Wellness](https://cal.example.edu/c?t=5)\n  * [Community](https://cal.example.edu/c?t=6)\n\n"
            "# Physics Colloquium\nFriday, April 18, 2025 1pm to 2pm \n[ I'm Interested ](https://cal.example.edu/i)\n"
            "_Share Physics Colloquium_\n![Image of Physics Colloquium](https://img.example.edu/1.jpg)\nAbout this Event\n"
            "Save to iCal Save to Outlook\n11200 SW 8th ST, Green Library, Miami, Florida 33199\n"
            "Graduate Student Talks: Gema Villegas & Wang Zhe\n")
    talks = _parse(page, tz="America/New_York")
    assert [(t.date, t.start, t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("2025-04-18", "2025-04-18T13:00:00-04:00", None, ["Gema Villegas", "Wang Zhe"])]


def test_a_visit_announcement_with_labelled_title_and_abstract_below():
    talks = _parse("Dr. Pramod Khargonekar, Assistant Director for Engineering, National Science Foundation will be "
                   "visiting campus on May 13-14, 2015. A presentation will be made on Wednesday, May 13th from 3:30 to "
                   "4:30 pm in Turner Room, Havener Center. The title and abstract are as follows:\n\nTitle: "
                   "Opportunities in Engineering Research\n\nAbstract: [Abstract placeholder.]\n", tz="America/Chicago")
    assert [(t.date, t.start, t.end, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location,
             bool(t.abstract)) for t in talks] == [(
        "2015-05-13", "2015-05-13T15:30:00-05:00", "2015-05-13T16:30:00-05:00", "Opportunities in Engineering Research",
        "Pramod Khargonekar", "National Science Foundation", "Turner Room, Havener Center", True)]
    talks = _parse("Dr. Christopher Kitts, professor of microbiology and director of the Biotechnology Institute at Cal "
                   "Poly San Luis Obispo, will visit campus on Nov. 14, 2015.\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2015-11-14", "Christopher Kitts", "Cal Poly San Luis Obispo")]


def test_a_journal_club_table_of_given_names_and_papers():
    talks = _parse("## Future meetings\n\nDate      |Person [1]      |Paper\n----------|----------------|--------\n"
                   "2021-06-17|Hadrien (1/0)   |[LDpred2: better, faster, stronger](https://x.example.org/1)\n"
                   "2021-07-01|[volunteer/?holiday]|.\n2021-08-19|Mathias (1/1)   |.\n.         |Therese (1/1)    |.\n",
                   tz="Europe/Stockholm")
    assert [(t.date, t.title, t.speakers[0].name) for t in talks] == [
        ("2021-06-17", "LDpred2: better, faster, stronger", "Hadrien"), ("2021-08-19", None, "Mathias"),
        (None, None, "Therese")]


def test_a_definition_list_of_bare_labels_under_each_title():
    talks = _parse("Search\nPlease Select Month\nLecture Category\n\nPRL Lecture Series\n\nHuman Impact on Global Climate "
                   "Change\n\nDate\n2023-07-19\nSpeaker\nProf. Mark Baskaran\n\nAbstract\n\n[Abstract placeholder.]\n\n"
                   "PEACE THROUGH EDUCATION IN NORTH-EAST INDIA\n\nDate\n2023-06-14\nSpeaker\nCOL. CHRISTOPHER REGO (RETD.)\n"
                   "Venue\nK R Ramanathan Auditorium\n\nAbstract\n\n[Abstract placeholder.]\n", tz="Asia/Kolkata")
    assert [(t.date, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2023-07-19", "Human Impact on Global Climate Change", "Mark Baskaran", None),
        ("2023-06-14", "PEACE THROUGH EDUCATION IN NORTH-EAST INDIA", "CHRISTOPHER REGO", "K R Ramanathan Auditorium")]


def test_a_one_talk_news_page_under_a_dateline_reads_its_prose_and_headline():
    talks = _parse("Public lecture: Jumping about in applied probability\n\n2010年6月23日\n\nProfessor Andreas Kyprianou will "
                   "give a gentle introduction to probability theory and its pivotal role in current mathematics research in "
                   "his inaugural lecture at the University on Wednesday 30 June.\n\nThe inaugural lecture will be held on "
                   "Wednesday 30 June at 6.15pm in 8W 3.22.\n", tz="Europe/London")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2010-06-30", "2010-06-30T18:15:00+01:00", "Jumping about in applied probability", "Andreas Kyprianou",
         "8W 3.22")]


def test_title_placeholders_however_found_are_no_titles():
    talks = _parse("Physics Colloquia, Spring 2020\n\nAPRIL 13, 2020\n\nNikta Fakhri, MIT\nTitle/Abstract TK\n\n\n"
                   "APRIL 20, 2020\n\nMartin Weitz, University of Bonn\nTitle/Abstract TBA\n")
    assert [(t.date, t.title, t.speakers[0].name) for t in talks] == [
        ("2020-04-13", None, "Nikta Fakhri"), ("2020-04-20", None, "Martin Weitz")]


def test_long_one_line_entries_with_a_quoted_title_and_a_dash_inside_the_affiliation():
    talks = _parse("<h3>2022</h3>\n<p>Yadira Hernández Solano (Dpt. Applied Mathematics - UMA) \"Métodos de integración "
                   "geométrica para sistemas con función de Lyapunov\", Ada Byron Research Centre, 23rd of June, 2022. "
                   "(slides)</p>\n<p>Hossein Nematzadeh (Postdoctoral researcher in the KHAOS research group, University of "
                   "Málaga &amp; Islamic Azad University) \"Automatic frequency-based feature selection using discrete "
                   "weighted evolution strategy\" Ada Byron Research Centre, 20th of January, 2023. Based on the article</p>"
                   "\n<p>Alfredo Marín (University of Murcia) \"Soft-margin Support Vector Machine\" Ada Byron Research "
                   "Centre, 3rd of October, 2022.</p>\n", tz="Europe/Madrid")
    assert [(t.date, t.speakers[0].name) for t in talks] == [
        ("2022-06-23", "Yadira Hernández Solano"), ("2023-01-20", "Hossein Nematzadeh"), ("2022-10-03", "Alfredo Marín")]
    assert talks[0].speakers[0].affiliation == "Dpt. Applied Mathematics - UMA"


def test_clock_first_bullets_with_weekday_dates_and_a_junior_speaker():
    talks = _parse("January 30, 2004\n\nPublic Policy Institute unveils schedule of events\n\nThe schedule, so far:\n\n"
                   "  • 8 p.m., Thursday, Feb. 26: Joseph S. Nye, Jr., dean of Harvard University's John F. Kennedy School "
                   "of Government, will deliver the Morton-Kenney Endowed Lecture, Student Center auditorium.\n\n"
                   "  • 7:30 p.m., Wednesday, April 7: John R. Block, former secretary of the U.S. Department of "
                   "Agriculture, will speak in the law school auditorium.\n", tz="America/Chicago")
    assert [(t.date, t.start, t.speakers[0].name) for t in talks] == [
        ("2004-02-26", "2004-02-26T20:00:00-06:00", "Joseph S. Nye, Jr."),
        ("2004-04-07", "2004-04-07T19:30:00-05:00", "John R. Block")]


def test_cards_with_a_date_column_before_each_card():
    card = ('<li><div class="date"><h5>{d}</h5><div class="hour">{t}</div></div><div class="card"><h5><a href="/b/">{title}'
            '</a></h5><em>Presenter: {who}</em><p class="tags"><a href="/blog/2024">2024</a> · seminar</p></div></li>\n')
    page = "<html><body><h2>Seminars</h2><ul>\n" + "".join(card.format(**c) for c in [
        dict(d="28 Nov", t="11:30 AM", title="Michelangelo Diligenti", who="Michelangelo Diligenti"),
        dict(d="21 Nov", t="11:30 AM", title="A brief introduction to GENEO", who="Patrizio Frosini"),
        dict(d="19 Sep", t="11:30 AM", title="The right to explanation Seminar by Luca Nannini", who="Luca Nannini"),
    ]) + "</ul></body></html>"
    talks = _parse(page, tz="Europe/Rome")
    assert [(t.date, t.start, t.title, t.speakers[0].name) for t in talks] == [
        ("2024-11-28", "2024-11-28T11:30:00+01:00", None, "Michelangelo Diligenti"),
        ("2024-11-21", "2024-11-21T11:30:00+01:00", "A brief introduction to GENEO", "Patrizio Frosini"),
        ("2024-09-19", "2024-09-19T11:30:00+02:00", "The right to explanation", "Luca Nannini")]


def test_french_hour_marks_before_the_speaker_and_an_affiliation_line_running_on_from_the_name():
    talks = _parse("Past sessions\n\nMay 22 2024, 10h: Nalini Anantharaman,\nAcadémie des Science et Collège de France,\n"
                   "Trou spectral des surfaces hyperboliques aléatoires.\n\nJune 8 2023, 14h30: Peter K. Friz,\n"
                   "TU and WIAS Berlin,\nReconciling Itô and rough path theory. (slides),\n", tz="Europe/Paris")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2024-05-22", "2024-05-22T10:00:00+02:00", "Trou spectral des surfaces hyperboliques aléatoires",
         "Nalini Anantharaman", "Académie des Science et Collège de France"),
        ("2023-06-08", "2023-06-08T14:30:00+02:00", "Reconciling Itô and rough path theory", "Peter K. Friz",
         "TU and WIAS Berlin")]


def test_a_one_day_symposium_programme_of_name_colon_slots_with_titles_below():
    talks = _parse("Internal Physics Research Symposium\n\nPlease register on the webpage.\nRegistration deadline: 4 January "
                   "2020\n\nAll talks will take place on the 7 January 2020 in the seminar room of the Fine Art Building "
                   "G.04 at the University of Leeds. Directions to the room can be found here.\n\nCoffee and welcome "
                   "(9:00 – 9:30)\n\n  • 9:30 – 10:15 Helen Gleeson:\n    Phase transitions in liquid crystal elastomers\n"
                   "  • 10:15 – 11:00 Ekaterina Orlova:\n    Tuning the radiative properties of wire lasers\n"
                   "  • 11:00 – 11:45 Cliff Jones:\n    Topological defects in constrained liquid crystals\n",
                   tz="Europe/London")
    assert [(t.date, t.start, t.end, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2020-01-07", "2020-01-07T09:30:00+00:00", "2020-01-07T10:15:00+00:00", "Phase transitions in liquid crystal "
         "elastomers", "Helen Gleeson", "seminar room of the Fine Art Building G.04"),
        ("2020-01-07", "2020-01-07T10:15:00+00:00", "2020-01-07T11:00:00+00:00", "Tuning the radiative properties of "
         "wire lasers", "Ekaterina Orlova", "seminar room of the Fine Art Building G.04"),
        ("2020-01-07", "2020-01-07T11:00:00+00:00", "2020-01-07T11:45:00+00:00", "Topological defects in constrained "
         "liquid crystals", "Cliff Jones", "seminar room of the Fine Art Building G.04")]


def test_a_labelled_speaker_with_a_slides_link_and_a_multi_party_title():
    talks = _parse("Seminars\n\nDate: 24 February 2023\n\nSpeaker: Henrique Faria [slides]\n\nTitle: Multi-Party "
                   "Computations: Providing a Post-Quantum Solution (Part 1)\n\nAbstract: [Abstract placeholder.]\n\n"
                   "Date: 10 March 2023\n\nSpeaker: José Diogo Guimarães [slides]\n\nTitle: Noise-assisted simulation\n",
                   tz="Europe/Lisbon")
    assert [(t.date, t.title, t.speakers[0].name) for t in talks] == [
        ("2023-02-24", "Multi-Party Computations: Providing a Post-Quantum Solution (Part 1)", "Henrique Faria"),
        ("2023-03-10", "Noise-assisted simulation", "José Diogo Guimarães")]


def test_speaker_and_affiliation_lines_above_each_date_line():
    talks = _parse("Next Colloquium\n\nDr. Hideki Maeda\nHokkai-Gakuen University (Sapporo, Japan)\nFriday, Oct. 21, 2016, "
                   "3:30 pm, 330 Allen\n\"Exact Solutions with a Scalar Field\"\n\nUpcoming Colloquium\n\nFoS Speaker Series: "
                   "The Big Data Revolution\nDr. D. Weaver, U of T, CRC in Neuroscience\nFriday, Oct. 28, 2016, 3:00 pm, "
                   "Robert B. Schultz Theatre\n\"Can a Molecule Address the Alzheimer's Epidemic?\"\n", tz="America/Winnipeg")
    assert [(t.date, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2016-10-21", "Exact Solutions with a Scalar Field", "Hideki Maeda", "330 Allen"),
        ("2016-10-28", "Can a Molecule Address the Alzheimer's Epidemic?", "D. Weaver", "Robert B. Schultz Theatre")]
    assert talks[0].speakers[0].affiliation.startswith("Hokkai-Gakuen University")


def test_a_programme_of_stacked_title_name_abstract_trios_under_one_date():
    talks = _parse("13th Staff Colloquium 2022\nDate: Thursday 14 April 2022\nTime: 4.30 pm – 8.30 pm\n\n"
                   "Abstracts of Presentations\n\nTwo ways to a fractal\n\nTay Eng Guan\n\n[Abstract placeholder.]\n\n\n"
                   "Ramsey number, anti-Ramsey number and Turán function\n\nZhang Meiqiao\n\n[Abstract placeholder.]\n",
                   tz="Asia/Singapore")
    assert [(t.date, t.start, t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("2022-04-14", "2022-04-14T16:30:00+08:00", "Two ways to a fractal", ["Tay Eng Guan"]),
        ("2022-04-14", "2022-04-14T16:30:00+08:00", "Ramsey number, anti-Ramsey number and Turán function",
         ["Zhang Meiqiao"])]


def test_a_bracketed_date_after_its_weekday_a_folded_abstract_and_a_video_link_beside_the_title():
    page = ("<ul><li><font>Thursday (Sep 29, 2022), 3-4 pm: <a href=\"https://x.example/\">Jie Han</a> (Beijing Institute "
            "of Technology)</font><br />\n<strong>Perfect Matchings in hypergraphs <a href=\"https://v.example/\">video</a>"
            "</strong> <br />\n<details><summary>Abstract(Click to expand)</summary>\n[Abstract placeholder.]\n</details>"
            "<hr /></li>\n<li><font>Thursday (Oct 13, 2022), 3-4 pm: <a href=\"https://y.example/\">Hehui Wu</a> (Fudan "
            "University)</font><br />\n<strong>Partition of graphs</strong> <br /></li></ul>\n")
    talks = _parse(page, tz="Asia/Shanghai")
    assert [(t.date, t.start, t.title, t.speakers[0].name, bool(t.abstract)) for t in talks] == [
        ("2022-09-29", "2022-09-29T15:00:00+08:00", "Perfect Matchings in hypergraphs", "Jie Han", True),
        ("2022-10-13", "2022-10-13T15:00:00+08:00", "Partition of graphs", "Hehui Wu", False)]


def test_a_series_kind_glued_to_the_speaker_and_an_at_label_with_clock_and_room():
    talks = _parse("## Seminars\n\n### 03.04.2018 (Tuesday)\n\n#### tba\n\nRegular Seminar Luca Tagliacozzo (Strathclyde)\n\n"
                   " at: 15:00 City U.room C320 abstract:\n\n### 27.03.2018 (Tuesday)\n\n#### tba\n\n at: 15:00 City U.room "
                   "C320 abstract:\n\n### 20.03.2018 (Tuesday)\n\n#### tba\n\nRegular Seminar Nuno Freitas (Warwick and KCL)"
                   "\n\n at: 15:00 City U.room C320 abstract:\n", tz="Europe/London")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location, t.talk_type)
            for t in talks] == [
        ("2018-04-03", "2018-04-03T15:00:00+01:00", None, "Luca Tagliacozzo", "Strathclyde", "City U.room C320",
         "Regular Seminar"),
        ("2018-03-20", "2018-03-20T15:00:00+00:00", None, "Nuno Freitas", "Warwick and KCL", "City U.room C320",
         "Regular Seminar")]


def test_date_badges_of_month_day_weekday_and_korean_speaker_names():
    row = ('<div class="row"><div class="date"><div>{m}</div><div>{d}</div><div>Tue</div></div><div><div class="t">{t}'
           '</div><div class="s">{s}</div><div class="a">[Abstract placeholder.]</div><div><span>17:00</span> '
           '<span>Room 201</span></div></div></div>\n')
    page = "<html><body><h1>Colloquium 2026</h1>\n" + "".join(row.format(**r) for r in [
        dict(m="Mar", d="24", t="High-Dimensional State-Space Estimation for Biological Data", s="김대욱 · KAIST 뇌인지과학과"),
        dict(m="Mar", d="17", t="Structured Dynamics in Infectious Disease", s="Monica Cojocaru · University of Guelph"),
    ]) + "</body></html>"
    talks = _parse(page, tz="Asia/Seoul")
    assert [(t.date, t.start, t.title, t.speakers[0].name) for t in talks] == [
        ("2026-03-24", "2026-03-24T17:00:00+09:00", "High-Dimensional State-Space Estimation for Biological Data", "김대욱"),
        ("2026-03-17", "2026-03-17T17:00:00+09:00", "Structured Dynamics in Infectious Disease", "Monica Cojocaru")]


def test_a_distinguished_lecturer_named_once_above_his_dated_lectures():
    talks = _parse("### Distinguished Lecturer in Mathematics Series\n\n**Jordan Ellenberg, Vilas Distinguished Achievement "
                   "Professor in Mathematics**, University of Wisconsin will be the Distinguished Lecturer in our annual "
                   "lecture series. Prof. Ellenberg will give three lectures on February 16-18, 2015\n\n**Monday, February "
                   "16th at 4:30 pm in McGuinn 121 \"How to get rich playing the Massachusetts Lottery\"**\n\nAbstract: "
                   "[Abstract placeholder.]\n\n**Tuesday, February 17th at 5:00 pm in Gasson 305 \"Arithmetic statistics "
                   "over function fields\"**\n\nAbstract: [Abstract placeholder.]\n")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2015-02-16", "2015-02-16T16:30:00-05:00", "How to get rich playing the Massachusetts Lottery",
         "Jordan Ellenberg", "University of Wisconsin", "McGuinn 121"),
        ("2015-02-17", "2015-02-17T17:00:00-05:00", "Arithmetic statistics over function fields", "Jordan Ellenberg",
         "University of Wisconsin", "Gasson 305")]


def test_chrome_and_menus_do_not_swallow_talks_that_look_alike():
    talks = _parse("Seminars\n\nOctober 5, 2021\nShare the Load: Cooperative Robots in the Field\nAda Byron, Example "
                   "University\n")
    assert [(t.date, t.title, t.speakers[0].name) for t in talks] == [
        ("2021-10-05", "Share the Load: Cooperative Robots in the Field", "Ada Byron")]
    # an undated labelled record of short lines is no site menu
    talks = _parse("Next seminar\n\nSpeaker: Charles Babbage\nTitle: Difference Engines\nRoom: 101\nHost: Ada Byron\n"
                   "Time: TBA\n")
    assert [(t.title, t.speakers[0].name, t.host) for t in talks] == [("Difference Engines", "Charles Babbage", "Ada Byron")]


def test_a_one_line_entry_lists_several_speakers_each_with_an_affiliation():
    talks = _parse("Informal reviews\n\n* 21th May 2025 Ada Byron (MPI HD) and Charles Babbage (CMU) on \"sPlots\"\n"
                   "* 30th Oct 2024 Grace Hopper (RHUL), Alan Turing (RHUL), and Emmy Noether (SFU) \"Errors on Errors\"\n")
    assert [(t.date, t.title, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("2025-05-21", "sPlots", [("Ada Byron", "MPI HD"), ("Charles Babbage", "CMU")]),
        ("2024-10-30", "Errors on Errors", [("Grace Hopper", "RHUL"), ("Alan Turing", "RHUL"),
                                            ("Emmy Noether", "SFU")])]


def test_a_card_heading_inside_a_table_cell_is_the_title_and_its_date_line_is_not():
    row = ('<tr><th scope="row">Nov 07, 2025</th><td><h4><em>Limiters for Gas Dynamics Equations</em></h4><ul>'
           '<li><strong>Speaker</strong>: <a href="/z">Ada Byron</a> (Purdue University)</li>'
           '<li><strong>Date</strong>: November 7, 2025</li><li><strong>Time</strong>: 11:00 – 12:00 (EST)</li>'
           '<li><strong>Location</strong>: Virtual (Zoom)</li><li><a href="/c.ics">Add to Calendar</a></li></ul></td></tr>')
    talks = _parse(f"<html><body><h1>seminars</h1><table>{row}{row.replace('Nov 07', 'Oct 29').replace('November 7', 'October 29')}"
                   "</table></body></html>")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.location) for t in talks] == [
        ("2025-11-07", "2025-11-07T11:00:00-05:00", "Limiters for Gas Dynamics Equations", "Ada Byron", "Virtual (Zoom)"),
        ("2025-10-29", "2025-10-29T11:00:00-04:00", "Limiters for Gas Dynamics Equations", "Ada Byron", "Virtual (Zoom)")]


def test_a_time_and_place_label_hands_the_rest_of_its_line_to_the_next_label():
    talks = _parse("### 21.11.2017 (Tuesday)\n\n#### Breaking Integrability at the Boundary\n\nRegular Seminar Ada Byron "
                   "(Durham)\n\n at: 15:00 City U.room C310 abstract: Boundaries break things.\n\n### 24.10.2017 (Tuesday)"
                   "\n\n#### Goldstone Modes\n\nRegular Seminar Alan Turing (Koeln)\n\n at: 15:00 City U.room C320 "
                   "abstract: Modes.\n", tz="Europe/London")
    assert [(t.date, t.start, t.title, t.location, t.abstract) for t in talks] == [
        ("2017-11-21", "2017-11-21T15:00:00+00:00", "Breaking Integrability at the Boundary", "City U.room C310",
         "Boundaries break things."),
        ("2017-10-24", "2017-10-24T15:00:00+01:00", "Goldstone Modes", "City U.room C320", "Modes.")]


def test_a_stated_slot_holds_against_a_hedged_later_clock_and_a_place_followed_by_food():
    talks = _parse("## Geometry Seminar\n\nWe meet Thursdays at 2:50–3:50 pm in WH-100E followed by refreshments served "
                   "from 4:00–4:25 pm in WH-102.\n\nSome seminar speakers will also give a colloquium talk at 4:30 pm on "
                   "the same day.\n\n**Thursday, March 1, 2018**\n\nAda Byron, University of Minnesota\n\n"
                   "Title: Engines of Symplectic Surfaces\n")
    assert [(t.start, t.end, t.location) for t in talks] == [
        ("2018-03-01T14:50:00-05:00", "2018-03-01T15:50:00-05:00", "WH-100E")]


def test_lecture_announcements_with_the_date_inside_a_wrapped_sentence():
    talks = _parse("Fall 2012 Events\n\nEngines of the Mind\n\nA lecture by Professor Ada Byron of the University of "
                   "Manchester.  It will take place in Founders Hall 207,\nNovember 2, 2012 at 4:30 pm.  Reception to follow."
                   "\n\n\nFinancial Crisis and the Political Pendulum: How Trade Wars and Stimulus Packages have Created "
                   "American Presidents. \n\nA Lecture by Professor Alan Turing, College of William and Mary. It will take "
                   "place in Collins Cinema, October 15, 2012 at 5.00pm.\n\nAn abstract of a few words.\n")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2012-11-02", "2012-11-02T16:30:00-04:00", "Engines of the Mind", "Ada Byron", "University of Manchester",
         "Founders Hall 207"),
        ("2012-10-15", "2012-10-15T17:00:00-04:00", "Financial Crisis and the Political Pendulum: How Trade Wars and "
         "Stimulus Packages have Created American Presidents", "Alan Turing", "College of William and Mary",
         "Collins Cinema")]



def test_a_talk_by_someone_of_an_organisation_and_a_celebration_keeps_no_celebration():
    from seminars.scrapers.toolkit.entries import _by_whom

    assert _by_whom("Barbara Liskov of MIT and a daylong celebration with speakers and a dinner.") == []
    assert [(p.name, p.affiliation) for p in _by_whom("Professor Ada Byron of University of Wisconsin - Madison. It "
                                                      "will take place")] == [("Ada Byron", "University of Wisconsin - Madison")]


def test_a_name_and_event_kind_line_over_each_date_line_is_that_talks_speaker():
    talks = _parse("Meetings are held at noon in the Boardroom of the Administration Building.\n\nSeptember 2016\n"
                   "Wednesday, September 28, 2016, 12:00–1:00 pm, Free How Nature Works\nOctober 2016\n"
                   "Ada Byron Colloquium\nWednesday, October 5, 2016, 12:00–1:00 pm, Free Listening Across Time\n"
                   "Alan Turing Colloquium\nWednesday, October 12, 2016, 12:00–1:00 pm, Free Native Peoples of the "
                   "Caribbean\nGrace Hopper Colloquium\nWednesday, October 19, 2016, 12:00–1:00 pm, Free Sı Eres "
                   "Genízaro: Recognition and Belonging\n", tz="America/Denver")
    assert [(t.date, t.start, t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("2016-10-05", "2016-10-05T12:00:00-06:00", "Listening Across Time", ["Ada Byron"]),
        ("2016-10-12", "2016-10-12T12:00:00-06:00", "Native Peoples of the Caribbean", ["Alan Turing"]),
        ("2016-10-19", "2016-10-19T12:00:00-06:00", "Sı Eres Genízaro: Recognition and Belonging", ["Grace Hopper"])]


def test_a_department_seminar_heading_is_no_speaker():
    from seminars.scrapers.toolkit.people import name_before_kind

    assert name_before_kind("Mechanical Engineering Seminar") is None
    assert name_before_kind("Miriam Kolar Colloquium") == "Miriam Kolar"


def test_a_news_item_under_an_autumn_dateline_announces_next_years_lectures():
    talks = _parse("22 December 2010\nEvening Lecture Series 2011\nA line up of speakers has been announced for the "
                   "upcoming season of the University's popular Evening Lecture Series.\nThe first lecture in the 2011 "
                   "series takes place on Saturday, 5th February, when Ada Byron, creative director of the Analytical "
                   "Institute at Example University and adjunct professor at Another University School of Medicine in "
                   "the US, visits Dundee.\nHer talk, 'Showing the Unseen' will explore how art has been used in science."
                   "\nThe series will continue on 19th February when New York Times writer Alan Turing will read from and "
                   "discuss his book.\nOn 5th March, Grace Hopper, a leading expert in the field of compilers, will "
                   "explore how programs can be written better.\n", tz="Europe/London")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2011-02-05", "Ada Byron", "Showing the Unseen"), ("2011-02-19", "Alan Turing", None),
        ("2011-03-05", "Grace Hopper", None)]


def test_a_news_lineup_under_a_summer_dateline_dates_each_talk_in_its_own_line():
    talks = _parse("Archive for Saturday, August 10, 2002\n\nStellar speakers: Lecture series books names in the news\n\n"
                   "August 10, 2002\n\nThe Lecture Series shouldn't be thought of as an annual event just for students.\n\n"
                   "Here is the lineup of speakers for this academic year:\n\n"
                   "l \"Guns, Germs and Steel\" by Ada Byron, 7:30 p.m. Oct. 24, Lied Center.\n\n"
                   "l \"An Evening with Alan Turing\" by Alan Turing, 8 p.m. Nov. 21, Kansas Ballroom, Kansas Union.\n\n"
                   "l \"The Triangular Quest\" by Grace Hopper, 7:30 p.m. Feb. 20, Kansas Ballroom, Kansas Union.\n",
                   tz="America/Chicago")
    assert [(t.date, t.start, t.title, t.speakers[0].name) for t in talks] == [
        ("2002-10-24", "2002-10-24T19:30:00-05:00", "Guns, Germs and Steel", "Ada Byron"),
        ("2002-11-21", "2002-11-21T20:00:00-06:00", "An Evening with Alan Turing", "Alan Turing"),
        ("2003-02-20", "2003-02-20T19:30:00-06:00", "The Triangular Quest", "Grace Hopper")]


def test_a_french_lecture_programme_in_capitals():
    talks = _parse("UPP à Toulouse\n\nLES CHEMINS DE LA PENSEE\n\nMERCREDI 31 OCTOBRE 2018\n\nÀ 18H30, A LA SALLE SAN SUBRA\n\n"
                   "LA RÉSISTANCE AUX ANTIBIOTIQUES :\nLES GRANDS ENJEUX SOCIÉTAUX\n\nConférence par Ada Byron\n"
                   "Professeur à l’Ecole Nationale Vétérinaire de Toulouse (ENVT)\n\nFORUM DES SAVOIRS\n\n"
                   "VENDREDI 09 NOVEMBRE 2018 À 20H30\n\nCOMMENT LA TRAGÉDIE EST DEVENUE\nPHILOSOPHIQUE AU TEMPS DES "
                   "LUMIÈRES\n\nConférence par Jean-Noël Turing\nprofesseur de Littérature française du dix-huitième "
                   "siècle,\nà l'Université de Jean Jaurès, vice-président de la Société Voltaire\n\n"
                   "VENDREDI 16 NOVEMBRE 2018 À 20H30\n\nLA VIE SUR TERRE\n\nConférence par Grace Hopper\n"
                   "Géologue, Professeur émérite de l'Université de Toulouse\n", tz="Europe/Paris")
    assert [(t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2018-10-31T18:30:00+01:00", "LA RÉSISTANCE AUX ANTIBIOTIQUES : LES GRANDS ENJEUX SOCIÉTAUX", "Ada Byron",
         "Ecole Nationale Vétérinaire de Toulouse (ENVT)", "SALLE SAN SUBRA"),
        ("2018-11-09T20:30:00+01:00", "COMMENT LA TRAGÉDIE EST DEVENUE PHILOSOPHIQUE AU TEMPS DES LUMIÈRES",
         "Jean-Noël Turing", "Université de Jean Jaurès", None),
        ("2018-11-16T20:30:00+01:00", "LA VIE SUR TERRE", "Grace Hopper", "Université de Toulouse", None)]


def test_an_undated_rota_of_presenters_is_no_list_of_talks():
    rota = "| Paper Presenters (PP) | | Literature Readers (LR) |\n| --- | --- | ---:|\n" + "".join(
        f"| {a} | | {b} |\n" for a, b in [("Ada Byron", "Alan Turing"), ("Grace Hopper", "Emmy Noether"),
                                          ("Alan Turing", "Ada Byron")])
    talks = _parse("**2019**\n\n- Feb 23, 2019: Ada Byron, *Engines of the Mind*\n\n" + rota)
    assert [(t.date, t.speakers[0].name) for t in talks] == [("2019-02-23", "Ada Byron")]


def test_name_comma_title_lines_all_over_a_page_are_titles_not_affiliations():
    talks = _parse("2024 January Lectures\n\nJanuary 8\nAda Byron, A Look at America's Ultimate Swing-state: The "
                   "Battleground of Wisconsin\n\nJanuary 11\nJudge Alan Turing, Rural America and the 2024 Election\n\n"
                   "January 19\nGrace Hopper, Banned in the USA\n\nJanuary 23\nEmmy Noether, Vision\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2024-01-08", "Ada Byron", None, "A Look at America's Ultimate Swing-state: The Battleground of Wisconsin"),
        ("2024-01-11", "Alan Turing", None, "Rural America and the 2024 Election"),
        ("2024-01-19", "Grace Hopper", None, "Banned in the USA"),
        ("2024-01-23", "Emmy Noether", None, "Vision")]
    # a page of "Name, Organisation" lines keeps its affiliations
    talks = _parse("2024 Talks\n\nJanuary 8\nAda Byron, University of Wisconsin\n\nJanuary 11\nAlan Turing, Princeton\n\n"
                   "January 19\nGrace Hopper, Yale University\n")
    assert [t.speakers[0].affiliation for t in talks] == ["University of Wisconsin", "Princeton", "Yale University"]


def test_title_over_speaker_over_date_bullets_and_a_clock_range_before_the_weekday():
    talks = _parse("Human Geography Seminars - Autumn 2017\n\n‘How much Chardonnay can fit into a backpack? Reflections on "
                   "decadence’\n\n  • Prof. Ada Byron, Canada Research Chair and Professor in Human Geography at the Royal "
                   "Roads University\n  • Monday 27 November 2017\n  • Estimated start: 12noon (but exact time and room to be "
                   "confirmed)\n\nAn abstract of the first talk, in a few plain words that do not end.\n\n"
                   "Lieux de mémoire through the senses at Camp des Milles’\n\n  • Dr Alan Turing (School of Media, RMIT "
                   "University)\n  • 1pm-2.30pm, Tuesday, 12 December 2017\n  • Faraday room 314\n", tz="Europe/London")
    assert [(t.start, t.end, t.title, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2017-11-27T12:00:00+00:00", None, "How much Chardonnay can fit into a backpack? Reflections on decadence",
         "Royal Roads University", None),
        ("2017-12-12T13:00:00+00:00", "2017-12-12T14:30:00+00:00", "Lieux de mémoire through the senses at Camp des "
         "Milles", "School of Media, RMIT University", "Faraday room 314")]


def test_two_speakers_joined_by_with_and_a_lecture_label_over_its_description():
    talks = _parse("11 July 2018 - Valhalla, Discworld and 21st Century Cosmology\n\nProfessor Ada Byron (University of "
                   "Groningen) with Marlies van de Turing (University of Groningen)\n\nLecture: The universe is a big place "
                   "and this lecture tells you about all of it, from the first second to the present day.\n",
                   tz="Europe/London")
    assert [(t.title, [(s.name, s.affiliation) for s in t.speakers], bool(t.abstract)) for t in talks] == [
        ("Valhalla, Discworld and 21st Century Cosmology", [("Ada Byron", "University of Groningen"),
                                                            ("Marlies van de Turing", "University of Groningen")], True)]


def test_a_german_news_item_announcing_a_season_of_colloquium_talks():
    talks = _parse("Hochkarätig: Physikalisches Kolloquium\n\nEine Vortragsreihe für Lehrer und Studenten.\n\nWuppertal. "
                   "Hochkarätige Gäste erwartet die Fachgruppe Physik an der Universität im Rahmen der Feier ihres "
                   "40-jährigen Bestehens. Ein Physikalisches Kolloquium beginnt am Montag, 21. Oktober, um 16 Uhr mit einem Festvortrag von Prof. Ada "
                   "Byron (Uni Heidelberg), der über „Physikalische Modelle des Gehirns“ sprechen wird. Im Rahmen der "
                   "Jubiläumsfeier erinnert der Altkanzler an die Anfänge der Physik in Wuppertal.\n\nAm 18. November "
                   "wird Prof. Dr. Alan Turing (Technion im israelischen Haifa) über „Quasiperiodic crystals“ sprechen. "
                   "Dr. Grace Hopper (Institut Laue-Langevin in Grenoble) referiert am 16. Dezember zum Thema „Multi-Spinon "
                   "Anregungen“.\n\nAm 13. Januar 2014 fragt Dr. Emmy Noether (Uni Göttingen) „Physik und Philosophie im "
                   "Dialog“ und Andreas Petzold (Forschungszentrum Jülich) schließt das Kolloquium am 3. Februar 2014 mit "
                   "seinem Vortrag über „Die globale Beobachtung der Erdatmosphäre“ ab.\n", tz="Europe/Berlin")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2013-10-21", "Physikalische Modelle des Gehirns", "Ada Byron", "Uni Heidelberg"),
        ("2013-11-18", "Quasiperiodic crystals", "Alan Turing", "Technion"),
        ("2013-12-16", "Multi-Spinon Anregungen", "Grace Hopper", "Institut Laue-Langevin"),
        ("2014-01-13", "Physik und Philosophie im Dialog", "Emmy Noether", "Uni Göttingen"),
        ("2014-02-03", "Die globale Beobachtung der Erdatmosphäre", "Andreas Petzold", "Forschungszentrum Jülich")]


def test_a_table_row_with_a_long_affiliation_is_read_as_a_row_not_as_news_prose():
    talks = _parse("Fall 2023\n\n| Date | Speaker and title |\n|---|---|\n"
                   "| Sept 22 | Ada Byron (UWM Geography), Racial Covenant Transcription Workshop |\n"
                   "| Sept 29 | Alan Turing (Harvey Mudd College, Department of Humanities, Social Sciences, and the Arts), "
                   "“What does Paddington Bear tell us about Geography?” |\n", tz="America/Chicago")
    assert [(t.date, t.speakers[0].name) for t in talks] == [("2023-09-22", "Ada Byron"), ("2023-09-29", "Alan Turing")]


def test_a_date_cell_spanning_two_talk_rows_dates_both():
    rows = ('<tr><th>FLYER</th><th>DATE and TIME</th><th>SPEAKER</th><th>TITLE</th></tr>'
            '<tr><td rowspan="2"><a href="/f1.pdf">download</a></td><td rowspan="2">Tue 15 Apr<br>14:30-15:30<br>Room 214'
            '</td><td>Ada Byron</td><td>Engines of the Mind</td></tr>'
            '<tr><td>Alan Turing</td><td>Computable Numbers Revisited</td></tr>'
            '<tr><td><a href="/f2.pdf">download</a></td><td>Tue 16 Sep<br>14:30-15:30<br>Room TBD</td>'
            '<td>Grace Hopper</td><td>Compilers for Everyone</td></tr>')
    talks = _parse("---\nlayout: default\ntitle: Schedule 2025\n---\n\n# Seminars schedule 2025\n\n{: .note }\n"
                   f"All seminars are held at the department.\n\n<table>{rows}</table>\n", tz="Europe/Rome")
    assert [(t.date, t.start, t.speakers[0].name, t.title, t.location) for t in talks] == [
        ("2025-04-15", "2025-04-15T14:30:00+02:00", "Ada Byron", "Engines of the Mind", "Room 214"),
        ("2025-04-15", "2025-04-15T14:30:00+02:00", "Alan Turing", "Computable Numbers Revisited", "Room 214"),
        ("2025-09-16", "2025-09-16T14:30:00+02:00", "Grace Hopper", "Compilers for Everyone", None)]


def test_a_jekyll_pages_permalink_gives_the_year_and_a_portuguese_slot_the_time():
    talks = _parse("---\nlayout: single\ntitle: Seminários\npermalink: /teaching/seminars/2021\n---\n\n## Horário\n\n"
                   "Quarta-feira, às 13h:00m @ ONLINE\n\n## Cronograma\n\n| # | Data | Convidado | Assunto |\n"
                   "|---|---|---|---|\n| 2 | 07/07 | Ada Byron (IFPE) | Revisões rápidas |\n"
                   "| 3 | 14/07 | Alan Turing (UFPA) | |\n", url="https://github.com/x/y/blob/main/seminars.md",
                   tz="America/Belem")
    assert [(t.date, t.start, t.location, t.speakers[0].name) for t in talks] == [
        ("2021-07-07", "2021-07-07T13:00:00-03:00", "ONLINE", "Ada Byron"),
        ("2021-07-14", "2021-07-14T13:00:00-03:00", "ONLINE", "Alan Turing")]


def test_a_spanish_news_item_with_lectures_given_by_and_roundtables_featuring():
    talks = _parse("[Crónica] Tuvo lugar el cierre de actividades\n\nEste año, el Instituto de Economía cumple 70 años. Por "
                   "este motivo se organizaron diversos eventos para conmemorar este cumpleaños.\n\nEl primer evento fue el 3 "
                   "de junio de 2019 y consistió en una conferencia dictada por Ada Byron, de la Paris School of Economics, "
                   "denominada \"Evidencia y debates recientes sobre la distribución del ingreso\".\n", tz="America/Montevideo")
    assert [(t.date, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2019-06-03", "Evidencia y debates recientes sobre la distribución del ingreso", "Ada Byron",
         "Paris School of Economics")]
    talks = _parse("# Past Seminars\n\n## May 6th, 2021 - Early career roundtable featuring Dr. Ada Byron, Dr. Alan Turing, "
                   "+ Dr. Grace Hopper!\n\n## May 20th, 2021 - Dr. Emmy Noether\n#### \"Rings and Ideals\"\n")
    assert [(t.title, [s.name for s in t.speakers]) for t in talks] == [
        ("Early career roundtable", ["Ada Byron", "Alan Turing", "Grace Hopper"]), ("Rings and Ideals", ["Emmy Noether"])]


def test_tabs_named_by_term_give_their_panels_the_year():
    def row(mon, day, title, who):
        return (f'<div class="row"><div class="date"><div>{mon}</div><div>{day}</div><div>Tue</div></div><div>'
                f'<div class="title">{title}</div><div class="speaker">{who} <button>Abs</button></div>'
                '<div>17:00 과학관 201호 Upcoming</div></div></div>')
    page = ('<html><body><h1>Colloquium</h1><div class="tabs"><button onclick="showSemester(\'s26\', this)">Spring 2026'
            '</button><button onclick="showSemester(\'f25\', this)">Fall 2025</button></div>'
            f'<div id="s26">{row("Mar", 24, "State-Space Estimation for Biological Data", "김대욱 · KAIST 뇌인지과학과")}'
            f'{row("Mar", 31, "The beauty of conformal geometry", "김승혁 · 한양대학교 수학과")}</div>'
            f'<div id="f25">{row("Nov", 18, "Core partitions and numerical semigroups", "Ada Byron · Yonsei University")}'
            f'{row("Dec", 2, "Engines of the mind", "Alan Turing · Seoul National University")}</div></body></html>')
    talks = _parse(page, tz="Asia/Seoul")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.location) for t in talks] == [
        ("2026-03-24", "김대욱", "KAIST 뇌인지과학과", "과학관 201호"),
        ("2026-03-31", "김승혁", "한양대학교 수학과", "과학관 201호"),
        ("2025-11-18", "Ada Byron", "Yonsei University", "과학관 201호"),
        ("2025-12-02", "Alan Turing", "Seoul National University", "과학관 201호")]


def test_a_press_release_announcing_a_lecture_series_in_running_text():
    talks = _parse("**Wednesday, 10 August 2005, 11:34 am**\n**Press Release: University of Canterbury**\n\n"
                   "The 2005 Professorial Lecture Series gets under way next week at the University. The inaugural "
                   "lecture series was initiated as a way to make the expertise of new professors accessible to a wide "
                   "audience of the town.\n\n“We see this as an important town-gown initiative bringing people out to "
                   "campus and making the expertise of our staff available,” said Vice-Chancellor Professor Roy Sharp.\n\n"
                   "The first free public lecture will be delivered on 17 August at 6pm in Lecture Theatre 108 in the "
                   "School of Law, on University Drive. It will be delivered by Professor Ada Byron (Fine Arts) on the "
                   "topic of “The politics of painting”.\n\nThe other speakers in the series who will speak in coming "
                   "months are: Professor Alan Turing (Classics) The Greek Island of Cos, its literature and art (7 "
                   "September); Professor Grace Hopper (Biological Sciences) Coastal marine ecology: of seaweeds and "
                   "fish tales (21 September).\n", tz="Pacific/Auckland")
    assert [(t.date, t.start, t.title, t.speakers[0].name, t.speakers[0].affiliation) for t in talks] == [
        ("2005-08-17", "2005-08-17T18:00:00+12:00", "The politics of painting", "Ada Byron", "Fine Arts"),
        ("2005-09-07", None, "The Greek Island of Cos, its literature and art", "Alan Turing", "Classics"),
        ("2005-09-21", None, "Coastal marine ecology: of seaweeds and fish tales", "Grace Hopper", "Biological Sciences")]


def test_a_press_release_dateline_is_not_the_lecture_it_announces():
    talks = _parse("**Monday, 22 June 2015, 2:23 pm**\n**Press Release: Waikato University**\n\n**Upcoming Public History "
                   "Lectures**\n\nOur History Programme, in conjunction with the Museum, is proud to present a series of "
                   "free public History lectures featuring guest speakers from New Zealand and overseas.\n\nThe first "
                   "lecture features **Dr Ada Byron** who has taught at the universities of Auckland and Sydney. Dr Byron "
                   "will deliver a talk titled ‘_Art, History and Culture in Denmark_’ on Thursday, June 25.\n"
                   "Both lectures run from 5.30pm in the Museum Lecture Theatre (Waikato Museum). They are free and open to "
                   "the public.\n", tz="Pacific/Auckland")
    assert [(t.date, t.start, t.title, t.speakers[0].name) for t in talks] == [
        ("2015-06-25", "2015-06-25T17:30:00+12:00", "Art, History and Culture in Denmark", "Ada Byron")]



def test_a_year_link_to_another_page_heads_no_panel_here():
    from seminars.scrapers.blocks import soup_of
    from seminars.scrapers.toolkit.lines import _label_tab_panels

    soup = soup_of('<p><a href="https://example.edu/archive#top">2019</a></p><div id="top"><p>March 4</p></div>'
                   '<a href="#y2021">2021</a><div id="y2021"><p>March 11</p></div>')
    _label_tab_panels(soup)
    assert [(h.parent.get("id"), h.get_text()) for h in soup.find_all("h6")] == [("y2021", "2021")]


def test_a_calendar_year_list_with_only_its_first_date_full_keeps_that_year():
    talks = _parse("Seminar talks\n\nJanuary 15, 2019: Ada Byron, Example University, \"Engines of the Mind\"\n\n"
                   "March 5: Alan Turing, Example College, \"Computable Numbers\"\n\n"
                   "September 17: Grace Hopper, Navy Research Lab, \"Compilers for Everyone\"\n")
    assert [t.date for t in talks] == ["2019-01-15", "2019-03-05", "2019-09-17"]


def test_a_long_name_or_a_suffix_before_the_bracket_stays_the_name():
    # a row of "date  name (affiliation)  title" columns: the bracket, not the second word,
    # ends a name of four words or one with "Jr."
    talks = _parse("ACMS Seminar 2023\n\nDate     Speaker     Title\n-------  ---------  -----\n"
                   "4/4/23   Eugene Santos Jr. (Dartmouth, Thayer)   Learning the Finer Things\n"
                   "9/13/23   Mohammad Javad Latifi Jebelli (Dartmouth, Mathematics)   OPUC and "
                   "Super Telescoping Formula\n"
                   "9/20/23   Pete Rigas (Cornell)   Variational quantum algorithm\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2023-04-04", "Eugene Santos Jr.", "Dartmouth, Thayer", "Learning the Finer Things"),
        ("2023-09-13", "Mohammad Javad Latifi Jebelli", "Dartmouth, Mathematics",
         "OPUC and Super Telescoping Formula"),
        ("2023-09-20", "Pete Rigas", "Cornell", "Variational quantum algorithm")]


def test_a_news_item_naming_talks_presented_by_speakers():
    # "“Title” presented by Dr. X": the quote before the participle is the title; a talk the
    # article gives no date for does not take the date of the talk announced before it
    talks = _parse("Biology Department Hosts Seminar Series\n\n"
                   "The Biology department is hosting a seminar series during the fall 2019 semester, "
                   "featuring monthly talks from department professors.\n\n"
                   "The series began on September 5 with a talk called “Streams and Ponds of the "
                   "Valley” presented by Dr. Larry Corpus, assistant professor of Biology.\n\n"
                   "Other events include “Genetic Variation in Health,” presented by Dr. David J. "
                   "Carey of the Weis Center for Research; and a screening of the film “Arms Race.”\n")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2019-09-05", "Larry Corpus", None, "Streams and Ponds of the Valley"),
        (None, "David J. Carey", "Weis Center for Research", "Genetic Variation in Health")]


def test_a_career_span_in_the_prose_is_not_the_year_of_the_talk():
    talks = _parse("Começa na próxima segunda-feira, 21 de novembro, o Seminário Integrado, com "
                   "sessões de pôsteres e oficinas; a abertura será às 18 horas.\n\n"
                   "A sessão inclui a conferência de abertura, “Desafios da divulgação científica”, "
                   "a ser proferida por Ildeu de Castro Moreira, professor de física. Ele foi diretor "
                   "do Departamento no período de 2004 a 2013.\n\n"
                   "Em 2016, participam do evento 13 programas vinculados a atividades de iniciação "
                   "científica e extensão universitária.\n", tz="America/Bahia")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2016-11-21", "Ildeu de Castro Moreira", "Desafios da divulgação científica")]


def test_a_welcome_sentence_names_the_speaker_of_a_short_dated_post():
    talks = _parse("EEB Seminar: March 1\n\n"
                   "This week we are pleased to welcome our very own Bob Montgomerie.\n\n"
                   "Charles Darwin’s Finches and the Origin of Species\n\n"
                   "[Abstract placeholder: the original abstract text is not kept in this fixture.]\n",
                   url="https://eebseminars.example.org/2018/02/25/")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2018-03-01", "Bob Montgomerie", "Charles Darwin's Finches and the Origin of Species")]


def test_a_programme_run_into_one_line_is_cut_at_its_dates_slots_and_speaker_labels():
    intro = ("El ciclo de conferencias se titula “La Evolución”, y se desarrollará durante marzo y "
             "abril a razón de una charla cada quincena, en colaboración con el Museo y la "
             "Universidad Popular, con el patrocinio de la Fundación y del Ayuntamiento. ")
    talks = _parse(intro + "Programación Martes 11 de marzo 18:30 h. Presentación del ciclo 19:00 h. "
                   "Conferencia: “Aves, vectores y hemoparásitos” Ponente: Dr. Santiago Merino "
                   "Rodriguez Martes 18 de marzo 19:00 h. Conferencia: “Registro fósil y evolución” "
                   "Ponente: Dr. Israel Sánchez Martín-Caro 19:00 h. Conferencia: “Biodiversidad "
                   "inexplorada” Ponente: Dr. Jorge Miguel Lobo\n", tz="Europe/Madrid")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        (None, "Santiago Merino Rodriguez", "Aves, vectores y hemoparásitos"),
        (None, "Israel Sánchez Martín-Caro", "Registro fósil y evolución"),
        (None, "Jorge Miguel Lobo", "Biodiversidad inexplorada")]


def test_two_clock_slots_under_one_date_each_with_a_labelled_speaker_are_two_talks():
    talks = _parse("Spring 2025\n\nTuesday, March 18\n\n2:00 pm Lecture: “Fossils and ruminants”\n\n"
                   "Speaker: Dr. Ann Lee\n\n4:00 pm Lecture: “Unexplored biodiversity”\n\nSpeaker: Dr. Bo Chen\n")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2025-03-18T14:00:00-04:00", "Ann Lee", "Fossils and ruminants"),
        ("2025-03-18T16:00:00-04:00", "Bo Chen", "Unexplored biodiversity")]


def test_a_german_report_names_each_professor_from_a_university_on_a_quoted_title():
    talks = _parse("Winkler-Kolloquium 2012\n\n"
                   "Das Kolloquium startet am 28. Oktober um 14 Uhr im Großen Hörsaal Chemie. Drei "
                   "prominente Wissenschaftler stellten ihre aktuellen Forschungsergebnisse vor. Dabei "
                   "berichtete der Mikrobiologe Professor Karl O. Stetter von der Universität Regensburg "
                   "über \"Leben in siedendem Wasser\". Der Mineraloge Prof. Falko Langenhorst von der "
                   "Universität Bayreuth betrachtete \"Minerale unter Schock\" und der Chemiker Prof. "
                   "Wolfgang Schnick von der Ludwig-Maximilians-Universität München widmete sich dem "
                   "Thema \"Going to Extremes\".\n", tz="Europe/Berlin")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2012-10-28", "Karl O. Stetter", "Universität Regensburg", "Leben in siedendem Wasser"),
        ("2012-10-28", "Falko Langenhorst", "Universität Bayreuth", "Minerale unter Schock"),
        ("2012-10-28", "Wolfgang Schnick", "Ludwig-Maximilians-Universität München", "Going to Extremes")]


def test_a_japanese_news_item_with_an_era_year_and_the_next_lecture():
    talks = _parse("学術講演会を開催しました\n\n"
                   "平成28年10月1日(土)、作家である梶尾真治氏をお招きし、「自著を語る」と題した講演会を開催しました。\n\n"
                   "梶尾 真治 氏\n\n講演の様子\n\n<次回学術講演会>\n\n12月24日(土)13:30~15:00\n\n"
                   "「民族から考える日中関係と領土問題」\n\n大西 広 氏(慶應義塾大学教授、京都大学名誉教授)\n",
                   url="http://example.ac.jp/news/54562/", tz="Asia/Tokyo")
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2016-10-01", "梶尾 真治", None, "自著を語る"),
        ("2016-12-24", "大西 広", "慶應義塾大学; 京都大学", "民族から考える日中関係と領土問題")]


def test_a_name_caption_over_the_next_dated_entry_is_not_a_second_speaker_above():
    talks = _parse("Spring 2018 Speaker Series\n\nFaculty and students are invited to a series of "
                   "Wednesday talks at lunch hour. Graduate students will get first crack in the Q and A.\n\n"
                   "Michael Loriaux\n"
                   "February 14 Michael Loriaux, Northwestern University\n“European Union: Past and Present”\n"
                   "BSB 1115, 12:00-1:00\n\nIan Hurd\nMarch 14 Ian Hurd, Northwestern University\n"
                   "“How to Do Things With International Law”\nBSB 1115, 12:00-1:00\n\n"
                   "April 11 James Sparrow, University of Chicago\n“Occupying the Enemy”\n"
                   "BSB 1115, 12:00-1:00\n",
                   tz="America/Chicago")
    assert [(t.start, [s.name for s in t.speakers], t.title) for t in talks] == [
        ("2018-02-14T12:00:00-06:00", ["Michael Loriaux"], "European Union: Past and Present"),
        ("2018-03-14T12:00:00-05:00", ["Ian Hurd"], "How to Do Things With International Law"),
        ("2018-04-11T12:00:00-05:00", ["James Sparrow"], "Occupying the Enemy")]


def test_a_german_programme_in_prose_names_each_evening_and_its_lecturer():
    talks = _parse("Max-Planck-Woche im DAI\n\n6. September 2018\n\n"
                   "Am Freitag, dem 14. September, begeht die Max-Planck-Gesellschaft ihren Max-Planck-Tag, um "
                   "der Öffentlichkeit ihre Forschung vorzustellen, und die Institute präsentieren eine Woche "
                   "lang ihre Forschungsarbeit in den Räumen des DAI.\n\n"
                   "Den Anfang macht am Montag, dem 10. September, 20 Uhr, das MPI für Kernphysik mit dem "
                   "Vortrag „Helles Licht und dunkle Teilchen“ von Prof. Dr. Dr. h.c. Manfred Lindner und "
                   "Dr. Jörg Evers. Der Vortrag beleuchtet die Eigenschaften von Materie unter extremen "
                   "Bedingungen.\n\n"
                   "Am Dienstag, dem 11. September, 20 Uhr, folgt dann das MPI für Astronomie. Prof. Dr. "
                   "Hans-Walter Rix wird über „Unsere Galaxie in fünf Dimensionen“ sprechen. Dabei geht es "
                   "um die neuen Daten der Weltraummission Gaia.\n", tz="Europe/Berlin")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2018-09-10T20:00:00+02:00", "Manfred Lindner", "Helles Licht und dunkle Teilchen"),
        ("2018-09-11T20:00:00+02:00", "Hans-Walter Rix", "Unsere Galaxie in fünf Dimensionen")]


def test_a_title_by_an_honoured_name_opening_a_report():
    talks = _parse("Spring 2009 Faculty Colloquies\n\nThursday, January 22nd\n"
                   "2008 ABA Bar Passage Conference by Professor Tanya Washington. Professor Washington "
                   "presented some different ways to think about bar passage issues.\n\n"
                   "Thursday, January 29th\nA lecture by Professor Ann Lee. She will talk about courts.\n")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2009-01-22", "Tanya Washington", "2008 ABA Bar Passage Conference"),
        ("2009-01-29", "Ann Lee", None)]


def test_a_news_item_saying_the_talk_is_a_quoted_title():
    talks = _parse("October 15, 2014\nGeography Colloquium Friday examines chemical agriculture\n"
                   "David Vail, assistant professor at Kansas State University, will give a public lecture "
                   "at 3 p.m. Friday, Oct. 17, in 132 Seaton Hall.\n"
                   "Vail's talk is \"Where Science and Farming Meet.\"\n"
                   "His presentation is sponsored by the Beta Psi chapter of Gamma Theta Upsilon, the "
                   "international geographic honor society, and the geography department.\n", tz="America/Chicago")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2014-10-17T15:00:00-05:00", "David Vail", "Where Science and Farming Meet")]


def test_the_first_entry_of_a_stack_keeps_only_as_many_lines_before_its_date_as_the_others():
    talks = _parse("Seminar Series\n\nMembers of the public are welcome to attend the seminars and "
                   "attendance is free. If you have any questions please get in touch with us\n\nPast Papers\n\n"
                   "The Sixties and Museums\n\nDate: 3rd November 2020\nNick Ellsworth\n"
                   "Nick is a PhD student here. His thesis is about British culture.\n\n"
                   "Can a migration museum help us live well together?\n\nDate: 4th December 2019\nEmily Miller\n"
                   "Emily Miller is Head of Learning at the Migration Museum. She will talk about research.\n\n"
                   "Big and Little Histories\n\nDate: 2nd May 2019\nProfessor Marnie Warrington\n"
                   "[Abstract placeholder: the original abstract text is not kept in this fixture.]\n")
    assert [(t.date, t.speakers[0].name, t.title) for t in talks] == [
        ("2020-11-03", "Nick Ellsworth", "The Sixties and Museums"),
        ("2019-12-04", "Emily Miller", "Can a migration museum help us live well together?"),
        ("2019-05-02", "Marnie Warrington", "Big and Little Histories")]


def test_a_with_line_names_the_professors_of_an_entry():
    talks = _parse("Sociology Colloquia\n\nSpring Quarter\n\n  • Faculty Dialogues: Immigration\n\n"
                   "    Thursday, April 18, 2019\n\n    Time: 11:40 - 1:15pm\n    Location: Rachel Carson College 301\n\n"
                   "    With Sociology@UCSantaCruz Professors Camilla Hawthorne and Juan Pedroza\n",
                   tz="America/Los_Angeles")
    assert [(t.date, [(s.name, s.affiliation) for s in t.speakers]) for t in talks] == [
        ("2019-04-18", [("Camilla Hawthorne", "Sociology@UCSantaCruz"),
                        ("Juan Pedroza", "Sociology@UCSantaCruz")])]


def test_talks_written_as_components_or_shortcodes_read_from_their_attributes():
    md = ("---\nlayout: doc\n---\n\n# Seminars\n\n### 2024\n\n"
          "<Event\n  header = \"104th Seminar: Aki Inomata + 松永亮太\"\n"
          "  date = \"2024年12月20日（金）19:00 @Waseda TWIns\"\n/>\n\n"
          "<Event\n  header = \"95th Seminar: Dr. Ionat Zurr\"\n  date = \"2024年9月23日（月・祝）16:30-18:30\"\n"
          "  title = \"“Ectogenic Desires”\"\n  link = \"/seminars/095\"\n/>\n")
    talks = _parse(md, tz="Asia/Tokyo")
    assert [(t.start, [s.name for s in t.speakers], t.title) for t in talks] == [
        ("2024-12-20T19:00:00+09:00", ["Aki Inomata", "松永亮太"], None),
        ("2024-09-23T16:30:00+09:00", ["Ionat Zurr"], "Ectogenic Desires")]
    hugo = ("<html><body><h1>Talks</h1>\n"
            "{{< talk title=\"Sheaves on graphs\" speaker=\"Ann Lee\" date=\"March 3, 2022\" >}}\n"
            "{{< talk title=\"Knots and links\" speaker=\"Bo Chen\" date=\"March 10, 2022\" >}}\n</body></html>")
    assert [(t.date, t.speakers[0].name, t.title) for t in _parse(hugo)] == [
        ("2022-03-03", "Ann Lee", "Sheaves on graphs"), ("2022-03-10", "Bo Chen", "Knots and links")]


def test_a_press_release_dateline_and_a_run_of_days_are_not_the_lectures_day_and_hour():
    talks = _parse("Campus Update\n\nCDC Director Lecture Highlights Public Health Week\n\n"
                   "ALBANY, N.Y. (April 2, 2008) -- Dr. Julie Gerberding, Director of the Centers for "
                   "Disease Control, will discuss \"The Public Health Effects of Climate Change\" at the "
                   "School of Public Health Monday, April 7 at 3 p.m. Her lecture will highlight the "
                   "celebration of Public Health Week, which runs April 7-13.\n\n"
                   "All events are free and open to the public. They include:\n\n"
                   "Friday, April 4:\n\nMonday, April 7:\n\nTuesday, April 8:\n")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2008-04-07T15:00:00-04:00", "Julie Gerberding", "The Public Health Effects of Climate Change")]


def test_records_whose_date_and_venue_close_them():
    talks = _parse("The Fall 2024 lineup is as follows:\n"
                   "The Eisen Lecture\nThe Shattering of the Assumptive World\n"
                   "Join Dr. Peter Suedfeld, a survivor and widely published researcher in the field of "
                   "human resiliency, as he discusses his family's experiences in the war.\n"
                   "- September 23, 7:00 p.m.\n- Market Hall, 140 Charlotte Street, Peterborough\n"
                   "The Matthews Fellowship\nNorth of Nowhere\n"
                   "Marie Wilson, a former Commissioner, will discuss her new book that offers first-hand "
                   "accounts of the historic Commission.\n"
                   "- September 24, 7:00 p.m.\n- Canadian Canoe Museum, 2077 Ashburnham Drive, Peterborough\n"
                   "The Ashley Fellowship\nBeyond Extinction: Art and Visual Culture\n"
                   "Subhankar Banerjee, a professor of Art and Ecology at the University of New Mexico, "
                   "will discuss his work with arts and conservation.\n"
                   "- October 7, 7:30 p.m.\n- Enwayaang Building, Trent University, Peterborough\n",
                   url="https://example.ca/news/2024/", tz="America/Toronto")
    assert [(t.start, t.speakers[0].name) for t in talks] == [
        ("2024-09-23T19:00:00-04:00", "Peter Suedfeld"), ("2024-09-24T19:00:00-04:00", "Marie Wilson"),
        ("2024-10-07T19:30:00-04:00", "Subhankar Banerjee")]
    assert talks[2].title == "Beyond Extinction: Art and Visual Culture"


def test_a_numbered_title_ending_with_its_speaker_and_a_day_first_date_before_the_clock():
    talks = _parse("Past Talks\n\n23-01-2021 | (#021) Coded Data Rebalancing - Abhinav Vaishya\n\n"
                   "Date & Time: 23-01-2021, 22:15 IST\n\n"
                   "16-01-2021 | (#020) BitcoinF: Fairness for Bitcoin - Ganesh Vanahalli\n\n"
                   "Date & Time: 16-01-2021, 22:15 IST\n", tz="Asia/Kolkata")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2021-01-23T22:15:00+05:30", "Abhinav Vaishya", "Coded Data Rebalancing"),
        ("2021-01-16T22:15:00+05:30", "Ganesh Vanahalli", "BitcoinF: Fairness for Bitcoin")]


def test_an_accordion_button_holding_a_talk_is_page_text():
    page = ("<html><body><button class='accordion'>2025</button><div class='panel'></div>"
            "<button class='accordion'>2025-08-25 <br> Arnab Aich, Florida State University <br> "
            "RMSTSS: designing trials for time-to-event data</button>"
            "<div class='panel'><p>We propose a simple way to design clinical trials.</p></div>"
            "<button>Add to calendar</button></body></html>")
    talks = _parse(page)
    assert [(t.date, t.speakers[0].name, t.speakers[0].affiliation, t.title) for t in talks] == [
        ("2025-08-25", "Arnab Aich", "Florida State University", "RMSTSS: designing trials for time-to-event data")]


def test_a_one_talk_markdown_page_keeps_its_front_matter_title_and_date():
    page = ("---\ntitle: \"GPU-accelerated mixed models\"\ncollection: talks\ndate: 2026-05-08\n---\n\n"
            "- **Time** : 10:30 - 12:00 <br>\n- **Venue** : 27-220, Seoul National University <br>\n"
            "- **Speaker** : 김영대 (UNIST) <br>\n")
    talks = _parse(page, tz="Asia/Seoul")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2026-05-08T10:30:00+09:00", "김영대", "GPU-accelerated mixed models")]


def test_a_news_item_names_the_lecture_title_without_quotes():
    talks = _parse("2010 Presidential Lecture brings health care leaders to the College\n"
                   "Dr. Darrell G. Kirch, president and CEO of the Association of American Medical Colleges, "
                   "will speak at the College as a part of the 2010 Presidential Lectures.\n"
                   "Kirch's lecture, Driving Change in Academic Medicine, will be held on Thursday, Feb. 25, "
                   "at 4 p.m. in the Cullen Auditorium.\n", url="https://example.edu/news/2010/", tz="America/Chicago")
    assert [(t.start, t.speakers[0].name, t.title) for t in talks] == [
        ("2010-02-25T16:00:00-06:00", "Darrell G. Kirch", "Driving Change in Academic Medicine")]


def test_a_programme_naming_no_speakers_lists_its_dated_titles():
    talks = _parse("Lecture Series 2017\n\nWe have locked in our monthly dates and times but are still "
                   "fine-tuning the list of speakers.\n\n2017 Dates and Times\n\n"
                   "Wednesday 10 May, 5.30–6.30pm\nFish traps and stone houses\n\n"
                   "Wednesday 14 June, 1–2pm\nWhat Makes a Telescope Great?\n\n"
                   "Wednesday 19 July, 5.30–6.30pm\nTo be confirmed\n\n"
                   "Wednesday 9 Aug, 1–2pm\nReel History: Life Through Motion Film\n", tz="Australia/Melbourne")
    assert [(t.start, t.speakers, t.title) for t in talks] == [
        ("2017-05-10T17:30:00+10:00", [], "Fish traps and stone houses"),
        ("2017-06-14T13:00:00+10:00", [], "What Makes a Telescope Great?"),
        ("2017-08-09T13:00:00+10:00", [], "Reel History: Life Through Motion Film")]
    # a list whose entries say more than a title is not read this way
    assert [(t.title, t.speakers[0].name) for t in _parse(
        "Seminars 2017\n\nMay 10\nFish traps\nJohn Smith, Monash\n\nJune 14\n"
        "Big telescopes\nAnn Lee, ANU\n\nJuly 19\nTo be confirmed\n")] == [
        ("Fish traps", "John Smith"), ("Big telescopes", "Ann Lee")]


def test_a_date_and_title_list_run_into_one_line_with_no_speakers():
    talks = _parse("Conférences du CHELS 2025-2026 Chaque année, le Collège propose un cycle de conférences "
                   "sur une thématique commune.> Le programme :18 septembre | À la recherche de l'ordre"
                   "25 septembre | Ordre-désordre : le temps et sa flèche2 octobre | Nouvel ordre climatique"
                   "9 octobre | Penser l'anarchie par le droit\n", tz="Europe/Paris")
    assert [(t.date, t.title) for t in talks] == [
        ("2025-09-18", "À la recherche de l'ordre"), ("2025-09-25", "Ordre-désordre : le temps et sa flèche"),
        ("2025-10-02", "Nouvel ordre climatique"), ("2025-10-09", "Penser l'anarchie par le droit")]
