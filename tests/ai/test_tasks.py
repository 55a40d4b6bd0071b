"""Grading, summaries and titles through the router; structured output with one repair."""

from __future__ import annotations

import json

from interviewai_tui.ai.base import Message
from interviewai_tui.ai.evaluation import EvaluationDraft
from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.retry import RetryPolicy
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.structured import complete_structured, extract_json
from interviewai_tui.ai.tasks import chat_prompt, chat_title, evaluate_answer, summarize_interview
from interviewai_tui.ai.transport import HttpPool
from tests.ai.bank import CLOSURES, GOOD, QUESTIONS, REVERSE, WEAK
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer, Reply
from tests.ai.streams import openai_chunks

GOOD_JSON = json.dumps(
    {"score": 82.6, "feedback": "Clear and correct.", "strengths": ["scope", " ", "uses"],
     "improvements": ["mention var pitfall"], "confidence": 80}
)  # fmt: skip


def provider(fake: FakeServer, pool: HttpPool, name: str = "openai") -> OpenAICompatProvider:
    return OpenAICompatProvider(name=name, base_url=fake.url, model="gpt-4o-mini", pool=pool,
                                api_key="sk-t", timeouts=FAST, dialect="openai")  # fmt: skip


def router(fake: FakeServer, pool: HttpPool, **kw: object) -> Router:
    async def no_sleep(_: float) -> None:
        return None

    return Router(
        {"openai": provider(fake, pool), "deepseek": provider(fake, pool, "deepseek")},
        offline=OfflineCoach(QUESTIONS), default="openai", fallback=("deepseek",),
        policy=RetryPolicy(max_retries=0), sleep=no_sleep, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def reply(text: str) -> Reply:
    # the JSON split over several deltas, as a model streams it
    pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
    return Reply(parts=[openai_chunks(pieces, model="gpt-4o-mini")])


async def test_ai_evaluation_is_validated_and_versioned(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(reply("```json\n" + GOOD_JSON + "\n```"))
    ev, usage = await evaluate_answer(router(fake, pool), CLOSURES, GOOD[CLOSURES.question])
    assert ev.score == 83 and ev.provider == "openai" and ev.model == "gpt-4o-mini"
    assert ev.prompt_version == "question_evaluation@1" and ev.confidence == 80
    assert ev.strengths == ["scope", "uses"]
    body = fake.requests[0].json()
    assert body["response_format"]["type"] == "json_schema"
    system, user = body["messages"][0]["content"], body["messages"][1]["content"]
    assert "JSON Schema" in system and "<answer>" in user and "lexical scope" in user
    assert not usage.fallback_used and usage.cost is not None


async def test_invalid_json_gets_one_repair(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(reply('{"score": "excellent", "feedback": ""}'), reply(GOOD_JSON))
    ev, usage = await evaluate_answer(router(fake, pool), CLOSURES, GOOD[CLOSURES.question])
    assert ev.score == 83 and ev.provider == "openai"
    repair = fake.requests[1].json()["messages"]
    assert repair[-2]["role"] == "assistant" and "could not be used" in repair[-1]["content"]
    assert usage.output_tokens > 0 and usage.input_tokens == 10  # both calls counted


async def test_two_invalid_replies_fall_back_then_offline(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(reply("no json here"), reply("still none"), reply("nope"), reply("{}"))
    r = router(fake, pool)
    ev, usage = await evaluate_answer(r, CLOSURES, GOOD[CLOSURES.question])
    assert usage.provider == "offline" and usage.fallback_used
    assert ev.provider == "offline" and ev.prompt_version == "offline_rubric@1"
    assert ev.model == "offline-rubric-1" and ev.score >= 75
    assert "did not return the requested JSON" in (usage.notice or "")
    kinds = {(s.provider, s.outcome): s.count for s in r.recorder.snapshot()}
    assert kinds[("openai", "invalid_output")] == 1 and kinds[("deepseek", "invalid_output")] == 1


async def test_pass_rate_is_blended_into_ai_grades(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(reply(GOOD_JSON))
    ev, _ = await evaluate_answer(
        router(fake, pool), REVERSE, GOOD[REVERSE.question], pass_rate=0.5
    )
    assert ev.score == round(0.6 * 50 + 0.4 * 82.6)
    assert "Automated tests: 50% pass." in fake.requests[0].json()["messages"][1]["content"]


async def test_empty_answer_costs_nothing(fake: FakeServer, pool: HttpPool) -> None:
    ev, usage = await evaluate_answer(router(fake, pool), CLOSURES, "  ")
    assert ev.score == 0 and usage.provider == "offline" and fake.requests == []


async def test_summary_ai_and_offline(fake: FakeServer, pool: HttpPool) -> None:
    r = router(fake, pool)
    items = [
        (q, (await evaluate_answer(r, q, WEAK[q.question], provider="offline"))[0])
        for q in QUESTIONS[:2]
    ]
    summary = {"summary": "Work on fundamentals.", "strengths": ["honest"],
               "improvements": ["depth"], "recommendations": ["practise"]}  # fmt: skip
    fake.queue(reply(json.dumps(summary)))
    overall, usage = await summarize_interview(r, items, title="Frontend", stack=["JavaScript"])
    assert overall.overall_feedback == "Work on fundamentals." and overall.provider == "openai"
    assert overall.prompt_version == "overall_feedback@1"
    assert "<results>" in fake.requests[0].json()["messages"][1]["content"]
    offline, usage = await summarize_interview(r, items, provider="offline")
    assert usage.provider == "offline" and offline.overall_feedback.startswith("Offline summary")


async def test_chat_title(fake: FakeServer, pool: HttpPool) -> None:
    r = router(fake, pool)
    msgs = [Message("user", "how do I \x1b[31mprepare for a system design round at a startup?")]
    fake.queue(reply('"System design prep."'))
    assert await chat_title(r, msgs) == "System design prep"
    assert await chat_title(r, msgs, provider="offline") == "How do I prepare for a"
    assert chat_prompt(msgs)[0].role == "system" and chat_prompt(msgs)[1:] == msgs


async def test_structured_helper_directly() -> None:
    calls: list[list[Message]] = []

    async def fake_stream(msgs, schema):  # type: ignore[no-untyped-def]
        from interviewai_tui.ai.base import TextChunk, Usage

        calls.append(list(msgs))
        yield TextChunk('Sure! {"score": 50, "feedback": "ok"} Hope this helps.')
        yield Usage(provider="p", model="m", input_tokens=1, output_tokens=2)

    draft, _ = await complete_structured(fake_stream, [Message("user", "grade")], EvaluationDraft)
    assert draft.score == 50 and len(calls) == 1 and calls[0][0].role == "system"
    assert extract_json('text ```json\n{"a": 1}\n``` more') == '{"a": 1}'
