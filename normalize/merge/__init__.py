"""Cluster talk records: records of one event -> one occurrence; occurrences of one talk -> one talk.

Two passes over union-find (clustering):
1. *event*: same speaker(s), dates within a day, and a matching title -- or a TBD/generic title
   on one side (a schedule row before the title is known). Candidates meet under keys of
   (initial + surname start or end, day), so a surname typo still meets its event.
2. *talk*: events whose titles match (typos, case, dropped subtitle, "NetworksWith") and whose
   speakers are compatible.

A TBD title never joins a talk by title: it only ever joins through pass 1. A bare title ("X")
of a speaker who gave "X: A" and "X: B" joins a talk only when something besides the title
(its event, its abstract) says which.

Modules: features (what a record is compared by), scoring (pair decisions), unionfind
(clusters that refuse contradictions), blocking (link keys and candidate pairs), clustering
(the two passes, `merge`), overrides (must/cannot-link patterns), weights (every number).
"""

from seminars.normalize.merge.blocking import link_keys
from seminars.normalize.merge.clustering import MergeResult, merge
from seminars.normalize.merge.features import MergeInput
from seminars.normalize.merge.overrides import matching_records, override_pairs
from seminars.normalize.merge.scoring import Decision, explain

__all__ = [
    "Decision",
    "MergeInput",
    "MergeResult",
    "explain",
    "link_keys",
    "matching_records",
    "merge",
    "override_pairs",
]
