"""AI providers: streaming clients, the router with fallback, the offline coach, prices, prompts.

Importing this package is cheap on purpose (no httpx, no pydantic): the first screen of the
app appears before any provider is built. Provider clients import httpx only when the shared
HTTP client is first created.
"""

from interviewai_tui.ai.base import (
    Chunk,
    ImagePart,
    Message,
    Provider,
    ReasoningChunk,
    TextChunk,
    Usage,
)
from interviewai_tui.ai.errors import ProviderError

__all__ = [
    "Chunk",
    "ImagePart",
    "Message",
    "Provider",
    "ProviderError",
    "ReasoningChunk",
    "TextChunk",
    "Usage",
]
