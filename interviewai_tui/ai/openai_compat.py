"""OpenAI Chat Completions, and every server that speaks it: DeepSeek, Ollama's /v1, LM Studio,
llama.cpp, vLLM, or any base URL.

Differences between them are a few flags, not subclasses (as litellm's DeepSeek config is a
thin layer over the OpenAI one):

* `dialect="openai"` sends `max_completion_tokens` and omits `temperature` for reasoning
  models (GPT-5 family, o-series), which reject both `max_tokens` and non-default values;
  `dialect="compat"` sends `max_tokens` (DeepSeek and the local servers).
* `json_mode`: "schema" (response_format json_schema), "object" (json_object, DeepSeek) or
  "none".
Reasoning arrives as `reasoning_content` (DeepSeek, llama.cpp) or `reasoning` (Ollama, vLLM)
and is kept apart from the answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

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

__all__ = ["OpenAICompatProvider", "is_reasoning_model"]

_FINISH: dict[str, FinishReason] = {
    "stop": "stop",
    "length": "length",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "content_filter": "content_filter",
}
_NO_TEMPERATURE = ("deepseek-reasoner",)


def _wire_message(m: Message) -> dict[str, Any]:
    """Plain text stays a string (what every compatible server takes); with images the
    content becomes an array of a text part and `image_url` parts holding data URLs."""
    if not m.images:
        return {"role": m.role, "content": m.content}
    parts: list[dict[str, Any]] = [{"type": "text", "text": m.content}] if m.content else []
    parts.extend({"type": "image_url", "image_url": {"url": i.data_url()}} for i in m.images)
    return {"role": m.role, "content": parts}


def is_reasoning_model(model: str) -> bool:
    """OpenAI models that take `max_completion_tokens` only and no sampling parameters."""
    m = model.lower().rsplit("/", 1)[-1]
    if m.startswith("gpt-5"):
        return "chat" not in m  # gpt-5-chat-latest is a non-reasoning chat model
    return m[:2] in ("o1", "o3", "o4") and (len(m) == 2 or m[2] == "-")


class OpenAICompatProvider(HttpProvider):
    def __init__(
        self,
        *,
        dialect: Literal["openai", "compat"] = "compat",
        json_mode: Literal["schema", "object", "none"] = "schema",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.dialect = dialect
        self.json_mode = json_mode

    def _headers(self) -> dict[str, str]:
        headers = {"accept": "text/event-stream"}
        if self._api_key:
            headers["authorization"] = f"Bearer {self._api_key}"
        return headers

    def _request(
        self,
        messages: Sequence[Message],
        model: str,
        max_tokens: int,
        temperature: float | None,
        json_schema: JsonSchema | None,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        payload: dict[str, Any] = {
            "model": model,
            "messages": [_wire_message(m) for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        reasoning = self.dialect == "openai" and is_reasoning_model(model)
        if self.dialect == "openai":
            payload["max_completion_tokens"] = max_tokens
        else:
            payload["max_tokens"] = max_tokens
        if temperature is not None and not reasoning and model not in _NO_TEMPERATURE:
            payload["temperature"] = temperature
        if json_schema is not None and self.json_mode == "schema":
            payload["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "output", "schema": dict(json_schema)},
            }
        elif json_schema is not None and self.json_mode == "object":
            payload["response_format"] = {"type": "json_object"}
        return f"{self.base_url}/chat/completions", self._headers(), payload

    def _on_event(self, event: str, data: Any, state: StreamState) -> Sequence[Chunk]:
        if not isinstance(data, Mapping):
            return NO_CHUNKS
        if data.get("error") or data.get("object") == "error":
            raise error_from_payload(self._name, data, secret=self._api_key)
        model = data.get("model")
        if isinstance(model, str) and model:
            state.model = model
        usage = data.get("usage")
        if isinstance(usage, Mapping):
            self._read_usage(usage, state)
        choices = data.get("choices") or ()  # vLLM may send `choices: null`
        if not choices:
            return NO_CHUNKS
        choice = choices[0]
        finish = choice.get("finish_reason")
        if finish:
            state.finish_reason = _FINISH.get(str(finish), "other")
            state.complete = True  # [DONE] (and maybe a usage chunk) may still follow
        delta = choice.get("delta")
        if not isinstance(delta, Mapping):
            return NO_CHUNKS
        thought = delta.get("reasoning_content") or delta.get("reasoning")
        content = delta.get("content")
        if thought and content:
            return (ReasoningChunk(thought), TextChunk(content))
        if content:
            return (TextChunk(content),)
        if thought:
            return (ReasoningChunk(thought),)
        return NO_CHUNKS

    @staticmethod
    def _read_usage(usage: Mapping[str, Any], state: StreamState) -> None:
        state.tokens_reported = True
        state.input_tokens = int(usage.get("prompt_tokens") or 0)
        state.output_tokens = int(usage.get("completion_tokens") or 0)
        prompt_details = usage.get("prompt_tokens_details")
        cached = usage.get("prompt_cache_hit_tokens")  # DeepSeek
        if cached is None and isinstance(prompt_details, Mapping):
            cached = prompt_details.get("cached_tokens")
        state.cached_input_tokens = int(cached or 0)
        details = usage.get("completion_tokens_details")
        if isinstance(details, Mapping):
            state.reasoning_tokens = int(details.get("reasoning_tokens") or 0)

    def _models_request(self) -> tuple[str, dict[str, str]]:
        headers = self._headers()
        headers["accept"] = "application/json"
        return f"{self.base_url}/models", headers
