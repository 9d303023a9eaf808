"""Run the `seminars` command as a user would: in this process by default, or in a real one.

`seminars(...)` calls the real entry point, `seminars.cli:main` (its one-line errors and exit
codes included), inside click's CliRunner isolation: same exit code, same stdout and stderr,
without the ~0.5 s start of a new interpreter. `seminars_process(...)` runs
`python -m seminars.cli` in a subprocess, for the tests where the process boundary is the
thing tested (kill -9, the run lock, tty/stdin, peak memory, timeouts, log redaction).
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from seminars import cli as cli_module
from seminars.store import badrows

ROOT = Path(__file__).resolve().parents[1]
# What `python -m seminars.cli` shows in usage lines; in-process click would guess pytest's name.
PROG_NAME = "python -m seminars.cli"


def _exit_code(e: SystemExit) -> tuple[int, str]:
    """The status and message a process ending with this SystemExit would have."""
    if e.code is None:
        return 0, ""
    if isinstance(e.code, int):
        return e.code, ""
    return 1, f"{e.code}\n"


def seminars(*args: str | Path, db: Path | None = None, timeout: float = 120,
             input: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    """`seminars ARGS` in this process with SEMINARS_DB=db; a traceback always fails the test.

    ``timeout`` is kept for the subprocess signature; an in-process call is not cut short.
    """
    argv = [str(a) for a in args]
    # SEMINARS_DEBUG would turn one-line errors into tracebacks: tests check the user's view.
    env: dict[str, str | None] = {"SEMINARS_DEBUG": None}
    if db:
        env["SEMINARS_DB"] = str(db)
    # main() and `seminars --db` change process-wide state; put every piece of it back.
    saved_environ, saved_argv, saved_cwd = dict(os.environ), sys.argv, os.getcwd()
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, root.handlers[:]
    group = cli_module.cli
    code, extra_err = 0, ""
    # badrows names a skipped row once per process, i.e. once per command: a new command here.
    badrows._named.clear()
    badrows._valid.clear()
    try:
        os.chdir(ROOT)
        with CliRunner().isolation(input=input, env=env) as (out, err, _mixed):
            sys.argv = [PROG_NAME, *argv]
            group.main = functools.partial(type(group).main, group, prog_name=PROG_NAME)  # type: ignore[method-assign]
            try:
                cli_module.main()
            except SystemExit as e:
                code, extra_err = _exit_code(e)
            finally:
                del group.main
                sys.stdout.flush()
                sys.stderr.flush()
            stdout = out.getvalue().decode("utf-8")
            stderr = err.getvalue().decode("utf-8", "backslashreplace") + extra_err
    finally:
        # A connection the command left open would otherwise be closed (and its WAL
        # checkpointed into the store) at some later moment; a process closes it on exit.
        gc.collect()
        os.chdir(saved_cwd)
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_environ)
        root.setLevel(saved_level)
        root.handlers[:] = saved_handlers
    assert "Traceback" not in stderr, stderr
    return subprocess.CompletedProcess([PROG_NAME, *argv], code, stdout, stderr)


def seminars_process(*args: str | Path, db: Path | None = None, timeout: float = 120,
                     input: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m seminars.cli ARGS` in a subprocess with SEMINARS_DB=db; no traceback allowed."""
    env = {k: v for k, v in os.environ.items() if k != "SEMINARS_DEBUG"}
    if db:
        env["SEMINARS_DB"] = str(db)
    r = subprocess.run([sys.executable, "-m", "seminars.cli", *map(str, args)], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=timeout, input=input)
    assert "Traceback" not in r.stderr, r.stderr
    return r
