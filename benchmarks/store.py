"""Store benchmark: seed a realistic dataset, then time the operations the product repeats.

    python benchmarks/store.py --interviews 100000 [--users 1000] [--mongo-url URL] [--db PATH]

Seeds users and interviews (5-10 questions each, realistic text sizes; the heaviest user gets
5,000 interviews or a twentieth of the total, whichever is smaller), then prints the median and
95th percentile of at least `--runs` timed calls of each operation. Targets are for SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import QuestionStatus, new_id
from interviewai_tui.domain.interviews import (
    AiProcessing,
    Interview,
    InterviewQuestion,
    InterviewResults,
)
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store, open_store

NOW = datetime(2025, 6, 1, tzinfo=UTC)
ROLES = [
    "Backend Developer",
    "Frontend Developer",
    "Full-stack Developer",
    "Data Engineer",
    "Mobile Developer",
    "DevOps Engineer",
    "ML Engineer",
    "QA Engineer",
]
STACKS = [
    ["Python", "Django"],
    ["JavaScript", "React"],
    ["TypeScript", "Node.js"],
    ["Go"],
    ["Java", "Spring"],
    ["Kotlin", "Android"],
    ["Swift", "iOS"],
    ["SQL", "PostgreSQL"],
]
STATUSES = ["completed"] * 16 + ["in_progress"] * 2 + ["pending", "cancelled"]
WORDS = [
    "the",
    "a",
    "service",
    "request",
    "cache",
    "latency",
    "index",
    "query",
    "function",
    "closure",
    "state",
    "component",
    "thread",
    "lock",
    "queue",
    "retry",
    "timeout",
    "schema",
    "migration",
    "test",
    "deploy",
    "metric",
    "error",
]
TARGETS_MS = {
    "insert interview": None,
    "save one answer": 15.0,
    "history first page (heaviest user)": 10.0,
    "user stats (heaviest user)": 50.0,
    "admin aggregates": 500.0,
}


def _text(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(WORDS)
        out.append(word)
        size += len(word) + 1
    return " ".join(out).capitalize() + "."


_POOL: dict[int, list[str]] = {}


def text(rng: random.Random, chars: int) -> str:
    """Text of about `chars` characters, from a pool so that seeding stays fast."""
    pool = _POOL.get(chars)
    if pool is None:
        pool = _POOL[chars] = [_text(rng, chars) for _ in range(200)]
    return rng.choice(pool)


def make_interview(rng: random.Random, user_id: str, created: datetime) -> Interview:
    status = rng.choice(STATUSES)
    done = status == "completed"
    questions = []
    for _ in range(rng.randint(5, 10)):
        answered = done or rng.random() < 0.5
        questions.append(
            InterviewQuestion(
                question_id=new_id(created),
                question=text(rng, 140),
                type=rng.choice(["technical", "behavioral", "coding", "system_design"]),
                difficulty=rng.choice(["easy", "medium", "hard"]),
                expected_answer=text(rng, 250),
                answer=text(rng, 450) if answered else None,
                time_spent=rng.randint(30, 400) if answered else 0,
                status=QuestionStatus.SUBMITTED if answered else QuestionStatus.UNANSWERED,
                score=rng.randint(20, 100) if done else 0,
                feedback=text(rng, 180) if done else None,
                ai_provider="offline" if done else None,
                evaluated_at=created + timedelta(minutes=30) if done else None,
            )
        )
    stack = rng.choice(STACKS)
    return Interview(
        user_id=user_id,
        title=f"{rng.choice(ROLES)} practice",
        job_role=rng.choice(ROLES),
        tech_stack=stack,
        difficulty=rng.choice(["easy", "medium", "hard"]),
        duration=1800,
        status=status,
        started_at=created,
        completed_at=created + timedelta(minutes=40) if done else None,
        questions=questions,
        results=InterviewResults(
            total_score=rng.randint(20, 100),
            questions_answered=len(questions),
            questions_total=len(questions),
            time_spent=rng.randint(600, 2400),
            skill_scores={s: rng.randint(20, 100) for s in stack},
            overall_feedback=text(rng, 300),
            strengths=[text(rng, 60) for _ in range(3)],
            improvements=[text(rng, 60) for _ in range(3)],
        )
        if done
        else None,
        created_at=created,
        updated_at=created,
        ai_processing=AiProcessing(provider="offline", processing_time=1.5) if done else None,
    )


async def seed(store: Store, n_users: int, n_interviews: int, rng: random.Random) -> str:
    users = [
        User(
            email=f"user{i}@example.com",
            name=f"User {i}",
            password_hash="x" * 60,
            created_at=NOW - timedelta(days=rng.randint(0, 700)),
        )
        for i in range(n_users)
    ]
    await store.import_documents(
        collection="users", documents=[u.model_dump(by_alias=True) for u in users]
    )
    heavy = users[0].id
    heavy_count = min(5000, n_interviews // 20) if n_users > 1 else n_interviews
    batch: list[dict[str, Any]] = []
    for i in range(n_interviews):
        owner = heavy if i < heavy_count else users[rng.randrange(1, n_users)].id
        created = NOW - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
        batch.append(make_interview(rng, owner, created).model_dump(by_alias=True))
        if len(batch) == 5000 or i == n_interviews - 1:
            await store.import_documents(collection="interviews", documents=batch)
            batch = []
            print(f"  seeded {i + 1:,} interviews", end="\r", flush=True)
    print()
    return heavy


async def timed(runs: int, make_call: Callable[[int], Awaitable[object]]) -> list[float]:
    out = []
    for i in range(runs):
        start = time.perf_counter()
        await make_call(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


async def main(args: argparse.Namespace) -> int:
    rng = random.Random(42)
    tmp = None
    if args.mongo_url:
        url = args.mongo_url
    else:
        if args.db:
            path = Path(args.db)
        else:
            tmp = tempfile.TemporaryDirectory(prefix="iai-bench-")
            path = Path(tmp.name) / "bench.db"
        url = f"sqlite:///{path}"
    clock = FrozenClock(NOW)
    async with open_store(url, clock=clock) as store:
        print(f"Store: {store.describe()}")
        started = time.perf_counter()
        heavy = await seed(store, args.users, args.interviews, rng)
        print(
            f"Seeded {args.users:,} users and {args.interviews:,} interviews "
            f"in {time.perf_counter() - started:.1f} s"
        )
        page = await store.interviews.list_for_user(user_id=heavy, limit=args.runs)
        targets = [(iv.id, len(iv.questions)) for iv in page.items]
        answer = text(rng, 600)
        results: dict[str, list[float]] = {}
        results["insert interview"] = await timed(
            args.runs,
            lambda i: store.interviews.create(
                interview=make_interview(rng, heavy, NOW - timedelta(seconds=i))
            ),
        )
        results["save one answer"] = await timed(
            args.runs * 2,
            lambda i: store.interviews.save_answer(
                interview_id=targets[i % len(targets)][0],
                question_index=i % targets[i % len(targets)][1],
                answer=f"{answer} {i}",
                time_spent=i,
                remaining_seconds=1000 - i,
                status=QuestionStatus.DRAFT,
            ),
        )
        results["history first page (heaviest user)"] = await timed(
            args.runs, lambda _: store.interviews.list_for_user(user_id=heavy, limit=20)
        )
        results["user stats (heaviest user)"] = await timed(
            args.runs, lambda _: store.interviews.user_stats(user_id=heavy)
        )

        async def admin(_: int) -> None:
            await store.interviews.overview(since=NOW - timedelta(days=30), until=NOW)
            await store.users.overview(since=NOW - timedelta(days=7))

        results["admin aggregates"] = await timed(args.runs, admin)
    if tmp is not None:
        size = sum(f.stat().st_size for f in Path(tmp.name).iterdir()) / 1e6
        print(f"Database size on disk: {size:,.0f} MB")
        tmp.cleanup()
    print(f"\n{'operation':38} {'median ms':>10} {'p95 ms':>9} {'runs':>5}  target (SQLite)")
    failed = False
    for name, samples in results.items():
        med = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1]
        target = None if args.mongo_url else TARGETS_MS[name]
        verdict = (
            "" if target is None else (f"<= {target:g} ms " + ("ok" if med <= target else "OVER"))
        )
        failed |= target is not None and med > target
        print(f"{name:38} {med:10.2f} {p95:9.2f} {len(samples):5}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=50, help="timed calls per operation (>= 50)")
    parser.add_argument("--mongo-url", default="", help="benchmark MongoDB instead of SQLite")
    parser.add_argument("--db", default="", help="SQLite file to use (default: a temp file)")
    sys.exit(asyncio.run(main(parser.parse_args())))
