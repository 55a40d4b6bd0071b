from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import timedelta

import pytest

from interviewai_tui.auth.service import (
    ALREADY_REGISTERED,
    GENERIC_FAILURE,
    AuthError,
    AuthService,
    PermissionDenied,
)
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.domain.users import PublicUser
from interviewai_tui.store import Store

from .conftest import GOOD_PASSWORD, NOW


async def register(auth: AuthService, email: str = "jane@example.com", **kw: str) -> PublicUser:
    return await auth.register(
        email=email, name=kw.get("name", "Jane Doe"), password=kw.get("password", GOOD_PASSWORD)
    )


async def test_register_stores_lowercase_email_and_a_bcrypt_hash(auth: AuthService, store: Store):
    user = await register(auth, "  Jane.Doe@Example.COM ")
    assert user.email == "jane.doe@example.com"
    assert not hasattr(user, "password_hash")
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.password_hash is not None
    assert stored.password_hash.startswith("$2b$04$")
    assert GOOD_PASSWORD not in stored.model_dump_json(by_alias=True)
    assert stored.created_at == NOW


async def test_first_embedded_account_is_admin_later_ones_users(auth: AuthService):
    first = await register(auth, "first@example.com")
    second = await register(auth, "second@example.com")
    assert first.role == Role.ADMIN and second.role == Role.USER


async def test_two_first_registrations_at_once_leave_one_admin(auth: AuthService, store: Store):
    # Both see the empty store before either inserts (aiosqlite serialises the calls).
    users = await asyncio.gather(
        *(register(auth, f"racer{i}@example.com") for i in range(3)), return_exceptions=False
    )
    roles = sorted(u.role for u in users)
    assert roles.count(Role.ADMIN) == 1, roles
    admin = next(u for u in users if u.role == Role.ADMIN)
    assert admin.id == min(u.id for u in users)
    stored = [await store.users.get(user_id=u.id) for u in users]
    assert [s.role for s in stored if s is not None] == [u.role for u in users]


@pytest.mark.parametrize("variant", ["jane@example.com", "JANE@example.com", " jane@EXAMPLE.com"])
async def test_email_unique_whatever_the_case(auth: AuthService, variant: str):
    await register(auth)
    with pytest.raises(AuthError) as info:
        await register(auth, variant, name="Other")
    assert info.value.message == ALREADY_REGISTERED


@pytest.mark.parametrize(
    ("email", "name", "password", "message"),
    [
        ("not-an-email", "Jane", GOOD_PASSWORD, "Enter a valid e-mail address."),
        ("a@b", "Jane", GOOD_PASSWORD, "Enter a valid e-mail address."),
        ("jane@example.com", "   ", GOOD_PASSWORD, "Enter your name."),
        ("jane@example.com", "J" * 201, GOOD_PASSWORD, "Name is too long"),
        ("jane@example.com", "Jane", "short1A", "at least 8 characters"),
        ("jane@example.com", "Jane", "Password1", "most common"),
        ("jane@example.com", "Jane", "MyJane-Pass1", "name part of your email"),
        ("jane@example.com", "Jane", "Aa1" + "é" * 40, "at most 72 bytes"),
    ],
)
async def test_register_refusals_say_why(
    auth: AuthService, store: Store, email: str, name: str, password: str, message: str
):
    with pytest.raises(AuthError) as info:
        await auth.register(email=email, name=name, password=password)
    assert message in info.value.message
    assert await store.users.count() == 0


async def test_sign_in_updates_last_login_and_activity(
    auth: AuthService, store: Store, clock: FrozenClock
):
    user = await register(auth)
    clock.advance(minutes=5)
    result = await auth.login(email="JANE@example.com", password=GOOD_PASSWORD)
    assert result.user is not None and result.user.id == user.id
    assert not result.needs_totp and not result.pending_approval
    assert result.user.last_login == NOW + timedelta(minutes=5)
    assert result.user.stats.last_activity_at == NOW + timedelta(minutes=5)


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("nobody@example.com", GOOD_PASSWORD),
        ("jane@example.com", "Wrong-Password-1"),
        ("jane@example.com", ""),
        ("not an email", GOOD_PASSWORD),
        ("jane@example.com", "A1" + "x" * 200),  # > 72 bytes: no crash, just wrong
    ],
)
async def test_every_failure_has_the_same_message(auth: AuthService, email: str, password: str):
    await register(auth)
    with pytest.raises(AuthError) as info:
        await auth.login(email=email, password=password)
    assert info.value.message == GENERIC_FAILURE


