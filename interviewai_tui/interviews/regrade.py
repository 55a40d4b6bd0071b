"""A second opinion: re-grade a finished interview with another evaluator.

Each answered question is graded again; the stored score becomes the mean of both grades, the
feedback says what each evaluator gave, and ``confidence`` becomes the measured agreement
(100 minus the mean absolute difference between the two grades). Offered by the results screen
when confidence is low.
"""

from __future__ import annotations

import statistics
from datetime import datetime

from interviewai_tui.domain.common import InterviewStatus, QuestionStatus, to_utc
from interviewai_tui.domain.interviews import Interview
from interviewai_tui.interviews.gateway import guarded
from interviewai_tui.interviews.grading import Grader
from interviewai_tui.interviews.ports import InterviewError
from interviewai_tui.store.base import Store

__all__ = ["regrade"]


async def regrade(interview: Interview, *, grader: Grader, store: Store, label: str) -> Interview:
    """Grade ``interview`` again with ``grader`` (built on the second evaluator) and merge."""
    if interview.status is not InterviewStatus.COMPLETED or interview.results is None:
        raise InterviewError("Only a finished, graded interview can be re-graded.")
    first = {
        i: q.score
        for i, q in enumerate(interview.questions)
        if q.status is QuestionStatus.SUBMITTED and q.evaluated_at is not None
    }
    if not first:
        raise InterviewError("There is no graded answer to re-grade.")
    for index in first:
        grader.enqueue(index)
    await grader.drain()
    diffs: list[int] = []
    for index, old in first.items():
        q = interview.questions[index]
        new = q.score
        diffs.append(abs(new - old))
        merged = round((old + new) / 2)
        note = f"Second opinion ({label}): {new}/100; first grade {old}/100; kept {merged}/100."
        feedback = f"{q.feedback or ''}\n{note}".strip()
        q.score, q.feedback = merged, feedback
        evaluated_at = q.evaluated_at or to_utc(grader.now())

        async def save(
            i: int = index, s: int = merged, f: str = feedback, at: datetime = evaluated_at
        ) -> None:
            await store.interviews.save_evaluation(
                interview_id=interview.id,
                question_index=i,
                score=s,
                feedback=f,
                ai_provider=interview.questions[i].ai_provider,
                evaluated_at=at,
                judge=interview.questions[i].judge,
            )

        await guarded(save)
    results = await grader.finalise()
    agreement = max(0, 100 - round(statistics.fmean(diffs)))
    results.confidence = agreement
    await guarded(
        lambda: store.interviews.update(
            interview_id=interview.id, changes={"results.confidence": agreement}
        )
    )
    return interview
