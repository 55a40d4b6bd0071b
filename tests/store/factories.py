"""Small builders of valid domain objects for the contract tests."""

from __future__ import annotations

from datetime import datetime

from interviewai_tui.domain.chats import ChatMessage, ChatSession
from interviewai_tui.domain.common import (
    ChatRole,
    Difficulty,
    InterviewStatus,
    QuestionType,
    Role,
    UserStatus,
    new_id,
)
from interviewai_tui.domain.interviews import Interview, InterviewQuestion, InterviewResults
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.users import User


def user(
    n: int = 0,
    *,
    name: str | None = None,
    email: str | None = None,
    role: Role = Role.USER,
    status: UserStatus = UserStatus.ACTIVE,
    created_at: datetime | None = None,
    google_id: str | None = None,
) -> User:
    kwargs: dict[str, object] = {}
    if created_at is not None:
        kwargs["created_at"] = created_at
        kwargs["updated_at"] = created_at
    return User(
        email=email or f"user{n}@example.com",
        name=name or f"User {n}",
        role=role,
        status=status,
        password_hash="$2b$12$" + "x" * 53,
        google_id=google_id,
        **kwargs,
    )


def interview(
    user_id: str,
    *,
    title: str = "Backend practice",
    created_at: datetime,
    status: InterviewStatus = InterviewStatus.COMPLETED,
    score: int | None = None,
    time_spent: int = 600,
    job_role: str | None = "Backend Developer",
    difficulty: Difficulty = Difficulty.MEDIUM,
    tech: list[str] | None = None,
    questions: int = 3,
    question_ids: list[str] | None = None,
    archived: bool = False,
) -> Interview:
    qids = question_ids or [new_id() for _ in range(questions)]
    items = [
        InterviewQuestion(question_id=qid, question=f"Question {i}?", type=QuestionType.TECHNICAL)
        for i, qid in enumerate(qids)
    ]
    results = None
    if score is not None:
        results = InterviewResults(
            total_score=score, questions_total=len(items), time_spent=time_spent
        )
    return Interview(
        user_id=user_id,
        title=title,
        job_role=job_role,
        tech_stack=tech if tech is not None else ["Python"],
        difficulty=difficulty,
        status=status,
        questions=items,
        results=results,
        created_at=created_at,
        updated_at=created_at,
        archived=archived,
    )


def question(
    text: str = "What is a closure?",
    *,
    type: QuestionType = QuestionType.TECHNICAL,
    difficulty: Difficulty = Difficulty.MEDIUM,
    tech: list[str] | None = None,
    tags: list[str] | None = None,
    created_at: datetime | None = None,
    active: bool = True,
) -> Question:
    kwargs: dict[str, object] = {}
    if created_at is not None:
        kwargs["created_at"] = created_at
        kwargs["updated_at"] = created_at
    return Question(
        question=text,
        type=type,
        difficulty=difficulty,
        tech_stack=tech if tech is not None else ["Python"],
        tags=tags or [],
        is_active=active,
        expected_answer="A function with its environment.",
        **kwargs,
    )


def chat(user_id: str, *, title: str = "Chat", created_at: datetime) -> ChatSession:
    return ChatSession(user_id=user_id, title=title, created_at=created_at, updated_at=created_at)


def message(content: str, *, at: datetime, role: ChatRole = ChatRole.USER) -> ChatMessage:
    return ChatMessage(role=role, content=content, timestamp=at)
