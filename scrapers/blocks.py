"""Turn an HTML fragment into a flat stream of headings, rules, tables and text lines.

Seminar pages written by hand (Jekyll markdown, old PHP tables) carry their structure in
line breaks, bold runs and links rather than in markup a selector could find. Parsers
read this stream instead of the DOM, so markdown rendered here and HTML rendered by the
site's own generator come out the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, PageElement, ProcessingInstruction

from seminars.normalize.text import collapse

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "center", "form",
    "address", "body", "html", "font",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD_TAGS = {"strong", "b"}
STRIKE_TAGS = {"del", "s", "strike"}
SKIP_TAGS = {"script", "style", "noscript", "head", "title", "template", "svg", "button"}
_LITERAL_BOLD = re.compile(r"^\s*\*\*(.+?)\*\*\s*[:.]?\s*(.*)$")
_LITERAL_STRIKE = re.compile(r"~~(.+?)~~")


@dataclass
class Line:
    text: str
    bold: str = ""  # the bold run the line starts with, if any
    rest: str = ""  # the text after that leading bold run
    links: list[tuple[str, str]] = field(default_factory=list)
    struck: bool = False
    has_img: bool = False
    quote: bool = False  # inside a blockquote

    @property
    def kind(self) -> str:
        return "line"


@dataclass
class Heading:
    text: str
    level: int
    kind: str = "heading"


@dataclass
class Rule:
    kind: str = "hr"


@dataclass
class Table:
    node: Tag
    kind: str = "table"

    def rows(self) -> list[list[Tag]]:
        out = []
        for tr in self.node.find_all("tr"):
            if tr.find_parent("table") is not self.node:
                continue
            out.append([c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr])
        return out


Item = Line | Heading | Rule | Table


class _LineBuilder:
    def __init__(self, quote: bool) -> None:
        self.parts: list[tuple[str, bool, bool]] = []  # (text, bold, struck)
        self.links: list[tuple[str, str]] = []
        self.has_img = False
        self.quote = quote

    def empty(self) -> bool:
        return not any(t.strip() for t, _, _ in self.parts) and not self.has_img

    def build(self) -> Line | None:
        if self.empty():
            return None
        text = collapse("".join(t for t, _, _ in self.parts))
        bold_parts: list[str] = []
        i = 0
        # leading whitespace-only pieces do not break a leading bold run
        while i < len(self.parts) and not self.parts[i][0].strip():
            i += 1
        while i < len(self.parts) and (self.parts[i][1] or not self.parts[i][0].strip()):
            bold_parts.append(self.parts[i][0])
            i += 1
        bold = collapse("".join(bold_parts))
        rest = collapse("".join(t for t, _, _ in self.parts[i:]))
        struck_len = sum(len(t.strip()) for t, _, s in self.parts if s)
        total = sum(len(t.strip()) for t, _, _ in self.parts) or 1
        struck = struck_len / total > 0.5
        if not bold:
            m = _LITERAL_BOLD.match(text)
            if m:  # markdown left unrendered inside a raw HTML block
                bold, rest = collapse(m[1]), collapse(m[2])
        if _LITERAL_STRIKE.search(text):
            inner = sum(len(x) for x in _LITERAL_STRIKE.findall(text))
            struck = struck or inner / max(1, len(text.replace("~", ""))) > 0.5
            text = _LITERAL_STRIKE.sub(r"\1", text)
            bold, rest = _LITERAL_STRIKE.sub(r"\1", bold), _LITERAL_STRIKE.sub(r"\1", rest)
        return Line(
            text=text, bold=bold, rest=rest, links=self.links, struck=struck,
            has_img=self.has_img, quote=self.quote,
        )


def stream(root: Tag, *, open_tables: bool = False) -> list[Item]:
    """Flatten ``root`` into items. Tables stay whole unless ``open_tables``."""
    items: list[Item] = []
    cur = _LineBuilder(quote=False)

    def flush(quote: bool) -> None:
        nonlocal cur
        line = cur.build()
        if line is not None:
            items.append(line)
        cur = _LineBuilder(quote=quote)

    # An explicit stack rather than recursion: hand-written pages nest tags thousands deep
    # (unclosed <b>, <font>), which must not overflow Python's stack.
    # A frame is (children iterator, bold, struck, quote, what to do once they are done).
    Frame = tuple[Iterator[PageElement], bool, bool, bool, Callable[[], None] | None]
    stack: list[Frame] = [(iter(root.children), False, False, False, None)]
    while stack:
        children, bold, struck, quote, done = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if done is not None:
                done()
            continue
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            cur.parts.append((str(child), bold, struck))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower() if child.name else ""
        if name in SKIP_TAGS:
            continue
        if name == "br":
            flush(quote)
        elif name == "hr":
            flush(quote)
            items.append(Rule())
        elif name in HEADINGS:
            flush(quote)
            text = collapse(child.get_text(" "))
            if text:
                items.append(Heading(text=text, level=int(name[1])))
        elif name == "table" and not open_tables:
            flush(quote)
            items.append(Table(child))
        elif name in ("table", "tbody", "thead", "tr", "td", "th"):
            flush(quote)
            stack.append((iter(child.children), bold, struck, quote, partial(flush, quote)))
        elif name in BLOCK_TAGS:
            q = quote or name == "blockquote"
            flush(q)
            stack.append((iter(child.children), bold, struck, q, partial(flush, quote)))
        elif name == "img":
            cur.has_img = True  # alt text of a photo is not page text
        else:
            href = child.get("href") if name == "a" else None
            if isinstance(href, str) and href:  # bs4 types any attribute as maybe multi-valued
                cur.links.append((collapse(child.get_text(" ")), href))
            stack.append(
                (iter(child.children), bold or name in BOLD_TAGS, struck or name in STRIKE_TAGS, quote, None)
            )

    flush(False)
    return items


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def cell_lines(cell: Tag) -> list[Line]:
    # A heading inside a cell ("<td><h4>Title</h4><ul><li>Speaker: ...") is one of its
    # lines, read as a wholly bold one, not lost.
    return [it if isinstance(it, Line) else Line(text=it.text, bold=it.text)
            for it in stream(cell, open_tables=True) if isinstance(it, (Line, Heading))]
