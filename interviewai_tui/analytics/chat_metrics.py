"""``type: "chat"`` documents: one per conversation with at least one message.

Like interview documents, a conversation is its own period: ``period.type`` "daily",
``period.date`` when it was created (made unique per user, see ``writer.claim_dates``) and
``period.endDate`` its last message. topicsDiscussed are the known topics (the question
bank's technologies plus a fixed list) that the user's messages mention most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from interviewai_tui.analytics.numbers import mean
from interviewai_tui.analytics.writer import Doc
from interviewai_tui.chat.bookkeeping import (
    average_response_time,
    conversation_count,
    is_partial,
    user_satisfaction,
)
from interviewai_tui.domain.chats import ChatSession
from interviewai_tui.domain.common import AnalyticsType, ChatRole, PeriodType

__all__ = ["BASE_TOPICS", "TopicMatcher", "chat_document"]

MAX_TOPICS = 5

BASE_TOPICS: tuple[str, ...] = (
    "algorithms",
    "data structures",
    "system design",
    "behavioral",
    "recursion",
    "dynamic programming",
    "concurrency",
    "caching",
    "databases",
    "SQL",
    "testing",
    "security",
    "APIs",
    "REST",
    "microservices",
    "Big O",
    "resume",
    "salary",
)


class TopicMatcher:
    """Finds known topics in free text: whole words, case-insensitive, literal (no patterns)."""

    def __init__(self, topics: Iterable[str]) -> None:
        seen: dict[str, str] = {}
        for topic in topics:
            name = topic.strip()
            if name and name.casefold() not in seen:
                seen[name.casefold()] = name
        self.names = list(seen.values())
        self._patterns = [
            re.compile(rf"(?<![\w]){re.escape(n)}(?![\w])", re.IGNORECASE) for n in self.names
        ]

    def top(self, texts: Iterable[str], n: int = MAX_TOPICS) -> list[str]:
        counts: Counter[str] = Counter()
        for text in texts:
            for name, pattern in zip(self.names, self._patterns, strict=True):
                hits = len(pattern.findall(text))
                if hits:
                    counts[name] += hits
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        return [name for name, _ in ranked[:n]]


def _primary(chat: ChatSession, providers: list[str]) -> str | None:
    if not providers:
        return chat.provider
    counts = Counter(providers)
    best = max(counts.values())
    tied = sorted(p for p, c in counts.items() if c == best)
    return chat.provider if chat.provider in tied else tied[0]


def chat_document(chat: ChatSession, *, date: datetime, topics: TopicMatcher) -> Doc:
    """The stored form of one conversation's document, with ``period.date`` = ``date``."""
    messages = [m for m in chat.messages if m.role is not ChatRole.SYSTEM]
    replies = [m for m in messages if m.role is ChatRole.ASSISTANT]
    providers = [m.provider for m in replies if m.provider]
    primary = _primary(chat, providers)
    tokens = sum((m.tokens.total or m.tokens.input + m.tokens.output) for m in replies if m.tokens)
    latency = [
        m.response_time
        for m in replies
        if m.provider == primary and m.response_time is not None and not is_partial(m)
    ]
    partial = sum(1 for m in replies if is_partial(m))
    metrics = {
        "sessionId": chat.id,
        "messageCount": conversation_count(chat.messages),
        "averageResponseTime": average_response_time(chat.messages),
        "tokensUsed": tokens,
        "cost": round(sum(m.cost for m in replies if m.cost is not None), 6),
        "userSatisfaction": user_satisfaction(chat.messages),
        "topicsDiscussed": topics.top(m.content for m in messages if m.role is ChatRole.USER),
        "providerMetrics": {
            "primary": primary,
            "fallbackCount": sum(1 for p in providers if chat.provider and p != chat.provider),
            "errorRate": round(partial / len(replies) * 100, 1) if replies else 0.0,
            "averageLatency": mean(latency),
        },
    }
    end = max((m.timestamp for m in messages), default=chat.last_message_at or chat.updated_at)
    return {
        "userId": chat.user_id,
        "type": AnalyticsType.CHAT.value,
        "period": {"type": PeriodType.DAILY.value, "date": date, "endDate": end},
        "chatMetrics": metrics,
    }
