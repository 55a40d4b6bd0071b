"""``type: "interview"`` documents: one per completed interview.

The seed keys analytics documents by (userId, type, period), so an interview's document uses
the interview itself as its period: ``period.type`` "daily", ``period.date`` when it started
(moved on by a millisecond if another interview of the user already holds that instant, see
``writer.claim_dates``) and ``period.endDate`` when it was completed.

commonMistakes are drawn from the stored feedback: the evaluator's "To improve:" items
first, then feedback sentences that name a fault, then failed judge tests.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from interviewai_tui.analytics.activity import completed_moment
from interviewai_tui.analytics.numbers import mean
from interviewai_tui.analytics.writer import Doc
from interviewai_tui.domain.common import (
    AnalyticsType,
    Difficulty,
    PeriodType,
    QuestionStatus,
    QuestionType,
)
from interviewai_tui.domain.interviews import Interview, InterviewQuestion

__all__ = ["SUCCESS_SCORE", "common_mistakes", "interview_document", "wanted_date"]

SUCCESS_SCORE = 60  # the same bar as the question bank's usage.successRate (grading.py)
MAX_MISTAKES = 3
MAX_MISTAKE_CHARS = 120

# A sentence that names a fault holds one of these (matched at a word start, on lower case).
_CUES: tuple[str, ...] = (
    " missing",
    " misses",
    " lack",
    " incorrect",
    " wrong",
    " fail",
    " forgot",
    " unclear",
    " inefficient",
    " error",
    " should",
    " consider",
    " instead",
    " doesn't",
    " didn't",
    " does not",
    " did not",
    " not handled",
    " no mention",
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def wanted_date(interview: Interview) -> datetime:
    """The instant an interview's document would like as its period.date."""
    return interview.started_at or interview.created_at


def _one_line(text: str) -> str:
    flat = " ".join(_CONTROL.sub(" ", text).split()).strip(" -•;")
    if len(flat) > MAX_MISTAKE_CHARS:
        flat = flat[: MAX_MISTAKE_CHARS - 1].rstrip() + "…"
    return flat


def _sentences(lines: list[str]) -> list[str]:
    # Plain string splitting: a regex split costs several times more per answer, and a
    # rebuild runs this for every question of every interview.
    out: list[str] = []
    for line in lines:
        out += line.replace("! ", ". ").replace("? ", ". ").split(". ")
    return out


def _names_a_fault(sentence: str) -> bool:
    padded = " " + " ".join(sentence.lower().split())
    return any(cue in padded for cue in _CUES)


def common_mistakes(q: InterviewQuestion) -> list[str]:
    """Up to three short, distinct statements of what went wrong in one answer."""
    found: list[str] = []
    feedback = q.feedback or ""
    rest: list[str] = []
    for line in feedback.splitlines():
        head, sep, tail = line.partition(":")
        if sep and head.strip().casefold() in {"to improve", "improvements", "improve"}:
            found += [part for part in tail.split(";")]
        elif not (sep and head.strip().casefold() == "strengths"):
            rest.append(line)
    found += [s for s in _sentences(rest) if _names_a_fault(s)]
    if q.judge is not None and q.judge.total and q.judge.passed < q.judge.total:
        failed = Counter(v for v in q.judge.verdicts if v != "passed")
        kinds = ", ".join(f"{v.replace('_', ' ')} ×{n}" for v, n in sorted(failed.items()))
        found.append(f"Failed {q.judge.total - q.judge.passed} of {q.judge.total} tests ({kinds})")
    out: list[str] = []
    for text in found:
        line = _one_line(text)
        if line and line.casefold() not in {o.casefold() for o in out}:
            out.append(line)
    return out[:MAX_MISTAKES]


def _answered(q: InterviewQuestion) -> bool:
    text = q.code_answer if q.type is QuestionType.CODING else q.answer
    return q.status is QuestionStatus.SUBMITTED and bool((text or q.answer or "").strip())


def _success(q: InterviewQuestion) -> float:
    if q.judge is not None and q.judge.total:
        return round(q.judge.passed / q.judge.total * 100, 1)
    return 100.0 if q.score >= SUCCESS_SCORE else 0.0


def interview_document(interview: Interview, *, date: datetime) -> Doc:
    """The stored form of a completed interview's document, with ``period.date`` = ``date``."""
    questions = interview.questions
    answered = [q for q in questions if _answered(q)]
    counts = Counter(q.difficulty or interview.difficulty for q in questions)
    metrics = {
        "interviewId": interview.id,
        "completionRate": round(len(answered) / len(questions) * 100, 1) if questions else 0.0,
        "averageQuestionTime": mean([float(q.time_spent) for q in answered]),
        "difficultyDistribution": {d.value: counts[d] for d in Difficulty},
        "skillPerformance": dict(interview.results.skill_scores) if interview.results else {},
        "questionMetrics": [
            {
                "questionId": q.question_id or q.id,
                "averageScore": q.score,
                "averageTime": float(q.time_spent),
                "successRate": _success(q),
                "commonMistakes": common_mistakes(q),
            }
            for q in questions
        ],
    }
    return {
        "userId": interview.user_id,
        "type": AnalyticsType.INTERVIEW.value,
        "period": {
            "type": PeriodType.DAILY.value,
            "date": date,
            "endDate": completed_moment(interview),
        },
        "interviewMetrics": metrics,
    }
