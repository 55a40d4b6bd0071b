"""Images with a message: what a file's bytes say it is, and which models accept images.

The media type always comes from the bytes (magic numbers), never from a file name: a
``.png`` that is really text must not reach a provider as "image/png". The capability table
is by provider and model name because that is all a chat knows before it sends; it errs on
the side of "no" for models it does not know, since a clear refusal beats a 400 from the API.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from interviewai_tui.ai.base import MAX_IMAGE_BYTES, ImagePart, ImageType, Message
from interviewai_tui.ai.errors import display_name

__all__ = [
    "IMAGE_TYPE_NAMES",
    "accepts_images",
    "has_images",
    "image_part",
    "images_for",
    "other_image_format",
    "sniff_image_type",
    "without_images",
]

IMAGE_TYPE_NAMES: dict[ImageType, str] = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WebP",
}
# Image formats no provider here takes: recognised so the refusal can name them.
_OTHER_FORMATS = (
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x00\x00\x01\x00", "ICO"),
)
_LOCAL_VISION = re.compile(
    r"^(?:llava|bakllava|llama3\.2-vision|llama4|gemma3|minicpm-v|moondream|"
    r"qwen2\.5-?vl|qwen3-?vl|granite3\.2-vision|mistral-small3\.[12])"
)
_TEXT_ONLY_GEMMA3 = re.compile(r"^gemma3[:\-](?:270m|1b)\b")  # the small gemma3 sizes are text-only
_CLAUDE_GENERATION = re.compile(r"^claude-(?:(\d+)|(?:opus|sonnet|haiku)-(\d+))")
_OPENAI_VISION = re.compile(r"^(?:chatgpt-4o|gpt-4o|gpt-4\.1|gpt-5)")
_OPENAI_NOT_VISION = ("audio", "realtime", "transcribe", "tts", "search")


def sniff_image_type(head: bytes) -> ImageType | None:
    """PNG, JPEG, GIF or WebP from the first bytes of a file, else None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def other_image_format(head: bytes) -> str | None:
    """The name of an image format that cannot be sent (BMP, TIFF, HEIC, ...), else None."""
    for magic, name in _OTHER_FORMATS:
        if head.startswith(magic):
            return name
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "AVIF" if head[8:12] == b"avif" else "HEIC"
    return None


def image_part(data: bytes) -> ImagePart:
    """An image from its bytes.

    Raises:
        ValueError: the bytes are not PNG/JPEG/GIF/WebP, or larger than 5 MB.
    """
    media = sniff_image_type(data[:16])
    if media is None:
        raise ValueError("not a PNG, JPEG, GIF or WebP image")
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"images up to {MAX_IMAGE_BYTES // (1024 * 1024)} MB can be sent")
    return ImagePart(data, media)


def _bare(model: str) -> str:
    """``library/llava:13b`` → ``llava:13b``; ``models/gemini-2.5-flash`` → ``gemini-2.5-flash``."""
    return model.strip().lower().rsplit("/", 1)[-1]


def _openai_vision(model: str) -> bool:
    return bool(_OPENAI_VISION.match(model)) and not any(w in model for w in _OPENAI_NOT_VISION)


def _claude_vision(model: str) -> bool:
    found = _CLAUDE_GENERATION.match(model)
    if found is None:
        return False
    return int(found.group(1) or found.group(2)) >= 3


def _local_vision(model: str) -> bool:
    return bool(_LOCAL_VISION.match(model)) and not _TEXT_ONLY_GEMMA3.match(model)


def accepts_images(provider: str, model: str) -> bool:
    """Whether ``model`` on ``provider`` (a registry name) takes images with a message.

    OpenAI: the gpt-4o, gpt-4.1 and gpt-5 families. Anthropic: Claude 3 and later. Gemini:
    every model. Ollama and other local OpenAI-compatible servers: known vision models only
    (llava, llama3.2-vision, gemma3 and a few more). DeepSeek and the offline coach: none.
    """
    name = _bare(model)
    if provider == "openai":
        return _openai_vision(name)
    if provider == "anthropic":
        return _claude_vision(name)
    if provider == "gemini":
        return True
    if provider in ("ollama", "compat"):
        return _local_vision(name)
    return False  # deepseek, OFFLINE and anything unknown


def has_images(messages: Sequence[Message]) -> bool:
    return any(m.images for m in messages)


def without_images(messages: Sequence[Message]) -> list[Message]:
    """The same messages with their images left out (for a model that takes none)."""
    return [replace(m, images=()) if m.images else m for m in messages]


def images_for(
    provider: str, model: str, messages: Sequence[Message]
) -> tuple[Sequence[Message], str | None]:
    """What a provider the router tries can take: one that accepts no images (a fallback, the
    offline coach) gets the text alone, with the sentence the answer's notice carries."""
    if not has_images(messages) or accepts_images(provider, model):
        return messages, None
    who = display_name(provider)
    return without_images(messages), f"{who} does not accept images, so they were left out."
