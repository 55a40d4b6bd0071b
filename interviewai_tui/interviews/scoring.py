"""Pure arithmetic of grading: combining judge and AI, and an interview's results.

Definitions (kept here so the results screen and the docs can point at one place):
- A coding answer's score is 60 % the judge's pass rate and 40 % the AI's review when tests ran;
  the AI's score alone when the question has no test cases.
- ``totalScore`` is the mean over *all* questions (a skipped one counts 0); ``averageScore`` the
  mean over answered ones.
- ``consistency`` is 100 minus twice the population standard deviation of answered scores
  (identical scores → 100; scores split between 0 and 100 → 0).
- ``confidence`` is the mean agreement per answer: the evaluator's own confidence when it gives
  one, and for coding answers how close the AI's score is to the judge's pass rate.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from interviewai_tui.domain.common import QuestionStatus, QuestionType
from interviewai_tui.domain.interviews import AiProcessing, Interview, InterviewResults
from interviewai_tui.interviews.evaluation import AnswerEvaluation, OverallSummary

__all__ = [
    "JUDGE_WEIGHT",
    "LOW_CONFIDENCE",
    "GradedAnswer",
    "ai_processing",
    "combine_coding",
    "compute_results",
]

JUDGE_WEIGHT = 0.6
LOW_CONFIDENCE = 60  # below this the results screen offers a re-grade with another provider
_DEFAULT_CONFIDENCE = 80


@dataclass(frozen=True, slots=True)
class GradedAnswer:
    """One evaluated question, as grading keeps it for the results."""

    index: int
    evaluation: AnswerEvaluation | None
    """None for a skipped or empty answer (scored 0 without asking anyone)."""
    pass_rate: float | None = None
    """Judge pass rate 0.0–1.0 when tests ran."""
    tech: tuple[str, ...] = ()
    """The bank question's techStack, for skillScores."""

    @property
    def agreement(self) -> int | None:
        if self.evaluation is None:
            return None
        own = self.evaluation.confidence
        if self.pass_rate is None or self.evaluation.includes_judge:
            # A score that already blends the pass rate cannot be compared with it.
            return own if own is not None else _DEFAULT_CONFIDENCE
        judged = 100 - abs(round(self.pass_rate * 100) - self.evaluation.score)
        return judged if own is None else round((own + judged) / 2)


def combine_coding(ai_score: int, pass_rate: float | None) -> int:
    if pass_rate is None:
        return _clamp(ai_score)
    return _clamp(round(JUDGE_WEIGHT * pass_rate * 100 + (1 - JUDGE_WEIGHT) * ai_score))


def compute_results(
    interview: Interview,
    graded: Sequence[GradedAnswer],
    *,
    summary: OverallSummary | None = None,
) -> InterviewResults:
    questions = interview.questions
    answered = [i for i, q in enumerate(questions) if _answered(q.status, q.answer, q.code_answer)]
    scores = [questions[i].score for i in answered]
    total = len(questions)
    total_score = round(sum(q.score for q in questions) / total) if total else 0
    average = round(statistics.fmean(scores)) if scores else 0
    spread = statistics.pstdev(scores) if len(scores) > 1 else 0.0
    agreements = [a for g in graded if (a := g.agreement) is not None]
    strengths = _top(s for g in graded if g.evaluation for s in g.evaluation.strengths)
    improvements = _top(s for g in graded if g.evaluation for s in g.evaluation.improvements)
    skills = _skill_scores(interview, graded)
    recommendations = _recommendations(interview, skills, answered)
    if summary is not None:  # the evaluator's own overview wins where it said something
        strengths = _top(summary.strengths) or strengths
        improvements = _top(summary.improvements) or improvements
        recommendations = _top([*summary.recommendations, *recommendations])
    return InterviewResults(
        total_score=_clamp(total_score),
        average_score=_clamp(average),
        questions_answered=len(answered),
        questions_total=total,
        time_spent=sum(q.time_spent for q in questions),
        skill_scores=skills,
        overall_feedback=(summary.feedback.strip() if summary else "")
        or _overall(average, len(answered), total),
        strengths=strengths,
        improvements=improvements,
        recommendations=recommendations,
        response_time=round(statistics.fmean(questions[i].time_spent for i in answered), 1)
        if answered
        else 0.0,
        consistency=_clamp(round(100 - 2 * spread)) if scores else 0,
        confidence=_clamp(round(statistics.fmean(agreements))) if agreements else 0,
    )


