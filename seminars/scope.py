"""Which links found on a page a crawl may follow.

A listing is untrusted input: a link to ``file:///etc/passwd`` or to another host must not
turn the crawler into a file reader or a wanderer. Links are followed only over http(s) to
the listing's own host (or a host the source names in ``follow_hosts``); ``file:`` links
only from a listing that is itself a file, and only below its own folder (offline runs of
saved pages).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def link_refusal(link: str, listing_url: str, follow_hosts: Iterable[str] = ()) -> str | None:
    """None when ``link`` (absolute) may be followed from ``listing_url``; else why not."""
    try:
        scheme = urlsplit(link).scheme.lower()
    except ValueError:
        return "not a valid URL"
    listing_scheme = urlsplit(listing_url).scheme.lower()
    if scheme == "file":
        if listing_scheme != "file":
            return "a file: link on a page that is not a local file"
        # Compared as the fetcher will read them: percent-decoded, then resolved, so neither
        # "%2e%2e/" nor "..%2f" nor a symlink leads out of the folder.
        folder = Path(url2pathname(urlsplit(listing_url).path)).resolve().parent
        path = Path(url2pathname(urlsplit(link).path)).resolve()
        if not path.is_relative_to(folder):
            return "a file: link outside the listing's folder"
        return None
    if scheme not in ("http", "https"):
        return f"scheme {scheme or '(none)'} is not followed"
    host = _host(link)
    if host is None:
        return "no host"
    allowed = {h.lower().rstrip(".") for h in follow_hosts}
    own = _host(listing_url)
    if own is not None:
        allowed.add(own)
    if host not in allowed:
        return f"host {host} is neither the listing's nor in follow_hosts"
    return None
