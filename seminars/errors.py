"""Exceptions raised by seminars. Every one carries a one-line message meant for a user.

    SeminarsError
    ├── UsageError          bad input from the user: a path, an option, a config file
    │   └── ConfigError     the sources TOML is missing, unreadable or wrong
    ├── ParseError          a page could not be read as a page of the chosen site
    │   └── UnknownSiteError   no registered parser fits (name or --site auto)
    ├── FetchError          a source could not be fetched (network, HTTP status, size cap, robots)
    └── StoreError          the SQLite store is unusable: corrupt, newer schema, read-only (for a
        │                   write), disk full, no lock file, another application's database
        └── LockedError     another crawl holds the store's lock
"""


class SeminarsError(Exception):
    """Base class; str(e) is a one-line message for the user."""


class UsageError(SeminarsError):
    pass


class ConfigError(UsageError):
    pass


class ParseError(SeminarsError):
    pass


class UnknownSiteError(ParseError):
    pass


class FetchError(SeminarsError):
    def __init__(self, message: str, *, url: str | None = None, status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class StoreError(SeminarsError):
    pass


class LockedError(StoreError):
    pass
