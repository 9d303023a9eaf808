"""Deliver alerts to notification channels given as apprise URLs (mailto://, slack://, json://, ...).

Every (channel, alert) pair gets an outcome; a failed or impossible delivery is an
outcome with ok=False and a one-line reason, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import apprise

from seminars.alerts import Alert, alert_title, format_text
from seminars.redact import redact_text

_MAX_ERROR = 300


@dataclass
class DeliveryOutcome:
    url: str            # the channel URL as configured (may hold credentials: do not print it)
    alert_id: str
    ok: bool
    error: str | None = None


def mask_url(url: str) -> str:
    """scheme://user:****@host[:port]/... - enough to tell channels apart, no secrets."""
    try:
        parts = urlsplit(url.strip())
        # Only a real host name is shown: slack://TOKEN/... keeps a token where a host goes.
        host = parts.hostname if parts.hostname and (
            "." in parts.hostname or parts.hostname == "localhost"
        ) else "****"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "****"
    if not parts.scheme:
        return "****"
    user = f"{parts.username}:****@" if parts.username and parts.password else (
        "****@" if parts.username else ""
    )
    rest = "/..." if (parts.path.strip("/") or parts.query) else ""
    return f"{parts.scheme}://{user}{host}{port}{rest}"


def _secrets(url: str) -> list[str]:
    """Pieces of a URL that may be credentials, to scrub from messages."""
    found: list[str] = []
    public = set()
    try:
        parts = urlsplit(url)
        if parts.password:
            found.append(parts.password)
        public = {parts.hostname or "", parts.scheme}
    except ValueError:
        pass
    # Slack/Discord/Telegram-style URLs carry tokens as path segments or query values.
    found += [t for t in re.split(r"[/?&=:@#]", url) if len(t) >= 12 and t not in public]
    return sorted(set(found), key=len, reverse=True)


def _scrub(message: str, url: str) -> str:
    for secret in _secrets(url):
        message = message.replace(secret, "****")
    message = re.sub(r"\s+", " ", redact_text(message)).strip()
    return message[:_MAX_ERROR]


def _asset() -> apprise.AppriseAsset:
    # Apprise may keep per-service state on disk; an alerting cron job should not.
    try:
        return apprise.AppriseAsset(storage_mode="memory", app_id="seminars")
    except (TypeError, AttributeError):  # older apprise without persistent storage
        return apprise.AppriseAsset()


def _channel(url: str, timeout: float) -> apprise.Apprise | None:
    """One Apprise object per URL so each channel's outcome is known on its own."""
    try:
        service = apprise.Apprise.instantiate(url, asset=_asset())
    except Exception:  # apprise plugins validate eagerly; any complaint means "invalid"
        service = None
    if service is None:
        return None
    # Apprise's defaults (4 s connect/read) ignore our budget; set both per service.
    service.socket_connect_timeout = timeout
    service.socket_read_timeout = timeout
    channel = apprise.Apprise(asset=_asset())
    if not channel.add(service):
        return None
    return channel


def _failure_reason(result: object) -> str:
    """The warnings apprise logged for a failed notify (apprise >= 2 returns them)."""
    messages: list[str] = []
    try:
        for service_result in result:  # type: ignore[attr-defined]
            for attempt in service_result:
                for entry in attempt:
                    if entry.level in ("WARNING", "ERROR", "CRITICAL"):
                        messages.append(entry.message)
    except TypeError:  # apprise 1.x returns a plain bool with no detail
        pass
    unique = list(dict.fromkeys(messages))
    return "; ".join(unique) if unique else "the channel did not accept the notification"


def _send(channel: apprise.Apprise, alert: Alert) -> tuple[bool, str | None]:
    try:
        result = channel.notify(
            body=format_text([alert]),
            title=alert_title(alert),
            body_format=apprise.NotifyFormat.TEXT,
        )
    except Exception as e:  # a plugin bug must not abort the other deliveries
        return False, f"{type(e).__name__}: {e}"
    if result:
        return True, None
    return False, _failure_reason(result)


def deliver(alerts: list[Alert], urls: list[str], timeout: float = 10) -> list[DeliveryOutcome]:
    """Send each alert to each channel URL; one outcome per (url, alert), in that order."""
    outcomes: list[DeliveryOutcome] = []
    for url in urls:
        channel = _channel(url, timeout)
        for alert in alerts:
            if channel is None:
                outcomes.append(DeliveryOutcome(
                    url, alert.id, False, f"invalid notification URL: {mask_url(url)}"
                ))
                continue
            ok, error = _send(channel, alert)
            outcomes.append(DeliveryOutcome(
                url, alert.id, ok, None if ok else _scrub(error or "", url)
            ))
    return outcomes
