"""Users repository contract, run on every engine."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Role, Theme, UserStatus
from interviewai_tui.store import DuplicateError, NotFoundError, Store, StoreError
from tests.store.conftest import START
from tests.store.factories import user

HOSTILE_SEARCHES = [".*", "(a+)+$", '{"$gt": ""}', "$where", "%", "_", "\\"]


async def test_create_and_get_by_id_email_and_google_id(store: Store) -> None:
    created = await store.users.create(user=user(1, email="  Ann@Example.COM ", google_id="g-123"))
    assert created.email == "ann@example.com"
    assert await store.users.get(user_id=created.id) == created
    assert await store.users.get_by_email(email="ANN@example.com ") == created
    assert await store.users.get_by_google_id(google_id="g-123") == created
    fetched = await store.users.get(user_id=created.id)
    assert fetched is not None and fetched.password_hash == created.password_hash
    assert await store.users.get(user_id="0" * 24) is None
    assert await store.users.get_by_email(email="nobody@example.com") is None
    assert await store.users.get_by_email(email="not an email") is None
    assert await store.users.get_by_google_id(google_id="g-999") is None


async def test_duplicate_email_and_google_id_are_refused(store: Store) -> None:
    await store.users.create(user=user(1, email="dup@example.com", google_id="g-1"))
    with pytest.raises(DuplicateError) as exc:
        await store.users.create(user=user(2, email="DUP@example.com"))
    assert exc.value.field == "email"
    with pytest.raises(DuplicateError) as exc:
        await store.users.create(user=user(3, google_id="g-1"))
    assert exc.value.field == "googleId"
    # Users without a Google id never collide with each other (sparse index).
    await store.users.create(user=user(4))
    await store.users.create(user=user(5))
    assert await store.users.count() == 3


async def test_partial_update_validates_and_stamps_updated_at(
    store: Store, clock: FrozenClock
) -> None:
    u = await store.users.create(user=user(1))
    clock.advance(60)
    updated = await store.users.update(
        user_id=u.id,
        changes={"name": "Ann B", "preferences.theme": Theme.DARK, "profile.skills": ["Go"]},
    )
    assert updated.name == "Ann B"
    assert updated.preferences.theme is Theme.DARK
    assert updated.updated_at == START + timedelta(seconds=60)
    again = await store.users.get(user_id=u.id)
    assert again == updated
    assert again is not None and again.email == u.email and again.profile.skills == ["Go"]
    with pytest.raises(StoreError):
        await store.users.update(user_id=u.id, changes={"status": "bogus"})
    with pytest.raises(StoreError):
        await store.users.update(user_id=u.id, changes={"noSuchField": 1})
    with pytest.raises(StoreError):
        await store.users.update(user_id=u.id, changes={"_id": "1" * 24})
    with pytest.raises(NotFoundError):
        await store.users.update(user_id="0" * 24, changes={"name": "X"})
    assert await store.users.get(user_id=u.id) == updated


async def test_update_email_to_a_taken_one_is_a_duplicate(store: Store) -> None:
    a = await store.users.create(user=user(1))
    b = await store.users.create(user=user(2))
    with pytest.raises(DuplicateError):
        await store.users.update(user_id=b.id, changes={"email": a.email})
    assert (await store.users.get(user_id=b.id)) == b


async def test_google_id_can_be_set_and_cleared(store: Store) -> None:
    a = await store.users.create(user=user(1))
    await store.users.update(user_id=a.id, changes={"googleId": "g-7"})
    assert (await store.users.get_by_google_id(google_id="g-7")) is not None
    await store.users.update(user_id=a.id, changes={"googleId": None})
    assert await store.users.get_by_google_id(google_id="g-7") is None
    await store.users.create(user=user(2))  # a second user without a Google id still fits


async def test_delete(store: Store) -> None:
    u = await store.users.create(user=user(1))
    assert await store.users.delete(user_id=u.id) is True
    assert await store.users.get(user_id=u.id) is None
    assert await store.users.delete(user_id=u.id) is False


async def test_list_pages_newest_first_with_totals(store: Store) -> None:
    made = [
        await store.users.create(user=user(i, created_at=START + timedelta(minutes=i)))
        for i in range(25)
    ]
    newest_first = [u.id for u in reversed(made)]
    page1 = await store.users.list(limit=10)
    assert [u.id for u in page1.items] == newest_first[:10]
    assert page1.total == 25 and page1.has_more
    page3 = await store.users.list(offset=20, limit=10)
    assert [u.id for u in page3.items] == newest_first[20:]
    assert not page3.has_more
    beyond = await store.users.list(offset=30, limit=10)
    assert beyond.items == [] and beyond.total == 25


async def test_list_filters_by_role_status_and_search(store: Store) -> None:
    await store.users.create(user=user(1, name="Alice Admin", role=Role.ADMIN))
    await store.users.create(user=user(2, name="Bob Blocked", status=UserStatus.BLOCKED))
    await store.users.create(user=user(3, name="Carol", email="carol@corp.io"))
    admins = await store.users.list(role=Role.ADMIN)
    assert [u.name for u in admins.items] == ["Alice Admin"]
    blocked = await store.users.list(status=UserStatus.BLOCKED)
    assert [u.name for u in blocked.items] == ["Bob Blocked"]
    by_email = await store.users.list(search="CORP.IO")
    assert [u.name for u in by_email.items] == ["Carol"]
    by_name = await store.users.list(search="bob b")
    assert [u.name for u in by_name.items] == ["Bob Blocked"]
    assert await store.users.count(role=Role.USER) == 2
    assert await store.users.count(role=Role.USER, status=UserStatus.ACTIVE) == 1


@pytest.mark.parametrize("needle", HOSTILE_SEARCHES)
async def test_search_is_literal(store: Store, needle: str) -> None:
    await store.users.create(user=user(1, name="Plain Name"))
    await store.users.create(user=user(2, name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"))
    holder = await store.users.create(user=user(3, name=f"Has {needle} inside"))
    found = await store.users.list(search=needle)
    assert [u.id for u in found.items] == [holder.id]


async def test_twenty_concurrent_failed_logins_count_exactly(store: Store) -> None:
    u = await store.users.create(user=user(1))
    results = await asyncio.gather(
        *(store.users.increment_login_attempts(user_id=u.id) for _ in range(20))
    )
    assert sorted(results) == list(range(1, 21))
    fetched = await store.users.get(user_id=u.id)
    assert fetched is not None and fetched.login_attempts == 20
    with pytest.raises(NotFoundError):
        await store.users.increment_login_attempts(user_id="0" * 24)


async def test_lock_reset_and_record_login(store: Store, clock: FrozenClock) -> None:
    u = await store.users.create(user=user(1))
    await store.users.increment_login_attempts(user_id=u.id)
    until = clock.now() + timedelta(minutes=15)
    await store.users.set_lock(user_id=u.id, until=until)
    locked = await store.users.get(user_id=u.id)
    assert locked is not None and locked.lock_until == until and locked.login_attempts == 1
    await store.users.reset_login_attempts(user_id=u.id)
    assert (await store.users.get(user_id=u.id)).login_attempts == 0  # type: ignore[union-attr]
    await store.users.increment_login_attempts(user_id=u.id)
    await store.users.record_login(user_id=u.id, at=clock.now())
    after = await store.users.get(user_id=u.id)
    assert after is not None
    assert (after.login_attempts, after.lock_until, after.last_login) == (0, None, clock.now())
    assert after.stats.last_activity_at == clock.now()
    with pytest.raises(NotFoundError):
        await store.users.set_lock(user_id="0" * 24, until=None)


async def test_stats_increments_are_atomic(store: Store, clock: FrozenClock) -> None:
    u = await store.users.create(user=user(1))
    await asyncio.gather(
        *(
            store.users.add_to_stats(user_id=u.id, total_interviews=1, total_chat_messages=2)
            for _ in range(10)
        )
    )
    await store.users.add_to_stats(
        user_id=u.id, completed_interviews=3, last_activity_at=clock.now()
    )
    stats = (await store.users.get(user_id=u.id)).stats  # type: ignore[union-attr]
    assert (stats.total_interviews, stats.completed_interviews, stats.total_chat_messages) == (
        10,
        3,
        20,
    )
    assert stats.last_activity_at == clock.now()
    with pytest.raises(NotFoundError):
        await store.users.add_to_stats(user_id="0" * 24, total_interviews=1)


async def test_overview(store: Store, clock: FrozenClock) -> None:
    old = START - timedelta(days=40)
    await store.users.create(user=user(1, role=Role.ADMIN, created_at=old))
    await store.users.create(user=user(2, status=UserStatus.BLOCKED, created_at=old))
    recent = await store.users.create(user=user(3, created_at=START - timedelta(days=2)))
    await store.users.create(user=user(4, status=UserStatus.PENDING, created_at=START))
    await store.users.add_to_stats(user_id=recent.id, last_activity_at=START)
    ov = await store.users.overview(since=START - timedelta(days=7))
    assert ov.total == 4
    assert ov.by_role == {"admin": 1, "user": 3}
    assert ov.by_status == {"active": 2, "blocked": 1, "pending": 1}
    assert ov.new_since == 2
    assert ov.active_since == 1
