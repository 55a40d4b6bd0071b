"""What an evaluation looks like, whoever wrote it (an AI provider or the offline coach),
and the few question fields the evaluators read.

`QuestionLike` is a read-only view: the bank's `domain.questions.Question` satisfies it, and so
does any object with these attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from interviewai_tui.domain.common import Model

__all__ = [
    "CriterionLike",
    "Evaluation",
    "EvaluationDraft",
    "OverallDraft",
    "OverallFeedback",
    "QuestionLike",
]


class CriterionLike(Protocol):
    @property
    def criterion(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def description(self) -> str | None: ...


class QuestionLike(Protocol):
    @property
    def question(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def difficulty(self) -> str: ...
    @property
    def expected_answer(self) -> str | None: ...
    @property
    def evaluation_criteria(self) -> Sequence[CriterionLike]: ...
    @property
    def skills(self) -> Sequence[str]: ...
    @property
    def tech_stack(self) -> Sequence[str]: ...


class Evaluation(Model):
    """One graded answer. Scores and confidence are integers 0–100."""

    score: int = Field(ge=0, le=100)
    feedback: str
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    provider: str
    model: str
    prompt_version: str
    confidence: int = Field(default=50, ge=0, le=100)


class OverallFeedback(Model):
    """The interview-level summary (results.overallFeedback, strengths, ...)."""

    overall_feedback: str
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    provider: str
    model: str
    prompt_version: str
    confidence: int = Field(default=50, ge=0, le=100)


def _clean_list(value: object) -> object:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()][:6]
    return value


class EvaluationDraft(BaseModel):
    """What a model is asked to return for one answer (the schema in the prompt)."""

    model_config = ConfigDict(extra="ignore")

    score: float = Field(ge=0, le=100, description="0-100; 70 means a solid, hireable answer")
    feedback: str = Field(min_length=1, description="2-4 sentences addressed to the candidate")
    strengths: list[str] = Field(default_factory=list, description="up to 4 short points")
    improvements: list[str] = Field(default_factory=list, description="up to 4 short points")
    confidence: float = Field(default=70, ge=0, le=100, description="0-100: how sure you are")

    _lists = field_validator("strengths", "improvements", mode="before")(_clean_list)


class OverallDraft(BaseModel):
    """What a model is asked to return for a whole interview."""

    model_config = ConfigDict(extra="ignore")

    summary: str = Field(min_length=1, description="3-5 sentences on the whole interview")
    strengths: list[str] = Field(default_factory=list, description="up to 4 short points")
    improvements: list[str] = Field(default_factory=list, description="up to 4 short points")
    recommendations: list[str] = Field(
        default_factory=list, description="up to 4 concrete next steps"
    )

    _lists = field_validator("strengths", "improvements", "recommendations", mode="before")(
        _clean_list
    )
