"""Backup, verify, restore and archive timings on the embedded store.

    python benchmarks/backup.py [--interviews 100000] [--archive 50000] [--skip-archive]

Seeds a SQLite store with realistic interviews (benchmarks/store.py's generator: 1,000 users,
5-10 questions each), then times `create_backup`, `verify_backup` and `restore_backup` into an
empty store. Then seeds `--archive` completed interviews older than two years (plus a fifth as
many recent ones) and times a dry run and one archive run (bulk `get_documents` /
`delete_documents` per batch of 500).
Targets: backup ≤ 60 s, restore ≤ 60 s, archive ≤ 60 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store import NOW, make_interview, seed
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import User
from interviewai_tui.ops.archive import ArchivePolicy, Archiver
from interviewai_tui.ops.archive_store import open_archive
from interviewai_tui.ops.backup import create_backup
from interviewai_tui.ops.restore import restore_backup
from interviewai_tui.ops.verify import verify_backup
from interviewai_tui.store import Store, open_store

TARGET_S = 60.0


class Timer:
    """Wall time and this process's CPU time (all threads): on a shared machine the CPU time
    shows the work done, the wall time also the waiting for a core."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def done(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def line(label: str, timer: Timer, extra: str = "", target: float | None = TARGET_S) -> None:
    wall, cpu = timer.done()
    verdict = "" if target is None else ("  ok" if wall <= target else "  OVER TARGET (wall)")
    print(f"{label:<44} {wall:7.1f} s wall {cpu:7.1f} s cpu{verdict}  {extra}", flush=True)


def store_mb(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.0f} MB"


async def bench_backup(folder: Path, n: int) -> None:
    url = f"sqlite:///{folder / 'main.db'}"
    async with open_store(url) as store:
        timer = Timer()
        await seed(store, 1000, n, random.Random(42))
        line(f"seed {n:,} interviews", timer, target=None)
        file = folder / "backup.zip"
        timer = Timer()
        manifest = await create_backup(store, file)
        sizes = f"{file.stat().st_size / 1e6:.0f} MB file, {store_mb(folder / 'main.db')} db"
        line(f"backup ({manifest.total:,} documents)", timer, sizes)
    timer = Timer()
    report = await verify_backup(file, workdir=folder)
    line(
        "backup verify (check + restore + re-export)",
        timer,
        "all match" if report.ok else f"FAILED {report.problem}",
        target=None,
    )
    async with open_store(f"sqlite:///{folder / 'restored.db'}") as target:
        timer = Timer()
        result = await restore_backup(target, file)
        line(
            "restore into an empty store",
            timer,
            f"{sum(result.written.values()):,} documents",
        )


async def seed_archive(store: Store, eligible: int) -> None:
    rng = random.Random(7)
    users = [User(email=f"a{i}@example.com", name=f"A {i}", created_at=NOW) for i in range(200)]
    await store.import_documents(
        collection="users", documents=[u.model_dump(by_alias=True) for u in users]
    )
    made = 0
    batch: list[dict[str, Any]] = []
    recent = eligible // 5
    while made < eligible + recent:
        old = made < eligible
        created = NOW - timedelta(days=rng.randint(800, 1500) if old else rng.randint(0, 300))
        interview = make_interview(rng, rng.choice(users).id, created)
        if interview.status != "completed":
            continue
        batch.append(interview.model_dump(by_alias=True))
        made += 1
        if len(batch) == 5000:
            await store.import_documents(collection="interviews", documents=batch)
            batch = []
    if batch:
        await store.import_documents(collection="interviews", documents=batch)


async def bench_archive(folder: Path, eligible: int) -> None:
    url = f"sqlite:///{folder / 'archive-main.db'}"
    clock = FrozenClock(NOW)
    async with open_store(url, clock=clock) as store, open_archive(url, clock=clock) as archive:
        await seed_archive(store, eligible)
        archiver = Archiver(store, archive, clock=clock, policy=ArchivePolicy(batch_size=500))
        timer = Timer()
        dry = await archiver.run(dry_run=True)
        line("archive --dry-run", timer, f"{dry.interviews:,} eligible", target=None)
        timer = Timer()
        report = await archiver.run()
        line("archive", timer, f"{report.interviews:,} moved in {report.batches} batches")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--archive", type=int, default=50_000)
    parser.add_argument("--skip-archive", action="store_true")
    parser.add_argument("--skip-backup", action="store_true")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="interviewai-bench-") as tmp:
        folder = Path(tmp)
        if not args.skip_backup:
            await bench_backup(folder, args.interviews)
        if not args.skip_archive:
            await bench_archive(folder, args.archive)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    asyncio.run(main())
