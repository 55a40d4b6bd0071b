"""What a user did and when, read from their interviews and conversations.

Sign-ins are not stored one by one, so engagement is measured from activity itself: an
*event* is an interview created, started, answered or completed, or a chat message; a
*visit* is a run of activity with gaps shorter than ``VISIT_GAP``, where an interview counts
as continuous activity from its start to its last answer or completion (a long question is
not a gap). ``loginCount`` counts visits and ``sessionDuration`` is their mean length, and a
day is *active* (for streaks) when it holds at least one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import ChatRole, InterviewStatus, QuestionStatus, QuestionType
from interviewai_tui.domain.interviews import Interview

__all__ = [
    "VISIT_GAP",
    "Event",
    "chat_events",
    "completed_moment",
    "interview_events",
    "interview_span",
    "is_completed",
    "visits",
]

VISIT_GAP = timedelta(minutes=30)

# Feature names recorded in userMetrics.featuresUsed.
INTERVIEWS = "interviews"
CODING = "coding"
CODE_JUDGE = "code_judge"
CHAT = "chat"
CHAT_RATINGS = "chat_ratings"
ATTACHMENTS = "attachments"


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    feature: str


def is_completed(interview: Interview) -> bool:
    return interview.status is InterviewStatus.COMPLETED


def completed_moment(interview: Interview) -> datetime:
    """When a completed interview counts as done (older documents may lack completedAt)."""
    return interview.completed_at or interview.updated_at


def interview_events(interview: Interview) -> Iterator[Event]:
    yield Event(interview.created_at, INTERVIEWS)
    if interview.started_at is not None:
        yield Event(interview.started_at, INTERVIEWS)
    if is_completed(interview):
        yield Event(completed_moment(interview), INTERVIEWS)
    for q in interview.questions:
        if q.submitted_at is None or q.status is not QuestionStatus.SUBMITTED:
            continue
        yield Event(q.submitted_at, INTERVIEWS)
        if q.type is QuestionType.CODING:
            yield Event(q.submitted_at, CODING)
            if q.judge is not None and q.judge.total:
                yield Event(q.submitted_at, CODE_JUDGE)


def chat_events(chat: ChatSession) -> Iterator[Event]:
    for m in chat.messages:
        if m.role is ChatRole.SYSTEM:
            continue
        yield Event(m.timestamp, CHAT)
        if m.role is ChatRole.USER and m.attachments:
            yield Event(m.timestamp, ATTACHMENTS)
        if m.feedback is not None and (m.feedback.rating is not None or m.feedback.helpful):
            yield Event(m.feedback.submitted_at or m.timestamp, CHAT_RATINGS)


def interview_span(interview: Interview) -> tuple[datetime, datetime]:
    """From the start of an interview to its completion or last answer."""
    start = interview.started_at or interview.created_at
    ends = [start]
    if is_completed(interview):
        ends.append(completed_moment(interview))
    ends += [q.submitted_at for q in interview.questions if q.submitted_at is not None]
    return start, max(ends)


def visits(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Activity spans (an event is a span of no length) merged into visits, oldest first."""
    out: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if out and start - out[-1][1] < VISIT_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
