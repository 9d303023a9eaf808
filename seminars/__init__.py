"""seminars: crawl seminar pages into clean talk records, merge them, alert on bio changes."""

from seminars.errors import (
    ConfigError,
    FetchError,
    LockedError,
    ParseError,
    SeminarsError,
    StoreError,
    UnknownSiteError,
    UsageError,
)
from seminars.record import Speaker, Talk

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "FetchError",
    "LockedError",
    "ParseError",
    "SeminarsError",
    "Speaker",
    "StoreError",
    "Talk",
    "UnknownSiteError",
    "UsageError",
]
