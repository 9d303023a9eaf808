"""The `seminars` command: a thin click layer over the library.

Every failure a user can cause ends as one line on stderr and a non-zero exit:
1 for a failed operation, 2 for bad usage (click's own convention).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import sys
from pathlib import Path

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


# ---------------------------------------------------------------- parse / sites


def read_source(path_or_url: str, timeout: float = 30.0) -> tuple[bytes, str, str | None]:
    """The bytes of a local file or a live URL (at most max_bytes), the URL to record as
    source_url, and the Content-Type it was served with (None for a file)."""
    from seminars.errors import FetchError
    from seminars.scrapers.fetch import CrawlSettings

    if path_or_url[:9].lower() == "webcal://":
        path_or_url = "https://" + path_or_url[9:]  # a calendar's "subscribe" link: HTTPS underneath
    if path_or_url.startswith(("http://", "https://")):
        from seminars.scrapers.fetch import fetch_one

        res = fetch_one(path_or_url, timeout=timeout)
        if not res.ok or res.body is None:
            raise SeminarsError(f"{path_or_url}: {res.error or 'fetch failed'}")
        return res.body, res.final_url or path_or_url, res.content_type
    p = Path(path_or_url.removeprefix("file://"))
    if not p.exists():
        raise UsageError(f"{path_or_url}: no such file")
    if p.is_dir():
        raise UsageError(f"{path_or_url}: is a directory, give a page file")
    cap = CrawlSettings().max_bytes
    try:
        with p.open("rb") as fh:
            body = fh.read(cap + 1)  # one byte more tells "too big" without reading /dev/zero
    except OSError as e:
        raise UsageError(f"{path_or_url}: cannot read ({e.strerror})") from None
    if len(body) > cap:
        raise FetchError(f"{path_or_url}: larger than {cap} bytes (max_bytes); not read further")
    return body, p.resolve().as_uri(), None


def _check_zone(tz: str) -> None:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(tz)
    except Exception:
        raise UsageError(f"unknown time zone {tz!r} (use an IANA name such as America/Denver)") from None


@cli.command()
@click.argument("path_or_url")
@click.option("--site", default="auto", show_default=True, help="Parser name, or auto.")
@click.option("--url", "page_url", default=None, help="Original URL of a local file (source_url).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option("--timezone", "tz", default=None,
              help="The venue's IANA zone, for printed local times (a feed's own zones win).")
@click.option("--institution", default=None, help="Institution for the records (overrides the parser's).")
@click.option("--series", default=None, help="Series for the records (overrides the parser's).")
def parse(path_or_url: str, site: str, page_url: str | None, fmt: str, tz: str | None,
          institution: str | None, series: str | None) -> None:
    """Parse one saved or live page and print its records. No store is touched."""
    from seminars.context import ParseContext
    from seminars.errors import UnknownSiteError
    from seminars.record import CSV_COLUMNS
    from seminars.scrapers.registry import get_site, parse_page

    if site != "auto":
        try:
            get_site(site)
        except UnknownSiteError as e:
            raise UsageError(str(e)) from None
    if tz is not None:
        _check_zone(tz)
    body, url, content_type = read_source(path_or_url)
    from seminars.redact import redact_url

    # source_url is printed: never with the password a live URL was fetched with
    ctx = ParseContext(url=redact_url(page_url or url), timezone=tz, institution=institution, series=series,
                       content_type=content_type)
    result = parse_page(body, site=site, ctx=ctx)
    for w in result.warnings:
        _warn(f"{path_or_url}: {w}")
    if fmt == "json":
        click.echo(json.dumps([t.to_dict() for t in result.talks], ensure_ascii=False, indent=2))
        if result.links:
            _warn(f"{path_or_url}: listing page; {len(result.links)} talk link(s) to follow")
    else:
        from seminars.store.export import csv_bytes

        rows = (t.to_csv_row() for t in result.talks)
        click.echo(csv_bytes(CSV_COLUMNS, rows).decode("utf-8"), nl=False)


@cli.command()
def sites() -> None:
    """List the registered site parsers."""
    from seminars.scrapers.registry import all_sites

    for s in all_sites():
        click.echo(f"{s.name:<8} {s.timezone:<18} {s.description}")


# ---------------------------------------------------------------- add

_PREVIEW_ROWS = 15


@cli.command()
@click.argument("url")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sources TOML to append to (default: sources.toml in the current folder; "
                   "created when missing). Its [crawl] settings apply to the fetches.")
@click.option("--yes", "-y", is_flag=True, help="Append the source; without it only the preview.")
@click.option("--site", default=None, help="Use this parser (see `seminars sites`) instead of discovering.")
@click.option("--name", default=None, help="Source name (default: a slug of host and path).")
@click.option("--timezone", "tz", default=None, help="The venue's IANA zone (default: from the data).")
@click.option("--institution", default=None, help="Institution (default: from the records or the host).")
def add(url: str, config_path: Path | None, yes: bool, site: str | None, name: str | None,
        tz: str | None, institution: str | None) -> None:
    """Find what a seminar page offers, preview its talks, and with --yes add it as a source.

    Tried in this order: a registered site parser, a calendar feed the page links to, Indico's
    export API, schema.org events on the page, the generic parser.
    """
    from seminars.addsource import (
        DEFAULT_CONFIG,
        append_source,
        check_new,
        read_sources,
        slug_for,
        source_block,
        unique_name,
    )
    from seminars.config import _crawl_settings
    from seminars.discover import PoliteFetch, discover
    from seminars.errors import UnknownSiteError
    from seminars.redact import redact_url
    from seminars.scrapers.registry import get_site

    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://"):]
    if not url.lower().startswith(("http://", "https://", "file://")):
        raise UsageError(f"{url}: give the page's http(s):// URL")
    if site == "auto":
        site = None
    if site:
        try:
            get_site(site)
        except UnknownSiteError as e:
            raise UsageError(str(e)) from None
    if tz is not None:
        _check_zone(tz)
    for what, value in (("--name", name), ("--institution", institution)):
        if value is not None and not value.strip():
            raise UsageError(f"{what} must not be empty")
    path = config_path or DEFAULT_CONFIG
    raw, entries = read_sources(path)
    check_new(path, entries, url, name)
    import tomllib

    crawl_table = tomllib.loads(raw.decode("utf-8")).get("crawl") if raw else None
    with PoliteFetch(_crawl_settings(crawl_table)) as fetch:
        offers = discover(url, fetch, site=site, timezone=tz, institution=institution)
    best = offers[0]
    shown = redact_url(best.url)
    click.echo(f"{best.site}: {best.found}" + ("" if best.url == url else f": {shown}"))
    for w in best.warnings:
        _warn(w)
    _preview(best)
    for o in offers[1:]:
        click.echo(f"also: {o.site} ({len(o.talks)} talk(s)): {o.found}"
                   + ("" if o.url == url else f": {redact_url(o.url)}"))
    if not yes:
        click.echo(f"not added: run again with --yes to append it to {path}")
        return
    check_new(path, entries, best.url, name)
    chosen = name or unique_name(slug_for(url), {str(e.get("name")) for e in entries})
    block = source_block(name=chosen, url=best.url, site=best.site, timezone=best.timezone,
                         institution=best.institution, found=best.found)
    append_source(path, raw, block)
    click.echo(f"added source {chosen!r} ({best.site}) to {path}")
    if best.timezone is None:
        _warn(f"the venue's time zone is unknown: set `timezone` in {path} (a commented line "
              "marks it), or times print in the parser's default zone")


def _preview(offer) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    talks = sorted(offer.talks, key=lambda t: (t.date or "9999", t.start or ""))
    click.echo(f"{len(talks)} talk(s); zone {offer.timezone or 'unknown'}; "
               f"institution {offer.institution}"
               + (f"; a listing linking {offer.links} talk page(s), followed by the crawl"
                  if offer.links else ""))
    if not talks:
        return
    table = Table(show_lines=False)
    for c in ("date", "time", "speakers", "title"):
        table.add_column(c)
    for t in talks[:_PREVIEW_ROWS]:
        when = "–".join(x[11:16] for x in (t.start, t.end) if x)
        who = "; ".join(s.name + (f" ({s.affiliation})" if s.affiliation else "") for s in t.speakers)
        title = t.title or "TBA"
        if t.status != "scheduled":
            title = f"[{t.status}] {title}"
        # Text, not markup: a title with [brackets] is printed as written
        table.add_row(*(Text(x) for x in (t.date or "TBD", when, who, title)))
    # wide enough that a speaker and affiliation stay on one line in a pipe or a log
    Console(width=max(140, shutil.get_terminal_size()[0])).print(table)
    if len(talks) > _PREVIEW_ROWS:
        click.echo(f"… {len(talks) - _PREVIEW_ROWS} more")



# ---------------------------------------------------------------- store commands


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


@cli.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sources TOML (default: the built-in sources).")
@db_option
@overrides_option
@click.option("--quiet", "-q", is_flag=True, help="Only alerts and errors (automatic without a TTY).")
def crawl(config_path: Path | None, db_path: Path | None, overrides: Path | None, quiet: bool) -> None:
    """Fetch every source, parse, store, merge; print new alerts.

    Exit 0 when all sources succeeded, 1 when some failed (the others are still stored).
    """
    from seminars import pipeline
    from seminars.config import load_config
    from seminars.errors import LockedError
    from seminars.store.db import run_lock

    cfg = load_config(config_path)
    interactive = sys.stderr.isatty() and not quiet
    try:
        with run_lock(db_path):
            con = _open(db_path)
            report = _run_with_progress(con, cfg, overrides, interactive)
            for r in report.failed:
                if r.report_error or interactive:
                    click.echo(f"seminars: source {r.name} failed: {r.error}", err=True)
            for r in report.results:
                if r.recovered:
                    click.echo(f"seminars: source {r.name} recovered", err=True)
                if r.warning and (r.report_warning or interactive):
                    click.echo(f"seminars: warning: source {r.name}: {r.warning}", err=True)
            _print_alerts(report.alerts)
            for line in pipeline.announce(con, report, cfg):
                click.echo(f"seminars: {line}", err=True)
            if interactive:
                click.echo(report.summary(), err=True)
    except LockedError as e:
        # cron's next run overlapping this one is normal: say so, but it is not a failure
        click.echo(f"seminars: {e}", err=True)
        sys.exit(0)
    sys.exit(1 if report.failed else 0)


def _run_with_progress(con, cfg, overrides: Path | None, interactive: bool):
    from seminars.pipeline import run

    if not interactive:
        return run(con, cfg, overrides=overrides)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("crawling", total=0)

        def grow(n: int) -> None:
            progress.update(task, total=(progress.tasks[0].total or 0) + n)

        return run(con, cfg, overrides=overrides, on_progress=lambda r: progress.advance(task),
                   on_total=grow)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--site", required=True, help="Parser name (see `seminars sites`), or auto.")
@click.option("--url", "page_url", required=True, help="The page's original URL.")
@click.option("--observed-at", default=None, help="When this copy was seen (ISO 8601; default now).")
@db_option
@overrides_option
def ingest(path: Path, site: str, page_url: str, observed_at: str | None, db_path: Path | None,
           overrides: Path | None) -> None:
    """Store a saved copy of a page as if it had been crawled at --observed-at."""
    from seminars.pipeline import store_parsed
    from seminars.store.db import run_lock

    when = _iso(observed_at, "--observed-at")
    body, _, _ = read_source(str(path))
    with run_lock(db_path):
        con = _open(db_path)
        outcome, links = store_parsed(con, source=f"ingest {page_url}", site=site, url=page_url,
                                      body=body, observed_at=when, origin="ingest")
        _merge_after(con, overrides)
    if outcome.refused:
        _fail(f"{path}: {outcome.refused}")
    click.echo(
        f"{path}: {outcome.talks} talk(s): {outcome.new} new, {outcome.changed} changed, "
        f"{outcome.unlisted} no longer listed; {len(outcome.alerts)} new alert(s)"
        + (f"; {len(links)} talk link(s) on this listing" if links else ""),
        err=True,
    )
    _print_alerts(outcome.alerts)


@cli.command()
@db_option
@overrides_option
def reparse(db_path: Path | None, overrides: Path | None) -> None:
    """Re-run today's parsers over the stored raw pages (newest copy of each page)."""
    from seminars.errors import ParseError
    from seminars.pipeline import reparse_stored
    from seminars.store.db import run_lock

    with run_lock(db_path):
        con = _open(db_path)
        results = reparse_stored(con)
        _merge_after(con, overrides)
    bad = 0
    for url, outcome in results:
        if isinstance(outcome, ParseError) or getattr(outcome, "refused", None):
            bad += 1
            click.echo(f"seminars: {url}: {getattr(outcome, 'refused', None) or outcome}", err=True)
        else:
            click.echo(f"{url}: {outcome.talks} talk(s), {outcome.changed} changed, {outcome.new} new")
    sys.exit(1 if bad else 0)


