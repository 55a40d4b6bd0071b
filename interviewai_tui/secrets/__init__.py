"""API keys and remembered sign-ins, kept in the system keyring with an honest fallback.

`SecretStore` is the async API the services use; `probe_keyring()` and
`lookup_api_key_source()` are synchronous helpers for the `doctor` command.
keyring itself is imported only inside functions (start-up time).
"""

from __future__ import annotations

from interviewai_tui.secrets.keyring_calls import KeyringProbe, probe_keyring
from interviewai_tui.secrets.lookup import lookup_api_key_source
from interviewai_tui.secrets.store import (
    API_KEY_ENV,
    SERVICE,
    ApiKeyInfo,
    Location,
    Saved,
    SecretStatus,
    SecretStore,
    SecretStoreError,
    api_key_name,
    default_secrets_file,
    mask,
)

__all__ = [
    "API_KEY_ENV",
    "SERVICE",
    "ApiKeyInfo",
    "KeyringProbe",
    "Location",
    "Saved",
    "SecretStatus",
    "SecretStore",
    "SecretStoreError",
    "api_key_name",
    "default_secrets_file",
    "lookup_api_key_source",
    "mask",
    "probe_keyring",
]
