"""`seminars parse`, `sites` and `add`: pages and sources, no store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from seminars.cli import _warn, cli
from seminars.errors import SeminarsError, UsageError


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


def _check_site_and_zone(site: str | None, tz: str | None) -> None:
    """Bad --site or --timezone is bad usage (exit 2), said before anything is fetched."""
    from seminars.errors import UnknownSiteError
    from seminars.scrapers.registry import get_site

    if site:
        try:
            get_site(site)
        except UnknownSiteError as e:
            raise UsageError(str(e)) from None
    if tz is not None:
        _check_zone(tz)


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
    from seminars.record import CSV_COLUMNS
    from seminars.scrapers.registry import parse_page

    _check_site_and_zone(None if site == "auto" else site, tz)
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
    from seminars.redact import redact_url

    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://"):]
    if not url.lower().startswith(("http://", "https://", "file://")):
        raise UsageError(f"{url}: give the page's http(s):// URL")
    if site == "auto":
        site = None
    _check_site_and_zone(site, tz)
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
