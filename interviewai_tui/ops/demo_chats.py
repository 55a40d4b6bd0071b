"""The demo's conversations with the assistant (see `demo_data`)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from interviewai_tui.domain.chats import (
    ChatAnalytics,
    ChatMessage,
    ChatSession,
    MessageFeedback,
    Tokens,
)

__all__ = ["chat_sessions"]

IdMaker = Callable[[datetime], str]

_CHATS = [
    (
        "Closures in Python, explained",
        [
            "Can you explain closures with a small Python example?",
            "A closure is a function that remembers variables from the scope where it was "
            "defined. `def counter(): n = 0; def inc(): nonlocal n; n += 1; return n; return inc` "
            "— every call to `inc` sees the same `n`.",
            "When would I use one instead of a class?",
            "When the state is small and there is one behaviour: callbacks, decorators, "
            "memoisation. Once you need several methods, a class reads better.",
        ],
    ),
    (
        "Design a URL shortener",
        [
            "How should I approach 'design a URL shortener' in 30 minutes?",
            "Clarify scale first (writes/day, reads/day), then: API, key generation (base62 of a "
            "counter or random with collision check), storage (key → URL, read-heavy: cache in "
            "front), redirects (301 vs 302), analytics as an async pipeline.",
            "What do interviewers usually probe?",
            "Key collisions, hot keys in the cache, expiry, abuse (spam links) and how you would "
            "shard the table once one database is not enough.",
        ],
    ),
    (
        "STAR answer about a conflict",
        [
            "Help me structure a STAR answer about disagreeing with my tech lead.",
            "Situation: the project and the stakes. Task: your responsibility. Action: what you "
            "did — data you gathered, how you raised it, the compromise. Result: a number if you "
            "can (latency, incidents, time saved) and what you learned.",
        ],
    ),
    (
        "PostgreSQL indexes",
        [
            "Why is my query not using the index on created_at?",
            "Common reasons: a function on the column (`date(created_at)`), a type mismatch, low "
            "selectivity so a sequential scan is cheaper, or stale statistics — run ANALYZE and "
            "check EXPLAIN (ANALYZE, BUFFERS).",
            "And a composite index — which column first?",
            "Equality columns first, then the range or sort column: (user_id, created_at) serves "
            "'this user's newest rows' directly.",
        ],
    ),
    (
        "Preparing for a senior interview",
        [
            "What changes between mid-level and senior interviews?",
            "More ambiguity, more trade-offs: you are expected to drive the design, talk about "
            "operations and mentoring, and show impact beyond your own tickets.",
        ],
    ),
    (
        "Async Python pitfalls",
        [
            "What are the usual mistakes with asyncio?",
            "Blocking calls inside coroutines, forgetting to await, creating tasks without keeping "
            "a reference, and unbounded concurrency — use a semaphore or a queue.",
        ],
    ),
]


def chat_sessions(
    user_id: str, rng: random.Random, ids: IdMaker, *, now: datetime
) -> list[ChatSession]:
    """The candidate's conversations with the assistant, the newest yesterday."""
    sessions = []
    for n, (title, turns) in enumerate(_CHATS):
        start = (now - timedelta(days=1 + n * 19, hours=rng.randint(0, 8))).replace(microsecond=0)
        at = start
        messages = []
        for i, text in enumerate(turns):
            assistant = i % 2 == 1
            at += timedelta(seconds=rng.randint(20, 90))
            tokens_in, tokens_out = rng.randint(40, 400), rng.randint(60, 300)
            messages.append(
                ChatMessage(
                    id=ids(at),
                    role="assistant" if assistant else "user",
                    content=text,
                    timestamp=at,
                    provider="offline" if assistant else None,
                    model="offline-coach" if assistant else None,
                    tokens=Tokens(input=tokens_in, output=tokens_out, total=tokens_in + tokens_out)
                    if assistant
                    else None,
                    cost=0.0 if assistant else None,
                    response_time=float(rng.randint(40, 400)) if assistant else None,
                    feedback=MessageFeedback(
                        rating=rng.choice([4, 5]), helpful=True, submitted_at=at
                    )
                    if assistant and i == 1
                    else None,
                )
            )
        replies = [m for m in messages if m.role == "assistant"]
        ratings = [m.feedback.rating for m in replies if m.feedback and m.feedback.rating]
        sessions.append(
            ChatSession(
                id=ids(start),
                user_id=user_id,
                title=title,
                provider="offline",
                messages=messages,
                message_count=len(messages),
                last_message_at=at,
                is_active=n < 4,
                analytics=ChatAnalytics(
                    total_tokens=sum(m.tokens.total for m in replies if m.tokens),
                    total_cost=0.0,
                    average_response_time=round(
                        sum(m.response_time or 0 for m in replies) / max(1, len(replies)), 1
                    ),
                    user_satisfaction=sum(ratings) / len(ratings) if ratings else None,
                ),
                created_at=start,
                updated_at=at,
            )
        )
    return sessions