@cli.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@overrides_option
def import_(file: Path, db_path: Path | None, overrides: Path | None) -> None:
    """Add talk records from a JSON Lines file (one DESIGN.md record per line).

    Every line is checked against the record contract first: one bad line refuses the whole
    file (its line number, field and why) and nothing is stored. A record repeated in the
    file is imported once, with a warning naming both lines.
    """
    from seminars.store.db import run_lock
    from seminars.store.imports import import_jsonl

    with run_lock(db_path):
        con = _open(db_path)
        n, new, repeats = import_jsonl(con, file, observed_at=_iso(None, "now"))
        _merge_after(con, overrides)
    # A repeated record is imported once: the second copy adds nothing, and refusing the file
    # would only make the user delete the line by hand. Said, so a botched concat is noticed.
    for line, first in repeats[:10]:
        _warn(f"{file}: line {line} repeats line {first} (the same record); imported once")
    if len(repeats) > 10:
        _warn(f"{file}: {len(repeats) - 10} more repeated line(s); each imported once")
    click.echo(f"{file}: {n} record(s) read, {new} new", err=True)


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
    con = _open(db_path)
    _merge_after(con, overrides)
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


@cli.command()
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def query(speaker, text, after, before, institution, series, fmt, db_path) -> None:
    """Find talk occurrences in the merged dataset."""
    from seminars.store.query import QUERY_COLUMNS, run_query

    sel = _filters(speaker, text, after, before, institution, series)
    rows = run_query(_open(db_path), **sel)
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

    con = _open(db_path)
    found = load_alerts(con, only_new=not show_all)
    if fmt == "json":
        click.echo(json.dumps([a.to_json_dict() for a in found], ensure_ascii=False, indent=2))
    elif found:
        click.echo(format_text(found), nl=False)
    if not show_all and getattr(con, "readonly", False):
        _warn("the store is read-only: these alerts stay new (not marked seen)")
    elif not show_all:
        mark_shown(con, [a.id for a in found])


@cli.command(name="merge")
@click.option("--full", is_flag=True, help="Merge every record again, not only what changed.")
@db_option
@overrides_option
def merge_cmd(full: bool, db_path: Path | None, overrides: Path | None) -> None:
    """Merge stored records into talks (crawl, ingest, import and export do this already)."""
    from seminars.pipeline import merge
    from seminars.store.db import run_lock

    with run_lock(db_path):
        stats = merge(_open(db_path), overrides, full=full)
    if stats is None:
        raise UsageError("the store is read-only: nothing was merged")
    what = "nothing changed" if stats.skipped else f"merged {stats.merged} record(s)"
    click.echo(f"{what}: {stats.records} records, {stats.occurrences} occurrences, {stats.talks} talks")


@cli.command()
@click.argument("talk_id")
@db_option
def explain(talk_id: str, db_path: Path | None) -> None:
    """Why the records of a merged talk (t...) or occurrence (o...) were put together."""
    from seminars.store.query import explain_lines

    lines = explain_lines(_open(db_path), talk_id)
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


if __name__ == "__main__":
    main()
