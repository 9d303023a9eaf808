"""The `seminars` command: a thin click layer over the library.

Every failure a user can cause ends as one line on stderr and a non-zero exit:
1 for a failed operation, 2 for bad usage (click's own convention).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from seminars.errors import SeminarsError, UsageError


def _fail(msg: str, code: int = 1) -> None:
    click.echo(f"seminars: error: {msg}", err=True)
    sys.exit(code)


def _warn(msg: str) -> None:
    click.echo(f"seminars: warning: {msg}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="seminars")
def cli() -> None:
    """Crawl seminar pages into clean talk records, merge them, alert on bio changes."""


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SEMINARS_DB",
    default=None,
    help="SQLite store (default: $SEMINARS_DB or a per-user data path).",
)


# ---------------------------------------------------------------- parse / sites


def read_source(path_or_url: str, timeout: float = 30.0) -> tuple[bytes, str]:
    """The bytes of a local file or a live URL, and the URL to record as source_url."""
    if path_or_url.startswith(("http://", "https://")):
        from scrapers.fetch import fetch_one

        res = fetch_one(path_or_url, timeout=timeout)
        if not res.ok or res.body is None:
            raise SeminarsError(f"{path_or_url}: {res.error or 'fetch failed'}")
        return res.body, res.final_url or path_or_url
    p = Path(path_or_url.removeprefix("file://"))
    if not p.exists():
        raise UsageError(f"{path_or_url}: no such file")
    if p.is_dir():
        raise UsageError(f"{path_or_url}: is a directory, give a page file")
    try:
        return p.read_bytes(), p.resolve().as_uri()
    except OSError as e:
        raise UsageError(f"{path_or_url}: cannot read ({e.strerror})") from None


@cli.command()
@click.argument("path_or_url")
@click.option("--site", default="auto", show_default=True, help="Parser name, or auto.")
@click.option("--url", "page_url", default=None, help="Original URL of a local file (source_url).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
def parse(path_or_url: str, site: str, page_url: str | None, fmt: str) -> None:
    """Parse one saved or live page and print its records. No store is touched."""
    from scrapers.registry import parse_page
    from seminars.record import CSV_COLUMNS

    body, url = read_source(path_or_url)
    result = parse_page(body, page_url or url, site)
    for w in result.warnings:
        _warn(f"{path_or_url}: {w}")
    if fmt == "json":
        click.echo(json.dumps([t.to_dict() for t in result.talks], ensure_ascii=False, indent=2))
        if result.links:
            _warn(f"{path_or_url}: listing page; {len(result.links)} talk link(s) to follow")
    else:
        from store.export import safe_cell

        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
        w.writeheader()
        for t in result.talks:
            w.writerow({k: safe_cell(v) for k, v in t.to_csv_row().items()})
        click.echo(buf.getvalue(), nl=False)


@cli.command()
def sites() -> None:
    """List the registered site parsers."""
    from scrapers.registry import all_sites

    for s in all_sites():
        click.echo(f"{s.name:<8} {s.timezone:<18} {s.description}")


def main() -> None:
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
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
