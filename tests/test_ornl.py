"""ORNL AI Seminar parser: targeted checks on the real corpus pages and on page shapes seen in
other real versions of them (2023 talk-in-a-table-cell, 2024 template placeholders, 2025 talks
without separators, doubled "Bio:" labels)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from seminars.record import Talk
from seminars.scrapers.registry import parse_page
from tests.corpus import FIXTURES

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ORNL = CORPUS / "ornl"
SEED = CORPUS / "seeds" / "ornl-ai-seminar-2026.md"
NY = ZoneInfo("America/New_York")

needs_corpus = pytest.mark.skipif(not ORNL.is_dir(), reason="../shared/corpus is absent")


def parse(path: Path, url: str = "https://ornl.github.io/events/ai-initiative-seminar/") -> list[Talk]:
    return parse_page(path.read_bytes(), url, "ornl").talks


def parse_text(text: str) -> list[Talk]:
    return parse_page(text, "https://ornl.github.io/events/ai-initiative-seminar-2025/", "ornl").talks


def versions() -> list[Path]:
    return sorted((ORNL / "md").rglob("*.md")) if ORNL.is_dir() else []


def all_ornl_pages() -> list[Path]:
    pages = [*versions(), *sorted((ORNL / "html").rglob("*.html"))] if ORNL.is_dir() else []
    if SEED.exists():
        pages.append(SEED)
    return pages + sorted(p for p in (FIXTURES / "ornl").glob("*.*") if not p.name.endswith(".json"))


def without_url(talks: list[Talk]) -> list[dict]:
    return [{**t.to_dict(), "source_url": None} for t in talks]


def by_title(talks: list[Talk], fragment: str) -> Talk:
    found = [t for t in talks if t.title and fragment.lower() in t.title.lower()]
    assert len(found) == 1, f"{len(found)} talks titled like {fragment!r}"
    return found[0]


# ---------------------------------------------------------------- corpus


@needs_corpus
@pytest.mark.parametrize("md", versions(), ids=lambda p: p.stem)
def test_markdown_and_served_html_give_the_same_records(md):
    html = ORNL / "html" / md.parent.name / (md.stem + ".html")
    assert html.exists()
    md_talks, html_talks = parse(md), parse(html)
    assert md_talks, "no talks parsed"
    assert without_url(md_talks) == without_url(html_talks)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus is absent")
def test_seed_2026():
    talks = parse(SEED)
    lowrank = by_title(talks, "Efficient Low-Rank Training")
    assert lowrank.start == "2026-01-22T10:00:00-05:00"
    assert lowrank.end == "2026-01-22T11:00:00-05:00"
    [steffen] = lowrank.speakers
    assert steffen.name == "Steffen Schotthoefer"
    assert steffen.bio and steffen.bio.startswith("Dr. Steffen Schotthoefer is the current Householder Fellow")
    assert "Speaker's Bio" not in steffen.bio and "**" not in steffen.bio
    # The schedule row for 01-29 says "TBD" as its talk: a record with no title.
    schnake = [t for t in talks if any(s.name == "Stefan Schnake" for s in t.speakers)]
    assert len(schnake) == 1
    assert schnake[0].title is None and schnake[0].date == "2026-01-29"


@needs_corpus
def test_2024_two_speakers_and_cancelled_talk():
    talks = parse(next((ORNL / "md" / "2024").glob("*.md")))
    chip = by_title(talks, "ChipNeMo")
    assert [s.name for s in chip.speakers] == ["Robert Kirby", "Mingjie Liu"]
    kirby, liu = chip.speakers
    assert kirby.bio.startswith("Robert Kirby is a Senior Research Scientist at NVIDIA")
    assert liu.bio.startswith("Mingjie Liu is currently a Research Scientist at NVIDIA")
    assert "Mingjie" not in kirby.bio and "Kirby" not in liu.bio
    reliability = by_title(talks, "Reliability of Artificial Intelligence")
    assert reliability.status == "cancelled"
    assert "cancel" not in reliability.title.lower()
    assert sum(t.status == "cancelled" for t in talks) == 1


@needs_corpus
def test_schedule_row_a_day_off_is_one_record():
    # Schedule says 03-20-2024, the detail entry 03/21/2024: one event, the detail's date.
    talks = parse(next((ORNL / "md" / "2024").glob("*.md")))
    surrogate = [t for t in talks if any("Pestourie" in s.name for s in t.speakers)]
    assert len(surrogate) == 1
    assert surrogate[0].date == "2024-03-21"
    assert surrogate[0].speakers[0].affiliation == "Georgia Institute of Technology"


def _organizers(page: Path) -> set[str]:
    """Names on the page's Organization cards (the first line of each card cell)."""
    text = page.read_text(encoding="utf-8")
    m = re.search(r"(?im)^#\s*organi[sz]ation\s*$|<h1[^>]*>\s*organi[sz]ation\s*</h1>", text)
    if not m:
        return set()
    names = set()
    for cell in re.findall(r"(?:^|\||<td>)\s*([^|<>\n]+?)\s*<br", text[m.end():], re.M):
        if 2 <= len(cell.split()) <= 4:
            names.add(cell.strip())
    return names


