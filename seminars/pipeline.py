"""The run: fetch -> parse -> store each source, then merge, then alerts.

urlwatch-style: a failing source never stops the run; its error is one more result, and
an error is reported once per state (not on every hourly run while it lasts).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from seminars.alerts import Alert
from seminars.config import Config, Source
from seminars.context import ParseContext
from seminars.errors import ConfigError, ParseError
from seminars.parsepool import ParsePool
from seminars.redact import carry_credentials, redact_text, redact_url
from seminars.scope import link_refusal
from seminars.scrapers.fetch import Fetcher, FetchRequest, FetchResult
from seminars.scrapers.registry import ParseResult, all_sites, parse_page
from seminars.store import sources
from seminars.store.alerting import (
    mark_shown,
    owed_alerts,
    queue_deliveries,
    record_deliveries,
    save_alerts,
)
from seminars.store.db import transaction
from seminars.store.merging import MergeStats
from seminars.store.pages import PageOutcome, apply_page, body_hash
from seminars.store.robots_cache import robots_cache_for

log = logging.getLogger(__name__)
T = TypeVar("T")
InDb = Callable[..., Awaitable[Any]]


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class SourceResult:
    name: str
    url: str
    state: str  # fetched | unchanged | not_modified | failed
    error: str | None = None
    report_error: bool = False  # a new error state: say it (once)
    warning: str | None = None  # e.g. links left unfetched at max_pages
    report_warning: bool = False  # a new warning: say it (once, like errors)
    recovered: bool = False
    outcome: PageOutcome | None = None


@dataclass
class RunReport:
    results: list[SourceResult] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for r in self.results if r.state == state)

    @property
    def failed(self) -> list[SourceResult]:
        return [r for r in self.results if r.state == "failed"]

    def summary(self) -> str:
        new = sum(r.outcome.new for r in self.results if r.outcome)
        changed = sum(r.outcome.changed for r in self.results if r.outcome)
        unlisted = sum(r.outcome.unlisted for r in self.results if r.outcome)
        return (
            f"{len(self.results)} pages: {self.count('fetched')} fetched, "
            f"{self.count('not_modified') + self.count('unchanged')} not modified, "
            f"{self.count('failed')} failed; talks: {new} new, {changed} changed, "
            f"{unlisted} no longer listed; {len(self.alerts)} new alert(s)"
        )


def store_parsed(
    con: sqlite3.Connection,
    *,
    source: str,
    site: str,
    url: str,
    body: bytes,
    observed_at: str,
    origin: str,
    status: int | None = 200,
    etag: str | None = None,
    last_modified: str | None = None,
    parsed: ParseResult | None = None,
    ctx: ParseContext | None = None,
) -> tuple[PageOutcome, list[str]]:
    """Parse a page and store it in one transaction: the path shared by crawl and ingest.

    ``ctx`` is what the source says (its zone, institution, series); the page's printed
    local times are read in its zone by the parser. Returns the outcome and the listing
    links to follow. Raises ParseError.
    """
    url, source = redact_url(url), redact_text(source, limit=None)  # the store keeps no credentials
    result = parsed or parse_page(body, site=site, ctx=ctx or ParseContext(url=url, observed_at=observed_at))
    with transaction(con):
        outcome = apply_page(
            con, source=source, site=result.site, url=url, observed_at=observed_at,
            talks=result.talks, body=body, status=status, etag=etag,
            last_modified=last_modified, origin=origin,
        )
        if result.links and not result.talks:
            outcome.refused = None  # a listing holds links, not talks
        outcome.alerts = save_alerts(con, outcome.alerts, observed_at)
    # Only a listing's links are followed: a talk page's previous/next links would walk the archive.
    return outcome, (result.links if not result.talks else [])


def _set_state(con: sqlite3.Connection, src: Source, res: SourceResult, fetch: FetchResult | None,
               site: str) -> None:
    """Remember validators and the error state; decide whether this error is news."""
    url = redact_url(src.url)
    if res.state == "failed":
        res.report_error = sources.record_failure(con, name=src.name, url=url, site=site,
                                                  parent=src.parent, error=res.error or "failed")
        return
    validators = None
    if fetch is not None and fetch.status == 200:
        validators = {"etag": fetch.etag, "last_modified": fetch.last_modified,
                      "body_hash": body_hash(fetch.body or b"")}
    res.recovered = sources.record_success(con, name=src.name, url=url, site=site, parent=src.parent,
                                           validators=validators)


def _request(con: sqlite3.Connection, src: Source) -> FetchRequest:
    row = sources.get(con, src.name)
    if row is None or row["error"] or row["url"] != redact_url(src.url):
        return FetchRequest(src.url)
    return FetchRequest(src.url, etag=row["etag"], last_modified=row["last_modified"])


async def _handle(con: sqlite3.Connection, src: Source, fetch: FetchResult, in_db: InDb,
                  parse_in: InDb, my_turn: Callable[[], Awaitable[None]]
                  ) -> tuple[SourceResult, list[str]]:
    """Parse a fetched page (any time) and store it (in its turn, see _Turns)."""
    res = SourceResult(name=src.name, url=src.url, state="failed")
    links: list[str] = []
    parsed: ParseResult | None = None
    if not fetch.ok:
        res.error = redact_text(fetch.error or f"HTTP {fetch.status}", limit=None)
    elif fetch.not_modified:
        res.state = "not_modified"
    else:
        row = await in_db(sources.get, con, src.name)
        if row is not None and row["body_hash"] == body_hash(fetch.body or b"") and not row["error"]:
            res.state = "unchanged"  # same bytes as last time: nothing to re-parse
        else:
            try:
                # Parse in a worker process, so other fetches keep moving meanwhile and a
                # page that takes too long is stopped.
                ctx = src.context(url=redact_url(src.url), content_type=fetch.content_type,
                                  observed_at=fetch.fetched_at)
                parsed = await parse_in(partial(parse_page, fetch.body or b"", site=src.site, ctx=ctx))
            except ParseError as e:
                res.error = str(e)
    await my_turn()
    if parsed is not None:
        outcome, links = await in_db(
            store_parsed, con, source=src.name, site=src.site, url=src.url, body=fetch.body or b"",
            observed_at=fetch.fetched_at, origin="crawl", status=fetch.status,
            etag=fetch.etag, last_modified=fetch.last_modified, parsed=parsed,
        )
        res.outcome = outcome
        if parsed.warnings:  # e.g. a broken JSON-LD block skipped beside good ones
            res.warning = "; ".join(parsed.warnings)
        if outcome.refused:
            res.error = outcome.refused
        else:
            res.state = "fetched"
    await in_db(_set_state, con, src, res, fetch, src.site)
    return res, links


class _Turns:
    """Pages are stored in the order their sources were scheduled (the config's order, then
    each listing's links in page order), whatever order the network delivers them in.

    Fetching and parsing stay concurrent; only the writes queue. So one run over the same
    pages always stores, merges and alerts the same way: two sources that print different
    bios of one speaker in one run give the same bio_changed alert every time.
    """

    def __init__(self) -> None:
        self._issued = 0
        self._next = 0
        self._cond = asyncio.Condition()

    def ticket(self) -> int:
        self._issued += 1
        return self._issued - 1

    async def wait(self, ticket: int) -> None:
        async with self._cond:
            await self._cond.wait_for(lambda: self._next >= ticket)

    async def done(self, ticket: int) -> None:
        async with self._cond:
            self._next = max(self._next, ticket + 1)
            self._cond.notify_all()


def crawl(
    con: sqlite3.Connection,
    config: Config,
    on_progress: Callable[[SourceResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> RunReport:
    """Fetch, parse and store every source; each page is stored as soon as it arrives.

    The store is written from one thread of its own and pages are parsed in worker threads,
    so the event loop only moves bytes: politeness, not the disk, sets the pace.
    """
    report = RunReport()
    seen = {redact_url(s.url) for s in config.sources}
    all_sites()  # import every parser now, not in the middle of the first fetches
    parsers = ParsePool(timeout=config.crawl.parse_timeout)
    parsers.warm()  # forked now, before this run starts any thread
    db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="seminars-db")

    async def in_db(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(db_thread, partial(fn, *args, **kwargs))

    budget: dict[str, int] = {}  # pages still allowed per configured source this run
    turns = _Turns()

    async def visit(fetcher: Fetcher, src: Source, root: Source, ticket: int) -> None:
        try:
            fetch = await fetcher.fetch(await in_db(_request, con, src))
            res, links = await _handle(con, src, fetch, in_db, parsers.run,
                                       partial(turns.wait, ticket))
        finally:
            await turns.done(ticket)  # also when this page failed: the next one's turn comes
        report.results.append(res)
        if res.outcome:
            report.alerts.extend(res.outcome.alerts)
        if on_progress:
            on_progress(res)
        if src is not root:
            if res.state == "fetched":  # a page not parsed this run keeps what was said of it
                res.report_warning = await in_db(sources.warning_is_news, con, src.name, res.warning)
            return  # a listing's talk pages are leaves: their own links are never followed
        children = []
        for link in links:
            why = link_refusal(link, src.url, src.follow_hosts)
            if why is not None:
                log.debug("source %s: not following %s: %s", src.name, link, why)
            elif link not in seen:
                seen.add(link)
                # A listing's talk pages are sources of their own: own ETag, own error state.
                children.append(src.child(f"{src.name} {link}", carry_credentials(link, src.url)))
        if res.state in ("not_modified", "unchanged"):
            children.extend(await in_db(_known_children, con, src, seen))
        allowed = max(budget[root.name], 0)
        capped = len(children) > allowed
        if capped:
            cap = (f"{len(children) - allowed} of {len(children)} linked pages not fetched:"
                   f" max_pages = {root.max_pages} per run (raise it in the source's config)")
            res.warning = f"{res.warning}; {cap}" if res.warning else cap
            children = children[:allowed]
        budget[root.name] -= len(children)
        if res.state == "fetched" or capped or res.state in ("not_modified", "unchanged"):
            res.report_warning = await in_db(sources.warning_is_news, con, src.name, res.warning)
        if children:
            if on_total:
                on_total(len(children))
            await asyncio.gather(*(visit(fetcher, c, root, turns.ticket()) for c in children))

    async def run() -> None:
        if on_total:
            on_total(len(config.sources))
        async with Fetcher(config.crawl, robots_cache=robots_cache_for(con)) as fetcher:
            for s in config.sources:
                budget[s.name] = s.max_pages - 1
            await asyncio.gather(*(visit(fetcher, s, s, turns.ticket()) for s in config.sources))

    try:
        asyncio.run(run())
    finally:
        db_thread.shutdown(wait=True)
        parsers.close()
    return report


def merge(con: sqlite3.Connection, overrides: Path | None = None, *, full: bool = False
          ) -> MergeStats | None:
    """Merge stored records into talks, then bring the served copy (`seminars serve`) up to
    date: only the talks this merge touched when it showed the state just before. None on a
    read-only store, which is read as last merged. Raises ConfigError for bad overrides."""
    from seminars.store.merging import run_merge
    from seminars.store.views import is_current, merged_stamp, refresh

    if getattr(con, "readonly", False):
        return None
    since = merged_stamp(con)
    try:
        stats = run_merge(con, overrides=overrides, force=full)
    except ValueError as e:
        if overrides is None:
            raise  # not the user's file: a bug, reported as one
        raise ConfigError(f"merge overrides: {e}") from None
    if full or not is_current(con):
        refresh(con, talks=stats.talks_touched, since=since, full=full)
    return stats


def run(
    con: sqlite3.Connection,
    config: Config,
    *,
    overrides: Path | None = None,
    on_progress: Callable[[SourceResult], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> RunReport:
    """One `seminars crawl`: every source fetched, parsed and stored, then the merge. The
    caller shows the report, then calls `announce` for the alerts it showed."""
    report = crawl(con, config, on_progress=on_progress, on_total=on_total)
    merge(con, overrides)
    return report


def announce(con: sqlite3.Connection, report: RunReport, config: Config) -> list[str]:
    """After a run's alerts were shown: mark them shown, owe them to every configured channel
    and deliver what is owed. Returns one line per delivery problem."""
    ids = [a.id for a in report.alerts]
    mark_shown(con, ids)
    queue_deliveries(con, report.alerts, config.alert_urls)
    return deliver_pending(con, config.alert_urls)


def deliver_pending(con: sqlite3.Connection, channels: list[str]) -> list[str]:
    """Try every owed delivery on a still-configured channel; returns one line per failure.

    A failed delivery stays owed and is tried again next run; a delivered one never again.
    """
    problems: list[str] = []
    for channel in channels:
        owed = owed_alerts(con, channel)
        if not owed:
            continue
        from seminars.notify import deliver, mask_url  # apprise loads slowly: only when owed

        outcomes = deliver(owed, [channel])
        record_deliveries(con, channel, [(o.alert_id, None if o.ok else (o.error or "failed"))
                                         for o in outcomes])
        failed = [o for o in outcomes if not o.ok]
        if failed:
            problems.append(
                f"{len(failed)} alert(s) not delivered to {mask_url(channel)} (will retry): {failed[0].error}"
            )
    return problems


def _known_children(con: sqlite3.Connection, src: Source, seen: set[str]) -> list[Source]:
    """A listing that did not change still has talk pages that may have."""
    out = []
    for name, url in sources.children(con, src.name):
        # The scope rules apply to links remembered from older runs too (an older version
        # followed any link).
        if url not in seen and link_refusal(url, src.url, src.follow_hosts) is None:
            seen.add(url)
            out.append(src.child(name, carry_credentials(url, src.url)))
    return out


def reparse_stored(con: sqlite3.Connection, config: Config | None = None
                   ) -> list[tuple[str, PageOutcome | ParseError]]:
    """Parse the newest stored body of every page again with today's parsers.

    With the sources config, each page is read in its source's context (zone, institution,
    series, options; a listing's pages in their listing's); without it, in the sites' defaults.
    """
    from seminars.store.pages import load_body

    by_name = {s.name: s for s in config.sources} if config else {}
    out: list[tuple[str, PageOutcome | ParseError]] = []
    rows = con.execute(
        "SELECT f.id, f.source, f.url, f.site, f.fetched_at, f.body_hash FROM fetches f"
        " WHERE f.body_hash IS NOT NULL AND f.fetched_at = (SELECT max(g.fetched_at) FROM fetches g"
        " WHERE g.url = f.url AND g.body_hash IS NOT NULL) GROUP BY f.url ORDER BY f.url"
    ).fetchall()
    for row in rows:
        body = load_body(con, row["body_hash"])
        src = _configured_source(con, row["source"], by_name)
        ctx = (src.context(url=row["url"], observed_at=row["fetched_at"]) if src is not None
               else ParseContext(url=row["url"], observed_at=row["fetched_at"]))
        try:
            result = parse_page(body, site=row["site"], ctx=ctx)
        except ParseError as e:
            out.append((row["url"], e))
            continue
        with transaction(con):
            outcome = apply_page(
                con, source=row["source"], site=row["site"], url=row["url"],
                observed_at=row["fetched_at"], talks=result.talks, body=None,
                fetch_id=row["id"],
            )
            outcome.alerts = save_alerts(con, outcome.alerts, row["fetched_at"])
        out.append((row["url"], outcome))
    return out


def _configured_source(con: sqlite3.Connection, name: str | None,
                       by_name: dict[str, Source]) -> Source | None:
    """The configured source a stored page belongs to: itself, or the listing it was found on."""
    seen: set[str] = set()
    while name and name not in by_name and name not in seen:
        seen.add(name)
        row = sources.get(con, name)
        name = row["parent"] if row is not None else None
    return by_name.get(name) if name else None
