"""Provider-neutral types: messages, stream chunks, usage and the `Provider` protocol.

Chunks are slotted dataclasses rather than pydantic models because one is built per streamed
token group; the per-chunk budget of the whole client+router path is 0.2 ms.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Protocol, get_args

Role = Literal["system", "user", "assistant"]
JsonSchema = Mapping[str, Any]
FinishReason = Literal["stop", "length", "tool_calls", "content_filter", "other"]
ImageType = Literal["image/png", "image/jpeg", "image/gif", "image/webp"]

OFFLINE = "offline"
IMAGE_TYPES: tuple[ImageType, ...] = get_args(ImageType)
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # Anthropic's per-image limit, the smallest of the four


@dataclass(frozen=True, slots=True)
class ImagePart:
    """An image sent with a message: its bytes and media type (found from the bytes; see
    `ai.images.image_part`)."""

    data: bytes
    media_type: ImageType

    def __post_init__(self) -> None:
        if self.media_type not in IMAGE_TYPES:
            raise ValueError(f"unsupported image type {self.media_type!r}")
        if not self.data or len(self.data) > MAX_IMAGE_BYTES:
            raise ValueError(f"an image must be 1 byte to {MAX_IMAGE_BYTES} bytes")

    def __repr__(self) -> str:  # never dump megabytes into a log or a test failure
        return f"ImagePart({self.media_type}, {len(self.data)} bytes)"

    def b64(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    def data_url(self) -> str:
        return f"data:{self.media_type};base64,{self.b64()}"


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation; `system` turns are instructions.

    `images` go with a user turn to a model that accepts them (`ai.images.accepts_images`);
    a message without images is sent exactly as plain text.
    """

    role: Role
    content: str
    images: tuple[ImagePart, ...] = ()


def system(text: str) -> Message:
    return Message("system", text)


def user(text: str) -> Message:
    return Message("user", text)


def assistant(text: str) -> Message:
    return Message("assistant", text)


@dataclass(frozen=True, slots=True)
class TextChunk:
    """A piece of the answer, in order."""

    text: str


@dataclass(frozen=True, slots=True)
class ReasoningChunk:
    """A piece of the model's reasoning (`reasoning_content`, `thinking`); never the answer."""

    text: str


@dataclass(frozen=True, slots=True)
class Usage:
    """The last item of every stream: who answered, how long it took, tokens and cost.

    `cost` is None when the model is not in the price table ("unpriced"), never a made-up 0.
    `tokens_reported` is False when the server sent no usage (the counts are then 0).
    `fallback_used` and `notice` are set by the router.
    """

    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    reasoning_tokens: int = 0
    latency_ms: float = 0.0
    first_token_ms: float | None = None
    cost: Decimal | None = None
    finish_reason: FinishReason | None = None
    tokens_reported: bool = True
    fallback_used: bool = False
    notice: str | None = None

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


Chunk = TextChunk | ReasoningChunk | Usage


class Provider(Protocol):
    """A model API that streams an answer for a list of messages.

    `stream` yields `TextChunk`/`ReasoningChunk` items and ends with exactly one `Usage`.
    Failures raise a `ProviderError` subclass (see `ai.errors`).
    """

    @property
    def name(self) -> str:
        """Registry name, e.g. "openai"; stored as aiProvider."""
        ...

    @property
    def default_model(self) -> str: ...

    @property
    def paid(self) -> bool:
        """Whether calls cost money (local servers and the offline coach do not)."""
        ...

    @property
    def configured(self) -> bool:
        """Whether it has what it needs to be tried (an API key, for hosted providers)."""
        ...

    def stream(
        self,
        messages: Sequence[Message],
        *,
        model: str | None = None,
        max_tokens: int = 1024,
        temperature: float | None = None,
        json_schema: JsonSchema | None = None,
    ) -> AsyncIterator[Chunk]: ...


@dataclass(frozen=True, slots=True)
class Completion:
    """A whole answer gathered from a stream."""

    text: str
    reasoning: str
    usage: Usage


async def collect(stream: AsyncIterator[Chunk]) -> Completion:
    """Drain a stream into text, reasoning and its final usage."""
    text: list[str] = []
    reasoning: list[str] = []
    usage: Usage | None = None
    async for chunk in stream:
        if isinstance(chunk, TextChunk):
            text.append(chunk.text)
        elif isinstance(chunk, ReasoningChunk):
            reasoning.append(chunk.text)
        else:
            usage = chunk
    if usage is None:  # a provider bug, not a user error
        raise RuntimeError("stream ended without a Usage item")
    return Completion("".join(text), "".join(reasoning), usage)
