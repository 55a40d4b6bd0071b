"""Calling keyring safely: in a daemon thread, with a timeout, failures turned into one line.

keyring is imported inside the functions (start-up time).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0
# Keyring backends (D-Bus connections in particular) are not safe to call from several
# threads at once, so every call made here takes this lock.
KEYRING_LOCK = threading.Lock()
NO_KEYRING = "No system keyring is available (common over SSH without a D-Bus session)."


@dataclass(frozen=True)
class KeyringProbe:
    """The backend keyring would use and whether it can hold secrets."""

    backend: str
    usable: bool
    explanation: str

    def describe(self) -> str:
        if self.usable:
            return f"keyring: {self.backend} (usable)"
        return f"keyring: {self.backend} (not usable: {self.explanation})"


def hang_text(timeout: float) -> str:
    return (
        f"The system keyring did not answer within {timeout:g} seconds "
        "(it may be locked and waiting for a password prompt)."
    )


def explain(exc: BaseException) -> str:
    """One line for a keyring failure; never the exception text, which may hold paths/ids."""
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(exc, NoKeyringError):
        return NO_KEYRING
    if isinstance(exc, KeyringLocked):
        return "The system keyring is locked."
    return f"The system keyring failed ({type(exc).__name__})."


def diagnose(service: str) -> KeyringProbe:
    """Why the configured keyring cannot be used (or that it can). Blocking: run in a thread."""
    with KEYRING_LOCK:
        return _diagnose(service)


def _diagnose(service: str) -> KeyringProbe:
    try:
        import keyring
        from keyring.backends import fail, null

        kr = keyring.get_keyring()
    except Exception as exc:
        backend = os.environ.get("PYTHON_KEYRING_BACKEND")
        if backend:
            why = f"PYTHON_KEYRING_BACKEND={backend} could not be loaded ({type(exc).__name__})."
            return KeyringProbe(backend, False, why)
        why = f"The system keyring could not be loaded ({type(exc).__name__})."
        return KeyringProbe("unknown", False, why)
    name = f"{type(kr).__module__}.{type(kr).__name__}"
    if isinstance(kr, null.Keyring):
        why = "The keyring is disabled (the null backend discards secrets)."
        return KeyringProbe(name, False, why)
    if isinstance(kr, fail.Keyring):
        return KeyringProbe(name, False, NO_KEYRING)
    try:
        kr.get_password(service, "probe")
    except Exception as exc:
        return KeyringProbe(name, False, explain(exc))
    return KeyringProbe(name, True, "")


def delete_quietly(kr: Any, service: str, name: str) -> None:
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):
        kr.delete_password(service, name)


def _start_daemon(fn: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=fn, name="keyring-call", daemon=True)
    thread.start()
    return thread


async def run_with_timeout(fn: Callable[..., T], *args: Any, timeout: float) -> T:
    """Run `fn` in a daemon thread: a hung keyring must neither block the loop nor the exit.

    (asyncio.to_thread would use the default executor, whose threads are joined when the
    loop and the interpreter shut down, so one stuck call would hang the app on quit.)
    Raises TimeoutError after `timeout` seconds; the stuck thread is abandoned.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(result: T | None, error: BaseException | None) -> None:
        if future.done():  # the caller already gave up (timeout)
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        result: T | None = None
        error: BaseException | None = None
        try:
            result = fn(*args)
        except BaseException as exc:
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop may be closed by now
            loop.call_soon_threadsafe(deliver, result, error)

    _start_daemon(run)
    return await asyncio.wait_for(future, timeout)


def run_sync_with_timeout(fn: Callable[..., T], *args: Any, timeout: float) -> T:
    """The same for synchronous callers (the `doctor` command)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = fn(*args)
        except BaseException as exc:
            box["error"] = exc

    _start_daemon(run).join(timeout)
    if "error" in box:
        raise box["error"]
    if "result" not in box:
        raise TimeoutError
    return box["result"]  # type: ignore[no-any-return]


def probe_keyring(service: str = "interviewai", timeout: float = DEFAULT_TIMEOUT) -> KeyringProbe:
    """Synchronous probe for diagnostics; never waits longer than `timeout`."""
    try:
        return run_sync_with_timeout(diagnose, service, timeout=timeout)
    except TimeoutError:
        return KeyringProbe("unknown", False, hang_text(timeout))
