"""Which instances of an iCalendar feed's events fall in the source's window: single events
as they are, recurring ones (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) expanded with
recurring-ical-events, with limits that refuse a dump before expanding it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.scrapers.formats.ical_feed import (
    Component,
    Feed,
    Prop,
    When,
    duration,
    iana_zone,
    when_of,
)

MAX_INSTANCES = 100_000  # talks expanded from one feed
MAX_PER_SERIES = 10_000  # instances of one recurring event in the window (hourly for a year)
DEFAULT_WINDOW = "-365d..+365d"

_SUB_DAILY = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600}
_REL = re.compile(r"^([+-]?)(\d{1,5})([dwy])$", re.I)


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


def single_instance(ev: Component, feed: Feed, duplicate_uids: set[str]) -> Instance | None:
    start = when_of(ev.props.get("DTSTART"), feed)
    if start is None:
        return None  # an event with no start is no talk (RFC 5545 makes it required)
    end = when_of(ev.props.get("DTEND"), feed)
    if end is None and "DURATION" in ev.props and isinstance(start.value, datetime):
        td = duration(ev.props["DURATION"].value)
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


def expanded(events: list[Component], zones: list[list[str]], feed: Feed,
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
