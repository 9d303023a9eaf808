"""The sources config (TOML): [[source]] entries, a [crawl] table and an [alerts] table."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from seminars.context import ParseContext
from seminars.errors import ConfigError
from seminars.redact import redact_url
from seminars.scrapers.fetch import CrawlSettings

DEFAULT_SOURCES_TOML = """
[[source]]
name = "ornl-ai-2026"
url = "https://ornl.github.io/events/ai-initiative-seminar-2026/"
site = "ornl"
timezone = "America/New_York"

[[source]]
name = "cnls-9027"
url = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027"
site = "cnls"
timezone = "America/Denver"
"""


DEFAULT_MAX_PAGES = 500  # pages one listing source may fetch per run

# Source keys a parser reads from its context's options (checked for type here, for meaning
# by the parser): feeds expand recurring events over `window` ("-365d..+365d").
PARSER_OPTIONS: dict[str, type] = {"window": str}


@dataclass
class Source:
    name: str
    url: str
    site: str = "auto"
    timezone: str | None = None
    follow_hosts: tuple[str, ...] = ()  # hosts besides the listing's own whose links are followed
    max_pages: int = DEFAULT_MAX_PAGES  # pages fetched for this source (listing + links) per run
    parent: str | None = None  # the listing a talk page was found on
    institution: str | None = None  # overrides the parser's default
    series: str | None = None  # overrides the parser's default
    options: dict[str, object] = field(default_factory=dict)  # parser-specific keys (window, ...)

    def child(self, name: str, url: str) -> Source:
        """A page linked from this listing: a source of its own (own ETag, own error state)
        with the listing's zone, labels and parser options."""
        return dataclasses.replace(self, name=name, url=url, parent=self.name, follow_hosts=(),
                                   max_pages=1)

    def context(self, *, url: str | None = None, content_type: str | None = None,
                observed_at: str | None = None) -> ParseContext:
        """What this source's parser is told besides the page text."""
        return ParseContext(url=self.url if url is None else url, timezone=self.timezone,
                            institution=self.institution, series=self.series,
                            content_type=content_type, observed_at=observed_at,
                            options=dict(self.options))


@dataclass
class Config:
    sources: list[Source]
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    alert_urls: list[str] = field(default_factory=list)
    path: Path | None = None


def _source(entry: object, i: int, base: Path | None) -> Source:
    where = f"[[source]] #{i + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = set(entry) - {"name", "url", "path", "site", "timezone", "follow_hosts", "max_pages",
                            "institution", "series", *PARSER_OPTIONS}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    url = entry.get("url")
    if isinstance(url, str) and url[:9].lower() == "webcal://":
        url = "https://" + url[9:]  # webcal:// is how calendar links say "subscribe": HTTPS underneath
    if url is None and "path" in entry:
        # A path relative to the config file keeps example configs portable.
        p = Path(str(entry["path"]))
        p = p if p.is_absolute() or base is None else base / p
        url = p.resolve().as_uri()
    if not isinstance(url, str) or not re.match(r"^(https?|file)://", url):
        raise ConfigError(f"{where}: 'url' must be an http(s):// or file:// URL (or give 'path')")
    name = entry.get("name") or redact_url(url)  # a name is printed and stored; the URL may hold a password
    site = entry.get("site", "auto")
    if not isinstance(name, str) or not isinstance(site, str):
        raise ConfigError(f"{where}: 'name' and 'site' must be strings")
    tz = entry.get("timezone")
    if tz is not None:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(tz)
        except Exception:
            raise ConfigError(f"{where}: unknown time zone {tz!r} (use an IANA name such as America/Denver)") from None
    follow = entry.get("follow_hosts", [])
    if not isinstance(follow, list) or not all(isinstance(h, str) and h.strip() for h in follow):
        raise ConfigError(f"{where}: 'follow_hosts' must be a list of host names")
    max_pages = entry.get("max_pages", DEFAULT_MAX_PAGES)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise ConfigError(f"{where}: 'max_pages' must be a whole number of at least 1")
    labels = {}
    for key in ("institution", "series"):
        v = entry.get(key)
        if v is not None and (not isinstance(v, str) or not v.strip()):
            raise ConfigError(f"{where}: '{key}' must be a non-empty string")
        labels[key] = v.strip() if isinstance(v, str) else None
    options = {}
    for key, kind in PARSER_OPTIONS.items():
        if key in entry:
            if not isinstance(entry[key], kind):
                raise ConfigError(f"{where}: '{key}' must be a {kind.__name__}")
            options[key] = entry[key]
    return Source(name=name, url=url, site=site, timezone=tz,
                  follow_hosts=tuple(h.strip() for h in follow), max_pages=max_pages,
                  options=options, **labels)


def _crawl_settings(table: object) -> CrawlSettings:
    if table is None:
        return CrawlSettings()
    if not isinstance(table, dict):
        raise ConfigError("[crawl] must be a table")
    known = {f.name: f for f in fields(CrawlSettings)}
    kwargs: dict[str, Any] = {}  # each value checked against its field's default below
    for k, v in table.items():
        if k not in known:
            raise ConfigError(f"[crawl]: unknown key {k!r} (known: {', '.join(known)})")
        default = getattr(CrawlSettings(), k)
        if not _same_kind(default, v):
            raise ConfigError(f"[crawl]: {k} must be {type(default).__name__}, got {v!r}")
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0:
            raise ConfigError(f"[crawl]: {k} must not be negative")
        kwargs[k] = float(v) if isinstance(default, float) else v
    if kwargs.get("per_host_concurrency", 1) < 1:
        raise ConfigError("[crawl]: per_host_concurrency must be at least 1")
    return CrawlSettings(**kwargs)


def _same_kind(default: object, v: object) -> bool:
    if isinstance(default, bool) or isinstance(v, bool):
        return isinstance(default, bool) and isinstance(v, bool)
    if isinstance(default, float):
        return isinstance(v, (int, float))
    return isinstance(v, type(default))


def parse_config(text: str, path: Path | None = None) -> Config:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path or 'config'}: invalid TOML: {e}") from None
    base = path.parent if path else None
    entries = doc.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path or 'config'}: no [[source]] entries")
    sources = [_source(e, i, base) for i, e in enumerate(entries)]
    names = [s.name for s in sources]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise ConfigError(f"{path or 'config'}: duplicate source name(s): {', '.join(sorted(dup))}")
    alerts = doc.get("alerts", {})
    urls = alerts.get("urls", []) if isinstance(alerts, dict) else None
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise ConfigError("[alerts]: 'urls' must be a list of notification URLs")
    return Config(sources=sources, crawl=_crawl_settings(doc.get("crawl")), alert_urls=urls, path=path)


def load_config(path: Path | None) -> Config:
    if path is None:
        return parse_config(DEFAULT_SOURCES_TOML)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None
    return parse_config(text, path)
