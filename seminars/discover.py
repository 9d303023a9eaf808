"""What a seminar page offers as a source: `discover(url)` -> ranked offers.

An offer is a way to crawl the page's talks: the site parser to use, the URL to crawl with it
(a linked calendar feed or Indico's export API may be better than the page itself), how it
was found, the talks it yields now (the preview), and the zone and institution to configure.
Ranked best first: a registered site parser (cnls, ornl, ...) > a calendar feed linked from
the page > Indico's export API > schema.org events on the page > the generic parser. A kind
whose parser is not registered is skipped, so discovery grows as parsers land.

Every request goes through the polite fetcher (robots.txt, size caps, redirect rules).
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from seminars.context import ParseContext
from seminars.errors import FetchError, ParseError
from seminars.record import Talk
from seminars.scrapers.fetch import CrawlSettings, Fetcher, FetchRequest, FetchResult
from seminars.scrapers.registry import Site, all_sites, check_text, get_site, parse_page

# Registered sites that read a kind of data rather than one institution's pages.
GENERAL_KINDS = ("ical", "indico", "jsonld", "generic", "auto")
MAX_FEEDS = 3  # feeds fetched from one page; a page linking dozens is a calendar index

Fetch = Callable[[str], FetchResult]


@dataclass
class Offer:
    site: str
    url: str  # what the source crawls
    found: str  # how it was found, for the user
    talks: list[Talk]
    timezone: str | None  # None: not known from the data
    institution: str
    warnings: list[str] = field(default_factory=list)
    links: int = 0  # talk pages a listing links to (the crawl follows them)


class PoliteFetch:
    """A Fetcher kept across calls, so robots.txt and per-host spacing hold for one `add`."""

    def __init__(self, settings: CrawlSettings | None = None):
        self._runner = asyncio.Runner()
        self._fetcher = Fetcher(settings or CrawlSettings())

    def __call__(self, url: str) -> FetchResult:
        return self._runner.run(self._fetcher.fetch(FetchRequest(url)))

    def close(self) -> None:
        self._runner.run(self._fetcher.aclose())
        self._runner.close()

    def __enter__(self) -> PoliteFetch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def discover(url: str, fetch: Fetch | None = None, *, site: str | None = None,
             timezone: str | None = None, institution: str | None = None) -> list[Offer]:
    """The offers of the page at `url`, best first; FetchError when the page cannot be had,
    ParseError when it is not a text page or no parser finds anything usable on it.

    `site` forces one parser on the page itself; `timezone`/`institution` are what the user
    said, and win over what the data suggests.
    """
    if fetch is None:
        with PoliteFetch() as polite:
            return discover(url, polite, site=site, timezone=timezone, institution=institution)
    res = fetch(url)
    if not res.ok or res.body is None:
        raise FetchError(f"{url}: {res.error or 'could not be fetched'}", url=url, status=res.status)
    page_url = res.final_url or url
    text = check_text(res.body, what=url, content_type=res.content_type)
    probe = _Probe(timezone, institution, page_url)
    if site:
        offer = probe.parse(get_site(site), url, text, res.content_type, f"--site {site}")
        return [offer]

    offers: list[Offer] = []
    notes: list[str] = []  # why a kind gave nothing: said only when nothing is found
    remote: list[str] = []  # a linked feed or export that failed: always said
    own_kind = _own_kind(text, res.content_type)
    if own_kind:
        _try(offers, notes, probe, own_kind, url, text, res.content_type,
             f"the URL itself is {'a calendar feed' if own_kind == 'ical' else 'an Indico export'}")
    for s in _specific_sites(page_url, text):
        how = "the URL matches" if s.matches_url(page_url) else "the page looks like"
        _try(offers, notes, probe, s.name, url, text, res.content_type,
             f"{how} the {s.name} site parser")
    if not own_kind:
        html = _html_tree(text)
        for feed, how in _feed_links(html, page_url)[:MAX_FEEDS]:
            _try_remote(offers, remote, probe, "ical", feed, how, fetch)
        export = _indico_export(page_url, text)
        if export:
            _try_remote(offers, remote, probe, "indico", export, "an Indico page: its export API",
                        fetch)
        _try(offers, notes, probe, "jsonld", url, text, res.content_type,
             "schema.org events on the page")
        _try(offers, notes, probe, "generic", url, text, res.content_type,
             "the generic parser on the page")
    if not offers:
        why = "; ".join(remote + notes) or "no parser for this kind of page is registered"
        raise ParseError(f"{url}: no talks found ({why}); --site NAME adds it anyway")
    # A registered site's parser is authoritative for its pages even when they list nothing
    # today; otherwise what finds talks now beats what does not.
    offers.sort(key=lambda o: (not (o.talks or o.links or o.site not in GENERAL_KINDS),))
    for o in offers[:1]:
        o.warnings[:0] = remote
    return offers


class _Probe:
    def __init__(self, timezone: str | None, institution: str | None, page_url: str):
        self.timezone = timezone
        self.institution = institution
        self.page_url = page_url  # names the institution: a feed may live on a calendar host

    def parse(self, s: Site, url: str, text: str, content_type: str | None, how: str) -> Offer:
        ctx = ParseContext(url=url, timezone=self.timezone, institution=self.institution,
                           content_type=content_type)
        result = parse_page(text, site=s.name, ctx=ctx)
        zone = self.timezone or _zone_of(s, text, result.talks)
        inst = self.institution or _institution_of(s, result.talks, url, self.page_url)
        return Offer(site=s.name, url=url, found=how, talks=result.talks, timezone=zone,
                     institution=inst, warnings=list(result.warnings), links=len(result.links))


def _try(offers: list[Offer], notes: list[str], probe: _Probe, kind: str, url: str, text: str,
         content_type: str | None, how: str, remote: bool = False) -> None:
    try:
        s = get_site(kind)
    except ParseError:
        return  # not registered (yet): not an offer
    try:
        offer = probe.parse(s, url, text, content_type, how)
    except ParseError as e:
        notes.append(f"{kind}: {e}")
        return
    if offer.talks or offer.links or kind not in GENERAL_KINDS:
        offers.append(offer)
    else:
        notes.append(f"{kind}: no talks" + (f" in {url}" if remote else ""))


def _try_remote(offers: list[Offer], notes: list[str], probe: _Probe, kind: str, url: str,
                how: str, fetch: Fetch) -> None:
    try:
        get_site(kind)
    except ParseError:
        return
    res = fetch(url)
    if not res.ok or res.body is None:
        notes.append(f"{how} {url}: {res.error or 'could not be fetched'}")
        return
    try:
        text = check_text(res.body, what=url, content_type=res.content_type)
    except ParseError as e:
        notes.append(str(e))
        return
    _try(offers, notes, probe, kind, url, text, res.content_type, how, remote=True)


def _specific_sites(url: str, text: str) -> list[Site]:
    """Institution parsers that claim the page: by URL first, then by its look."""
    specific = [s for s in all_sites() if s.name not in GENERAL_KINDS]
    by_url = [s for s in specific if s.matches_url(url)]
    sniffed = [s for s in specific if s not in by_url and s.sniff and _sniffs(s, text)]
    return by_url + sniffed


def _sniffs(s: Site, text: str) -> bool:
    try:
        return s.sniff is not None and bool(s.sniff(text))
    except Exception:  # a sniffer's bug on an odd page only means "not mine"
        return False


def _own_kind(text: str, content_type: str | None) -> str | None:
    """The URL is itself a feed or an Indico export (someone pasted the feed's address)."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head[:15].upper() == "BEGIN:VCALENDAR" or "text/calendar" in (content_type or "").lower():
        return "ical"
    if head.startswith("{") and '"HTTPAPIResult"' in head:
        return "indico"
    return None


# ---------------------------------------------------------------- calendar feed links

_FEED_HREF = re.compile(r"(?:\.ics|\.ical|\.ifb)(?:$|[?#])|[?&](?:ical|ics)=1\b|[?&]format=ical\b",
                        re.I)


def _html_tree(text: str):
    import lxml.html
    from lxml import etree

    if "<" not in text[:100_000]:
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _feed_links(html, page_url: str) -> list[tuple[str, str]]:
    """Calendar feeds the page links to, best first: <link rel=alternate type=text/calendar>,
    then webcal: links, then links to .ics files. webcal:// is https://."""
    if html is None:
        return []
    found: list[tuple[int, str, str]] = []
    for el in html.iter("link", "a"):
        href = (el.get("href") or "").strip()
        if not href:
            continue
        kind = (el.get("type") or "").lower()
        rel = (el.get("rel") or "").lower().split()
        if el.tag == "link" and "alternate" in rel and "calendar" in kind:
            rank, how = 0, "a calendar feed the page declares (<link rel=alternate>)"
        elif href.lower().startswith("webcal:"):
            rank, how = 1, "a webcal: link on the page"
        elif "calendar" in kind or _FEED_HREF.search(href):
            rank, how = 2, "an iCalendar link on the page"
        else:
            continue
        feed = _feed_url(href, page_url)
        if feed:
            found.append((rank, feed, how))
    seen: set[str] = set()
    out = []
    for _, feed, how in sorted(found, key=lambda f: f[0]):
        if feed not in seen:
            seen.add(feed)
            out.append((feed, how))
    return out


def _feed_url(href: str, page_url: str) -> str | None:
    webcal = href.lower().startswith("webcal:")
    if webcal:
        rest = href[len("webcal:"):]
        href = "https:" + rest if rest.startswith("//") else rest
    url = urljoin(page_url, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    if webcal and urlsplit(page_url).scheme == "http" and parts.hostname == urlsplit(page_url).hostname:
        # webcal names no scheme; a plain-http site serves its own feed over http
        url = urlunsplit(("http", *parts[1:]))
    return urlunsplit(urlsplit(url)._replace(fragment=""))


# ---------------------------------------------------------------- Indico

_INDICO_PATH = re.compile(r"^(?P<prefix>.*?)/(?P<what>event|category)/(?P<id>\d+)(?:/|$)")
_INDICO_LEGACY = re.compile(r"(?:conferenceDisplay\.py\?confId|categoryDisplay\.py\?categId)=(\d+)")
_INDICO_PAGE = re.compile(
    r"""<meta[^>]+content=["']?indico|powered\s+by\s+(?:<[^>]*>\s*)*indico|/assets/indico|indico-ui""",
    re.I)


def _indico_export(url: str, text: str) -> str | None:
    """The export API URL of an Indico event or category page, or None when it is not one."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if "indico" not in host and not _INDICO_PAGE.search(text[:500_000]):
        return None
    m = _INDICO_PATH.match(parts.path)
    if m:
        what = "event" if m["what"] == "event" else "categ"
        prefix, ident = m["prefix"], m["id"]
    else:
        legacy = _INDICO_LEGACY.search(url)
        if not legacy:
            return None
        what = "event" if "confId" in url else "categ"
        prefix, ident = parts.path.rsplit("/", 1)[0], legacy.group(1)
    query = "detail=contributions" if what == "event" else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{prefix}/export/{what}/{ident}.json", query, ""))


# ---------------------------------------------------------------- zone and institution

_X_WR_TZ = re.compile(r"^X-WR-TIMEZONE(?:;[^:\r\n]*)?:([^\r\n]+)", re.M | re.I)
_TZID = re.compile(r"^TZID(?:;[^:\r\n]*)?:([^\r\n]+)", re.M | re.I)


def _known_zone(name: str | None) -> str | None:
    from zoneinfo import ZoneInfo

    name = (name or "").strip().strip('"')
    if not name or "/" not in name:  # "UTC", "China Standard Time": not a venue's zone
        return None
    try:
        ZoneInfo(name)
    except Exception:
        return None
    return name


def _zone_of(s: Site, text: str, talks: list[Talk]) -> str | None:
    """The venue's zone when the data says it; None when it would only be a parser's guess."""
    if s.name not in GENERAL_KINDS:
        return s.timezone  # an institution's own parser knows its zone
    if s.name == "ical":
        for pattern in (_X_WR_TZ, _TZID):
            m = pattern.search(text)
            if m and _known_zone(m.group(1)):
                return _known_zone(m.group(1))
    zones = Counter(t.timezone for t in talks if _known_zone(t.timezone))
    if not zones:
        return None
    zone = zones.most_common(1)[0][0]
    # a zone the parser fills in by default, whatever the page said, is no evidence
    if s.name != "indico" and zone == s.timezone:
        return None
    return zone


def _institution_of(s: Site, talks: list[Talk], url: str, page_url: str) -> str:
    """The records' institution, unless it is only a parser's stand-in made from the host it
    read (a feed's host may be a calendar service); else the site's, else the page's host."""
    hosts = {(urlsplit(u).hostname or "").lower() for u in (url, page_url)}
    names = Counter(t.institution for t in talks if t.institution and t.institution.strip()
                    and not _from_host(t.institution, hosts))
    if names:
        return names.most_common(1)[0][0]
    return s.institution or institution_from_host(page_url)


def _from_host(name: str, hosts: set[str]) -> bool:
    name = name.strip().lower()
    return any(h == name or h.endswith("." + name) for h in hosts if h)


_SECOND_LEVEL = {"ac", "co", "edu", "gov", "org", "com", "net", "res", "govt"}


def institution_from_host(url: str) -> str:
    """A short institution name from the host: cnls.lanl.gov -> LANL, www.ox.ac.uk -> OX."""
    host = (urlsplit(url).hostname or "").lower()
    if not host or re.fullmatch(r"[\d.]+|[0-9a-f:]+", host) or "." not in host:
        return host or "unknown"
    labels = [x for x in host.split(".") if x and x != "www"]
    labels = labels[:-1]  # the top-level domain
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    name = labels[-1] if labels else host
    return name.upper() if len(name) <= 5 else name.capitalize()
