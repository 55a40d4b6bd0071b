"""What every HTTP provider shares: the stream loop, usage accounting and end-of-stream checks.

A concrete client only says how to build its request (`_request`) and how to read one
decoded event (`_on_event`); this class does the framing, the content/keep-alive bookkeeping,
truncation detection and the final `Usage`.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from interviewai_tui.ai.base import Chunk, FinishReason, JsonSchema, Message, Usage
from interviewai_tui.ai.errors import (
    AuthenticationError,
    MalformedStreamError,
    NetworkError,
    ProviderError,
    display_name,
)
from interviewai_tui.ai.pricing import PriceTable, default_prices
from interviewai_tui.ai.sse import NdjsonParser, SseEvent, SseParser
from interviewai_tui.ai.transport import HttpPool, Progress, Timeouts, get_json, open_stream

__all__ = ["HttpProvider", "StreamState"]

NO_CHUNKS: tuple[Chunk, ...] = ()


class StreamState:
    """What one stream has told us so far."""

    __slots__ = (
        "cached_input_tokens",
        "complete",
        "error",
        "finish_reason",
        "input_tokens",
        "model",
        "output_tokens",
        "reasoning_tokens",
        "stop",
        "tokens_reported",
    )

    def __init__(self, model: str) -> None:
        self.model = model
        self.input_tokens = 0
        self.output_tokens = 0
        self.cached_input_tokens = 0
        self.reasoning_tokens = 0
        self.finish_reason: FinishReason | None = None
        self.complete = False  # a terminator was seen ([DONE], message_stop, finishReason, done)
        self.stop = False  # nothing more to read
        self.tokens_reported = False
        self.error: ProviderError | None = None  # raised after the chunks decoded before it


class HttpProvider:
    """Base of the OpenAI-compatible, Anthropic, Gemini and Ollama clients."""

    framing: ClassVar[str] = "sse"  # or "ndjson"
    needs_key: ClassVar[bool] = True

    def __init__(
        self,
        *,
        name: str,
        base_url: str,
        model: str,
        pool: HttpPool,
        api_key: str | None = None,
        timeouts: Timeouts | None = None,
        paid: bool = True,
        needs_key: bool | None = None,
        prices: PriceTable | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self._name = name
        self.base_url = base_url.rstrip("/")
        self._model = model
        self._pool = pool
        self._api_key = api_key or None
        self.timeouts = timeouts or Timeouts()
        self._paid = paid
        self._needs_key = type(self).needs_key if needs_key is None else needs_key
        self._prices = prices
        self._extra_headers = dict(headers or {})

    # --- Provider protocol ----------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._name

    @property
    def default_model(self) -> str:
        return self._model

    @property
    def paid(self) -> bool:
        return self._paid

    @property
    def configured(self) -> bool:
        return bool(self._api_key) or not self._needs_key

    @property
    def has_key(self) -> bool:
        return bool(self._api_key)

    async def stream(
        self,
        messages: Sequence[Message],
        *,
        model: str | None = None,
        max_tokens: int = 1024,
        temperature: float | None = None,
        json_schema: JsonSchema | None = None,
    ) -> AsyncIterator[Chunk]:
        model = model or self._model
        label = display_name(self._name)
        if not self.configured:
            raise AuthenticationError(
                f"No API key is set for {label}; add one in settings or the environment.",
                provider=self._name,
            )
        url, headers, payload = self._request(messages, model, max_tokens, temperature, json_schema)
        headers.update(self._extra_headers)
        progress = Progress()
        started = progress.last_content
        first: float | None = None
        state = StreamState(model)
        parser: SseParser | NdjsonParser = SseParser() if self.framing == "sse" else NdjsonParser()
        raw = open_stream(
            self._pool,
            url,
            headers=headers,
            payload=payload,
            timeouts=self.timeouts,
            provider=self._name,
            progress=progress,
            secret=self._api_key,
        )
        try:
            async for piece in raw:
                for chunk in self._decode(parser.feed(piece), state):
                    now = time.perf_counter()
                    progress.last_content = now
                    if first is None:
                        first = now
                    yield chunk
                if state.error is not None:
                    raise state.error
                if state.stop:
                    break
            else:
                for chunk in self._decode(parser.close(), state):
                    if first is None:
                        first = time.perf_counter()
                    yield chunk
                if state.error is not None:
                    raise state.error
        finally:
            await raw.aclose()
        if not state.complete:
            raise NetworkError(
                f"The connection to {label} closed before the answer was complete.",
                provider=self._name,
            )
        ended = time.perf_counter()
        yield Usage(
            provider=self._name,
            model=state.model,
            input_tokens=state.input_tokens,
            output_tokens=state.output_tokens,
            cached_input_tokens=state.cached_input_tokens,
            reasoning_tokens=state.reasoning_tokens,
            latency_ms=(ended - started) * 1000,
            first_token_ms=None if first is None else (first - started) * 1000,
            cost=self._cost(state),
            finish_reason=state.finish_reason,
            tokens_reported=state.tokens_reported,
        )

    async def list_models(self) -> list[str]:
        """Model ids the server offers (GET on the provider's list endpoint)."""
        url, headers = self._models_request()
        data = await get_json(
            self._pool,
            url,
            headers=headers,
            timeouts=self.timeouts,
            provider=self._name,
            secret=self._api_key,
        )
        return self._parse_models(data)

    # --- for subclasses ---------------------------------------------------------------------
    def _request(
        self,
        messages: Sequence[Message],
        model: str,
        max_tokens: int,
        temperature: float | None,
        json_schema: JsonSchema | None,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        raise NotImplementedError

    def _on_event(self, event: str, data: Any, state: StreamState) -> Sequence[Chunk]:
        raise NotImplementedError

    def _models_request(self) -> tuple[str, dict[str, str]]:
        raise NotImplementedError

    def _parse_models(self, data: Any) -> list[str]:
        items = data.get("data") if isinstance(data, Mapping) else None
        return sorted(str(m["id"]) for m in items or () if isinstance(m, Mapping) and "id" in m)

    # --- helpers ----------------------------------------------------------------------------
    def _decode(self, items: Sequence[SseEvent | str], state: StreamState) -> list[Chunk]:
        out: list[Chunk] = []
        for item in items:
            if state.stop:
                break
            if isinstance(item, str):
                event, data = "message", item
            else:
                event, data = item.event, item.data
            if data == "[DONE]":
                state.complete = state.stop = True
                break
            try:
                out.extend(self._on_event(event, self._json(data), state))
            except ProviderError as error:
                if not out:
                    raise
                state.error = error  # hand on what came before it first
                break
        return out

    def _json(self, data: str) -> Any:
        try:
            return json.loads(data)
        except ValueError:
            raise MalformedStreamError(
                f"{display_name(self._name)} sent a malformed stream chunk.", provider=self._name
            ) from None

    def _cost(self, state: StreamState) -> Decimal | None:
        if not self._paid:
            return Decimal(0)
        if not state.tokens_reported:
            return None
        prices = self._prices or default_prices()
        return prices.cost(
            self._name,
            state.model,
            input_tokens=state.input_tokens,
            output_tokens=state.output_tokens,
            cached_input_tokens=state.cached_input_tokens,
        )
