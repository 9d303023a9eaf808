"""iCalendar feeds (.ics, webcal://): one talk per event instance.

Times stay in the event's own zone (TZID, a Windows zone name mapped to IANA, X-WR-TIMEZONE
for floating and UTC times, else the source's zone, else UTC). Recurring events (RRULE,
RDATE, EXDATE, RECURRENCE-ID overrides) are expanded with recurring-ical-events inside the
source's `window` (default: a year either side of when the feed was seen); single events are
kept whatever their date, as a feed is also an archive. Speaker, affiliation, title and
series type come from SUMMARY patterns and from labelled DESCRIPTION lines
(`scrapers/sites/ical_text.py`).

Single events are read by a small content-line reader of our own: icalendar builds a typed
object per property and needs ~0.5 ms per event (10,000 events: 5 s). Only recurring events
and custom VTIMEZONEs go through icalendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import cast
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from seminars.scrapers.registry import register
from seminars.scrapers.sites.ical_text import talk_fields

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.record import Talk

MAX_EVENTS = 100_000  # VEVENTs in one feed: a feed this big is a dump, not a seminar calendar
MAX_INSTANCES = 100_000  # talks expanded from one feed
MAX_PER_SERIES = 10_000  # instances of one recurring event in the window (hourly for a year)
DEFAULT_WINDOW = "-365d..+365d"

_BEGIN = re.compile(r"^BEGIN:VEVENT\s*$", re.M | re.I)
_UNFOLD = re.compile(r"\r?\n[ \t]")
_ESCAPE = re.compile(r"\\(.)", re.S)
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
_RECURRING = frozenset(("RRULE", "RDATE", "RECURRENCE-ID", "EXRULE"))
_WANTED = frozenset(("UID", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION",
                     "URL", "STATUS", "RRULE"))
_READ = _WANTED | _RECURRING | {"BEGIN", "END"}
_NAME = re.compile(r"[^;:]*")
_SUB_DAILY = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600}
_REL = re.compile(r"^([+-]?)(\d{1,5})([dwy])$", re.I)
_DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.I)


def looks_like_ical(text: str) -> bool:
    return text[:4096].lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCALENDAR")


# ---------------------------------------------------------------- content lines


@dataclass
class Prop:
    value: str
    params: dict[str, str]


@dataclass
class Component:
    name: str
    props: dict[str, Prop]
    lines: list[str]  # the unfolded lines, BEGIN to END, for the icalendar path
    recurring: bool = False


def _split_line(line: str) -> tuple[str, dict[str, str], str] | None:
    """NAME;P=V;P="a:b":VALUE -> (NAME, params, VALUE); a ':' inside quotes is not the split."""
    if '"' not in line:
        colon = line.find(":")
        if colon <= 0:
            return None
        head, value = line[:colon], line[colon + 1:]
        parts = head.split(";")
    else:
        parts, quoted = [], False
        cur: list[str] = []
        rest: str | None = None
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif not quoted and ch in ";:":
                parts.append("".join(cur))
                cur = []
                if ch == ":":
                    rest = line[i + 1:]
                    break
                continue
            cur.append(ch)
        if rest is None or not parts or not parts[0]:
            return None
        value = rest
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        params[k.strip().upper()] = v.strip().strip('"')
    return parts[0].strip().upper(), params, value


def _components(text: str) -> tuple[dict[str, Prop], list[Component], list[list[str]]]:
    """(calendar properties, VEVENTs, VTIMEZONE blocks as lines) of the first VCALENDAR."""
    lines = _UNFOLD.sub("", text).splitlines()
    cal: dict[str, Prop] = {}
    events: list[Component] = []
    zones: list[list[str]] = []
    stack: list[str] = []
    event: Component | None = None
    zone: list[str] | None = None
    for raw in lines:
        if not raw.strip():
            continue
        if event is not None and len(stack) == 2:
            # Most event lines (DTSTAMP, CREATED, X-...) are only kept for the icalendar path.
            m = _NAME.match(raw)
            assert m is not None  # [^;:]* matches any line
            if m[0].upper() not in _READ:
                event.lines.append(raw)
                continue
        parsed = _split_line(raw.lstrip("\ufeff"))
        if parsed is None:
            continue  # a stray line: real feeds have them (HTML comments, wrapped text)
        name, params, value = parsed
        if name == "BEGIN":
            kind = value.strip().upper()
            if not stack and kind != "VCALENDAR":
                raise ParseError("not an iCalendar feed: it does not begin with BEGIN:VCALENDAR")
            stack.append(kind)
            if kind == "VEVENT" and len(stack) == 2:
                event = Component("VEVENT", {}, [raw])
                continue
            if kind == "VTIMEZONE" and len(stack) == 2:
                zone = []
        elif name == "END":
            kind = value.strip().upper()
            if not stack or stack[-1] != kind:
                raise ParseError(f"not a valid iCalendar feed: END:{kind} without its BEGIN")
            stack.pop()
            if kind == "VCALENDAR" and not stack:
                return cal, events, zones
            if kind == "VEVENT" and event is not None and len(stack) == 1:
                event.lines.append(raw)
                events.append(event)
                event = None
                continue
            if kind == "VTIMEZONE" and zone is not None and len(stack) == 1:
                zone.append(raw)
                zones.append(zone)
                zone = None
                continue
        elif len(stack) == 1:
            cal.setdefault(name, Prop(value, params))
        elif event is not None and len(stack) == 2:
            if name in _RECURRING:
                event.recurring = True
            if name in _WANTED:
                event.props.setdefault(name, Prop(value, params))
        if event is not None:
            event.lines.append(raw)
        elif zone is not None:
            zone.append(raw)
    if not stack:
        raise ParseError("not an iCalendar feed: it does not begin with BEGIN:VCALENDAR")
    raise ParseError("the feed is cut short: END:VCALENDAR is missing")


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m[1], m[1]), value) if "\\" in value else value


# ---------------------------------------------------------------- zones and times


@lru_cache(maxsize=512)
def iana_zone(tzid: str | None) -> str | None:
    """An IANA name for a TZID: itself, a Windows name ("Pacific Standard Time") mapped, or
    the Olson tail of a vendor id ("/mozilla.org/20050126_1/America/New_York")."""
    if not tzid:
        return None
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    s = tzid.strip().strip('"').strip()
    candidates = [s, WINDOWS_TO_OLSON.get(s)]
    parts = s.strip("/").split("/")
    candidates += ["/".join(parts[i:]) for i in range(1, len(parts))]
    for c in candidates:
        if c and ("/" in c or c.upper() == "UTC"):
            try:
                ZoneInfo(c)
                return c
            except (ValueError, OSError):
                continue
    return None


@dataclass
class Feed:
    """What every event of one feed shares."""

    fallback_zone: str  # for UTC and floating times: X-WR-TIMEZONE, the source's zone, or UTC
    custom_zones: dict[str, tzinfo]  # VTIMEZONEs whose TZID names no known zone
    calname: str | None
    cancelled: bool  # METHOD:CANCEL


def _custom_zones(blocks: list[list[str]]) -> dict[str, tzinfo]:
    out: dict[str, tzinfo] = {}
    for block in blocks:
        tzid = next((ln.split(":", 1)[1].strip() for ln in block if ln.upper().startswith("TZID")), None)
        if not tzid or iana_zone(tzid):
            continue
        try:
            import icalendar

            # typed as any Component; a VTIMEZONE block parses to a Timezone
            vtz = cast(icalendar.Timezone, icalendar.Timezone.from_ical("\r\n".join(block) + "\r\n"))
            out[tzid] = vtz.to_tz()
        except Exception:  # a broken VTIMEZONE: its events fall back like floating ones
            continue
    return out


@dataclass
class When:
    value: date | datetime  # a date (all day), a naive (floating) or an aware datetime
    zone: str | None  # the IANA zone it was given in, when known


def _when(prop: Prop | None, feed: Feed) -> When | None:
    if prop is None:
        return None
    v = prop.value.strip()
    try:
        if prop.params.get("VALUE", "").upper() == "DATE" or len(v) == 8:
            return When(date(int(v[:4]), int(v[4:6]), int(v[6:8])), None)
        naive = datetime(int(v[:4]), int(v[4:6]), int(v[6:8]), int(v[9:11]), int(v[11:13]),
                         int(v[13:15] or 0))
    except (ValueError, IndexError):
        raise ParseError(f"not a valid iCalendar feed: bad date-time {v[:40]!r}") from None
    if v.upper().endswith("Z"):
        return When(naive.replace(tzinfo=UTC), None)
    tzid = prop.params.get("TZID")
    if tzid:
        zone = iana_zone(tzid)
        if zone:
            return When(naive.replace(tzinfo=ZoneInfo(zone)), zone)
        custom = feed.custom_zones.get(tzid.strip().strip('"'))
        if custom is not None:
            return When(naive.replace(tzinfo=custom), None)
    return When(naive, None)


def _duration(s: str) -> timedelta | None:
    m = _DURATION.match(s.strip())
    if not m or not any(m.groups()[1:]):
        return None
    w, d, h, mi, sec = (int(x or 0) for x in m.groups()[1:])
    td = timedelta(weeks=w, days=d, hours=h, minutes=mi, seconds=sec)
    return -td if m[1] == "-" else td


def _placed(w: When, feed: Feed) -> tuple[str, date, datetime | None]:
    """(zone, local date, local aware datetime or None for all-day)."""
    zone = w.zone or feed.fallback_zone
    v = w.value
    if not isinstance(v, datetime):
        return zone, v, None
    local = v.astimezone(ZoneInfo(zone)) if v.tzinfo else v.replace(tzinfo=ZoneInfo(zone))
    return zone, local.date(), local


# ---------------------------------------------------------------- the window


def window(ctx: ParseContext) -> tuple[datetime, datetime]:
    """The range recurring events are expanded over: "-365d..+365d" (days, weeks, years
    around when the feed was seen) or "2024-01-01..2025-12-31"."""
    spec = str(ctx.options.get("window") or DEFAULT_WINDOW).strip()
    now = _observed(ctx)
    lo, sep, hi = spec.partition("..")
    if not sep:
        raise ParseError(f"bad window {spec!r}: give FROM..TO, e.g. -365d..+365d or 2024-01-01..2025-12-31")
    a, b = _bound(lo.strip(), now, spec), _bound(hi.strip(), now, spec, end=True)
    if a >= b:
        raise ParseError(f"bad window {spec!r}: its start is not before its end")
    return a, b


def _observed(ctx: ParseContext) -> datetime:
    if not ctx.observed_at:
        return datetime.now(UTC)
    try:
        t = datetime.fromisoformat(ctx.observed_at.replace("Z", "+00:00"))
    except ValueError:
        raise ParseError(f"bad observed_at {ctx.observed_at!r}: not an ISO 8601 date-time") from None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _bound(s: str, now: datetime, spec: str, end: bool = False) -> datetime:
    m = _REL.match(s)
    if m:
        n = int(m[2]) * {"d": 1, "w": 7, "y": 365}[m[3].lower()]
        return now - timedelta(days=n) if m[1] == "-" else now + timedelta(days=n)
    try:
        d = date.fromisoformat(s)
    except ValueError:
        raise ParseError(f"bad window {spec!r}: {s!r} is neither like -365d/+2w/+1y nor a date "
                         "YYYY-MM-DD") from None
    return datetime.combine(d + timedelta(days=1) if end else d, datetime.min.time(), UTC)


# ---------------------------------------------------------------- events


@dataclass
class Instance:
    uid: str
    start: When
    end: When | None
    props: dict[str, Prop]  # text properties (escaped form)
    texts: dict[str, str | None] | None = None  # or already unescaped (icalendar path)


def _single(ev: Component, feed: Feed, duplicate_uids: set[str]) -> Instance | None:
    start = _when(ev.props.get("DTSTART"), feed)
    if start is None:
        return None  # an event with no start is no talk (RFC 5545 makes it required)
    end = _when(ev.props.get("DTEND"), feed)
    if end is None and "DURATION" in ev.props and isinstance(start.value, datetime):
        td = _duration(ev.props["DURATION"].value)
        end = When(start.value + td, start.zone) if td else None
    uid = ev.props["UID"].value.strip() if "UID" in ev.props else ""
    if not uid or uid in duplicate_uids:
        # Reused or missing UIDs (hand-made feeds): the start tells the events apart.
        uid = f"{uid}/{_stamp(start.value)}"
    return Instance(uid, start, end, ev.props)


def _stamp(v: date | datetime) -> str:
    if not isinstance(v, datetime):
        return v.strftime("%Y%m%d")
    if v.tzinfo is None:
        return v.strftime("%Y%m%dT%H%M%S")
    return v.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _expanded(events: list[Component], zones: list[list[str]], feed: Feed,
              ctx: ParseContext) -> list[Instance]:
    """Instances of the recurring events inside the window, overrides and EXDATEs applied."""
    import icalendar
    import recurring_ical_events

    lo, hi = window(ctx)
    for ev in events:
        _check_rate(ev, lo, hi)
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//seminars//ical//EN"]
    for z in zones:
        body += z
    for ev in events:
        body += ev.lines
    body.append("END:VCALENDAR")
    try:
        cal = icalendar.Calendar.from_ical("\r\n".join(body) + "\r\n")
        query = recurring_ical_events.of(cal)
        out: list[Instance] = []
        per_uid: dict[str, int] = {}
        for comp in query.after(lo):
            start = comp.get("DTSTART").dt
            if _later(start, hi):
                break
            uid = str(comp.get("UID") or "").strip()
            n = per_uid[uid] = per_uid.get(uid, 0) + 1
            if n > MAX_PER_SERIES:
                raise ParseError(f"event {uid[:60]!r} repeats more than {MAX_PER_SERIES:,} times in the "
                                 f"window (RRULE {str(comp.get('RRULE', ''))[:40] or '?'}...): narrow "
                                 "the source's window")
            rid = comp.get("RECURRENCE-ID")
            key = f"{uid}/{_stamp(rid.dt if rid is not None else start)}"
            end = comp.get("DTEND")
            out.append(Instance(key, _from_dt(start), _from_dt(end.dt) if end is not None else None,
                                {}, _texts_of(comp)))
            if len(out) > MAX_INSTANCES:
                break
        return out
    except ParseError:
        raise
    except Exception as e:
        raise ParseError(f"not a valid iCalendar feed: a recurring event cannot be expanded "
                         f"({type(e).__name__}: {str(e)[:120]})") from None


def _check_rate(ev: Component, lo: datetime, hi: datetime) -> None:
    """Refuse a rule repeating every second, minute or hour more often than MAX_PER_SERIES in
    the window before expanding it: recurring-ical-events computes a window's instances in
    spans, so such a rule would take minutes before the first one came out."""
    rule = ev.props.get("RRULE")
    if rule is None:
        return
    parts = dict(p.partition("=")[::2] for p in rule.value.upper().split(";"))
    step = _SUB_DAILY.get(parts.get("FREQ", ""))
    if step is None:
        return
    count = int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    estimate = (hi - lo).total_seconds() / (step * max(1, interval))
    if count is not None:
        estimate = min(estimate, count)
    if estimate > MAX_PER_SERIES:
        uid = ev.props["UID"].value.strip() if "UID" in ev.props else "?"
        raise ParseError(f"event {uid[:60]!r} repeats more than {MAX_PER_SERIES:,} times in the "
                         f"window (RRULE {rule.value[:40]}): narrow the source's window")


def _later(v: date | datetime, hi: datetime) -> bool:
    if not isinstance(v, datetime):
        return v >= hi.date()
    return (v if v.tzinfo else v.replace(tzinfo=UTC)) >= hi


def _from_dt(v: date | datetime) -> When:
    if isinstance(v, datetime) and v.tzinfo is not None:
        key = getattr(v.tzinfo, "key", None)
        if key is None:
            from icalendar.timezone.tzid import tzid_from_tzinfo

            try:
                key = tzid_from_tzinfo(v.tzinfo)
            except Exception:
                key = None
        zone = iana_zone(key)
        if zone == "UTC":
            zone = None  # a UTC time is an instant: shown in the feed's zone
        return When(v, zone)
    return When(v, None)


def _texts_of(comp) -> dict[str, str | None]:
    return {k: (str(comp[k]) if comp.get(k) is not None else None)
            for k in ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS")}


# ---------------------------------------------------------------- the parser


@register(
    "ical",
    description="iCalendar feeds (.ics, webcal://): one talk per event instance",
    timezone="UTC",
    url_pattern=r"^webcal://|\.ics(?:$|[?#])",
    sniff=looks_like_ical,
)
def parse(text: str, ctx: ParseContext) -> list[Talk]:
    if not looks_like_ical(text):
        raise ParseError("not an iCalendar feed: it does not begin with BEGIN:VCALENDAR")
    n = len(_BEGIN.findall(text))
    if n >= MAX_EVENTS:
        raise ParseError(f"the feed holds {n:,} events; feeds of {MAX_EVENTS:,} events or more are "
                         "refused (a dump, not a seminar calendar)")
    props, events, zones = _components(text)
    xwr = iana_zone(props["X-WR-TIMEZONE"].value) if "X-WR-TIMEZONE" in props else None
    fallback = xwr or (ctx.timezone if iana_zone(ctx.timezone) else None) or "UTC"
    feed = Feed(
        fallback_zone=fallback,
        custom_zones=_custom_zones(zones),
        calname=_text(props["X-WR-CALNAME"].value) if "X-WR-CALNAME" in props else None,
        cancelled=props.get("METHOD", Prop("", {})).value.strip().upper() == "CANCEL",
    )
    recurring = [e for e in events if e.recurring]
    single = [e for e in events if not e.recurring]
    seen: set[str] = set()
    dup: set[str] = set()
    for e in single:
        uid = e.props["UID"].value.strip() if "UID" in e.props else ""
        (dup if uid in seen else seen).add(uid)
    instances = [i for e in single if (i := _single(e, feed, dup)) is not None]
    if recurring:
        instances += _expanded(recurring, zones, feed, ctx)
    if len(instances) > MAX_INSTANCES:
        raise ParseError(f"the feed expands to more than {MAX_INSTANCES:,} talks in the window: "
                         "narrow the source's window")
    institution = ctx.institution or (urlsplit(ctx.url).hostname or "" if ctx.url else "")
    talks = []
    for inst in instances:
        t = _talk(inst, feed, ctx, institution)
        if t is not None:
            talks.append(t)
    return talks


def _talk(inst: Instance, feed: Feed, ctx: ParseContext, institution: str) -> Talk | None:
    texts = inst.texts if inst.texts is not None else {
        k: _text(p.value) for k, p in inst.props.items() if k in ("SUMMARY", "DESCRIPTION",
                                                                  "LOCATION", "URL", "STATUS")}
    fields = talk_fields(texts.get("SUMMARY"), texts.get("DESCRIPTION"))
    if fields is None or (fields.title is None and not fields.speakers):
        return None  # nobody speaks ("Speaker: Unknown") or an empty weekly slot
    zone, day, start = _placed(inst.start, feed)
    end = None
    if start is not None and inst.end is not None and isinstance(inst.end.value, datetime):
        end_local = _placed(When(inst.end.value, inst.end.zone or inst.start.zone), feed)[2]
        end = end_local.astimezone(start.tzinfo) if end_local and end_local > start else None
    status = (texts.get("STATUS") or "").strip().upper()
    location = (texts.get("LOCATION") or "").strip() or fields.location
    url = (texts.get("URL") or "").strip()
    if not location and re.search(r"zoom\.us|teams\.microsoft|meet\.google|webex", url, re.I):
        location = url
    return Talk(
        title=fields.title,
        speakers=fields.speakers,
        date=day.isoformat(),
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        timezone=zone,
        location=location or None,
        status="cancelled" if status == "CANCELLED" or feed.cancelled else "scheduled",
        abstract=fields.abstract,
        host=fields.host,
        talk_type=fields.talk_type,
        series=fields.series or feed.calname,
        institution=institution,
        source_url=ctx.url,
        uid=inst.uid,
    )
