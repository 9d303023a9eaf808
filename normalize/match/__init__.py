"""Field keys and similarities for the fuzzy merge: person names, titles, affiliations, abstracts.

Everything here is pure and cached by string, because the same name or title is seen many
times across page versions and sites. Modules: folding (shared by every key), name_keys,
title_keys, affiliations, abstracts.
"""

from __future__ import annotations

from seminars.normalize.match.abstracts import (
    ABSTRACT_PREFIX,
    abstract_key,
    abstract_keys_similarity,
    abstracts_similarity,
)
from seminars.normalize.match.affiliations import affiliation_keys, affiliations_match
from seminars.normalize.match.folding import _fold_unicode, fold, loose
from seminars.normalize.match.name_keys import (
    NameKey,
    NameMatch,
    compare_names,
    compare_speaker_lists,
    first_names_compatible,
    name_key,
    surname_skeleton,
)
from seminars.normalize.match.title_keys import (
    SUBTITLE_ALIKE,
    TitleKey,
    TitleMatch,
    compare_titles,
    title_key,
)
from seminars.normalize.names import clean_name

__all__ = [
    "ABSTRACT_PREFIX",
    "SUBTITLE_ALIKE",
    "NameKey",
    "NameMatch",
    "TitleKey",
    "TitleMatch",
    "abstract_key",
    "abstract_keys_similarity",
    "abstracts_similarity",
    "affiliation_keys",
    "affiliations_match",
    "clear_caches",
    "compare_names",
    "compare_speaker_lists",
    "compare_titles",
    "first_names_compatible",
    "fold",
    "loose",
    "name_key",
    "surname_skeleton",
    "title_key",
]


def clear_caches() -> None:
    """Forget cached keys (benchmarks time cold runs; a long-lived process may free memory)."""
    for f in (_fold_unicode, loose, name_key, surname_skeleton, title_key, affiliation_keys, abstract_key,
              clean_name):
        f.cache_clear()
