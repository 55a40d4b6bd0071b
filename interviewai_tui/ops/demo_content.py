"""The demo's interviews (see `demo_data`).

Content is templated from the question bank (real questions, expected answers and sample
code) so every screen shows something plausible; scores trend upwards over the months so the
progress charts tell a story.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from interviewai_tui.domain.common import QuestionStatus, QuestionType
from interviewai_tui.domain.interviews import (
    AiProcessing,
    Interview,
    InterviewQuestion,
    InterviewResults,
    InterviewSetup,
    JudgeSummary,
)
from interviewai_tui.domain.questions import Question

__all__ = ["interviews_for"]

IdMaker = Callable[[datetime], str]

_TRACKS = [
    ("Backend Developer", ["Python", "PostgreSQL"], "backend"),
    ("Backend Developer", ["Go", "Redis"], "backend"),
    ("Full-stack Developer", ["JavaScript", "React", "Node.js"], "fullstack"),
    ("Frontend Developer", ["TypeScript", "React"], "frontend"),
    ("Mobile Developer", ["Kotlin", "Swift"], "mobile"),
]
_STRENGTHS = [
    "Clear structure: you state the approach before the details.",
    "Good use of concrete examples from past projects.",
    "Correct complexity analysis for the main algorithm.",
    "You name trade-offs instead of a single right answer.",
    "Tests cover the edge cases, including empty input.",
]
_IMPROVEMENTS = [
    "Mention failure modes (timeouts, retries) when you design a service.",
    "Quantify results in behavioral answers (numbers, dates, scope).",
    "Check the input format before coding; one case failed on a trailing newline.",
    "Say how you would monitor the feature once it is live.",
    "Keep answers within the time box; two answers ran long.",
]
_RECOMMENDATIONS = [
    "Practise two system design questions a week with a timer.",
    "Review indexing strategies for read-heavy PostgreSQL tables.",
    "Prepare three STAR stories about conflict and ownership.",
    "Re-run the coding questions you skipped, in a new interview.",
]
_FEEDBACK = [
    "A solid answer that covers the essentials; add one real-world example.",
    "Correct and well explained. The trade-off discussion was the strongest part.",
    "Partly right: the core idea is there, but the edge cases were missed.",
    "Good structure. Be more specific about how you measured the outcome.",
    "Clear and concise, with a good sense of what matters in production.",
]
_ANSWER_OPENERS = [
    "I would start by clarifying the requirements and the expected load.",
    "The key idea is to separate what changes often from what does not.",
    "In my last project we hit exactly this problem, so I will use it as the example.",
    "First the simple version, then how it scales.",
]


def _score(progress: float, rng: random.Random) -> int:
    base = 54 + 30 * progress  # from the mid-50s to the mid-80s over the months
    return max(20, min(98, round(base + rng.gauss(0, 7))))


def _pick(
    bank: list[Question], category: str, stack: list[str], rng: random.Random
) -> list[Question]:
    fits = [q for q in bank if q.category == category or set(q.tech_stack) & set(stack)]
    by_type: dict[QuestionType, list[Question]] = {}
    for q in fits:
        by_type.setdefault(q.type, []).append(q)
    chosen: list[Question] = []
    for kind in (
        QuestionType.TECHNICAL,
        QuestionType.CODING,
        QuestionType.BEHAVIORAL,
        QuestionType.SYSTEM_DESIGN,
        QuestionType.TECHNICAL,
    ):
        pool = [q for q in by_type.get(kind, []) if q not in chosen]
        if pool:
            chosen.append(rng.choice(pool))
    return chosen


def _answer_for(q: Question, rng: random.Random) -> tuple[str | None, str | None]:
    if q.type == QuestionType.CODING:
        return None, q.sample_code or "def solve():\n    pass\n"
    expected = (q.expected_answer or "").split(". ")
    body = ". ".join(expected[: max(1, len(expected) // 2)])
    return f"{rng.choice(_ANSWER_OPENERS)} {body}".strip(), None


def _question(
    q: Question, rng: random.Random, ids: IdMaker, at: datetime, score: int, *, done: bool
) -> InterviewQuestion:
    answer, code = _answer_for(q, rng)
    spent = rng.randint(90, (q.time_limit or 600))
    judge = None
    if q.type == QuestionType.CODING and done:
        total = max(1, len(q.test_cases))
        passed = total if score >= 70 else max(0, total - 1)
        judge = JudgeSummary(
            passed=passed,
            total=total,
            verdicts=["passed"] * passed + ["wrong_answer"] * (total - passed),
            language=q.language,
        )
    return InterviewQuestion(
        id=ids(at),
        question_id=None,  # linked to the bank by text when the demo is loaded
        question=q.question,
        type=q.type,
        difficulty=q.difficulty,
        expected_answer=q.expected_answer,
        language=q.language,
        time_limit=q.time_limit,
        status=QuestionStatus.SUBMITTED if done else QuestionStatus.DRAFT,
        answer=answer,
        code_answer=code,
        time_spent=spent,
        submitted_at=at + timedelta(seconds=spent) if done else None,
        score=score if done else 0,
        feedback=rng.choice(_FEEDBACK) if done else None,
        ai_provider="offline" if done else None,
        evaluated_at=at + timedelta(seconds=spent + 4) if done else None,
        judge=judge,
    )


def interviews_for(
    user_id: str,
    bank: list[Question],
    rng: random.Random,
    ids: IdMaker,
    *,
    now: datetime,
    days: int,
    count: int,
) -> list[Interview]:
    """`count` interviews spread over the last `days` days, oldest first; the newest one is
    left in progress (to show resume) when there are enough."""
    offsets = sorted((rng.uniform(0.3, days) for _ in range(count)), reverse=True)
    if count >= 5:  # yesterday's finished interview and this morning's unfinished one
        offsets[-2:] = [rng.uniform(0.8, 1.4), rng.uniform(0.1, 0.3)]
    result: list[Interview] = []
    for n, offset in enumerate(offsets):
        created = (now - timedelta(days=offset)).replace(microsecond=0)
        progress = 1 - offset / days
        role, stack, category = _TRACKS[0] if n % 3 else rng.choice(_TRACKS)
        difficulty = "easy" if progress < 0.3 else ("medium" if progress < 0.75 else "hard")
        last = n == count - 1 and count >= 5
        status = "in_progress" if last else ("cancelled" if n in (4, 17) else "completed")
        done = status == "completed"
        picked = _pick(bank, category, stack, rng)
        scores = [_score(progress, rng) for _ in picked]
        at = created
        items = []
        for i, (q, score) in enumerate(zip(picked, scores, strict=True)):
            answered = done or (last and i < 2)
            item = _question(q, rng, ids, at, score, done=done)
            if not answered:
                item = item.model_copy(
                    update={
                        "status": QuestionStatus.UNANSWERED,
                        "answer": None,
                        "code_answer": None,
                        "time_spent": 0,
                    }
                )
            items.append(item)
            at += timedelta(seconds=item.time_spent + 20)
        title = f"{role} — {' & '.join(stack)}"
        results = None
        if done:
            total = round(sum(scores) / len(scores))
            skill_scores = {s: max(0, min(100, total + rng.randint(-8, 8))) for s in stack}
            spent = sum(i.time_spent for i in items)
            results = InterviewResults(
                total_score=total,
                average_score=total,
                questions_answered=len(items),
                questions_total=len(items),
                time_spent=spent,
                skill_scores=skill_scores,
                overall_feedback=(
                    f"Overall {total}/100. "
                    + (
                        "Strong, consistent answers."
                        if total >= 75
                        else "Good progress; the weaker answers lacked concrete detail."
                    )
                ),
                strengths=rng.sample(_STRENGTHS, 2),
                improvements=rng.sample(_IMPROVEMENTS, 2),
                recommendations=rng.sample(_RECOMMENDATIONS, 2),
                response_time=round(spent / len(items), 1),
                consistency=max(0, 100 - round(_spread(scores))),
                confidence=rng.randint(60, 85),
            )
        duration = 1800 if difficulty != "hard" else 2700
        result.append(
            Interview(
                id=ids(created),
                user_id=user_id,
                title=title,
                job_role=role,
                tech_stack=stack,
                difficulty=difficulty,
                duration=duration,
                status=status,
                started_at=created,
                completed_at=at if done else None,
                questions=items,
                results=results,
                created_at=created,
                updated_at=at,
                ai_processing=AiProcessing(
                    provider="offline", processing_time=round(rng.uniform(0.2, 1.5), 2)
                )
                if done
                else None,
                remaining_seconds=duration - 600 if last else None,
                setup=InterviewSetup(
                    title=title,
                    job_role=role,
                    tech_stack=stack,
                    difficulty=difficulty,
                    duration=duration,
                    question_count=len(items),
                ),
            )
        )
    return result


def _spread(scores: list[int]) -> float:
    mean = sum(scores) / len(scores)
    return math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))
