"""Shared builders for the interviews tests: interviews, questions and a recording gateway."""

from __future__ import annotations

from datetime import UTC, datetime

from interviewai_tui.domain.common import (
    Category,
    Difficulty,
    InterviewStatus,
    QuestionType,
    new_id,
)
from interviewai_tui.domain.interviews import Interview, InterviewQuestion
from interviewai_tui.domain.questions import (
    EvaluationCriterion,
    Question,
    QuestionVariant,
    TestCase,
)
from interviewai_tui.interviews.journal import JournalEntry
from interviewai_tui.interviews.ports import StorageDown, StoredState

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def make_interview(
    types: list[QuestionType] | None = None, *, duration: int = 600, user_id: str | None = None
) -> Interview:
    types = types or [QuestionType.TECHNICAL, QuestionType.CODING, QuestionType.BEHAVIORAL]
    items = [
        InterviewQuestion(
            question_id=new_id(),
            question=f"Question {i}: explain {t.value}",
            type=t,
            difficulty=Difficulty.MEDIUM,
            language="python" if t is QuestionType.CODING else None,
        )
        for i, t in enumerate(types)
    ]
    return Interview(
        user_id=user_id or new_id(),
        title="Backend Developer — medium interview",
        job_role="Backend Developer",
        tech_stack=["Python"],
        difficulty=Difficulty.MEDIUM,
        duration=duration,
        status=InterviewStatus.PENDING,
        questions=items,
    )


def make_question(
    text: str,
    qtype: QuestionType = QuestionType.TECHNICAL,
    *,
    difficulty: Difficulty = Difficulty.MEDIUM,
    category: Category | None = Category.BACKEND,
    stack: tuple[str, ...] = ("Python",),
    variants: list[QuestionVariant] | None = None,
    tests: list[TestCase] | None = None,
) -> Question:
    coding = qtype is QuestionType.CODING
    return Question(
        question=text,
        type=qtype,
        category=category,
        difficulty=difficulty,
        tech_stack=list(stack),
        expected_answer="Mention complexity, trade-offs and an example.",
        language="python" if coding else None,
        sample_code="print(sum(map(int, input().split())))" if coding else None,
        test_cases=tests if tests is not None else [],
        variants=variants or [],
        evaluation_criteria=[
            EvaluationCriterion(criterion="Correctness", weight=60),
            EvaluationCriterion(criterion="Clarity", weight=40),
        ],
    )


class RecordingGateway:
    """A SessionGateway that records writes in order and can be switched off like a dead store."""

    def __init__(self) -> None:
        self.answers: list[JournalEntry] = []
        self.states: list[StoredState] = []
        self.down = False

    async def save_answer(self, entry: JournalEntry) -> None:
        if self.down:
            raise StorageDown("The database cannot be reached.")
        self.answers.append(entry)

    async def save_state(self, state: StoredState) -> None:
        if self.down:
            raise StorageDown("The database cannot be reached.")
        self.states.append(state)

    def keys(self) -> list[tuple[str, int, int]]:
        return [e.key for e in self.answers]
