"""Run the real `seminars` entry point in a subprocess, as cron or a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seminars(*args: str | Path, db: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m seminars.cli ARGS` with SEMINARS_DB=db; a traceback on stderr always fails the test."""
    # SEMINARS_DEBUG would turn one-line errors into tracebacks: tests check the user's view.
    env = {k: v for k, v in os.environ.items() if k != "SEMINARS_DEBUG"}
    if db:
        env["SEMINARS_DB"] = str(db)
    r = subprocess.run([sys.executable, "-m", "seminars.cli", *map(str, args)], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=timeout)
    assert "Traceback" not in r.stderr, r.stderr
    return r
