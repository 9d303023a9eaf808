"""The iCalendar writer: one VEVENT per dated occurrence, at the venue's real time.

Times carry the record's IANA zone (``TZID=America/New_York``) with a VTIMEZONE for each
zone used, so calendar apps place talks right in any zone and across DST changes; a time
with no usable zone is written in UTC. A TZID that names no VTIMEZONE (a bare offset such
as "UTC-04:00") would be read as floating local time, i.e. at the reader's wall clock.
Used by `seminars export --format ics` and by the per-view feeds of `seminars serve`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone, vDuration

from seminars.record import Speaker
from seminars.store.dataset import MergedTalk, Occurrence

PRODID = "-//seminars//talks//EN"
# How often subscribers should poll: seminar pages change a few times a week at most.
REFRESH = timedelta(hours=12)
DEFAULT_LENGTH = timedelta(hours=1)
_LABELS = (("series", "Series"), ("talk_type", "Type"), ("host", "Host"))
_STATUS: dict[str | None, str] = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


@lru_cache(maxsize=256)
def _zone(name: str | None) -> ZoneInfo | None:
    if not name or name.upper() == "UTC":
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "America" is a folder: OSError
        return None


def _moment(value: str | None, zone: tzinfo | None) -> datetime | None:
    """An ISO time in the venue's zone, or in UTC when the zone is unknown.

    A time printed without an offset is read as the venue's local time (UTC if none).
    """
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone or UTC)
    return dt.astimezone(zone or UTC).replace(microsecond=0)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _description(talk: dict, occ: Occurrence, speakers: list[Speaker]) -> str:
    f = occ.fields
    lines = [f"{s.name} ({s.affiliation})" if s.affiliation else s.name
             for s in speakers]
    if len(lines) == 1:
        lines = [f"Speaker: {lines[0]}"]
    elif lines:
        lines.insert(0, "Speakers:")
    extra = [f"{label}: {v}" for k, label in _LABELS if (v := getattr(f, k))]
    parts = ["\n".join(lines)] if lines else []
    if extra:
        parts.append("\n".join(extra))
    if talk["abstract"]:
        parts.append(talk["abstract"])
    if occ.source_urls:
        parts.append("Source: " + "\n".join(occ.source_urls))
    return "\n\n".join(parts)


def _event(talk: MergedTalk, row: dict, occ: Occurrence, stamp: datetime) -> Event | None:
    f = occ.fields
    day = _day(f.date)
    zone = _zone(f.timezone)
    start = _moment(f.start, zone)
    if day is None and start is None:
        return None  # no date: nothing a calendar can place
    speakers = occ.speakers or talk.speakers
    ev = Event()
    ev.add("uid", f"{occ.occurrence_id}@seminars")
    who = "; ".join(s.name for s in speakers)
    summary = row["title"] or (f"Talk by {who}" if who else "Talk (TBA)")
    if f.status == "cancelled":
        # Many apps show a subscribed event whatever its STATUS; the summary says it too.
        summary = f"Cancelled: {summary}"
    ev.add("summary", summary)
    if start is not None:
        end = _moment(f.end, zone)
        if end is None or end <= start:
            end = start + DEFAULT_LENGTH
        ev.add("dtstart", start)
        ev.add("dtend", end)
    else:
        assert day is not None  # an event with neither was returned as None above
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
    ev.add("dtstamp", stamp)
    ev.add("sequence", occ.sequence)
    ev.add("status", _STATUS.get(f.status, "CONFIRMED"))
    if f.location:
        ev.add("location", f.location)
    desc = _description(row, occ, speakers)
    if desc:
        ev.add("description", desc)
    if occ.source_urls:
        ev.add("url", occ.source_urls[0])
    cats = [c for c in (f.institution, f.series) if c]
    if cats:
        ev.add("categories", cats)
    return ev


def _vtimezone(key: str, first_year: int, last_year: int) -> Timezone:
    # A fresh component per calendar: a cached one shared by all would change with any caller
    # that edits the Calendar it was handed.
    # from_ical is typed as returning any Component; a VTIMEZONE's text parses to a Timezone.
    return cast(Timezone, Timezone.from_ical(_vtimezone_ical(key, first_year, last_year)))


@lru_cache(maxsize=64)
def _vtimezone_ical(key: str, first_year: int, last_year: int) -> bytes:
    """The zone's rules over the calendar's years only (1970-2038 would be 2.7 kB a zone)."""
    return Timezone.from_tzinfo(ZoneInfo(key), first_date=date(max(first_year - 1, 1), 1, 1),
                                last_date=date(min(last_year + 2, 9999), 1, 1)).to_ical()


def build_calendar(talks: Iterable[MergedTalk], *, name: str | None = None,
                   url: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = name or "Seminars"
    cal.add("name", title)
    cal.add("x-wr-calname", title)
    if url:
        cal.add("url", url)
        cal.add("source", url, parameters={"VALUE": "URI"})
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))  # an x-name: typed by hand, else "12:00:00"
    stamp = datetime.now(UTC).replace(microsecond=0)
    zones: set[str] = set()  # those a TZID names: each needs its VTIMEZONE
    venues: Counter[str] = Counter()
    years: list[int] = []
    events = []
    for t in talks:
        row = t.row()
        for o in t.occurrences:
            ev = _event(t, row, o, stamp)
            if ev is None:
                continue
            start = ev.decoded("dtstart")
            years.append(start.year)
            tz = getattr(start, "tzinfo", None)
            if isinstance(tz, ZoneInfo):
                zones.add(tz.key)
            venue = _zone(o.fields.timezone)
            if venue is not None:
                venues[venue.key] += 1
            events.append(ev)
    if venues:
        top, n = venues.most_common(1)[0]
        if n * 2 > len(events):
            # the zone apps show the calendar in; every time in the file carries its own zone
            cal.add("x-wr-timezone", top)
    # VTIMEZONEs first: some readers resolve a TZID only against zones already seen.
    for key in sorted(zones):
        cal.add_component(_vtimezone(key, min(years), max(years)))
    for ev in events:
        cal.add_component(ev)
    return cal


def calendar_bytes(talks: Iterable[MergedTalk], *, name: str | None = None,
                   url: str | None = None) -> bytes:
    """The talks' dated occurrences as an iCalendar file (RFC 5545 with RFC 7986 names)."""
    return build_calendar(talks, name=name, url=url).to_ical()
