"""Password policy and bcrypt hashing.

bcrypt is imported inside the functions that use it: the sign-in screen must paint before
it is loaded. Every hash or check is synchronous here; the service runs them in a thread.

Passwords are NFKC-normalised before anything else (NIST 800-63B), so the same password
typed on two keyboards hashes the same. bcrypt 5 raises on more than 72 bytes, so such
passwords are refused at registration and simply never match at sign-in.
"""

from __future__ import annotations

import asyncio
import threading
import unicodedata
from functools import cache
from pathlib import Path

from interviewai_tui import paths

MIN_LENGTH = 8
MAX_BYTES = 72
MIN_COST = 12
DEFAULT_COST = 12
# bcrypt's own minimum; only reachable through the explicit test hook below.
_BCRYPT_MIN_ROUNDS = 4
_DUMMY_PASSWORD = b"interviewai-dummy-password-for-equal-timing"
# Precomputed so the first sign-in of an unknown email is not slower than later ones.
_DUMMY_HASHES = {12: b"$2b$12$C9LMkc5u8x1GL9TDaATB.OPwJc1e3Y24YodzWOa3AfPF93pY6uoC6"}


class WeakCostError(ValueError):
    """A bcrypt cost below the minimum was configured."""


def normalize(password: str) -> str:
    """The form that is measured, checked and hashed."""
    return unicodedata.normalize("NFKC", password)


def common_passwords_file() -> Path:
    return paths.assets_dir() / "common-passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of 10,000 common passwords, lowercased; loaded on first use."""
    text = common_passwords_file().read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())


def is_common(password: str) -> bool:
    return normalize(password).casefold() in common_passwords()


def email_local_part(email: str) -> str:
    return email.strip().split("@", 1)[0].casefold()


def password_problem(email: str, password: str) -> str | None:
    """Why `password` is not acceptable for the account `email`, or None if it is.

    Cheap and synchronous so forms can call it on every key press.
    """
    pw = normalize(password)
    if len(pw) < MIN_LENGTH:
        return f"Password must be at least {MIN_LENGTH} characters long."
    if len(pw.encode("utf-8")) > MAX_BYTES:
        return (
            f"Password is too long: at most {MAX_BYTES} bytes "
            "(72 plain letters, fewer with accents or emoji)."
        )
    if not any(ch.isupper() for ch in pw):
        return "Password must contain an uppercase letter."
    if not any(ch.islower() for ch in pw):
        return "Password must contain a lowercase letter."
    if not any(ch.isdigit() for ch in pw):
        return "Password must contain a digit."
    local = email_local_part(email)
    if len(local) >= 3 and local in pw.casefold():
        return "Password must not contain the name part of your email address."
    if pw.casefold() in common_passwords():
        return "This password is one of the 10,000 most common passwords; choose another."
    return None


class PasswordHasher:
    """bcrypt at a fixed cost, with a dummy check so missing accounts take as long as wrong ones.

    Args:
        cost: the bcrypt work factor; below 12 is refused.
        _rounds_for_tests: bypasses the minimum so test suites can run at bcrypt's minimum of 4.
            Never set it in production code.
    """

    def __init__(self, cost: int = DEFAULT_COST, *, _rounds_for_tests: int | None = None) -> None:
        if _rounds_for_tests is not None:
            if _rounds_for_tests < _BCRYPT_MIN_ROUNDS:
                raise WeakCostError(f"bcrypt rounds must be at least {_BCRYPT_MIN_ROUNDS}")
            cost = _rounds_for_tests
        elif cost < MIN_COST:
            raise WeakCostError(f"bcrypt cost must be at least {MIN_COST} (got {cost}).")
        self.cost = cost
        self._dummy: bytes | None = _DUMMY_HASHES.get(cost)
        self._dummy_lock = threading.Lock()

    def hash(self, password: str) -> str:
        """Hash a policy-checked password. Raises ValueError when it is over 72 bytes."""
        import bcrypt

        raw = normalize(password).encode("utf-8")
        if len(raw) > MAX_BYTES:
            raise ValueError(f"password longer than {MAX_BYTES} bytes")
        return bcrypt.hashpw(raw, bcrypt.gensalt(self.cost)).decode("ascii")

    def verify(self, password: str, stored_hash: str | None) -> bool:
        """True when `password` matches; always spends exactly one bcrypt check.

        A missing or malformed hash, or an over-long password, is checked against the dummy
        hash instead so the time taken does not reveal which case happened.
        """
        import bcrypt

        raw = normalize(password).encode("utf-8")
        usable = stored_hash is not None and stored_hash.startswith("$2")
        if len(raw) > MAX_BYTES or not usable:
            self.burn()
            return False
        assert stored_hash is not None
        try:
            return bool(bcrypt.checkpw(raw, stored_hash.encode("ascii")))
        except ValueError:  # corrupt stored hash: treat as a wrong password, never crash
            return False

    def burn(self) -> None:
        """One bcrypt check against the dummy hash, result ignored (equal timing)."""
        import bcrypt

        bcrypt.checkpw(_DUMMY_PASSWORD, self._dummy_hash())

    def _dummy_hash(self) -> bytes:
        with self._dummy_lock:
            if self._dummy is None:
                import bcrypt

                self._dummy = bcrypt.hashpw(_DUMMY_PASSWORD, bcrypt.gensalt(self.cost))
            return self._dummy

    async def prepare(self) -> None:
        """Compute the dummy hash ahead of the first sign-in (in a thread)."""
        await asyncio.to_thread(self._dummy_hash)

    async def hash_async(self, password: str) -> str:
        return await asyncio.to_thread(self.hash, password)

    async def verify_async(self, password: str, stored_hash: str | None) -> bool:
        return await asyncio.to_thread(self.verify, password, stored_hash)

    async def burn_async(self) -> None:
        await asyncio.to_thread(self.burn)
