"""Parsing in worker processes with a time limit, so one pathological page cannot stall a run.

A regular expression that backtracks holds the GIL inside C code: a parser thread stuck in
one freezes the event loop with it, and no timer can fire. Worker processes can be killed.
A page whose parse passes the limit becomes that source's error; the pool is replaced and
any other page that was in the killed workers is parsed again once.

Workers are forked from this process when the crawl starts, before its threads and
sockets exist, so they start in milliseconds with every parser imported. Each closes its
copy of the run lock (an flock lives as long as any copy of its descriptor) and asks the
kernel to kill it when this process dies, so a crawl killed with -9 leaves no orphan
holding the store's lock or waiting on its queue.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from seminars.errors import ParseError

T = TypeVar("T")

DEFAULT_PARSE_TIMEOUT = 30.0


def _worker_init(lock_fds: tuple[int, ...]) -> None:
    """In a new worker: drop the run lock's descriptors; die with the parent (Linux)."""
    for fd in lock_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


class ParsePool:
    """``await pool.run(fn, *args)`` runs ``fn`` in a worker and gives up after ``timeout`` s."""

    def __init__(self, timeout: float = DEFAULT_PARSE_TIMEOUT, workers: int | None = None):
        self.timeout = timeout
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._slots: asyncio.Semaphore | None = None  # made in the event loop that uses it

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:  # warm() runs in a thread beside the event loop's first run()
            return self._executor_locked()

    def _executor_locked(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from seminars.store.db import held_lock_fds

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_worker_init, initargs=(held_lock_fds(),))
        return self._pool

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
        # ProcessPoolExecutor has no public way to stop a busy worker (3.14 adds
        # terminate_workers); killing its processes marks the pool broken for the others.
        # A pool another page's timeout already killed has no process table left.
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        if not self.timeout:
            # parse_timeout = 0: no limit, parsed in a thread of this process (no workers to
            # start; a pathological page can then stall the run).
            return await loop.run_in_executor(None, fn, *args)
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.workers)
        # At most one page per worker is submitted, so the clock runs only while a worker
        # parses it, never while it waits in the pool's queue behind others.
        async with self._slots:
            return await self._run(loop, fn, *args)

    async def _run(self, loop: asyncio.AbstractEventLoop, fn: Callable[..., T], *args: Any) -> T:
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

    def warm(self) -> None:
        """Start the workers now, before the crawl starts threads (a fork copies only the
        calling thread; none of the others should hold a lock the child might need)."""
        if not self.timeout:
            return
        try:
            pool = self._executor()
            for f in [pool.submit(os.getpid) for _ in range(self.workers)]:
                f.result(timeout=self.timeout)
        except Exception:  # a pool that cannot start is reported by the first run() instead
            pass

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
