"""Conversations: create with provider and model, list and search, rename, deactivate,
delete, ownership, ratings and the analytics arithmetic, and "discuss this question"."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from interviewai_tui.ai.base import OFFLINE
from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.chat.bookkeeping import chosen_model
from interviewai_tui.chat.errors import ChatError, ChatNotFound
from interviewai_tui.chat.service import ChatService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.chats import ChatMessage
from interviewai_tui.domain.common import ChatRole, QuestionType
from interviewai_tui.domain.interviews import Interview, InterviewQuestion
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store
from tests.ai.fakeserver import FakeServer, Reply
from tests.ai.streams import ANTHROPIC_STREAM

from .helpers import Ticker, drain, finished, make_router


async def other_user(store: Store) -> User:
    return await store.users.create(user=User(email="bob@example.com", name="Bob"))


async def test_create_defaults_and_choices(service: ChatService, user: User) -> None:
    choices = {c.name: c for c in service.providers()}
    assert next(iter(choices)) == OFFLINE and choices[OFFLINE].configured
    assert {"openai", "anthropic", "gemini", "deepseek", "ollama"} <= set(choices)
    chat = await service.create(user.id)  # settings' provider (openai here, it has a key)
    assert chat.provider == "openai" and chosen_model(chat) == "gpt-4o-mini"
    assert chat.message_count == 0 and chat.is_active and chat.title == ""
    chosen = await service.create(user.id, provider="gemini", model="gemini-2.5-pro")
    assert chosen.provider == "gemini" and chosen_model(chosen) == "gemini-2.5-pro"
    with pytest.raises(ChatError, match="Unknown AI provider"):
        await service.create(user.id, provider="nope")
    with pytest.raises(ChatError, match="one word"):
        await service.create(user.id, provider="openai", model="gpt 4")


async def test_provider_without_key_is_refused_and_offline_is_the_default(
    store: Store, fake: FakeServer, pool: HttpPool, clock: FrozenClock, user: User
) -> None:
    router = make_router(fake, pool, clock=clock, keys=False)
    service = ChatService(store=store, router=router, clock=clock)
    assert service.default_provider().name == OFFLINE
    assert (await service.create(user.id)).provider == OFFLINE
    with pytest.raises(ChatError, match="OpenAI has no API key"):
        await service.create(user.id, provider="openai")
    assert (await service.create(user.id, provider="ollama")).provider == "ollama"  # no key


async def test_search_is_literal_over_titles_and_content(
    service: ChatService, store: Store, user: User, clock: FrozenClock
) -> None:
    a = await service.create(user.id, provider=OFFLINE, title="Binary trees")
    b = await service.create(user.id, provider=OFFLINE, title="SQL joins")
    c = await service.create(user.id, provider=OFFLINE, title="Misc")
    for chat_id, text in ((b.id, "use 100% of a_b"), (c.id, "use 1000 of axb")):
        clock.advance(60)
        await store.chats.append_message(
            chat_id=chat_id, message=ChatMessage(role=ChatRole.USER, content=text,
                                                 timestamp=clock.now()))  # fmt: skip
    ids = lambda page: [x.id for x in page.items]  # noqa: E731
    assert ids(await service.sessions(user.id)) == [c.id, b.id, a.id]  # most recent first
    assert ids(await service.sessions(user.id, search="binary")) == [a.id]
    assert ids(await service.sessions(user.id, search="100%")) == [b.id]  # not a pattern
    assert ids(await service.sessions(user.id, search="a_b")) == [b.id]
    assert ids(await service.sessions(user.id, search="  ")) == [c.id, b.id, a.id]
    stranger = await other_user(store)
    assert ids(await service.sessions(stranger.id)) == []


async def test_rename_deactivate_delete_and_ownership(
    service: ChatService, store: Store, user: User
) -> None:
    chat = await service.create(user.id, provider=OFFLINE)
    renamed = await service.rename(user.id, chat.id, "  Graphs \x1b[31m and\n  BFS ")
    assert renamed.title == "Graphs and BFS"
    with pytest.raises(ChatError, match="title"):
        await service.rename(user.id, chat.id, " \n ")
    with pytest.raises(ChatError, match="at most 100"):
        await service.rename(user.id, chat.id, "x" * 101)
    assert not (await service.set_active(user.id, chat.id, False)).is_active
    assert [x.id for x in (await service.sessions(user.id, active_only=True)).items] == []
    stranger = await other_user(store)
    for attempt in (
        service.rename(stranger.id, chat.id, "mine"),
        service.delete(stranger.id, chat.id),
        service.get(chat.id, user_id=stranger.id),
        service.get("not-an-id", user_id=user.id),
    ):
        with pytest.raises(ChatNotFound):
            await attempt
    assert await service.delete(user.id, chat.id)
    assert await store.chats.get(chat_id=chat.id) is None


async def test_ratings_and_analytics_arithmetic(
    store: Store, fake: FakeServer, pool: HttpPool, clock: FrozenClock, user: User
) -> None:
    ticker = Ticker()
    service = ChatService(
        store=store, router=make_router(fake, pool, clock=clock), clock=clock, timer=ticker
    )
    chat = await service.create(user.id, provider="anthropic", title="maths")
    replies = []
    for step in (0.2, 0.6, 0.4):
        ticker.step = step  # the reply's start and end readings are `step` apart
        fake.queue(Reply(parts=[ANTHROPIC_STREAM]))
        done = finished(await drain(await service.send(user.id, chat.id, f"q{step}")))
        assert done.message is not None
        replies.append(done.message)
    assert [r.response_time for r in replies] == [200.0, 600.0, 400.0]
    stored = await service.get(chat.id, user_id=user.id)
    assert stored.analytics.average_response_time == 400.0
    assert stored.analytics.total_tokens == 3 * 17
    assert stored.analytics.total_cost == pytest.approx(sum(r.cost or 0 for r in replies))
    assert stored.analytics.user_satisfaction is None and stored.message_count == 6

    clock.advance(30)
    rated = await service.rate(user.id, chat.id, replies[0].id, rating=5, helpful=True,
                               comment="  clear  ")  # fmt: skip
    rated = await service.rate(user.id, chat.id, replies[1].id, rating=2, helpful=False)
    assert rated.analytics.user_satisfaction == 3.5
    rated = await service.rate(user.id, chat.id, replies[1].id, rating=3)  # re-rating replaces
    assert rated.analytics.user_satisfaction == statistics.mean([5, 3])
    first = next(m for m in rated.messages if m.id == replies[0].id)
    assert first.feedback is not None
    assert (first.feedback.rating, first.feedback.helpful, first.feedback.comment) == (
        5, True, "clear",
    )  # fmt: skip
    assert first.feedback.submitted_at == clock.now()
    user_msg = next(m for m in rated.messages if m.role is ChatRole.USER)
    with pytest.raises(ChatError, match="replies can be rated"):
        await service.rate(user.id, chat.id, user_msg.id, rating=4)
    for bad in (0, 6):
        with pytest.raises(ChatError, match="1 to 5"):
            await service.rate(user.id, chat.id, replies[2].id, rating=bad)
    with pytest.raises(ChatError, match="at most 1000"):
        await service.rate(user.id, chat.id, replies[2].id, rating=4, comment="x" * 1001)
    account = await store.users.get(user_id=user.id)
    assert account is not None and account.stats.total_chat_messages == 3


async def test_discuss_a_question_opens_a_seeded_chat(
    service: ChatService, store: Store, user: User, clock: FrozenClock
) -> None:
    interview = await store.interviews.create(
        interview=Interview(
            user_id=user.id,
            title="Backend practice",
            questions=[
                InterviewQuestion(question="What is an index?", answer="A list."),
                InterviewQuestion(
                    question="Sum two numbers.", type=QuestionType.CODING,
                    code_answer="print(1+1)", score=40, feedback="Read the input.",
                    evaluated_at=clock.now(),
                ),
            ],
        )
    )  # fmt: skip
    seed = await service.discussion_seed(user.id, interview.id, 1)
    assert (seed.question, seed.answer, seed.feedback, seed.score) == (
        "Sum two numbers.", "print(1+1)", "Read the input.", 40,
    )  # fmt: skip
    chat, turn = await service.start_discussion(user.id, seed, provider=OFFLINE)
    await drain(turn)
    stored = await service.get(chat.id, user_id=user.id)
    opening = stored.messages[1]
    assert opening.role is ChatRole.USER
    for part in ("Sum two numbers.", "print(1+1)", "Read the input.", "(40/100)", "Backend"):
        assert part in opening.content
    assert stored.title == "Discuss: Sum two numbers."  # kept, not regenerated
    assert stored.messages[-1].role is ChatRole.ASSISTANT
    with pytest.raises(ChatNotFound):
        await service.discussion_seed(user.id, interview.id, 5)
    stranger = await other_user(store)
    with pytest.raises(ChatNotFound):
        await service.discussion_seed(stranger.id, interview.id, 0)


async def test_export_through_the_service_is_private_and_checked(
    service: ChatService, user: User, tmp_path: Path
) -> None:
    chat = await service.create(user.id, provider=OFFLINE, title="Export me")
    await drain(await service.send(user.id, chat.id, "closures"))
    written = await service.export(chat.id, tmp_path / "chat.md", user_id=user.id)
    assert written.read_text().startswith('---\ntitle: "Export me"')
    assert written.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ChatError, match=r"\.md or \.json"):
        await service.export(chat.id, tmp_path / "chat.txt", user_id=user.id)
    with pytest.raises(ChatError, match="does not exist"):
        await service.export(chat.id, tmp_path / "missing" / "c.json", user_id=user.id)
