from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend

from interviewai_tui.auth.service import AuthService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.secrets import SecretStore
from interviewai_tui.store import Store, open_store

from .fake_keyrings import DictKeyring


@pytest.fixture
def use_keyring() -> Iterator[Callable[[KeyringBackend | None], None]]:
    """Install a keyring backend for one test (None: let keyring detect again)."""
    saved = keyring.core._keyring_backend

    def install(backend: KeyringBackend | None) -> None:
        if backend is None:
            keyring.core._keyring_backend = None
        else:
            keyring.set_keyring(backend)

    yield install
    keyring.core._keyring_backend = saved


@pytest.fixture
def dict_keyring(use_keyring: Callable[[KeyringBackend | None], None]) -> DictKeyring:
    backend = DictKeyring()
    use_keyring(backend)
    return backend


@pytest.fixture
def secrets_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "secrets.json"


@pytest.fixture
def secret_store(dict_keyring: DictKeyring, secrets_file: Path) -> SecretStore:
    return SecretStore(file_path=secrets_file, env={}, timeout=2.0)


NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
GOOD_PASSWORD = "Corr3ct-Horse-Battery"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'auth.db'}", clock=clock) as opened:
        yield opened


@pytest.fixture
def make_auth(
    store: Store, secret_store: SecretStore, clock: FrozenClock
) -> Callable[..., AuthService]:
    """An AuthService on the test store at bcrypt's minimum rounds (fast), options overridable."""

    def build(**options: Any) -> AuthService:
        options.setdefault("_hash_rounds_for_tests", 4)
        return AuthService(store, secret_store, clock, **options)

    return build


@pytest.fixture
def auth(make_auth: Callable[..., AuthService]) -> AuthService:
    return make_auth()
