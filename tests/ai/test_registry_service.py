"""Building providers from settings, and the `ai providers` / `ai test` service functions."""

from __future__ import annotations

from decimal import Decimal

from interviewai_tui.ai.anthropic import AnthropicProvider
from interviewai_tui.ai.base import collect
from interviewai_tui.ai.keys import StaticKeyResolver
from interviewai_tui.ai.ollama import OllamaProvider
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.registry import configs_from_settings, is_local_url
from interviewai_tui.ai.runtime import build_ai
from interviewai_tui.ai.service import list_providers, test_provider
from interviewai_tui.ai.tasks import chat_prompt
from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.config import Settings
from tests.ai.bank import QUESTIONS
from tests.ai.fakeserver import FakeServer, Reply, json_reply
from tests.ai.streams import OLLAMA_STREAM, OLLAMA_TAGS, OPENAI_STREAM

SECRET = "sk-live-abcdefghijklmnopWXYZ"


def test_local_urls() -> None:
    for url in ("http://localhost:1234/v1", "http://127.0.0.1:8080", "http://[::1]:8000",
                "http://192.168.1.20:11434", "http://gpu.local:8000"):  # fmt: skip
        assert is_local_url(url), url
    for url in ("https://api.openai.com/v1", "https://8.8.8.8", "https://example.com"):
        assert not is_local_url(url), url


def test_configs_follow_settings() -> None:
    values = Settings(
        openai_base_url="http://127.0.0.1:1234/v1",
        ollama_base_url="http://127.0.0.1:11434/v1",
        anthropic_model="claude-sonnet-4-5",
    ).model_dump()
    configs = configs_from_settings({**values, "compat_base_url": "https://llm.example.com/v1"})
    lm = configs["openai"]  # pointed at LM Studio: a compatible server, local, free
    assert (lm.dialect, lm.needs_key, lm.paid) == ("compat", False, False)
    assert configs["ollama"].kind == "openai_compat"  # Ollama's /v1 surface
    assert configs["anthropic"].model == "claude-sonnet-4-5" and configs["anthropic"].paid
    assert configs["compat"].needs_key and configs["compat"].paid  # remote: a key, and it costs
    assert configs["deepseek"].json_mode == "object"


async def test_build_ai_from_real_settings(fake: FakeServer) -> None:
    values = Settings(
        ai_provider="openai", ai_fallback=["ollama"], ollama_base_url=fake.url,
        ai_monthly_spend_cap=5, ai_max_concurrency=2,
    ).model_dump()  # fmt: skip
    runtime = await build_ai(values, StaticKeyResolver({}), questions=QUESTIONS,
                             pool=HttpPool(trust_env=False))  # fmt: skip
    try:
        assert isinstance(runtime.providers["openai"], OpenAICompatProvider)
        assert isinstance(runtime.providers["ollama"], OllamaProvider)
        assert isinstance(runtime.providers["anthropic"], AnthropicProvider)
        assert not runtime.providers["openai"].configured  # remote URL, no key
        assert runtime.router.monthly_cap == Decimal(5)
        fake.queue(Reply(parts=[OLLAMA_STREAM], content_type="application/x-ndjson"))
        result = await collect(runtime.router.stream(chat_prompt([])))
        assert result.usage.provider == "ollama" and result.usage.fallback_used
        assert "OpenAI has no API key" in (result.usage.notice or "")
    finally:
        await runtime.aclose()
    assert not runtime.pool.started


async def test_list_providers_masks_keys_and_probes_local_servers(fake: FakeServer) -> None:
    fake.queue(json_reply(200, OLLAMA_TAGS))
    values = Settings(ai_provider="anthropic", ollama_base_url=fake.url,
                      ollama_model="mistral").model_dump()  # fmt: skip
    rows = await list_providers(values, StaticKeyResolver({"anthropic": SECRET}),
                                pool=HttpPool(trust_env=False))  # fmt: skip
    by_name = {r.name: r for r in rows}
    assert list(by_name) == ["offline", "openai", "anthropic", "gemini", "deepseek", "ollama"]
    anth = by_name["anthropic"]
    assert anth.chosen and anth.has_key and anth.key_hint == "••••WXYZ"
    assert SECRET not in repr(rows)
    assert "OPENAI_API_KEY" in by_name["openai"].detail and by_name["openai"].reachable is None
    olla = by_name["ollama"]
    assert olla.reachable and olla.models == ("llama3.2:latest", "qwen2.5-coder:7b")
    assert "mistral is not among them" in olla.detail
    assert [r.path for r in fake.requests] == ["/api/tags"]  # hosted APIs were not contacted


async def test_list_providers_reports_a_down_local_server() -> None:
    values = Settings(ollama_base_url="http://127.0.0.1:9").model_dump()
    rows = await list_providers(values, StaticKeyResolver({}), pool=HttpPool(trust_env=False))
    olla = next(r for r in rows if r.name == "ollama")
    assert olla.reachable is False and "Could not connect to Ollama" in olla.detail


async def test_test_provider_ok_error_unknown_offline(fake: FakeServer) -> None:
    values = Settings(openai_base_url=fake.url + "/v1").model_dump()
    keys = StaticKeyResolver({"openai": SECRET})
    fake.queue(Reply(parts=[OPENAI_STREAM]))
    ok = await test_provider(values, keys, "openai", model="gpt-5-mini",
                             pool=HttpPool(trust_env=False))  # fmt: skip
    assert ok.ok and ok.text == "Hello!" and (ok.input_tokens, ok.output_tokens) == (12, 3)
    assert ok.cost is not None and ok.latency_ms > 0
    fake.queue(json_reply(401, {"error": {"message": f"Incorrect API key provided: {SECRET}"}}))
    bad = await test_provider(values, keys, "openai", pool=HttpPool(trust_env=False))
    assert not bad.ok and bad.error_kind == "auth" and SECRET not in (bad.error or "")
    unknown = await test_provider(values, keys, "nope")
    assert not unknown.ok and "Unknown provider 'nope'" in (unknown.error or "")
    offline = await test_provider(values, keys, "offline")
    assert offline.ok and offline.cost == 0 and "Offline coach" in offline.text
