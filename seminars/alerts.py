"""Alerts: what changed about a speaker or a talk, and how an operator reads it.

The store decides *when* an alert is raised; this module decides what "the same bio"
means (bio_key), what the change looks like (bio_diff) and the text/JSON forms.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from seminars.normalize.names import clean_name
from seminars.normalize.text import strip_label

ALERT_TYPES = ("bio_changed", "talk_cancelled", "talk_moved", "talk_postponed")
_TALK_TYPES = ("talk_cancelled", "talk_moved", "talk_postponed")

# Typographic variants that HTML renderers (kramdown "smart quotes", CMS editors)
# introduce without the author changing a word.
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RUN = re.compile(rf"(\s*)[{_DASH_CHARS}]+(\s*)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_WS = re.compile(r"\s+")


def _dash(m: re.Match[str]) -> str:
    # "2020 – 2023" and "2020 -- 2023" read the same; a tight "2020–2023" stays tight.
    return " - " if (m.group(1) or m.group(2)) else "-"


def bio_key(bio: str | None) -> str:
    """The normalized form of a bio: two bios are "the same" iff their keys are equal.

    Markup, labels ("Bio:", "(UPDATED)"), entities, smart quotes, dash styles,
    whitespace and trailing periods do not count as changes; wording and case do.
    Returns "" when nothing is left.
    """
    return _normal_text(bio).rstrip(" .")


def _normal_text(text: str | None) -> str:
    """bio_key without the final trailing-period trim (the diff shows whole sentences)."""
    s = strip_label(text)
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).translate(_QUOTES)
    s = s.replace("\u2026", "...")
    # Whitespace runs collapse first: the patterns below open with \s* / \s+, which would
    # rescan a long run from each of its characters (quadratic); after this a run is one space.
    s = _WS.sub(" ", s)
    s = _DASH_RUN.sub(_dash, s)
    s = re.sub(r"(\s*)--+(\s*)", lambda m: " - " if (m.group(1) or m.group(2)) else "-", s)
    s = _SPACE_BEFORE_PUNCT.sub(r"\1", s)
    s = _SPACE_AFTER_OPEN.sub(r"\1", s)
    return _WS.sub(" ", s).strip()


# --- sentences -------------------------------------------------------------------------

# Words that end in "." without ending a sentence.
_ABBREV = {
    "dr", "prof", "mr", "mrs", "ms", "mx", "st", "jr", "sr", "vs", "etc", "e.g", "i.e",
    "approx", "dept", "univ", "inst", "no", "fig", "eq", "al", "assoc", "asst", "ca",
}
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences, not breaking after "Dr.", "e.g." or an initial "S."."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start()].rsplit(None, 1)
        last = before[-1] if before else ""
        word = last.rstrip(".!?\"')]")
        # "Alston S. Householder": a lone capital before the period is an initial.
        if word.lower() in _ABBREV or re.fullmatch(r"[A-Z]", word):
            continue
        out.append(text[start:m.start()].strip() + text[m.start():m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _words(s: str) -> list[str]:
    return s.split()


def _bare(sentence: str) -> str:
    # "...transport." and "...transport" are the same sentence: one bio simply ended
    # without a period.
    return sentence.rstrip(" .")


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _word_diff(old: str, new: str) -> str:
    """One line in git's word-diff style: unchanged words plain, [-removed-]{+added+}."""
    a, b = _words(_bare(old)), _words(_bare(new))
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(a[i1:i2]))
            continue
        removed = "[-" + " ".join(a[i1:i2]) + "-]" if i2 > i1 else ""
        added = "{+" + " ".join(b[j1:j2]) + "+}" if j2 > j1 else ""
        parts.append(removed + added)
    return " ".join(parts) + new[len(_bare(new)):].strip()


# A changed sentence is shown word by word only when most of it survived; otherwise
# a word-level line is noise and "- old" / "+ new" reads better.
_SAME_SENTENCE = 0.5