@needs_corpus
def test_organizer_lists_are_read():
    everyone = set().union(*(_organizers(p) for p in all_ornl_pages()))
    assert {"Yan Liu", "Sudip Seal", "Prasanna Balaprakash", "Pei Zhang"} <= everyone


@pytest.mark.parametrize("page", all_ornl_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_organizer_is_a_speaker(page):
    organizers = _organizers(page) | {"Yan Liu", "Sudip Seal", "Prasanna Balaprakash"}
    speakers = {s.name for t in parse(page) for s in t.speakers}
    assert not speakers & organizers


@pytest.mark.parametrize("page", all_ornl_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_offsets_follow_daylight_saving(page):
    for t in parse(page):
        for stamp in (t.start, t.end):
            if stamp is None:
                continue
            at = datetime.fromisoformat(stamp)
            local = at.replace(tzinfo=None).replace(tzinfo=NY)
            assert at.utcoffset() == local.utcoffset(), f"{t.title}: {stamp}"
            assert stamp[:10] == t.date


@needs_corpus
def test_summer_and_winter_offsets():
    talks = parse(next((ORNL / "md" / "2024").glob("*.md")))
    assert by_title(talks, "Petascale In-Package").start == "2024-06-06T10:00:00-04:00"
    talks = parse(next((ORNL / "md" / "2025").glob("*.md")))
    assert by_title(talks, "Problems with preparing data").start == "2025-01-09T11:00:00-05:00"
    assert by_title(talks, "billion agents").start == "2025-04-03T10:00:00-04:00"


@pytest.mark.parametrize("page", all_ornl_pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_records_are_clean(page):
    for t in parse(page):
        for text in [t.title, t.abstract, t.location, *(s.bio for s in t.speakers)]:
            assert text is None or not re.search(r"\*\*|~~|<[a-z/]|&#\d+;", text), text
        for s in t.speakers:
            assert s.name and not re.match(r"(?i)(dr|prof)\.?\s", s.name)
            assert not re.match(r"(?i)(speaker|presenter)\s*name$|tb[da]$", s.name)
            assert s.bio is None or not re.match(r"(?i)(speaker'?s?\s+)?bio\b", s.bio)
            assert s.url is None or s.url.startswith(("http://", "https://", "mailto:", "/"))


# ---------------------------------------------------------------- shapes from other real versions

_HEAD = """---
layout: default
title: ORNL's AI Seminar Series <br/>
permalink: /events/ai-initiative-seminar-2025/
---

# Past Presentations

"""


def test_talks_without_separators_stay_apart():
    page = _HEAD + """**First Talk on Surrogates**

<br>Location: MS Teams
<br> Time: 11:00 a.m. - 12 p.m. ET, Thursday, 06/26/2025
<br>Speaker: [Ana Lima](https://example.org/al)

**Abstract**

First abstract.

**Speaker Bio**

Ana Lima is a professor.


**Second Talk on Agents**

<br>Location:Building 5700, Room F234
<br> Time: 10:00 a.m. - 11 p.m. ET, Thursday, 04/03/2025
<br>Speaker: Ravi Patel

**Abstract**

Second abstract.

**Bio**

Bio: Ravi Patel is a PhD student.
"""
    talks = parse_text(page)
    assert [t.title for t in talks] == ["Second Talk on Agents", "First Talk on Surrogates"]
    first, second = talks[1], talks[0]
    assert first.speakers[0].bio == "Ana Lima is a professor."
    assert first.abstract == "First abstract."
    assert second.speakers[0].name == "Ravi Patel"
    assert second.speakers[0].bio == "Ravi Patel is a PhD student."  # doubled "Bio" label dropped
    # "10:00 a.m. - 11 p.m." is a slip for 11 a.m.: the talk does not last thirteen hours.
    assert (second.start, second.end) == ("2025-04-03T10:00:00-04:00", "2025-04-03T11:00:00-04:00")


def test_template_placeholders_are_not_data():
    page = _HEAD.replace("Past Presentations", "Next Presentation") + """**TITLE (TBD)**

<br>Room: Weinberg Auditorium (4500N/I-126)<br> Time: 10-11 am ET, Thursday, 03/13/2025 <br>
<a href="TBD">Speaker Name</a><br>
Nvidia

**Abstract:**
TBD
"""
    [talk] = parse_text(page)
    assert talk.title is None and talk.speakers == [] and talk.abstract is None
    assert talk.start == "2025-03-13T10:00:00-04:00"


def test_plain_name_speaker_in_a_table_cell_and_lab_link_is_not_a_speaker():
    page = _HEAD.replace("Past Presentations", "Next Presentation") + """|  |  |
| -- | -- |
|<img src="p.jpg"/>|**Graph Learning for Alloys**<br>Room: Virtual<br> Time: 10-11 am ET, Thursday, 09/11/2025 <br><br>Jamal Carter<br>Assistant Professor<br>Boston University<br> <a href="https://example.edu/lab/">Materials Lab</a>|

**Abstract:**
Alloys.
"""
    [talk] = parse_text(page)
    assert [(s.name, s.affiliation, s.url) for s in talk.speakers] == [("Jamal Carter", "Boston University", None)]
    assert talk.location == "Virtual" and talk.abstract == "Alloys."


def test_role_line_under_a_speaker_gives_the_institution():
    page = _HEAD.replace("Past Presentations", "Next Presentation") + """|  |  |
| -- | -- |
|<img src="p.jpg"/>|**LLM Agents for Lab Automation**<br>Room: Bredesen Center (5100/140)<br> Time: 10-11 am ET, Thursday, 08/14/2025 <br><br> <a href="https://example.org/sc/"> Sam Carter </a> <br> PhD student in Chemical Engineering at University of Rochester, working in the <a href="https://example.org/lab/">White Lab</a>|
"""
    [talk] = parse_text(page)
    [sam] = talk.speakers
    assert (sam.name, sam.url, sam.affiliation) == ("Sam Carter", "https://example.org/sc/", "University of Rochester")


def test_a_talk_shown_twice_in_detail_is_one_record():
    entry = (
        "**Learning Closures for Plasma Transport**\n\n"
        "<br>Location: Building 5700, Room F234\n"
        "<br> Time: 10:00 a.m. - 11 a.m. ET, Thursday, 03/05/2026\n"
        "<br>Speaker: [Ana Ruiz](https://example.org/ruiz)\n\n"
        "**Abstract**\nWe learn closures.\n\n"
    )
    page = (
        "---\ntitle: ORNL's AI Seminar Series\npermalink: /events/ai-initiative-seminar-2026/\n---\n\n"
        "# Next Presentation\n\n" + entry + "---\n\n# Past Presentations\n\n" + entry
        + "**Bio**\nAna Ruiz is a scientist.\n\n---\n"
    )
    talks = parse_page(page, "https://ornl.github.io/events/ai-initiative-seminar-2026/", "ornl").talks
    assert len(talks) == 1
    assert talks[0].speakers[0].bio == "Ana Ruiz is a scientist."
    assert talks[0].start == "2026-03-05T10:00:00-05:00"
