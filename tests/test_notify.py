"""Delivery through apprise to a real HTTP receiver on 127.0.0.1 (no other network)."""

from __future__ import annotations

import json
import socket
import time

import pytest

from seminars.alerts import make_bio_alert, make_talk_alert
from seminars.notify import DeliveryOutcome, deliver, mask_url
from tests.httpserver import WebhookReceiver

OLD_BIO = (
    "Dr. Steffen Schotthoefer is the current Householder Fellow at ORNL. "
    "He investigates low-rank methods for model compression."
)
ADDED = "During his doctoral studies, he devised numerical methods for kinetic equations."
NEW_BIO = f"(UPDATED) Bio: {OLD_BIO} {ADDED}"


@pytest.fixture
def bio_alert():
    return make_bio_alert(
        "Steffen Schotthoefer", OLD_BIO, NEW_BIO,
        "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027",
        "2025-09-30T14:00:00-06:00",
    )


def test_json_receiver_gets_the_alert(webhook: WebhookReceiver, bio_alert) -> None:
    outcomes = deliver([bio_alert], [webhook.url("/hook")])

    assert outcomes == [DeliveryOutcome(webhook.url("/hook"), bio_alert.id, True, None)]
    assert len(webhook.requests) == 1
    req = webhook.requests[0]
    assert req["path"] == "/hook"
    payload = json.loads(req["body"])
    assert "Steffen Schotthoefer" in payload["title"]
    assert "Steffen Schotthoefer" in payload["message"]
    assert "+ " + ADDED in payload["message"]
    # nothing was removed from the bio, so no removal line reaches the webhook
    assert "\n    - " not in payload["message"]


def test_receiver_error_is_a_failed_outcome_with_reason(webhook: WebhookReceiver, bio_alert) -> None:
    webhook.status = 500
    [outcome] = deliver([bio_alert], [webhook.url()])

    assert outcome.ok is False
    assert outcome.alert_id == bio_alert.id
    assert "500" in outcome.error
    assert "\n" not in outcome.error
    assert len(webhook.requests) == 1  # it was really attempted


def test_credentials_never_appear_in_errors(webhook: WebhookReceiver, bio_alert) -> None:
    webhook.status = 503
    secret = "hunter2-very-secret"
    [outcome] = deliver([bio_alert], [webhook.url(userinfo=f"alice:{secret}@")])

    assert outcome.ok is False and outcome.error
    assert secret not in outcome.error
    # the credentials were still used for the request itself
    assert webhook.requests[0]["headers"].get("Authorization", "").startswith("Basic ")


@pytest.mark.parametrize(
    "url", ["nonsense://somewhere", "not a url", "", "json://", "mailto://bob:pa55word-x@"]
)
def test_invalid_url_fails_cleanly(url: str, bio_alert) -> None:
    [outcome] = deliver([bio_alert], [url])

    assert outcome.ok is False
    assert outcome.error.startswith("invalid notification URL: ")
    assert "pa55word" not in outcome.error


def test_unreachable_channel_fails_within_timeout(bio_alert) -> None:
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    [outcome] = deliver([bio_alert], [f"json://127.0.0.1:{port}/hook"], timeout=2)

    assert outcome.ok is False
    assert outcome.error and "invalid" not in outcome.error
    assert time.monotonic() - started < 10


def test_one_outcome_per_channel_and_alert(webhook: WebhookReceiver, bio_alert) -> None:
    talk = make_talk_alert(
        "cancelled", "Stefan Schnake", "Sparse grids", "https://example.org/s",
        "2026-01-27T19:44:35+00:00", "2026-01-29T10:00:00-05:00", None,
    )
    urls = ["nonsense://x", webhook.url("/a")]
    outcomes = deliver([bio_alert, talk], urls)

    assert [(o.url, o.alert_id, o.ok) for o in outcomes] == [
        ("nonsense://x", bio_alert.id, False),
        ("nonsense://x", talk.id, False),
        (webhook.url("/a"), bio_alert.id, True),
        (webhook.url("/a"), talk.id, True),
    ]
    titles = [json.loads(r["body"])["title"] for r in webhook.requests]
    assert titles == ["Bio changed: Steffen Schotthoefer", 'Talk cancelled: Stefan Schnake "Sparse grids"']


def test_mask_url_hides_secrets() -> None:
    assert mask_url("mailtos://bob:s3cret@smtp.example.org:465/x?to=a@b.org") == (
        "mailtos://bob:****@smtp.example.org:465/..."
    )
    # tokens sitting where a host name goes are hidden too
    masked = mask_url("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general")
    assert "T1JJ3T3L2".lower() not in masked.lower() and "TIiajk" not in masked
