"""A page as plain lines of text, for parsers that find a talk by the shape of its lines.

HTML and a browser's plain-text rendering of it give the same lines, with "" where a
paragraph broke. This is not `lines.flatten` (blocks with emphasis, links and tables, built
on BeautifulSoup through `scrapers.blocks.stream`): it walks lxml's own tree, because a
crawl parses hundreds of table-layout pages and the BeautifulSoup tree builder was 90% of
the time, and line-shape parsers need no emphasis or links.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

BLOCK_TAGS = {
    "p", "div", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "ul", "ol", "li", "dl", "dt",
    "dd", "center", "blockquote", "pre", "form", "section", "article", "header", "footer", "nav",
    "main", "aside", "address", "body", "html", "caption", "fieldset", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr",
}
PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "table", "center", "pre"}
SKIP_TAGS = {"script", "style", "noscript", "head", "title", "template", "svg", "select", "option"}
LOOKS_HTML = re.compile(r"<\s*(?:!doctype|html|body|table|td|tr|p|br|div|b|font|a|span|h\d)\b", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# A leading \s* never starts inside a whitespace run: the run's start finds what a later
# start would, so a pattern opening with it stays linear on long runs of spaces.
NOT_IN_RUN = r"(?:(?<!\s)|(?!\s))"
_NEWLINE_RUN = re.compile(NOT_IN_RUN + r"\s*\n\s*")
# huge_tree: without it libxml2 stops at 256 levels ("Excessive depth") and the page reads empty.
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)


def page_lines(text: str) -> list[str]:
    """The page as stripped lines of text, with "" for a paragraph break (never two in a row)."""
    raw = html_text(text) if LOOKS_HTML.search(text[:20000]) else text
    out: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _WS.sub(" ", line).strip()
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def html_text(html: str) -> str:
    """The text of an HTML page, a newline per line break and two per paragraph break."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    if root.text:
        parts.append(flat(root.text))
    _walk(root, parts)
    return "".join(parts)


def flat(s: str) -> str:
    # Source newlines inside a text run are plain HTML whitespace.
    return _NEWLINE_RUN.sub(" ", s)


def _walk(node, parts: list[str]) -> None:
    # An explicit stack, not recursion: hand-written pages nest unclosed <font> or <div> tags
    # deeper than Python's recursion limit. An entry is a child to open, or the text to add
    # once an element's children are done (its closing break and its tail).
    stack: list = list(reversed(node))
    while stack:
        child = stack.pop()
        if isinstance(child, str):
            parts.append(child)
            continue
        tag = child.tag
        if not isinstance(tag, str):  # comments and processing instructions
            if child.tail:
                parts.append(flat(child.tail))
            continue
        name = tag.lower()
        after = flat(child.tail) if child.tail else ""
        if name in SKIP_TAGS:
            pass
        elif name == "br":
            parts.append("\n")
        else:
            brk = "\n\n" if name in PARA_TAGS else "\n" if name in BLOCK_TAGS else ""
            parts.append(brk)
            if child.text:
                parts.append(flat(child.text))
            after = brk + after
            if after:
                stack.append(after)
            stack.extend(reversed(child))
            continue
        if after:
            parts.append(after)


class Cursor:
    """Walks the content lines (page_lines), remembering which follow a paragraph break.
    `is_marker` tells where the talk's header ends (a "Host:" or "Bio:" line): only the
    header's breaks decide whether the page kept its paragraphs (`blocky`)."""

    def __init__(self, lines: list[str], is_marker: Callable[[str], bool]):
        self.items: list[tuple[str, bool]] = []
        gap = True
        for line in lines:
            if not line:
                gap = True
                continue
            self.items.append((line, gap))
            gap = False
        self.i = 0
        # Pages whose rendering lost the paragraph breaks are read line by line.
        end = next((k for k, (t, _) in enumerate(self.items) if is_marker(t)), len(self.items))
        gaps = sum(1 for _, g in self.items[1:end] if g)
        # A rendering that puts a blank line between every line tells nothing by its blanks.
        if end > 4 and gaps >= 0.75 * (end - 1):
            self.items = [(t, False) for t, _ in self.items]
            gaps = 0
        self.blocky = gaps > 0

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.items[j][0] if j < len(self.items) else None

    def gap(self, k: int = 0) -> bool:
        j = self.i + k
        return self.items[j][1] if j < len(self.items) else True

    def take(self) -> str:
        line = self.items[self.i][0]
        self.i += 1
        return line

    def done(self) -> bool:
        return self.i >= len(self.items)


MAX_LINK = 4096  # longer than any URL a browser follows: not a link to a talk
_TOKEN_STOPS = " \t\n\r\f\v\"'<>\u00a0"
_TOKEN_STOP = re.compile(r"[\s\"'<>]")


def links_in_tokens(
    text: str, literal: re.Pattern[str], pattern: re.Pattern[str]
) -> list[re.Match[str]]:
    """`pattern`'s matches, found only in the tokens (runs without space, quote or angle
    bracket) that hold a match of `literal`, such as a talk URL's fixed part.

    A link never holds a space, quote or angle bracket, so each match lies in one such token;
    run over a whole page, the pattern rescanned long tokens from every word boundary.
    """
    out: list[re.Match[str]] = []
    done = 0
    for hit in literal.finditer(text):
        if hit.start() < done:
            continue  # the token was read already
        lo = max(0, hit.start() - MAX_LINK - 1)
        # rfind looks back from the hit, so each costs the distance to the token's start.
        a = max(text.rfind(c, lo, hit.start()) for c in _TOKEN_STOPS) + 1
        end = _TOKEN_STOP.search(text, hit.end())
        b = end.start() if end else len(text)
        done = b
        if (a > lo or lo == 0) and b - a <= MAX_LINK:
            out += pattern.finditer(text, a, b)
    return out
