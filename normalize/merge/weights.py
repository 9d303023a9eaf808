"""Every weight and threshold of the merge, named in one place.

Scores lie in [0, 1]. A pair's score orders the unions (best first) and is what `explain`
shows; the thresholds decide whether a pair may join at all.
"""

from __future__ import annotations

# compare_titles applies it too, so it lives with the title keys and is only named here.
from seminars.normalize.match import SUBTITLE_ALIKE

__all__ = ["SUBTITLE_ALIKE"]  # re-exported: the merge reads every threshold from this module

# ------------------------------------------------------------------------- event (pass 1) scores
EVENT_W_NAME = 0.4
EVENT_W_DATE = 0.3
EVENT_W_TITLE = 0.3
NEXT_DAY_DATE_SCORE = 0.8  # the date part when the listings are a day apart (same day: 1.0)

# -------------------------------------------------------------------------- talk (pass 2) scores
TALK_W_NAME = 0.35
TALK_W_TITLE = 0.6
TALK_BASE = 0.05  # what passing the title threshold is worth besides the title score itself
TALK_REFUSED_W_NAME = 0.4  # a refused talk pair's score, for explain(): name weight

# ---------------------------------------------------------------------------- shared adjustments
AFFILIATION_HINT = 0.05  # +/-: people move, so affiliations only nudge a score
ABSTRACT_BOOST = 0.08  # added to the title score when the abstracts are one text
UNTOLD_TITLE_SCORE = 0.5  # title part when the title says nothing (TBD, generic, revised)
TYPO_TITLE_ALIKE = 0.9  # letters this alike at one time or place: the differing words are typos
TYPO_TITLE_DISCOUNT = 0.9  # ...and such a title scores this fraction of its likeness
REFUSED_TIMES_SCORE = 0.2  # refused: same day but start times too far apart
REFUSED_SCORE = 0.3  # refused after names and dates agreed (subtitles, abstracts, titles)

# ------------------------------------------------------------------------------------ thresholds
EVENT_TITLE_MIN = 0.85  # same speaker and date already say a lot
TALK_TITLE_MIN = 0.90
TALK_TITLE_MIN_WEAK_NAME = 0.94  # initials only: "J. Wang" could be several people
STRONG_NAME_MIN = 0.75  # a name match this good is not "weak" (TALK_TITLE_MIN applies)
LOOSE_NAME_MAX = 0.5  # a name match this loose cannot carry a TBD title alone
SHORT_TITLE_MIN = 0.97  # titles of one or two content words ("Deep Learning") match too easily
SHORT_TITLE_WORDS = 3  # fewer content words than this make a short title
MAX_START_GAP_MIN = 120
SAME_TIME_MIN = 15  # start times this close (minutes) are one time slot
ABSTRACT_DIFFERENT = 0.7  # below this, two abstracts describe different talks
ABSTRACT_SAME = 0.85  # above this, two abstracts are one text (edited or truncated)
MAIN_ALIKE = 90  # two main titles this alike (typos) are one main title

# ------------------------------------------------------------------------ candidate generation
CANDIDATE_CUTOFF = 80  # cdist pre-filter, below every acceptance threshold
DROPPED_SUBTITLE_CUTOFF = 90  # a bare title this close to another's main part may be it
PAIRS_PER_GROUP = 4  # records tried per (block, title) group
MAX_NAME_DAY_GROUP = 40  # past this, a (name, day) key group is compared within name blocks only
MAX_BLOCKS_PER_TITLE = 30  # an exact title shared by more name blocks is too common to say much
MAX_MAINS_PER_KEY = 16  # (main, subtitle) pairs looked at per talk key for ambiguous mains
MAX_ABSTRACTS = 3  # abstracts a cluster keeps to compare with others
NEAREST_TITLES = 10  # fuzzy title candidates per title within a name block: its closest ones
CDIST_CELLS = 4_000_000  # title scores computed at once (bytes of one uint8 score slice)
