"""Fixtures shared by the test files: corpus, loopback servers, a webhook receiver, stores.

Stores that several tests build the same way from the corpus are built once per session and
handed to each test as its own copy (sqlite3 backup), so a test may write to its copy freely.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli import seminars
from tests.corpus import CORPUS, needs_corpus, ornl_versions  # noqa: F401 - one marker for every file
from tests.httpserver import WebhookReceiver, loopback_site, loopback_sites  # noqa: F401 - fixtures for every file

ORNL_2026_URL = "https://ornl.github.io/events/ai-initiative-seminar-2026/"
CNLS_SEED_URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=9027"

@pytest.fixture
def corpus() -> Path:
    """The shared real-page corpus; the test is skipped when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store path that does not exist yet (the CLI creates it)."""
    return tmp_path / "s.db"


# ---------------------------------------------------------------- webhook receiver


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    r = WebhookReceiver()
    r.thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()


# ---------------------------------------------------------------- stores built once per session


def copy_store(src: Path, dest: Path) -> Path:
    """A consistent copy of the store at ``src`` (sqlite3 backup, not a file copy)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dest) as b:
        a.backup(b)
    a.close()
    b.close()
    return dest


def ingest(db: Path, page: Path, site: str, url: str, when: str) -> None:
    r = seminars("ingest", page, "--site", site, "--url", url, "--observed-at", when, db=db)
    assert r.returncode == 0, r.stderr


def _template(tmp_path_factory: pytest.TempPathFactory, name: str,
              build: Callable[[Path], None]) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    db = tmp_path_factory.mktemp(name) / "template.db"
    build(db)
    return db


@pytest.fixture(scope="session")
def _seeds_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(db: Path) -> None:
        ingest(db, CORPUS / "seeds" / "ornl-ai-seminar-2026.md", "ornl", ORNL_2026_URL, "2026-01-14T18:42:54Z")
        ingest(db, CORPUS / "seeds" / "lanl-cnls-talk.txt", "cnls", CNLS_SEED_URL, "2026-02-01T00:00:00Z")

    return _template(tmp_path_factory, "seeds", build)


@pytest.fixture
def seeded_store(_seeds_template: Path, tmp_path: Path) -> Path:
    """This test's copy of a store holding the ORNL 2026 seed page and the CNLS seed talk."""
    return copy_store(_seeds_template, tmp_path / "s.db")


@pytest.fixture(scope="session")
def _ornl_2026_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(db: Path) -> None:
        for path, when in ornl_versions("2026"):
            ingest(db, path, "ornl", ORNL_2026_URL, when)

    return _template(tmp_path_factory, "ornl2026", build)


@pytest.fixture
def ornl_2026_store(_ornl_2026_template: Path, tmp_path: Path) -> Path:
    """This test's copy of a store with every version of the 2026 ORNL page replayed in order."""
    return copy_store(_ornl_2026_template, tmp_path / "s.db")
