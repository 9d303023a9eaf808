"""Parsing in worker processes with a time limit, so one pathological page cannot stall a run.

A regular expression that backtracks holds the GIL inside C code: a parser thread stuck in
one freezes the event loop with it, and no timer can fire. Worker processes can be killed.
A page whose parse passes the limit becomes that source's error; the pool is replaced and
any other page that was in the killed workers is parsed again once.

Workers come from a fork server (multiprocessing's "forkserver"), not from this process:
a plain fork would hand them the run lock's file descriptor, so a crawl killed with -9
would leave orphan workers holding the lock and the next cron run would refuse to start.
The server imports every site parser once; each worker is a cheap fork of it.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from seminars.errors import ParseError

T = TypeVar("T")

DEFAULT_PARSE_TIMEOUT = 30.0


def _parser_modules() -> list[str]:
    from seminars.scrapers.registry import all_sites

    all_sites()  # imports every site module, so their names are known
    return sorted(m for m in sys.modules if m.startswith("seminars.scrapers.sites."))


class ParsePool:
    """``await pool.run(fn, *args)`` runs ``fn`` in a worker and gives up after ``timeout`` s."""

    def __init__(self, timeout: float = DEFAULT_PARSE_TIMEOUT, workers: int | None = None):
        self.timeout = timeout
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_parser_modules())
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self._pool

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
        # ProcessPoolExecutor has no public way to stop a busy worker (3.14 adds
        # terminate_workers); killing its processes marks the pool broken for the others.
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        for attempt in range(2):
            pool = self._executor()
            try:
                fut = loop.run_in_executor(pool, fn, *args)
            except (BrokenProcessPool, RuntimeError):
                self._kill(pool)
                continue
            try:
                return await asyncio.wait_for(fut, self.timeout)
            except TimeoutError:
                self._kill(pool)
                raise ParseError(
                    f"parsing took over {self.timeout:g} s and was stopped ([crawl] parse_timeout)"
                ) from None
            except BrokenProcessPool:
                # Another page's timeout killed this worker, or the worker died (out of memory).
                self._kill(pool)
                if attempt:
                    raise ParseError("the parser process died on this page") from None
        raise ParseError("the parser process could not be started")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
