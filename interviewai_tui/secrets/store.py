"""`SecretStore`: secrets by name in the system keyring, with an honest fallback.

keyring can fail in several quiet ways (no D-Bus over SSH, the null backend that discards
values, a bad PYTHON_KEYRING_BACKEND, a locked store waiting for an invisible prompt). Every
keyring call therefore runs in a daemon thread with a timeout, the first failure is turned
into a one-line explanation (`status()`), and secrets then go to session memory or, if the
user opted in, to a 0600 file in the config dir. `set()` always says where a secret went.

keyring is imported lazily: the first screen paints before it is loaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from interviewai_tui.secrets.keyring_calls import (
    DEFAULT_TIMEOUT,
    KEYRING_LOCK,
    delete_quietly,
    diagnose,
    explain,
    hang_text,
    run_with_timeout,
)
from interviewai_tui.secrets.secret_file import read_secret_file, write_secret_file

Location = Literal["keyring", "memory", "file", "environment"]
T = TypeVar("T")

SERVICE = "interviewai"
API_KEY_ENV: dict[str, tuple[str, ...]] = {
    "openai": ("OPENAI_API_KEY",),
    "anthropic": ("ANTHROPIC_API_KEY",),
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
    "deepseek": ("DEEPSEEK_API_KEY",),
}
_WHERE_TEXT = {
    "keyring": "Saved in the system keyring.",
    "file": "Saved in {path} (readable only by you).",
    "memory": "Kept for this session only; it will be forgotten when you quit.",
}


class SecretStoreError(Exception):
    """A secret could not be saved anywhere; the message is one sentence."""


@dataclass(frozen=True)
class SecretStatus:
    """Whether the keyring works, and if not, why and where secrets go instead."""

    keyring_usable: bool
    explanation: str
    fallback: Literal["memory", "file"]
    file_path: Path


@dataclass(frozen=True)
class Saved:
    where: Location
    message: str


@dataclass(frozen=True)
class ApiKeyInfo:
    provider: str
    masked: str
    where: Location


def mask(secret: str) -> str:
    """Show at most the last 4 characters, and none of a short secret."""
    if len(secret) >= 12:
        return "••••" + secret[-4:]
    return "••••"


def api_key_name(provider: str) -> str:
    return f"api-key:{provider}"


class SecretStore:
    """Secrets by name, in the keyring when it works, else memory or an opt-in file.

    Args:
        file_path: the opt-in secrets file (default ``<config dir>/secrets.json``). If it
            exists at start the user opted in earlier, and it is used again.
        timeout: seconds any keyring call may take before the keyring is declared unusable.
        env: environment for API-key variables (tests pass a dict).
    """

    def __init__(
        self,
        *,
        file_path: Path | None = None,
        service: str = SERVICE,
        timeout: float = DEFAULT_TIMEOUT,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.file_path = file_path or default_secrets_file()
        self.service = service
        self.timeout = timeout
        self._env = os.environ if env is None else env
        self._memory: dict[str, str] = {}
        self._use_file = self.file_path.is_file()
        self._problem: str | None = None
        self._probed = False
        self._probe_lock = asyncio.Lock()

    # --- status and choices --------------------------------------------------------

    async def status(self) -> SecretStatus:
        await self._probe()
        return self._status()

    def _status(self) -> SecretStatus:
        return SecretStatus(
            keyring_usable=self._problem is None,
            explanation=self._problem or "",
            fallback="file" if self._use_file else "memory",
            file_path=self.file_path,
        )

    def use_file(self) -> None:
        """The user's explicit opt-in to the secrets file; remembered by the file existing."""
        self._use_file = True
        if self._memory:  # move what was kept for the session so it is not lost
            data = read_secret_file(self.file_path)
            data.update(self._memory)
            write_secret_file(self.file_path, data)
            self._memory.clear()

    # --- generic secrets -----------------------------------------------------------

    async def set(self, name: str, value: str) -> Saved:
        """Store `value`; the result says where (never "keyring" unless it was read back)."""
        await self._probe()
        if self._problem is None:
            try:
                await self._keyring(lambda kr: kr.set_password(self.service, name, value))
                back = await self._keyring(lambda kr: kr.get_password(self.service, name))
            except _KeyringFailed:
                pass
            else:
                if back == value:
                    self._memory.pop(name, None)
                    return Saved("keyring", _WHERE_TEXT["keyring"])
                self._problem = "The system keyring accepted a secret but did not keep it."
        return self._save_fallback(name, value)

    def _save_fallback(self, name: str, value: str) -> Saved:
        why = f"{self._problem} " if self._problem else ""
        if self._use_file:
            data = read_secret_file(self.file_path)
            data[name] = value
            try:
                write_secret_file(self.file_path, data)
            except OSError as exc:
                raise SecretStoreError(
                    f"Could not write {self.file_path}: {exc.strerror or exc}."
                ) from None
            return Saved("file", why + _WHERE_TEXT["file"].format(path=self.file_path))
        self._memory[name] = value
        return Saved("memory", why + _WHERE_TEXT["memory"])

    async def get(self, name: str) -> str | None:
        found = await self.locate(name)
        return found[0] if found else None

    async def locate(self, name: str) -> tuple[str, Location] | None:
        """The secret and where it was found: memory, then keyring, then the file."""
        if name in self._memory:
            return self._memory[name], "memory"
        await self._probe()
        if self._problem is None:
            with contextlib.suppress(_KeyringFailed):
                value = await self._keyring(lambda kr: kr.get_password(self.service, name))
                if value is not None:
                    return str(value), "keyring"
        if self._use_file or self.file_path.is_file():
            value = read_secret_file(self.file_path).get(name)
            if value is not None:
                return value, "file"
        return None

    async def delete(self, name: str) -> None:
        """Remove `name` everywhere it may be kept."""
        self._memory.pop(name, None)
        await self._probe()
        if self._problem is None:
            with contextlib.suppress(_KeyringFailed):
                await self._keyring(lambda kr: delete_quietly(kr, self.service, name))
        if self.file_path.is_file():
            data = read_secret_file(self.file_path)
            if data.pop(name, None) is not None:
                write_secret_file(self.file_path, data)

    # --- API keys ------------------------------------------------------------------

    async def set_api_key(self, provider: str, key: str) -> Saved:
        key = key.strip()
        if not key:
            raise SecretStoreError("The API key is empty.")
        return await self.set(api_key_name(provider), key)

    async def get_api_key(self, provider: str) -> str | None:
        """The stored key, else the provider's usual environment variable."""
        found = await self.locate_api_key(provider)
        return found[0] if found else None

    async def locate_api_key(self, provider: str) -> tuple[str, Location] | None:
        stored = await self.locate(api_key_name(provider))
        if stored:
            return stored
        for var in API_KEY_ENV.get(provider, ()):
            value = self._env.get(var, "").strip()
            if value:
                return value, "environment"
        return None

    async def delete_api_key(self, provider: str) -> None:
        await self.delete(api_key_name(provider))

    async def list_api_keys(self) -> list[ApiKeyInfo]:
        """Every provider that has a key, masked, and where the key comes from."""
        out = []
        for provider in API_KEY_ENV:
            found = await self.locate_api_key(provider)
            if found:
                out.append(ApiKeyInfo(provider, mask(found[0]), found[1]))
        return out

    # --- keyring plumbing ----------------------------------------------------------

    async def _probe(self) -> None:
        if self._probed:
            return
        async with self._probe_lock:
            if self._probed:
                return
            try:
                probe = await run_with_timeout(diagnose, self.service, timeout=self.timeout)
                self._problem = probe.explanation or None
            except TimeoutError:
                self._problem = hang_text(self.timeout)
            self._probed = True

    async def _keyring(self, op: Callable[[Any], T]) -> T:
        """Run one keyring operation; on failure record why and raise _KeyringFailed."""

        def call() -> T:
            import keyring

            with KEYRING_LOCK:
                return op(keyring.get_keyring())

        try:
            return await run_with_timeout(call, timeout=self.timeout)
        except TimeoutError:
            # A store that hung once will hang again: stop asking it this session.
            self._problem = hang_text(self.timeout)
        except Exception as exc:  # keyring backends raise many unrelated types
            self._problem = explain(exc)
        raise _KeyringFailed


class _KeyringFailed(Exception):
    pass


def default_secrets_file() -> Path:
    """Where the opt-in secrets file lives: ``<user config dir>/secrets.json``."""
    from interviewai_tui import paths

    return paths.default_config_dir() / "secrets.json"
