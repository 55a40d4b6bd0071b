from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from interviewai_tui.auth import totp
from interviewai_tui.auth.service import WRONG_CODE, AuthError, AuthService
from interviewai_tui.auth.twofactor import Enrolment, TwoFactorError
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store

from .conftest import GOOD_PASSWORD

EMAIL = "jane@example.com"


async def enrolled(auth: AuthService, clock: FrozenClock) -> tuple[str, Enrolment, list[str]]:
    user = await auth.register(email=EMAIL, name="Jane", password=GOOD_PASSWORD)
    enrolment = await auth.two_factor.begin(user.id)
    codes = await auth.two_factor.confirm(
        user.id, enrolment, totp.code_at(enrolment.secret, clock.now())
    )
    clock.advance(seconds=30)  # the enrolment code's step is spent
    return user.id, enrolment, codes


async def test_enrolment_needs_a_correct_code(auth: AuthService, store: Store, clock: FrozenClock):
    user = await auth.register(email=EMAIL, name="Jane", password=GOOD_PASSWORD)
    enrolment = await auth.two_factor.begin(user.id)
    assert enrolment.uri.startswith("otpauth://totp/jane@example.com?secret=")
    assert enrolment.secret.replace(" ", "") == enrolment.grouped_secret.replace(" ", "")
    assert "█" in enrolment.qr()
    with pytest.raises(TwoFactorError, match="not correct"):
        await auth.two_factor.confirm(user.id, enrolment, "000000")
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and not stored.two_factor_enabled
    assert stored.two_factor_secret is None
    codes = await auth.two_factor.confirm(
        user.id, enrolment, totp.code_at(enrolment.secret, clock.now())
    )
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.two_factor_enabled
    assert stored.two_factor_secret == enrolment.secret
    assert len(codes) == 10 and len(stored.recovery_codes) == 10
    assert not set(codes) & set(stored.recovery_codes)  # stored hashed
    public = await auth.get_user(user.id)
    assert public is not None and "two_factor_secret" not in public.model_dump()


async def test_sign_in_asks_for_the_code_then_accepts_it(auth: AuthService, clock: FrozenClock):
    _, enrolment, _ = await enrolled(auth, clock)
    first = await auth.login(email=EMAIL, password=GOOD_PASSWORD)
    assert first.needs_totp and first.user is None
    code = totp.code_at(enrolment.secret, clock.now())
    second = await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=code)
    assert second.user is not None and second.user.email == EMAIL


async def test_wrong_password_with_2fa_is_still_the_generic_failure(
    auth: AuthService, clock: FrozenClock
):
    await enrolled(auth, clock)
    with pytest.raises(AuthError) as info:
        await auth.login(email=EMAIL, password="Wrong-Password-1", totp_code="123456")
    assert info.value.message != WRONG_CODE


async def test_wrong_codes_count_toward_lockout(
    auth: AuthService, store: Store, clock: FrozenClock
):
    user_id, enrolment, _ = await enrolled(auth, clock)
    good = totp.code_at(enrolment.secret, clock.now())
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(AuthError) as info:
            await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=wrong)
        assert info.value.message == WRONG_CODE
    stored = await store.users.get(user_id=user_id)
    assert stored is not None and stored.login_attempts == 5
    with pytest.raises(AuthError):  # locked: even the right password and code fail
        await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=good)


async def test_a_code_cannot_be_replayed(auth: AuthService, clock: FrozenClock):
    _, enrolment, _ = await enrolled(auth, clock)
    code = totp.code_at(enrolment.secret, clock.now())
    assert (await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=code)).user
    clock.advance(seconds=10)  # still inside the same 30 s step
    with pytest.raises(AuthError, match="code is not correct"):
        await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=code)
    clock.advance(seconds=30)
    fresh = totp.code_at(enrolment.secret, clock.now())
    assert (await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=fresh)).user


async def test_recovery_code_works_once(auth: AuthService, store: Store, clock: FrozenClock):
    user_id, _, codes = await enrolled(auth, clock)
    result = await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=codes[0].upper())
    assert result.user is not None
    assert await auth.two_factor.recovery_codes_left(user_id) == 9
    with pytest.raises(AuthError):
        await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=codes[0])


async def test_disable_needs_the_password(auth: AuthService, store: Store, clock: FrozenClock):
    user_id, _, _ = await enrolled(auth, clock)
    with pytest.raises(TwoFactorError, match="password is not correct"):
        await auth.two_factor.disable(user_id, "Wrong-Password-1")
    await auth.two_factor.disable(user_id, GOOD_PASSWORD)
    stored = await store.users.get(user_id=user_id)
    assert stored is not None and not stored.two_factor_enabled
    assert stored.two_factor_secret is None and stored.recovery_codes == []
    assert (await auth.login(email=EMAIL, password=GOOD_PASSWORD)).user is not None


async def test_begin_twice_refused_when_enabled(auth: AuthService, clock: FrozenClock):
    user_id, _, _ = await enrolled(auth, clock)
    with pytest.raises(TwoFactorError, match="already on"):
        await auth.two_factor.begin(user_id)


async def test_code_from_the_previous_step_is_accepted(auth: AuthService, clock: FrozenClock):
    _, enrolment, _ = await enrolled(auth, clock)
    clock.advance(seconds=60)
    previous = totp.code_at(enrolment.secret, clock.now() - timedelta(seconds=30))
    assert (await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=previous)).user


@pytest.mark.skipif(
    "two_factor_last_step" not in User.model_fields,
    reason="needs the stored field User.two_factor_last_step (asked of the domain owner)",
)
async def test_a_code_cannot_be_replayed_after_a_restart(
    make_auth: Callable[..., AuthService], clock: FrozenClock
):
    auth = make_auth()
    _, enrolment, _ = await enrolled(auth, clock)
    code = totp.code_at(enrolment.secret, clock.now())
    assert (await auth.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=code)).user
    restarted = make_auth()  # nothing in memory carries over
    with pytest.raises(AuthError, match="code is not correct"):
        await restarted.login(email=EMAIL, password=GOOD_PASSWORD, totp_code=code)
