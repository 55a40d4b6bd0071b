"""Synchronous look-ups for the `doctor` command: where is a provider's stored key?"""

from __future__ import annotations

from pathlib import Path

from interviewai_tui.secrets.keyring_calls import (
    DEFAULT_TIMEOUT,
    KEYRING_LOCK,
    run_sync_with_timeout,
)
from interviewai_tui.secrets.secret_file import read_secret_file
from interviewai_tui.secrets.store import SERVICE, api_key_name, default_secrets_file

_sync_keyring_hung = False


def lookup_api_key_source(
    provider: str, *, file_path: Path | None = None, timeout: float = DEFAULT_TIMEOUT
) -> str | None:
    """Where a stored key for `provider` is ("key in the system keyring" …), for `doctor`.

    Synchronous and bounded by `timeout`; environment variables are not looked at here.
    """
    name = api_key_name(provider)

    def from_keyring() -> str | None:
        import keyring

        with KEYRING_LOCK:
            return keyring.get_keyring().get_password(SERVICE, name)

    global _sync_keyring_hung
    if not _sync_keyring_hung:
        try:
            if run_sync_with_timeout(from_keyring, timeout=timeout):
                return "key in the system keyring"
        except TimeoutError:
            _sync_keyring_hung = True  # do not wait again for the next provider
        except Exception:  # any other keyring failure: just "not there"
            pass
    path = file_path or default_secrets_file()
    if read_secret_file(path).get(name):
        return f"key in {path}"
    return None
