"""Chat and question-bank repository contracts, run on every engine."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.chats import MessageFeedback, Tokens
from interviewai_tui.domain.common import ChatRole, Difficulty, QuestionType, new_id
from interviewai_tui.domain.questions import EvaluationCriterion
from interviewai_tui.store import NotFoundError, Store, StoreError
from tests.store.conftest import START
from tests.store.factories import chat, message, question, user


async def test_chat_append_is_atomic_and_keeps_counts(store: Store, clock: FrozenClock) -> None:
    uid = (await store.users.create(user=user(1))).id
    c = await store.chats.create(chat=chat(uid, created_at=START))
    assert await store.chats.get(chat_id=c.id) == c
    msgs = [message(f"m{i}", at=START + timedelta(seconds=i)) for i in range(10)]
    await asyncio.gather(*(store.chats.append_message(chat_id=c.id, message=m) for m in msgs))
    reply = message("answer", at=START + timedelta(minutes=1), role=ChatRole.ASSISTANT)
    reply.tokens = Tokens(input=10, output=32, total=42)
    reply.cost = 0.25
    await store.chats.append_message(chat_id=c.id, message=reply)
    got = await store.chats.get(chat_id=c.id)
    assert got is not None
    assert got.message_count == 11 and len(got.messages) == 11
    assert {m.content for m in got.messages[:10]} == {f"m{i}" for i in range(10)}
    assert got.messages[-1] == reply
    assert got.last_message_at == reply.timestamp
    assert got.analytics.total_tokens == 42 and got.analytics.total_cost == pytest.approx(0.25)
    with pytest.raises(NotFoundError):
        await store.chats.append_message(chat_id="0" * 24, message=reply)


async def test_message_feedback(store: Store, clock: FrozenClock) -> None:
    uid = (await store.users.create(user=user(1))).id
    c = await store.chats.create(chat=chat(uid, created_at=START))
    first, second = message("q", at=START), message("a", at=START, role=ChatRole.ASSISTANT)
    await store.chats.append_message(chat_id=c.id, message=first)
    await store.chats.append_message(chat_id=c.id, message=second)
    fb = MessageFeedback(rating=4, helpful=True, comment="nice", submitted_at=clock.now())
    await store.chats.update_message_feedback(chat_id=c.id, message_id=second.id, feedback=fb)
    got = await store.chats.get(chat_id=c.id)
    assert got is not None and got.messages[1].feedback == fb and got.messages[0].feedback is None
    with pytest.raises(NotFoundError):
        await store.chats.update_message_feedback(chat_id=c.id, message_id=new_id(), feedback=fb)


async def test_chat_list_order_search_update_and_delete(store: Store, clock: FrozenClock) -> None:
    uid = (await store.users.create(user=user(1))).id
    other = (await store.users.create(user=user(2))).id
    a = await store.chats.create(chat=chat(uid, title="Arrays", created_at=START))
    b = await store.chats.create(chat=chat(uid, title="Graphs", created_at=START))
    empty = await store.chats.create(chat=chat(uid, title="Empty", created_at=START))
    await store.chats.create(chat=chat(other, title="Arrays too", created_at=START))
    await store.chats.append_message(chat_id=a.id, message=message("what is a.* regex?", at=START))
    await store.chats.append_message(
        chat_id=b.id, message=message("BFS vs DFS", at=START + timedelta(hours=1))
    )
    page = await store.chats.list_for_user(user_id=uid)
    assert [c.id for c in page.items] == [b.id, a.id, empty.id] and page.total == 3
    assert [c.id for c in (await store.chats.list_for_user(user_id=uid, search="dfs")).items] == [
        b.id
    ]
    assert [c.id for c in (await store.chats.list_for_user(user_id=uid, search="a.*")).items] == [
        a.id
    ]
    assert [c.id for c in (await store.chats.list_for_user(user_id=uid, search="ARRAY")).items] == [
        a.id
    ]
    await store.chats.update(chat_id=empty.id, changes={"isActive": False, "title": "Old"})
    active = await store.chats.list_for_user(user_id=uid, active_only=True)
    assert {c.id for c in active.items} == {a.id, b.id}
    deleted = await store.chats.delete_older_than(before=START + timedelta(minutes=30))
    assert deleted == 3  # a (last message at START), empty (created at START), other's chat
    assert [c.id for c in (await store.chats.list_for_user(user_id=uid)).items] == [b.id]
    assert await store.chats.delete(chat_id=b.id) and not await store.chats.delete(chat_id=b.id)


async def test_upsert_many_is_idempotent_and_keeps_ids_and_usage(store: Store) -> None:
    bank = [question(f"Q{i}?", tech=["Python"]) for i in range(5)]
    first = await store.questions.upsert_many(questions=bank)
    assert (first.inserted, first.updated) == (5, 0)
    await store.questions.increment_usage(question_id=first.ids[0], by=3)
    reloaded = [question(f"Q{i}?", tech=["Python"]) for i in range(5)]  # fresh ids
    second = await store.questions.upsert_many(questions=reloaded)
    assert (second.inserted, second.updated) == (0, 0) and second.ids == first.ids
    changed = question("Q0?", tech=["Python", "Django"])
    third = await store.questions.upsert_many(questions=[changed])
    assert (third.inserted, third.updated, third.ids) == (0, 1, [first.ids[0]])
    got = await store.questions.get(question_id=first.ids[0])
    assert got is not None and got.tech_stack == ["Python", "Django"]
    assert got.usage.times_used == 3
    assert await store.questions.count() == 5
    same_text_other_type = question("Q0?", type=QuestionType.BEHAVIORAL)
    assert (await store.questions.upsert_many(questions=[same_text_other_type])).inserted == 1


async def test_question_list_filters_pages_and_search(store: Store) -> None:
    made = []
    for i in range(8):
        made.append(
            await store.questions.create(
                question=question(
                    f"Explain item {i} (a+)+$" if i == 3 else f"Explain item {i}",
                    type=QuestionType.CODING if i % 2 else QuestionType.TECHNICAL,
                    difficulty=Difficulty.HARD if i < 3 else Difficulty.EASY,
                    tech=["Go"] if i == 5 else ["Python"],
                    tags=["arrays"] if i in (1, 2) else [],
                    created_at=START + timedelta(minutes=i),
                    active=i != 7,
                )
            )
        )
    page = await store.questions.list(limit=3)
    assert [q.id for q in page.items] == [made[7].id, made[6].id, made[5].id] and page.total == 8
    coding = await store.questions.list(type=QuestionType.CODING, limit=50)
    assert {q.id for q in coding.items} == {made[i].id for i in (1, 3, 5, 7)}
    hard = await store.questions.list(difficulty=Difficulty.HARD, limit=50)
    assert {q.id for q in hard.items} == {made[i].id for i in (0, 1, 2)}
    assert [q.id for q in (await store.questions.list(tech="Go")).items] == [made[5].id]
    assert {q.id for q in (await store.questions.list(tag="arrays")).items} == {
        made[1].id,
        made[2].id,
    }
    assert [q.id for q in (await store.questions.list(active=False)).items] == [made[7].id]
    assert [q.id for q in (await store.questions.list(search="(A+)+$")).items] == [made[3].id]
    assert (await store.questions.list(search="item .")).total == 0
    assert await store.questions.count(active=True) == 7


async def test_select_for_the_planner(store: Store) -> None:
    qs = [
        await store.questions.create(
            question=question(f"S{i}", tech=[["Python"], ["Go"], ["Rust"]][i % 3])
        )
        for i in range(9)
    ]
    await store.questions.update(question_id=qs[0].id, changes={"isActive": False})
    for i, q in enumerate(qs):
        await store.questions.increment_usage(question_id=q.id, by=9 - i)
    picked = await store.questions.select(
        type=QuestionType.TECHNICAL, tech_stack=["Python", "Go"], exclude_ids=[qs[7].id], limit=3
    )
    # Active, matching a stack, not excluded, least used first.
    assert [q.id for q in picked] == [qs[6].id, qs[4].id, qs[3].id]
    assert await store.questions.select(type=QuestionType.CODING) == []
    assert len(await store.questions.select()) == 8
    with pytest.raises(NotFoundError):
        await store.questions.increment_usage(question_id="0" * 24)


async def test_distinct_and_validated_update(store: Store) -> None:
    q = await store.questions.create(question=question("D1", tech=["Python", "SQL"], tags=["db"]))
    await store.questions.create(question=question("D2", tech=["Go"], tags=["db", "net"]))
    assert await store.questions.distinct(field="techStack") == ["Go", "Python", "SQL"]
    assert await store.questions.distinct(field="tags") == ["db", "net"]
    criteria = [
        EvaluationCriterion(criterion="Correctness", weight=60),
        EvaluationCriterion(criterion="Clarity", weight=40),
    ]
    updated = await store.questions.update(
        question_id=q.id, changes={"evaluationCriteria": criteria, "category": "backend"}
    )
    assert updated.evaluation_criteria == criteria
    assert await store.questions.distinct(field="category") == ["backend"]
    with pytest.raises(StoreError):
        await store.questions.update(
            question_id=q.id,
            changes={"evaluationCriteria": [{"criterion": "Only", "weight": 50}]},
        )
    assert await store.questions.delete(question_id=q.id)
