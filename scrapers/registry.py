"""Site parsers, registered by name.

A site is one module in ``scrapers/sites/`` that decorates its parse function::

    @register("cnls", description="LANL CNLS talk pages", timezone="America/Denver",
              institution="LANL", url_pattern=r"cnls(-www)?\\.lanl\\.gov",
              sniff=looks_like_cnls, links=listing_links)
    def parse(text: str, ctx: ParseContext) -> list[Talk]: ...

A parser is a pure function of (page text, context): no network, no store. The context
(`seminars.context.ParseContext`) carries the URL, the source's time zone, institution and
series, and its other config keys. Every module in ``scrapers/sites`` is imported on first
use, so a new site needs no other edit.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from seminars.context import ParseContext
from seminars.errors import ParseError, UnknownSiteError
from seminars.record import Talk

ParseFn = Callable[[str, ParseContext], list[Talk]]
LinksFn = Callable[[str, str], list[str]]
SniffFn = Callable[[str], bool]


@dataclass(frozen=True)
class Site:
    name: str
    description: str
    parse: ParseFn
    timezone: str
    institution: str = ""
    url_pattern: re.Pattern[str] | None = None
    sniff: SniffFn | None = None
    links: LinksFn | None = None
    fallback: bool = False  # tried by `auto` only after every other site declined the page

    def matches_url(self, url: str) -> bool:
        return bool(self.url_pattern and url and self.url_pattern.search(url))


@dataclass
class ParseResult:
    site: str
    talks: list[Talk]
    links: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_SITES: dict[str, Site] = {}
_loaded = False
# Problems a parser got past (one broken block among good ones): they reach ParseResult.warnings
# without the parser's signature changing.
_WARNINGS: ContextVar[list[str] | None] = ContextVar("parse_warnings", default=None)


def warn(message: str) -> None:
    """From inside a parser: a one-line note on a page it could still parse."""
    sink = _WARNINGS.get()
    if sink is not None:
        sink.append(message)


def register(
    name: str,
    *,
    description: str,
    timezone: str,
    institution: str = "",
    url_pattern: str | None = None,
    sniff: SniffFn | None = None,
    links: LinksFn | None = None,
    fallback: bool = False,
) -> Callable[[ParseFn], ParseFn]:
    """Register ``fn`` as the parser of site ``name``."""

    def deco(fn: ParseFn) -> ParseFn:
        if name in _SITES and _SITES[name].parse is not fn:
            raise ValueError(f"site {name!r} is registered twice")
        _SITES[name] = Site(
            name=name,
            description=description,
            parse=fn,
            timezone=timezone,
            institution=institution,
            url_pattern=re.compile(url_pattern, re.I) if url_pattern else None,
            sniff=sniff,
            links=links,
            fallback=fallback,
        )
        return fn

    return deco


def _load() -> None:
    global _loaded
    if _loaded:
        return
    from seminars.scrapers import sites as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{mod.name}")
    _loaded = True


def all_sites() -> list[Site]:
    _load()
    return [_SITES[k] for k in sorted(_SITES)]


def get_site(name: str) -> Site:
    _load()
    try:
        return _SITES[name]
    except KeyError:
        known = ", ".join(sorted(_SITES)) or "none"
        raise UnknownSiteError(f"unknown site {name!r} (registered: {known})") from None


def detect_site(text: str, url: str = "") -> Site:
    """Pick a site for a page: the URL first, then the content."""
    _load()
    by_url = [s for s in _SITES.values() if s.matches_url(url)]
    if len(by_url) == 1:
        return by_url[0]
    candidates = by_url or list(_SITES.values())
    sniffed = [s for s in candidates if s.sniff and s.sniff(text) and not s.fallback]
    if len(sniffed) >= 1:
        return sorted(sniffed, key=lambda s: s.name)[0]
    # Parsers of any page (generic) come last: a registered or structured-data site wins.
    fallbacks = sorted((s for s in _SITES.values() if s.fallback), key=lambda s: s.name)
    if fallbacks:
        return fallbacks[0]
    raise UnknownSiteError(
        "no registered site parser recognises this page; pass --site NAME (see `seminars sites`)"
    )


def check_text(text: str | bytes, what: str = "page", content_type: str | None = None) -> str:
    """Reject input that is not a text page, with a one-line reason.

    Bytes are decoded by their declared or detected charset (`decode.page_text`); NUL bytes
    are judged after that, as UTF-16 text is full of them.
    """
    if isinstance(text, bytes):
        from seminars.scrapers.decode import page_text

        text = page_text(text, content_type)
    if not text.strip():
        raise ParseError(f"{what} is empty")
    if "\x00" in text[:8192]:
        raise ParseError(f"{what} looks binary, not a web page")
    sample = text[:8192]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\r\n\f"))
    if bad > max(8, len(sample) // 20):
        raise ParseError(f"{what} looks binary, not a web page")
    return text


def parse_page(text: str | bytes, url: str = "", site: str = "auto",
               content_type: str | None = None, *, ctx: ParseContext | None = None) -> ParseResult:
    """Parse one page into normalized talks. Raises ParseError on unusable input.

    `content_type` is the HTTP header the bytes came with (its charset wins over the page's).
    `ctx` carries what the source says (zone, institution, series...); url and content_type
    fill it when it is not given.
    """
    from seminars.normalize.chain import normalize_talk

    if ctx is None:
        ctx = ParseContext(url=url, content_type=content_type)
    text = check_text(text, content_type=ctx.content_type)
    chosen = detect_site(text, ctx.url) if site in ("", "auto", None) else get_site(site)
    noted: list[str] = []
    token = _WARNINGS.set(noted)
    try:
        raw = chosen.parse(text, ctx)
        talks = [normalize_talk(_with_source_keys(t, ctx)) for t in raw]
        links = chosen.links(text, ctx.url) if chosen.links else []
    except ParseError:
        raise
    except Exception as e:  # a parser bug on odd input must not become a traceback
        raise ParseError(f"the {chosen.name} parser failed on this page: {type(e).__name__}: {e}") from e
    finally:
        _WARNINGS.reset(token)
    warnings = noted
    if not talks and not links:
        warnings.append(f"no talks found on this page by the {chosen.name} parser")
    return ParseResult(site=chosen.name, talks=talks, links=links, warnings=warnings)


def _with_source_keys(t: Talk, ctx: ParseContext) -> Talk:
    """A source's `institution` and `series` override what the parser put there."""
    changes = {}
    if ctx.institution and t.institution != ctx.institution:
        changes["institution"] = ctx.institution
    if ctx.series and t.series != ctx.series:
        changes["series"] = ctx.series
    return t.replace(**changes) if changes else t
