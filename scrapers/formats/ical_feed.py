"""An iCalendar feed's content lines, read by a small reader of our own: icalendar builds a
typed object per property and needs ~0.5 ms per event (10,000 events: 5 s). Also zones (TZID,
Windows names, custom VTIMEZONEs through icalendar) and date-times placed in them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

from seminars.errors import ParseError

_UNFOLD = re.compile(r"\r?\n[ \t]")
_ESCAPE = re.compile(r"\\(.)", re.S)
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
_RECURRING = frozenset(("RRULE", "RDATE", "RECURRENCE-ID", "EXRULE"))
_WANTED = frozenset(("UID", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION",
                     "URL", "STATUS", "RRULE"))
_READ = _WANTED | _RECURRING | {"BEGIN", "END"}
_DURATION = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.I)


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


def components(text: str) -> tuple[dict[str, Prop], list[Component], list[list[str]]]:
    """(calendar properties, VEVENTs, VTIMEZONE blocks as lines) of the first VCALENDAR."""
    lines = _UNFOLD.sub("", text).splitlines()
    cal: dict[str, Prop] = {}
    events: list[Component] = []
    zones: list[list[str]] = []
    stack: list[str] = []
    event: Component | None = None
    zone: list[str] | None = None
    for raw in lines:
        if not raw or raw.isspace():
            continue
        if event is not None and len(stack) == 2:
            # Most event lines (DTSTAMP, CREATED, X-...) are only kept for the icalendar path.
            # (str.partition twice is the cheap form of matching [^;:]*.)
            if raw.partition(":")[0].partition(";")[0].upper() not in _READ:
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


def unescape(value: str | None) -> str | None:
    if value is None:
        return None
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m[1], m[1]), value) if "\\" in value else value



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


def custom_zones(blocks: list[list[str]]) -> dict[str, tzinfo]:
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


def when_of(prop: Prop | None, feed: Feed) -> When | None:
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


def duration(s: str) -> timedelta | None:
    m = _DURATION.match(s.strip())
    if not m or not any(m.groups()[1:]):
        return None
    w, d, h, mi, sec = (int(x or 0) for x in m.groups()[1:])
    td = timedelta(weeks=w, days=d, hours=h, minutes=mi, seconds=sec)
    return -td if m[1] == "-" else td


def placed(w: When, feed: Feed) -> tuple[str, date, datetime | None]:
    """(zone, local date, local aware datetime or None for all-day)."""
    zone = w.zone or feed.fallback_zone
    v = w.value
    if not isinstance(v, datetime):
        return zone, v, None
    local = v.astimezone(ZoneInfo(zone)) if v.tzinfo else v.replace(tzinfo=ZoneInfo(zone))
    return zone, local.date(), local
