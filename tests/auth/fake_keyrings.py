"""Small keyring backends standing in for the ways real keyrings behave on headless machines."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, NoKeyringError, PasswordDeleteError


class _TestOnly(KeyringBackend):
    # Raising here makes keyring's auto-detection skip these classes, so defining them in
    # the test process cannot change which backend other code would get.
    @property
    def priority(self) -> float:  # type: ignore[override]
        raise RuntimeError("test backend")


class DictKeyring(_TestOnly):
    """A working keyring."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.calls = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.calls += 1
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls += 1
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls += 1
        if (service, username) not in self.items:
            raise PasswordDeleteError("not found")
        del self.items[(service, username)]


class FailingKeyring(_TestOnly):
    """Like keyring's fail backend on a machine without D-Bus: every call raises."""

    def __init__(self, error: type[Exception] = NoKeyringError) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise self.error("no backend")


class LockedKeyring(FailingKeyring):
    def __init__(self) -> None:
        super().__init__(KeyringLocked)


class DiscardingKeyring(_TestOnly):
    """Accepts writes and forgets them, like the null backend but under another class name."""

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


class HangingKeyring(_TestOnly):
    """A locked store waiting for a prompt nobody sees: calls block until released."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.calls = 0

    def _wait(self) -> None:
        self.calls += 1
        self.release.wait(30)

    def get_password(self, service: str, username: str) -> str | None:
        self._wait()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait()

    def delete_password(self, service: str, username: str) -> None:
        self._wait()
