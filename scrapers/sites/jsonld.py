"""schema.org events embedded in a page: JSON-LD, microdata and RDFa.

CMSs (Drupal, WordPress "The Events Calendar", Localist, university event pages) embed each
event they show as a schema.org `Event` for search engines. The three syntaxes are read here
into one form, a node (`{"@type": [local names], "@id": str, prop: [values]}`, values being
strings or nodes), with lxml and json, not extruct: extruct would bring rdflib and pyRDFa for
RDFa (slow, and schema.org RDFa is RDFa Lite: `vocab`/`typeof`/`property`), and would not tell
where a broken JSON-LD block is. Keys and types lose their "schema:" / "https://schema.org/"
prefixes, so every producer's spelling reads alike.

A block that is not JSON is skipped with a warning when the page has other events, and is the
page's one-line error when it does not (it was probably the event).
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime
from urllib.parse import urljoin, urlparse, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree
from seminars.normalize.dates import parse_when
from seminars.normalize.names import clean_name, split_names
from seminars.normalize.text import clean_text, null_if_tbd
from seminars.scrapers.registry import register, warn

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.record import Speaker, Talk

TZ = "UTC"  # a page's offsets are its own; a naive time without a source zone is read as UTC
MAX_EVENTS = 50_000  # a seminar page with more is not one: a one-line error, not a long wait
_MAX_DEPTH = 40  # nodes nested deeper are not events anyone publishes

EVENT_TYPES = frozenset({
    "Event", "BusinessEvent", "ChildrensEvent", "ComedyEvent", "CourseInstance", "DanceEvent",
    "DeliveryEvent", "EducationEvent", "EventSeries", "ExhibitionEvent", "Festival", "FoodEvent",
    "Hackathon", "LiteraryEvent", "MusicEvent", "PublicationEvent", "SaleEvent",
    "ScreeningEvent", "SocialEvent", "SportsEvent", "TheaterEvent", "VisualArtsEvent",
    "OnDemandEvent", "BroadcastEvent",
})
_STATUS = {"EventCancelled": "cancelled", "EventPostponed": "postponed"}

_LD_SCRIPT = re.compile(r"application/ld\+json", re.I)
_SNIFF = re.compile(
    r"""(?:["']@type["']\s*:\s*(?:\[[^\]]{0,200}?)?["'](?:schema:|https?://schema\.org/)?"""
    r"""(?:\w*Event|EventSeries|Festival|Hackathon|CourseInstance)["']"""
    r"""|item(?:type)\s*=\s*["']?https?://schema\.org/\w*Event\b"""
    r"""|typeof\s*=\s*["'][^"']{0,200}?\b(?:schema:)?\w*Event\b)""",
    re.I,
)


# ---------------------------------------------------------------- page -> nodes


def _local(name: str) -> str:
    """'https://schema.org/startDate', 'schema:startDate' -> 'startDate'."""
    for sep in ("/", "#", ":"):
        i = name.rfind(sep)
        if i >= 0:
            name = name[i + 1:]
    return name.strip()


class _Page:
    """Every schema.org node on one page, and the JSON-LD blocks that would not parse."""

    def __init__(self, text: str, base_url: str):
        self.base_url = base_url
        self.nodes: list[dict] = []
        self.broken: list[str] = []
        stripped = text.lstrip("\ufeff \t\r\n")
        if stripped[:1] in ("{", "["):  # a bare JSON-LD document (application/ld+json)
            self._jsonld([(stripped, 1)])
            return
        try:
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
        except (etree.ParserError, ValueError):
            return
        if _LD_SCRIPT.search(text):
            blocks = [(s.text or "", s.sourceline or 0) for s in root.iter("script")
                      if _LD_SCRIPT.search(s.get("type") or "")]
            self._jsonld(blocks)
        if "itemscope" in text or "itemScope" in text:
            self.nodes += _microdata(root)
        if "typeof" in text:
            self.nodes += _rdfa(root)

    def _jsonld(self, blocks: list[tuple[str, int]]) -> None:
        docs = []
        for n, (raw, line) in enumerate(blocks, 1):
            body = _unwrap(raw)
            if not body:
                continue
            line += raw.count("\n", 0, raw.find(body))  # where the JSON itself starts
            try:
                docs.append(json.loads(body, strict=False))  # raw newlines in strings are common
            except json.JSONDecodeError as e:
                where = f"line {line + e.lineno - 1} of the page" if line else f"line {e.lineno}"
                self.broken.append(f"JSON-LD block {n} is not JSON: {e.msg} at {where}, "
                                   f"column {e.colno}")
            except RecursionError:
                self.broken.append(f"JSON-LD block {n} is nested too deeply to read")
        self.nodes += _LdReader(docs).nodes()


_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


def _unwrap(raw: str) -> str:
    # Old CMS templates wrap script bodies in <!-- --> or //<![CDATA[ ]]> for ancient browsers.
    return _WRAPPERS.sub("", raw.strip()).strip().rstrip(";")


class _LdReader:
    """JSON-LD documents -> nodes, with {"@id": ...} references to nodes elsewhere resolved
    (Yoast-style @graph pages name the performer once and point at it)."""

    def __init__(self, docs: list):
        self.docs = docs
        self.by_id: dict[str, dict] = {}
        self.done: dict[str, dict] = {}
        for doc in docs:
            self._index(doc, 0)

    def _index(self, obj, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(obj, list):
            for v in obj:
                self._index(v, depth + 1)
        elif isinstance(obj, dict):
            ident = obj.get("@id")
            if isinstance(ident, str) and len(obj) > 1:
                self.by_id.setdefault(ident, obj)
            for v in obj.values():
                if isinstance(v, (dict, list)):
                    self._index(v, depth + 1)

    def nodes(self) -> list[dict]:
        out: list[dict] = []
        for doc in self.docs:
            for v in doc if isinstance(doc, list) else [doc]:
                if isinstance(v, dict):
                    graph = v.get("@graph")
                    items = graph if isinstance(graph, list) else [graph] if graph else [v]
                    out += [n for n in (self._node(i, 0) for i in items) if isinstance(n, dict)]
        return out

    def _node(self, obj, depth: int):
        if depth > _MAX_DEPTH:
            return None
        if isinstance(obj, (str, int, float)) and not isinstance(obj, bool):
            return str(obj)
        if not isinstance(obj, dict):
            return None
        if "@value" in obj:
            return self._node(obj["@value"], depth + 1)
        ident = obj.get("@id")
        if isinstance(ident, str):
            if ident in self.done:
                return self.done[ident]
            if len(obj) == 1:
                target = self.by_id.get(ident)
                if target is None:
                    return ident  # a reference to something not on the page: its IRI
                obj = target
        node: dict = {"@type": [], "@id": ident if isinstance(ident, str) else None}
        if isinstance(ident, str):
            self.done[ident] = node  # before the values: a cycle ends at this node
        types = obj.get("@type") or []
        node["@type"] = [_local(t) for t in (types if isinstance(types, list) else [types])
                         if isinstance(t, str)]
        for key, raw in obj.items():
            if key.startswith("@"):
                continue
            vals = []
            for v in _flat_values(raw):
                n = self._node(v, depth + 1)
                if n is not None:
                    vals.append(n)
            if vals:
                node.setdefault(_local(key), []).extend(vals)
        return node


def _flat_values(raw) -> list:
    """A JSON-LD value as a flat list: arrays, nested arrays and @list/@set objects."""
    out: list = []
    stack = [raw]
    while stack:
        v = stack.pop()
        if isinstance(v, dict) and len(v) == 1 and ("@list" in v or "@set" in v):
            v = v.get("@list", v.get("@set"))
        if isinstance(v, list):
            stack += reversed(v)
        else:
            out.append(v)
    return out


def _elements(root):
    for el in root.iter():
        if isinstance(el.tag, str):
            yield el


def _microdata(root) -> list[dict]:
    tops = [el for el in _elements(root)
            if el.get("itemscope") is not None and el.get("itemprop") is None]
    return [_scoped_node(el, "itemscope", "itemprop", "itemtype", root) for el in tops]


def _rdfa(root) -> list[dict]:
    tops = []
    for el in _elements(root):
        if el.get("typeof") is not None and el.get("property") is None:
            anc = el.getparent()
            while anc is not None and anc.get("typeof") is None:
                anc = anc.getparent()
            if anc is None:
                tops.append(el)
    return [_scoped_node(el, "typeof", "property", "typeof", root) for el in tops]


def _scoped_node(el, scope: str, prop: str, typ: str, root) -> dict:
    """One microdata item (itemscope/itemprop/itemtype) or RDFa resource (typeof/property):
    the properties below it, not crossing into nested items, which become values."""
    node: dict = {"@type": [_local(t) for t in (el.get(typ) or "").split()],
                  "@id": el.get("itemid") or el.get("resource") or el.get("about")}
    # Candidates in document order (popped from the end); microdata's itemref adds elements
    # kept elsewhere on the page by id, read after the item's own. (No visited set: lxml's
    # element proxies are made anew, so their id() is reused; a tree has no cycles anyway.)
    stack = [(target, 1) for ref in reversed((el.get("itemref") or "").split())
             if scope == "itemscope" and (target := root.get_element_by_id(ref, None)) is not None]
    stack += [(c, 1) for c in reversed(el)]
    while stack:
        child, depth = stack.pop()
        if not isinstance(child.tag, str) or child is el or depth > _MAX_DEPTH:
            continue
        names = child.get(prop)
        nested = child.get(scope) is not None
        if names:
            value = (_scoped_node(child, scope, prop, typ, root) if nested
                     else _element_value(child, names))
            for name in names.split():
                node.setdefault(_local(name), []).append(value)
        if not nested:
            stack += [(c, depth + 1) for c in reversed(child)]
    return node


_URL_ATTR = {"a": "href", "link": "href", "area": "href", "img": "src", "audio": "src",
             "video": "src", "source": "src", "iframe": "src", "embed": "src", "object": "data"}


def _element_value(el, names: str) -> str:
    content = el.get("content")
    if content is not None:
        return content
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag == "time" and el.get("datetime"):
        return el.get("datetime")
    if tag in ("data", "meter") and el.get("value") is not None:
        return el.get("value")
    attr = _URL_ATTR.get(tag)
    link = (el.get(attr) if attr else None) or el.get("resource") or el.get("href")
    if link is None:
        return _text_with_breaks(el)
    # Microdata and RDFa both make a link's URL the value; pages also write
    # <a itemprop="name" href="/event/1">Title</a>, where the text is what is meant.
    if tag in ("link", "img") or any(_local(n) in _LINK_PROPS for n in names.split()):
        return link
    text = _text_with_breaks(el)
    return text if text.strip() else link


_LINK_PROPS = frozenset({"url", "sameAs", "image", "logo", "eventStatus", "eventAttendanceMode",
                         "item", "@id"})


_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


def _text_with_breaks(el) -> str:
    """An element's text, with a line break where a block or <br> was (descriptions keep
    their labelled lines apart)."""
    parts: list[str] = [el.text or ""]
    stack = [(c, False) for c in reversed(el)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(node.tail or "")
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        stack.append((node, True))
        if tag in _BREAKS:
            parts.append("\n")
        if tag and tag not in ("script", "style"):
            parts.append(node.text or "")
            stack += [(c, False) for c in reversed(node)]
    return "".join(parts)


# ---------------------------------------------------------------- nodes -> events


def _is_event(node) -> bool:
    return isinstance(node, dict) and any(t in EVENT_TYPES for t in node["@type"])


def _events(nodes: list[dict]) -> list[tuple[dict, str | None]]:
    """(event node, series name) for every talk-level event. A series, an event with
    sub-events, or one that others name as their superEvent is not a talk itself: it names
    its sub-events' series (whichever order a @graph lists them in)."""
    found: list[dict] = []
    series_of: dict[int, str | None] = {}
    containers: set[int] = set()
    seen: set[int] = set()
    stack = [(n, 0) for n in reversed(nodes)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > _MAX_DEPTH:
            continue
        seen.add(id(node))
        if _is_event(node):
            subs = [v for key in ("subEvent", "subEvents") for v in node.get(key, []) if _is_event(v)]
            name = _text(_first(node, "name"))
            for sup in node.get("superEvent", []):
                if isinstance(sup, dict):
                    containers.add(id(sup))
            if subs or "EventSeries" in node["@type"]:
                containers.add(id(node))
            for sub in subs:
                series_of.setdefault(id(sub), name)
            found.append(node)
            if len(found) > MAX_EVENTS:
                raise ParseError(f"more than {MAX_EVENTS:,} events on one page: not a seminar page")
            stack += [(v, depth + 1) for v in reversed(subs)]
            continue  # an event's other values (performer, location) hold no talks
        for key, vals in node.items():
            if not key.startswith("@"):
                stack += [(v, depth + 1) for v in reversed(vals) if isinstance(v, dict)]
    return [(n, series_of.get(id(n))) for n in found if id(n) not in containers]


def _first(node, key: str):
    if not isinstance(node, dict):
        return None
    vals = node.get(key)
    return vals[0] if vals else None


def _text(value) -> str | None:
    """A value as text: a string, or a node's name (or its literal, or its IRI)."""
    if isinstance(value, dict):
        name = _first(value, "name")
        if name is None and (value.get("givenName") or value.get("familyName")):
            name = " ".join(filter(None, (_text(_first(value, "givenName")),
                                          _text(_first(value, "familyName")))))
        return _text(name) if name is not None else None
    return clean_text(value) if isinstance(value, str) else None


# ---------------------------------------------------------------- event -> talk


def _people(values: list) -> list[Speaker]:
    out = []
    for v in values:
        if isinstance(v, dict):
            if "Organization" in v["@type"] or any(t.endswith("Organization") for t in v["@type"]):
                continue  # a department "performing" is not a speaker
            name = _text(v)
            if not name:
                continue
            affil = [a for key in ("affiliation", "worksFor", "memberOf")
                     for a in (_org_name(x) for x in v.get(key, [])) if a]
            url = _text(_first(v, "url"))
            bio = _text(_first(v, "description"))
            for n in split_names(name) or [name]:
                out.append(Speaker(n, "; ".join(dict.fromkeys(affil)) or None, url, bio))
        elif isinstance(v, str) and _local(v) not in _TYPE_NAMES:
            # The Events Calendar has printed "performer": "Organization", a type, not a name.
            out += _speakers_from_text(v)
    return out


_TYPE_NAMES = {"Person", "Organization", "Thing", "PerformingGroup"}


_PAREN_AFFIL = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def _speakers_from_text(s: str, comma_affiliation: bool = False) -> list[Speaker]:
    """'Jane Doe (MIT)', 'A and B' -> speakers; with `comma_affiliation` (a labelled line in a
    description), 'Jane Doe, University of X' too."""
    s = clean_text(s) or ""
    m = _PAREN_AFFIL.match(s)
    if m and m[1]:
        return [Speaker(n, m[2].strip()) for n in split_names(m[1])]
    if comma_affiliation and "," in s and " and " not in s and "&" not in s:
        name, affil = s.split(",", 1)
        if len(name.split()) >= 2:
            return [Speaker(n, affil.strip() or None) for n in split_names(name)]
    return [Speaker(n) for n in split_names(s)]


def _org_name(v) -> str | None:
    if isinstance(v, dict):
        name = _text(v)
        parent = _text(_first(v, "parentOrganization"))
        if name and parent and parent.casefold() not in name.casefold():
            return f"{name}, {parent}"
        return name or parent
    return clean_text(v) if isinstance(v, str) else None


def _location(values: list, status_local: str) -> str | None:
    places, online = [], []
    for v in values:
        if isinstance(v, str):
            text = clean_text(v)
            if text and re.match(r"https?://", text):
                online.append("Online")
            elif text:
                places.append(text)
        elif isinstance(v, dict):
            if "VirtualLocation" in v["@type"]:
                online.append(_text(v) or "Online")
            else:
                text = _place(v)
                if text:
                    places.append(text)
    if status_local == "EventMovedOnline":
        places, online = [], online or ["Online"]  # the room printed is no longer where it is
    out = list(dict.fromkeys(places + online))
    return "; ".join(out) or None


def _place(v: dict) -> str | None:
    parts = [_text(v)]
    addr = _first(v, "address")
    if isinstance(addr, dict):
        street = _text(_first(addr, "streetAddress"))
        city = _text(_first(addr, "addressLocality"))
        region = _text(_first(addr, "addressRegion"))
        code = _text(_first(addr, "postalCode"))
        parts.append(street)
        if region:  # North American order: "City, ST 12345"
            parts += [city, " ".join(filter(None, (region, code)))]
        else:  # European order: "12345 City"
            parts.append(" ".join(filter(None, (code, city))))
    elif isinstance(addr, str):
        parts.append(clean_text(addr))
    out: list[str] = []
    for p in parts:
        if p and not any(p.casefold() in q.casefold() for q in out):
            out.append(p)
    return ", ".join(out) or None


def _when(value, zone: str, convert: bool) -> tuple[str | None, str | None]:
    """(date, datetime) ISO strings from a startDate/endDate value; a date-only value has no
    time. A naive time is read in `zone`; an offset one is moved into it when `convert`."""
    s = _text(value)
    if not s:
        return None, None
    try:
        if len(s) == 10:
            return date.fromisoformat(s).isoformat(), None
        dt = datetime.fromisoformat(s)
    except ValueError:
        d, start, _ = parse_when(s, zone)  # "March 5, 2024 4:00 pm" from hand-made markup
        return d, start
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(zone))
    elif convert:
        dt = dt.astimezone(ZoneInfo(zone))
    dt = dt.replace(microsecond=0)
    return dt.date().isoformat(), dt.isoformat()


_TYPE_WORDS = (r"\w*seminars?|colloqui(?:um|a)|lectures?|talks?|lunch|series|workshops?"
               r"|symposium|tutorials?|forum|defen[cs]e|webinars?|club|meeting|keynote|masterclass"
               r"|\w*kolloquium|\w*vortrag|\w*vorlesung|séminaire|colloque|conférence|seminario"
               r"|coloquio")
_TYPE_ONLY = re.compile(rf"^(?:[\w.&'/-]+\s+){{0,4}}(?:{_TYPE_WORDS})(?:\s+(?:series|\d+))?$", re.I)
_NAME_SEP = re.compile(r"(:\s+|\s+[|–—-]\s+|\s+[–—]|[–—]\s+)")
_OFFICE = re.compile(
    r"\b(events?|department|dept|office|center|centre|group|committee|lab|laboratory|school"
    r"|institute|program|programme|seminars?|colloqui(?:um|a)|team|calendar|news|admin\w*)\b",
    re.I,
)
_NON_TALK = re.compile(r"^\W*no\s+(?:seminar|colloquium|talk|lecture|meeting)s?\b", re.I)


def _title_and_type(name: str | None, speakers: list[Speaker], series: str | None):
    """'Colloquium: Title' -> (Title, 'Colloquium'); 'Jane Doe - Physics Colloquium' with Jane
    Doe performing -> (None, 'Physics Colloquium'): the name only says who and which series."""
    if not name:
        return None, None
    segs = _NAME_SEP.split(name[:1000])
    texts, seps = segs[0::2], segs[1::2]
    talk_type = None
    who = {(clean_name(s.name) or "").casefold() for s in speakers}

    def kind(seg: str) -> str | None:
        seg = seg.strip()
        if series and seg.casefold() == series.casefold():
            return "series"
        if _TYPE_ONLY.match(seg):
            return "type"
        bare = _PAREN_AFFIL.match(seg)
        names = split_names(bare[1] if bare and bare[1] else seg)
        if who and names and all(n.casefold() in who for n in names):
            return "speaker"
        return None

    while len(texts) > 1:
        k = kind(texts[0])
        if k:
            seg = texts.pop(0)
            seps.pop(0)
        elif k := kind(texts[-1]):
            seg = texts.pop()
            seps.pop()
        else:
            break
        if k == "type" and talk_type is None:
            talk_type = clean_text(seg)
    rest = kind(texts[0])
    if rest == "speaker" or (rest in ("type", "series") and len(segs) == 1):
        # Only who speaks, or only the series' name: no title is stated.
        return None, talk_type or (clean_text(texts[0]) if rest == "type" else None)
    title = texts[0] + "".join(sep + t for sep, t in zip(seps, texts[1:], strict=True))
    return clean_text(title), talk_type


_DESC_LABEL = re.compile(
    r"^\s*(speakers?|presenters?|presented by|hosts?|hosted by|title|abstract)\s*[:\-–—]\s*(.*)$", re.I
)
_BLOCK_END = re.compile(r"</(?:p|div|li|h\d)\s*>|<br\s*/?>", re.I)


def _description(value) -> tuple[list[Speaker], str | None, str | None, str | None]:
    """(speakers, host, title, abstract) from a description: CMS event pages without `performer`
    put "Speaker: Name, Affiliation", "Title: ..." and "Host: ..." lines above the abstract."""
    if not isinstance(value, str):
        return [], None, None, _text(value)
    if "&lt;" in value:  # HTML escaped once more by the template (The Events Calendar)
        value = html.unescape(value)
    lines = _BLOCK_END.sub("\n", value).split("\n")
    speakers: list[Speaker] = []
    host = title = None
    rest: list[str] = []
    for line in lines:
        text = clean_text(line) or ""
        m = _DESC_LABEL.match(text)
        label = m[1].casefold() if m else ""
        if label.startswith(("speaker", "presenter", "presented")) and not speakers and m[2]:
            speakers = _speakers_from_text(m[2], comma_affiliation=True)
        elif label.startswith("host") and host is None and m[2]:
            host = m[2]
        elif label == "title" and title is None and m[2]:
            title = m[2]
        else:
            rest.append(m[2] if label == "abstract" else text)
    return speakers, host, title, clean_text(" ".join(rest))


def _event_talk(node: dict, series: str | None, ctx: ParseContext, zone: str) -> Talk | None:
    name = _text(_first(node, "name"))
    if name and _NON_TALK.match(name):
        return None
    speakers = _people(node.get("performer", []) + node.get("performers", []))
    said, said_host, said_title, abstract = _description(_first(node, "description"))
    speakers = speakers or said
    series = _text(_first(node, "superEvent")) or series
    title, talk_type = _title_and_type(name, speakers, series)
    title = title or said_title
    convert = bool(ctx.timezone)
    day, start = _when(_first(node, "startDate"), zone, convert)
    end_day, end = _when(_first(node, "endDate"), zone, convert)
    if start is None or end_day != day:
        end = None  # a multi-day span or a date-only event states no end time for the talk
    status_local = _local(_text(_first(node, "eventStatus")) or "")
    # A labelled "Host:" line says more than `organizer`, which The Events Calendar types as
    # a Person even when it is an office ("Physics Events").
    hosts = [said_host] if said_host else [
        p.name for p in _people([v for v in node.get("organizer", []) if isinstance(v, dict)])
        if not _OFFICE.search(p.name)]
    if null_if_tbd(title) is None and not speakers:
        return None  # neither who nor what: a date held for a talk, not a talk
    return Talk(
        title=title,
        speakers=speakers,
        date=day,
        start=start,
        end=end,
        timezone=zone,
        location=_location(node.get("location", []), status_local),
        status=_STATUS.get(status_local, "scheduled"),
        abstract=abstract,
        host="; ".join(hosts) or None,
        talk_type=talk_type,
        series=series,
        institution=ctx.institution or _host(ctx.url),
        source_url=ctx.url,
    )


def _host(url: str) -> str:
    host = (urlparse(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _event_id(node: dict, base: str) -> str | None:
    ident = node.get("@id") or _text(_first(node, "url"))
    if not ident or ident.startswith("_:"):
        return None  # a blank node's label is made up anew on every render
    if not base or ident.startswith(("https://", "http://")):
        return ident  # urljoin was a third of a 10,000-event listing's parse
    if ident.startswith("/") and not ident.startswith("//") and "/../" not in ident:
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}{ident}"
    return urljoin(base, ident)


def _merge_into(a: Talk, b: Talk) -> None:
    """The same event in two syntaxes (JSON-LD and microdata) is one record."""
    for f in ("title", "date", "start", "end", "location", "abstract", "host", "talk_type",
              "series"):
        if getattr(a, f) is None and getattr(b, f) is not None:
            setattr(a, f, getattr(b, f))
    if not a.speakers:
        a.speakers = b.speakers
    if a.status == "scheduled":
        a.status = b.status


def _talks(page: _Page, ctx: ParseContext) -> list[Talk]:
    zone = ctx.zone(TZ)
    by_key: dict[tuple, Talk] = {}
    ids: dict[str, list[Talk]] = {}
    for node, series in _events(page.nodes):
        talk = _event_talk(node, series, ctx, zone)
        if talk is None:
            continue
        key = ((talk.title or "").casefold(), talk.date,
               tuple(sorted(s.name.casefold() for s in talk.speakers)))
        if key in by_key:
            _merge_into(by_key[key], talk)
            continue
        by_key[key] = talk
        ident = _event_id(node, page.base_url)
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
