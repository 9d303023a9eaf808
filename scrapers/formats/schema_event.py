"""schema.org Event nodes (see schema_node) -> talk records: which events are talks (not
series or containers), and each one's speakers, title, type, time, place, host and status."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from urllib.parse import urljoin, urlparse, urlsplit
from zoneinfo import ZoneInfo

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.normalize.dates import parse_when
from seminars.normalize.names import clean_name, split_names
from seminars.normalize.text import clean_text, null_if_tbd
from seminars.record import Speaker, Talk
from seminars.scrapers.formats.schema_node import MAX_DEPTH, first, local_name, node_text

EVENT_TYPES = frozenset({
    "Event", "BusinessEvent", "ChildrensEvent", "ComedyEvent", "CourseInstance", "DanceEvent",
    "DeliveryEvent", "EducationEvent", "EventSeries", "ExhibitionEvent", "Festival", "FoodEvent",
    "Hackathon", "LiteraryEvent", "MusicEvent", "PublicationEvent", "SaleEvent",
    "ScreeningEvent", "SocialEvent", "SportsEvent", "TheaterEvent", "VisualArtsEvent",
    "OnDemandEvent", "BroadcastEvent",
})
_STATUS = {"EventCancelled": "cancelled", "EventPostponed": "postponed"}


def _is_event(node) -> bool:
    return isinstance(node, dict) and any(t in EVENT_TYPES for t in node["@type"])


def events(nodes: list[dict], max_events: int) -> list[tuple[dict, str | None]]:
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
        if id(node) in seen or depth > MAX_DEPTH:
            continue
        seen.add(id(node))
        if _is_event(node):
            subs = [v for key in ("subEvent", "subEvents") for v in node.get(key, []) if _is_event(v)]
            name = node_text(first(node, "name"))
            for sup in node.get("superEvent", []):
                if isinstance(sup, dict):
                    containers.add(id(sup))
            if subs or "EventSeries" in node["@type"]:
                containers.add(id(node))
            for sub in subs:
                series_of.setdefault(id(sub), name)
            found.append(node)
            if len(found) > max_events:
                raise ParseError(f"more than {max_events:,} events on one page: not a seminar page")
            stack += [(v, depth + 1) for v in reversed(subs)]
            continue  # an event's other values (performer, location) hold no talks
        for key, vals in node.items():
            if not key.startswith("@"):
                stack += [(v, depth + 1) for v in reversed(vals) if isinstance(v, dict)]
    return [(n, series_of.get(id(n))) for n in found if id(n) not in containers]


def _people(values: list) -> list[Speaker]:
    out = []
    for v in values:
        if isinstance(v, dict):
            if "Organization" in v["@type"] or any(t.endswith("Organization") for t in v["@type"]):
                continue  # a department "performing" is not a speaker
            name = node_text(v)
            if not name:
                continue
            affil = [a for key in ("affiliation", "worksFor", "memberOf")
                     for a in (_org_name(x) for x in v.get(key, [])) if a]
            url = node_text(first(v, "url"))
            bio = node_text(first(v, "description"))
            for n in split_names(name) or [name]:
                out.append(Speaker(n, "; ".join(dict.fromkeys(affil)) or None, url, bio))
        elif isinstance(v, str) and local_name(v) not in _TYPE_NAMES:
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
        name = node_text(v)
        parent = node_text(first(v, "parentOrganization"))
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
                online.append(node_text(v) or "Online")
            else:
                text = _place(v)
                if text:
                    places.append(text)
    if status_local == "EventMovedOnline":
        places, online = [], online or ["Online"]  # the room printed is no longer where it is
    out = list(dict.fromkeys(places + online))
    return "; ".join(out) or None


def _place(v: dict) -> str | None:
    parts = [node_text(v)]
    addr = first(v, "address")
    if isinstance(addr, dict):
        street = node_text(first(addr, "streetAddress"))
        city = node_text(first(addr, "addressLocality"))
        region = node_text(first(addr, "addressRegion"))
        code = node_text(first(addr, "postalCode"))
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
    s = node_text(value)
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
        return [], None, None, node_text(value)
    if "&lt;" in value:  # HTML escaped once more by the template (The Events Calendar)
        value = html.unescape(value)
    lines = _BLOCK_END.sub("\n", value).split("\n")
    speakers: list[Speaker] = []
    host = title = None
    rest: list[str] = []
    for line in lines:
        text = clean_text(line) or ""
        m = _DESC_LABEL.match(text)
        label, value = (m[1].casefold(), m[2]) if m else ("", "")
        if label.startswith(("speaker", "presenter", "presented")) and not speakers and value:
            speakers = _speakers_from_text(value, comma_affiliation=True)
        elif label.startswith("host") and host is None and value:
            host = value
        elif label == "title" and title is None and value:
            title = value
        else:
            rest.append(value if label == "abstract" else text)
    return speakers, host, title, clean_text(" ".join(rest))


def event_talk(node: dict, series: str | None, ctx: ParseContext, zone: str) -> Talk | None:
    name = node_text(first(node, "name"))
    if name and _NON_TALK.match(name):
        return None
    # `speaker` is no schema.org Event property, but CMS exports (TYPO3) print it for talks
    speakers = _people(node.get("performer", []) + node.get("performers", [])) \
        or _people(node.get("speaker", []) + node.get("speakers", []))
    said, said_host, said_title, abstract = _description(first(node, "description"))
    speakers = speakers or said
    series = node_text(first(node, "superEvent")) or series
    title, talk_type = _title_and_type(name, speakers, series)
    title = title or said_title
    convert = bool(ctx.timezone)
    day, start = _when(first(node, "startDate"), zone, convert)
    end_day, end = _when(first(node, "endDate"), zone, convert)
    if start is None or end_day != day:
        end = None  # a multi-day span or a date-only event states no end time for the talk
    status_local = local_name(node_text(first(node, "eventStatus")) or "")
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


def event_id(node: dict, base: str) -> str | None:
    ident = node.get("@id") or node_text(first(node, "url"))
    if not ident or ident.startswith("_:"):
        return None  # a blank node's label is made up anew on every render
    if not base or ident.startswith(("https://", "http://")):
        return ident  # urljoin was a third of a 10,000-event listing's parse
    if ident.startswith("/") and not ident.startswith("//") and "/../" not in ident:
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}{ident}"
    return urljoin(base, ident)


def merge_into(a: Talk, b: Talk) -> None:
    """The same event in two syntaxes (JSON-LD and microdata) is one record."""
    for f in ("title", "date", "start", "end", "location", "abstract", "host", "talk_type",
              "series"):
        if getattr(a, f) is None and getattr(b, f) is not None:
            setattr(a, f, getattr(b, f))
    if not a.speakers:
        a.speakers = b.speakers
    if a.status == "scheduled":
        a.status = b.status
