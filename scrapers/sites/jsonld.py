"""schema.org events embedded in a page: JSON-LD, microdata and RDFa.

CMSs (Drupal, WordPress "The Events Calendar", Localist, university event pages) embed each
event they show as a schema.org `Event` for search engines. The three syntaxes are read into
one node form (scrapers/formats: json_ld, microdata, schema_node), and events become talks in
formats/schema_event; this module holds what is true of such pages as a source: how to spot
them, and that one event printed in two syntaxes is one talk.

A block that is not JSON is skipped with a warning when the page has other events, and is the
page's one-line error when it does not (it was probably the event).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.record import Talk
from seminars.scrapers.formats.json_ld import read_json_ld
from seminars.scrapers.formats.microdata import microdata, rdfa
from seminars.scrapers.formats.schema_event import event_id, event_talk, events, merge_into
from seminars.scrapers.registry import register, warn

TZ = "UTC"  # a page's offsets are its own; a naive time without a source zone is read as UTC
MAX_EVENTS = 50_000  # a seminar page with more is not one: a one-line error, not a long wait

_LD_SCRIPT = re.compile(r"application/ld\+json", re.I)
_SNIFF = re.compile(
    r"""(?:["']@type["']\s*:\s*(?:\[[^\]]{0,200}?)?["'](?:schema:|https?://schema\.org/)?"""
    r"""(?:\w*Event|EventSeries|Festival|Hackathon|CourseInstance)["']"""
    r"""|item(?:type)\s*=\s*["']?https?://schema\.org/\w*Event\b"""
    r"""|typeof\s*=\s*["'][^"']{0,200}?\b(?:schema:)?\w*Event\b)""",
    re.I,
)

_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


class _Page:
    """Every schema.org node on one page, and the JSON-LD blocks that would not parse."""

    def __init__(self, text: str, base_url: str):
        self.base_url = base_url
        self.nodes: list[dict] = []
        self.broken: list[str] = []
        stripped = text.lstrip("\ufeff \t\r\n")
        if stripped[:1] in ("{", "["):  # a bare JSON-LD document (application/ld+json)
            self.nodes, self.broken = read_json_ld([(stripped, 1)])
            return
        try:
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
        except (etree.ParserError, ValueError):
            return
        if _LD_SCRIPT.search(text):
            blocks = [(s.text or "", s.sourceline or 0) for s in root.iter("script")
                      if _LD_SCRIPT.search(s.get("type") or "")]
            self.nodes, self.broken = read_json_ld(blocks)
        if "itemscope" in text or "itemScope" in text:
            self.nodes += microdata(root)
        if "typeof" in text:
            self.nodes += rdfa(root)


def _talks(page: _Page, ctx: ParseContext) -> list[Talk]:
    zone = ctx.zone(TZ)
    by_key: dict[tuple, Talk] = {}
    ids: dict[str, list[Talk]] = {}
    for node, series in events(page.nodes, MAX_EVENTS):
        talk = event_talk(node, series, ctx, zone)
        if talk is None:
            continue
        key = ((talk.title or "").casefold(), talk.date,
               tuple(sorted(s.name.casefold() for s in talk.speakers)))
        if key in by_key:
            merge_into(by_key[key], talk)
            continue
        by_key[key] = talk
        ident = event_id(node, page.base_url)
        if ident and ident != ctx.url:
            ids.setdefault(ident, []).append(talk)
    for ident, talks in ids.items():
        # The store keys a record on its event's own id only when that id names one event.
        if len(talks) == 1:
            talks[0].uid = ident
    return list(by_key.values())


def parse_events(text: str, ctx: ParseContext) -> tuple[list[Talk], list[str]]:
    """(talks, broken-block messages) of a page, without raising for broken blocks."""
    page = _Page(text, ctx.url)
    return _talks(page, ctx), page.broken


def has_events(text: str) -> int:
    """How many schema.org events a page carries (0 on any trouble): for `seminars add`."""
    if not _SNIFF.search(text):
        return 0
    try:
        return len(parse_events(text, ParseContext())[0])
    except Exception:  # a finder's question, never a crash
        return 0


def looks_like_events(text: str) -> bool:
    return bool(_SNIFF.search(text)) and has_events(text) > 0


@register(
    "jsonld",
    description="schema.org events embedded in a page (JSON-LD, microdata, RDFa)",
    timezone=TZ,
    sniff=looks_like_events,
)
def parse(text: str, ctx: ParseContext) -> list[Talk]:
    talks, broken = parse_events(text, ctx)
    if broken and not talks:
        raise ParseError(broken[0])
    for msg in broken:
        warn(f"{msg}; skipped (the page's other events were read)")
    return talks
