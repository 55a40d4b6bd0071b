"""The question bank (the seed's `questions` collection)."""

from __future__ import annotations

from pydantic import Field, field_validator

from interviewai_tui.domain.common import (
    Category,
    Difficulty,
    Document,
    Model,
    ObjectIdStr,
    QuestionType,
    Score,
    UtcDateTime,
    utcnow,
)

__all__ = ["EvaluationCriterion", "Question", "QuestionUsage", "QuestionVariant", "TestCase"]


class QuestionVariant(Model):
    question: str
    difficulty: Difficulty | None = None
    context: str | None = None


class TestCase(Model):
    __test__ = False  # not a pytest class, despite the name

    input: str = ""
    expected_output: str
    description: str | None = None


class EvaluationCriterion(Model):
    criterion: str
    weight: int = Field(ge=0, le=100)  # percent
    description: str | None = None


class QuestionUsage(Model):
    times_used: int = Field(default=0, ge=0)
    average_score: Score = 0
    average_time: float = 0.0
    success_rate: float = Field(default=0.0, ge=0, le=100)


class Question(Document):
    question: str = Field(min_length=1)
    type: QuestionType
    category: Category | None = None
    difficulty: Difficulty = Difficulty.MEDIUM
    tech_stack: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    time_limit: int | None = Field(default=None, ge=0)
    language: str | None = None  # for coding questions: "python", "javascript", ...
    variants: list[QuestionVariant] = Field(default_factory=list)
    expected_answer: str | None = None
    sample_code: str | None = None
    test_cases: list[TestCase] = Field(default_factory=list)
    evaluation_criteria: list[EvaluationCriterion] = Field(default_factory=list)
    usage: QuestionUsage = Field(default_factory=QuestionUsage)
    created_by: ObjectIdStr | None = None
    tags: list[str] = Field(default_factory=list)
    is_active: bool = True
    created_at: UtcDateTime = Field(default_factory=utcnow)
    updated_at: UtcDateTime = Field(default_factory=utcnow)

    @field_validator("evaluation_criteria")
    @classmethod
    def _weights_sum_to_100(cls, value: list[EvaluationCriterion]) -> list[EvaluationCriterion]:
        if value and sum(c.weight for c in value) != 100:
            raise ValueError("Evaluation criteria weights must add up to 100.")
        return value