def ai_processing(
    graded: Sequence[GradedAnswer], summary: OverallSummary | None = None
) -> AiProcessing:
    """Who evaluated (the most frequent provider), whether any call fell back, total AI time,
    and the cost of the calls that have a price (unpriced ones add nothing, never a guess)."""
    calls: list[tuple[str, bool, float, float | None]] = [
        (e.provider, e.fallback_used, e.latency_seconds, e.cost)
        for g in graded
        if (e := g.evaluation) is not None and e.provider != "none"
    ]
    if summary is not None:
        calls.append(
            (summary.provider, summary.fallback_used, summary.latency_seconds, summary.cost)
        )
    if not calls:
        return AiProcessing()
    provider = Counter(c[0] for c in calls).most_common(1)[0][0]
    return AiProcessing(
        provider=provider,
        fallback_used=any(c[1] for c in calls),
        processing_time=round(sum(c[2] for c in calls), 3),
        cost=round(sum(c[3] for c in calls if c[3] is not None), 6),
    )


def _answered(status: QuestionStatus, answer: str | None, code: str | None) -> bool:
    return status is QuestionStatus.SUBMITTED and bool(
        (answer or "").strip() or (code or "").strip()
    )


def _skill_scores(interview: Interview, graded: Sequence[GradedAnswer]) -> dict[str, int]:
    by_index = {g.index: g for g in graded}
    skills: dict[str, int] = {}
    general = [
        q.score
        for i, q in enumerate(interview.questions)
        if q.type is not QuestionType.BEHAVIORAL and i in by_index
    ]
    for tech in interview.tech_stack:
        key = tech.casefold()
        related = [
            interview.questions[g.index].score
            for g in graded
            if any(t.casefold() == key for t in g.tech)
        ]
        # A stack entry no question touched is scored from the engineering questions overall,
        # so every tech of the setup appears in the chart.
        pool = related or general
        skills[tech] = _clamp(round(statistics.fmean(pool))) if pool else 0
    return skills


def _recommendations(
    interview: Interview, skills: dict[str, int], answered: list[int]
) -> list[str]:
    out: list[str] = []
    for tech, score in sorted(skills.items(), key=lambda kv: kv[1])[:3]:
        if score < 70:
            out.append(f"Review {tech}: it scored {score}/100 in this interview.")
    by_type: dict[QuestionType, list[int]] = {}
    for q in interview.questions:
        by_type.setdefault(q.type, []).append(q.score)
    for qtype, scores in sorted(by_type.items(), key=lambda kv: statistics.fmean(kv[1])):
        mean = round(statistics.fmean(scores))
        if mean < 60:
            label = qtype.value.replace("_", " ")
            out.append(f"Practise {label} questions (average {mean}/100).")
    unanswered = len(interview.questions) - len(answered)
    if unanswered:
        out.append(f"Pace yourself: {unanswered} question(s) were left unanswered or skipped.")
    if not out:
        out.append("Try the next difficulty level to keep improving.")
    return out[:5]


def _overall(average: int, answered: int, total: int) -> str:
    if answered == 0:
        return "No question was answered, so there is nothing to assess yet."
    band = (
        "excellent"
        if average >= 85
        else "solid"
        if average >= 70
        else "developing"
        if average >= 50
        else "early-stage"
    )
    return (
        f"You answered {answered} of {total} questions with an average of {average}/100 — "
        f"{band} work. See each question's feedback for specifics."
    )


def _top(items: Iterable[str], limit: int = 5) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        text = item.strip()
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())[:limit]


def _clamp(value: int) -> int:
    return max(0, min(100, int(value)))
