"""``rebuild`` across processes: each worker opens the store itself and rebuilds a chunk of
users, so the CPU-bound part (reading interviews, computing and validating documents) uses
every core. Writes stay safe: each user's documents are written by one worker only, and
SQLite serialises the workers' short write transactions (MongoDB needs nothing).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from multiprocessing import get_context

from interviewai_tui.analytics.loader import all_users
from interviewai_tui.analytics.service import AnalyticsService, RebuildReport
from interviewai_tui.analytics.writer import Batch
from interviewai_tui.clock import FrozenClock
from interviewai_tui.store.base import StoreUnavailableError

log = logging.getLogger("interviewai.analytics")

__all__ = ["CHUNK", "default_jobs", "rebuild_everyone"]

CHUNK = 50  # users per task: small enough for steady progress, large enough to amortise opening
Progress = Callable[[int, int], None]


def default_jobs() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def _parallel_ok(url: str) -> bool:
    # An in-memory mock lives in one process; the other engines are shared files or servers.
    return not url.startswith("mongomock://")


async def _user_ids(url: str) -> list[str]:
    from interviewai_tui.store import open_store

    async with open_store(url) as store:
        return [u.id for u in await all_users(store)]


async def _rebuild_chunk(
    url: str, user_ids: Sequence[str], since: datetime | None, now: datetime
) -> RebuildReport:
    from interviewai_tui.store import open_store

    clock = FrozenClock(now)  # one rebuild, one updatedAt, whichever process writes
    report = RebuildReport()
    cpu = time.process_time()
    async with open_store(url, clock=clock) as store:
        service = AnalyticsService(store, clock)
        await service.topics()
        batch = Batch(store)
        for user_id in user_ids:
            try:
                report.add(await service.rebuild_user(user_id, since=since, batch=batch))
            except StoreUnavailableError:
                raise
            except Exception:  # one user's bad data must not stop the others
                log.exception("rebuilding the analytics of user %s failed", user_id)
                report.failed.append(user_id)
        await batch.flush()
    report.cpu_seconds = time.process_time() - cpu
    return report


def _chunk_in_worker(
    url: str, user_ids: list[str], since: datetime | None, now: datetime
) -> RebuildReport:
    return asyncio.run(_rebuild_chunk(url, user_ids, since, now))


async def rebuild_everyone(
    url: str,
    *,
    now: datetime,
    since: datetime | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> RebuildReport:
    """Rebuild every user's analytics in the store at ``url`` with ``jobs`` processes."""
    started = time.perf_counter()
    ids = await _user_ids(url)
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    total = RebuildReport()
    done = 0
    if jobs <= 1 or not _parallel_ok(url) or len(chunks) <= 1:
        for chunk in chunks:
            total.add(await _rebuild_chunk(url, chunk, since, now))
            done += len(chunk)
            if progress is not None:
                progress(done, len(ids))
    else:
        # spawn, not fork: the parent has threads (aiosqlite, asyncio) that fork would copy
        # in an unknown state.
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            futures = [
                asyncio.wrap_future(pool.submit(_chunk_in_worker, url, chunk, since, now))
                for chunk in chunks
            ]
            for next_done in asyncio.as_completed(futures):
                report = await next_done
                total.add(report)
                done += report.users + len(report.failed)
                if progress is not None:
                    progress(done, len(ids))
    total.seconds = round(time.perf_counter() - started, 3)
    return total
