"""Autosave and resume across a real SIGKILL of a process running the session headless."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from interviewai_tui.clock import SystemClock
from interviewai_tui.domain.common import Difficulty, InterviewStatus, QuestionType
from interviewai_tui.domain.interviews import InterviewSetup
from interviewai_tui.domain.users import User
from interviewai_tui.interviews.service import InterviewService
from interviewai_tui.judge import run as judge_run
from interviewai_tui.store import open_store

from .helpers import make_question
from .test_grading import FakeEvaluator

DRIVER = Path(__file__).with_name("headless_driver.py")
REPO = Path(__file__).resolve().parents[2]


def service_for(store, data_dir: Path) -> InterviewService:  # type: ignore[no-untyped-def]
    return InterviewService(
        store=store,
        evaluator_for=lambda *_: FakeEvaluator(),
        judge=judge_run,
        clock=SystemClock(),
        data_dir=data_dir,
    )


async def prepare(db: Path, data_dir: Path) -> tuple[str, str]:
    async with open_store(f"sqlite:///{db}") as store:
        await store.questions.upsert_many(
            questions=[make_question(f"tech {i}", QuestionType.TECHNICAL) for i in range(2)]
        )
        user = await store.users.create(user=User(email="kim@example.com", name="Kim"))
        setup = InterviewSetup(
            title="Kill test",
            tech_stack=["Python"],
            duration=900,
            difficulty=Difficulty.MEDIUM,
            question_count=2,
            type_counts={QuestionType.TECHNICAL: 2},
        )
        interview = await service_for(store, data_dir).create(user.id, setup)
        return user.id, interview.id


async def run_until_saves(args: list[str], saves: int) -> list[tuple[int, int, int]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(DRIVER),
        *args,
        stdout=asyncio.subprocess.PIPE,
        env=env,
    )
    seen: list[tuple[int, int, int]] = []
    assert proc.stdout is not None
    try:
        async with asyncio.timeout(30):
            while len(seen) < saves:
                line = (await proc.stdout.readline()).decode()
                assert line, "the driver exited early"
                if line.startswith("SAVED"):
                    _, journaled, chars, left = line.split()
                    seen.append((int(journaled), int(chars), int(left)))
    finally:
        proc.send_signal(signal.SIGKILL)  # no chance to flush or clean up
        await proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return seen


@pytest.mark.parametrize("fail_after", [None, 2], ids=["store-up", "store-dies-midway"])
async def test_killed_mid_answer_resumes_with_saved_text(
    tmp_path: Path, fail_after: int | None
) -> None:
    db, data_dir = tmp_path / "store.db", tmp_path / "data"
    user_id, interview_id = await prepare(db, data_dir)
    extra = [] if fail_after is None else ["--fail-after", str(fail_after)]
    saves = await run_until_saves([str(db), str(data_dir), interview_id, *extra], saves=4)
    if fail_after is not None:
        assert [j for j, _, _ in saves] == [0, 0, 1, 1]  # later saves went to the journal
    _, last_chars, last_left = saves[-1]
    async with open_store(f"sqlite:///{db}") as store:
        service = service_for(store, data_dir)
        assert [i.id for i in await service.resumable(user_id)] == [interview_id]
        running = await service.resume(interview_id)
        text = running.session.text_of(0)
        # Everything reported saved is back (a save may have landed after the last report).
        assert len(text) >= last_chars
        assert text == "abcdefghij" * (len(text) // 10) + "abcdefghij"[: len(text) % 10]
        assert running.session.remaining_seconds() <= last_left
        assert running.session.remaining_seconds() >= last_left - 5
        assert running.session.status is InterviewStatus.IN_PROGRESS
        stored = await store.interviews.get(interview_id=interview_id)
        assert stored is not None and stored.questions[0].answer == text  # written through
        assert not service.journal.has_pending(interview_id)
        await running.cancel()
