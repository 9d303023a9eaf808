"""iCalendar feeds (.ics, webcal://): one talk per event instance.

Times stay in the event's own zone (TZID, a Windows zone name mapped to IANA, X-WR-TIMEZONE
for floating and UTC times, else the source's zone, else UTC). Recurring events (RRULE,
RDATE, EXDATE, RECURRENCE-ID overrides) are expanded with recurring-ical-events inside the
source's `window` (default: a year either side of when the feed was seen); single events are
kept whatever their date, as a feed is also an archive. Speaker, affiliation, title and
series type come from SUMMARY patterns and from labelled DESCRIPTION lines
(`scrapers/formats/ical_text.py`).

Reading the feed is `formats/ical_feed`, choosing and expanding instances `formats/ical_recur`;
this module holds the source: spotting a feed, its limits, and an instance -> talk.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from urllib.parse import urlsplit

from seminars.context import ParseContext
from seminars.errors import ParseError
from seminars.record import Talk
from seminars.scrapers.formats.ical_feed import (
    Feed,
    Prop,
    When,
    custom_zones,
    iana_zone,
    placed,
    unescape,
)
from seminars.scrapers.formats.ical_feed import components as _components  # tests swap it
from seminars.scrapers.formats.ical_recur import MAX_INSTANCES, Instance, expanded, single_instance
from seminars.scrapers.formats.ical_text import parse_summary, talk_fields
from seminars.scrapers.registry import register

MAX_EVENTS = 100_000  # VEVENTs in one feed: a feed this big is a dump, not a seminar calendar

_BEGIN = re.compile(r"^BEGIN:VEVENT\s*$", re.M | re.I)


def looks_like_ical(text: str) -> bool:
    return text[:4096].lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCALENDAR")



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
        custom_zones=custom_zones(zones),
        calname=unescape(props["X-WR-CALNAME"].value) if "X-WR-CALNAME" in props else None,
        cancelled=props.get("METHOD", Prop("", {})).value.strip().upper() == "CANCEL",
    )
    recurring = [e for e in events if e.recurring]
    single = [e for e in events if not e.recurring]
    seen: set[str] = set()
    dup: set[str] = set()
    for e in single:
        uid = e.props["UID"].value.strip() if "UID" in e.props else ""
        (dup if uid in seen else seen).add(uid)
    instances = [i for e in single if (i := single_instance(e, feed, dup)) is not None]
    if recurring:
        instances += expanded(recurring, zones, feed, ctx)
    if len(instances) > MAX_INSTANCES:
        raise ParseError(f"the feed expands to more than {MAX_INSTANCES:,} talks in the window: "
                         "narrow the source's window")
    institution = ctx.institution or (urlsplit(ctx.url).hostname or "" if ctx.url else "")
    talks = []
    summaries = [_summary(i) for i in instances]  # read once for the two feed-wide looks
    series_like = _series_like(instances, summaries)
    suffix = _site_suffix(summaries)
    prefixes = _series_prefixes(summaries)
    for inst in instances:
        t = _talk(inst, feed, ctx, institution, series_like, suffix, prefixes)
        if t is not None:
            talks.append(t)
    return talks


def _days_long(inst: Instance) -> float:
    """How many days the instance spans (an all-day DTEND is exclusive: one day is 1)."""
    if inst.end is None:
        return 0
    a, b = inst.start.value, inst.end.value
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return 0
        return (b - a).total_seconds() / 86400
    if isinstance(a, datetime) or isinstance(b, datetime):
        return 0
    return (b - a).days


def _texts(inst: Instance) -> dict[str, str | None]:
    return inst.texts if inst.texts is not None else {
        k: unescape(p.value) for k, p in inst.props.items() if k in ("SUMMARY", "DESCRIPTION",
                                                                  "LOCATION", "URL", "STATUS")}


_SEP = re.compile(r"\s+(?:[-–—|:·•]+|::)\s+")


def _summary(inst: Instance) -> str:
    if inst.texts is not None:
        return (inst.texts.get("SUMMARY") or "").strip()
    return (unescape(inst.props["SUMMARY"].value) or "").strip() if "SUMMARY" in inst.props else ""


def _site_suffix(summaries: list[str]) -> str | None:
    """" - Example Webinars - ACM Chapter" closing the SUMMARY of (nearly) every event: the
    site's name that a CMS appends, not part of any title."""
    distinct = set(summaries) - {""}
    if len(distinct) < 3:
        return None
    counts: Counter[str] = Counter()
    for text in distinct:
        counts.update({text[m.start():] for m in _SEP.finditer(text)})
    shared = [sfx for sfx, n in counts.items() if n >= max(3, 0.8 * len(distinct))]
    return max(shared, key=len) if shared else None


