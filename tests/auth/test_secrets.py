from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from interviewai_tui.secrets import (
    SecretStore,
    SecretStoreError,
    lookup_api_key_source,
    mask,
    probe_keyring,
)

from .fake_keyrings import (
    DictKeyring,
    DiscardingKeyring,
    FailingKeyring,
    HangingKeyring,
    LockedKeyring,
)

Install = Callable[[KeyringBackend | None], None]


async def test_working_keyring_round_trip(secret_store: SecretStore, dict_keyring: DictKeyring):
    status = await secret_store.status()
    assert status.keyring_usable and status.explanation == ""
    saved = await secret_store.set("session-token", "tok-123")
    assert saved.where == "keyring"
    assert dict_keyring.items[("interviewai", "session-token")] == "tok-123"
    assert await secret_store.get("session-token") == "tok-123"
    await secret_store.delete("session-token")
    assert await secret_store.get("session-token") is None
    await secret_store.delete("session-token")  # deleting twice is not an error


async def test_fail_backend_falls_back_to_memory_and_says_so(use_keyring: Install, tmp_path: Path):
    use_keyring(fail.Keyring())
    store = SecretStore(file_path=tmp_path / "s.json", env={})
    status = await store.status()
    assert not status.keyring_usable
    assert "No system keyring" in status.explanation and "\n" not in status.explanation
    saved = await store.set("api-key:openai", "sk-abcdefghijkl1234")
    assert saved.where == "memory"
    assert "session only" in saved.message and "No system keyring" in saved.message
    assert await store.get("api-key:openai") == "sk-abcdefghijkl1234"
    assert not (tmp_path / "s.json").exists()


async def test_null_backend_is_detected_not_trusted(use_keyring: Install, tmp_path: Path):
    use_keyring(null.Keyring())
    store = SecretStore(file_path=tmp_path / "s.json", env={})
    status = await store.status()
    assert not status.keyring_usable and "null backend" in status.explanation
    saved = await store.set("x", "value-1")
    assert saved.where == "memory"
    assert await store.get("x") == "value-1"


async def test_backend_that_silently_discards_is_caught_on_write(
    use_keyring: Install, tmp_path: Path
):
    use_keyring(DiscardingKeyring())
    store = SecretStore(file_path=tmp_path / "s.json", env={})
    assert (await store.status()).keyring_usable  # looks fine until a value is written
    saved = await store.set("x", "value-1")
    assert saved.where == "memory"
    assert "did not keep it" in saved.message
    assert await store.get("x") == "value-1"
    assert not (await store.status()).keyring_usable


async def test_locked_keyring(use_keyring: Install, tmp_path: Path):
    use_keyring(LockedKeyring())
    store = SecretStore(file_path=tmp_path / "s.json", env={})
    status = await store.status()
    assert status.explanation == "The system keyring is locked."


async def test_hanging_keyring_times_out_and_is_not_asked_again(
    use_keyring: Install, tmp_path: Path
):
    backend = HangingKeyring()
    use_keyring(backend)
    store = SecretStore(file_path=tmp_path / "s.json", env={}, timeout=0.3)
    try:
        started = time.monotonic()
        status = await store.status()
        assert time.monotonic() - started < 2.0
        assert (
            not status.keyring_usable and "did not answer within 0.3 seconds" in status.explanation
        )
        started = time.monotonic()
        saved = await store.set("x", "value-1")
        assert time.monotonic() - started < 0.2  # no second wait on a keyring known to hang
        assert saved.where == "memory"
        assert backend.calls == 1
    finally:
        backend.release.set()


