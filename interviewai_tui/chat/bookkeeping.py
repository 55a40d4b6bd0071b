"""Pure arithmetic and conventions over a stored conversation: analytics, partial replies,
the chosen model, and the history sent to a model.

A reply that was stopped or cut off by a provider error keeps what arrived; it is marked by a
last line ``*(Incomplete reply: why.)*`` so every reader (screen, export, another client)
sees it, and the marker is removed again before the text goes back to a model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from interviewai_tui.ai.base import ImagePart, Message, Usage
from interviewai_tui.domain.chats import ChatMessage, ChatSession, Tokens
from interviewai_tui.domain.common import ChatRole

__all__ = [
    "STOPPED_REASON",
    "average_response_time",
    "chosen_model",
    "chosen_provider",
    "conversation_count",
    "history",
    "is_partial",
    "mark_partial",
    "partial_reason",
    "reply_message",
    "strip_marker",
    "user_satisfaction",
]

STOPPED_REASON = "stopped before the end"
_MARKER = re.compile(r"(?:\n\n)?\*\(Incomplete reply: ([^\n]*)\)\*\Z")


def mark_partial(content: str, reason: str) -> str:
    """``content`` with the incomplete-reply line appended (one line, no marker inside)."""
    why = " ".join(reason.replace("*", "").split()).rstrip(".")
    marker = f"*(Incomplete reply: {why or 'interrupted'}.)*"
    return f"{content}\n\n{marker}" if content else marker


def partial_reason(message: ChatMessage) -> str | None:
    """Why a reply is incomplete, or None for a complete one."""
    if message.role is not ChatRole.ASSISTANT:
        return None
    found = _MARKER.search(message.content)
    return found.group(1).rstrip(".") if found else None


def is_partial(message: ChatMessage) -> bool:
    return partial_reason(message) is not None


def strip_marker(content: str) -> str:
    return _MARKER.sub("", content)


def conversation_count(messages: Iterable[ChatMessage]) -> int:
    """Messages that count in ``messageCount``: what the user and the assistant said."""
    return sum(1 for m in messages if m.role is not ChatRole.SYSTEM)


def average_response_time(messages: Iterable[ChatMessage]) -> float:
    """Mean response time (ms) of the complete replies, rounded to 0.1 ms; 0 when none."""
    times = [
        m.response_time
        for m in messages
        if m.role is ChatRole.ASSISTANT and m.response_time is not None and not is_partial(m)
    ]
    return round(sum(times) / len(times), 1) if times else 0.0


def user_satisfaction(messages: Iterable[ChatMessage]) -> float | None:
    """Mean of the 1-5 ratings given, rounded to 0.01; None while nothing is rated."""
    ratings = [
        m.feedback.rating
        for m in messages
        if m.feedback is not None and m.feedback.rating is not None
    ]
    return round(sum(ratings) / len(ratings), 2) if ratings else None


def chosen_provider(chat: ChatSession, default: str) -> str:
    return chat.provider or default


def chosen_model(chat: ChatSession) -> str | None:
    """The model picked for this conversation: recorded on its opening system message."""
    for message in chat.messages:
        if message.role is ChatRole.SYSTEM and message.model:
            return message.model
    return None


def history(
    messages: Sequence[ChatMessage], images: Mapping[str, tuple[ImagePart, ...]] | None = None
) -> list[Message]:
    """The conversation as the router takes it (system notes left out, markers removed);
    ``images`` by message id go with their user messages."""
    out: list[Message] = []
    for m in messages:
        if m.role is ChatRole.USER:
            out.append(Message("user", m.content, (images or {}).get(m.id, ())))
        elif m.role is ChatRole.ASSISTANT:
            text = strip_marker(m.content)
            if text.strip():
                out.append(Message("assistant", text))
    return out


def reply_message(
    text: str,
    *,
    usage: Usage | None,
    provider: str,
    model: str | None,
    elapsed_ms: float,
    at: datetime,
    partial: str | None = None,
) -> ChatMessage:
    """The stored assistant message, with the seed's metadata.

    Tokens are recorded only when the provider reported them (None means "not reported",
    never a made-up 0); cost is None when the model is unpriced or the reply was cut short.
    """
    tokens: Tokens | None = None
    cost: float | None = None
    if usage is not None:
        provider, model = usage.provider, usage.model
        if usage.tokens_reported:
            tokens = Tokens(
                input=usage.input_tokens, output=usage.output_tokens, total=usage.total_tokens
            )
        cost = float(usage.cost) if isinstance(usage.cost, Decimal) else None
    content = mark_partial(text, partial) if partial is not None else text
    return ChatMessage(
        role=ChatRole.ASSISTANT,
        content=content,
        timestamp=at,
        provider=provider,
        model=model,
        tokens=tokens,
        cost=cost,
        response_time=round(elapsed_ms, 1),
    )
