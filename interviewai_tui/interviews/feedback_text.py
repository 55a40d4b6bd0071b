"""The stored feedback of one answer, both ways.

Grading writes the evaluator's words plus ``Strengths: a; b.`` and ``To improve: c; d.`` lines
(analytics reads the latter back for commonMistakes). An interview resumed after a restart is
finalised by a new grader: the answers an earlier run graded are read back from that text so
the results, the overall summary and question usage count every answer, not only the last run's.
"""

from __future__ import annotations

from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.interviews import InterviewQuestion
from interviewai_tui.interviews.evaluation import AnswerEvaluation
from interviewai_tui.interviews.scoring import GradedAnswer

__all__ = ["feedback_text", "restored_answer"]

STRENGTHS = "Strengths: "
TO_IMPROVE = "To improve: "


def feedback_text(evaluation: AnswerEvaluation, notes: list[str]) -> str:
    parts = [evaluation.feedback.strip()]
    if evaluation.strengths:
        parts.append(STRENGTHS + _items(evaluation.strengths))
    if evaluation.improvements:
        parts.append(TO_IMPROVE + _items(evaluation.improvements))
    parts.extend(notes)
    return "\n".join(p for p in parts if p)


def _items(items: list[str]) -> str:
    """``a; b; c.`` on one line (analytics splits it on ";"), not ``a.; b.; c.``."""
    kept = [item.strip().rstrip(".;").strip() for item in items]
    return "; ".join(item for item in kept if item) + "."


def _read_items(text: str) -> list[str]:
    return [item.strip().rstrip(".").strip() for item in text.split(";") if item.strip(" .")]


def restored_answer(item: InterviewQuestion, index: int, tech: tuple[str, ...]) -> GradedAnswer:
    """What an earlier run's grading of ``item`` was, rebuilt from what it stored."""
    answer = (item.code_answer if item.type is QuestionType.CODING else item.answer) or ""
    if not answer.strip():
        return GradedAnswer(index, None, tech=tech)
    strengths: list[str] = []
    improvements: list[str] = []
    said: list[str] = []
    for line in (item.feedback or "").splitlines():
        if line.startswith(STRENGTHS):
            strengths = _read_items(line.removeprefix(STRENGTHS))
        elif line.startswith(TO_IMPROVE):
            improvements = _read_items(line.removeprefix(TO_IMPROVE))
        else:
            said.append(line)
    judge = item.judge
    pass_rate = judge.passed / judge.total if judge is not None and judge.total else None
    evaluation = AnswerEvaluation(
        score=item.score,
        feedback="\n".join(said).strip(),
        provider=item.ai_provider or "none",
        strengths=strengths,
        improvements=improvements,
        includes_judge=True,  # the stored score already blends the pass rate
    )
    return GradedAnswer(index, evaluation, pass_rate=pass_rate, tech=tech)
