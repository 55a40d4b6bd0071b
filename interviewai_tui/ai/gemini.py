"""Gemini Developer API: `streamGenerateContent?alt=sse` with an `x-goog-api-key` header.

Its SSE uses CRLF separators and has no end sentinel: the stream simply closes after the
chunk that carries `finishReason`. A bad key comes back as HTTP 400 with reason
API_KEY_INVALID (handled in errormap). Parts marked `thought` are reasoning, not answer.
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

__all__ = ["GeminiProvider"]

_FINISH: dict[str, FinishReason] = {
    "STOP": "stop",
    "MAX_TOKENS": "length",
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
}


def _parts(m: Message) -> list[dict[str, Any]]:
    """Text only: one text part, as always. With images: `inline_data` parts first (the
    order Google's examples use), then the text if there is any."""
    if not m.images:
        return [{"text": m.content}]
    parts: list[dict[str, Any]] = [
        {"inline_data": {"mime_type": i.media_type, "data": i.b64()}} for i in m.images
    ]
    if m.content:
        parts.append({"text": m.content})
    return parts


class GeminiProvider(HttpProvider):
    @property
    def api_root(self) -> str:
        """The base URL with its API version (settings may give just the host)."""
        base = self.base_url
        if base.rsplit("/", 1)[-1].startswith("v1"):
            return base
        return f"{base}/v1beta"

    def _headers(self) -> dict[str, str]:
        return {"x-goog-api-key": self._api_key or "", "accept": "text/event-stream"}

    def _request(
        self,
        messages: Sequence[Message],
        model: str,
        max_tokens: int,
        temperature: float | None,
        json_schema: JsonSchema | None,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        contents = [
            {"role": "model" if m.role == "assistant" else "user", "parts": _parts(m)}
            for m in messages
            if m.role != "system"
        ]
        config: dict[str, Any] = {"maxOutputTokens": max_tokens}
        if temperature is not None:
            config["temperature"] = temperature
        if json_schema is not None:
            config["responseMimeType"] = "application/json"
            config["responseJsonSchema"] = dict(json_schema)
        payload: dict[str, Any] = {"contents": contents, "generationConfig": config}
        if system:
            payload["systemInstruction"] = {"parts": [{"text": system}]}
        bare = model.removeprefix("models/")
        url = f"{self.api_root}/models/{bare}:streamGenerateContent?alt=sse"
        return url, self._headers(), payload

    def _on_event(self, event: str, data: Any, state: StreamState) -> Sequence[Chunk]:
        if not isinstance(data, Mapping):
            return NO_CHUNKS
        if data.get("error"):
            raise error_from_payload(self._name, data, secret=self._api_key)
        if data.get("modelVersion"):
            state.model = str(data["modelVersion"])
        usage = data.get("usageMetadata")
        if isinstance(usage, Mapping):  # on every chunk; the last one is complete
            state.tokens_reported = True
            state.input_tokens = int(usage.get("promptTokenCount") or 0)
            thoughts = int(usage.get("thoughtsTokenCount") or 0)
            state.output_tokens = int(usage.get("candidatesTokenCount") or 0) + thoughts
            state.reasoning_tokens = thoughts
            state.cached_input_tokens = int(usage.get("cachedContentTokenCount") or 0)
        feedback = data.get("promptFeedback")
        if isinstance(feedback, Mapping) and feedback.get("blockReason"):
            state.finish_reason = "content_filter"
            state.complete = True
        candidates = data.get("candidates") or ()
        if not candidates:
            return NO_CHUNKS
        candidate = candidates[0]
        finish = candidate.get("finishReason")
        if finish:
            state.finish_reason = _FINISH.get(str(finish), "other")
            state.complete = True
        parts = (candidate.get("content") or {}).get("parts") or ()
        out: list[Chunk] = []
        for part in parts:
            text = part.get("text")
            if text:
                out.append(ReasoningChunk(text) if part.get("thought") else TextChunk(text))
        return out

    def _models_request(self) -> tuple[str, dict[str, str]]:
        return f"{self.api_root}/models", {"x-goog-api-key": self._api_key or ""}

    def _parse_models(self, data: Any) -> list[str]:
        items = data.get("models") if isinstance(data, Mapping) else None
        return sorted(
            str(m["name"]).removeprefix("models/")
            for m in items or ()
            if isinstance(m, Mapping) and "name" in m
        )
