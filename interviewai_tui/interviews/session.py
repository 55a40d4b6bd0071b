"""A running interview: lifecycle, timers, autosave with a journal fallback, resume.

pending → in_progress (startedAt) → completed (completedAt) | cancelled (answers kept).
The screen calls these methods and renders the events; a headless driver calls ``tick()``
(or ``run_ticker()``) to let autosave and the countdown act. Nothing here imports Textual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import InterviewStatus, QuestionStatus, QuestionType, to_utc
from interviewai_tui.domain.interviews import Interview, InterviewQuestion
from interviewai_tui.interviews.autosave import Autosaver
from interviewai_tui.interviews.events import (
    AnswerSubmitted,
    InterviewEnded,
    SaveProblem,
    SessionEvent,
)
from interviewai_tui.interviews.journal import AnswerJournal, JournalEntry, apply_entry
from interviewai_tui.interviews.ports import (
    InterviewError,
    SessionGateway,
    StoredState,
)
from interviewai_tui.interviews.timers import Countdown, Debouncer, Stopwatch, Ticker

__all__ = ["InterviewSession", "SessionError"]

SessionError = InterviewError  # the name the UI's failure reporter looks up

log = logging.getLogger("interviewai.interviews")

TICK_SECONDS = 0.25
HEARTBEAT_SECONDS = 15.0  # the time left is saved this often even when nobody types
RETRY_SECONDS = 3.0  # how often a refused save is retried while the store is down
_DONE = (QuestionStatus.SUBMITTED, QuestionStatus.SKIPPED)


class InterviewSession:
    """Drives one interview. Create with ``InterviewSession(...)`` for a new (pending) one, or
    ``await InterviewSession.resume(...)`` for one left in_progress."""

    def __init__(
        self,
        interview: Interview,
        *,
        gateway: SessionGateway,
        journal: AnswerJournal,
        clock: Clock,
        autosave_seconds: float = 2.0,
        on_event: Callable[[SessionEvent], None] | None = None,
        on_submitted: Callable[[int], None] | None = None,
    ) -> None:
        self.interview = interview
        self._clock = clock
        self._emit = on_event or (lambda _e: None)
        self._on_submitted = on_submitted or (lambda _i: None)
        left = interview.remaining_seconds
        self.countdown = Countdown(clock, interview.duration if left is None else left)
        self.stopwatch = Stopwatch(clock, [q.time_spent for q in interview.questions])
        # The ticker runs every TICK_SECONDS, so wait that much less to keep "≤ autosave".
        delay = max(0.0, autosave_seconds - TICK_SECONDS)
        self._debounce = Debouncer(clock, delay, max_wait=max(delay, 5.0))
        self._dirty: set[int] = set()
        self._saver = Autosaver(interview.id, gateway=gateway, journal=journal, emit=self._emit)
        self._last_save = clock.now()
        self.current = 0
        self._ticker = Ticker(self.tick, lambda: self.active, self._tick_failed)
        self._handed: set[int] = set()  # questions already given to grading
        self._last_retry: datetime | None = None

    # --- state ----------------------------------------------------------------------------

    @property
    def status(self) -> InterviewStatus:
        return self.interview.status

    @property
    def questions(self) -> list[InterviewQuestion]:
        return self.interview.questions

    @property
    def active(self) -> bool:
        return self.interview.status is InterviewStatus.IN_PROGRESS

    def remaining_seconds(self) -> int:
        return self.countdown.remaining_whole()

    def question_seconds(self, index: int | None = None) -> int:
        return self.stopwatch.whole(self.current if index is None else index)

    def text_of(self, index: int) -> str:
        q = self.questions[index]
        return (q.code_answer if q.type is QuestionType.CODING else q.answer) or ""

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """pending → in_progress: startedAt now, the countdown and first stopwatch running."""
        if self.interview.status is not InterviewStatus.PENDING:
            raise InterviewError("This interview has already been started.")
        if not self.questions:
            raise InterviewError("This interview has no questions.")
        now = to_utc(self._clock.now())
        self.interview.status = InterviewStatus.IN_PROGRESS
        self.interview.started_at = now
        self.interview.remaining_seconds = self.interview.duration
        self._run_clocks(self._first_open_question())
        await self._saver.save_state(
            StoredState(self.interview.id, self.status, self.interview.duration, started_at=now)
        )

    @classmethod
    async def resume(
        cls,
        interview: Interview,
        *,
        gateway: SessionGateway,
        journal: AnswerJournal,
        clock: Clock,
        autosave_seconds: float = 2.0,
        on_event: Callable[[SessionEvent], None] | None = None,
        on_submitted: Callable[[int], None] | None = None,
    ) -> InterviewSession:
        """Continue an in_progress interview with its answers and the time left at the last
        save; journaled answers (newer than the store's) are applied, then written through."""
        if interview.status is not InterviewStatus.IN_PROGRESS:
            raise InterviewError("Only an interview in progress can be resumed.")
        for entry in journal.pending(interview.id):
            apply_entry(interview, entry)
        session = cls(
            interview,
            gateway=gateway,
            journal=journal,
            clock=clock,
            autosave_seconds=autosave_seconds,
            on_event=on_event,
            on_submitted=on_submitted,
        )
        session._run_clocks(session._first_open_question())
        await session.retry_pending()
        for index, q in enumerate(interview.questions):
            if q.status is QuestionStatus.SUBMITTED and q.evaluated_at is None:
                session._hand(index)
        return session

    async def finish(self, *, timed_out: bool = False) -> None:
        """Submit every answer as typed and complete the interview."""
        if not self.active:
            return
        for index, q in enumerate(self.questions):
            if q.status is QuestionStatus.DRAFT or (
                q.status is QuestionStatus.UNANSWERED and self.text_of(index).strip()
            ):
                self._mark_submitted(index)
        await self._end(InterviewStatus.COMPLETED, timed_out=timed_out)

    async def cancel(self) -> None:
        """Mark the interview cancelled; whatever was answered is kept."""
        if self.interview.status in (InterviewStatus.PENDING, InterviewStatus.IN_PROGRESS):
            await self._end(InterviewStatus.CANCELLED)

    # --- answering ------------------------------------------------------------------------

    def update_draft(self, index: int, text: str) -> None:
        """Record what is typed; it is saved by ``tick()`` once the debounce is due."""
        self._require_active()
        q = self.questions[index]
        if q.status in _DONE:
            return  # a submitted answer is final; the editor is read-only by then
        if q.type is QuestionType.CODING:
            q.code_answer = text
        else:
            q.answer = text
        q.status = QuestionStatus.DRAFT
        self._dirty.add(index)
        self._debounce.touch()

    async def flush(self) -> None:
        """Save every unsaved draft now (also done on every navigation)."""
        for index in sorted(self._dirty):
            await self._save(index)

    async def goto(self, index: int) -> None:
        self._require_active()
        if not 0 <= index < len(self.questions):
            return
        self.stopwatch.activate(index)
        await self.flush()
        previous, self.current = self.current, index
        if previous != index:
            await self._save(previous)  # its final time spent

    async def next(self) -> None:
        await self.goto(min(self.current + 1, len(self.questions) - 1))

    async def prev(self) -> None:
        await self.goto(max(self.current - 1, 0))

    async def submit(self, index: int | None = None) -> None:
        """Submit an answer (records submittedAt and timeSpent) and hand it to grading."""
        self._require_active()
        index = self.current if index is None else index
        if self.questions[index].status in _DONE:
            return
        self._mark_submitted(index)
        await self._after_answer(index, skipped=False)

    async def skip(self, index: int | None = None) -> None:
        self._require_active()
        index = self.current if index is None else index
        q = self.questions[index]
        if q.status in _DONE:
            return
        q.status = QuestionStatus.SKIPPED
        self._dirty.add(index)
        await self._after_answer(index, skipped=True)

    # --- time -----------------------------------------------------------------------------

    async def tick(self) -> None:
        """Let time act: autosave when due, heartbeat the time left, end when time is up."""
        if not self.active:
            return
        if self.countdown.expired:
            await self.finish(timed_out=True)
            return
        if self._dirty and self._debounce.due():
            await self.flush()
        elif (self._clock.now() - self._last_save).total_seconds() >= HEARTBEAT_SECONDS:
            await self._save(self.current)
        elif self.waiting_for_store and self._retry_due():
            await self.retry_pending()

    def start_ticker(self, interval: float = TICK_SECONDS) -> None:
        """Run ``tick()`` every ``interval`` seconds on the running loop until the end."""
        self._ticker.start(interval)

    async def stop_ticker(self) -> None:
        await self._ticker.stop()

    async def retry_pending(self) -> bool:
        """Retry what the store refused (journaled answers, a status change); True when
        nothing is left waiting."""
        return await self._saver.retry()

    @property
    def waiting_for_store(self) -> bool:
        return self._saver.waiting_for_store

    # --- internals ------------------------------------------------------------------------

    def _tick_failed(self, exc: Exception) -> None:
        if isinstance(exc, InterviewError):
            self._emit(SaveProblem(str(exc)))
        else:  # a store bug must not stop the countdown or autosave: report and go on
            log.error("interview tick failed", exc_info=exc)
            self._emit(SaveProblem(f"Saving failed ({type(exc).__name__}); retrying."))

    def _retry_due(self) -> bool:
        # A dead store can take seconds to say so (MongoDB's server selection); do not ask it
        # four times a second.
        now = self._clock.now()
        if (
            self._last_retry is not None
            and (now - self._last_retry).total_seconds() < RETRY_SECONDS
        ):
            return False
        self._last_retry = now
        return True

    def _hand(self, index: int) -> None:
        if index not in self._handed:
            self._handed.add(index)
            self._on_submitted(index)

    def _run_clocks(self, index: int) -> None:
        self.current = index
        self.countdown.start()
        self.stopwatch.activate(index)

    def _first_open_question(self) -> int:
        for index, q in enumerate(self.questions):
            if q.status not in _DONE:
                return index
        return 0

    def _require_active(self) -> None:
        if not self.active:
            raise InterviewError(f"This interview is {self.status.value.replace('_', ' ')}.")

    def _mark_submitted(self, index: int) -> None:
        q = self.questions[index]
        q.status = QuestionStatus.SUBMITTED
        q.submitted_at = to_utc(self._clock.now())
        self._dirty.add(index)

    async def _after_answer(self, index: int, *, skipped: bool) -> None:
        await self.flush()
        self._emit(AnswerSubmitted(index, skipped=skipped))
        if not skipped:
            self._hand(index)
        following = [i for i in range(len(self.questions)) if self.questions[i].status not in _DONE]
        later = [i for i in following if i > index]
        if later or following:
            await self.goto((later or following)[0])

    async def _end(self, status: InterviewStatus, *, timed_out: bool = False) -> None:
        self.stopwatch.activate(None)
        self.countdown.stop()
        await self.flush()
        now = to_utc(self._clock.now())
        self.interview.status = status
        self.interview.completed_at = now if status is InterviewStatus.COMPLETED else None
        self.interview.remaining_seconds = self.countdown.remaining_whole()
        await self._saver.save_state(
            StoredState(
                self.interview.id,
                status,
                self.interview.remaining_seconds,
                completed_at=self.interview.completed_at,
            )
        )
        if status is InterviewStatus.COMPLETED:
            for index, q in enumerate(self.questions):
                if q.status is QuestionStatus.SUBMITTED and q.evaluated_at is None:
                    self._hand(index)
        self._emit(InterviewEnded(status, timed_out=timed_out))

    async def _save(self, index: int) -> None:
        q = self.questions[index]
        q.time_spent = self.stopwatch.whole(index)
        left = self.countdown.remaining_whole()
        self.interview.remaining_seconds = left
        entry = JournalEntry(
            interview_id=self.interview.id,
            question_index=index,
            seq=self._saver.next_seq(),
            answer=q.answer,
            code_answer=q.code_answer,
            time_spent=q.time_spent,
            remaining_seconds=left,
            status=q.status.value,
            submitted_at=q.submitted_at.isoformat() if q.submitted_at else None,
        )
        self._dirty.discard(index)
        if not self._dirty:
            self._debounce.clear()
        self._last_save = self._clock.now()
        if not await self._saver.write(entry):
            self._dirty.add(index)
