"""Pair scores: is a pair of records one event (pass 1), or one talk (pass 2), and why."""

from __future__ import annotations

from dataclasses import dataclass

from seminars.normalize.match import (
    abstract_key,
    abstract_keys_similarity,
    affiliations_match,
    compare_speaker_lists,
    compare_titles,
    name_key,
)
from seminars.normalize.merge.blocking import _talk_keys
from seminars.normalize.merge.features import _alike_main, _features, _Rec, _usable
from seminars.normalize.merge.weights import (
    ABSTRACT_BOOST,
    ABSTRACT_DIFFERENT,
    ABSTRACT_SAME,
    AFFILIATION_HINT,
    EVENT_TITLE_MIN,
    EVENT_W_DATE,
    EVENT_W_NAME,
    EVENT_W_TITLE,
    LOOSE_NAME_MAX,
    MAX_START_GAP_MIN,
    NEXT_DAY_DATE_SCORE,
    REFUSED_SCORE,
    REFUSED_TIMES_SCORE,
    SAME_TIME_MIN,
    SHORT_TITLE_MIN,
    SHORT_TITLE_WORDS,
    STRONG_NAME_MIN,
    TALK_BASE,
    TALK_REFUSED_W_NAME,
    TALK_TITLE_MIN,
    TALK_TITLE_MIN_WEAK_NAME,
    TALK_W_NAME,
    TALK_W_TITLE,
    TYPO_TITLE_ALIKE,
    TYPO_TITLE_DISCOUNT,
    UNTOLD_TITLE_SCORE,
)
from seminars.record import Talk


@dataclass
class Decision:
    a: str
    b: str
    level: str  # "event" | "talk"
    score: float
    reasons: list[str]
    merged: bool
    # The main title a bare title stands for when the speaker gave it with several subtitles:
    # the join then waits for other evidence (see _Clusters.settles).
    needs_evidence: str | None = None


def _affiliations_agree(a: _Rec, b: _Rec) -> bool | None:
    """Whether one speaker's affiliations agree on both sides; None when no speaker has two."""
    verdict = None
    for sa in a.talk.speakers:
        if not sa.affiliation or not sa.name:
            continue
        ka = name_key(sa.name)
        for sb in b.talk.speakers:
            if not sb.affiliation or not sb.name or ka is None:
                continue
            kb = name_key(sb.name)
            if kb is not None and kb.last == ka.last:
                m = affiliations_match(sa.affiliation, sb.affiliation)
                if m:
                    return True
                if m is False:
                    verdict = False
    return verdict


def _affiliation_reason(a: _Rec, b: _Rec) -> tuple[float, str | None]:
    aff_a = next((s.affiliation for s in a.talk.speakers if s.affiliation), None)
    aff_b = next((s.affiliation for s in b.talk.speakers if s.affiliation), None)
    m = affiliations_match(aff_a, aff_b)
    if m is None:
        return 0.0, None
    if m:
        return AFFILIATION_HINT, f"affiliations agree ({aff_a!r} / {aff_b!r})"
    return -AFFILIATION_HINT, f"affiliations differ ({aff_a!r} / {aff_b!r}); people move, so only a hint"


def _event_decision(a: _Rec, b: _Rec) -> Decision:
    def no(score: float, *why: str) -> Decision:
        return Decision(a.rec_id, b.rec_id, "event", round(score, 3), list(why), False)

    # Dates and times first: they are integers, and they turn most pairs of strangers away.
    if a.day is None or b.day is None:
        return no(0.0, "date unknown on one side")
    gap = abs(a.day - b.day)
    if gap > 1:
        return no(0.0, f"dates {a.talk.date} and {b.talk.date} differ")
    when = "same date" if gap == 0 else f"dates one day apart ({a.talk.date} / {b.talk.date})"
    dt = None
    if a.start_min is not None and b.start_min is not None:
        dt = abs(a.start_min - b.start_min)
        if gap == 1:  # a listing a day off usually keeps the time of day
            dt = min(dt, abs(dt - 1440))
        if dt > MAX_START_GAP_MIN:
            return no(REFUSED_TIMES_SCORE, when, f"start times {dt} min apart")
    nm = compare_speaker_lists(a.names, b.names)
    if nm.conflict:
        return no(0.0, nm.reason)
    reasons = [nm.reason, when]
    same_time = dt is not None and dt <= SAME_TIME_MIN
    if dt is not None:
        reasons.append("same start time" if same_time else f"start times {dt} min apart")
    same_inst = bool(a.inst) and a.inst == b.inst
    if _usable(a.title) and _usable(b.title):
        assert a.title is not None and b.title is not None
        tm = compare_titles(a.title, b.title, min_content=1)
        reasons.append(tm.reason)
        if tm.subtitle_clash:
            return no(REFUSED_SCORE, *reasons)
        if tm.score >= EVENT_TITLE_MIN:
            title_s = tm.score
        elif tm.alike >= TYPO_TITLE_ALIKE and (same_time or same_inst):
            # "Hamvle Complexity" for "Sample Complexity": at one time or place, on one day, the
            # words that differ are typos, not another talk.
            title_s = TYPO_TITLE_DISCOUNT * tm.alike
            reasons.append("the same day and time or place: the differing words are typos")
        elif (
            gap == 0 and same_inst and (same_time or a.start_min is None or b.start_min is None)
            and _affiliations_agree(a, b) is not False
        ):
            # A page edited between crawls: same person, day, place (and time), new title. Not
            # across sites: namesakes speak elsewhere on the same day at the same hour.
            title_s = UNTOLD_TITLE_SCORE
            reasons.append("same person at the same day, place and time, so the title was revised")
        else:
            return no(EVENT_W_NAME * nm.score + EVENT_W_TITLE * tm.score, *reasons, "titles differ")
    else:
        which = "TBD" if (a.title is None or b.title is None) else "generic"
        same_generic = (
            a.title is not None and b.title is not None and compare_titles(a.title, b.title).score >= EVENT_TITLE_MIN
        )
        if nm.score <= LOOSE_NAME_MAX:
            return no(REFUSED_SCORE, *reasons, f"title {which} on one side and the names agree only loosely")
        if _affiliations_agree(a, b) is False:
            # One event's listings name one affiliation; a namesake from elsewhere does not.
            return no(REFUSED_SCORE, *reasons, f"title {which} on one side and the affiliations differ")
        if not (same_inst or same_time or (same_generic and gap == 0)):
            # A name and a date are not enough: "K. Li", and even "Kevin Li", can be two people
            # speaking somewhere on the same day. A schedule row sits on the detail's own site.
            return no(REFUSED_SCORE, *reasons, f"title {which} on one side and neither place nor time ties the two")
        if same_generic:
            which = "generic on both sides, the same"
        title_s = UNTOLD_TITLE_SCORE
        reasons.append(f"title {which} on one side: joined only because speaker and date match")
    aff_s, aff_r = _affiliation_reason(a, b)
    if aff_r:
        reasons.append(aff_r)
    score = (
        EVENT_W_NAME * nm.score + EVENT_W_DATE * (1.0 if gap == 0 else NEXT_DAY_DATE_SCORE)
        + EVENT_W_TITLE * title_s + aff_s
    )
    return Decision(a.rec_id, b.rec_id, "event", round(min(score, 1.0), 3), reasons, True)


