"""Ollama's native API: `POST /api/chat` streaming NDJSON, and `GET /api/tags` for the models
installed on the server. No key. Errors may arrive as an extra `{"error": ...}` line with
HTTP 200. (Ollama's OpenAI-compatible `/v1` surface is served by `OpenAICompatProvider`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

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

__all__ = ["OllamaProvider"]

_FINISH: dict[str, FinishReason] = {"stop": "stop", "length": "length"}


def _wire_message(m: Message) -> dict[str, Any]:
    """Ollama's native format puts images beside the text, as bare base64 strings."""
    out: dict[str, Any] = {"role": m.role, "content": m.content}
    if m.images:
        out["images"] = [i.b64() for i in m.images]
    return out


class OllamaProvider(HttpProvider):
    framing: ClassVar[str] = "ndjson"
    needs_key: ClassVar[bool] = False

    def _request(
        self,
        messages: Sequence[Message],
        model: str,
        max_tokens: int,
        temperature: float | None,
        json_schema: JsonSchema | None,
    ) -> tuple[str, dict[str, str], dict[str, Any]]:
        options: dict[str, Any] = {"num_predict": max_tokens}
        if temperature is not None:
            options["temperature"] = temperature
        payload: dict[str, Any] = {
            "model": model,
            "messages": [_wire_message(m) for m in messages],
            "stream": True,
            "options": options,
        }
        if json_schema is not None:
            payload["format"] = dict(json_schema)
        headers = {"accept": "application/x-ndjson"}
        if self._api_key:  # a reverse proxy in front of Ollama may want one
            headers["authorization"] = f"Bearer {self._api_key}"
        return f"{self.base_url}/api/chat", headers, payload

    def _on_event(self, event: str, data: Any, state: StreamState) -> Sequence[Chunk]:
        if not isinstance(data, Mapping):
            return NO_CHUNKS
        if data.get("error"):
            raise error_from_payload(self._name, data, secret=self._api_key)
        if data.get("model"):
            state.model = str(data["model"])
        out: list[Chunk] = []
        message = data.get("message")
        if isinstance(message, Mapping):
            if message.get("thinking"):
                out.append(ReasoningChunk(str(message["thinking"])))
            if message.get("content"):
                out.append(TextChunk(str(message["content"])))
        if data.get("done"):
            state.complete = state.stop = True
            state.finish_reason = _FINISH.get(str(data.get("done_reason") or "stop"), "other")
            if "prompt_eval_count" in data or "eval_count" in data:
                state.tokens_reported = True
                state.input_tokens = int(data.get("prompt_eval_count") or 0)
                state.output_tokens = int(data.get("eval_count") or 0)
        return out

    def _models_request(self) -> tuple[str, dict[str, str]]:
        return f"{self.base_url}/api/tags", {"accept": "application/json"}

    def _parse_models(self, data: Any) -> list[str]:
        items = data.get("models") if isinstance(data, Mapping) else None
        return sorted(
            str(m.get("name") or m.get("model"))
            for m in items or ()
            if isinstance(m, Mapping) and (m.get("name") or m.get("model"))
        )
