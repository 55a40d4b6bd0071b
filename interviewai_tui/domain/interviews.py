"""Interviews: configuration, questions with answers and evaluations, results (`interviews`)."""

from __future__ import annotations

from pydantic import Field

from interviewai_tui.domain.common import (
    Category,
    Difficulty,
    Document,
    InterviewStatus,
    Model,
    ObjectIdStr,
    QuestionStatus,
    QuestionType,
    Score,
    UtcDateTime,
    new_id,
    utcnow,
)

__all__ = [
    "AiProcessing",
    "Interview",
    "InterviewQuestion",
    "InterviewResults",
    "InterviewSetup",
    "JudgeSummary",
]


class JudgeSummary(Model):
    """What the code judge found for a coding answer (details stay in the judge's result)."""

    passed: int = Field(default=0, ge=0)
    total: int = Field(default=0, ge=0)
    # One verdict per test case, e.g. "passed", "wrong_answer", "timeout", "error".
    verdicts: list[str] = Field(default_factory=list)
    language: str | None = None


class InterviewQuestion(Model):
    """One question of an interview, with the candidate's answer and its evaluation."""

    id: ObjectIdStr = Field(alias="_id", default_factory=new_id)
    question_id: ObjectIdStr | None = None
    question: str
    type: QuestionType = QuestionType.TECHNICAL
    difficulty: Difficulty | None = None
    expected_answer: str | None = None
    language: str | None = None
    time_limit: int | None = Field(default=None, ge=0)
    status: QuestionStatus = QuestionStatus.UNANSWERED

    answer: str | None = None
    code_answer: str | None = None
    time_spent: int = Field(default=0, ge=0)
    submitted_at: UtcDateTime | None = None

    score: Score = 0
    feedback: str | None = None
    ai_provider: str | None = None
    evaluated_at: UtcDateTime | None = None
    judge: JudgeSummary | None = None


class InterviewResults(Model):
    total_score: Score = 0
    average_score: Score = 0
    questions_answered: int = Field(default=0, ge=0)
    questions_total: int = Field(default=0, ge=0)
    time_spent: int = Field(default=0, ge=0)
    skill_scores: dict[str, Score] = Field(default_factory=dict)
    overall_feedback: str | None = None
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    response_time: float = 0.0
    consistency: Score = 0
    confidence: Score = 0


class AiProcessing(Model):
    provider: str | None = None
    fallback_used: bool = False
    processing_time: float = 0.0
    cost: float = 0.0


class InterviewSetup(Model):
    """The choices an interview was created from, kept so it can be retaken."""

    title: str
    job_role: str | None = None
    tech_stack: list[str] = Field(default_factory=list)
    difficulty: Difficulty = Difficulty.MEDIUM
    category: Category | None = None
    duration: int = Field(default=1800, ge=0)
    question_count: int = Field(default=5, ge=0)
    # How many questions of each type; empty means the planner's default mix.
    type_counts: dict[QuestionType, int] = Field(default_factory=dict)
    # The AI choice (None: the configured default), so resume and retake grade the same way.
    provider: str | None = None
    model: str | None = None


class Interview(Document):
    user_id: ObjectIdStr
    title: str = Field(min_length=1)
    job_role: str | None = None
    tech_stack: list[str] = Field(default_factory=list)
    difficulty: Difficulty = Difficulty.MEDIUM
    duration: int = Field(default=0, ge=0)

    status: InterviewStatus = InterviewStatus.PENDING
    started_at: UtcDateTime | None = None
    completed_at: UtcDateTime | None = None

    questions: list[InterviewQuestion] = Field(default_factory=list)
    results: InterviewResults | None = None

    created_at: UtcDateTime = Field(default_factory=utcnow)
    updated_at: UtcDateTime = Field(default_factory=utcnow)
    ai_processing: AiProcessing | None = None

    # Beyond the seed: resume and retake support, soft archiving.
    remaining_seconds: int | None = Field(default=None, ge=0)
    setup: InterviewSetup | None = None
    archived: bool = False
