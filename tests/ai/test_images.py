"""Images with a message: type from the bytes, the capability table, and each client's wire
shape as received by the loopback server."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from interviewai_tui.ai.anthropic import AnthropicProvider
from interviewai_tui.ai.base import MAX_IMAGE_BYTES, ImagePart, Message, collect
from interviewai_tui.ai.gemini import GeminiProvider
from interviewai_tui.ai.images import (
    accepts_images,
    image_part,
    other_image_format,
    sniff_image_type,
)
from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.ollama import OllamaProvider
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.retry import RetryPolicy
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.transport import HttpPool
from tests.ai.bank import QUESTIONS
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer, Reply
from tests.ai.pictures import GIF, PNG
from tests.ai.streams import ANTHROPIC_STREAM, GEMINI_STREAM, OLLAMA_STREAM, OPENAI_STREAM

B64_PNG = base64.b64encode(PNG).decode()
B64_GIF = base64.b64encode(GIF).decode()
ASK = [
    Message("system", "Be brief."),
    Message("user", "What is in these?", (image_part(PNG), image_part(GIF))),
]


# --- bytes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF87a\x01\x00", "image/gif"),
        (GIF, "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),  # RIFF, but audio
        (b"not an image at all", None),
        (b"", None),
    ],
)
def test_the_type_comes_from_the_bytes(head: bytes, expected: str | None) -> None:
    assert sniff_image_type(head) == expected


def test_image_part_checks_bytes_and_size() -> None:
    part = image_part(PNG)
    assert (part.media_type, part.data) == ("image/png", PNG)
    assert part.data_url() == f"data:image/png;base64,{B64_PNG}"
    assert repr(part) == f"ImagePart(image/png, {len(PNG)} bytes)"  # no bytes in logs
    with pytest.raises(ValueError, match="not a PNG"):
        image_part(b"\x89PNX this is text")
    with pytest.raises(ValueError, match="5 MB"):
        image_part(PNG + b"\x00" * (MAX_IMAGE_BYTES - len(PNG) + 1))
    assert len(image_part(PNG + b"\x00" * (MAX_IMAGE_BYTES - len(PNG))).data) == MAX_IMAGE_BYTES
    with pytest.raises(ValueError, match="unsupported image type"):
        ImagePart(PNG, "image/bmp")
    assert other_image_format(b"BM\x36\x00") == "BMP"
    assert other_image_format(b"\x00\x00\x00\x18ftypheic") == "HEIC"
    assert other_image_format(PNG) is None


@pytest.mark.parametrize(
    ("provider", "model", "expected"),
    [
        ("openai", "gpt-4o", True),
        ("openai", "gpt-4o-mini-2024-07-18", True),
        ("openai", "gpt-4.1-nano", True),
        ("openai", "gpt-5-mini", True),
        ("openai", "gpt-5.2", True),
        ("openai", "gpt-4o-audio-preview", False),
        ("openai", "gpt-3.5-turbo", False),
        ("anthropic", "claude-3-haiku-20240307", True),
        ("anthropic", "claude-3-5-sonnet-latest", True),
        ("anthropic", "claude-haiku-4-5", True),
        ("anthropic", "claude-opus-4-1-20250805", True),
        ("anthropic", "claude-2.1", False),
        ("anthropic", "claude-instant-1.2", False),
        ("gemini", "gemini-2.5-flash", True),
        ("gemini", "models/gemini-3-pro-preview", True),
        ("ollama", "llava:13b", True),
        ("ollama", "llama3.2-vision", True),
        ("ollama", "gemma3:4b", True),
        ("ollama", "gemma3:1b", False),  # the 1B gemma3 is text-only
        ("ollama", "llama3.2", False),
        ("compat", "Qwen/Qwen2.5-VL-7B-Instruct", True),
        ("compat", "default", False),
        ("deepseek", "deepseek-chat", False),
        ("deepseek", "deepseek-reasoner", False),
        ("offline", "offline-coach", False),
        ("unknown", "gpt-4o", False),
    ],
)
def test_capability_table(provider: str, model: str, expected: bool) -> None:
    assert accepts_images(provider, model) is expected


# --- wire shapes -------------------------------------------------------------------------


def common(fake: FakeServer, pool: HttpPool, model: str) -> dict[str, Any]:
    return {"base_url": fake.url, "model": model, "pool": pool, "timeouts": FAST, "api_key": "k"}


async def test_openai_sends_a_content_array_with_data_urls(
    fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(Reply(parts=[OPENAI_STREAM]))
    provider = OpenAICompatProvider(name="openai", dialect="openai", **common(fake, pool, "gpt-4o"))
    assert (await collect(provider.stream(ASK))).text == "Hello!"
    system, asked = fake.requests[0].json()["messages"]
    assert system == {"role": "system", "content": "Be brief."}  # text alone stays a string
    assert asked == {
        "role": "user",
        "content": [
            {"type": "text", "text": "What is in these?"},
            {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{B64_PNG}"}},
            {"type": "image_url", "image_url": {"url": f"data:image/gif;base64,{B64_GIF}"}},
        ],
    }


async def test_anthropic_sends_base64_image_blocks_and_merges_turns(
    fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(Reply(parts=[ANTHROPIC_STREAM]))
    provider = AnthropicProvider(name="anthropic", **common(fake, pool, "claude-haiku-4-5"))
    await collect(provider.stream([*ASK, Message("user", "Be precise.")]))
    body = fake.requests[0].json()
    assert body["system"] == "Be brief."
    (turn,) = body["messages"]  # two user turns in a row become one
    png = {"type": "base64", "media_type": "image/png", "data": B64_PNG}
    gif = {"type": "base64", "media_type": "image/gif", "data": B64_GIF}
    assert turn == {
        "role": "user",
        "content": [
            {"type": "image", "source": png},
            {"type": "image", "source": gif},
            {"type": "text", "text": "What is in these?"},
            {"type": "text", "text": "Be precise."},
        ],
    }


async def test_gemini_sends_inline_data_parts(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=[GEMINI_STREAM], mode="close"))
    provider = GeminiProvider(name="gemini", **common(fake, pool, "gemini-2.5-flash"))
    only_image = Message("user", "", (image_part(PNG),))
    await collect(provider.stream([*ASK, Message("assistant", "A red pixel."), only_image]))
    contents = fake.requests[0].json()["contents"]
    assert contents[0] == {
        "role": "user",
        "parts": [
            {"inline_data": {"mime_type": "image/png", "data": B64_PNG}},
            {"inline_data": {"mime_type": "image/gif", "data": B64_GIF}},
            {"text": "What is in these?"},
        ],
    }
    assert contents[1] == {"role": "model", "parts": [{"text": "A red pixel."}]}
    # an image with no text sends no empty text part
    assert contents[2]["parts"] == [{"inline_data": {"mime_type": "image/png", "data": B64_PNG}}]


async def test_ollama_sends_bare_base64_images(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=[OLLAMA_STREAM], content_type="application/x-ndjson"))
    provider = OllamaProvider(name="ollama", paid=False, **common(fake, pool, "llava"))
    await collect(provider.stream(ASK))
    system, asked = fake.requests[0].json()["messages"]
    assert system == {"role": "system", "content": "Be brief."}  # no "images" key without any
    assert asked == {"role": "user", "content": "What is in these?", "images": [B64_PNG, B64_GIF]}


# --- the router --------------------------------------------------------------------------


def router(fake: FakeServer, pool: HttpPool) -> Router:
    openai = common(fake, pool, "gpt-4o-mini")
    deepseek = common(fake, pool, "deepseek-chat")
    return Router(
        {
            "openai": OpenAICompatProvider(name="openai", dialect="openai", **openai),
            "deepseek": OpenAICompatProvider(name="deepseek", **deepseek),
        },
        offline=OfflineCoach(QUESTIONS),
        policy=RetryPolicy(max_retries=0),
    )


async def test_router_sends_images_only_where_they_are_accepted(
    fake: FakeServer, pool: HttpPool
) -> None:
    r = router(fake, pool)
    fake.queue(Reply(parts=[OPENAI_STREAM]), Reply(parts=[OPENAI_STREAM]))
    done = await collect(r.stream(ASK, provider="openai"))
    assert done.usage.notice is None
    assert len(fake.requests[0].json()["messages"][1]["content"]) == 3
    # DeepSeek takes no images: the text goes alone, and the answer says so
    done = await collect(r.stream(ASK, provider="deepseek"))
    assert fake.requests[1].json()["messages"][1] == {
        "role": "user",
        "content": "What is in these?",
    }
    assert done.usage.notice == "DeepSeek does not accept images, so they were left out."
    # the offline coach answers without any request, and says the same
    offline = await collect(r.stream(ASK, provider="offline"))
    assert (
        offline.usage.notice == "The offline coach does not accept images, so they were left out."
    )
    assert len(fake.requests) == 2
