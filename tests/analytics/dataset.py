"""Builders for analytics tests, and the small fixed dataset whose rollups are worked out by
hand in test_rollups.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interviewai_tui.domain.chats import ChatMessage, ChatSession, MessageFeedback, Tokens
from interviewai_tui.domain.common import (
    ChatRole,
    Difficulty,
    InterviewStatus,
    QuestionStatus,
    QuestionType,
    new_id,
)
from interviewai_tui.domain.interviews import (
    AiProcessing,
    Interview,
    InterviewQuestion,
    InterviewResults,
    JudgeSummary,
)
from interviewai_tui.domain.questions import Question
from interviewai_tui.domain.users import Preferences, User
from interviewai_tui.store import Store


def at(day: str, clock: str = "00:00:00") -> datetime:
    """``at("2025-03-04", "10:30")`` as aware UTC."""
    if clock.count(":") == 1:
        clock += ":00"
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)


def question(
    kind: QuestionType = QuestionType.TECHNICAL,
    *,
    score: int = 0,
    submitted: datetime | None = None,
    time_spent: int = 60,
    answer: str = "An answer.",
    code: str | None = None,
    judge: JudgeSummary | None = None,
    feedback: str | None = None,
    difficulty: Difficulty | None = None,
) -> InterviewQuestion:
    return InterviewQuestion(
        question_id=new_id(),
        question=f"A {kind.value} question?",
        type=kind,
        difficulty=difficulty,
        status=QuestionStatus.SUBMITTED if submitted else QuestionStatus.UNANSWERED,
        answer=answer if submitted else None,
        code_answer=code,
        time_spent=time_spent if submitted else 0,
        submitted_at=submitted,
        score=score,
        feedback=feedback,
        evaluated_at=submitted + timedelta(seconds=5) if submitted and score else None,
        judge=judge,
        language="python" if code else None,
    )


def interview(
    user_id: str,
    *,
    created: datetime,
    completed: datetime | None = None,
    score: int | None = None,
    time_spent: int = 0,
    skills: dict[str, int] | None = None,
    difficulty: Difficulty = Difficulty.MEDIUM,
    status: InterviewStatus | None = None,
    questions: list[InterviewQuestion] | None = None,
    title: str = "Backend practice",
    role: str = "Backend Developer",
    stack: list[str] | None = None,
    provider: str = "offline",
) -> Interview:
    qs = questions or []
    done = completed is not None
    return Interview(
        user_id=user_id,
        title=title,
        job_role=role,
        tech_stack=stack if stack is not None else list(skills or {}),
        difficulty=difficulty,
        duration=1800,
        status=status or (InterviewStatus.COMPLETED if done else InterviewStatus.IN_PROGRESS),
        started_at=created,
        completed_at=completed,
        questions=qs,
        results=InterviewResults(
            total_score=score or 0,
            average_score=score or 0,
            questions_answered=sum(1 for q in qs if q.submitted_at),
            questions_total=len(qs),
            time_spent=time_spent,
            skill_scores=skills or {},
        )
        if done
        else None,
        ai_processing=AiProcessing(provider=provider) if done else None,
        created_at=created,
        updated_at=completed or created,
        remaining_seconds=None if done else 1500,
    )


def message(
    role: ChatRole,
    when: datetime,
    content: str,
    *,
    provider: str | None = None,
    response_ms: float | None = None,
    rating: int | None = None,
    tokens: int | None = None,
    cost: float | None = None,
) -> ChatMessage:
    return ChatMessage(
        role=role,
        content=content,
        timestamp=when,
        provider=provider,
        response_time=response_ms,
        feedback=MessageFeedback(rating=rating) if rating else None,
        tokens=Tokens(total=tokens) if tokens is not None else None,
        cost=cost,
    )


def chat(
    user_id: str, created: datetime, messages: list[ChatMessage], provider: str
) -> ChatSession:
    last = max((m.timestamp for m in messages), default=created)
    return ChatSession(
        user_id=user_id,
        title="SQL in Python",
        provider=provider,
        messages=messages,
        message_count=sum(1 for m in messages if m.role is not ChatRole.SYSTEM),
        last_message_at=last,
        created_at=created,
        updated_at=last,
    )


async def add_user(store: Store, *, name: str = "Ann", timezone: str = "UTC") -> User:
    user = User(
        email=f"user{new_id()[-8:]}@example.com",
        name=name,
        preferences=Preferences(timezone=timezone),
    )
    return await store.users.create(user=user)


FIXED_FEEDBACK = (
    "Good overview. It misses the cost of rehashing.\n"
    "To improve: mention load factors; compare with trees"
)


async def fixed_dataset(store: Store) -> tuple[User, dict[str, Interview], ChatSession]:
    """Ann (UTC): four completed interviews, one in progress, one conversation.

    See test_rollups.py for every figure this produces, worked out by hand.
    """
    await store.questions.upsert_many(
        questions=[
            Question(
                question="Explain hashing.",
                type=QuestionType.TECHNICAL,
                difficulty=Difficulty.MEDIUM,
                tech_stack=["Python", "SQL"],
            )
        ]
    )
    user = await add_user(store)
    uid = user.id
    ivs = {
        "iv1": interview(
            uid,
            created=at("2025-03-03", "09:00"),
            completed=at("2025-03-03", "09:41"),
            score=60,
            time_spent=2400,
            skills={"Python": 60, "SQL": 50},
            difficulty=Difficulty.EASY,
            questions=[
                question(score=60, submitted=at("2025-03-03", "09:20"), time_spent=1000),
                question(
                    QuestionType.BEHAVIORAL,
                    score=60,
                    submitted=at("2025-03-03", "09:38"),
                    time_spent=1300,
                ),
            ],
        ),
        "iv2": interview(
            uid,
            created=at("2025-03-04", "10:00"),
            completed=at("2025-03-04", "10:30"),
            score=81,
            time_spent=1800,
            skills={"Python": 80},
            questions=[
                question(
                    QuestionType.CODING,
                    score=90,
                    submitted=at("2025-03-04", "10:10"),
                    time_spent=500,
                    code="print(sum(map(int, input().split())))",
                    judge=JudgeSummary(passed=3, total=3, verdicts=["passed"] * 3),
                ),
                question(
                    score=72,
                    submitted=at("2025-03-04", "10:25"),
                    time_spent=800,
                    feedback=FIXED_FEEDBACK,
                ),
            ],
        ),
        "iv3": interview(
            uid,
            created=at("2025-03-04", "18:00"),
            completed=at("2025-03-04", "18:20"),
            score=90,
            time_spent=1200,
            skills={"Python": 90, "SQL": 70},
            difficulty=Difficulty.HARD,
            questions=[question(score=90, submitted=at("2025-03-04", "18:15"), time_spent=900)],
        ),
        "iv4": interview(
            uid,
            created=at("2025-03-10", "08:00"),
            questions=[
                question(submitted=at("2025-03-10", "08:05"), time_spent=300),
                question(),
            ],
        ),
        "iv5": interview(
            uid,
            created=at("2025-04-01", "12:00"),
            completed=at("2025-04-01", "12:50"),
            score=70,
            time_spent=3000,
            skills={"SQL": 80},
            questions=[
                question(
                    QuestionType.SYSTEM_DESIGN,
                    score=70,
                    submitted=at("2025-04-01", "12:45"),
                    time_spent=2700,
                )
            ],
        ),
    }
    for iv in ivs.values():
        await store.interviews.create(interview=iv)
    conversation = chat(
        uid,
        at("2025-03-04", "11:00"),
        [
            message(ChatRole.SYSTEM, at("2025-03-04", "11:00"), "You are helpful."),
            message(
                ChatRole.USER,
                at("2025-03-04", "11:00"),
                "How do I use SQL window functions in Python?",
            ),
            message(
                ChatRole.ASSISTANT,
                at("2025-03-04", "11:00:02"),
                "Use pandas or SQL directly.",
                provider="openai",
                response_ms=2000,
                rating=4,
                tokens=120,
                cost=0.002,
            ),
            message(ChatRole.USER, at("2025-03-04", "11:10"), "And what about caching in Python?"),
            message(
                ChatRole.ASSISTANT,
                at("2025-03-04", "11:10:04"),
                "functools.lru_cache.",
                provider="openai",
                response_ms=1000,
                tokens=80,
                cost=0.001,
            ),
        ],
        provider="openai",
    )
    await store.chats.create(chat=conversation)
    return user, ivs, conversation
