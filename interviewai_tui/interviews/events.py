"""What the interview services tell whoever drives them (a screen, a test, a script).

Small frozen dataclasses; the UI turns each into a Textual message and only renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from interviewai_tui.domain.common import InterviewStatus

__all__ = [
    "AnswerSubmitted",
    "DraftSaved",
    "EvaluationFailed",
    "EventSink",
    "InterviewEnded",
    "JournalFlushed",
    "QuestionEvaluated",
    "ResultsReady",
    "SaveProblem",
    "SessionEvent",
]


class SessionEvent:
    """Base of every event."""


@dataclass(frozen=True, slots=True)
class DraftSaved(SessionEvent):
    index: int
    journaled: bool
    """True when the store was down and the draft went to the local journal instead."""


@dataclass(frozen=True, slots=True)
class SaveProblem(SessionEvent):
    message: str
    """One sentence for the user; the answer is still kept (journal or memory)."""


@dataclass(frozen=True, slots=True)
class JournalFlushed(SessionEvent):
    written: int
    """Journaled saves written through to the store once it answered again."""


@dataclass(frozen=True, slots=True)
class AnswerSubmitted(SessionEvent):
    index: int
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class InterviewEnded(SessionEvent):
    status: InterviewStatus
    timed_out: bool = False


@dataclass(frozen=True, slots=True)
class QuestionEvaluated(SessionEvent):
    index: int
    score: int
    provider: str


@dataclass(frozen=True, slots=True)
class EvaluationFailed(SessionEvent):
    index: int
    message: str


@dataclass(frozen=True, slots=True)
class ResultsReady(SessionEvent):
    interview_id: str
    total_score: int


class EventSink(Protocol):
    def __call__(self, event: SessionEvent) -> None: ...