def _pair(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Align two runs of sentences in order, pairing those similar enough to be one edit."""
    n, m = len(old), len(new)
    sim = [[_similarity(_bare(o), _bare(w)) for w in new] for o in old]
    # best[i][j]: highest total similarity of pairs aligning old[i:] with new[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= _SAME_SENTENCE else -1.0
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and sim[i][j] >= _SAME_SENTENCE and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif i < n and (j == m or best[i][j] == best[i + 1][j]):
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    return steps


def bio_diff(old: str | None, new: str | None) -> str:
    """A readable diff of two bios, compared in their normalized (bio_key) form.

    One line per changed sentence: "+ sentence" added, "- sentence" removed,
    "~ words [-old-]{+new+} words" edited. Empty when the bios are the same.
    """
    a = split_sentences(_normal_text(old))
    b = split_sentences(_normal_text(new))
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(
        None, [_bare(x) for x in a], [_bare(x) for x in b], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for i, j in _pair(a[i1:i2], b[j1:j2]):
            if i is not None and j is not None:
                lines.append("~ " + _word_diff(a[i1 + i], b[j1 + j]))
            elif i is not None:
                lines.append("- " + a[i1 + i])
            elif j is not None:
                lines.append("+ " + b[j1 + j])
    return "".join(line + "\n" for line in lines)


# --- the alert -------------------------------------------------------------------------


def speaker_key(name: str) -> str:
    """Name form used in alert ids: honorifics dropped, case and accents folded."""
    cleaned = clean_name(name) or name
    folded = unicodedata.normalize("NFKD", cleaned)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WS.sub(" ", folded).strip().casefold()


def _alert_id(kind: str, speaker: str, content: str) -> str:
    raw = "\x1f".join((kind, speaker_key(speaker), content))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


@dataclass
class Alert:
    id: str
    type: str
    speaker: str
    source_url: str
    observed_at: str
    old_bio: str | None = None
    new_bio: str | None = None
    diff: str | None = None
    talk_title: str | None = None
    old_when: str | None = None
    new_when: str | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """The DESIGN.md JSON form (no id: it is derived from the content)."""
        if self.type == "bio_changed":
            return {
                "type": self.type,
                "speaker": self.speaker,
                "source_url": self.source_url,
                "observed_at": self.observed_at,
                "old_bio": self.old_bio,
                "new_bio": self.new_bio,
                "diff": self.diff,
            }
        return {
            "type": self.type,
            "speaker": self.speaker,
            "talk_title": self.talk_title,
            "source_url": self.source_url,
            "observed_at": self.observed_at,
            "old": self.old_when,
            "new": self.new_when,
        }

    @classmethod
    def from_json_dict(cls, d: dict[str, Any]) -> Alert:
        """Rebuild an alert from to_json_dict() output; the id comes out the same."""
        kind = d.get("type")
        if kind == "bio_changed":
            alert = make_bio_alert(
                d["speaker"], d.get("old_bio"), d.get("new_bio") or "", d.get("source_url", ""),
                d.get("observed_at", ""),
            )
            if d.get("diff") is not None:
                alert.diff = d["diff"]
            return alert
        if kind in _TALK_TYPES:
            return make_talk_alert(
                kind, d["speaker"], d.get("talk_title"), d.get("source_url", ""),
                d.get("observed_at", ""), d.get("old"), d.get("new"),
            )
        raise ValueError(f"unknown alert type: {kind!r}")


def make_bio_alert(
    speaker: str, old_bio: str | None, new_bio: str, source_url: str, observed_at: str
) -> Alert:
    """A bio_changed alert. Bios are stored as clean text; the id depends on the new bio only,
    so seeing the same new bio again (from any source, after any old one) is the same alert."""
    return Alert(
        id=_alert_id("bio_changed", speaker, bio_key(new_bio)),
        type="bio_changed",
        speaker=speaker,
        source_url=source_url,
        observed_at=observed_at,
        old_bio=strip_label(old_bio),
        new_bio=strip_label(new_bio),
        diff=bio_diff(old_bio, new_bio),
    )


_TALK_KINDS = {"cancelled": "talk_cancelled", "moved": "talk_moved", "postponed": "talk_postponed"}


def make_talk_alert(
    kind: str,
    speaker: str,
    title: str | None,
    source_url: str,
    observed_at: str,
    old: str | None,
    new: str | None,
) -> Alert:
    """A talk_cancelled, talk_moved or talk_postponed alert; old/new are the talk's former and
    current times."""
    kind = _TALK_KINDS.get(kind, kind)
    if kind not in _TALK_TYPES:
        raise ValueError(f"unknown talk alert kind: {kind!r} (expected cancelled, moved or postponed)")
    title_key = bio_key(title).casefold()
    # A cancellation or postponement is identified by the date it undoes; a move by where it
    # moved to.
    content = "\x1f".join((title_key, (new if kind == "talk_moved" else old) or ""))
    return Alert(
        id=_alert_id(kind, speaker, content),
        type=kind,
        speaker=speaker,
        source_url=source_url,
        observed_at=observed_at,
        talk_title=title,
        old_when=old,
        new_when=new,
    )


# --- text for people -------------------------------------------------------------------


def alert_title(alert: Alert) -> str:
    """A one-line headline, e.g. for a mail subject or chat message title."""
    if alert.type == "bio_changed":
        return f"Bio changed: {alert.speaker}"
    what = {"talk_cancelled": "Talk cancelled", "talk_postponed": "Talk postponed"}.get(
        alert.type, "Talk moved")
    title = f' "{alert.talk_title}"' if alert.talk_title else ""
    return f"{what}: {alert.speaker}{title}"


def _format_one(alert: Alert) -> str:
    lines = [alert_title(alert)]
    lines.append(f"  seen:   {alert.observed_at}")
    lines.append(f"  source: {alert.source_url}")
    if alert.type == "bio_changed":
        diff = alert.diff if alert.diff is not None else bio_diff(alert.old_bio, alert.new_bio)
        if alert.old_bio is None:
            lines.append("  (no earlier bio known)")
        if diff:
            lines.append("  changes:")
            lines.extend("    " + line for line in diff.splitlines())
        else:
            lines.append("  changes: none in wording (formatting only)")
    elif alert.type in ("talk_cancelled", "talk_postponed"):
        lines.append(f"  was:    {alert.old_when or 'unknown time'}")
        if alert.type == "talk_postponed":
            lines.append("  now:    date to be announced")
    else:
        lines.append(f"  from:   {alert.old_when or 'unknown time'}")
        lines.append(f"  to:     {alert.new_when or 'unknown time'}")
    return "\n".join(lines) + "\n"


def format_text(alerts: list[Alert]) -> str:
    """Plain text for a terminal or a cron mail: one block per alert, blank line between.

    Empty for no alerts, so a cron job mails nothing when nothing changed.
    """
    return "\n".join(_format_one(a) for a in alerts)
