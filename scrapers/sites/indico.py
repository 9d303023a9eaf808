"""Indico's HTTP export API (JSON): `/export/categ/N.json`, `/export/event/N.json?detail=...`.

The payload is `{"_type": "HTTPAPIResult", "results": [event, ...]}`. An event with
contributions (detail=contributions, or sessions whose slots hold them) gives one talk per
contribution that names a speaker; when no contribution names anyone (an export without
persons), every contribution is a talk. An event without contributions (a seminar in a
category listing) is one talk, its chairs or speakers the speakers. Times are read in the
zone each date carries (`tz`), else the event's `timezone`. Persons come as "Last, First"
(Indico's default full name), or with first/last name fields.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.normalize.text import clean_text
from seminars.record import Speaker, Talk
from seminars.scrapers.registry import register

_SNIFF = re.compile(r'"_type"\s*:\s*"HTTPAPIResult"')
MAX_TALKS = 100_000


def looks_like_indico(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    return head.startswith("{") and bool(_SNIFF.search(text[:1_000_000]))


def _person(p: object) -> Speaker | None:
    if not isinstance(p, dict):
        return None
    first = p.get("first_name") or p.get("firstName")
    last = p.get("last_name") or p.get("familyName")
    name = f"{first} {last}" if isinstance(first, str) and isinstance(last, str) and last.strip() else None
    if name is None:
        full = p.get("fullName") or p.get("name") or ""
        if not isinstance(full, str):
            return None
        surname, comma, given = full.partition(",")
        # Indico prints "Last, First" by default
        name = f"{given.strip()} {surname.strip()}" if comma and given.strip() and "," not in given else full
    name = clean_text(name)
    if not name:
        return None
    aff = p.get("affiliation")
    return Speaker(name=name, affiliation=clean_text(aff) if isinstance(aff, str) else None)


def _people(*lists: object) -> list[Speaker]:
    for lst in lists:
        if isinstance(lst, list):
            out = [s for s in map(_person, lst) if s is not None]
            if out:
                return out
    return []


def _when(d: object, default_tz: str) -> tuple[str | None, datetime | None, str]:
    """(date, local datetime, zone) from {"date", "time", "tz"}."""
    if not isinstance(d, dict) or not isinstance(d.get("date"), str):
        return None, None, default_tz
    tz = d.get("tz")
    zone = tz if isinstance(tz, str) else default_tz
    try:
        ZoneInfo(zone)
    except (ValueError, OSError):
        zone = default_tz
    try:
        day = datetime.strptime(d["date"][:10], "%Y-%m-%d").date()
    except ValueError:
        return None, None, zone
    t = d.get("time")
    if not isinstance(t, str) or not re.match(r"^\d{1,2}:\d{2}", t):
        return day.isoformat(), None, zone
    hh, mm, *ss = (int(x) for x in t.split(":")[:3])
    return day.isoformat(), datetime(day.year, day.month, day.day, hh, mm, ss[0] if ss else 0,
                                     tzinfo=ZoneInfo(zone)), zone


def _location(obj: dict, parent: dict | None = None) -> str | None:
    """Room and venue as Indico names them ("Room 4-3-006", "CERN")."""
    room = obj.get("roomFullname") or obj.get("room")
    venue = obj.get("location")
    if parent is not None and not room and not venue:
        return _location(parent)
    parts = [clean_text(x) for x in (room, venue) if isinstance(x, str) and x.strip()]
    unique = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return ", ".join(unique) or None


def _text(v: object) -> str | None:
    return clean_text(v) if isinstance(v, str) else None


def _contributions(event: dict) -> list[dict]:
    out = [c for c in event.get("contributions") or [] if isinstance(c, dict)]
    for slot in event.get("sessions") or []:
        if isinstance(slot, dict):
            out += [c for c in slot.get("contributions") or [] if isinstance(c, dict)]
    return out


def _talk(obj: dict, event: dict, ctx: ParseContext, speakers: list[Speaker], *, uid: str,
          series: str | None, talk_type: str | None) -> Talk:
    tz = event.get("timezone") if isinstance(event.get("timezone"), str) else None
    default_tz = tz or ctx.zone("UTC")
    day, start, zone = _when(obj.get("startDate"), default_tz)
    _, end, _ = _when(obj.get("endDate"), default_tz)
    if start is not None and end is not None and (end <= start or end.date() != start.date()):
        end = None  # a multi-day span is the event's, not a talk's
    return Talk(
        title=_text(obj.get("title")),
        speakers=speakers,
        date=day,
        start=start.isoformat() if start else None,
        end=end.astimezone(start.tzinfo).isoformat() if start and end else None,
        timezone=zone,
        location=_location(obj, event),
        status="scheduled",
        abstract=_text(obj.get("description")),
        talk_type=talk_type,
        series=series,
        institution=ctx.institution or (urlsplit(ctx.url).hostname or "" if ctx.url else ""),
        source_url=ctx.url,
        uid=uid,
    )


@register(
    "indico",
    description="Indico HTTP export API (JSON): categories and events, one talk per contribution",
    timezone="UTC",
    url_pattern=r"/export/(?:categ|event)/[^/?#]+\.json",
    sniff=looks_like_indico,
)
def parse(text: str, ctx: ParseContext) -> list[Talk]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError(f"not an Indico export: not JSON ({e.msg} at line {e.lineno})") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise ParseError("not an Indico export: no 'results' list (expected an /export/...json payload)")
    talks: list[Talk] = []
    for event in payload["results"]:
        if not isinstance(event, dict):
            continue
        eid = str(event.get("id", ""))
        contribs = _contributions(event)
        if contribs:
            named = [(c, _people(c.get("speakers"), c.get("presenters"))) for c in contribs]
            # An export without persons names nobody: then every contribution counts.
            keep = [(c, s) for c, s in named if s] or named
            for c, speakers in keep:
                talks.append(_talk(c, event, ctx, speakers, uid=f"{eid}/contrib/{c.get('id', '')}",
                                   series=_text(event.get("title")), talk_type=_text(c.get("type"))))
        else:
            speakers = _people(event.get("speakers"), event.get("presenters"), event.get("chairs"))
            talks.append(_talk(event, event, ctx, speakers, uid=eid,
                               series=_text(event.get("category")), talk_type=None))
        if len(talks) > MAX_TALKS:
            raise ParseError(f"the Indico export holds more than {MAX_TALKS:,} talks; refused")
    return talks
