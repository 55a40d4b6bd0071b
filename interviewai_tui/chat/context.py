"""Fitting a conversation into a model's context window.

Token counts are estimated (about four characters per token plus a few tokens of framing per
message) because no tokenizer ships with the app; the estimate errs on the high side, and the
budget keeps a safety margin, so a trimmed conversation is sent rather than refused.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from interviewai_tui.ai.base import OFFLINE, Message
from interviewai_tui.chat.errors import ContextFullError

__all__ = [
    "IMAGE_TOKENS",
    "Trimmed",
    "context_window",
    "estimate_message_tokens",
    "estimate_tokens",
    "trim_history",
]

_PER_MESSAGE = 4  # role and separators in every provider's framing
# An image's cost: Anthropic's ~1,600 tokens for a full-size image is the highest of the
# providers' published rules (OpenAI ~1,100 at high detail, Gemini 258 per tile).
IMAGE_TOKENS = 1_600
_SAFETY = 0.9  # keep 10 % of the window free: the estimate is only an estimate

# Model name prefixes → context window in tokens (longest prefix wins). Published limits.
_MODEL_WINDOWS: dict[str, int] = {
    "gpt-5": 400_000,
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5": 16_385,
    "o1": 200_000,
    "o3": 200_000,
    "o4": 200_000,
    "claude": 200_000,
    "gemini-1.5-pro": 2_097_152,
    "gemini": 1_048_576,
    "deepseek": 128_000,
}
# When the model is unknown: what the provider's servers usually allow. Ollama's default
# `num_ctx` is small whatever the model could do, so it gets the server default.
_PROVIDER_WINDOWS: dict[str, int] = {
    "openai": 128_000,
    "anthropic": 200_000,
    "gemini": 1_048_576,
    "deepseek": 128_000,
    "ollama": 4_096,
    OFFLINE: 1_000_000,  # the offline coach reads only the last question
}
DEFAULT_WINDOW = 8_192


def context_window(provider: str | None, model: str | None) -> int:
    """The context window of ``model`` on ``provider``, in tokens (a safe guess if unknown)."""
    if provider == "ollama":
        return _PROVIDER_WINDOWS["ollama"]
    name = (model or "").lower()
    best = ""
    for prefix in _MODEL_WINDOWS:
        if name.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    if best:
        return _MODEL_WINDOWS[best]
    return _PROVIDER_WINDOWS.get(provider or "", DEFAULT_WINDOW)


def estimate_tokens(text: str) -> int:
    """About four characters per token, rounded up (CJK and code come out higher, not lower)."""
    return math.ceil(len(text) / 4) if text else 0


def estimate_message_tokens(message: Message) -> int:
    return estimate_tokens(message.content) + _PER_MESSAGE + IMAGE_TOKENS * len(message.images)


@dataclass(frozen=True, slots=True)
class Trimmed:
    """The messages to send and how many older ones were left out."""

    messages: list[Message]
    dropped: int
    tokens: int
    window: int


def trim_history(
    history: Sequence[Message],
    *,
    window: int,
    reserve: int,
    system_tokens: int = 0,
) -> Trimmed:
    """Drop the oldest turns until the rest fits ``window`` minus ``reserve`` (the reply).

    A turn is a user message with the replies that follow it, so the model never sees an
    answer without its question. The newest user message is always kept.

    Raises:
        ContextFullError: when the newest message alone does not fit.
    """
    budget = int(window * _SAFETY) - reserve - system_tokens
    costs = [estimate_message_tokens(m) for m in history]
    total = sum(costs)
    start = 0
    while total > budget and start < len(history):
        # Find where the next turn begins (the next user message after `start`).
        nxt = start + 1
        while nxt < len(history) and history[nxt].role != "user":
            nxt += 1
        if nxt >= len(history):
            break  # only the newest turn is left
        total -= sum(costs[start:nxt])
        start = nxt
    if total > budget:
        raise ContextFullError(
            f"Your message is about {total:,} tokens, more than this model can take "
            f"(about {max(budget, 0):,}); shorten it or attach less."
        )
    return Trimmed(list(history[start:]), start, total, window)
