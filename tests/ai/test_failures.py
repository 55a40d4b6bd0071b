"""Error statuses, errors inside a 200 stream, malformed chunks, stalls and dropped connections."""

from __future__ import annotations

import time

import pytest

from interviewai_tui.ai import errors as E
from interviewai_tui.ai.anthropic import AnthropicProvider
from interviewai_tui.ai.base import Message, TextChunk, collect
from interviewai_tui.ai.gemini import GeminiProvider
from interviewai_tui.ai.ollama import OllamaProvider
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.transport import HttpPool, Timeouts
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer, Reply, json_reply, sse
from tests.ai.streams import (
    ANTHROPIC_529_BODY,
    ANTHROPIC_ERROR_EVENT,
    ANTHROPIC_HEAD,
    DEEPSEEK_401_BODY,
    GEMINI_429_BODY,
    GEMINI_BAD_KEY_BODY,
    OPENAI_429_BODY,
    OPENAI_STREAM,
)

MSGS = [Message("user", "Hi")]
KEY = "sk-proj-SECRETSECRETSECRET9876"


def oai(fake: FakeServer, pool: HttpPool, timeouts: Timeouts = FAST) -> OpenAICompatProvider:
    return OpenAICompatProvider(
        name="openai", base_url=fake.url, model="gpt-5-mini", pool=pool, api_key=KEY,
        timeouts=timeouts, dialect="openai",
    )  # fmt: skip


async def test_429_rate_limit_carries_retry_after(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(json_reply(429, OPENAI_429_BODY, {"retry-after": "1", "x-request-id": "req_fake"}))
    with pytest.raises(E.RateLimitError) as info:
        await collect(oai(fake, pool).stream(MSGS))
    err = info.value
    assert err.retryable and err.retry_after == 1.0 and err.status == 429
    assert err.request_id == "req_fake"
    assert "rate" in str(err).lower()


async def test_insufficient_quota_429_is_not_retryable(fake: FakeServer, pool: HttpPool) -> None:
    body = {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota",
                      "code": "insufficient_quota"}}  # fmt: skip
    fake.queue(json_reply(429, body))
    with pytest.raises(E.QuotaError) as info:
        await collect(oai(fake, pool).stream(MSGS))
    assert not info.value.retryable


async def test_401_never_shows_the_key(fake: FakeServer, pool: HttpPool) -> None:
    message = f"Incorrect API key provided: {KEY}."
    body = {
        "error": {"message": message, "type": "invalid_request_error", "code": "invalid_api_key"}
    }
    fake.queue(json_reply(401, body))
    with pytest.raises(E.AuthenticationError) as info:
        await collect(oai(fake, pool).stream(MSGS))
    err = info.value
    assert not err.retryable
    for text in (str(err), err.detail, repr(err)):
        assert KEY not in text and "SECRETSECRET" not in text
    assert err.detail.endswith("9876.")  # at most the last 4 characters survive


