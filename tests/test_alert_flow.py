"""Alerts end to end: page-history replays through `seminars ingest`, and webhook delivery."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli import seminars
from tests.corpus import CORPUS, needs_corpus, ornl_versions

ROOT = Path(__file__).resolve().parents[1]
CNLS_URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027"


def sem(db: Path, *args: str) -> subprocess.CompletedProcess:
    return seminars(*args, db=db)


versions = ornl_versions


def replay(db: Path, year: str, fmt: str = "md") -> None:
    url = f"https://ornl.github.io/events/ai-initiative-seminar-{year}/"
    for path, when in versions(year):
        if fmt == "html":
            path = CORPUS / "ornl" / "html" / path.relative_to(CORPUS / "ornl" / "md").with_suffix(".html")
        r = sem(db, "ingest", str(path), "--site", "ornl", "--url", url, "--observed-at", when)
        assert r.returncode == 0, r.stderr


def all_alerts(db: Path) -> list[dict]:
    r = sem(db, "alerts", "--all", "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@needs_corpus
def test_replay_2026_then_cnls_gives_exactly_one_bio_alert(ornl_2026_store):
    db = ornl_2026_store  # replay(db, "2026"), built once per session
    assert all_alerts(db) == []
    r = sem(db, "ingest", str(CORPUS / "seeds" / "lanl-cnls-talk.txt"), "--site", "cnls",
            "--url", CNLS_URL, "--observed-at", "2026-02-01T00:00:00Z")
    assert "Bio changed: Steffen Schotthoefer" in r.stdout
    alerts = all_alerts(db)
    assert [a["type"] for a in alerts] == ["bio_changed"]
    a = alerts[0]
    assert a["speaker"] == "Steffen Schotthoefer" and a["source_url"] == CNLS_URL
    assert "+ During his doctoral studies, he devised numerical methods" in a["diff"]
    assert "\n- " not in "\n" + a["diff"]  # nothing was removed
    assert a["old_bio"].startswith("Dr. Steffen Schotthoefer") and a["new_bio"].endswith("current research.")

    new = json.loads(sem(db, "alerts", "--format", "json").stdout)
    assert len(new) == 1
    assert json.loads(sem(db, "alerts", "--format", "json").stdout) == []  # seen once

    # everything again, and the HTML renderings too: nothing new
    replay(db, "2026")
    replay(db, "2026", fmt="html")
    sem(db, "ingest", str(CORPUS / "seeds" / "lanl-cnls-talk.txt"), "--site", "cnls",
        "--url", CNLS_URL, "--observed-at", "2026-02-02T00:00:00Z")
    assert len(all_alerts(db)) == 1


@needs_corpus
@pytest.mark.parametrize("year", ["2023", "2024", "2025"])
def test_older_histories_raise_no_bio_alert(tmp_path, year):
    db = tmp_path / "s.db"
    replay(db, year)
    replay(db, year, fmt="html")
    assert [a for a in all_alerts(db) if a["type"] == "bio_changed"] == []


@needs_corpus
def test_planted_bio_edit_alerts_once_and_flipping_back_is_quiet(tmp_path):
    db = tmp_path / "s.db"
    path, when = versions("2025")[0]
    url = "https://ornl.github.io/events/ai-initiative-seminar-2025/"
    text = path.read_text(encoding="utf-8")
    needle = "Brett served as the Executive Director"
    assert needle in text
    edited = tmp_path / "edited.md"
    edited.write_text(text.replace(needle, "Brett recently joined the ORNL AI Initiative. " + needle), encoding="utf-8")
    for i, page in enumerate([path, edited, path, edited, path]):
        r = sem(db, "ingest", str(page), "--site", "ornl", "--url", url, "--observed-at", f"2026-03-0{i + 1}T00:00:00Z")
        assert r.returncode == 0, r.stderr
    bio = [a for a in all_alerts(db) if a["type"] == "bio_changed"]
    assert len(bio) == 1 and bio[0]["speaker"] == "Brett Meeks"
    assert "+ Brett recently joined the ORNL AI Initiative." in bio[0]["diff"]


def test_webhook_gets_the_alert_once_even_after_a_500(tmp_path, webhook):
    db = tmp_path / "s.db"
    page = ROOT / "fixtures" / "cnls" / "colloquium.html"
    html = page.read_text(encoding="utf-8")
    live = tmp_path / "talk.html"
    live.write_text(html, encoding="utf-8")
    webhook.fail_first = 1
    rx, port = webhook, webhook.port
    cfg = tmp_path / "sources.toml"
    cfg.write_text(
        f'[alerts]\nurls = ["json://127.0.0.1:{port}/hook"]\n\n'
        f'[[source]]\nname = "talk"\nurl = "{live.as_uri()}"\nsite = "cnls"\n'
    )
    assert sem(db, "crawl", "--config", str(cfg)).returncode == 0
    assert rx.posts == []  # the first bio of a speaker is not a change
    live.write_text(html.replace("</body>", "").replace("Bio:", "Bio: Recently elected a fellow of the APS.", 1)
                    + "</body>", encoding="utf-8")
    r = sem(db, "crawl", "--config", str(cfg))
    assert "Bio changed" in r.stdout and "not delivered" in r.stderr and rx.failed == 1
    assert rx.posts == []
    r = sem(db, "crawl", "--config", str(cfg))  # nothing new on the page; the owed alert goes out
    assert r.returncode == 0 and r.stdout == ""
    assert len(rx.posts) == 1 and b"Recently elected a fellow of the APS." in rx.posts[0]
    sem(db, "crawl", "--config", str(cfg))
    assert len(rx.posts) == 1  # delivered once, never again
