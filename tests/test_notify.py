"""Delivery through apprise to a real HTTP receiver on 127.0.0.1 (no other network)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from seminars.alerts import make_bio_alert, make_talk_alert
from seminars.notify import DeliveryOutcome, deliver, mask_url

OLD_BIO = (
    "Dr. Steffen Schotthoefer is the current Householder Fellow at ORNL. "
    "He investigates low-rank methods for model compression."
)
ADDED = "During his doctoral studies, he devised numerical methods for kinetic equations."
NEW_BIO = f"(UPDATED) Bio: {OLD_BIO} {ADDED}"


class Receiver:
    """A webhook endpoint that records what it gets and answers with a chosen status."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                receiver.requests.append({
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": self.rfile.read(length).decode("utf-8"),
                })
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/hook", userinfo: str = "") -> str:
        return f"json://{userinfo}127.0.0.1:{self.port}{path}"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()


@pytest.fixture
def bio_alert():
    return make_bio_alert(
        "Steffen Schotthoefer", OLD_BIO, NEW_BIO,
        "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027",
        "2025-09-30T14:00:00-06:00",
    )


def test_json_receiver_gets_the_alert(receiver: Receiver, bio_alert) -> None:
    outcomes = deliver([bio_alert], [receiver.url("/hook")])

    assert outcomes == [DeliveryOutcome(receiver.url("/hook"), bio_alert.id, True, None)]
    assert len(receiver.requests) == 1
    req = receiver.requests[0]
    assert req["path"] == "/hook"
    payload = json.loads(req["body"])
    assert "Steffen Schotthoefer" in payload["title"]
    assert "Steffen Schotthoefer" in payload["message"]
    assert "+ " + ADDED in payload["message"]
    # nothing was removed from the bio, so no removal line reaches the receiver
    assert "\n    - " not in payload["message"]


def test_receiver_error_is_a_failed_outcome_with_reason(receiver: Receiver, bio_alert) -> None:
    receiver.status = 500
    [outcome] = deliver([bio_alert], [receiver.url()])

    assert outcome.ok is False
    assert outcome.alert_id == bio_alert.id
    assert "500" in outcome.error
    assert "\n" not in outcome.error
    assert len(receiver.requests) == 1  # it was really attempted


def test_credentials_never_appear_in_errors(receiver: Receiver, bio_alert) -> None:
    receiver.status = 503
    secret = "hunter2-very-secret"
    [outcome] = deliver([bio_alert], [receiver.url(userinfo=f"alice:{secret}@")])

    assert outcome.ok is False and outcome.error
    assert secret not in outcome.error
    # the credentials were still used for the request itself
    assert receiver.requests[0]["headers"].get("Authorization", "").startswith("Basic ")


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


def test_one_outcome_per_channel_and_alert(receiver: Receiver, bio_alert) -> None:
    talk = make_talk_alert(
        "cancelled", "Stefan Schnake", "Sparse grids", "https://example.org/s",
        "2026-01-27T19:44:35+00:00", "2026-01-29T10:00:00-05:00", None,
    )
    urls = ["nonsense://x", receiver.url("/a")]
    outcomes = deliver([bio_alert, talk], urls)

    assert [(o.url, o.alert_id, o.ok) for o in outcomes] == [
        ("nonsense://x", bio_alert.id, False),
        ("nonsense://x", talk.id, False),
        (receiver.url("/a"), bio_alert.id, True),
        (receiver.url("/a"), talk.id, True),
    ]
    titles = [json.loads(r["body"])["title"] for r in receiver.requests]
    assert titles == ["Bio changed: Steffen Schotthoefer", 'Talk cancelled: Stefan Schnake "Sparse grids"']


def test_mask_url_hides_secrets() -> None:
    assert mask_url("mailtos://bob:s3cret@smtp.example.org:465/x?to=a@b.org") == (
        "mailtos://bob:****@smtp.example.org:465/..."
    )
    # tokens sitting where a host name goes are hidden too
    masked = mask_url("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#general")
    assert "T1JJ3T3L2".lower() not in masked.lower() and "TIiajk" not in masked
