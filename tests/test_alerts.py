"""Alert content: what counts as the same bio, how a change reads, the JSON and text forms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from seminars.alerts import (
    Alert,
    bio_diff,
    bio_key,
    format_text,
    make_bio_alert,
    make_talk_alert,
    split_sentences,
)

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
ORNL_2026_HTML = CORPUS / "ornl" / "html" / "2026" / "20260114T175544_c89834d.html"

ADDED = (
    "During his doctoral studies, he devised numerical methods for the simulation of kinetic "
    "partial differential equations and neural network training, establishing the foundation "
    "for his current research."
)


def _ornl_md_bio() -> str:
    md = (SEEDS / "ornl-ai-seminar-2026.md").read_text(encoding="utf-8")
    # The first "Speaker's Bio" on the page is Schotthoefer's (the next talk).
    return md.split("**Speaker's Bio**\n", 1)[1].split("\n\n", 1)[0]


def _ornl_html_bio() -> str:
    page = ORNL_2026_HTML.read_text(encoding="utf-8")
    m = re.search(r"<strong>Speaker’s Bio</strong>\s*(.*?)</p>", page, re.S)
    assert m, "the rendered page lost its Speaker's Bio paragraph"
    return m.group(1)


def _lanl_bio() -> str:
    text = (SEEDS / "lanl-cnls-talk.txt").read_text(encoding="utf-8")
    m = re.search(r"^\(UPDATED\) Bio:.*$", text, re.M)
    assert m, "the LANL page lost its (UPDATED) Bio: paragraph"
    return m.group(0)


needs_corpus = pytest.mark.skipif(
    not (SEEDS / "lanl-cnls-talk.txt").exists() or not ORNL_2026_HTML.exists(),
    reason="../shared/corpus not present",
)


# --- bio_key ---------------------------------------------------------------------------

BASE = "Jane Doe is a staff scientist at ORNL's Computing Division. She works on solvers."


@pytest.mark.parametrize(
    "variant",
    [
        "  Jane Doe is a staff scientist at ORNL's Computing Division.\n\n  She works on solvers.  ",
        "Jane Doe is a **staff scientist** at [ORNL's Computing Division](https://ornl.gov). She works on *solvers*.",
        "Bio: Jane Doe is a staff scientist at ORNL's Computing Division. She works on solvers.",
        "(UPDATED) Bio: Jane Doe is a staff scientist at ORNL's Computing Division. She works on solvers.",
        "Speaker's Bio\nJane Doe is a staff scientist at ORNL's Computing Division. She works on solvers.",
        "Jane Doe is a staff scientist at ORNL’s Computing Division. She works on solvers.",
        "Jane Doe is a staff scientist at ORNL&#8217;s Computing Division. She works on solvers",
        "<p>Jane Doe is a staff scientist at ORNL's Computing&nbsp;Division.<br/>She works on solvers. </p>",
        "Jane Doe is a staff scientist at ORNL's Computing Division . She works on solvers ..",
    ],
)
def test_bio_key_ignores_presentation(variant: str) -> None:
    assert bio_key(variant) == bio_key(BASE)


def test_bio_key_entities_quotes_and_dashes() -> None:
    assert bio_key("R&amp;D at “Lab” — 2020–2023") == bio_key('R&D at "Lab" - 2020-2023')
    assert bio_key("R&amp;D at “Lab” — 2020–2023") == 'R&D at "Lab" - 2020-2023'
    assert bio_key("the „Lab‟ and «Fab» ‚group‛") == bio_key("the \"Lab\" and \"Fab\" 'group'")


@pytest.mark.parametrize(
    "changed",
    [
        "Jane Doe is a senior scientist at ORNL's Computing Division. She works on solvers.",
        "jane doe is a staff scientist at ORNL's Computing Division. She works on solvers.",
        "Jane Doe is a staff scientist at ORNL's Computing Division. She works on solvers. She likes tea.",
        "Jane Doe is a staff scientist at ORNL's Computing Division.",
    ],
)
def test_bio_key_sees_real_changes(changed: str) -> None:
    assert bio_key(changed) != bio_key(BASE)


def test_bio_key_empty() -> None:
    assert bio_key(None) == ""
    assert bio_key("  Bio:  ") == ""


def test_bio_key_keeps_word_hyphens() -> None:
    assert "network-based" in bio_key("neural network-based models")


@needs_corpus
def test_ornl_markdown_and_rendered_html_are_the_same_bio() -> None:
    md, html = _ornl_md_bio(), _ornl_html_bio()
    assert md != html  # the rendering really differs (’ vs ', trailing space) ...
    assert "Steffen’s" in html and "Steffen's" in md
    assert bio_key(md) == bio_key(html)  # ... but it is one bio
    assert bio_key("Speaker's Bio\n" + md) == bio_key(md)


# --- sentences and diff ----------------------------------------------------------------


def test_split_sentences_keeps_abbreviations_and_initials() -> None:
    text = (
        "Dr. Ada Lovelace is the Alston S. Householder Fellow. She got a Ph.D. in 2020, "
        "e.g. on solvers. Her work (see Fig. 2) is cited! Next sentence."
    )
    assert split_sentences(text) == [
        "Dr. Ada Lovelace is the Alston S. Householder Fellow.",
        "She got a Ph.D. in 2020, e.g. on solvers.",
        "Her work (see Fig. 2) is cited!",
        "Next sentence.",
    ]


def test_diff_added_and_removed_sentences() -> None:
    old = "Ann works at ORNL. She studies plasma. She likes tea."
    new = "Ann works at ORNL. She likes tea. She moved to LANL in 2025."
    assert bio_diff(old, new) == "- She studies plasma.\n+ She moved to LANL in 2025.\n"


def test_diff_changed_sentence_is_word_level() -> None:
    old = "Ann is the Alston S. Householder Fellow at ORNL. She studies plasma."
    new = "Ann is the Alston Householder Fellow at Oak Ridge. She studies plasma."
    assert bio_diff(old, new) == "~ Ann is the Alston [-S.-] Householder Fellow at [-ORNL-]{+Oak Ridge+}.\n"


def test_diff_rewritten_sentence_is_remove_plus_add() -> None:
    old = "Ann works at ORNL. Her interests include plasma physics and fusion."
    new = "Ann works at ORNL. Tea, cycling and chess fill weekends."
    assert bio_diff(old, new) == (
        "- Her interests include plasma physics and fusion.\n+ Tea, cycling and chess fill weekends.\n"
    )


def test_diff_of_same_bio_in_other_dress_is_empty() -> None:
    assert bio_diff("Bio: Ann’s   work. Done", "<p>Ann's work.</p> <b>Done</b>.") == ""


def test_diff_without_old_bio_lists_every_sentence() -> None:
    assert bio_diff(None, "One. Two.") == "+ One.\n+ Two.\n"


@needs_corpus
def test_real_bio_change_ornl_to_lanl() -> None:
    old, new = _ornl_md_bio(), _lanl_bio()
    assert bio_key(old) != bio_key(new)
    # Once normalized, the LANL bio is the ORNL bio plus one sentence.
    assert bio_key(new) == bio_key(old + " " + ADDED)

    diff = bio_diff(old, new)
    assert diff == "+ " + ADDED + "\n"
    assert diff.startswith("+ During his doctoral studies, he devised numerical methods")
    assert not any(line.startswith(("- ", "~ ")) for line in diff.splitlines())
    # The rendered HTML (smart quotes) as the old side gives the same diff.
    assert bio_diff(_ornl_html_bio(), new) == diff
    # And the reverse direction is one removed sentence.
    assert bio_diff(new, old) == "- " + ADDED + "\n"


# --- alerts ----------------------------------------------------------------------------


def test_bio_alert_fields_and_stable_id() -> None:
    a = make_bio_alert("Ann Lee", "Ann works at ORNL.", "Bio: Ann works at LANL.", "https://x/1", "2026-01-01T00:00:00+00:00")
    assert a.type == "bio_changed"
    assert a.new_bio == "Ann works at LANL."  # label removed, clean text
    assert a.diff == "~ Ann works at [-ORNL-]{+LANL+}.\n"

    # same event (same speaker, same new bio in other dress, other source/time/old bio) => same id
    again = make_bio_alert("Dr. Ann Lee", "Something else.", "<p>Ann works at LANL</p>", "https://y/2", "2026-02-01T00:00:00+00:00")
    assert again.id == a.id
    # other new bio or other speaker => other id
    assert make_bio_alert("Ann Lee", None, "Ann works at NIST.", "u", "t").id != a.id
    assert make_bio_alert("Bo Chen", None, "Ann works at LANL.", "u", "t").id != a.id
    assert re.fullmatch(r"[0-9a-f]{40}", a.id)


def test_bio_alert_json_form() -> None:
    a = make_bio_alert("Ann Lee", "Ann works at ORNL.", "Ann works at LANL.", "https://x/1", "2026-01-01T00:00:00+00:00")
    d = a.to_json_dict()
    assert d == {
        "type": "bio_changed",
        "speaker": "Ann Lee",
        "source_url": "https://x/1",
        "observed_at": "2026-01-01T00:00:00+00:00",
        "old_bio": "Ann works at ORNL.",
        "new_bio": "Ann works at LANL.",
        "diff": "~ Ann works at [-ORNL-]{+LANL+}.\n",
    }
    back = Alert.from_json_dict(json.loads(json.dumps(d)))
    assert back == a


def test_talk_alerts() -> None:
    moved = make_talk_alert(
        "moved", "Stefan Schnake", "Sparse grids", "https://ornl/x", "2026-01-27T19:44:35+00:00",
        "2026-01-29T10:00:00-05:00", "2026-02-05T10:00:00-05:00",
    )
    assert moved.type == "talk_moved"
    assert moved.to_json_dict() == {
        "type": "talk_moved",
        "speaker": "Stefan Schnake",
        "talk_title": "Sparse grids",
        "source_url": "https://ornl/x",
        "observed_at": "2026-01-27T19:44:35+00:00",
        "old": "2026-01-29T10:00:00-05:00",
        "new": "2026-02-05T10:00:00-05:00",
    }
    assert Alert.from_json_dict(moved.to_json_dict()) == moved
    # seen again later from another page: same event, same id
    assert make_talk_alert(
        "talk_moved", "Stefan Schnake", "Sparse  grids", "https://lanl/y", "2026-02-01",
        "2026-01-29T10:00:00-05:00", "2026-02-05T10:00:00-05:00",
    ).id == moved.id
    cancelled = make_talk_alert("cancelled", "Stefan Schnake", "Sparse grids", "u", "t", "2026-01-29T10:00:00-05:00", None)
    assert cancelled.type == "talk_cancelled" and cancelled.id != moved.id
    with pytest.raises(ValueError, match="unknown talk alert kind"):
        make_talk_alert("exploded", "A", "T", "u", "t", None, None)


@needs_corpus
def test_format_text_reads_like_a_report() -> None:
    bio = make_bio_alert(
        "Steffen Schotthoefer", _ornl_md_bio(), _lanl_bio(),
        "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027", "2025-09-30T14:00:00-06:00",
    )
    cancelled = make_talk_alert("cancelled", "Stefan Schnake", "Sparse grids", "https://ornl/x", "2026-01-27", "2026-01-29T10:00:00-05:00", None)
    text = format_text([bio, cancelled])
    blocks = text.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].splitlines() == [
        "Bio changed: Steffen Schotthoefer",
        "  seen:   2025-09-30T14:00:00-06:00",
        "  source: https://cnls.lanl.gov/External/showtalksummary.php?selection=9027",
        "  changes:",
        "    + " + ADDED,
    ]
    assert blocks[1].splitlines() == [
        'Talk cancelled: Stefan Schnake "Sparse grids"',
        "  seen:   2026-01-27",
        "  source: https://ornl/x",
        "  was:    2026-01-29T10:00:00-05:00",
    ]
    assert "<" not in text and "**" not in text


def test_format_text_empty_is_empty() -> None:
    assert format_text([]) == ""
