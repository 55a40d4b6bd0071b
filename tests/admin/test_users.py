"""User management: literal search, filters, profile, block/unblock, role, unlock, reset 2FA,
with confirmations left to the screen and an audit trail of who did what, when."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interviewai_tui.admin.errors import AdminError
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.domain.sessions import Session
from interviewai_tui.store import open_store

from .conftest import NOW, World, build_world, make_user

TRICKY = [".*", "(a+)+$", '{"$gt": ""}', "$where", "%", "_", "\\", "' OR 1=1 --"]


@pytest.mark.parametrize("engine", ["sqlite", "mongomock"])
async def test_search_matches_input_literally(engine: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lit.db'}" if engine == "sqlite" else "mongomock://localhost/lit"
    clock = FrozenClock(NOW)
    async with open_store(url, clock=clock) as store:
        world = await build_world(store, clock, tmp_path)
        odd = await store.users.create(
            user=make_user(5, name='Weird {"$gt": ""} .* (a+)+$ $where', email="odd@example.com")
        )
        for needle in TRICKY[:4]:
            found = await world.users.search(world.admin.id, text=needle)
            assert [u.id for u in found.items] == [odd.id], needle
        for needle in TRICKY[4:]:
            assert (await world.users.search(world.admin.id, text=needle)).total == 0, needle
        # A pathological pattern is not run as one: answered at once, not after backtracking.
        long = "(a+)+$" + "a" * 150
        assert (await world.users.search(world.admin.id, text=long)).total == 0


async def test_search_filters_and_secrets_are_not_returned(world: World) -> None:
    blocked = make_user(3, name="Bea Blocked")
    blocked.status = UserStatus.BLOCKED
    blocked.password_hash = "$2b$12$" + "x" * 53
    await world.store.users.create(user=blocked)
    page = await world.users.search(world.admin.id, status=UserStatus.BLOCKED)
    assert [u.name for u in page.items] == ["Bea Blocked"]
    assert not hasattr(page.items[0], "password_hash")
    admins = await world.users.search(world.admin.id, role=Role.ADMIN)
    assert [u.email for u in admins.items] == ["root@example.com"]
    by_email = await world.users.search(world.admin.id, text="CARA@EXAMPLE")
    assert [u.name for u in by_email.items] == ["Cara Candidate"]


async def test_block_ends_sessions_and_unblock_restores(world: World) -> None:
    cara = world.candidate
    await world.store.sessions.create(
        session=Session(
            user_id=cara.id,
            token_hash="h" * 64,
            created_at=NOW,
            expires_at=NOW + timedelta(days=30),
            last_used_at=NOW,
        )
    )
    blocked = await world.users.block(world.admin.id, cara.id)
    assert blocked.status == UserStatus.BLOCKED
    assert await world.store.sessions.get_by_token_hash(token_hash="h" * 64) is None
    world.clock.advance(5)
    assert (await world.users.unblock(world.admin.id, cara.id)).status == UserStatus.ACTIVE

    trail = await world.auditor.trail(world.admin.id, target_id=cara.id)
    assert [(e.action, e.actor_id, e.timestamp, e.details) for e in trail.items] == [
        (
            "user.unblock",
            world.admin.id,
            NOW + timedelta(seconds=5),
            {"from": "blocked", "to": "active"},
        ),
        ("user.block", world.admin.id, NOW, {"from": "active", "to": "blocked"}),
    ]


async def test_the_last_admin_and_oneself_are_protected(world: World) -> None:
    with pytest.raises(AdminError, match="your own account"):
        await world.users.block(world.admin.id, world.admin.id)
    with pytest.raises(AdminError, match="last active admin"):
        await world.users.set_role(world.admin.id, world.admin.id, Role.USER)
    second = await world.users.set_role(world.admin.id, world.candidate.id, Role.ADMIN)
    assert second.role == Role.ADMIN
    demoted = await world.users.set_role(second.id, world.admin.id, Role.USER)
    assert demoted.role == Role.USER
    assert [e.action for e in (await world.store.audit.list()).items] == ["user.role"] * 2


async def test_unlock_and_reset_two_factor(world: World) -> None:
    cara = world.candidate
    for _ in range(3):
        await world.store.users.increment_login_attempts(user_id=cara.id)
    await world.store.users.set_lock(user_id=cara.id, until=NOW + timedelta(minutes=15))
    await world.store.users.update(
        user_id=cara.id,
        changes={"twoFactorEnabled": True, "twoFactorSecret": "S" * 32, "recoveryCodes": ["x"]},
    )
    profile = await world.users.profile(world.admin.id, cara.id)
    assert profile.locked is True and profile.user.two_factor_enabled is True

    await world.users.unlock(world.admin.id, cara.id)
    await world.users.reset_two_factor(world.admin.id, cara.id)

    stored = await world.store.users.get(user_id=cara.id)
    assert stored is not None
    assert (stored.login_attempts, stored.lock_until) == (0, None)
    assert (stored.two_factor_enabled, stored.two_factor_secret, stored.recovery_codes) == (
        False,
        None,
        [],
    )
    profile = await world.users.profile(world.admin.id, cara.id)
    assert profile.locked is False
    assert [e.action for e in profile.trail] == ["user.reset_2fa", "user.unlock"]
    assert profile.trail[1].details == {"attempts": 3}


async def test_unknown_user_is_one_sentence(world: World) -> None:
    with pytest.raises(AdminError) as caught:
        await world.users.block(world.admin.id, "b" * 24)
    assert caught.value.message == "This account no longer exists."
