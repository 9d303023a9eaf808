"""The talk record: speakers are immutable and no normalize step edits the Talk it is given."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from seminars.normalize.chain import NORMALIZERS, normalize_talk
from seminars.record import Speaker, Talk


def _talk() -> Talk:
    # Every step has work to do: a title marker, a host label, a TBD speaker, a duplicate
    # speaker whose second entry fills gaps, and a surname-only speaker whose bio names her.
    return Talk(
        title="Sparse Solvers (cancelled)",
        speakers=[
            Speaker("Kutyniok", bio="Gitta Kutyniok currently has a chair at LMU Munich."),
            Speaker("Prof. Ada Lovelace", affiliation=None, url=" https://example.org/ada "),
            Speaker("Ada Lovelace", affiliation="Analytical Engines Ltd", bio="Bio: Ada works."),
            Speaker("TBD"),
        ],
        date="2026-02-12", host="Hosted by: Jane Roe", series="  AI  Seminar ",
        institution="ORNL", source_url="https://example.org/talks",
    )


def test_speaker_is_frozen():
    s = Speaker("Ada Lovelace")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.affiliation = "Somewhere"  # type: ignore[misc]
    assert dataclasses.replace(s, affiliation="Somewhere").affiliation == "Somewhere"
    assert s.affiliation is None


@pytest.mark.parametrize("step", [*NORMALIZERS, normalize_talk], ids=lambda f: f.__name__)
def test_normalize_never_edits_its_input(step):
    t = _talk()
    before = copy.deepcopy(t)
    speakers_before = list(t.speakers)
    out = step(t)
    assert t == before
    assert all(a is b for a, b in zip(t.speakers, speakers_before, strict=True))
    if step is normalize_talk:
        # the chain did change things, on its own copy
        assert out.status == "cancelled" and out.title == "Sparse Solvers"
        assert [s.name for s in out.speakers] == ["Gitta Kutyniok", "Ada Lovelace"]
        assert out.speakers[1].affiliation == "Analytical Engines Ltd"
        assert out.speakers[1].url == "https://example.org/ada"


def test_replace_gives_the_copy_its_own_speaker_list():
    t = _talk()
    new = t.replace(title="Other")
    new.speakers.append(Speaker("Someone Else"))
    assert len(t.speakers) == 4 and len(new.speakers) == 5
    assert new.speakers[0] is t.speakers[0]  # speakers themselves are shared: they are immutable
    with pytest.raises(TypeError, match="unknown Talk field"):
        t.replace(speaker="x")


def test_occurrence_fields_from_stored_records():
    from seminars.store.dataset import OCC_COLUMNS, Occurrence, OccurrenceFields

    fresh = {"title": "", "date": "2026-03-13", "location": None, "status": None, "speakers": []}
    older = {"title": "Old title", "date": "2026-03-12", "location": "Room 5", "status": "cancelled"}
    f = OccurrenceFields.from_docs([fresh, older])
    # the freshest record wins where it says something; its status alone counts
    assert (f.title, f.date, f.location, f.status) == ("Old title", "2026-03-13", "Room 5",
                                                       "scheduled")
    assert OccurrenceFields.from_dict(f.to_dict()) == f
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.date = "2026-01-01"  # type: ignore[misc]
    row = Occurrence("o1", "t1", f, [Speaker("Ana Ruiz")], ["https://e.org/a", "https://e.org/b"],
                     2, True).row()
    assert tuple(row) == OCC_COLUMNS
    assert row["location"] == "Room 5" and row["source_urls"] == "https://e.org/a; https://e.org/b"
