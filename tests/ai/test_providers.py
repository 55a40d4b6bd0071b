"""Each client against a loopback server replaying the provider's real framing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from interviewai_tui.ai.anthropic import ANTHROPIC_VERSION, AnthropicProvider
from interviewai_tui.ai.base import Message, ReasoningChunk, TextChunk, Usage, collect
from interviewai_tui.ai.gemini import GeminiProvider
from interviewai_tui.ai.ollama import OllamaProvider
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.transport import HttpPool
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer, Reply, json_reply
from tests.ai.streams import (
    ANTHROPIC_STREAM,
    DEEPSEEK_STREAM,
    GEMINI_STREAM,
    OLLAMA_STREAM,
    OLLAMA_TAGS,
    OPENAI_STREAM,
    awkward_split,
)

MSGS = [Message("system", "Be brief."), Message("user", "Hi")]


def openai(fake: FakeServer, pool: HttpPool, **kw: object) -> OpenAICompatProvider:
    args: dict[str, object] = {
        "name": "openai",
        "base_url": fake.url + "/v1",
        "model": "gpt-5-mini",
        "pool": pool,
        "api_key": "sk-test-secret-0001",
        "timeouts": FAST,
        "dialect": "openai",
    }
    args.update(kw)
    return OpenAICompatProvider(**args)  # type: ignore[arg-type]


async def test_openai_stream_text_usage_cost_and_request(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=[OPENAI_STREAM]))
    result = await collect(openai(fake, pool).stream(MSGS, max_tokens=50, temperature=0.7))
    assert result.text == "Hello!"
    u = result.usage
    assert (u.input_tokens, u.output_tokens, u.finish_reason) == (12, 3, "stop")
    assert u.model == "gpt-5-mini-2025-08-07"
    # gpt-5-mini: $0.25 in / $2.00 out per 1M tokens; the dated id is priced like its alias
    assert u.cost == Decimal(12) * Decimal("0.25") / 10**6 + Decimal(3) * Decimal("2.00") / 10**6
    req = fake.requests[0]
    assert req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer sk-test-secret-0001"
    body = req.json()
    # a reasoning model: max_completion_tokens, and no temperature
    assert body["max_completion_tokens"] == 50 and "max_tokens" not in body
    assert "temperature" not in body
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}


async def test_openai_non_reasoning_model_keeps_temperature(
    fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(Reply(parts=[OPENAI_STREAM]))
    await collect(openai(fake, pool, model="gpt-4o-mini").stream(MSGS, temperature=0.2))
    assert fake.requests[0].json()["temperature"] == 0.2


async def test_awkward_splits_give_the_same_result(fake: FakeServer, pool: HttpPool) -> None:
    data = OPENAI_STREAM.replace(b"Hello!", "Grüße — 你好".encode())
    fake.queue(Reply(parts=awkward_split(data)))
    result = await collect(openai(fake, pool).stream(MSGS))
    assert result.text == "Grüße — 你好"
    assert result.usage.output_tokens == 3


async def test_deepseek_keepalive_reasoning_apart_usage_on_finish_chunk(
    fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(Reply(parts=[DEEPSEEK_STREAM], mode="close"))
    provider = OpenAICompatProvider(
        name="deepseek",
        base_url=fake.url,
        model="deepseek-reasoner",
        pool=pool,
        api_key="sk-ds",
        timeouts=FAST,
        json_mode="object",
    )
    chunks = [c async for c in provider.stream(MSGS, max_tokens=64, temperature=0.5)]
    assert chunks[0] == ReasoningChunk("User greets me; answer briefly.")
    assert [c for c in chunks if isinstance(c, TextChunk)] == [TextChunk("Hello!")]
    usage = chunks[-1]
    assert isinstance(usage, Usage)
    assert (usage.input_tokens, usage.output_tokens, usage.reasoning_tokens) == (10, 12, 9)
    assert usage.cost == (Decimal(10) * Decimal("0.28") + Decimal(12) * Decimal("0.42")) / 10**6
    body = fake.requests[0].json()
    assert body["max_tokens"] == 64 and "max_completion_tokens" not in body
    assert "temperature" not in body  # deepseek-reasoner ignores it anyway
    assert fake.requests[0].path == "/chat/completions"


async def test_anthropic_event_sequence_with_ping(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=awkward_split(ANTHROPIC_STREAM)))
    provider = AnthropicProvider(
        name="anthropic",
        base_url=fake.url,
        model="claude-haiku-4-5",
        pool=pool,
        api_key="sk-ant-secret",
        timeouts=FAST,
    )
    msgs = [*MSGS, Message("user", "Again")]
    result = await collect(provider.stream(msgs, max_tokens=100, temperature=0.3))
    assert result.text == "Hello!"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (12, 5)
    assert result.usage.finish_reason == "stop"
    assert result.usage.cost == (Decimal(12) * 1 + Decimal(5) * 5) / 10**6
    req = fake.requests[0]
    assert req.path == "/v1/messages"
    assert req.headers["x-api-key"] == "sk-ant-secret"
    assert req.headers["anthropic-version"] == ANTHROPIC_VERSION
    body = req.json()
    assert body["system"] == "Be brief."
    assert body["messages"] == [{"role": "user", "content": "Hi\n\nAgain"}]  # merged turns
    assert body["max_tokens"] == 100


async def test_gemini_crlf_stream_and_request_shape(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=awkward_split(GEMINI_STREAM), mode="close"))
    provider = GeminiProvider(
        name="gemini",
        base_url=fake.url,
        model="gemini-2.5-flash",
        pool=pool,
        api_key="AIza-test-key",
        timeouts=FAST,
    )
    msgs = [*MSGS, Message("assistant", "Hey"), Message("user", "More")]
    result = await collect(provider.stream(msgs, max_tokens=32, json_schema={"type": "object"}))
    assert result.text == "Hello!"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (8, 3)
    assert (
        result.usage.cost == (Decimal(8) * Decimal("0.30") + Decimal(3) * Decimal("2.50")) / 10**6
    )
    req = fake.requests[0]
    assert req.path == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    assert req.headers["x-goog-api-key"] == "AIza-test-key"
    body = req.json()
    assert body["systemInstruction"] == {"parts": [{"text": "Be brief."}]}
    assert [c["role"] for c in body["contents"]] == ["user", "model", "user"]
    assert body["generationConfig"]["maxOutputTokens"] == 32
    assert body["generationConfig"]["responseMimeType"] == "application/json"


async def test_gemini_thought_parts_are_reasoning(fake: FakeServer, pool: HttpPool) -> None:
    chunk = (
        b'data: {"candidates":[{"content":{"parts":[{"text":"thinking...","thought":true},'
        b'{"text":"Answer"}]},"finishReason":"STOP"}]}\r\n\r\n'
    )
    fake.queue(Reply(parts=[chunk], mode="close"))
    provider = GeminiProvider(
        name="gemini", base_url=fake.url + "/v1beta", model="gemini-2.5-flash", pool=pool,
        api_key="k", timeouts=FAST,
    )  # fmt: skip
    result = await collect(provider.stream(MSGS))
    assert (result.reasoning, result.text) == ("thinking...", "Answer")
    assert fake.requests[0].path.startswith("/v1beta/models/")
    # no usageMetadata at all: tokens not reported, so the cost is unknown rather than $0
    assert result.usage.tokens_reported is False and result.usage.cost is None


async def test_ollama_native_ndjson_and_tags(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(
        Reply(parts=awkward_split(OLLAMA_STREAM), content_type="application/x-ndjson"),
        json_reply(200, OLLAMA_TAGS),
    )
    provider = OllamaProvider(
        name="ollama", base_url=fake.url, model="llama3.2", pool=pool, paid=False, timeouts=FAST
    )
    assert provider.configured  # no key needed
    result = await collect(provider.stream(MSGS, max_tokens=20, temperature=0.1))
    assert result.text == "Hello!"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (26, 3)
    assert result.usage.cost == Decimal(0)  # a local model costs nothing
    body = fake.requests[0].json()
    assert fake.requests[0].path == "/api/chat"
    assert body["options"] == {"num_predict": 20, "temperature": 0.1}
    assert await provider.list_models() == ["llama3.2:latest", "qwen2.5-coder:7b"]
    assert fake.requests[1].path == "/api/tags"


async def test_unknown_model_is_unpriced_not_free(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=[OPENAI_STREAM.replace(b"gpt-5-mini-2025-08-07", b"gpt-9-ultra")]))
    result = await collect(openai(fake, pool, model="gpt-9-ultra").stream(MSGS))
    assert result.usage.tokens_reported and result.usage.cost is None


@pytest.mark.parametrize("kind", ["openai", "anthropic", "gemini"])
async def test_missing_key_fails_without_a_request(
    kind: str, fake: FakeServer, pool: HttpPool
) -> None:
    from interviewai_tui.ai.errors import AuthenticationError

    cls = {"openai": OpenAICompatProvider, "anthropic": AnthropicProvider, "gemini": GeminiProvider}
    provider = cls[kind](name=kind, base_url=fake.url, model="m", pool=pool, timeouts=FAST)
    assert not provider.configured
    with pytest.raises(AuthenticationError, match="No API key"):
        await collect(provider.stream(MSGS))
    assert fake.requests == []