async def test_deepseek_401_and_402(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(
        json_reply(401, DEEPSEEK_401_BODY),
        json_reply(402, {"error": {"message": "Insufficient Balance", "type": "unknown_error"}}),
    )
    p = OpenAICompatProvider(name="deepseek", base_url=fake.url, model="deepseek-chat", pool=pool,
                             api_key="sk-x", timeouts=FAST)  # fmt: skip
    with pytest.raises(E.AuthenticationError, match="DeepSeek rejected the API key"):
        await collect(p.stream(MSGS))
    with pytest.raises(E.QuotaError):
        await collect(p.stream(MSGS))


@pytest.mark.parametrize("status", [500, 503, 529])
async def test_server_errors_are_retryable_overload(
    status: int, fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(json_reply(status, ANTHROPIC_529_BODY))
    p = AnthropicProvider(name="anthropic", base_url=fake.url, model="claude-haiku-4-5", pool=pool,
                          api_key="sk-ant-x", timeouts=FAST)  # fmt: skip
    with pytest.raises(E.OverloadedError) as info:
        await collect(p.stream(MSGS))
    assert info.value.retryable and info.value.status == status
    assert info.value.request_id == "req_fake"


async def test_x_should_retry_overrides(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(json_reply(500, {"error": {"message": "boom"}}, {"x-should-retry": "false"}))
    with pytest.raises(E.OverloadedError) as info:
        await collect(oai(fake, pool).stream(MSGS))
    assert info.value.retryable is False


async def test_gemini_bad_key_is_400_but_auth(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(json_reply(400, GEMINI_BAD_KEY_BODY), json_reply(429, GEMINI_429_BODY))
    p = GeminiProvider(name="gemini", base_url=fake.url, model="gemini-2.5-flash", pool=pool,
                       api_key="AIzaSyFAKEFAKEFAKEFAKEFAKE1234", timeouts=FAST)  # fmt: skip
    with pytest.raises(E.AuthenticationError, match="Gemini"):
        await collect(p.stream(MSGS))
    with pytest.raises(E.RateLimitError) as info:
        await collect(p.stream(MSGS))
    assert info.value.retry_after == 2.0  # google.rpc.RetryInfo retryDelay


async def test_context_overflow_is_its_own_kind(fake: FakeServer, pool: HttpPool) -> None:
    message = "request (9412 tokens) exceeds the available context size (8192 tokens)"
    body = {"error": {"code": 400, "type": "exceed_context_size_error", "message": message}}
    fake.queue(json_reply(400, body))
    with pytest.raises(E.ContextTooLongError):
        await collect(oai(fake, pool).stream(MSGS))


async def test_404_model_not_found_is_a_bad_request(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(json_reply(404, {"error": 'model "nope" not found, try pulling it first'}))
    p = OllamaProvider(name="ollama", base_url=fake.url, model="nope", pool=pool, timeouts=FAST)
    with pytest.raises(E.BadRequestError, match="not found") as info:
        await collect(p.stream(MSGS))
    assert not info.value.retryable


async def test_openai_error_inside_200_stream(fake: FakeServer, pool: HttpPool) -> None:
    head = OPENAI_STREAM.split(b"\n\n")[1] + b"\n\n"
    fake.queue(
        Reply(
            parts=[
                head,
                sse({"error": {"message": "The server had an error", "type": "server_error"}}),
            ]
        )
    )
    seen: list[str] = []
    with pytest.raises(E.OverloadedError):
        async for chunk in oai(fake, pool).stream(MSGS):
            if isinstance(chunk, TextChunk):
                seen.append(chunk.text)
    assert seen == ["Hello!"]  # what arrived before the error was still handed on


async def test_anthropic_error_event_after_200(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=[ANTHROPIC_HEAD, ANTHROPIC_ERROR_EVENT], drop=True))
    p = AnthropicProvider(name="anthropic", base_url=fake.url, model="claude-haiku-4-5", pool=pool,
                          api_key="sk-ant-x", timeouts=FAST)  # fmt: skip
    with pytest.raises(E.OverloadedError) as info:
        await collect(p.stream(MSGS))
    assert info.value.status == 529


async def test_ollama_error_line_inside_200(fake: FakeServer, pool: HttpPool) -> None:
    line = b'{"model":"m","message":{"role":"assistant","content":"Hi"},"done":false}\n'
    fake.queue(Reply(parts=[line, b'{"error":"an unexpected error occurred"}\n']))
    p = OllamaProvider(name="ollama", base_url=fake.url, model="m", pool=pool, timeouts=FAST)
    with pytest.raises(E.OverloadedError, match="Ollama"):
        await collect(p.stream(MSGS))


async def test_malformed_chunk(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(Reply(parts=[b"data: {not json\n\n"]))
    with pytest.raises(E.MalformedStreamError, match="malformed"):
        await collect(oai(fake, pool).stream(MSGS))


async def test_connection_dropped_mid_stream(fake: FakeServer, pool: HttpPool) -> None:
    head = OPENAI_STREAM.split(b"\n\n")[1] + b"\n\n"
    fake.queue(Reply(parts=[head, 0.01], drop=True))
    with pytest.raises(E.NetworkError, match=r"dropped|closed"):
        await collect(oai(fake, pool).stream(MSGS))


async def test_clean_close_without_terminator_is_truncation(
    fake: FakeServer, pool: HttpPool
) -> None:
    head = OPENAI_STREAM.split(b"\n\n")[1] + b"\n\n"
    fake.queue(Reply(parts=[head], mode="close"))
    with pytest.raises(E.NetworkError, match="before the answer was complete"):
        await collect(oai(fake, pool).stream(MSGS))


async def test_stalled_stream_hits_the_idle_timeout(fake: FakeServer, pool: HttpPool) -> None:
    head = OPENAI_STREAM.split(b"\n\n")[1] + b"\n\n"
    fake.queue(Reply(parts=[head], stall=True))
    t0 = time.perf_counter()
    with pytest.raises(E.TimeoutError_) as info:
        await collect(oai(fake, pool, Timeouts(connect=1, idle=0.3, no_content=5)).stream(MSGS))
    assert info.value.retryable
    assert 0.25 < time.perf_counter() - t0 < 2.0


async def test_keepalives_do_not_extend_the_no_content_deadline(
    fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(Reply(parts=[b": keep-alive\n\n"], stall=True, keepalive_every=0.05))
    t0 = time.perf_counter()
    with pytest.raises(E.TimeoutError_, match="sent no answer") as info:
        await collect(oai(fake, pool, Timeouts(connect=1, idle=0.3, no_content=0.5)).stream(MSGS))
    assert 0.45 < time.perf_counter() - t0 < 2.0
    assert not info.value.retryable  # a queued server stays queued: fall back instead


async def test_connection_refused_is_a_network_error(pool: HttpPool) -> None:
    p = OllamaProvider(
        name="ollama", base_url="http://127.0.0.1:9", model="m", pool=pool, timeouts=FAST
    )
    with pytest.raises(E.NetworkError, match=r"Could not connect to Ollama at 127\.0\.0\.1"):
        await collect(p.stream(MSGS))


async def test_error_in_the_same_read_as_content_still_hands_content_on(
    fake: FakeServer, pool: HttpPool
) -> None:
    head = OPENAI_STREAM.split(b"\n\n")[1] + b"\n\n"
    error = sse({"error": {"message": "Rate limit", "type": "rate_limit_error"}})
    fake.queue(Reply(parts=[head + error], mode="close"))
    seen: list[str] = []
    with pytest.raises(E.RateLimitError):
        async for chunk in oai(fake, pool).stream(MSGS):
            if isinstance(chunk, TextChunk):
                seen.append(chunk.text)
    assert seen == ["Hello!"]


async def test_json_error_with_status_200(fake: FakeServer, pool: HttpPool) -> None:
    body = {
        "error": {"message": "The model `gpt-nope` does not exist", "type": "invalid_request_error"}
    }
    fake.queue(json_reply(200, body))
    with pytest.raises(E.BadRequestError, match="gpt-nope"):
        await collect(oai(fake, pool).stream(MSGS))
