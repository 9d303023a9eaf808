"""The gate for talk records from outside: a decoded JSON object in, a Talk or a ValidationError out.

Every record that did not come from our own parsers (`seminars import`, later other feeds) passes
here before anything is stored, so the store only ever holds what ../shared/DESIGN.md ("The
talk record") promises; the rest of the code relies on those types without checking again.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from seminars.record import STATUSES, Speaker, Talk

# Sizes well above any real talk (the longest real abstracts are a few KB) and low enough that a
# runaway export or a pasted binary is refused instead of bloating the store and every CSV.
MAX_FIELD_CHARS = 100_000
MAX_RECORD_CHARS = 1_000_000
MAX_SPEAKERS = 200

NULLABLE_STR = ("title", "location", "abstract", "host", "talk_type", "series")
SPEAKER_FIELDS = ("name", "affiliation", "url", "bio")
FIELDS = ("title", "speakers", "date", "start", "end", "timezone", "location", "status",
          "abstract", "host", "talk_type", "series", "institution", "source_url")
_FIELD_SET = frozenset(FIELDS)
_TEXT_FIELDS = (*NULLABLE_STR, "institution", "source_url", "timezone")
_SPEAKER_SET = frozenset(SPEAKER_FIELDS)

# C0 controls but \t, \n and \r: whitespace the normalize chain collapses. NUL and the rest
# are never text a page shows; they break CSV readers, terminals and iCalendar files.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)")

_JSON_TYPES = {str: "a string", int: "a number", float: "a number", bool: "true/false",
               list: "a list", dict: "an object", type(None): "null"}


class ValidationError(ValueError):
    """A record breaks the contract; ``field`` names where (None: the record as a whole)."""

    def __init__(self, field: str | None, reason: str):
        self.field = field
        self.reason = reason
        super().__init__(f"field '{field}': {reason}" if field else reason)


def shown(value: Any, limit: int = 60) -> str:
    """The value as JSON, cut short: error messages stay one readable line."""
    try:
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def kind(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def validate_record(obj: Any, *, require_institution: bool = True) -> Talk:
    """The Talk a decoded JSON object describes, or ValidationError naming the first bad field.

    Nullable fields may be left out (null); ``speakers`` defaults to [], ``status`` to
    "scheduled", ``source_url`` to "" (the importer names the file instead). ``timezone`` and
    ``institution`` are required: without them no time can be placed and no row attributed.
    ``require_institution=False`` lets an empty institution through, as parsers of a source
    with none configured store it (a feed read from a file has no host to name).
    """
    if type(obj) is not dict:
        raise ValidationError(None, f"expected a JSON object (a talk record), got {kind(obj)}")
    if not _FIELD_SET.issuperset(obj):
        unknown = sorted(obj.keys() - _FIELD_SET)[0]
        raise ValidationError(unknown, "not a field of the talk record (see DESIGN.md)")
    get = obj.get
    for name in NULLABLE_STR:
        v = get(name)
        if v is not None and type(v) is not str:
            raise ValidationError(name, f"expected a string or null, got {shown(v)}")
    speakers = _speakers(get("speakers", []))
    institution = _required_str(obj, "institution", empty_ok=not require_institution)
    source_url = get("source_url", "")
    if type(source_url) is not str:
        raise ValidationError("source_url", f"expected a string, got {shown(source_url)}")
    status = get("status", "scheduled")
    if type(status) is not str or status not in STATUSES:
        raise ValidationError("status", f"expected one of {', '.join(STATUSES)}, got {shown(status)}")
    tz_name = _required_str(obj, "timezone")
    _check_texts(obj)
    day, start, end = _when(obj, _zone(tz_name))
    return Talk(
        title=get("title"), speakers=speakers, date=day, start=start, end=end, timezone=tz_name,
        location=get("location"), status=status, abstract=get("abstract"), host=get("host"),
        talk_type=get("talk_type"), series=get("series"), institution=institution,
        source_url=source_url,
    )


def _required_str(obj: dict, name: str, empty_ok: bool = False) -> str:
    if name not in obj:
        raise ValidationError(name, "missing (required)")
    value = obj[name]
    if type(value) is not str:
        raise ValidationError(name, f"expected a string, got {shown(value)}")
    if not empty_ok and not value.strip():
        raise ValidationError(name, "empty (required)")
    return value


def _speakers(value: Any) -> list[Speaker]:
    if type(value) is not list:
        raise ValidationError("speakers", f"expected a list of speaker objects, got {shown(value)}")
    if len(value) > MAX_SPEAKERS:
        raise ValidationError("speakers", f"{len(value)} speakers, more than the {MAX_SPEAKERS} allowed")
    out = []
    for i, sp in enumerate(value):
        if type(sp) is not dict:
            raise ValidationError(f"speakers[{i}]", f"expected an object with a 'name', got {shown(sp)}")
        if not _SPEAKER_SET.issuperset(sp):
            raise ValidationError(f"speakers[{i}].{sorted(sp.keys() - _SPEAKER_SET)[0]}",
                                  f"not a speaker field ({', '.join(SPEAKER_FIELDS)})")
        name = sp.get("name")
        if type(name) is not str or not name.strip():
            what = "missing (required)" if "name" not in sp else (
                "empty (required)" if type(name) is str else f"expected a string, got {shown(name)}")
            raise ValidationError(f"speakers[{i}].name", what)
        get = sp.get
        affiliation, url, bio = get("affiliation"), get("url"), get("bio")
        for key, v in (("affiliation", affiliation), ("url", url), ("bio", bio)):
            if v is not None and type(v) is not str:
                raise ValidationError(f"speakers[{i}].{key}", f"expected a string or null, got {shown(v)}")
        out.append(Speaker(name, affiliation, url, bio))
    return out


def _texts(obj: dict) -> list[tuple[str, str]]:
    """Every non-empty string of a type-checked record, with the field it is in."""
    out = [(name, v) for name in _TEXT_FIELDS if (v := obj.get(name))]
    for i, sp in enumerate(obj.get("speakers") or ()):
        out += [(f"speakers[{i}].{k}", v) for k in SPEAKER_FIELDS if (v := sp.get(k))]
    return out


def _check_texts(obj: dict) -> None:
    """Sizes, control characters and valid Unicode of every string of a type-checked record.

    One scan over all of them joined answers for nearly every record; only a record that
    fails it is scanned field by field, to name the field.
    """
    get = obj.get
    values = [v for name in _TEXT_FIELDS if (v := get(name))]
    for sp in get("speakers") or ():
        values += [v for v in sp.values() if v]
    joined = "".join(values)
    if len(joined) <= MAX_FIELD_CHARS and not _CONTROL.search(joined) and _encodes(joined):
        return
    for name, value in _texts(obj):
        n = len(value)
        if n > MAX_FIELD_CHARS:
            raise ValidationError(name, f"{n} characters, more than the {MAX_FIELD_CHARS} allowed")
        bad = _CONTROL.search(value)
        if bad:
            raise ValidationError(name, f"control character U+{ord(bad[0]):04X} at position {bad.start()}")
        if not _encodes(value):
            pos = next(i for i, c in enumerate(value) if "\ud800" <= c <= "\udfff")
            raise ValidationError(
                name, f"lone surrogate U+{ord(value[pos]):04X} at position {pos} (not Unicode text)")
    if len(joined) > MAX_RECORD_CHARS:
        raise ValidationError(None, f"record of {len(joined)} characters, more than the "
                                    f"{MAX_RECORD_CHARS} allowed")


def _encodes(text: str) -> bool:
    """False for a lone surrogate (JSON's "\\ud800" decodes to one; SQLite cannot store it)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: a key zoneinfo refuses outright (absolute or ../ paths); OSError: a key
        # naming a folder of the zone database ("America") or too long for a file name
        raise ValidationError("timezone", f"not an IANA time zone: {shown(name)}") from None


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValidationError("date", f'expected "YYYY-MM-DD", got {shown(value)}')
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValidationError("date", f"no such day: {shown(value)}") from None
    return value


def _datetime(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        raise ValidationError(
            name, f'expected ISO 8601 "YYYY-MM-DDTHH:MM[:SS]" with a UTC offset (e.g. -05:00), '
                  f"got {shown(value)}")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(name, f"no such date or time: {shown(value)}") from None


def _when(obj: dict, zone: ZoneInfo) -> tuple[str | None, str | None, str | None]:
    day = _date(obj.get("date"))
    start_s, end_s = obj.get("start"), obj.get("end")
    start, end = _datetime(start_s, "start"), _datetime(end_s, "end")
    if end is not None and start is None:
        raise ValidationError("end", "given without a start")
    if start is not None:
        # The day as written (the venue's offset, as parsers write it) or, for a start written
        # in another offset (UTC, say), the day it falls on in the venue's zone.
        if day is None:
            raise ValidationError("date", f"null, but start is {start_s}")
        assert isinstance(start_s, str)  # _datetime gives a datetime only for a string
        if start_s[:10] != day and start.astimezone(zone).date().isoformat() != day:
            raise ValidationError("date", f"{day} is not the day of start {start_s} ({zone.key})")
    if end is not None and start is not None and end < start:
        raise ValidationError("end", f"{end_s} is before start {start_s}")
    return day, start_s, end_s
