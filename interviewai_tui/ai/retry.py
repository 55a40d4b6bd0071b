"""Retries for one provider: Retry-After within a cap, else exponential backoff with jitter.

Mirrors the official SDKs (0.5 s × 2^n capped at 8 s, up to 25 % jitter, 2 retries; a
Retry-After above the cap means "give up now" so the router can move to the next provider).
A stream is never retried once any content has been handed to the caller: the user has seen
it, and a second answer would be spliced onto the first.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass

from interviewai_tui.ai.base import Chunk, JsonSchema, Message, Provider, Usage
from interviewai_tui.ai.errors import ProviderError

__all__ = ["FailureHook", "RetryPolicy", "aclose", "stream_with_retries"]

Sleep = Callable[[float], Awaitable[None]]
FailureHook = Callable[[ProviderError, float], None]  # (error, elapsed ms of that attempt)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    retry_after_cap: float = 60.0
    jitter: float = 0.25

    def delay(self, retry_number: int, error: ProviderError, rand: float) -> float | None:
        """Seconds to wait before retry `retry_number` (0-based), or None to give up."""
        if not error.retryable or retry_number >= self.max_retries:
            return None
        hinted = error.retry_after
        if hinted is not None and hinted > 0:
            return hinted if hinted <= self.retry_after_cap else None
        backoff = min(self.base_delay * 2.0**retry_number, self.max_delay)
        return backoff * (1 - self.jitter * rand)


async def stream_with_retries(
    provider: Provider,
    messages: Sequence[Message],
    *,
    model: str | None = None,
    max_tokens: int = 1024,
    temperature: float | None = None,
    json_schema: JsonSchema | None = None,
    policy: RetryPolicy | None = None,
    sleep: Sleep = asyncio.sleep,
    rand: Callable[[], float] = random.random,
    limiter: AbstractAsyncContextManager[object] | None = None,
    on_failure: FailureHook | None = None,
) -> AsyncIterator[Chunk]:
    """`provider.stream(...)` with retries. `limiter` (a semaphore) is held per attempt only,
    not while sleeping between attempts."""
    policy = policy or RetryPolicy()
    retry = 0
    while True:
        shown = False
        started = time.perf_counter()
        try:
            async with limiter or nullcontext():
                stream = provider.stream(
                    messages,
                    model=model,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    json_schema=json_schema,
                )
                try:
                    async for chunk in stream:
                        if not shown and not isinstance(chunk, Usage):
                            shown = True
                        yield chunk
                finally:
                    await aclose(stream)
            return
        except ProviderError as error:
            if on_failure is not None:
                on_failure(error, (time.perf_counter() - started) * 1000)
            wait = None if shown else policy.delay(retry, error, rand())
            if wait is None:
                raise
            retry += 1
            await sleep(wait)


async def aclose(stream: AsyncIterator[Chunk]) -> None:
    """Close an abandoned stream now (its HTTP response with it), not at garbage collection."""
    close = getattr(stream, "aclose", None)
    if close is not None:
        await close()
