"""The interviews use cases the screens call: setup options, create, run, resume, results.

Screens never touch the store or a provider; they hold an ``InterviewService`` (built by the
container) and a ``RunningInterview`` it hands out, and render the events that come back.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import (
    Category,
    Difficulty,
    InterviewStatus,
    QuestionType,
    to_utc,
)
from interviewai_tui.domain.interviews import Interview, InterviewResults, InterviewSetup
from interviewai_tui.interviews.evaluation import AnswerEvaluator
from interviewai_tui.interviews.events import ResultsReady, SessionEvent
from interviewai_tui.interviews.gateway import StoreGateway, guarded
from interviewai_tui.interviews.grading import Grader, JudgeFn
from interviewai_tui.interviews.journal import AnswerJournal
from interviewai_tui.interviews.planner import (
    NoMatchError,
    Pick,
    Planner,
    PlanRequest,
    category_for_role,
)
from interviewai_tui.interviews.ports import InterviewError, StorageDown
from interviewai_tui.interviews.regrade import regrade
from interviewai_tui.interviews.session import InterviewSession
from interviewai_tui.judge import JudgeReport, Limits
from interviewai_tui.store.base import Store

__all__ = ["InterviewService", "RunningInterview", "SetupOptions"]

EvaluatorFactory = Callable[[str | None, str | None, str], AnswerEvaluator]
"""(provider or None for the configured default, model or None, user id) → evaluator."""

_ROLE_SUGGESTIONS = {
    Category.FRONTEND: "Frontend Developer",
    Category.BACKEND: "Backend Developer",
    Category.FULLSTACK: "Full-stack Developer",
    Category.MOBILE: "Mobile Developer",
}
RECENT_INTERVIEWS = 5


@dataclass(frozen=True, slots=True)
class SetupOptions:
    roles: list[str]
    stacks: list[str]
    difficulties: list[Difficulty] = field(default_factory=lambda: list(Difficulty))
    types: list[QuestionType] = field(default_factory=lambda: list(QuestionType))


def default_title(job_role: str | None, difficulty: Difficulty) -> str:
    role = (job_role or "").strip() or "General"
    return f"{role} — {difficulty.value} interview"


class RunningInterview:
    """A session and its grader, wired together for one screen."""

    def __init__(self, session: InterviewSession, grader: Grader) -> None:
        self.session = session
        self.grader = grader

    @property
    def interview(self) -> Interview:
        return self.session.interview

    async def run_tests(self, index: int, code: str) -> JudgeReport | None:
        return await self.grader.run_tests(index, code)

    async def finish(self, *, timed_out: bool = False) -> InterviewResults:
        await self.session.finish(timed_out=timed_out)
        return await self.finalise()

    async def finalise(self) -> InterviewResults:
        await self.session.stop_ticker()
        return await self.grader.finalise()

    async def cancel(self) -> None:
        await self.session.cancel()
        await self.session.stop_ticker()


class InterviewService:
    def __init__(
        self,
        *,
        store: Store,
        evaluator_for: EvaluatorFactory,
        judge: JudgeFn,
        clock: Clock,
        data_dir: Path,
        autosave_seconds: float = 2.0,
        judge_limits: Limits | None = None,
        rng: random.Random | None = None,
        on_results: Callable[[str], Awaitable[object]] | None = None,
    ) -> None:
        self._store = store
        # Called in the background with the interview id once its results are stored (the
        # analytics rollups hang here); its failures are logged, never shown mid-interview.
        self._on_results = on_results
        self._background: set[asyncio.Task[object]] = set()
        self._evaluator_for = evaluator_for
        self._judge = judge
        self._clock = clock
        self.journal = AnswerJournal(data_dir / "journal")
        self._autosave = autosave_seconds
        self._limits = judge_limits
        self.planner = Planner(store.questions, rng=rng)

    async def setup_options(self) -> SetupOptions:
        stacks = await guarded(lambda: self._store.questions.distinct(field="techStack"))
        categories = await guarded(lambda: self._store.questions.distinct(field="category"))
        used = await guarded(lambda: self._store.interviews.distinct_job_roles())
        roles = [_ROLE_SUGGESTIONS[Category(c)] for c in categories if c in set(Category)]
        roles += [r for r in used if r not in roles]
        return SetupOptions(roles=roles, stacks=stacks)

    def request_for(
        self, user_id: str, setup: InterviewSetup, *, allow_repeats: bool = False
    ) -> PlanRequest:
        return PlanRequest(
            user_id=user_id,
            difficulty=setup.difficulty,
            tech_stack=list(setup.tech_stack),
            category=setup.category or category_for_role(setup.job_role),
            type_counts=dict(setup.type_counts),
            count=setup.question_count,
            allow_repeats=allow_repeats,
            recent_interviews=RECENT_INTERVIEWS,
        )

    async def check(
        self, user_id: str, setup: InterviewSetup, *, allow_repeats: bool = False
    ) -> str | None:
        """None when the bank can fill this setup, else one explanation of what would match."""
        problem = validate_setup(setup)
        if problem:
            return problem
        try:
            await self._plan(user_id, setup, allow_repeats)
        except NoMatchError as exc:
            return str(exc)
        return None

    async def create(
        self, user_id: str, setup: InterviewSetup, *, allow_repeats: bool = False
    ) -> Interview:
        """Plan and store a pending interview; counts it in the user's stats."""
        problem = validate_setup(setup)
        if problem:
            raise InterviewError(problem)
        picks = await self._plan(user_id, setup, allow_repeats)
        now = to_utc(self._clock.now())
        interview = Interview(
            user_id=user_id,
            title=setup.title.strip() or default_title(setup.job_role, setup.difficulty),
            job_role=setup.job_role,
            tech_stack=list(setup.tech_stack),
            difficulty=setup.difficulty,
            duration=setup.duration,
            status=InterviewStatus.PENDING,
            questions=[p.item for p in picks],
            created_at=now,
            updated_at=now,
            setup=setup,
            remaining_seconds=setup.duration,
        )
        created = await guarded(lambda: self._store.interviews.create(interview=interview))
        await guarded(lambda: self.planner.record_usage(picks))
        await guarded(
            lambda: self._store.users.add_to_stats(
                user_id=user_id, total_interviews=1, last_activity_at=now
            )
        )
        return created

    def run(
        self,
        interview: Interview,
        *,
        on_event: Callable[[SessionEvent], None] | None = None,
        provider: str | None = None,
        model: str | None = None,
    ) -> RunningInterview:
        """Wire a session and a grader for a pending interview (call ``session.start()``)."""
        grader = self._grader(interview, on_event, provider, model)
        session = InterviewSession(
            interview,
            gateway=StoreGateway(self._store),
            journal=self.journal,
            clock=self._clock,
            autosave_seconds=self._autosave,
            on_event=on_event,
            on_submitted=grader.enqueue,
        )
        return RunningInterview(session, grader)

    async def flush_journals(self) -> int:
        """Write through answers journaled while the store was down (call after opening the
        store); returns how many were written. Interviews whose store is still down wait."""
        gateway = StoreGateway(self._store)
        written = 0
        for interview_id in self.journal.interviews_with_pending():
            try:
                written += await self.journal.write_through(interview_id, gateway.save_answer)
            except StorageDown:
                continue
        return written

    async def resumable(self, user_id: str) -> list[Interview]:
        return await guarded(lambda: self._store.interviews.find_in_progress(user_id=user_id))

    async def resume(
        self,
        interview_id: str,
        *,
        on_event: Callable[[SessionEvent], None] | None = None,
        provider: str | None = None,
        model: str | None = None,
    ) -> RunningInterview:
        interview = await self.get(interview_id)
        if provider is None and interview.setup is not None:  # grade as the interview began
            provider, model = interview.setup.provider, model or interview.setup.model
        grader = self._grader(interview, on_event, provider, model)
        session = await InterviewSession.resume(
            interview,
            gateway=StoreGateway(self._store),
            journal=self.journal,
            clock=self._clock,
            autosave_seconds=self._autosave,
            on_event=on_event,
            on_submitted=grader.enqueue,
        )
        return RunningInterview(session, grader)

    async def regrade(
        self, interview_id: str, *, provider: str | None, model: str | None = None
    ) -> Interview:
        """Grade a finished interview again with another provider; see ``regrade.py``."""
        interview = await self.get(interview_id)
        grader = self._grader(interview, None, provider, model)
        label = provider or "the configured provider"
        return await regrade(interview, grader=grader, store=self._store, label=label)

    async def get(self, interview_id: str) -> Interview:
        found = await guarded(lambda: self._store.interviews.get(interview_id=interview_id))
        if found is None:
            raise InterviewError("That interview no longer exists.")
        return found

    async def _plan(self, user_id: str, setup: InterviewSetup, allow_repeats: bool) -> list[Pick]:
        recent: set[str] = set()
        if not allow_repeats:
            recent = await guarded(
                lambda: self._store.interviews.recent_question_ids(
                    user_id=user_id, n=RECENT_INTERVIEWS
                )
            )
        request = self.request_for(user_id, setup, allow_repeats=allow_repeats)
        return await guarded(lambda: self.planner.plan(request, recent=recent))

    def _grader(
        self,
        interview: Interview,
        on_event: Callable[[SessionEvent], None] | None,
        provider: str | None,
        model: str | None,
    ) -> Grader:
        return Grader(
            interview,
            store=self._store,
            evaluator=self._evaluator_for(provider, model, interview.user_id),
            judge=self._judge,
            clock=self._clock,
            limits=self._limits,
            on_event=self._with_results_hook(on_event),
        )

    def _with_results_hook(
        self, on_event: Callable[[SessionEvent], None] | None
    ) -> Callable[[SessionEvent], None] | None:
        hook = self._on_results
        if hook is None:
            return on_event

        def forward(event: SessionEvent) -> None:
            if isinstance(event, ResultsReady):
                task: asyncio.Task[object] = asyncio.ensure_future(hook(event.interview_id))
                self._background.add(task)
                task.add_done_callback(self._finished_hook)
            if on_event is not None:
                on_event(event)

        return forward

    def _finished_hook(self, task: asyncio.Task[object]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logging.getLogger("interviewai.interviews").warning(
                "updating analytics after results failed", exc_info=task.exception()
            )


def validate_setup(setup: InterviewSetup) -> str | None:
    """One sentence about a setup that cannot work, else None."""
    counts = {t: n for t, n in setup.type_counts.items() if n > 0}
    total = sum(counts.values()) if counts else setup.question_count
    if total < 1:
        return "Choose at least one question."
    if total > 30:
        return "Choose at most 30 questions."
    if counts and setup.question_count and total != setup.question_count:
        return (
            f"The mix adds up to {total} questions but {setup.question_count} were asked "
            "for; adjust one of them."
        )
    if setup.duration < 60:
        return "The interview needs at least one minute."
    if setup.duration < total * 60:
        return (
            f"{total} questions in {setup.duration // 60} minute(s) leaves under a minute "
            "each; allow more time or fewer questions."
        )
    return None
