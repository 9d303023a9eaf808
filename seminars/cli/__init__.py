"""The `seminars` command: a thin click layer over the library.

Every failure a user can cause ends as one line on stderr and a non-zero exit:
1 for a failed operation, 2 for bad usage (click's own convention). The commands live in
`pages` (parse, sites, add), `runs` (crawl, ingest, reparse, import, merge) and `data`
(export, query, alerts, explain, serve); this module holds the group, the shared options
and helpers, and `main`.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import click

from seminars.errors import SeminarsError, UsageError


def _fail(msg: str, code: int = 1) -> None:
    from seminars.redact import redact_text

    # Every message may quote a URL: never its password, never a screenful of it.
    click.echo(f"seminars: error: {redact_text(msg)}", err=True)
    sys.exit(code)


def _warn(msg: str) -> None:
    from seminars.redact import redact_text

    click.echo(f"seminars: warning: {redact_text(msg)}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="seminars")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="SQLite store for every command (same as the commands' own --db).")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """Crawl seminar pages into clean talk records, merge them, alert on bio changes."""
    # `seminars --db X crawl` works like `seminars crawl --db X`: the commands' --db reads it.
    ctx.ensure_object(dict)["db_path"] = db_path


def _db_default(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    """A command's --db, else the group's --db; None leaves it to $SEMINARS_DB or the default."""
    if value is None:
        group = (ctx.find_root().obj or {}).get("db_path")
        value = Path(group) if group else None
    return value


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    callback=_db_default,
    help="SQLite store (default: $SEMINARS_DB or a per-user data path).",
)


def _open(db_path: Path | None):
    from seminars.store.db import connect

    return connect(db_path)


def _iso(value: str | None, what: str) -> str:
    from datetime import UTC, datetime

    if value is None:
        return datetime.now(UTC).replace(microsecond=0).isoformat()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not an ISO 8601 date-time (e.g. 2026-01-14T17:55:44Z)") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


def _print_alerts(alerts) -> None:
    from seminars.alerts import format_text

    if alerts:
        click.echo(format_text(alerts), nl=False)


def _merge_after(con, overrides: Path | None) -> None:
    from seminars.pipeline import merge

    merge(con, overrides)


overrides_option = click.option(
    "--overrides", type=click.Path(dir_okay=False, path_type=Path), envvar="SEMINARS_OVERRIDES",
    default=None, help="TOML of must_link / cannot_link corrections for the merge.",
)


def writes_store(*, locked_ok: bool = False) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """For a command that writes the store: adds --db and --overrides, takes the run lock,
    and calls the command with the open store as `con` (and `overrides`).

    locked_ok: another run holding the lock is not a failure (cron's next crawl overlapping
    this one says so and exits 0); for other commands it is a one-line error.
    """

    def deco(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def wrapper(*args: Any, db_path: Path | None, **kwargs: Any) -> None:
            from seminars.errors import LockedError
            from seminars.store.db import run_lock

            try:
                with run_lock(db_path), closing(_open(db_path)) as con:
                    fn(*args, con=con, **kwargs)
            except LockedError as e:
                if not locked_ok:
                    raise
                click.echo(f"seminars: {e}", err=True)
                sys.exit(0)

        return db_option(overrides_option(wrapper))

    return deco


def main() -> None:
    # Library modules log details (robots notes, tracebacks of bugs); the CLI speaks for itself
    # in one line per problem, so their logs show only with SEMINARS_DEBUG=1.
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("SEMINARS_DEBUG") else logging.CRITICAL + 1,
        format="seminars: %(name)s: %(message)s",
    )
    from seminars.redact import install_log_redaction

    install_log_redaction()  # httpx and apprise log URLs with their passwords
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted", 1)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except UsageError as e:
        _fail(str(e), 2)
    except SeminarsError as e:
        _fail(str(e), 1)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except sqlite3.Error as e:  # a write outside store.db.transaction hit a full disk, ...
        from seminars.store.faults import describe

        message = describe(e, os.environ.get("SEMINARS_DB") or "the store")
        if message is None and os.environ.get("SEMINARS_DEBUG"):
            raise
        _fail(message or f"internal error: {type(e).__name__}: {e} (run with SEMINARS_DEBUG=1 for details)")
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # a bug must still end in one line; SEMINARS_DEBUG=1 shows where
        if os.environ.get("SEMINARS_DEBUG"):
            raise
        _fail(f"internal error: {type(e).__name__}: {e} (run with SEMINARS_DEBUG=1 for details)")


# The commands register themselves on `cli` when their modules are imported.
from seminars.cli import data, pages, runs  # noqa: E402, F401
