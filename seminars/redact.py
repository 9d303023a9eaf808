"""Keeping credentials out of what we print, log and store.

A source URL may carry a password (``http://user:pass@host/...``) or a token in its query
(``?access_token=...``); a notification URL nearly always carries one. The fetch needs them;
nothing else does. ``redact_url`` is the one form a URL takes outside the fetch: in the
store, in records, in messages and in log lines.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

MESSAGE_URL_LIMIT = 120
MASK = "***"

# Query parameter names whose values are credentials (compared case-insensitively, with
# "-" and "_" ignored, so api_key, api-key and apiKey all match "apikey").
_SECRET_PARAMS = frozenset({
    "token", "accesstoken", "authtoken", "refreshtoken", "idtoken", "apitoken",
    "key", "apikey", "accesskey", "secretkey", "privatekey", "clientsecret", "secret",
    "password", "passwd", "pwd", "pass", "auth", "authorization", "credentials",
    "sig", "signature", "xamzsignature", "xamzcredential", "xamzsecuritytoken", "session",
    "sessionid", "sid",
})
_WEB_SCHEMES = ("http", "https", "file")
# A URL inside free text: a scheme, "://", then anything up to whitespace or a closing quote.
_URL_IN_TEXT = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s'\"<>]*")


def _secret_param(name: str) -> bool:
    return re.sub(r"[-_.]", "", name).lower() in _SECRET_PARAMS


def _cut(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def _host_port(parts) -> str:  # noqa: ANN001 - a SplitResult
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    return host + (f":{port}" if port else "")


def redact_url(url: str, limit: int | None = None) -> str:
    """``url`` without userinfo and with secret-looking query values replaced by ***.

    http(s) and file URLs keep their host, path and other parameters, so the result still
    names the page (it is what the store keeps). Other schemes are notification URLs whose
    path segments are often tokens (slack://T/B/C): they keep only scheme and a real host
    name. ``limit`` cuts the result for a message, with an ellipsis.
    """
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
    except ValueError:
        return _cut(_strip_userinfo_text(url), limit)
    if not scheme:
        return _cut(_strip_userinfo_text(url), limit)
    if scheme not in _WEB_SCHEMES:
        host = parts.hostname or ""
        # slack://TOKEN/... keeps a token where a host goes: only a dotted name is shown.
        real_host = "." in host or host == "localhost"
        shown = _host_port(parts) if real_host else MASK
        rest = "/…" if (parts.path.strip("/") or parts.query or parts.fragment) else ""
        return _cut(f"{scheme}://{shown}{rest}", limit)
    netloc = _host_port(parts) if "@" in parts.netloc else parts.netloc
    query = parts.query
    if query and any(_secret_param(k) for k, _ in parse_qsl(query, keep_blank_values=True)):
        query = "&".join(
            f"{quote(k, safe='[]')}={MASK if _secret_param(k) else quote(v, safe='/:[],')}"
            for k, v in parse_qsl(query, keep_blank_values=True)
        )
    return _cut(urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)), limit)


def _strip_userinfo_text(text: str) -> str:
    """Best effort for strings urlsplit refuses: drop anything between // and @."""
    return re.sub(r"//[^/@\s]*@", "//", text)


def redact_text(text: str, limit: int | None = MESSAGE_URL_LIMIT) -> str:
    """Every URL inside a message or log line redacted (and cut to ``limit`` characters)."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0), limit), text)


def carry_credentials(link: str, parent: str) -> str:
    """A link found on a page fetched with credentials gets them too, on the same origin only.

    Pages are parsed under their redacted URL, so their links hold no credentials; a browser
    would still send its Basic auth to the same protection space, and so do we.
    """
    try:
        p, link_parts = urlsplit(parent), urlsplit(link)
    except ValueError:
        return link
    if "@" not in p.netloc or "@" in link_parts.netloc:
        return link
    same = (p.scheme.lower(), _host_port(p).lower()) == (
        link_parts.scheme.lower(), _host_port(link_parts).lower())
    if not same:
        return link
    userinfo = p.netloc.rsplit("@", 1)[0]
    return urlunsplit(link_parts._replace(netloc=f"{userinfo}@{link_parts.netloc}"))


@lru_cache(maxsize=1024)  # a slow digest on purpose: the schema 5 migration asks per row
def channel_key(url: str) -> str:
    """A stable, non-secret name for a notification channel: what the store keeps.

    The redacted URL tells a reader which service it is; the digest keeps channels that
    differ only in their secrets apart, so "delivered once" holds per channel. The digest is
    a slow key derivation so a short password cannot be recovered by hashing guesses.
    """
    digest = hashlib.pbkdf2_hmac("sha256", url.strip().encode(), b"seminars-channel", 50_000)
    return f"{redact_url(url)}#{digest[:8].hex()}"


class RedactingFilter(logging.Filter):
    """Redacts URLs in every record a handler emits: message, args and traceback text.

    On a handler (not a logger) so records propagated from httpx, httpcore and apprise
    pass through it too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the raw parts, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact_text(message, limit=None), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, limit=None)
        return True


def install_log_redaction(logger: logging.Logger | None = None) -> None:
    """Put a RedactingFilter on every handler of ``logger`` (the root logger by default)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
