"""The evaluator seam of grading: what an answer's evaluation looks like, whoever produced it.

``grading.py`` depends on this Protocol only; ``ai_evaluator.py`` adapts the AI router (with its
fallback chain ending in the offline coach) to it, and tests use small fakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from interviewai_tui.domain.interviews import InterviewQuestion
from interviewai_tui.domain.questions import Question
from interviewai_tui.judge import JudgeReport

__all__ = ["AnswerEvaluation", "AnswerEvaluator", "EvaluationError", "OverallSummary"]


class EvaluationError(Exception):
    """No evaluator could grade the answer; ``str()`` is one sentence."""


@dataclass(frozen=True, slots=True)
class AnswerEvaluation:
    score: int
    feedback: str
    provider: str
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    model: str | None = None
    fallback_used: bool = False
    latency_seconds: float = 0.0
    cost: float | None = None
    """USD; None when the model is unpriced (never shown as $0)."""
    confidence: int | None = None
    """0–100, how sure the evaluator is; None when it does not say."""
    prompt_version: str | None = None
    includes_judge: bool = False
    """True when ``score`` already blends in the judge's pass rate (grading then keeps it)."""


@dataclass(frozen=True, slots=True)
class OverallSummary:
    """The interview-level feedback an evaluator may write after the last answer."""

    feedback: str
    provider: str
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    fallback_used: bool = False
    latency_seconds: float = 0.0
    cost: float | None = None


class AnswerEvaluator(Protocol):
    async def evaluate(
        self,
        *,
        question: Question | None,
        item: InterviewQuestion,
        answer: str,
        judge: JudgeReport | None,
    ) -> AnswerEvaluation:
        """Grade one answer. ``question`` is the bank entry (criteria, tests), when known."""
        ...