def _talk_decision(a: _Rec, b: _Rec, ambiguous: dict[str, list[str]] | None = None) -> Decision:
    """ambiguous: talk key (name block | topic word) -> main titles seen with several subtitles."""
    def no(score: float, *why: str) -> Decision:
        return Decision(a.rec_id, b.rec_id, "talk", round(score, 3), list(why), False)

    nm = compare_speaker_lists(a.names, b.names)
    if nm.conflict:
        return no(0.0, nm.reason)
    if not (_usable(a.title) and _usable(b.title)):
        return no(0.0, nm.reason, "a title is TBD or generic: only the same event can join it")
    assert a.title is not None and b.title is not None
    tm = compare_titles(a.title, b.title)
    reasons = [nm.reason, tm.reason]
    if tm.subtitle_clash:
        return no(REFUSED_SCORE, *reasons)
    need = TALK_TITLE_MIN if nm.score >= STRONG_NAME_MIN else TALK_TITLE_MIN_WEAK_NAME
    if min(a.title.content, b.title.content) < SHORT_TITLE_WORDS:
        need = max(need, SHORT_TITLE_MIN)
    title_s = tm.score
    same_abstract = False
    ka = abstract_key(a.abstract) if a.abstract is not None else None
    kb = abstract_key(b.abstract) if b.abstract is not None and ka is not None else None
    if ka is not None and kb is not None:
        ab = abstract_keys_similarity(ka, kb)
        if ab >= ABSTRACT_SAME:
            reasons.append(f"abstracts {round(ab * 100)}% alike")
            title_s = min(1.0, tm.score + ABSTRACT_BOOST)
            same_abstract = True
        elif ab < ABSTRACT_DIFFERENT:
            return no(REFUSED_SCORE, *reasons, f"abstracts differ ({round(ab * 100)}% alike)")
    if title_s < need:
        return no(TALK_REFUSED_W_NAME * nm.score + TALK_W_TITLE * title_s, *reasons, f"title match below {need:.2f}")
    aff_s, aff_r = _affiliation_reason(a, b)
    if aff_r:
        reasons.append(aff_r)
    score = TALK_W_NAME * nm.score + TALK_W_TITLE * title_s + aff_s + TALK_BASE
    d = Decision(a.rec_id, b.rec_id, "talk", round(min(score, 1.0), 3), reasons, True)
    if ambiguous and not same_abstract:
        d.needs_evidence = _bare_at_stake(a, b, ambiguous)
    return d


def _bare_at_stake(a: _Rec, b: _Rec, ambiguous: dict[str, list[str]]) -> str | None:
    """The ambiguous main title that a bare title on either side stands for, if any."""
    ta, tb = a.title, b.title
    assert ta is not None and tb is not None
    if ta.main and tb.main:
        return None  # both subtitled: the cluster check compares the subtitles
    bare = tb if ta.main else ta
    for r in (a, b):
        for _, value, _ in _talk_keys(r):
            for m in ambiguous.get(value, ()):  # only block keys are in `ambiguous`
                if _alike_main(m, bare.compact):
                    return m
    return None


def explain(a: Talk, b: Talk) -> Decision:
    """Score two records as `merge` would, at the event level first, else the talk level."""
    ra, rb = _features("a", a), _features("b", b)
    ev = _event_decision(ra, rb)
    if ev.merged:
        return ev
    tk = _talk_decision(ra, rb)
    if tk.merged:
        tk.reasons.append("not the same event: " + ev.reasons[-1])
        return tk
    # Neither: report the level whose reasons say most about why.
    return ev if ra.day is not None and rb.day is not None and abs(ra.day - rb.day) <= 1 else tk
