"""Merging many records of one speaker stays near-linear: the talk pairs scored grow with the
number of records, not with its square, and no distinct talks are merged on the way."""

from __future__ import annotations

import random
from datetime import date

import pytest

from seminars.normalize.merge import MergeInput, merge
from seminars.normalize.merge import clustering as merge_module  # where merge() looks up the scorer
from seminars.record import Speaker, Talk

WORDS = """adaptive sparse kernel tensor spectral stochastic operator manifold transport lattice
plasma turbulence neutron battery climate seismic fusion quantum graph bayesian multigrid
krylov galerkin wavelet entropy inverse surrogate hydrology epidemic cosmology catalysis""".split()
SERIES = ["Lectures on Neural Operators for Plasma Dynamics", "Lectures on Tensor Networks for Quantum Chemistry"]


def one_speaker(n: int, seed: int = 1) -> list[MergeInput]:
    """n distinct talks of one visitor, three days apart: half of them two numbered lecture
    series (every title close to every other), half titles of their own."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[MergeInput] = []
    d0 = date(2001, 1, 1).toordinal()
    while len(out) < n:
        i = len(out)
        if i % 2:
            title = f"{SERIES[i % 4 // 2]}, Part {i // 2 + 1}"
        else:
            title = " ".join(rng.sample(WORDS, 6)).capitalize()
        if title in seen:
            continue
        seen.add(title)
        day = date.fromordinal(d0 + 3 * i).isoformat()
        talk = Talk(title=title, speakers=[Speaker("Steffen Schotthöfer", "LANL")], date=day,
                    start=f"{day}T10:00:00-07:00", institution="LANL")
        out.append(MergeInput(f"r{i:06d}", talk))
    return out


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the talk pairs the merge scores (every candidate pair goes through the scorer)."""
    count = [0]
    scorer = merge_module._talk_decision

    def counting(*args: object, **kwargs: object) -> object:
        count[0] += 1
        return scorer(*args, **kwargs)

    monkeypatch.setattr(merge_module, "_talk_decision", counting)
    return count


def test_pairs_scored_grow_near_linearly_and_distinct_talks_stay_apart(scored: list[int]) -> None:
    counts = {}
    for n in (500, 1000, 2000):
        scored[0] = 0
        result = merge(one_speaker(n))
        counts[n] = scored[0]
        assert len(set(result.talk_of.values())) == n, f"{n} distinct talks were merged into fewer"
        assert len(set(result.event_of.values())) == n
    # All pairs within a series would be about n*n/8; doubling n would multiply them by 4.
    assert counts[1000] < 3 * counts[500], counts
    assert counts[2000] < 3 * counts[1000], counts
    assert counts[2000] < 20 * 2000, counts


def test_true_variants_still_meet_in_a_crowded_block() -> None:
    """A talk given three times with typos, among 400 alike titles of its speaker, is one talk."""
    records = one_speaker(400)
    title = "Lectures on Neural Operators for Plasma Dynamics: Stability and Convergence"
    variants = [title, title.replace("Operators", "Opertors"), title.lower()]
    for k, t in enumerate(variants):
        day = f"2030-0{k + 1}-10"
        records.append(MergeInput(f"v{k}", Talk(title=t, speakers=[Speaker("Steffen Schotthöfer", "LANL")],
                                                date=day, institution="LANL")))
    result = merge(records)
    talk_of = {rec: result.talk_of[ev] for rec, ev in result.event_of.items()}
    assert talk_of["v0"] == talk_of["v1"] == talk_of["v2"]
    assert len(set(talk_of.values())) == 401
