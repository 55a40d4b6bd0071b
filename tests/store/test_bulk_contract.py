"""Bulk reads and deletes by id, and the "older than" counts and listings used by archiving,
run on every engine."""

from __future__ import annotations

from datetime import timedelta

import pytest

from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.common import InterviewStatus, new_id
from interviewai_tui.store import Store, StoreError
from tests.store.conftest import START
from tests.store.factories import chat, interview, message, user

DAY = timedelta(days=1)
C = InterviewStatus.COMPLETED


async def test_get_documents_gives_the_exported_form_in_id_order(store: Store) -> None:
    u = await store.users.create(user=user(1))
    made = [
        await store.interviews.create(interview=interview(u.id, created_at=START + i * DAY))
        for i in range(5)
    ]
    exported = {d["_id"]: d async for d in store.export(collection="interviews")}
    wanted = [made[3].id, new_id(), made[0].id, "not-an-id", made[3].id, made[4].id]
    got = await store.get_documents(collection="interviews", ids=wanted)
    assert [d["_id"] for d in got] == [made[3].id, made[0].id, made[4].id]
    assert got == [exported[made[3].id], exported[made[0].id], exported[made[4].id]]
    assert got[0]["createdAt"] == START + 3 * DAY  # aware datetimes, as `export` gives
    assert await store.get_documents(collection="interviews", ids=[]) == []
    users = await store.get_documents(collection="users", ids=[u.id])
    assert users[0]["password"] == u.password_hash
    with pytest.raises(StoreError):
        await store.get_documents(collection="nope", ids=[u.id])


async def test_delete_documents_removes_exactly_those_ids(store: Store) -> None:
    u = await store.users.create(user=user(1))
    # More ids than one SQL `IN (...)` chunk takes, so chunking is exercised.
    docs = [
        interview(u.id, created_at=START + i * timedelta(minutes=1), questions=1)
        for i in range(1200)
    ]
    await store.import_documents(
        collection="interviews", documents=[d.model_dump(by_alias=True) for d in docs]
    )
    doomed = [d.id for d in docs[:1100]] + [new_id(), "junk", docs[0].id]
    assert await store.delete_documents(collection="interviews", ids=doomed) == 1100
    remaining = [d["_id"] async for d in store.export(collection="interviews")]
    assert remaining == sorted(d.id for d in docs[1100:])
    assert await store.delete_documents(collection="interviews", ids=doomed) == 0
    assert await store.delete_documents(collection="interviews", ids=[]) == 0
    assert await store.delete_documents(collection="users", ids=[u.id]) == 1
    assert await store.users.get(user_id=u.id) is None


async def test_delete_documents_refuses_the_audit_trail(store: Store) -> None:
    entry = await store.audit.add(entry=AuditEntry(action="user.block", timestamp=START))
    with pytest.raises(StoreError, match="append-only"):
        await store.delete_documents(collection="auditLog", ids=[entry.id])
    assert (await store.audit.list()).total == 1
    with pytest.raises(StoreError):
        await store.delete_documents(collection="nope", ids=[entry.id])


async def test_interviews_count_older_than_matches_the_listing(store: Store) -> None:
    uid = new_id()
    for days, status in ((900, C), (800, InterviewStatus.CANCELLED), (760, C), (10, C)):
        await store.interviews.create(
            interview=interview(uid, created_at=START - days * DAY, status=status)
        )
    cutoff = START - 730 * DAY
    listed = await store.interviews.list_older_than(before=cutoff, status=C, limit=100)
    assert await store.interviews.count_older_than(before=cutoff, status=C) == len(listed) == 2
    assert await store.interviews.count_older_than(before=cutoff) == 3
    assert await store.interviews.count_older_than(before=START - 1000 * DAY) == 0


async def test_chats_older_than_use_the_last_activity(store: Store) -> None:
    uid = new_id()
    # Created long ago but active recently: not old.
    busy = await store.chats.create(chat=chat(uid, title="busy", created_at=START - 500 * DAY))
    await store.chats.append_message(chat_id=busy.id, message=message("hi", at=START - DAY))
    # Never used since creation: its createdAt counts.
    idle = await store.chats.create(chat=chat(uid, title="idle", created_at=START - 400 * DAY))
    # Created recently-ish, last message long ago.
    quiet = await store.chats.create(chat=chat(uid, title="quiet", created_at=START - 600 * DAY))
    await store.chats.append_message(chat_id=quiet.id, message=message("x", at=START - 450 * DAY))
    recent = await store.chats.create(chat=chat(uid, title="recent", created_at=START - DAY))
    cutoff = START - 365 * DAY
    old = await store.chats.list_older_than(before=cutoff)
    assert [c.id for c in old] == [quiet.id, idle.id]  # least recent activity first
    assert old[0] == await store.chats.get(chat_id=quiet.id)
    assert [c.id for c in await store.chats.list_older_than(before=cutoff, limit=1)] == [quiet.id]
    assert await store.chats.list_older_than(before=cutoff, limit=0) == []
    assert await store.chats.count_older_than(before=cutoff) == 2
    assert await store.chats.delete_older_than(before=cutoff) == 2
    assert await store.chats.count_older_than(before=cutoff) == 0
    left = {c.id for c in (await store.chats.list_for_user(user_id=uid)).items}
    assert left == {busy.id, recent.id}