async def test_bad_backend_env_var(use_keyring: Install, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.module.Keyring")
    use_keyring(None)  # make keyring detect again, reading the variable
    store = SecretStore(file_path=tmp_path / "s.json", env={})
    status = await store.status()
    assert not status.keyring_usable
    assert "PYTHON_KEYRING_BACKEND=no.such.module.Keyring could not be loaded" in (
        status.explanation
    )
    assert (await store.set("x", "v")).where == "memory"


def test_no_dbus_in_a_fresh_process_gives_a_plain_explanation(tmp_path: Path):
    """What an SSH user gets: the real keyring detection, without D-Bus, in its own process."""
    code = (
        "import asyncio, pathlib\n"
        "from interviewai_tui.secrets import SecretStore\n"
        "s = SecretStore(file_path=pathlib.Path('x.json'), env={})\n"
        "st = asyncio.run(s.status())\n"
        "print(st.keyring_usable, st.explanation)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=30
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("False No system keyring is available")


async def test_opt_in_file_is_0600_atomic_and_remembered(use_keyring: Install, tmp_path: Path):
    use_keyring(FailingKeyring())
    path = tmp_path / "cfg" / "secrets.json"
    store = SecretStore(file_path=path, env={})
    await store.set("early", "kept-in-memory")
    store.use_file()  # the user's explicit choice
    saved = await store.set("api-key:openai", "sk-abcdefghijkl1234")
    assert saved.where == "file" and str(path) in saved.message
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == {
        "early": "kept-in-memory",
        "api-key:openai": "sk-abcdefghijkl1234",
    }
    assert [p.name for p in path.parent.iterdir()] == ["secrets.json"]  # no temp file left
    # A new process finds the file and keeps using it without asking again.
    again = SecretStore(file_path=path, env={})
    assert (await again.status()).fallback == "file"
    assert await again.get("api-key:openai") == "sk-abcdefghijkl1234"
    await again.delete("api-key:openai")
    assert json.loads(path.read_text()) == {"early": "kept-in-memory"}


async def test_unwritable_file_is_reported_not_swallowed(use_keyring: Install, tmp_path: Path):
    use_keyring(FailingKeyring())
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    store = SecretStore(file_path=blocker / "secrets.json", env={})
    store.use_file()
    with pytest.raises(SecretStoreError, match=r"^Could not write .*secrets\.json"):
        await store.set("x", "v")


async def test_api_keys_masked_listing_and_env_fallback(dict_keyring: DictKeyring, tmp_path: Path):
    env = {"ANTHROPIC_API_KEY": "sk-ant-from-env-9876", "GOOGLE_API_KEY": "short"}
    store = SecretStore(file_path=tmp_path / "s.json", env=env)
    await store.set_api_key("openai", "  sk-openai-secret-abcd  ")
    assert await store.get_api_key("openai") == "sk-openai-secret-abcd"
    assert await store.get_api_key("anthropic") == "sk-ant-from-env-9876"
    listed = {k.provider: (k.masked, k.where) for k in await store.list_api_keys()}
    assert listed == {
        "openai": ("••••abcd", "keyring"),
        "anthropic": ("••••9876", "environment"),
        "gemini": ("••••", "environment"),
    }
    for masked, _ in listed.values():
        assert "secret" not in masked and "from-env" not in masked
    # A stored key wins over the environment; removing it reveals the variable again.
    await store.set_api_key("anthropic", "sk-ant-stored-key-1111")
    assert await store.get_api_key("anthropic") == "sk-ant-stored-key-1111"
    await store.delete_api_key("anthropic")
    assert await store.get_api_key("anthropic") == "sk-ant-from-env-9876"


async def test_empty_api_key_refused(secret_store: SecretStore):
    with pytest.raises(SecretStoreError, match=r"^The API key is empty\.$"):
        await secret_store.set_api_key("openai", "   ")


def test_mask_never_shows_more_than_four():
    assert mask("sk-1234567890abcdef") == "••••cdef"
    assert mask("abc") == "••••"
    assert mask("12345678901") == "••••"


async def test_concurrent_calls_probe_once(secret_store: SecretStore, dict_keyring: DictKeyring):
    await asyncio.gather(*(secret_store.get(f"k{i}") for i in range(10)))
    # one probe read plus one read per get
    assert dict_keyring.calls == 11


def test_sync_probe_for_doctor(use_keyring: Install):
    use_keyring(DictKeyring())
    probe = probe_keyring()
    assert probe.usable and probe.describe().endswith("(usable)")
    use_keyring(null.Keyring())
    probe = probe_keyring()
    assert not probe.usable
    assert probe.describe() == (
        "keyring: keyring.backends.null.Keyring (not usable: "
        "The keyring is disabled (the null backend discards secrets).)"
    )


def test_sync_probe_of_a_hanging_keyring_returns_in_time(use_keyring: Install):
    backend = HangingKeyring()
    use_keyring(backend)
    try:
        started = time.monotonic()
        probe = probe_keyring(timeout=0.2)
        assert time.monotonic() - started < 1.0
        assert not probe.usable and "did not answer" in probe.explanation
    finally:
        backend.release.set()


async def test_lookup_api_key_source_for_doctor(use_keyring: Install, tmp_path: Path):
    backend = DictKeyring()
    use_keyring(backend)
    path = tmp_path / "secrets.json"
    assert lookup_api_key_source("openai", file_path=path) is None
    backend.items[("interviewai", "api-key:openai")] = "sk-1"
    assert lookup_api_key_source("openai", file_path=path) == "key in the system keyring"
    use_keyring(FailingKeyring())
    store = SecretStore(file_path=path, env={})
    store.use_file()
    await store.set_api_key("deepseek", "sk-deepseek-0000")
    assert lookup_api_key_source("deepseek", file_path=path) == f"key in {path}"
