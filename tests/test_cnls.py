"""The cnls site parser: the corpus seed, fixture pages in the real page style, listings, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.scrapers.registry import detect_site, get_site, parse_page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "fixtures" / "cnls"
SEED_TXT = CORPUS / "seeds" / "lanl-cnls-talk.txt"
SEED_URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027"

needs_corpus = pytest.mark.skipif(not SEED_TXT.exists(), reason="../shared/corpus is absent")


def _fixture(name: str) -> tuple[str, dict]:
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return html, expected


def _one(text: str, url: str = SEED_URL):
    result = parse_page(text, url, "cnls")
    assert len(result.talks) == 1, result.warnings
    return result.talks[0]


@needs_corpus
def test_seed_text_fields() -> None:
    talk = _one(SEED_TXT.read_text(encoding="utf-8"))
    assert talk.title == "Efficient Low-Rank Training and Fine-Tuning of Neural Networks"
    assert [s.name for s in talk.speakers] == ["Steffen Schotthoefer"]
    sp = talk.speakers[0]
    assert sp.affiliation == "Oak Ridge National Laboratory"
    assert sp.bio.startswith("Dr. Steffen Schotthoefer is the current Householder Fellow")
    assert "During his doctoral studies" in sp.bio
    assert "(UPDATED)" not in sp.bio and "Bio:" not in sp.bio
    assert "\u00a0" not in sp.bio and "  " not in sp.bio
    assert talk.host == "Will Taitano (T-5)"
    assert talk.date == "2025-09-30"
    assert talk.start == "2025-09-30T14:00:00-06:00"
    assert talk.end == "2025-09-30T15:00:00-06:00"
    assert talk.talk_type == "Seminar"
    assert talk.location == "CNLS Conference Room (TA-3, Bldg 1690)"
    assert talk.timezone == "America/Denver"
    assert talk.institution == "LANL"
    assert talk.status == "scheduled"
    assert talk.series is None
    assert talk.source_url == SEED_URL
    assert talk.abstract.startswith("Low-rank adaptation (LoRA)")
    assert talk.abstract.endswith("low-rank training algorithms.")
    assert "Bio" not in talk.abstract and "Host" not in talk.abstract


def _seed_as_html() -> str:
    """The seed text laid out as the real page is: menu cells, then the talk with <br>s and <p>s.

    Built at test time so the third-party page is never copied into the project.
    """
    import html

    lines = SEED_TXT.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if re.match(r"^[A-Z][a-z]+day, ", ln))
    menu = "".join(f"<tr><td>{html.escape(ln)}</td></tr>" for ln in lines[:start])
    paras, cur = [], []
    for ln in lines[start:] + [""]:
        if ln.strip():
            cur.append(html.escape(ln, quote=False).replace("\u00a0", "&nbsp;"))
        elif cur:
            paras.append("<br>\n".join(cur))
            cur = []
    talk = "".join(f"<p>{p}</p>\n" for p in paras)
    return (
        "<html><head><title>CNLS Talk</title></head><body>"
        "<table><tr><td>Lab Home | Phone | Search</td></tr></table>"
        f"<table><tr><td valign=top><table>{menu}</table></td><td valign=top>{talk}</td></tr></table>"
        "</body></html>"
    )


@needs_corpus
def test_seed_html_matches_seed_text() -> None:
    from_text = _one(SEED_TXT.read_text(encoding="utf-8"))
    from_html = _one(_seed_as_html())
    assert from_html.to_dict() == from_text.to_dict()


@needs_corpus
def test_seed_text_is_detected_without_site_or_url() -> None:
    result = parse_page(SEED_TXT.read_text(encoding="utf-8"))
    assert result.site == "cnls"
    assert result.talks[0].source_url == ""


@pytest.mark.parametrize(
    "url",
    [
        "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027",
        "https://www.cnls.lanl.gov/external/showtalksummary.php?selection=9027",
        "http://cnls-www.lanl.gov/external/showtalksummary.php?selection=9027",
    ],
)
def test_url_pattern_covers_the_three_hosts(url: str) -> None:
    assert get_site("cnls").matches_url(url)
    assert not get_site("cnls").matches_url("https://ornl.github.io/events/ai-initiative-seminar-2026/")


def test_sniff_finds_cnls_html_without_url() -> None:
    html, _ = _fixture("colloquium")
    assert detect_site(html, "").name == "cnls"


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("colloquium", "talk_type", "Colloquium"),
        ("quantum-lunch", "talk_type", "Quantum Lunch"),
        ("postdoc-seminar", "talk_type", "Postdoc Seminar"),
        ("cnls-www-host", "talk_type", "Smart Grid Seminar Series"),
        ("no-type", "talk_type", None),
        ("no-type", "title", "Lectures on Turbulent Mixing"),
        ("no-host", "host", None),
        ("title-tba", "title", None),
        ("title-tba", "abstract", None),
        ("cancelled", "status", "cancelled"),
        ("postponed", "status", "postponed"),
        ("postponed", "title", "Network Resilience in Interdependent Infrastructure"),
        ("postdoc-seminar", "start", "2011-11-08T10:00:00-07:00"),  # after daylight time ended
        ("zero-pad-quotes-amp", "date", "2025-09-02"),
        ("zero-pad-quotes-amp", "host", "Nathan Lemons (T-5) & Kim Rasmussen (T-4)"),
    ],
)
def test_fixture_field(name: str, field: str, value: object) -> None:
    html, expected = _fixture(name)
    talk = _one(html, expected["url"])
    assert getattr(talk, field) == value


def test_no_affiliation_and_no_bio() -> None:
    html, expected = _fixture("no-affiliation")
    sp = _one(html, expected["url"]).speakers
    assert [(s.name, s.affiliation, s.bio) for s in sp] == [("Pavel Lindqvist", None, None)]


def test_no_host_page_footer_stays_out_of_the_bio() -> None:
    html, expected = _fixture("no-host")
    bio = _one(html, expected["url"]).speakers[0].bio
    assert bio.endswith("numerical methods for kinetic equations.")
    assert "Copyright" not in bio and "Operated by" not in bio


@pytest.mark.parametrize("name", ["two-speakers", "two-speakers-comma"])
def test_two_speakers_give_two_records(name: str) -> None:
    html, expected = _fixture(name)
    talk = _one(html, expected["url"])
    assert len(talk.speakers) == 2
    assert all(s.affiliation and " and " not in s.name for s in talk.speakers)


def test_comma_joined_affiliations_stay_one_string() -> None:
    html, expected = _fixture("several-affiliations")
    sp = _one(html, expected["url"]).speakers
    assert [s.affiliation for s in sp] == [
        "Theoretical Division, Los Alamos National Laboratory, and Santa Fe Institute"
    ]


def test_raw_ampersands_and_nbsp_survive() -> None:
    html, expected = _fixture("zero-pad-quotes-amp")
    talk = _one(html, expected["url"])
    assert talk.speakers[0].affiliation == "Texas A&M University"
    assert "R&D" in talk.abstract and "\u00a0" not in talk.abstract
    assert "Fast & Slow" in talk.title


def test_listing_links_and_no_talks() -> None:
    html, expected = _fixture("listing")
    result = parse_page(html, expected["url"], "cnls")
    assert result.talks == []
    assert result.links == expected["links"]
    assert len(set(result.links)) == len(result.links)
    assert all(u.startswith("https://cnls.lanl.gov/") for u in result.links)


def test_listing_links_resolve_against_the_page_url() -> None:
    page = '<a href="showtalksummary.php?selection=12">x</a> <a href="showtalksummary.php?selection=12">y</a>'
    links = get_site("cnls").links(page, "http://cnls-www.lanl.gov/external/Seminars.php")
    assert links == ["http://cnls-www.lanl.gov/external/showtalksummary.php?selection=12"]


def test_talk_page_does_not_link_to_itself() -> None:
    html, expected = _fixture("colloquium")
    own = f'{html}<a href="showtalksummary.php?selection=5012">print</a>'
    assert get_site("cnls").links(own, expected["url"]) == []


@pytest.mark.parametrize("bad", ["", "   \n", "\x00\x01\x02binary\x00" * 50])
def test_bad_input_is_a_parse_error(bad: str) -> None:
    with pytest.raises(ParseError):
        parse_page(bad, SEED_URL, "cnls")


def test_parser_itself_returns_empty_on_empty_and_unrelated_pages() -> None:
    parse = get_site("cnls").parse
    assert parse("", ParseContext()) == []
    assert parse("<html><body><p>Nothing to see</p></body></html>", ParseContext()) == []


@pytest.mark.skipif(not (CORPUS / "seeds" / "ornl-ai-seminar-2026.md").exists(), reason="no corpus")
def test_ornl_page_given_to_cnls_gives_nothing() -> None:
    text = (CORPUS / "seeds" / "ornl-ai-seminar-2026.md").read_text(encoding="utf-8")
    assert get_site("cnls").parse(text, ParseContext(url="https://ornl.github.io/events/ai-initiative-seminar-2026/")) == []


def test_truncated_html_keeps_what_is_there() -> None:
    html, expected = _fixture("quantum-lunch")
    cut = html[: html.index("Why does the world") + 40]
    talk = _one(cut, expected["url"])
    assert talk.title == "Decoherence and the Quantum-to-Classical Transition in Open Systems"
    assert talk.speakers[0].name == "Maximilian Hollenbeck"
    assert talk.host is None
    # Cut inside the banner: no talk, and no exception.
    assert parse_page(html[:400], expected["url"], "cnls").talks == []


@pytest.mark.parametrize("name", sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json")))
def test_plain_text_rendering_gives_the_same_talks(name: str) -> None:
    """What a browser shows (text only) parses like the HTML page itself."""
    from bs4 import BeautifulSoup

    html, expected = _fixture(name)
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    for text in (soup.get_text(), soup.get_text("\n")):
        got = [t.to_dict() for t in parse_page(text, expected["url"], "cnls").talks]
        if expected.get("links"):
            assert got == []
        else:
            assert got == expected["talks"]


def _inline_page(body: str) -> str:
    return (
        "<html><body><table><tr><td>&nbsp;<a href='/External/index.php'>Home</a>&nbsp;</td></tr>"
        "<tr><td>&nbsp;<a href='/External/Talks.php'>Talks</a>&nbsp;</td></tr></table>"
        f"<table><tr><td>{body}</td></tr></table></body></html>"
    )


def test_talk_page_with_neighbour_links_is_still_a_talk() -> None:
    html = _inline_page(
        "<b>Wednesday, January 11, 2006</b><br>10:00 AM - 11:00 AM MST<br>"
        "CNLS Conference Room (TA-3, Bldg 1690)<br><br><b>Seminar</b><br><br>"
        "<b>Chaos in Hamiltonian Systems</b><br><i>John Smith (University of Arizona)</i><br><br>"
        "Abstract:<br>We study chaos in many-body systems with long-range forces.<br><br>"
        "Hosted by Jane Doe, T-13<br><br>"
        "<a href='showtalksummary.php?selection=1000'>previous</a> | "
        "<a href='showtalksummary.php?selection=1002'>next</a>"
    )
    url = "https://cnls.lanl.gov/External/showtalksummary.php?selection=1001"
    result = parse_page(html, url, "cnls")
    assert len(result.talks) == 1
    talk = result.talks[0]
    assert (talk.title, talk.start, talk.end) == (
        "Chaos in Hamiltonian Systems", "2006-01-11T10:00:00-07:00", "2006-01-11T11:00:00-07:00"
    )
    assert [(s.name, s.affiliation) for s in talk.speakers] == [("John Smith", "University of Arizona")]
    assert talk.abstract == "We study chaos in many-body systems with long-range forces."
    assert talk.host == "Jane Doe, T-13"
    assert len(result.links) == 2


def test_speaker_lines_of_two_people_with_their_own_affiliations() -> None:
    html = _inline_page(
        "<p><b>Monday, June 5, 2006</b><br>1:30 PM - 2:30 PM<br>CNLS Conference Room (TA-3, Bldg 1690)</p>"
        "<p>Colloquium</p><p>Emergence of Order</p>"
        "<p>Alice Brown<br>University of Utah<br>Bob Green<br>Stanford University</p>"
        "<p>We study emergence in driven granular media and its statistical mechanics.</p>"
    )
    talk = _one(html, "")
    assert [(s.name, s.affiliation) for s in talk.speakers] == [
        ("Alice Brown", "University of Utah"), ("Bob Green", "Stanford University")
    ]
    assert talk.talk_type == "Colloquium" and talk.host is None


# Variations seen on real 2006-2016 talk pages, written as invented fixture pages.


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("long-affiliation-no-type", "talk_type", None),
        ("long-affiliation-no-type", "host", "Peter Lindqvist"),  # "Host: Peter Lindqvist," on the page
        ("quantum-lunch-unlabelled-bio", "talk_type", "Quantum Lunch"),
        ("quantum-lunch-unlabelled-bio", "location", "T-DO Conference Room (TA-3, Bldg 123, Room 121)"),
        ("quantum-lunch-unlabelled-bio", "start", "2008-07-17T12:30:00-06:00"),  # daylight time
        ("speakers-in-paragraphs", "start", "2015-11-03T14:00:00-07:00"),  # two days after it ended
        ("speakers-in-paragraphs", "host", "Ilya Brandt and Nora Hale (CCS-3)"),
        ("qmat-joint-bio", "talk_type", "Q-Mat Seminar"),
        ("is-and-t-seminar-host-label", "talk_type", "Information Science and Technology Seminar"),
        ("is-and-t-seminar-host-label", "host", "Martin Kowalski (A-1)"),
        ("is-and-t-seminar-host-label", "start", "2016-03-15T10:00:00-06:00"),  # two days after it began
    ],
)
def test_real_page_variation(name: str, field: str, value: object) -> None:
    html, expected = _fixture(name)
    assert getattr(_one(html, expected["url"]), field) == value


def test_several_affiliations_on_one_long_line_are_the_affiliation() -> None:
    html, expected = _fixture("long-affiliation-no-type")
    talk = _one(html, expected["url"])
    assert [(s.name, s.affiliation) for s in talk.speakers] == [(
        "Helena Marchetti",
        "Institute for Theoretical Physics University of Amsterdam, Center for Nonlinear Studies LANL, "
        "Santa Fe Institute",
    )]
    assert talk.abstract.startswith("Competing interactions")


def test_unlabelled_bio_paragraph_goes_to_the_speaker_not_the_abstract() -> None:
    html, expected = _fixture("quantum-lunch-unlabelled-bio")
    talk = _one(html, expected["url"])
    sp = talk.speakers[0]
    assert (sp.name, sp.affiliation) == (
        "Ingrid Solberg", "Department of Physics, Norwegian University of Science and Technology"
    )
    assert sp.bio.startswith("Ingrid Solberg received her Ph.D.") and sp.bio.endswith("quantum transport group.")
    assert talk.abstract.endswith("superconducting circuits.")  # both abstract paragraphs, no bio
    assert "received her" not in talk.abstract


def test_speakers_printed_in_paragraphs_of_their_own() -> None:
    html, expected = _fixture("speakers-in-paragraphs")
    talk = _one(html, expected["url"])
    assert [(s.name, s.affiliation) for s in talk.speakers] == [
        ("Tomas Ferreira", "University of Lisbon"), ("Grace Okafor", "Rice University")
    ]
    assert talk.abstract.startswith("Synthetic toggle switches")


def test_one_bio_paragraph_for_two_speakers_is_split_by_name() -> None:
    html, expected = _fixture("qmat-joint-bio")
    sp = _one(html, expected["url"]).speakers
    assert [(s.name, s.affiliation) for s in sp] == [
        ("Lena Hartmann", "Max Planck Institute for Chemical Physics of Solids"),
        ("Rafael Quintero", "Rutgers University"),
    ]
    assert sp[0].bio == ("Lena Hartmann is a group leader at the Max Planck Institute in Dresden. "
                         "She works on quantum criticality.")
    assert sp[1].bio == "Rafael Quintero is an assistant professor at Rutgers University."


def test_bio_after_the_host_line_is_kept_and_host_label_on_its_own_line() -> None:
    html, expected = _fixture("is-and-t-seminar-host-label")
    talk = _one(html, expected["url"])
    assert talk.speakers[0].bio == (
        "Priya Raman is a postdoctoral researcher in the Machine Learning Department at Carnegie Mellon University."
    )
    assert "Host" not in talk.abstract and "Kowalski" not in talk.abstract


_MENU_ITEMS = {
    "Home", "People", "Talks", "Colloquia", "Colloquia Archive", "Seminars", "Postdoc Seminars Archive",
    "Quantum Lunch Archive", "CMS Colloquia", "Q-Mat Seminars", "Q-Mat Seminars Archive", "P/T Colloquia",
    "Archive", "Kac Lectures", "Kac Fellows", "Dist. Quant. Lecture", "Ulam Scholar", "ICAM-LANL", "LANL",
    "T-Division", "CNLS Office", "Maps, Directions", "History of CNLS", "Past Visitors", "Description",
}


@pytest.mark.parametrize("name", sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json")))
def test_menu_items_are_never_talk_fields(name: str) -> None:
    html, expected = _fixture(name)
    for talk in parse_page(html, expected["url"], "cnls").talks:
        fields = [talk.title, talk.talk_type, talk.location, talk.host]
        fields += [v for s in talk.speakers for v in (s.name, s.affiliation)]
        assert not _MENU_ITEMS & set(fields)


def test_abstract_paragraph_opening_with_another_name_stays_abstract() -> None:
    html = _inline_page(
        "<p><b>Monday, June 5, 2006</b><br>1:30 PM - 2:30 PM<br>CNLS Conference Room (TA-3, Bldg 1690)</p>"
        "<p>Seminar</p><p>Emergence of Order</p><p>Alice Brown<br>University of Utah</p>"
        "<p>We study emergence in driven granular media.</p>"
        "<p>Onsager showed long ago that reciprocal relations hold near equilibrium; we ask what remains.</p>"
        "<p>Host: Jane Doe (T-13)</p>"
    )
    talk = _one(html, "")
    assert talk.speakers[0].bio is None
    assert talk.abstract.endswith("we ask what remains.")
    assert talk.host == "Jane Doe (T-13)"
