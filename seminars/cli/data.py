"""`seminars export`, `query`, `alerts`, `explain` and `serve`: reading the merged dataset."""

from __future__ import annotations

import json
import shutil
from contextlib import closing
from pathlib import Path

import click

from seminars.cli import (
    _merge_after,
    _open,
    _warn,
    cli,
    db_option,
    overrides_option,
)
from seminars.errors import SeminarsError, UsageError


def _filter_options(f):
    """The selection `query` and `export` share (see store/query.py filter_talks)."""
    for opt in reversed([
        click.option("--speaker", default=None, help="Part of a speaker's name (accents and case ignored)."),
        click.option("--text", default=None, help="Words in the title or abstract."),
        click.option("--after", default=None, help="On or after this date (YYYY-MM-DD)."),
        click.option("--before", default=None, help="On or before this date (YYYY-MM-DD)."),
        click.option("--institution", default=None, help="One or several, comma-separated: ORNL,LANL."),
        click.option("--series", default=None, help="Part of the series name: 'ORNL AI Seminar'."),
    ]):
        f = opt(f)
    return f


def _filters(speaker, text, after, before, institution, series) -> dict:
    from datetime import date

    for name, v in (("--after", after), ("--before", before)):
        if v is not None:
            _check_date(name, v)
    # Dates compare as strings: "20260301" (also ISO) must read as "2026-03-01".
    after, before = (date.fromisoformat(v).isoformat() if v else v for v in (after, before))
    return {"speaker": speaker, "text": text, "after": after, "before": before,
            "institution": institution, "series": series}


def _calendar_name(sel: dict) -> str:
    """A subscriber's calendar title that says what the file holds."""
    parts = [sel[k] for k in ("series", "institution") if sel[k]]
    if sel["speaker"]:
        parts.append(f"talks by {sel['speaker']}")
    if sel["text"]:
        parts.append(f"“{sel['text']}”")
    if sel["after"] or sel["before"]:
        parts.append(f"{sel['after'] or '…'} to {sel['before'] or '…'}")
    return "Seminars" + (": " + ", ".join(parts) if parts else "")


@cli.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "ics"]), default="csv", show_default=True)
@_filter_options
@db_option
@overrides_option
def export(out_dir: Path, fmt: str, speaker, text, after, before, institution, series,
           db_path: Path | None, overrides: Path | None) -> None:
    """Write the merged dataset: talks.csv + occurrences.csv (or talks.json / talks.ics).

    The filters select as `query` does; a talk keeps only its matching occurrences.
    """
    from seminars.store.dataset import load_dataset
    from seminars.store.export import export_csv, export_ics, export_json
    from seminars.store.query import filter_talks

    sel = _filters(speaker, text, after, before, institution, series)
    with closing(_open(db_path)) as con:
        _merge_unless_locked(con, db_path, overrides)
        talks = filter_talks(load_dataset(con), **sel)
        writer = {"csv": export_csv, "json": export_json,
                  "ics": lambda t, out: export_ics(t, out, name=_calendar_name(sel))}[fmt]
        try:
            written = writer(talks, out_dir)
        except OSError as e:
            raise SeminarsError(f"cannot write to {out_dir}: {e.strerror or e}") from None
        for p in written:
            click.echo(str(p))
        if any(sel.values()):
            n = sum(len(t.occurrences) for t in talks)
            click.echo(f"{len(talks)} talk(s), {n} occurrence(s) selected", err=True)


def _merge_unless_locked(con, db_path: Path | None, overrides: Path | None) -> None:
    """Export merges what was stored since the last merge, under the run lock; while a crawl
    holds it (or the store is read-only) the talks are exported as last merged."""
    from seminars.errors import LockedError
    from seminars.store.db import run_lock

    if getattr(con, "readonly", False):
        return
    try:
        with run_lock(db_path):
            _merge_after(con, overrides)
    except LockedError:
        _warn("another seminars run holds the store: exported the talks as last merged")


@cli.command()
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def query(speaker, text, after, before, institution, series, fmt, db_path) -> None:
    """Find talk occurrences in the merged dataset."""
    from seminars.store.query import QUERY_COLUMNS, run_query

    sel = _filters(speaker, text, after, before, institution, series)
    with closing(_open(db_path)) as con:
        rows = run_query(con, **sel)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from seminars.store.export import csv_bytes

        click.echo(csv_bytes(QUERY_COLUMNS, rows).decode("utf-8"), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for c in ("date", "speakers", "title", "institution", "status", "talk_id"):
            table.add_column(c)
        for r in rows:
            table.add_row(*(str(r.get(c) or "") for c in ("date", "speakers", "title", "institution", "status", "talk_id")))
        Console(width=max(120, shutil.get_terminal_size()[0])).print(table)
        click.echo(f"{len(rows)} occurrence(s)", err=True)


def _check_date(name: str, v: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(v)
    except ValueError:
        raise UsageError(f"{name}: {v!r} is not a date (YYYY-MM-DD)") from None


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Every alert ever raised, not only new ones.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def alerts(show_all: bool, fmt: str, db_path: Path | None) -> None:
    """Bio-change and talk alerts: the new ones (then marked seen), or --all."""
    from seminars.alerts import format_text
    from seminars.store.alerting import load_alerts, mark_shown

    with closing(_open(db_path)) as con:
        found = load_alerts(con, only_new=not show_all)
        if fmt == "json":
            click.echo(json.dumps([a.to_json_dict() for a in found], ensure_ascii=False, indent=2))
        elif found:
            click.echo(format_text(found), nl=False)
        if not show_all and getattr(con, "readonly", False):
            _warn("the store is read-only: these alerts stay new (not marked seen)")
        elif not show_all:
            mark_shown(con, [a.id for a in found])


@cli.command()
@click.argument("talk_id")
@db_option
def explain(talk_id: str, db_path: Path | None) -> None:
    """Why the records of a merged talk (t...) or occurrence (o...) were put together."""
    from seminars.store.query import explain_lines

    with closing(_open(db_path)) as con:
        lines = explain_lines(con, talk_id)
    if not lines:
        raise UsageError(f"no talk or occurrence with id {talk_id!r} (ids are in talks.csv)")
    click.echo("\n".join(lines))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (only this machine by default).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
def serve(db_path: Path | None, host: str, port: int) -> None:
    """Browse, search and subscribe to the store in Datasette (read-only)."""
    import errno
    import socket

    from seminars.serve import make_datasette, run
    from seminars.store.db import default_db_path

    store = Path(db_path) if db_path else default_db_path()
    ds = make_datasette(store)  # fails here, in one line, on a missing or unusable store
    try:  # uvicorn would log a bind failure and exit 1 with no reason a user reads
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as e:
        why = "in use" if e.errno == errno.EADDRINUSE else (e.strerror or str(e))
        raise UsageError(f"cannot listen on {host}:{port}: {why}") from None
    click.echo(f"seminars: serving {store} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(ds, host, port)
