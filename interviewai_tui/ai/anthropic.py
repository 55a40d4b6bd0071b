"""Anthropic Messages API: `x-api-key`, `anthropic-version`, and its SSE event sequence
(message_start → content blocks → message_delta → message_stop, with pings anywhere).

There is no `system` role inside `messages`: system turns become the top-level `system`.
JSON output is asked for in the prompt (the portable way); `structured.py` validates it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interviewai_tui.ai.base import (
    Chunk,
    FinishReason,
    JsonSchema,
    Message,
    ReasoningChunk,
    TextChunk,
)
from interviewai_tui.ai.errormap import error_from_payload
from interviewai_tui.ai.httpbase import NO_CHUNKS, HttpProvider, StreamState

__all__ = ["ANTHROPIC_VERSION", "AnthropicProvider"]

ANTHROPIC_VERSION = "2023-06-01"
_FINISH: dict[str, FinishReason] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}


Content = str | list[dict[str, Any]]


def _content(m: Message) -> Content:
    """Text only: a plain string, as always. With images: base64 `image` blocks first (the
    order Anthropic recommends), then a text block if there is text."""
    if not m.images:
        return m.content
    blocks: list[dict[str, Any]] = [
        {"type": "image", "source": {"type": "base64", "media_type": i.media_type, "data": i.b64()}}
        for i in m.images
    ]
    if m.content:
        blocks.append({"type": "text", "text": m.content})
    return blocks


def _blocks(content: Content) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    return content


def _merge(first: Content, second: Content) -> Content:
    """Two turns of one role as one (strings join as before; blocks are concatenated)."""
    if isinstance(first, str) and isinstance(second, str):
        return first + "\n\n" + second
    return _blocks(first) + _blocks(second)


class AnthropicProvider(HttpProvider):
    def _headers(self) -> dict[str, str]:
        return {
            "x-api-key": self._api_key or "",
            "anthropic-version": ANTHROPIC_VERSION,
            "accept": "text/event-stream",
        }

    def _request(
        self,
        messages: Sequence[Message],
        model: str,
        max_tokens: int,
        temperature: float | None,
        json_schema: JsonSchema | None,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        turns: list[dict[str, Any]] = []
        for m in messages:
            if m.role == "system":
                continue
            if turns and turns[-1]["role"] == m.role:  # merge, roles must alternate
                turns[-1]["content"] = _merge(turns[-1]["content"], _content(m))
            else:
                turns.append({"role": m.role, "content": _content(m)})
        payload: dict[str, Any] = {
            "model": model,
            "max_tokens": max_tokens,
            "messages": turns,
            "stream": True,
        }
        if system:
            payload["system"] = system
        if temperature is not None:
            payload["temperature"] = min(max(temperature, 0.0), 1.0)
        return f"{self.base_url}/v1/messages", self._headers(), payload

    def _on_event(self, event: str, data: Any, state: StreamState) -> Sequence[Chunk]:
        if not isinstance(data, Mapping):
            return NO_CHUNKS
        kind = data.get("type") or event
        if kind == "content_block_delta":
            delta = data.get("delta") or {}
            if delta.get("type") == "text_delta" and delta.get("text"):
                return (TextChunk(delta["text"]),)
            if delta.get("type") == "thinking_delta" and delta.get("thinking"):
                return (ReasoningChunk(delta["thinking"]),)
            return NO_CHUNKS
        if kind == "message_start":
            message = data.get("message") or {}
            if message.get("model"):
                state.model = str(message["model"])
            self._read_usage(message.get("usage"), state)
        elif kind == "message_delta":
            stop = (data.get("delta") or {}).get("stop_reason")
            if stop:
                state.finish_reason = _FINISH.get(str(stop), "other")
            self._read_usage(data.get("usage"), state)
        elif kind == "message_stop":
            state.complete = state.stop = True
        elif kind == "error":
            raise error_from_payload(self._name, data, secret=self._api_key)
        # ping, content_block_start/stop and unknown events are ignored (versioning policy).
        return NO_CHUNKS

    @staticmethod
    def _read_usage(usage: Any, state: StreamState) -> None:
        if not isinstance(usage, Mapping):
            return
        state.tokens_reported = True
        if "input_tokens" in usage:
            cache_read = int(usage.get("cache_read_input_tokens") or 0)
            cache_write = int(usage.get("cache_creation_input_tokens") or 0)
            state.input_tokens = int(usage["input_tokens"] or 0) + cache_read + cache_write
            state.cached_input_tokens = cache_read
        if "output_tokens" in usage:  # cumulative in message_delta
            state.output_tokens = int(usage["output_tokens"] or 0)

    def _models_request(self) -> tuple[str, dict[str, str]]:
        headers = self._headers()
        headers["accept"] = "application/json"
        return f"{self.base_url}/v1/models", headers
