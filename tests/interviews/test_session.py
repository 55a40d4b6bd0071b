"""The session's lifecycle, autosave and journal, driven headless with a frozen clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import InterviewStatus, QuestionStatus
from interviewai_tui.interviews.events import (
    InterviewEnded,
    JournalFlushed,
    SaveProblem,
    SessionEvent,
)
from interviewai_tui.interviews.journal import AnswerJournal
from interviewai_tui.interviews.ports import InterviewError
from interviewai_tui.interviews.session import InterviewSession

from .helpers import START, RecordingGateway, make_interview


class Harness:
    def __init__(self, tmp_path: Path, duration: int = 600) -> None:
        self.clock = FrozenClock(START)
        self.gateway = RecordingGateway()
        self.journal = AnswerJournal(tmp_path / "journal")
        self.events: list[SessionEvent] = []
        self.graded: list[int] = []
        self.session = InterviewSession(
            make_interview(duration=duration),
            gateway=self.gateway,
            journal=self.journal,
            clock=self.clock,
            autosave_seconds=2.0,
            on_event=self.events.append,
            on_submitted=self.graded.append,
        )

    async def wait(self, seconds: float, step: float = 0.25) -> None:
        """Let time pass the way the ticker would see it."""
        steps = round(seconds / step)
        for _ in range(steps):
            self.clock.advance(step)
            await self.session.tick()


async def test_start_sets_in_progress_and_started_at(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    assert h.session.status is InterviewStatus.PENDING
    await h.session.start()
    assert h.session.status is InterviewStatus.IN_PROGRESS
    assert h.session.interview.started_at == START
    assert h.gateway.states[-1].status is InterviewStatus.IN_PROGRESS
    with pytest.raises(InterviewError):
        await h.session.start()


async def test_draft_saved_within_two_seconds_of_last_keystroke(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    await h.session.start()
    h.session.update_draft(0, "first words")
    await h.wait(1.5)
    assert h.gateway.answers == []  # still inside the debounce
    await h.wait(0.5)
    assert [e.answer for e in h.gateway.answers] == ["first words"]
    assert h.gateway.answers[0].status == "draft"
    assert h.gateway.answers[0].remaining_seconds == 599  # saved at 1.75 s, shown rounded up


async def test_navigation_flushes_and_records_time_spent(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    await h.session.start()
    h.clock.advance(40)
    h.session.update_draft(0, "typed just now")
    await h.session.next()  # no waiting for the debounce
    saved = {e.question_index: e for e in h.gateway.answers}
    assert saved[0].answer == "typed just now"
    assert saved[0].time_spent == 40
    assert h.session.current == 1
    h.clock.advance(7)
    assert h.session.question_seconds(1) == 7
    assert h.session.question_seconds(0) == 40


async def test_submit_and_skip(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    await h.session.start()
    h.clock.advance(12)
    h.session.update_draft(0, "my answer")
    await h.session.submit()
    q0 = h.session.questions[0]
    assert q0.status is QuestionStatus.SUBMITTED
    assert q0.submitted_at == h.clock.now()
    assert q0.time_spent == 12
    assert h.graded == [0]
    assert h.session.current == 1
    await h.session.skip()
    assert h.session.questions[1].status is QuestionStatus.SKIPPED
    assert h.graded == [0]  # a skipped question is not sent for evaluation
    h.session.update_draft(0, "changed after submit")  # ignored: submitted answers are final
    assert h.session.questions[0].answer == "my answer"


async def test_time_up_submits_every_answer_as_typed(tmp_path: Path) -> None:
    h = Harness(tmp_path, duration=120)
    await h.session.start()
    h.session.update_draft(0, "draft one")
    await h.session.goto(2)
    h.session.update_draft(2, "draft three, never submitted")
    await h.wait(121, step=1.0)
    assert h.session.status is InterviewStatus.COMPLETED
    assert h.session.interview.completed_at is not None
    statuses = [q.status for q in h.session.questions]
    assert statuses == [
        QuestionStatus.SUBMITTED,
        QuestionStatus.UNANSWERED,
        QuestionStatus.SUBMITTED,
    ]
    assert h.session.questions[2].answer == "draft three, never submitted"
    assert sorted(h.graded) == [0, 2]
    ended = [e for e in h.events if isinstance(e, InterviewEnded)]
    assert ended == [InterviewEnded(InterviewStatus.COMPLETED, timed_out=True)]
    assert h.gateway.states[-1].status is InterviewStatus.COMPLETED
    assert h.gateway.states[-1].remaining_seconds == 0


async def test_cancel_keeps_answers(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    await h.session.start()
    h.session.update_draft(0, "half an answer")
    await h.session.cancel()
    assert h.session.status is InterviewStatus.CANCELLED
    assert h.session.interview.completed_at is None
    assert [e.answer for e in h.gateway.answers if e.question_index == 0][-1] == "half an answer"
    with pytest.raises(InterviewError):
        h.session.update_draft(0, "more")


async def test_store_down_journals_then_writes_through_once(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    await h.session.start()
    h.gateway.down = True
    h.session.update_draft(0, "v1")
    await h.wait(2)
    h.session.update_draft(0, "v2")
    await h.session.next()
    h.session.update_draft(1, "code")
    await h.wait(2)
    assert h.gateway.answers == []
    assert any(isinstance(e, SaveProblem) for e in h.events)
    assert h.journal.has_pending(h.session.interview.id)
    h.gateway.down = False
    await h.wait(3)  # retries are spaced out (a dead store can be slow to say so)
    assert [e.answer or e.code_answer for e in h.gateway.answers] == ["v2", "code"]
    assert len(set(h.gateway.keys())) == len(h.gateway.keys())
    assert [e for e in h.events if isinstance(e, JournalFlushed)] == [JournalFlushed(2)]
    assert not h.journal.path_for(h.session.interview.id).exists()
    # Later saves go straight to the store again.
    h.session.update_draft(1, "code v2")
    await h.session.flush()
    assert h.gateway.answers[-1].code_answer == "code v2"
    assert len(h.gateway.answers) == 3


async def test_resume_restores_answers_and_time_left(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    await h.session.start()
    h.clock.advance(100)
    h.session.update_draft(0, "before the crash")
    await h.session.flush()
    h.gateway.down = True
    h.clock.advance(20)
    h.session.update_draft(0, "journaled while the store was down")
    await h.session.flush()
    interview = h.session.interview.model_copy(deep=True)
    # What the store holds: the last stored save (the journal has the newer text).
    interview.questions[0].answer = h.gateway.answers[-1].answer
    interview.remaining_seconds = h.gateway.answers[-1].remaining_seconds
    h.gateway.down = False
    h.clock.advance(3600)  # the app was dead for an hour: that time is not charged
    resumed = await InterviewSession.resume(
        interview,
        gateway=h.gateway,
        journal=AnswerJournal(tmp_path / "journal"),
        clock=h.clock,
    )
    assert resumed.questions[0].answer == "journaled while the store was down"
    assert resumed.remaining_seconds() == 480
    assert h.gateway.answers[-1].answer == "journaled while the store was down"
    h.clock.advance(30)
    assert resumed.remaining_seconds() == 450
    assert resumed.question_seconds(0) == 150


async def test_journal_unwritable_keeps_answer_in_memory(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    blocker = tmp_path / "journal"
    blocker.write_text("a file where the journal dir should be")
    await h.session.start()
    h.gateway.down = True
    h.session.update_draft(0, "precious")
    await h.session.flush()
    messages = [e.message for e in h.events if isinstance(e, SaveProblem)]
    assert any("kept on screen" in m for m in messages)
    assert h.session.questions[0].answer == "precious"
    h.gateway.down = False
    await h.session.flush()  # still dirty, so the next flush saves it
    assert h.gateway.answers[-1].answer == "precious"
