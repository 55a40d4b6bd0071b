"""Replies streamed from each fake provider over loopback HTTP into stored messages: text,
metadata, titles, stop, provider errors mid-stream, fallback notices, retry and regenerate."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from interviewai_tui.ai.offline_coach import OFFLINE_NOTE
from interviewai_tui.chat.bookkeeping import history, is_partial, partial_reason
from interviewai_tui.chat.errors import BusyError, ChatError
from interviewai_tui.chat.service import ChatService
from interviewai_tui.chat.turn import Delta
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store
from tests.ai.fakeserver import FakeServer, Reply
from tests.ai.streams import (
    ANTHROPIC_ERROR_EVENT,
    ANTHROPIC_HEAD,
    ANTHROPIC_STREAM,
    DEEPSEEK_STREAM,
    GEMINI_STREAM,
    OLLAMA_STREAM,
    OPENAI_STREAM,
    openai_chunks,
)

from .helpers import drain, events_of, finished, notices, text_of, titles

# provider → (wire sample, content type, (input, output) tokens in the sample)
SAMPLES = {
    "openai": (OPENAI_STREAM, "text/event-stream", (12, 3)),
    "anthropic": (ANTHROPIC_STREAM, "text/event-stream", (12, 5)),
    "gemini": (GEMINI_STREAM, "text/event-stream", (8, 3)),
    "deepseek": (DEEPSEEK_STREAM, "text/event-stream", (10, 12)),
    "ollama": (OLLAMA_STREAM, "application/x-ndjson", (26, 3)),
}


@pytest.mark.parametrize("provider", sorted(SAMPLES))
async def test_each_provider_streams_into_a_stored_reply_with_metadata(
    provider: str, service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    wire, content_type, (tokens_in, tokens_out) = SAMPLES[provider]
    # the reply, then the title request after the first exchange (same wire sample)
    fake.queue(Reply(parts=[wire], content_type=content_type))
    fake.queue(Reply(parts=[wire], content_type=content_type))
    chat = await service.create(user.id, provider=provider)
    turn = await service.send(user.id, chat.id, "What is a closure?")
    events = await drain(turn)

    assert text_of(events) == "Hello!"
    done = finished(events)
    assert done.error is None and not done.partial and not done.stopped
    assert titles(events) == ["Hello!"]
    stored = await store.chats.get(chat_id=chat.id)
    assert stored is not None
    user_msg, reply = stored.messages[-2:]
    assert (user_msg.role, user_msg.content) == (ChatRole.USER, "What is a closure?")
    assert reply.role is ChatRole.ASSISTANT and reply.content == "Hello!"
    assert reply.provider == provider and reply.model
    assert reply.tokens is not None
    assert (reply.tokens.input, reply.tokens.output) == (tokens_in, tokens_out)
    assert reply.tokens.total == tokens_in + tokens_out
    assert reply.response_time is not None and reply.response_time > 0
    assert stored.message_count == 2
    assert stored.title == "Hello!"
    assert stored.analytics.total_tokens == tokens_in + tokens_out
    assert stored.analytics.total_cost == pytest.approx(reply.cost or 0.0)
    assert stored.analytics.average_response_time == reply.response_time
    account = await store.users.get(user_id=user.id)
    assert account is not None and account.stats.total_chat_messages == 1
    # the model got the coach's system prompt, then the question
    body = fake.requests[0].json()
    assert "What is a closure?" in str(body)


async def test_local_model_costs_nothing_and_unknown_model_is_unpriced(
    service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    fake.queue(Reply(parts=[OLLAMA_STREAM], content_type="application/x-ndjson"))
    chat = await service.create(user.id, provider="ollama")
    reply = finished(await drain(await service.send(user.id, chat.id, "hi"))).message
    assert reply is not None and reply.cost == 0.0
    fake.queue(Reply(parts=[OPENAI_STREAM.replace(b"gpt-5-mini-2025-08-07", b"gpt-9-ultra")]))
    chat2 = await service.create(user.id, provider="openai", model="gpt-9-ultra", title="t")
    reply2 = finished(await drain(await service.send(user.id, chat2.id, "hi"))).message
    assert reply2 is not None and reply2.cost is None  # unpriced, never a made-up $0
    assert reply2.tokens is not None and reply2.tokens.total == 15


async def test_stop_mid_stream_keeps_what_arrived_marked_partial(
    service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    head = b"".join(events_of(openai_chunks(["Closures ", "capture "]))[:2])
    fake.queue(Reply(parts=[head, 30.0, openai_chunks(["never seen"])]))
    chat = await service.create(user.id, provider="openai", title="kept")
    turn = await service.send(user.id, chat.id, "Explain closures")
    seen: list[str] = []
    async for event in turn:
        if isinstance(event, Delta):
            seen.append(event.text)
            assert turn.stop()
    done = turn.finished
    assert done is not None and done.stopped and done.partial and done.error is None
    assert done.message is not None
    assert done.message.content.startswith("".join(seen))
    assert "never seen" not in done.message.content
    assert partial_reason(done.message) == "stopped before the end"
    stored = await store.chats.get(chat_id=chat.id)
    assert stored is not None and stored.messages[-1].id == done.message.id
    # the marker is ours, not the model's: it is not sent back on the next turn
    assert history(stored.messages)[-1].content == "".join(seen)
    assert not turn.stop()  # over already


async def test_provider_error_mid_stream_marks_the_partial_reply(
    service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    fake.queue(Reply(parts=[ANTHROPIC_HEAD, ANTHROPIC_ERROR_EVENT]))
    chat = await service.create(user.id, provider="anthropic", title="t")
    events = await drain(await service.send(user.id, chat.id, "hi"))
    done = finished(events)
    assert text_of(events) == "Hello!"
    assert done.error and "overloaded" in done.error.lower()
    assert done.message is not None and is_partial(done.message)
    assert done.message.content.startswith("Hello!\n\n*(Incomplete reply:")
    assert not titles(events)  # no title from a broken reply


async def test_dropped_connection_mid_stream_is_a_partial_reply(
    service: ChatService, user: User, fake: FakeServer
) -> None:
    head = b"".join(events_of(openai_chunks(["Part one. ", "Part two."]))[:2])
    fake.queue(Reply(parts=[head], drop=True))
    chat = await service.create(user.id, provider="openai", title="t")
    done = finished(await drain(await service.send(user.id, chat.id, "go")))
    assert done.message is not None and done.partial
    assert done.message.content.startswith("Part one. Part two.")
    assert done.error


async def test_failure_before_any_text_falls_back_with_a_notice(
    service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    fake.queue(Reply(status=401, parts=[b'{"error": {"message": "bad key"}}'], mode="length",
                     content_type="application/json"))  # fmt: skip
    chat = await service.create(user.id, provider="openai", title="t")
    events = await drain(await service.send(user.id, chat.id, "What is a closure?"))
    done = finished(events)
    assert done.message is not None and done.message.provider == "offline"
    assert OFFLINE_NOTE in done.message.content
    assert any("OpenAI" in n for n in notices(events))


async def test_offline_chat_needs_no_network_and_gets_a_heuristic_title(
    service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    chat = await service.create(user.id, provider="offline")
    events = await drain(await service.send(user.id, chat.id, "how do python closures work"))
    done = finished(events)
    assert done.message is not None and done.message.tokens is None  # not reported
    assert done.message.cost == 0.0
    assert titles(events) == ["How do python closures work"]
    assert fake.requests == []


async def test_retry_replaces_an_incomplete_reply_and_regenerate_a_complete_one(
    service: ChatService, store: Store, user: User, fake: FakeServer
) -> None:
    fake.queue(Reply(parts=[ANTHROPIC_HEAD, ANTHROPIC_ERROR_EVENT]))
    chat = await service.create(user.id, provider="anthropic", title="t")
    first = finished(await drain(await service.send(user.id, chat.id, "hi"))).message
    assert first is not None
    fake.queue(Reply(parts=[ANTHROPIC_STREAM]))
    done = finished(await drain(await service.regenerate(user.id, chat.id, retry=True)))
    assert done.message is not None and done.message.content == "Hello!"
    stored = await store.chats.get(chat_id=chat.id)
    assert stored is not None
    assert [m.role for m in stored.messages] == [ChatRole.SYSTEM, ChatRole.USER, ChatRole.ASSISTANT]
    assert stored.message_count == 2
    with pytest.raises(ChatError, match="nothing to retry"):
        await service.regenerate(user.id, chat.id, retry=True)
    fake.queue(Reply(parts=[ANTHROPIC_STREAM.replace(b"Hello!", b"Hi again")]))
    done = finished(await drain(await service.regenerate(user.id, chat.id)))
    assert done.message is not None and done.message.content == "Hi again"
    stored = await store.chats.get(chat_id=chat.id)
    assert stored is not None and stored.message_count == 2
    assert stored.messages[-1].content == "Hi again"
    # all three replies were paid for: the totals keep them
    spent_first = first.tokens.total if first.tokens is not None else 0
    assert stored.analytics.total_tokens == spent_first + 17 + 17


async def test_one_reply_at_a_time(service: ChatService, user: User, fake: FakeServer) -> None:
    fake.queue(Reply(parts=[events_of(openai_chunks(["slow"]))[0], 30.0]))
    chat = await service.create(user.id, provider="openai", title="t")
    turn = await service.send(user.id, chat.id, "one")
    with pytest.raises(BusyError):
        await service.send(user.id, chat.id, "two")
    with pytest.raises(BusyError):
        await service.delete(user.id, chat.id)
    turn.stop()
    await turn.wait()
    assert service.active_turn(chat.id) is None


async def test_slow_reader_gets_merged_deltas_and_loses_nothing(
    service: ChatService, user: User, fake: FakeServer
) -> None:
    words = [f"w{i} " for i in range(300)]
    fake.queue(Reply(parts=[openai_chunks(words)]))
    chat = await service.create(user.id, provider="openai", title="t")
    turn = await service.send(user.id, chat.id, "many")
    await asyncio.sleep(0.3)  # let everything arrive before reading
    events = await drain(turn)
    deltas = [e for e in events if isinstance(e, Delta)]
    assert "".join(d.text for d in deltas) == "".join(words)
    assert len(deltas) < len(words)
    done = finished(events)
    assert done.message is not None and done.message.content == "".join(words)
    assert Decimal(0) <= Decimal(str(done.message.cost or 0))
