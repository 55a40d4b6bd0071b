"""For tests of the app on the real container: the container with bcrypt at its minimum cost,
and a dictionary keyring in place of the machine's for the length of a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.core

from interviewai_tui.auth.service import AuthService
from interviewai_tui.container import Container
from tests.auth.fake_keyrings import DictKeyring


class FastContainer(Container):
    """The real container, with bcrypt at cost 4 so the tests stay fast."""

    @property
    def auth(self) -> AuthService:
        if "auth" not in self._services:
            s = self.settings
            self._services["auth"] = AuthService(
                self.store,
                self.secrets,
                self.clock,
                lockout_threshold=s.lockout_threshold,
                lockout_minutes=s.lockout_minutes,
                _hash_rounds_for_tests=4,
            )
        auth: AuthService = self._services["auth"]
        return auth


@contextmanager
def dict_keyring_installed() -> Iterator[DictKeyring]:
    """A fresh `DictKeyring` as the keyring backend; the previous one is put back after."""
    saved = keyring.core._keyring_backend
    backend = DictKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = saved
