"""Clean text: HTML and markdown removed, labels dropped, whitespace collapsed."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MARKUP_CHARS = re.compile(r"[<&\[*_~`]")
# Zero-width and other invisible characters that survive copy-paste from CMS pages.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Typographic quotes differ between a markdown source and its rendering (kramdown "smart
# quotes"), so clean text uses the plain forms: the same page must give the same record.
_PLAIN = {ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201c"): '"', ord("\u201d"): '"',
          ord("\u2026"): "...", ord("\u00a0"): " "}

_TBD = re.compile(
    r"^\W*(tbd|tba|tbc|to be (announced|determined|decided|confirmed)|n/?a|none|-+)\W*$", re.I
)

# Labels that head a bio or abstract: "Bio:", "Speaker's Bio", "(UPDATED) Bio:", "Abstract".
# A bare label must be followed by ':'/dash or by a capitalised word, so "Biology is" survives.
_LABEL = re.compile(
    r"^\s*(\(updated\)\s*)?((speaker|presenter)(['’]?s)?\s+)?"
    r"(bio(graphy)?|abstract|summary)(\s*\(updated\))?"
    r"\s*([:.\-–—]|\s(?=(?-i:[A-Z\d\"“]))|$)\s*",
    re.I,
)


def strip_label(s: str | None) -> str | None:
    """Drop a leading 'Bio:', "Speaker's Bio", '(UPDATED) Bio:', 'Abstract:' label (twice at most)."""
    s = clean_text(s)
    for _ in range(2):
        if not s:
            return None
        m = _LABEL.match(s)
        if not m:
            break
        s = s[m.end():].strip()
    return s or None


_CLEAN = {**_INVISIBLE, **_PLAIN}


def collapse(s: str) -> str:
    # str.split() splits on every Unicode space (nbsp too) and is several times faster than a regex.
    return " ".join(s.translate(_CLEAN).split())


def strip_markup(s: str) -> str:
    """Remove HTML tags/entities and inline markdown, keeping the words."""
    if not _MARKUP_CHARS.search(s):
        return s  # plain text, the common case: skip the substitutions
    if "<" in s:
        s = re.sub(r"<br\s*/?>", " ", s, flags=re.I)
        s = _TAG.sub("", s)
    s = html.unescape(s)
    s = _MD_LINK.sub(r"\1", s)
    for _ in range(2):
        s = _MD_EMPH.sub(r"\2", s)
    return s


def clean_text(s: str | None) -> str | None:
    """Plain text with whitespace collapsed; None when nothing is left."""
    if s is None:
        return None
    out = collapse(strip_markup(s))
    return out or None


def is_tbd(s: str | None) -> bool:
    return s is None or bool(_TBD.match(s.strip()))


def null_if_tbd(s: str | None) -> str | None:
    s = clean_text(s)
    return None if s is None or is_tbd(s) else s
