""" "Discuss this question": an interview question, the candidate's answer and its feedback,
turned into the opening message of a new conversation."""

from __future__ import annotations

from dataclasses import dataclass

from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.interviews import Interview

__all__ = ["DiscussionSeed", "seed_from_interview"]

_TITLE_CHARS = 48


@dataclass(frozen=True, slots=True)
class DiscussionSeed:
    question: str
    answer: str
    feedback: str
    score: int | None = None
    interview_title: str = ""

    @property
    def title(self) -> str:
        """``Discuss: <question>`` on one line, short enough for the sessions list."""
        flat = " ".join(self.question.split())
        if len(flat) > _TITLE_CHARS:
            flat = flat[: _TITLE_CHARS - 1].rstrip() + "…"
        return f"Discuss: {flat}"

    def prompt(self) -> str:
        """The first message: what was asked, answered and said about it, then the request."""
        scored = f" ({self.score}/100)" if self.score is not None else ""
        source = f' from my mock interview "{self.interview_title}"' if self.interview_title else ""
        return (
            f"I'd like to discuss a question{source}.\n\n"
            f"**Question**\n\n{self.question.strip()}\n\n"
            f"**My answer**\n\n{self.answer.strip() or '(no answer)'}\n\n"
            f"**Feedback I got{scored}**\n\n{self.feedback.strip() or '(no feedback)'}\n\n"
            "What was missing or wrong, what would a strong answer include, and how can I "
            "practise this?"
        )


def seed_from_interview(interview: Interview, index: int) -> DiscussionSeed:
    """The seed for question ``index`` (0-based) of a stored interview.

    Raises:
        IndexError: when the interview has no such question.
    """
    if not 0 <= index < len(interview.questions):
        raise IndexError(index)
    q = interview.questions[index]
    answer = q.code_answer if q.type is QuestionType.CODING and q.code_answer else q.answer
    return DiscussionSeed(
        question=q.question,
        answer=answer or "",
        feedback=q.feedback or "",
        score=q.score if q.evaluated_at is not None else None,
        interview_title=interview.title,
    )
