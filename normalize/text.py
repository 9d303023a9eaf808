"""Clean text: HTML and markdown removed, labels dropped, whitespace collapsed."""

from __future__ import annotations

import html
import re
from functools import lru_cache

# Every pattern here runs on whole pages (up to max_bytes): none may backtrack super-linearly.
# Markdown links and emphasis are therefore read by the string scans below, not by the
# regexes they replace, "!?\[([^\]]*)\]\([^)]*\)" and "(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1",
# which restart their scan at every '[' or '*' (a 50 KB line of "*a " took 28 s).
_TAG = re.compile(r"<[^>]+>")
_BR = re.compile(r"<br\s*/?>", re.I)
_EMPH_START = re.compile(r"\*|__|~~|`")
_EMPH_DELIMS = {"*": ("**", "*"), "_": ("__",), "~": ("~~",), "`": ("`",)}  # the regex's order
# A closing delimiter follows a non-space. The literal comes first so the engine can skip to it;
# the lookbehind also sees characters before a search's start position.
_CLOSERS = {d: re.compile(f"{re.escape(d)}(?<=\\S{re.escape(d)})") for ds in _EMPH_DELIMS.values() for d in ds}
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
        s = _BR.sub(" ", s)
        # A '<' never closed would make _TAG scan to the end from each one: no tag lies past
        # the last '>'.
        end = s.rfind(">") + 1
        s = _TAG.sub("", s[:end]) + s[end:]
    s = html.unescape(s)
    if "[" in s:
        s = _strip_md_links(s)
    for _ in range(2):
        s = _strip_emphasis(s)
    return s


def _strip_md_links(s: str) -> str:
    """'[text](url)' and '![alt](src)' -> the text, in one pass."""
    out: list[str] = []
    pos = 0
    i = s.find("[")
    while i != -1:
        close = s.find("]", i + 1)
        if close == -1:
            break
        if not s.startswith("(", close + 1):
            i = s.find("[", close + 1)  # every '[' before `close` meets this same ']'
            continue
        paren = s.find(")", close + 2)
        if paren == -1:
            break  # no ')' left: no later link can close either
        start = i - 1 if i > pos and s[i - 1] == "!" else i
        out.append(s[pos:start])
        out.append(s[i + 1:close])
        pos = paren + 1
        i = s.find("[", pos)
    out.append(s[pos:])
    return "".join(out)


@lru_cache(maxsize=64)
def opener_search(live: frozenset[str]) -> re.Pattern[str] | None:
    """A search for the characters that can still open a span, given the live delimiters."""
    chars = "".join(sorted(c for c, ds in _EMPH_DELIMS.items() if any(d in live for d in ds)))
    return re.compile(f"[{re.escape(chars)}]") if chars else None


def _strip_emphasis(s: str) -> str:
    """'**x**', '*x*', '__x__', '~~x~~', '`x`' -> x: the innermost-first, leftmost, shortest
    spans the old regex found, on one line, opening before and closing after a non-space."""
    if not _EMPH_START.search(s):
        return s
    n = len(s)
    # First valid closer of each delimiter at or after a position, remembered: queries only
    # move forward, so the whole scan is linear.
    closer: dict[str, tuple[int, int]] = {}
    nl_from, nl_at = n + 1, -1  # the first newline at or after nl_from is at nl_at

    def next_closer(d: str, start: int) -> int:
        asked, found = closer.get(d, (-1, -2))
        if asked != -1 and start >= asked and (found == -1 or found >= start):
            return found
        m = _CLOSERS[d].search(s, start)
        j = m.start() if m else -1
        closer[d] = (start, j)
        return j

    # A delimiter with no closer left can open nothing: its character is no longer searched
    # for, so a page full of unmatched '*' costs one scan.
    live = frozenset(d for ds in _EMPH_DELIMS.values() for d in ds if d in s and next_closer(d, 1) != -1)
    search = opener_search(live)
    out: list[str] = []
    pos = 0
    m = search.search(s, 0) if search else None
    while m is not None:
        p = m.start()
        end = -1
        for d in _EMPH_DELIMS[s[p]]:
            body = p + len(d)
            if d not in live or not s.startswith(d, p) or body >= n or s[body].isspace():
                continue
            j = next_closer(d, body + 1)
            if j == -1:
                live = live - {d}
                search = opener_search(live)
                continue
            if not (nl_from <= body and (nl_at == -1 or nl_at >= body)):
                nl_from, nl_at = body, s.find("\n", body)
            if nl_at != -1 and nl_at < j:
                continue  # the span may not cross a line
            out.append(s[pos:p])
            out.append(s[body:j])
            end = pos = j + len(d)
            break
        m = search.search(s, end if end != -1 else p + 1) if search else None
    out.append(s[pos:])
    return "".join(out)


def clean_text(s: str | None) -> str | None:
    """Plain text with whitespace collapsed; None when nothing is left."""
    if s is None:
        return None
    if len(s) < 200:
        return _clean_short(s)  # names, rooms, series: a feed repeats them thousands of times
    out = collapse(strip_markup(s))
    return out or None


@lru_cache(maxsize=50_000)
def _clean_short(s: str) -> str | None:
    return collapse(strip_markup(s)) or None


def is_tbd(s: str | None) -> bool:
    return s is None or bool(_TBD.match(s.strip()))


def null_if_tbd(s: str | None) -> str | None:
    s = clean_text(s)
    return None if s is None or is_tbd(s) else s
