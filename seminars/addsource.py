"""Appending a discovered source to a sources TOML file as text.

The file is never rewritten: the new `[[source]]` block is appended to its bytes, so the
user's comments, order and formatting stay as they were. The result is checked with the
config loader before anything is written.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from seminars.config import parse_config
from seminars.errors import ConfigError, UsageError

DEFAULT_CONFIG = Path("sources.toml")
_NOISE = {"www", "index", "html", "htm", "php", "asp", "aspx", "shtml", "ics", "json", "export"}


def slug_for(url: str) -> str:
    """A source name from host and path: https://physics.ex.edu/events/colloquium/ ->
    physics-ex-events-colloquium."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    labels = [x for x in host.split(".") if x]
    if len(labels) > 1 and not host.replace(".", "").isdigit():
        labels = labels[:-1]  # the top-level domain says nothing about the series
    words = labels + re.split(r"[/._\-]+", parts.path)
    words += [v for _, v in parse_qsl(parts.query) if len(v) <= 20]
    words = [w for w in (re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") for w in words)
             if w and w not in _NOISE]
    slug = "-".join(words)[:60].strip("-")
    return slug or "source"


def read_sources(path: Path) -> tuple[bytes | None, list[dict]]:
    """The file's bytes (None when it does not exist yet) and its [[source]] tables."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, []
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    entries = doc.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'source' must be an array of [[source]] tables")
    return raw, [e for e in entries if isinstance(e, dict)]


def unique_name(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def check_new(path: Path, entries: list[dict], url: str, name: str | None) -> None:
    """Refuse a source the file has already: the same URL, or the same explicit name."""
    for e in entries:
        if _same_url(e.get("url"), url):
            raise UsageError(f"{path}: already has a source for this URL: {e.get('name') or url}")
        if name is not None and e.get("name") == name:
            raise UsageError(f"{path}: already has a source named {name!r} (pick another --name)")


def _same_url(a: object, b: str) -> bool:
    if not isinstance(a, str):
        return False

    def norm(u: str) -> tuple:
        p = urlsplit(u.strip())
        return (p.scheme.lower(), (p.hostname or "").lower(), p.port, p.path.rstrip("/") or "/",
                p.query)

    return norm(a) == norm(b)


def _toml_str(s: str) -> str:
    # A JSON string is a TOML basic string (same escapes), with non-ASCII kept readable.
    return json.dumps(s, ensure_ascii=False)


def source_block(*, name: str, url: str, site: str, timezone: str | None, institution: str,
                 found: str) -> str:
    lines = [f"# added by `seminars add`: {' '.join(found.split())}", "[[source]]",
             f"name = {_toml_str(name)}", f"url = {_toml_str(url)}", f"site = {_toml_str(site)}"]
    if timezone:
        lines.append(f"timezone = {_toml_str(timezone)}")
    else:
        lines.append('# timezone = "..."  # set the venue\'s zone (IANA name, e.g. Europe/Paris)')
    lines.append(f"institution = {_toml_str(institution)}")
    return "\n".join(lines) + "\n"


def append_source(path: Path, raw: bytes | None, block: str) -> None:
    """Append `block` after `raw` (the file as read, None: no file); the file must still
    hold `raw`."""
    old = raw or b""
    sep = b"" if not old else (b"\n" if old.endswith(b"\n") else b"\n\n")
    new = old + sep + block.encode("utf-8")
    parse_config(new.decode("utf-8"), path)  # the result must load, or nothing is written
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror or e})") from None
    if current != raw:
        raise ConfigError(f"{path}: changed while `add` ran; run it again")
    try:
        if raw is not None:
            with path.open("ab") as fh:
                fh.write(sep + block.encode("utf-8"))
        else:
            with path.open("xb") as fh:  # never clobber a file created meanwhile
                fh.write(new)
    except FileExistsError:
        raise ConfigError(f"{path}: created by someone else while `add` ran; run it again") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot write ({e.strerror or e})") from None
