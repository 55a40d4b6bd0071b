"""The router: the chosen provider with its retries, then the fallback chain, then offline.

For every call it records who answered (provider and model), whether a fallback was used,
latency, tokens and cost; it enforces the optional per-user monthly spend cap (paid
providers are skipped once it is reached, with a notice saying so) and limits how many
calls run at once per provider.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from interviewai_tui.ai.base import (
    OFFLINE,
    Chunk,
    JsonSchema,
    Message,
    Provider,
    Usage,
)
from interviewai_tui.ai.errors import ProviderError, SpendCapError, display_name
from interviewai_tui.ai.images import images_for
from interviewai_tui.ai.records import OK, CallRecord, CallRecorder
from interviewai_tui.ai.retry import RetryPolicy, Sleep, aclose, stream_with_retries
from interviewai_tui.ai.spend import SpendLedger, month_key

if TYPE_CHECKING:
    from pydantic import BaseModel

    from interviewai_tui.clock import Clock

__all__ = ["Router"]

T = TypeVar("T", bound="BaseModel")


class Router:
    def __init__(
        self,
        providers: Mapping[str, Provider],
        *,
        offline: Provider,
        default: str = OFFLINE,
        fallback: Sequence[str] = (),
        policy: RetryPolicy | None = None,
        recorder: CallRecorder | None = None,
        ledger: SpendLedger | None = None,
        monthly_cap: Decimal | float | None = None,
        max_concurrency: int = 4,
        clock: Clock | None = None,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.providers = dict(providers)
        self.offline = offline
        self.default = default
        self.fallback = tuple(fallback)
        self.policy = policy or RetryPolicy()
        self.recorder = recorder or CallRecorder()
        self._ledger = ledger
        self.monthly_cap = None if monthly_cap is None else Decimal(str(monthly_cap))
        self._max_concurrency = max_concurrency
        self._limiters: dict[str, asyncio.Semaphore] = {}
        self._clock = clock
        self._sleep = sleep
        self._rand = rand

    # --- planning --------------------------------------------------------------------------
    def plan(self, provider: str | None = None) -> list[Provider]:
        """Providers to try in order: the chosen one, the fallback chain, the offline coach."""
        chosen = provider or self.default
        order: list[Provider] = []
        if chosen == OFFLINE:  # chosen on purpose: no network at all
            return [self.offline]
        for name in (chosen, *self.fallback):
            candidate = self.providers.get(name)
            if name != OFFLINE and candidate is not None and candidate not in order:
                order.append(candidate)
        order.append(self.offline)
        return order

    def _limiter(self, name: str) -> asyncio.Semaphore:
        limiter = self._limiters.get(name)
        if limiter is None:
            limiter = self._limiters[name] = asyncio.Semaphore(self._max_concurrency)
        return limiter

    def _now(self) -> Clock:
        if self._clock is None:
            from interviewai_tui.clock import SystemClock

            self._clock = SystemClock()
        return self._clock

    async def cap_error(self, user_id: str | None) -> SpendCapError | None:
        """The spend-cap error if this user's paid calls are stopped for the month."""
        if self.monthly_cap is None or self._ledger is None or user_id is None:
            return None
        spent = await self._ledger.spent(user_id, month_key(self._now().now()))
        if spent < self.monthly_cap:
            return None
        return SpendCapError(
            f"The monthly AI spend cap of ${self.monthly_cap:.2f} is reached "
            f"(${spent:.2f} spent); paid providers are paused until next month."
        )

    # --- recording -------------------------------------------------------------------------
    def _failure_hook(
        self, provider: Provider, model: str, purpose: str
    ) -> Callable[[ProviderError, float], None]:
        def hook(error: ProviderError, elapsed_ms: float) -> None:
            spent = error.usage
            self.recorder.record(
                CallRecord(
                    provider=provider.name,
                    model=model,
                    outcome=error.kind,
                    latency_ms=elapsed_ms,
                    at=self._now().now(),
                    input_tokens=spent.input_tokens if spent else 0,
                    output_tokens=spent.output_tokens if spent else 0,
                    cost=spent.cost if spent else Decimal(0),
                    purpose=purpose,
                )
            )

        return hook

    async def _succeeded(
        self, provider: Provider, usage: Usage, user_id: str | None, purpose: str
    ) -> None:
        self.recorder.record(
            CallRecord(
                provider=usage.provider,
                model=usage.model,
                outcome=OK,
                latency_ms=usage.latency_ms,
                at=self._now().now(),
                input_tokens=usage.input_tokens,
                output_tokens=usage.output_tokens,
                cost=usage.cost,
                fallback_used=usage.fallback_used,
                purpose=purpose,
            )
        )
        if provider.paid and usage.cost and user_id and self._ledger is not None:
            await self._ledger.add(user_id, month_key(self._now().now()), usage.cost)

    @staticmethod
    def _skip(provider: Provider, cap: SpendCapError | None) -> str | None:
        if not provider.configured:
            return f"{display_name(provider.name)} has no API key, so it was skipped."
        if provider.paid and cap is not None:
            return cap.message
        return None

    def _structured_attempt(
        self,
        candidate: Provider,
        model: str | None,
        max_tokens: int,
        temperature: float | None,
        hook: Callable[[ProviderError, float], None],
    ) -> Callable[[Sequence[Message], JsonSchema], AsyncIterator[Chunk]]:
        def attempt(messages: Sequence[Message], json_schema: JsonSchema) -> AsyncIterator[Chunk]:
            return stream_with_retries(
                candidate,
                messages,
                model=model,
                max_tokens=max_tokens,
                temperature=temperature,
                json_schema=json_schema,
                policy=self.policy,
                sleep=self._sleep,
                rand=self._rand,
                limiter=self._limiter(candidate.name),
                on_failure=hook,
            )

        return attempt

    # --- calls -----------------------------------------------------------------------------
    async def stream(
        self,
        messages: Sequence[Message],
        *,
        provider: str | None = None,
        model: str | None = None,
        max_tokens: int = 1024,
        temperature: float | None = None,
        json_schema: JsonSchema | None = None,
        user_id: str | None = None,
        purpose: str = "chat",
    ) -> AsyncIterator[Chunk]:
        """Stream an answer; the last item is a `Usage` with `fallback_used` and `notice`.

        Once any text has been handed on, a failure is raised to the caller instead of
        trying the next provider (a second answer must not be spliced onto the first).
        """
        chosen = provider or self.default
        cap = await self.cap_error(user_id)
        notes: list[str] = []
        for candidate in self.plan(chosen):
            skip = self._skip(candidate, cap)
            if skip:
                notes.append(skip)
                continue
            first_choice = candidate.name == chosen
            use_model = model if first_choice else None
            usage: Usage | None = None
            shown = False
            sendable, image_note = images_for(
                candidate.name, use_model or candidate.default_model, messages
            )
            chunks = stream_with_retries(
                candidate,
                sendable,
                model=use_model,
                max_tokens=max_tokens,
                temperature=temperature,
                json_schema=json_schema,
                policy=self.policy,
                sleep=self._sleep,
                rand=self._rand,
                limiter=self._limiter(candidate.name),
                on_failure=self._failure_hook(
                    candidate, use_model or candidate.default_model, purpose
                ),
            )
            try:
                async for chunk in chunks:
                    if isinstance(chunk, Usage):
                        usage = chunk
                    else:
                        shown = True
                        yield chunk
            except ProviderError as error:
                if shown or candidate is self.offline:
                    raise
                notes.append(error.message)
                continue
            finally:
                await aclose(chunks)
            if usage is None:
                raise RuntimeError(f"{candidate.name} ended its stream without usage")
            said = [*notes, image_note] if image_note else notes
            final = replace(
                usage,
                fallback_used=not first_choice,
                notice=" ".join(said) if said else None,
            )
            await self._succeeded(candidate, final, user_id, purpose)
            yield final
            return

    async def complete_json(
        self,
        messages: Sequence[Message],
        schema: type[T],
        *,
        offline: Callable[[], T] | None = None,
        offline_model: str | None = None,
        provider: str | None = None,
        model: str | None = None,
        max_tokens: int = 1024,
        temperature: float | None = 0.0,
        user_id: str | None = None,
        purpose: str = "evaluation",
    ) -> tuple[T, Usage]:
        """A validated `schema` instance from the first provider that gives one; if none
        does, `offline()` (the deterministic offline evaluator), or the last error."""
        from interviewai_tui.ai.structured import complete_structured

        chosen = provider or self.default
        cap = await self.cap_error(user_id)
        notes: list[str] = []
        last_error: ProviderError | None = cap
        for candidate in self.plan(chosen)[:-1]:  # the offline coach cannot write JSON
            skip = self._skip(candidate, cap)
            if skip:
                notes.append(skip)
                continue
            first_choice = candidate.name == chosen
            use_model = model if first_choice else None
            hook = self._failure_hook(candidate, use_model or candidate.default_model, purpose)

            attempt = self._structured_attempt(candidate, use_model, max_tokens, temperature, hook)
            try:
                result, usage = await complete_structured(attempt, messages, schema)
            except ProviderError as error:
                if error.kind == "invalid_output":  # not seen by the retry hook
                    hook(error, error.usage.latency_ms if error.usage else 0.0)
                notes.append(error.message)
                last_error = error
                continue
            final = replace(
                usage, fallback_used=not first_choice, notice=" ".join(notes) if notes else None
            )
            await self._succeeded(candidate, final, user_id, purpose)
            return result, final
        if offline is None:
            raise last_error or ProviderError("No AI provider is configured.", provider=chosen)
        started = time.perf_counter()
        result = offline()
        usage = Usage(
            provider=OFFLINE,
            model=offline_model or self.offline.default_model,
            latency_ms=(time.perf_counter() - started) * 1000,
            cost=Decimal(0),
            tokens_reported=False,
            fallback_used=chosen != OFFLINE,
            notice=" ".join(notes) if notes else None,
        )
        await self._succeeded(self.offline, usage, user_id, purpose)
        return result, usage