async def test_lockout_after_threshold_then_unlock_after_minutes(
    auth: AuthService, store: Store, clock: FrozenClock
):
    user = await register(auth)
    for _ in range(5):
        with pytest.raises(AuthError):
            await auth.login(email=user.email, password="Wrong-Password-1")
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.login_attempts == 5
    assert stored.lock_until == NOW + timedelta(minutes=15)
    with pytest.raises(AuthError) as info:  # the right password is refused while locked
        await auth.login(email=user.email, password=GOOD_PASSWORD)
    assert info.value.message == GENERIC_FAILURE
    clock.advance(minutes=15, seconds=1)
    result = await auth.login(email=user.email, password=GOOD_PASSWORD)
    assert result.user is not None
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.login_attempts == 0 and stored.lock_until is None


async def test_success_resets_the_counter(auth: AuthService, store: Store):
    user = await register(auth)
    for _ in range(4):
        with pytest.raises(AuthError):
            await auth.login(email=user.email, password="Wrong-Password-1")
    await auth.login(email=user.email, password=GOOD_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthError):
            await auth.login(email=user.email, password="Wrong-Password-1")
    assert (await auth.login(email=user.email, password=GOOD_PASSWORD)).user is not None


async def test_one_mistake_after_an_expired_lock_does_not_relock(
    auth: AuthService, store: Store, clock: FrozenClock
):
    user = await register(auth)
    for _ in range(5):
        with pytest.raises(AuthError):
            await auth.login(email=user.email, password="Wrong-Password-1")
    clock.advance(minutes=16)
    with pytest.raises(AuthError):
        await auth.login(email=user.email, password="Wrong-Password-1")
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.login_attempts == 1 and stored.lock_until is None
    assert (await auth.login(email=user.email, password=GOOD_PASSWORD)).user is not None


async def test_lockout_under_20_concurrent_wrong_attempts(
    make_auth: Callable[..., AuthService], store: Store
):
    auth = make_auth(lockout_threshold=5, lockout_minutes=15)
    user = await register(auth)
    results = await asyncio.gather(
        *(auth.login(email=user.email, password=f"Wrong-Pass-{i}") for i in range(20)),
        return_exceptions=True,
    )
    assert all(isinstance(r, AuthError) and r.message == GENERIC_FAILURE for r in results)
    stored = await store.users.get(user_id=user.id)
    assert stored is not None
    assert stored.login_attempts == 20  # every failure counted, none lost to a race
    assert stored.lock_until == NOW + timedelta(minutes=15)
    with pytest.raises(AuthError):
        await auth.login(email=user.email, password=GOOD_PASSWORD)


async def test_configurable_threshold_and_duration(
    make_auth: Callable[..., AuthService], store: Store, clock: FrozenClock
):
    auth = make_auth(lockout_threshold=2, lockout_minutes=1)
    user = await register(auth)
    for _ in range(2):
        with pytest.raises(AuthError):
            await auth.login(email=user.email, password="Wrong-Password-1")
    with pytest.raises(AuthError):
        await auth.login(email=user.email, password=GOOD_PASSWORD)
    clock.advance(seconds=61)
    assert (await auth.login(email=user.email, password=GOOD_PASSWORD)).user is not None


async def test_blocked_account_refused_with_the_same_message(auth: AuthService, store: Store):
    user = await register(auth)
    await store.users.update(user_id=user.id, changes={"status": "blocked"})
    with pytest.raises(AuthError) as info:
        await auth.login(email=user.email, password=GOOD_PASSWORD)
    assert info.value.message == GENERIC_FAILURE


