"""History and analytics benchmark: seed the store benchmark's dataset, then time what issue 7
asks for.

    python benchmarks/history.py [--interviews 100000] [--users 1000] [--db PATH] [--jobs N]
                                 [--runs 20] [--seed-only]

Seeds with benchmarks/store.py's functions (the heaviest user gets 5,000 interviews) plus a
few conversations, then measures:
- ``analytics rebuild`` for all users, cold (no documents) and warm (nothing changed);
- the history screen's first page painted for the heaviest user (push to first frame with rows);
- the progress screen painted for the heaviest user (push to first frame with the report).
Targets (SQLite): rebuild <= 60 s, history first page <= 100 ms, progress <= 300 ms.

"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import store as store_bench  # noqa: E402  (benchmarks/store.py: the shared seeding)

from interviewai_tui.analytics.parallel import default_jobs, rebuild_everyone  # noqa: E402
from interviewai_tui.clock import FrozenClock  # noqa: E402
from interviewai_tui.domain.chats import ChatMessage, ChatSession, Tokens  # noqa: E402
from interviewai_tui.domain.common import ChatRole  # noqa: E402
from interviewai_tui.store import Store, open_store  # noqa: E402

TARGETS = {"rebuild (cold)": 60_000.0, "history first page": 100.0, "progress screen": 300.0}


async def seed_chats(store: Store, user_ids: list[str], rng: random.Random) -> int:
    """One conversation of 6 messages for every fifth user."""
    chats = []
    for uid in user_ids[::5]:
        start = store_bench.NOW - timedelta(days=rng.randint(0, 600))
        messages = []
        for i in range(3):
            at = start + timedelta(minutes=3 * i)
            messages.append(
                ChatMessage(role=ChatRole.USER, content="How does caching help SQL?", timestamp=at)
            )
            messages.append(
                ChatMessage(
                    role=ChatRole.ASSISTANT,
                    content=store_bench.text(rng, 400),
                    timestamp=at + timedelta(seconds=2),
                    provider="offline",
                    response_time=float(rng.randint(300, 3000)),
                    tokens=Tokens(input=50, output=120, total=170),
                )
            )
        chats.append(
            ChatSession(
                user_id=uid,
                title="Caching",
                provider="offline",
                messages=messages,
                message_count=6,
                last_message_at=messages[-1].timestamp,
                created_at=start,
                updated_at=messages[-1].timestamp,
            ).model_dump(by_alias=True)
        )
    await store.import_documents(collection="chatSessions", documents=chats)
    return len(chats)


async def heaviest(store: Store) -> tuple[str, int]:
    best = ("", -1)
    offset = 0
    while True:
        page = await store.users.list(offset=offset, limit=1000)
        for user in page.items:
            n = (await store.interviews.user_stats(user_id=user.id)).total
            if n > best[1]:
                best = (user.id, n)
        offset += len(page.items)
        if not page.has_more:
            return best


def summary(samples: list[float]) -> tuple[float, float]:
    p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]
    return statistics.median(samples), p95


async def paint_times(url: str, user_id: str, runs: int, data_dir: Path) -> dict[str, list[float]]:
    """Median time from pushing each screen to the first frame that shows its content."""
    from textual.app import App
    from textual.widgets import Static

    from interviewai_tui.paths import styles_dir
    from interviewai_tui.ui.screens.history import HistoryScreen
    from interviewai_tui.ui.screens.progress import ProgressScreen
    from interviewai_tui.ui.widgets.history_table import HistoryTable

    out: dict[str, list[float]] = {
        "history first page": [],
        "  (CPU of that)": [],
        "progress screen": [],
        "  (CPU of that) ": [],
    }
    clock = FrozenClock(store_bench.NOW)
    async with open_store(url, clock=clock) as store:
        user = await store.users.get(user_id=user_id)
        assert user is not None
        services = SimpleNamespace(
            store=store, clock=clock, settings=SimpleNamespace(data_dir=data_dir)
        )

        class Host(App[None]):
            CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "history.tcss"]

            async def services(self) -> Any:
                return services

        app = Host()
        app.user = user.public()  # type: ignore[attr-defined]
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(runs):
                started, cpu = time.perf_counter(), time.process_time()
                await app.push_screen(HistoryScreen())
                while app.screen.query_one(HistoryTable).row_count == 0:
                    await asyncio.sleep(0.001)
                await pilot.pause()  # one refresh: the rows are on screen
                out["history first page"].append((time.perf_counter() - started) * 1000)
                out["  (CPU of that)"].append((time.process_time() - cpu) * 1000)
                await app.pop_screen()
                await pilot.pause()

                started, cpu = time.perf_counter(), time.process_time()
                await app.push_screen(ProgressScreen())
                summary_widget = app.screen.query_one("#progress-summary", Static)
                while "Interviews completed" not in str(summary_widget.render()):
                    await asyncio.sleep(0.001)
                await pilot.pause()
                out["progress screen"].append((time.perf_counter() - started) * 1000)
                out["  (CPU of that) "].append((time.process_time() - cpu) * 1000)
                await app.pop_screen()
                await pilot.pause()
    return out


async def main(args: argparse.Namespace) -> int:
    tmp = None
    if args.db:
        path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="iai-hist-")
        path = Path(tmp.name) / "bench.db"
    url = f"sqlite:///{path}"
    rng = random.Random(42)
    async with open_store(url, clock=FrozenClock(store_bench.NOW)) as store:
        if (await store.counts())["interviews"] == 0:
            started = time.perf_counter()
            await store_bench.seed(store, args.users, args.interviews, rng)
            ids = [u.id for u in (await store.users.list(limit=1000)).items]
            chats = await seed_chats(store, ids, rng)
            print(
                f"Seeded {args.users:,} users, {args.interviews:,} interviews and {chats:,}"
                f" conversations in {time.perf_counter() - started:.1f} s"
            )
        heavy, heavy_count = await heaviest(store)
    print(f"Store: {path} · heaviest user {heavy} with {heavy_count:,} interviews")
    if args.seed_only:
        return 0
    results: dict[str, list[float]] = {}
    for label in ("rebuild (cold)", "rebuild (warm)"):
        started = time.perf_counter()
        cpu = time.process_time()
        report = await rebuild_everyone(url, now=store_bench.NOW, jobs=args.jobs)
        wall = time.perf_counter() - started
        results[label] = [wall * 1000]
        cpu_total = report.cpu_seconds + time.process_time() - cpu
        print(
            f"{label}: {wall:.1f} s wall, {cpu_total:.1f} s CPU over {args.jobs} process(es)"
            f" · users {report.users:,} · written {report.written:,} · unchanged "
            f"{report.unchanged:,} · failed {len(report.failed)}"
        )
    results.update(await paint_times(url, heavy, args.runs, path.parent))
    print(f"\n{'measure':28} {'median ms':>11} {'p95 ms':>9} {'runs':>5}  target")
    failed = False
    for name, samples in results.items():
        med, p95 = summary(samples)
        target = TARGETS.get(name)
        verdict = (
            "" if target is None else f"<= {target:g} ms " + ("ok" if med <= target else "OVER")
        )
        failed |= target is not None and med > target
        print(f"{name:28} {med:11.1f} {p95:9.1f} {len(samples):5}  {verdict}")
    if tmp is not None:
        tmp.cleanup()
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument("--db", default="", help="SQLite file to use or reuse (default: temp)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="rebuild processes")
    parser.add_argument("--runs", type=int, default=20, help="timed paints of each screen")
    parser.add_argument("--seed-only", action="store_true", help="seed --db and stop")
    sys.exit(asyncio.run(main(parser.parse_args())))
