"""A child process that runs an interview headless and types until it is killed.

Usage: python headless_driver.py DB_PATH DATA_DIR INTERVIEW_ID [--fail-after N]

It starts the pending interview, types in bursts, and prints one line per autosave:
``SAVED <journaled 0|1> <chars> <remaining seconds>``. With ``--fail-after N`` the store
refuses every answer save after the N-th, as if it had become unreachable.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from interviewai_tui.clock import SystemClock
from interviewai_tui.interviews.evaluation import AnswerEvaluation
from interviewai_tui.interviews.events import DraftSaved, SessionEvent
from interviewai_tui.interviews.service import InterviewService
from interviewai_tui.judge import run as judge_run
from interviewai_tui.store import StoreUnavailableError, open_store


class Unused:
    async def evaluate(self, **_: object) -> AnswerEvaluation:
        raise AssertionError("nothing is submitted in this driver")


async def main(db: str, data_dir: str, interview_id: str, fail_after: int | None) -> None:
    async with open_store(f"sqlite:///{db}") as store:
        if fail_after is not None:
            real = store.interviews.save_answer
            calls = {"n": 0}

            async def flaky(**kwargs: object) -> None:
                calls["n"] += 1
                if calls["n"] > fail_after:
                    raise StoreUnavailableError("The database cannot be reached.")
                await real(**kwargs)  # type: ignore[arg-type]

            store.interviews.save_answer = flaky  # type: ignore[method-assign]
        service = InterviewService(
            store=store,
            evaluator_for=lambda *_: Unused(),
            judge=judge_run,
            clock=SystemClock(),
            data_dir=Path(data_dir),
            autosave_seconds=0.5,
        )
        interview = await service.get(interview_id)
        typed = {"text": ""}

        def on_event(event: SessionEvent) -> None:
            if isinstance(event, DraftSaved):
                left = running.session.remaining_seconds()
                text = running.session.text_of(0)
                print(f"SAVED {int(event.journaled)} {len(text)} {left}", flush=True)

        running = service.run(interview, on_event=on_event)
        await running.session.start()
        running.session.start_ticker(0.05)
        print("STARTED", flush=True)
        while True:  # until SIGKILL
            for _ in range(15):
                typed["text"] += "abcdefghij"[len(typed["text"]) % 10]
                running.session.update_draft(0, typed["text"])
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.6)


if __name__ == "__main__":
    args = sys.argv[1:]
    fail = int(args[4]) if len(args) > 4 and args[3] == "--fail-after" else None
    asyncio.run(main(args[0], args[1], args[2], fail))
