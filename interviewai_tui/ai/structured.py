"""Structured output: ask for JSON matching a pydantic model, validate it, repair once.

Every provider gets the schema in the prompt (the portable way) and, where the API has one,
its native JSON mode too. A reply that does not validate gets exactly one repair request
quoting the validation errors; a second failure is a `StructuredOutputError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from interviewai_tui.ai.base import Chunk, JsonSchema, Message, Usage, collect
from interviewai_tui.ai.errors import StructuredOutputError, display_name

__all__ = ["complete_structured", "extract_json", "merge_usage", "with_schema_instruction"]

T = TypeVar("T", bound=BaseModel)
StreamFn = Callable[[Sequence[Message], JsonSchema], AsyncIterator[Chunk]]

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S | re.I)


def with_schema_instruction(messages: Sequence[Message], schema: JsonSchema) -> list[Message]:
    """The messages with a 'reply with JSON only' instruction added to the system turn."""
    instruction = (
        "Reply with one JSON object only (no prose, no code fences) that matches this JSON "
        f"Schema:\n{json.dumps(schema, separators=(',', ':'))}"
    )
    out = list(messages)
    if out and out[0].role == "system":
        out[0] = Message("system", f"{out[0].content}\n\n{instruction}")
    else:
        out.insert(0, Message("system", instruction))
    return out


def extract_json(text: str) -> str:
    """The JSON object inside a reply that may wrap it in fences or a sentence."""
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if 0 <= start < end else text.strip()


def _problems(error: Exception) -> str:
    if isinstance(error, ValidationError):
        parts = [
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}"
            for e in error.errors()[:5]
        ]
        return "; ".join(parts)
    return "the reply was not valid JSON"


def merge_usage(first: Usage, second: Usage) -> Usage:
    """One usage for two calls to the same provider (a reply and its repair)."""
    cost = None if first.cost is None or second.cost is None else first.cost + second.cost
    return replace(
        second,
        input_tokens=first.input_tokens + second.input_tokens,
        output_tokens=first.output_tokens + second.output_tokens,
        cached_input_tokens=first.cached_input_tokens + second.cached_input_tokens,
        reasoning_tokens=first.reasoning_tokens + second.reasoning_tokens,
        latency_ms=first.latency_ms + second.latency_ms,
        first_token_ms=first.first_token_ms,
        cost=cost,
        tokens_reported=first.tokens_reported and second.tokens_reported,
    )


async def complete_structured(
    stream_fn: StreamFn, messages: Sequence[Message], schema: type[T]
) -> tuple[T, Usage]:
    """Run `stream_fn` and validate its reply as `schema`; one repair attempt."""
    json_schema: dict[str, Any] = schema.model_json_schema()
    prompt = with_schema_instruction(messages, json_schema)
    first = await collect(stream_fn(prompt, json_schema))
    try:
        return schema.model_validate_json(extract_json(first.text)), first.usage
    except (ValidationError, ValueError) as error:
        problem = _problems(error)
    repair = [
        *prompt,
        Message("assistant", first.text),
        Message(
            "user",
            f"That reply could not be used ({problem}). Send the corrected JSON object only.",
        ),
    ]
    second = await collect(stream_fn(repair, json_schema))
    usage = merge_usage(first.usage, second.usage)
    try:
        return schema.model_validate_json(extract_json(second.text)), usage
    except (ValidationError, ValueError):
        failure = StructuredOutputError(
            f"{display_name(usage.provider)} did not return the requested JSON, "
            "even after a repair request.",
            provider=usage.provider,
        )
        failure.usage = usage
        raise failure from None
