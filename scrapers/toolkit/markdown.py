"""Markdown pages (Jekyll and its kin): YAML-ish front matter, and markdown rendered to HTML
with markdown-it so that the markdown source of a page and the HTML its generator serves
flatten alike (`scrapers.blocks.stream`)."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n---\s*\n", re.S)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    key = None
    for raw in m[1].splitlines():
        km = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", raw)
        if km:
            key = km[1].lower()
            meta[key] = km[2]
        elif key and raw.startswith((" ", "\t")):
            meta[key] += " " + raw.strip()
    return meta, text[m.end():]


_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


MAX_MD_LINE = 20_000  # longer than any paragraph a person writes on one line
_HELD = re.compile(r"seminarsheldline\d+x")


# kramdown's attribute lists ("{: .highlight }" over a paragraph, "{:target="_blank"}" after a
# link) style the page; commonmark would print them as text
_IAL = re.compile(r"\{:[^{}\n]{0,200}\}")


def strip_attribute_lists(text: str) -> str:
    return _IAL.sub("", text) if "{:" in text else text


def render_markdown(body: str) -> str:
    """markdown-it, except on lines longer than MAX_MD_LINE, which stay plain (escaped) text.

    markdown-it is pure Python and super-linear on some runs ("[(" or "*a " repeated: a
    1 MB line took 50 s); what such a line holds is cleaned as text later anyway.
    """
    body = strip_attribute_lists(body)
    lines = body.split("\n")
    if max(map(len, lines), default=0) <= MAX_MD_LINE:
        return _MD.render(body)
    held: dict[str, str] = {}
    for k, line in enumerate(lines):
        if len(line) > MAX_MD_LINE:
            text = line.lstrip()
            key = f"seminarsheldline{k}x"  # letters and digits: markdown leaves it as it is
            held[key] = html.escape(text, quote=False)
            lines[k] = line[: len(line) - len(text)] + key
    return _HELD.sub(lambda m: held.get(m[0], m[0]), _MD.render("\n".join(lines)))


def is_markdown(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    if head.startswith("---"):
        return True
    return not ("<html" in head or "<!doctype" in head or "<body" in head or "<main" in head)
