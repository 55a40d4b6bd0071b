"""The grading seam over the AI router: retries, fallback chain, spend cap, call records and
the offline coach at the end of the chain all come from ``ai.tasks``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

from interviewai_tui.ai.base import Usage
from interviewai_tui.ai.evaluation import CriterionLike, Evaluation, QuestionLike
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.tasks import evaluate_answer, summarize_interview
from interviewai_tui.domain.interviews import Interview, InterviewQuestion
from interviewai_tui.domain.questions import Question
from interviewai_tui.interviews.evaluation import AnswerEvaluation, OverallSummary
from interviewai_tui.interviews.scoring import GradedAnswer
from interviewai_tui.judge import JudgeReport

__all__ = ["RouterEvaluator"]


@dataclass(frozen=True, slots=True)
class _ItemView:
    """A bank-less question (deleted from the bank since): what the interview kept of it."""

    question: str
    type: str
    difficulty: str
    expected_answer: str | None
    evaluation_criteria: Sequence[CriterionLike] = ()
    skills: Sequence[str] = ()
    tech_stack: Sequence[str] = field(default_factory=list)


def _view(question: Question | None, item: InterviewQuestion) -> QuestionLike:
    if question is not None:
        # The interview shows the variant it picked; grade against that wording.
        return question.model_copy(update={"question": item.question})
    difficulty = item.difficulty.value if item.difficulty else "medium"
    return _ItemView(item.question, item.type.value, difficulty, item.expected_answer)


def _judge_line(report: JudgeReport) -> str:
    failed = [r for r in report.results if not r.passed]
    if not failed:
        return f"All {report.total} tests passed."
    kinds = sorted({r.verdict.value.replace("_", " ") for r in failed})
    return f"{report.passed}/{report.total} passed; failures: {', '.join(kinds)}."


def _cost(usage: Usage) -> float | None:
    return float(usage.cost) if usage.cost is not None else None


class RouterEvaluator:
    """``AnswerEvaluator`` (and summariser) that asks the router."""

    def __init__(
        self,
        router: Router | Callable[[], Awaitable[Router]],
        *,
        provider: str | None = None,
        user_id: str | None = None,
    ) -> None:
        # The container builds the AI runtime on first use (that is async), so a factory is
        # accepted too and awaited at the first evaluation.
        self._router_source: Router | Callable[[], Awaitable[Router]] = router
        self._provider = provider
        self._user_id = user_id
        self._evaluations: dict[str, Evaluation] = {}

    async def _router(self) -> Router:
        source = self._router_source
        if isinstance(source, Router):
            return source
        router = await source()
        self._router_source = router
        return router

    async def evaluate(
        self,
        *,
        question: Question | None,
        item: InterviewQuestion,
        answer: str,
        judge: JudgeReport | None,
    ) -> AnswerEvaluation:
        pass_rate = judge.pass_rate if judge is not None and judge.total else None
        evaluation, usage = await evaluate_answer(
            await self._router(),
            _view(question, item),
            answer,
            pass_rate=pass_rate,
            judge_summary=_judge_line(judge) if judge is not None and judge.total else None,
            user_id=self._user_id,
            provider=self._provider,
        )
        self._evaluations[item.id] = evaluation
        return AnswerEvaluation(
            score=evaluation.score,
            feedback=evaluation.feedback,
            provider=usage.provider,
            strengths=list(evaluation.strengths),
            improvements=list(evaluation.improvements),
            model=usage.model,
            fallback_used=usage.fallback_used,
            latency_seconds=usage.latency_ms / 1000,
            cost=_cost(usage),
            confidence=evaluation.confidence,
            prompt_version=evaluation.prompt_version,
            includes_judge=pass_rate is not None,
        )

    def _evaluation_of(self, item: InterviewQuestion, graded: GradedAnswer) -> Evaluation | None:
        """This run's evaluation of ``item``; for an answer graded before a restart, the one
        read back from what was stored (see ``feedback_text.restored_answer``)."""
        found = self._evaluations.get(item.id)
        earlier = graded.evaluation
        if found is not None or earlier is None:
            return found
        return Evaluation(
            score=earlier.score,
            feedback=earlier.feedback,
            strengths=earlier.strengths,
            improvements=earlier.improvements,
            provider=earlier.provider,
            model=earlier.model or "",
            prompt_version=earlier.prompt_version or "",
            confidence=earlier.confidence if earlier.confidence is not None else 50,
        )

    async def summarise(
        self,
        *,
        interview: Interview,
        graded: Sequence[GradedAnswer],
        questions: Mapping[int, Question | None],
    ) -> OverallSummary | None:
        items = [
            (_view(questions.get(g.index), interview.questions[g.index]), ev)
            for g in graded
            if (ev := self._evaluation_of(interview.questions[g.index], g)) is not None
        ]
        if not items:
            return None
        overall, usage = await summarize_interview(
            await self._router(),
            items,
            title=interview.title,
            role=interview.job_role or "",
            stack=interview.tech_stack,
            user_id=self._user_id,
            provider=self._provider,
        )
        return OverallSummary(
            feedback=overall.overall_feedback,
            provider=usage.provider,
            strengths=list(overall.strengths),
            improvements=list(overall.improvements),
            recommendations=list(overall.recommendations),
            fallback_used=usage.fallback_used,
            latency_seconds=usage.latency_ms / 1000,
            cost=_cost(usage),
        )
