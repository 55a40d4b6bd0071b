"""The achievements a candidate can unlock, and when each one was unlocked.

The table is the definition: keys are stored in ``userMetrics.achievements`` of the period in
which they were unlocked, so the table may grow but a key must never be renamed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from interviewai_tui.analytics.activity import completed_moment
from interviewai_tui.analytics.streaks import Streaks
from interviewai_tui.domain.common import Difficulty, QuestionStatus, QuestionType
from interviewai_tui.domain.interviews import Interview, InterviewQuestion

__all__ = ["ACHIEVEMENTS", "Achievement", "by_key", "unlock_times"]


@dataclass(frozen=True, slots=True)
class Achievement:
    key: str
    title: str
    description: str


ACHIEVEMENTS: tuple[Achievement, ...] = (
    Achievement("first_interview", "First steps", "Complete your first interview."),
    Achievement("interviews_5", "Warming up", "Complete 5 interviews."),
    Achievement("interviews_25", "Regular", "Complete 25 interviews."),
    Achievement("interviews_100", "Centurion", "Complete 100 interviews."),
    Achievement("first_90", "Top marks", "Score 90 or more in an interview."),
    Achievement("perfect_score", "Flawless", "Score 100 in an interview."),
    Achievement("hard_pass", "Hard mode", "Score 70 or more in a hard interview."),
    Achievement("comeback", "Comeback", "Beat your previous score by 20 points or more."),
    Achievement("all_tests_passed", "All green", "Pass every test of a coding question."),
    Achievement(
        "all_question_types",
        "Well-rounded",
        "Answer a technical, a behavioral, a coding and a system design question.",
    ),
    Achievement("polyglot", "Polyglot", "Practise five different technologies."),
    Achievement("streak_7", "One-week streak", "Practise on 7 days in a row."),
    Achievement("streak_30", "Habit formed", "Practise on 30 days in a row."),
    Achievement("ten_hours", "Ten hours in", "Spend 10 hours in completed interviews."),
    Achievement("first_chat", "Curious mind", "Ask the AI assistant a question."),
)

_BY_KEY = {a.key: a for a in ACHIEVEMENTS}
_COUNTS = {"first_interview": 1, "interviews_5": 5, "interviews_25": 25, "interviews_100": 100}
_STREAKS = {"streak_7": 7, "streak_30": 30}
TEN_HOURS = 10 * 3600
POLYGLOT = 5


def by_key(key: str) -> Achievement | None:
    return _BY_KEY.get(key)


def _answered(q: InterviewQuestion) -> bool:
    text = q.code_answer if q.type is QuestionType.CODING else q.answer
    return q.status is QuestionStatus.SUBMITTED and bool((text or q.answer or "").strip())


def _all_green(q: InterviewQuestion) -> bool:
    return q.judge is not None and q.judge.total > 0 and q.judge.passed == q.judge.total


def unlock_times(
    completed: Sequence[Interview],
    *,
    streaks: Streaks,
    first_event_on: Callable[[date], datetime],
    first_chat_at: datetime | None,
) -> dict[str, datetime]:
    """When each achievement was first earned (absent when it never was).

    Args:
        completed: the user's completed interviews, in order of completion.
        streaks: the user's active days.
        first_event_on: the first activity of a local day (a streak is reached then).
        first_chat_at: the user's first message to the assistant.
    """
    got: dict[str, datetime] = {}

    def unlock(key: str, at: datetime) -> None:
        got.setdefault(key, at)

    types: set[QuestionType] = set()
    techs: set[str] = set()
    seconds = 0
    previous: int | None = None
    for n, interview in enumerate(completed, start=1):
        at = completed_moment(interview)
        for key, needed in _COUNTS.items():
            if n >= needed:
                unlock(key, at)
        score = interview.results.total_score if interview.results else None
        if score is not None:
            if score >= 90:
                unlock("first_90", at)
            if score == 100:
                unlock("perfect_score", at)
            if score >= 70 and interview.difficulty is Difficulty.HARD:
                unlock("hard_pass", at)
            if previous is not None and score >= previous + 20:
                unlock("comeback", at)
            previous = score
        types.update(q.type for q in interview.questions if _answered(q))
        if types >= set(QuestionType):
            unlock("all_question_types", at)
        if any(_all_green(q) for q in interview.questions):
            unlock("all_tests_passed", at)
        techs.update(t.strip().casefold() for t in interview.tech_stack if t.strip())
        if len(techs) >= POLYGLOT:
            unlock("polyglot", at)
        seconds += interview.results.time_spent if interview.results else 0
        if seconds >= TEN_HOURS:
            unlock("ten_hours", at)
    for key, length in _STREAKS.items():
        day = streaks.reached(length)
        if day is not None:
            unlock(key, first_event_on(day))
    if first_chat_at is not None:
        unlock("first_chat", first_chat_at)
    return got