async def test_pending_told_only_after_proving_password(
    make_auth: Callable[..., AuthService], store: Store
):
    auth = make_auth(require_approval=True)
    admin = await register(auth, "admin@example.com")
    assert admin.status == UserStatus.ACTIVE  # nobody could approve the first account
    user = await register(auth, "new@example.com")
    assert user.status == UserStatus.PENDING
    with pytest.raises(AuthError) as info:
        await auth.login(email=user.email, password="Wrong-Password-1")
    assert info.value.message == GENERIC_FAILURE
    result = await auth.login(email=user.email, password=GOOD_PASSWORD)
    assert result.pending_approval and result.user is None
    await store.users.update(user_id=user.id, changes={"status": "active"})
    assert (await auth.login(email=user.email, password=GOOD_PASSWORD)).user is not None


async def test_roles_are_checked_in_the_service(auth: AuthService, store: Store):
    admin = await register(auth, "admin@example.com")
    user = await register(auth, "user@example.com")
    await auth.require_admin(admin.id)
    with pytest.raises(PermissionDenied, match="administrator"):
        await auth.require_admin(user.id)
    with pytest.raises(PermissionDenied):
        await auth.require_admin("0" * 24)
    await store.users.update(user_id=admin.id, changes={"status": "blocked"})
    with pytest.raises(PermissionDenied):
        await auth.require_admin(admin.id)


async def test_change_password(auth: AuthService, store: Store):
    user = await register(auth)
    with pytest.raises(AuthError, match="current password is not correct"):
        await auth.change_password(user_id=user.id, current="Nope-Nope-1", new="New-Secret-42")
    with pytest.raises(AuthError, match="uppercase"):
        await auth.change_password(user_id=user.id, current=GOOD_PASSWORD, new="new-secret-42")
    with pytest.raises(AuthError, match="must differ"):
        await auth.change_password(user_id=user.id, current=GOOD_PASSWORD, new=GOOD_PASSWORD)
    await auth.change_password(user_id=user.id, current=GOOD_PASSWORD, new="New-Secret-42")
    with pytest.raises(AuthError):
        await auth.login(email=user.email, password=GOOD_PASSWORD)
    assert (await auth.login(email=user.email, password="New-Secret-42")).user is not None
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.login_attempts == 0


@pytest.mark.parametrize(
    "case", ["unknown", "wrong", "locked", "blocked", "bad-email", "too-long", "google-only"]
)
async def test_every_refused_sign_in_spends_exactly_one_bcrypt_check(
    auth: AuthService, store: Store, monkeypatch: pytest.MonkeyPatch, case: str
):
    """Equal work on every failure path: nobody learns which case happened from timing."""
    import bcrypt

    user = await register(auth)
    email, password = user.email, "Wrong-Password-1"
    if case == "unknown":
        email = "nobody@example.com"
    elif case == "locked":
        await store.users.set_lock(user_id=user.id, until=NOW + timedelta(minutes=5))
        password = GOOD_PASSWORD
    elif case == "blocked":
        await store.users.update(user_id=user.id, changes={"status": "blocked"})
        password = GOOD_PASSWORD
    elif case == "bad-email":
        email = "not an email"
    elif case == "too-long":
        password = "A1" + "x" * 100
    elif case == "google-only":
        await store.users.update(user_id=user.id, changes={"password": None})
    calls: list[bytes] = []
    real_checkpw = bcrypt.checkpw

    def spy(pw: bytes, hashed: bytes) -> bool:
        calls.append(hashed[:7])
        return bool(real_checkpw(pw, hashed))

    monkeypatch.setattr(bcrypt, "checkpw", spy)
    with pytest.raises(AuthError) as info:
        await auth.login(email=email, password=password)
    assert info.value.message == GENERIC_FAILURE
    assert calls == [b"$2b$04$"]


async def test_sign_in_time_does_not_reveal_unknown_emails(
    make_auth: Callable[..., AuthService],
):
    """At cost 12 an unknown email takes as long as a wrong password (loose bounds: the
    suite shares its cores; skipping bcrypt would give ~0.01)."""
    auth = make_auth(_hash_rounds_for_tests=None, bcrypt_cost=12)
    user = await register(auth)

    async def timed(email: str) -> float:
        started = time.perf_counter()
        with pytest.raises(AuthError):
            await auth.login(email=email, password="Wrong-Password-1")
        return time.perf_counter() - started

    wrong = min([await timed(user.email), await timed(user.email)])
    unknown = min([await timed("nobody@example.com"), await timed("nobody@example.com")])
    assert 0.5 < unknown / wrong < 1.8
