from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.backends import fail

from interviewai_tui.auth.service import AuthService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.secrets import SecretStore
from interviewai_tui.store import Store

from .conftest import GOOD_PASSWORD, NOW
from .fake_keyrings import DictKeyring


def token_entries(backend: DictKeyring) -> dict[str, str]:
    return {name: v for (_, name), v in backend.items.items() if name.startswith("session")}


async def signed_in(auth: AuthService, remember: bool = True) -> str:
    user = await auth.register(email="jane@example.com", name="Jane", password=GOOD_PASSWORD)
    result = await auth.login(email=user.email, password=GOOD_PASSWORD, remember=remember)
    assert result.user is not None
    return user.id


async def test_remember_keeps_a_random_token_in_the_keyring_and_only_its_hash_stored(
    auth: AuthService, store: Store, dict_keyring: DictKeyring
):
    user_id = await signed_in(auth)
    tokens = token_entries(dict_keyring)
    assert len(tokens) == 1
    token = next(iter(tokens.values()))
    assert len(token) >= 43 and GOOD_PASSWORD not in token
    session = await store.sessions.get_by_token_hash(
        token_hash=hashlib.sha256(token.encode()).hexdigest()
    )
    assert session is not None and session.user_id == user_id
    assert session.expires_at == NOW + timedelta(days=30)
    exported = [doc async for doc in store.export(collection="sessions")]
    assert token not in repr(exported)


async def test_without_remember_nothing_is_kept(auth: AuthService, dict_keyring: DictKeyring):
    await signed_in(auth, remember=False)
    assert token_entries(dict_keyring) == {}
    assert await auth.resume_session() is None


async def test_resume_in_a_new_process_then_expiry(
    make_auth: Callable[..., AuthService], clock: FrozenClock, dict_keyring: DictKeyring
):
    user_id = await signed_in(make_auth())
    clock.advance(days=29)
    later = make_auth()  # a fresh start of the program
    resumed = await later.resume_session()
    assert resumed is not None and resumed.id == user_id
    assert resumed.last_login == clock.now()
    clock.advance(days=1, seconds=1)
    assert await make_auth().resume_session() is None
    assert token_entries(dict_keyring) == {}  # the expired token was removed


async def test_blocked_user_token_is_refused_and_deleted(
    auth: AuthService, store: Store, dict_keyring: DictKeyring
):
    user_id = await signed_in(auth)
    await store.users.update(user_id=user_id, changes={"status": "blocked"})
    assert await auth.resume_session() is None
    assert token_entries(dict_keyring) == {}
    assert await store.sessions.delete_for_user(user_id=user_id) == 0


async def test_logout_removes_token_and_hash(
    auth: AuthService, store: Store, dict_keyring: DictKeyring
):
    user_id = await signed_in(auth)
    await auth.logout(user_id)
    assert token_entries(dict_keyring) == {}
    assert await store.sessions.delete_for_user(user_id=user_id) == 0
    assert await auth.resume_session() is None


async def test_password_change_ends_remembered_sessions(
    auth: AuthService, dict_keyring: DictKeyring
):
    user_id = await signed_in(auth)
    await auth.change_password(user_id=user_id, current=GOOD_PASSWORD, new="New-Secret-42")
    assert await auth.resume_session() is None
    assert token_entries(dict_keyring) == {}


async def test_a_tampered_token_is_not_accepted(auth: AuthService, dict_keyring: DictKeyring):
    await signed_in(auth)
    (key,) = [k for k in dict_keyring.items if k[1].startswith("session")]
    dict_keyring.items[key] = dict_keyring.items[key][:-1] + "x"
    assert await auth.resume_session() is None


async def test_no_keyring_means_session_only_and_says_so(
    use_keyring: Callable[[KeyringBackend | None], None],
    store: Store,
    clock: FrozenClock,
    tmp_path: Path,
):
    use_keyring(fail.Keyring())
    secrets = SecretStore(file_path=tmp_path / "s.json", env={})
    auth = AuthService(store, secrets, clock, _hash_rounds_for_tests=4)
    await auth.register(email="jane@example.com", name="Jane", password=GOOD_PASSWORD)
    result = await auth.login(email="jane@example.com", password=GOOD_PASSWORD, remember=True)
    assert result.user is not None
    assert result.remember_note is not None
    assert "No system keyring" in result.remember_note and "session only" in result.remember_note
    assert await auth.resume_session() is not None  # same process: memory still has it
    fresh = AuthService(
        store, SecretStore(file_path=tmp_path / "s.json", env={}), clock, _hash_rounds_for_tests=4
    )
    assert await fresh.resume_session() is None


async def test_tokens_of_different_stores_do_not_collide(
    make_auth: Callable[..., AuthService],
    secret_store: SecretStore,
    clock: FrozenClock,
    tmp_path: Path,
    dict_keyring: DictKeyring,
):
    from interviewai_tui.store import open_store

    await signed_in(make_auth())
    async with open_store(f"sqlite:///{tmp_path / 'demo.db'}", clock=clock) as demo:
        other = AuthService(demo, secret_store, clock, _hash_rounds_for_tests=4)
        assert await other.resume_session() is None
    assert len(token_entries(dict_keyring)) == 1  # the real store's token survived
    assert await make_auth().resume_session() is not None


async def test_remember_says_where_the_token_went(auth: AuthService, dict_keyring: DictKeyring):
    await auth.register(email="jane@example.com", name="Jane", password=GOOD_PASSWORD)
    result = await auth.login(email="jane@example.com", password=GOOD_PASSWORD, remember=True)
    assert result.remember_note == "Remember me: Saved in the system keyring."
    plain = await auth.login(email="jane@example.com", password=GOOD_PASSWORD)
    assert plain.remember_note is None
