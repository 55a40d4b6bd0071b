"""A small dataset touching every collection and every awkward type a backup must preserve:
ids and nested ids, datetimes at millisecond precision, floats that look like ints, large
ints, unicode and control characters, empty and missing optional fields."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from interviewai_tui.domain.analytics import Analytics, Period, ScorePoint, UserMetrics
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.chats import ChatMessage, ChatSession, MessageFeedback, Tokens
from interviewai_tui.domain.common import new_id
from interviewai_tui.domain.interviews import (
    AiProcessing,
    Interview,
    InterviewQuestion,
    InterviewResults,
)
from interviewai_tui.domain.metrics import Alert, SystemMetric
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.sessions import Session
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store

NOW = datetime(2025, 6, 1, 12, 0, 0, 123000, tzinfo=UTC)


def build(seed: int = 7, *, users: int = 3, interviews: int = 12) -> dict[str, list[Any]]:
    rng = random.Random(seed)
    people = [
        User(
            email=f"person{i}@example.com",
            name=f"Zoë “{i}” Ünicode \u2603",
            password_hash="$2b$12$" + "y" * 53,
            google_id="g-123" if i == 0 else None,
            created_at=NOW - timedelta(days=400 + i),
            updated_at=NOW - timedelta(days=1, milliseconds=7),
        )
        for i in range(users)
    ]
    bank = [
        Question(
            question=f"Explain closures #{i}\nwith a tab\there",
            type="technical",
            difficulty="easy",
            tech_stack=["Python"],
            created_at=NOW - timedelta(days=30),
            updated_at=NOW - timedelta(days=30),
        )
        for i in range(3)
    ]
    items: list[Interview] = []
    for i in range(interviews):
        owner = people[i % users]
        created = NOW - timedelta(days=rng.randint(0, 1200), milliseconds=rng.randint(0, 999))
        done = i % 4 != 3
        items.append(
            Interview(
                user_id=owner.id,
                title=f"Practice {i} <b>[bold]</b>",
                tech_stack=["Python", "SQL"],
                status="completed" if done else "in_progress",
                created_at=created,
                updated_at=created,
                completed_at=created + timedelta(minutes=40) if done else None,
                questions=[
                    InterviewQuestion(
                        question_id=bank[j % 3].id,
                        question=bank[j % 3].question,
                        answer="x = 1\x1b[31m red" if j else None,
                        score=rng.randint(0, 100),
                        evaluated_at=created + timedelta(seconds=j),
                    )
                    for j in range(3)
                ],
                results=InterviewResults(total_score=71, response_time=12.0, time_spent=2**40)
                if done
                else None,
                ai_processing=AiProcessing(provider="offline", processing_time=1.0, cost=0.1),
                remaining_seconds=None if done else 300,
            )
        )
    chats = [
        ChatSession(
            user_id=people[0].id,
            title="Chat ☕",
            messages=[
                ChatMessage(
                    role="user",
                    content="hello",
                    timestamp=NOW - timedelta(days=d),
                    tokens=Tokens(input=3, output=0, total=3),
                    cost=0.0,
                    feedback=MessageFeedback(rating=5, submitted_at=NOW),
                )
            ],
            message_count=1,
            last_message_at=NOW - timedelta(days=d),
            created_at=NOW - timedelta(days=d),
            updated_at=NOW - timedelta(days=d),
        )
        for d in (3, 500)
    ]
    analytics = [
        Analytics(
            user_id=people[0].id,
            type="user",
            period=Period(type="daily", date=NOW - timedelta(days=d)),
            user_metrics=UserMetrics(
                average_score=80,
                score_history=[ScorePoint(date=NOW, score=80, interview_id=items[0].id)],
            ),
            created_at=NOW,
            updated_at=NOW,
        )
        for d in (1, 2)
    ]
    metrics = [
        SystemMetric(
            timestamp=NOW - timedelta(minutes=m),
            alerts=[Alert(type="warning", message="CPU high", timestamp=NOW)] if m == 0 else [],
        )
        for m in range(3)
    ]
    sessions = [
        Session(
            user_id=people[1].id,
            token_hash="h" * 64,
            created_at=NOW,
            expires_at=datetime(2100, 1, 1, tzinfo=UTC),
        )
    ]
    audit = [
        AuditEntry(
            actor_id=people[0].id,
            action="user.block",
            target_id=people[1].id,
            details={"reason": "spam", "n": 3, "ratio": 0.5},
            timestamp=NOW,
        )
    ]
    return {
        "users": people,
        "interviews": items,
        "chatSessions": chats,
        "questions": bank,
        "analytics": analytics,
        "systemMetrics": metrics,
        "sessions": sessions,
        "auditLog": audit,
    }


async def fill(store: Store, data: dict[str, list[Any]]) -> None:
    for name, models in data.items():
        await store.import_documents(
            collection=name, documents=[m.model_dump(by_alias=True) for m in models]
        )


def some_id() -> str:
    return new_id()
