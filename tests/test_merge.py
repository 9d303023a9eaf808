"""The fuzzy merge: events and talks from records seen in several places."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from seminars.normalize.match import affiliations_match, compare_titles, name_key, title_key
from seminars.normalize.merge import MergeInput, explain, link_keys, merge, override_pairs
from seminars.record import Speaker, Talk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from merge_data import generate  # noqa: E402  (the labeled benchmark records)

TITLE = "Efficient Low-Rank Training and Fine-Tuning of Neural Networks"


def talk(name: str | list[str], title: str | None, date: str | None, *, start: str | None = None,
         institution: str = "ORNL", affiliation: str | None = None, abstract: str | None = None) -> Talk:
    names = [name] if isinstance(name, str) else name
    return Talk(
        title=title,
        speakers=[Speaker(n, affiliation) for n in names],
        date=date,
        start=start,
        institution=institution,
        abstract=abstract,
    )


def run(recs: dict[str, Talk], **kw: object) -> tuple[dict[str, str], dict[str, str]]:
    """(rec_id -> event key, rec_id -> talk key)."""
    res = merge([MergeInput(k, v) for k, v in recs.items()], **kw)  # type: ignore[arg-type]
    return res.event_of, {r: res.talk_of[e] for r, e in res.event_of.items()}


def test_seed_case_one_talk_two_occurrences() -> None:
    recs = {
        "lanl": talk("Dr. Steffen Schotthöfer", TITLE, "2025-09-30", start="2025-09-30T14:00:00-06:00",
                     institution="LANL", affiliation="Oak Ridge National Laboratory"),
        "ornl-row": talk("Steffen Schotthoefer", TITLE, "2026-01-22", affiliation="ORNL"),
        "ornl-detail": talk("Steffen Schotthoefer", TITLE.lower(), "2026-01-22",
                            start="2026-01-22T10:00:00-05:00", affiliation="ORNL"),
    }
    ev, tk = run(recs)
    assert ev["ornl-row"] == ev["ornl-detail"] != ev["lanl"]
    assert tk["lanl"] == tk["ornl-row"] == tk["ornl-detail"]


def test_schnake_tbd_row_joins_its_event_only() -> None:
    recs = {
        "v1-row": talk("Stefan Schnake", "TBD", "2026-01-29"),
        "v2-row": talk("Stefan Schnake", "Sparse Grids for Kinetic Equations", "2026-01-29"),
        "v2-detail": talk("Dr. Stefan Schnake", "Sparse grids for kinetic equations", "2026-01-29",
                          start="2026-01-29T10:00:00-05:00"),
        "other-date": talk("Stefan Schnake", None, "2026-03-05"),
    }
    ev, tk = run(recs)
    assert ev["v1-row"] == ev["v2-row"] == ev["v2-detail"]
    assert tk["other-date"] != tk["v1-row"]  # a TBD title never joins a talk by title


def test_tbd_does_not_join_across_distant_dates_even_with_one_speaker() -> None:
    recs = {"a": talk("Ana Silva", None, "2025-01-10"), "b": talk("Ana Silva", None, "2025-03-10")}
    _, tk = run(recs)
    assert tk["a"] != tk["b"]


@pytest.mark.parametrize(
    "variant",
    ["Jürgen Müller", "Juergen Mueller", "Jurgen Muller", "Mueller, Juergen", "Prof. J. Müller",
     "MÜLLER Jürgen", "Dr. Jürgen Müller, PhD"],
)
def test_name_spellings_are_one_person(variant: str) -> None:
    title = "Randomized Linear Algebra for Exascale Computing"
    recs = {"a": talk("Jürgen Müller", title, "2024-05-01"), "b": talk(variant, title, "2025-02-11")}
    _, tk = run(recs)
    assert tk["a"] == tk["b"], explain(recs["a"], recs["b"]).reasons


def test_name_keys() -> None:
    a, b = name_key("Schotthoefer, Steffen"), name_key("Steffen Schotthöfer")
    assert a is not None and b is not None
    assert (a.first, a.last) == (b.first, b.last) == ("steffen", "schotthofer")
    w = name_key("WANG W.")
    assert w is not None and (w.last, w.initial, w.first) == ("wang", "w", "")


def test_title_noise_is_tolerated() -> None:
    base = "Designing Explainable Neural Networks With Physics Constraints via Optimization"
    for variant in ["Designing Explainable Neural NetworksWith Physics Constraints via Optimization",
                    "“designing explainable neural networks with physics constraints via optimization.”",
                    "Designing Explainable Nueral Networks With Physics Constraints via Optimisation"]:
        a, b = title_key(base), title_key(variant)
        assert a is not None and b is not None
        assert compare_titles(a, b).score >= 0.9, variant


def test_dropped_subtitle_joins_the_talk() -> None:
    recs = {
        "full": talk("Maria Rossi", "Neural Operators for Climate Models: Theory and Practice", "2024-04-02"),
        "bare": talk("Maria Rossi", "Neural Operators for Climate Models", "2025-06-12", institution="LANL"),
    }
    _, tk = run(recs)
    assert tk["full"] == tk["bare"]
    assert any("subtitle dropped" in r for r in explain(recs["full"], recs["bare"]).reasons)


def test_bare_title_between_two_subtitled_talks_stays_apart() -> None:
    main = "Neural Operators for Climate Models"
    recs = {
        "a": talk("Maria Rossi", f"{main}: Theory and Practice", "2024-04-02"),
        "b": talk("Maria Rossi", f"{main}: Lessons from Hydrology", "2025-01-20"),
        "bare": talk("Maria Rossi", main, "2025-06-12"),
    }
    _, tk = run(recs)
    assert len({tk["a"], tk["b"], tk["bare"]}) == 3


def test_same_speaker_related_talks_stay_apart() -> None:
    recs = {
        "a": talk("Steffen Schotthoefer", TITLE, "2025-09-30"),
        "b": talk("Steffen Schotthoefer", "Scalable Low-Rank Training and Fine-Tuning of Neural Networks", "2026-02-11"),
        "c": talk("Steffen Schotthoefer", "Low-Rank Methods for Model Compression", "2026-04-11"),
    }
    _, tk = run(recs)
    assert len(set(tk.values())) == 3


def test_different_people_with_one_surname_stay_apart() -> None:
    title = "Graph Neural Networks for Power Grids"
    recs = {
        "jun": talk("Jun Wang", title, "2024-03-01"),
        "jing": talk("Jing Wang", title, "2024-09-01"),
        "jun-row": talk("Jun Wang", None, "2024-10-01"),
        "jing-row": talk("Jing Wang", None, "2024-10-01"),
    }
    ev, tk = run(recs)
    assert tk["jun"] != tk["jing"]
    assert ev["jun-row"] != ev["jing-row"]


def test_initial_bridging_two_people_does_not_chain_them() -> None:
    title = "Graph Neural Networks for Power Grids"
    recs = {
        "jun": talk("Jun Wang", title, "2024-03-01"),
        "j": talk("J. Wang", title, "2024-05-01"),
        "jing": talk("Jing Wang", title, "2024-09-01"),
    }
    _, tk = run(recs)
    assert tk["jun"] != tk["jing"]
    assert tk["j"] in (tk["jun"], tk["jing"])


def test_generic_titles_by_different_speakers_or_dates_stay_apart() -> None:
    recs = {
        "a": talk("Anna Berg", "Invited Talk", "2024-03-01"),
        "b": talk("Omar Hassan", "Invited Talk", "2024-03-01"),
        "c": talk("Anna Berg", "Invited talk", "2024-11-20"),
        "a-copy": talk("Dr. Anna Berg", "Invited Talk", "2024-03-01", institution="ORNL"),
    }
    ev, tk = run(recs)
    assert ev["a"] == ev["a-copy"]  # one event listed twice
    assert len({tk["a"], tk["b"], tk["c"]}) == 3


def test_two_sites_one_day_apart_with_the_same_title_are_one_event() -> None:
    recs = {
        "ornl": talk("Kim Park", "Tensor Networks Meets Cosmology", "2024-06-04",
                     start="2024-06-04T10:00:00-04:00"),
        "indico": talk("Park, Kim", "Tensor networks meets cosmology", "2024-06-05",
                       start="2024-06-05T10:00:00-04:00", institution="Indico"),
    }
    ev, _ = run(recs)
    assert ev["ornl"] == ev["indico"]


def test_affiliation_aliases() -> None:
    assert affiliations_match("ORNL", "Oak Ridge National Laboratory")
    assert affiliations_match("Computer Science and Mathematics Division, ORNL", "Oak Ridge National Lab")
    assert affiliations_match("LANL", "Los Alamos National Laboratory")
    assert affiliations_match("Massachusetts Institute of Technology", "MIT")
    assert affiliations_match("ORNL", "LANL") is False
    assert affiliations_match(None, "ORNL") is None


def test_overrides() -> None:
    recs = {
        "a": talk("Li Chen", "Sparse Grids for Plasma Dynamics", "2024-01-10"),
        "b": talk("Li Chen", "Adaptive Sparse Grids in Kinetic Theory", "2024-08-10"),
        "c": talk("Li Chen", "Sparse Grids for Plasma Dynamics", "2025-01-10"),
    }
    _, tk = run(recs)
    assert tk["a"] == tk["c"] != tk["b"]
    _, tk = run(recs, must_link=[("a", "b")], cannot_link=[("a", "c")])
    assert tk["a"] == tk["b"] != tk["c"]
    with pytest.raises(ValueError, match="contradicts"):
        run(recs, must_link=[("a", "c")], cannot_link=[("a", "c")])
    with pytest.raises(ValueError, match="unknown record"):
        run(recs, must_link=[("a", "zzz")])


def test_override_patterns() -> None:
    inputs = [
        MergeInput("row", talk("Stefan Schnake", "TBD", "2026-01-29")),
        MergeInput("detail", talk("Stefan Schnake", "Sparse Grids", "2026-02-20")),
        MergeInput("other", talk("Anna Berg", "Sparse Grids", "2026-02-20")),
    ]
    pairs = override_pairs(inputs, ("schnake", "TBD"), ("Schnake", "sparse grids"))
    assert pairs == [("row", "detail")]
    res = merge(inputs, must_link=pairs)
    assert res.talk_of[res.event_of["row"]] == res.talk_of[res.event_of["detail"]]


def test_duplicate_rec_id_is_a_clear_error() -> None:
    t = talk("Anna Berg", "X Y Z", "2024-01-01")
    with pytest.raises(ValueError, match="duplicate rec_id"):
        merge([MergeInput("a", t), MergeInput("a", t)])


def test_deterministic_whatever_the_input_order() -> None:
    recs = [
        MergeInput(f"r{i}", t)
        for i, t in enumerate(
            [
                talk("Steffen Schotthoefer", TITLE, "2026-01-22"),
                talk("S. Schotthöfer", TITLE.upper(), "2025-09-30", institution="LANL"),
                talk("Stefan Schnake", None, "2026-01-29"),
                talk("Stefan Schnake", "Sparse Grids for Kinetic Equations", "2026-01-29"),
                talk("Jun Wang", "Graph Neural Networks for Power Grids", "2024-03-01"),
                talk("J. Wang", "Graph Neural Networks for Power Grids", "2024-05-01"),
                talk("Jing Wang", "Graph Neural Networks for Power Grids", "2024-09-01"),
            ]
        )
    ]
    first = merge(recs)
    rng = random.Random(3)
    for _ in range(5):
        shuffled = recs[:]
        rng.shuffle(shuffled)
        again = merge(shuffled)
        assert again.event_of == first.event_of and again.talk_of == first.talk_of
    # keys are the smallest rec_id of each cluster
    assert first.event_of["r3"] == "r2" and first.talk_of["r0"] == "r0" and first.event_of["r1"] == "r1"
    assert first.talk_of["r1"] == "r0"


def test_every_merge_has_a_score_and_reasons() -> None:
    recs = [
        MergeInput("a", talk("Stefan Schnake", None, "2026-01-29")),
        MergeInput("b", talk("Stefan Schnake", "Sparse Grids for Kinetic Equations", "2026-01-29")),
        MergeInput("c", talk("Stefan Schnake", "Sparse grids for kinetic equations", "2026-05-02")),
    ]
    res = merge(recs)
    merged = [d for d in res.decisions if d.merged]
    assert {d.level for d in merged} == {"event", "talk"}
    for d in merged:
        assert 0 < d.score <= 1 and d.reasons


def test_explain_reasons() -> None:
    lanl = talk("Dr. Steffen Schotthöfer", TITLE, "2025-09-30", institution="LANL", affiliation="ORNL")
    ornl = talk("Schotthoefer, Steffen", TITLE.lower(), "2026-01-22",
                affiliation="Oak Ridge National Laboratory")
    d = explain(lanl, ornl)
    assert d.merged and d.level == "talk"
    text = " | ".join(d.reasons)
    assert "same first name" in text and "same title" in text and "affiliations agree" in text
    tbd = explain(talk("Stefan Schnake", "TBD", "2026-01-29"),
                  talk("Stefan Schnake", "Sparse Grids", "2026-01-29"))
    assert tbd.merged and tbd.level == "event" and any("TBD" in r for r in tbd.reasons)
    apart = explain(talk("Jun Wang", "Graph Neural Networks for Power Grids", "2024-03-01"),
                    talk("Jing Wang", "Graph Neural Networks for Power Grids", "2024-09-01"))
    assert not apart.merged and any("different first names" in r for r in apart.reasons)


def test_different_abstracts_keep_same_titled_talks_apart() -> None:
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
    rng = random.Random(1)
    ab1 = " ".join(rng.choice(words) for _ in range(80))
    ab2 = " ".join(rng.choice(words) for _ in range(80))
    a = talk("Anna Berg", "Neural Operators for Climate Models", "2024-01-01", abstract=ab1)
    b = talk("Anna Berg", "Neural Operators for Climate Models", "2025-01-01", abstract=ab2)
    c = talk("Anna Berg", "Neural Operators for Climate Models", "2025-06-01", abstract=ab1[:300] + " ...")
    assert not explain(a, b).merged
    assert explain(a, c).merged


# ------------------------------------------------------------------------ bare titles, evidence

ABS_A = ("We present structure preserving integrators for kinetic equations and prove that the "
         "schemes conserve mass momentum and energy on coarse meshes with large time steps.")
ABS_B = ("This talk surveys data assimilation for climate models, from ensemble Kalman filters to "
         "learned observation operators, with results on reanalysis benchmarks of the last decade.")


def test_bare_title_joins_the_subtitled_talk_its_abstract_matches() -> None:
    main = "Neural Operators for Climate Models"
    recs = {
        "a": talk("Maria Rossi", f"{main}: Theory and Practice", "2024-04-02", abstract=ABS_A),
        "b": talk("Maria Rossi", f"{main}: Lessons from Hydrology", "2025-01-20", abstract=ABS_B),
        "bare-b": talk("Maria Rossi", main, "2025-06-12", abstract=ABS_B[:120] + " ..."),
        "bare-none": talk("Maria Rossi", main, "2025-09-01"),
    }
    _, tk = run(recs)
    assert tk["bare-b"] == tk["b"] != tk["a"]
    assert tk["bare-none"] not in (tk["a"], tk["b"])  # nothing says which: it joins neither


def test_subtitle_conflict_survives_a_typo_in_the_main_title() -> None:
    recs = {
        "a": talk("Maria Rossi", "Neural Operators for Climate Models: Theory and Practice", "2024-04-02"),
        "b": talk("Maria Rossi", "Neural Operatrs for Climate Models: Lessons from Hydrology", "2025-01-20"),
        "bare": talk("Maria Rossi", "Neural Operators for Climate Model", "2025-06-12"),
    }
    _, tk = run(recs)
    assert len({tk["a"], tk["b"], tk["bare"]}) == 3


def test_different_abstracts_keep_clusters_apart_even_without_a_direct_pair() -> None:
    title = "Sparse Grids for Kinetic Equations"
    recs = {
        "a": talk("Anna Berg", title, "2024-01-10", abstract=ABS_A),
        "a2": talk("Anna Berg", title.upper(), "2024-05-10"),
        "b": talk("Anna Berg", title, "2025-03-10", abstract=ABS_B),
    }
    _, tk = run(recs)
    assert tk["a"] != tk["b"]


def test_a_namesake_elsewhere_on_the_same_day_does_not_take_a_tbd_row() -> None:
    recs = {
        "row": talk("Kevin Li", None, "2023-10-22", institution="UTK", affiliation="CMU"),
        "detail": talk("Kevin Li", "Symbolic Regression Meets Materials Science", "2023-10-22",
                       start="2023-10-22T13:00:00-07:00", institution="SNL", affiliation="LLNL"),
        "own-detail": talk("Kevin Li", "Kernel Methods for Inverse Problems", "2023-10-22",
                           institution="UTK", affiliation="Carnegie Mellon University"),
    }
    ev, _ = run(recs)
    assert ev["row"] == ev["own-detail"] != ev["detail"]


def test_short_surname_typo_with_the_same_first_name_joins() -> None:
    title = "Towards Fast Forecasting with Large Language Models"
    recs = {"a": talk("Diego Lopez", title, "2023-03-07"), "b": talk("Diego Loez", title, "2022-11-07")}
    _, tk = run(recs)
    assert tk["a"] == tk["b"]
    # ... but not with different first names: Wang and Wong are two families
    recs = {"a": talk("Jun Wang", title, "2023-03-07"), "b": talk("Jing Wong", title, "2022-11-07")}
    _, tk = run(recs)
    assert tk["a"] != tk["b"]


# ------------------------------------------------------------------------------------ link keys


def test_link_keys_are_selective() -> None:
    row = link_keys(talk("Stefan Schnake", "TBD", "2026-01-29"))
    detail = link_keys(talk("Dr. Stefan Schnake", "Sparse grids for kinetic equations", "2026-01-29"))
    typo = link_keys(talk("Stefan Schnak", "Sparse Grids for Kinetic Equations", "2025-05-02"))
    other_tbd = link_keys(talk("Anna Berg", "TBD", "2026-01-29"))
    assert row & detail and detail & typo
    assert not row & other_tbd  # TBD titles share no key of their own
    assert link_keys(talk("Anna Berg", None, None)) == frozenset()  # nothing can ever join it


def _components(inputs: list[MergeInput]) -> list[list[MergeInput]]:
    parent = list(range(len(inputs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, m in enumerate(inputs):
        for k in link_keys(m.talk):
            x, y = find(i), find(owner.setdefault(k, i))
            if x != y:
                parent[x] = y
    comps: dict[int, list[MergeInput]] = {}
    for i, m in enumerate(inputs):
        comps.setdefault(find(i), []).append(m)
    return list(comps.values())


def test_link_keys_cover_the_merge_on_benchmark_data() -> None:
    data = generate(10_000, seed=11)
    inputs = [MergeInput(f"r{i:05d}", d.talk) for i, d in enumerate(data)]
    keys = {m.rec_id: link_keys(m.talk) for m in inputs}
    full = merge(inputs)
    accepted = [d for d in full.decisions if d.merged]
    assert len(accepted) > 5000
    unlinked = [(d.a, d.b, d.level) for d in accepted if not keys[d.a] & keys[d.b]]
    assert unlinked == []
    comps = sorted(_components(inputs), key=lambda c: (-len(c), c[0].rec_id))
    assert len(comps[0]) < len(inputs) // 10  # keys split the data into small parts
    # The largest parts and a spread of smaller ones merge alone exactly as in the full merge.
    chosen = comps[:3] + [c for c in comps if len(c) >= 2][10::150]
    assert len(chosen) >= 8
    for comp in chosen:
        part = merge(comp)
        for m in comp:
            ev = full.event_of[m.rec_id]
            assert part.event_of[m.rec_id] == ev
            assert part.talk_of[ev] == full.talk_of[ev]
