"""The talk record: the one type that flows through parse, normalize, store and export.

Field names and JSON/CSV forms follow ../shared/DESIGN.md ("The talk record").
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("scheduled", "cancelled", "postponed")

CSV_COLUMNS = (
    "title",
    "speakers",
    "affiliations",
    "date",
    "start",
    "end",
    "timezone",
    "location",
    "status",
    "abstract",
    "host",
    "talk_type",
    "series",
    "institution",
    "source_url",
)


@dataclass(frozen=True)
class Speaker:
    """Immutable: a Talk copy shares its speakers, so a change is a new Speaker
    (dataclasses.replace), never an edit another holder of the same record would see."""

    name: str
    affiliation: str | None = None
    url: str | None = None
    bio: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "affiliation": self.affiliation, "url": self.url, "bio": self.bio}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        if not isinstance(d, dict) or not isinstance(d.get("name"), str) or not d["name"].strip():
            raise ValueError("each speaker needs a non-empty 'name'")
        return cls(
            name=d["name"],
            affiliation=d.get("affiliation"),
            url=d.get("url"),
            bio=d.get("bio"),
        )


@dataclass
class Talk:
    title: str | None
    speakers: list[Speaker] = field(default_factory=list)
    date: str | None = None
    start: str | None = None
    end: str | None = None
    timezone: str = "UTC"
    location: str | None = None
    status: str = "scheduled"
    abstract: str | None = None
    host: str | None = None
    talk_type: str | None = None
    series: str | None = None
    institution: str = ""
    source_url: str = ""
    # The source's own identity for this event, when it has one (a feed's UID and
    # RECURRENCE-ID): the store keys the record on it instead of page + speakers. Not part
    # of the record's JSON/CSV form.
    uid: str | None = field(default=None, compare=False, repr=False)

    def replace(self, **changes: Any) -> Talk:
        """A copy with some fields changed (dataclasses.replace re-runs __init__: slow in bulk).

        Speakers are immutable and shared; the list holding them is the copy's own, so
        appending to one Talk's speakers never changes another's.
        """
        unknown = set(changes) - _REPLACEABLE
        if unknown:
            raise TypeError(f"unknown Talk field(s): {', '.join(sorted(unknown))}")
        new = object.__new__(Talk)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        if "speakers" not in changes:
            new.speakers = list(self.speakers)
        return new

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict, whose deep copies dominated large imports.
        d = {f: getattr(self, f) for f in _TALK_FIELDS}
        d["speakers"] = [s.to_dict() for s in self.speakers]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Talk:
        """Build a Talk from its JSON form; raises ValueError naming the bad field."""
        if not isinstance(d, dict):
            raise ValueError("a talk record must be a JSON object")
        known = _TALK_FIELD_SET
        unknown = d.keys() - known
        if unknown:
            raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
        speakers = d.get("speakers") or []
        if not isinstance(speakers, list):
            raise ValueError("'speakers' must be a list")
        status = d.get("status") or "scheduled"
        if status not in STATUSES:
            raise ValueError(f"'status' must be one of {', '.join(STATUSES)}")
        for key in ("institution", "source_url"):
            if not isinstance(d.get(key, ""), str):
                raise ValueError(f"'{key}' must be a string")
        kwargs = {k: v for k, v in d.items() if k in known}
        kwargs["speakers"] = [Speaker.from_dict(s) for s in speakers]
        kwargs["status"] = status
        kwargs.setdefault("title", None)
        return cls(**kwargs)

    def to_csv_row(self) -> dict[str, str]:
        """Flat form: lists joined by '; ' (DESIGN.md)."""
        row = {}
        d = self.to_dict()
        for col in CSV_COLUMNS:
            if col == "speakers":
                row[col] = "; ".join(s.name for s in self.speakers)
            elif col == "affiliations":
                row[col] = "; ".join(s.affiliation or "" for s in self.speakers)
            else:
                v = d.get(col)
                row[col] = "" if v is None else str(v)
        return row


_TALK_FIELDS = tuple(f.name for f in dataclasses.fields(Talk) if f.name != "uid")
_REPLACEABLE = frozenset((*_TALK_FIELDS, "uid"))
_TALK_FIELD_SET = frozenset(_TALK_FIELDS)
