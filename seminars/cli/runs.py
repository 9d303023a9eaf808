"""`seminars crawl`, `ingest`, `reparse`, `import` and `merge`: commands that write the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from seminars.cli import (
    _fail,
    _iso,
    _merge_after,
    _print_alerts,
    _warn,
    cli,
    writes_store,
)
from seminars.cli.pages import _check_site_and_zone, read_source
from seminars.errors import UsageError


@cli.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sources TOML (default: the built-in sources).")
@click.option("--quiet", "-q", is_flag=True, help="Only alerts and errors (automatic without a TTY).")
@writes_store(locked_ok=True)
def crawl(con, config_path: Path | None, overrides: Path | None, quiet: bool) -> None:
    """Fetch every source, parse, store, merge; print new alerts.

    Exit 0 when all sources succeeded, 1 when some failed (the others are still stored).
    """
    from seminars import pipeline
    from seminars.config import load_config

    cfg = load_config(config_path)
    interactive = sys.stderr.isatty() and not quiet
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


def _known_site(site: str) -> str:
    """A typo in --site is bad usage (exit 2), said before the store is opened."""
    _check_site_and_zone(None if site == "auto" else site, None)
    return site


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--site", required=True, callback=lambda _c, _p, v: _known_site(v),
              help="Parser name (see `seminars sites`), or auto.")
@click.option("--url", "page_url", required=True, help="The page's original URL.")
@click.option("--observed-at", default=None, help="When this copy was seen (ISO 8601; default now).")
@writes_store()
def ingest(con, path: Path, site: str, page_url: str, observed_at: str | None,
           overrides: Path | None) -> None:
    """Store a saved copy of a page as if it had been crawled at --observed-at."""
    from seminars.pipeline import store_parsed

    when = _iso(observed_at, "--observed-at")
    body, _, _ = read_source(str(path))
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
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sources TOML: pages are read in their source's zone, institution and series "
                   "(without it, in each site's defaults).")
@writes_store()
def reparse(con, config_path: Path | None, overrides: Path | None) -> None:
    """Re-run today's parsers over the stored raw pages (newest copy of each page)."""
    from seminars.config import load_config
    from seminars.errors import ParseError
    from seminars.pipeline import reparse_stored

    results = reparse_stored(con, load_config(config_path) if config_path else None)
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
@writes_store()
def import_(con, file: Path, overrides: Path | None) -> None:
    """Add talk records from a JSON Lines file (one DESIGN.md record per line).

    Every line is checked against the record contract first: one bad line refuses the whole
    file (its line number, field and why) and nothing is stored. A record repeated in the
    file is imported once, with a warning naming both lines.
    """
    from seminars.store.imports import import_jsonl

    n, new, repeats = import_jsonl(con, file, observed_at=_iso(None, "now"))
    _merge_after(con, overrides)
    # A repeated record is imported once: the second copy adds nothing, and refusing the file
    # would only make the user delete the line by hand. Said, so a botched concat is noticed.
    for line, first in repeats[:10]:
        _warn(f"{file}: line {line} repeats line {first} (the same record); imported once")
    if len(repeats) > 10:
        _warn(f"{file}: {len(repeats) - 10} more repeated line(s); each imported once")
    click.echo(f"{file}: {n} record(s) read, {new} new", err=True)


@cli.command(name="merge")
@click.option("--full", is_flag=True, help="Merge every record again, not only what changed.")
@writes_store()
def merge_cmd(con, full: bool, overrides: Path | None) -> None:
    """Merge stored records into talks (crawl, ingest, import and export do this already)."""
    from seminars.pipeline import merge

    stats = merge(con, overrides, full=full)
    if stats is None:
        raise UsageError("the store is read-only: nothing was merged")
    what = "nothing changed" if stats.skipped else f"merged {stats.merged} record(s)"
    click.echo(f"{what}: {stats.records} records, {stats.occurrences} occurrences, {stats.talks} talks")