_LEAD = re.compile(r"^(.{1,40}?)\s+[-–—|]\s*")


def _series_prefixes(summaries: list[str]) -> frozenset[str]:
    """"BQSE - Title", "BAMS - Title", "Econ History - Title": short names (three words at
    most, no person's) that open most of a feed's SUMMARYs, each on two events or more: the
    series a pooled calendar tags its talks with, not part of their titles."""
    distinct = set(summaries) - {""}
    if len(distinct) < 4:
        return frozenset()
    # ("Colloquium - Title": a kind of talk, which parse_summary reads as the talk type)
    counts: Counter[str] = Counter(m[1] for text in distinct if (m := _LEAD.match(text))
                                   and len(m[1].split()) <= 3 and not parse_summary(m[1])[1]
                                   and parse_summary(text)[2] is None)
    shared = {p for p, n in counts.items() if n >= 2}
    covered = sum(1 for text in distinct if (m := _LEAD.match(text)) and m[1] in shared)
    return frozenset(shared) if covered >= 0.6 * len(distinct) else frozenset()


def _series_like(instances: list[Instance], summaries: list[str]) -> frozenset[str]:
    """SUMMARY texts the feed gives to three or more events on different days, with no
    speaker in them: the series' name, not any one talk's title. (A recurring event's
    instances share their SUMMARY by construction, so only distinct UIDs count.)"""
    days: dict[str, set] = {}
    uids: dict[str, set] = {}
    for inst, s in zip(instances, summaries, strict=True):
        if s:
            days.setdefault(s, set()).add(inst.start.value)
            uids.setdefault(s, set()).add(inst.uid)
    return frozenset(s for s, d in days.items()
                     if len(d) >= 3 and len(uids[s]) >= 3 and not parse_summary(s)[1])


def _talk(inst: Instance, feed: Feed, ctx: ParseContext, institution: str,
          series_like: frozenset[str] = frozenset(), suffix: str | None = None,
          prefixes: frozenset[str] = frozenset()) -> Talk | None:
    texts = _texts(inst)
    summary = texts.get("SUMMARY")
    if suffix and summary and summary.rstrip().endswith(suffix):
        summary = summary.rstrip()[:-len(suffix)]
    lead = _LEAD.match((summary or "").strip()) if prefixes else None
    tag = lead[1] if lead and lead[1] in prefixes else None
    if tag and summary:
        summary = summary.strip()[lead.end():] if lead else summary
    fields = talk_fields(summary, texts.get("DESCRIPTION"),
                         summary_is_series=(summary or "").strip() in series_like)
    if fields is None or (fields.title is None and not fields.speakers):
        return None  # nobody speaks ("Speaker: Unknown") or an empty weekly slot
    if not fields.speakers and _days_long(inst) > 1:
        return None  # "Quantum Technology Conference 2026" over two days: an event, not a talk
    zone, day, start = placed(inst.start, feed)
    end = None
    if start is not None and inst.end is not None and isinstance(inst.end.value, datetime):
        end_local = placed(When(inst.end.value, inst.end.zone or inst.start.zone), feed)[2]
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
        series=fields.series or tag or feed.calname,
        institution=institution,
        source_url=ctx.url,
        uid=inst.uid,
    )
