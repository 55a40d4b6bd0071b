"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s) and recovery codes.

Written on hmac/hashlib so no dependency is needed; segno (already a dependency) draws the
enrolment QR code as plain text with half-block characters.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
WINDOW = 1  # accept the previous and next step too: phone clocks drift
SECRET_BYTES = 20  # 160 bits, the size RFC 4226 recommends for SHA-1
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o/1/l/i: read aloud safely
_RECOVERY_GROUPS = 4
_RECOVERY_GROUP_LEN = 4


def new_secret() -> str:
    """A random base32 secret (no padding), as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    padding = "=" * (-len(cleaned) % 8)
    return base64.b32decode(cleaned + padding)


def step_at(moment: datetime) -> int:
    return int(moment.timestamp()) // STEP_SECONDS


def code_at_step(secret: str, step: int) -> str:
    """The RFC 4226 HOTP value for counter `step`."""
    digest = hmac.new(_key(secret), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def code_at(secret: str, moment: datetime) -> str:
    return code_at_step(secret, step_at(moment))


def verify(secret: str, code: str, moment: datetime, *, last_step: int | None = None) -> int | None:
    """The matching time step if `code` is valid at `moment` (±1 step), else None.

    A step at or before `last_step` (the one used at the previous sign-in) is refused, so a
    code seen over someone's shoulder cannot be replayed.
    """
    digits = "".join(code.split())
    if len(digits) != DIGITS or not (digits.isascii() and digits.isdigit()):
        return None
    now_step = step_at(moment)
    for step in range(now_step - WINDOW, now_step + WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(code_at_step(secret, step), digits):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "InterviewAI") -> str:
    """The otpauth:// URI that authenticator apps read from the QR code."""
    # The issuer goes only in the query (apps show it from there) and algorithm/digits/period
    # are left at their defaults (SHA1, 6, 30): a shorter URI gives a QR code small enough
    # to show whole in an 80x24 terminal.
    label = quote(account, safe="@")
    query = urlencode({"secret": secret, "issuer": issuer})
    return f"otpauth://totp/{label}?{query}"


def qr_text(data: str, *, dark_on_light: bool = False, border: int = 2) -> str:
    """A QR code as lines of half-block characters (two module rows per text line).

    Args:
        dark_on_light: draw dark modules as ink, for light backgrounds. The default draws the
            light modules as ink, which reads as a normal QR code on a dark terminal.
        border: quiet zone in modules; scanners need at least 2 on a terminal.
    """
    import segno

    qr = segno.make(data, error="l", micro=False, boost_error=False)
    rows = [[bool(cell) for cell in row] for row in qr.matrix]
    size = len(rows)
    blank = [False] * (size + 2 * border)
    grid = [blank] * border + [[False] * border + r + [False] * border for r in rows]
    grid += [blank] * border
    if len(grid) % 2:
        grid.append(blank)
    lines = []
    for top, bottom in zip(grid[0::2], grid[1::2], strict=True):
        chars = []
        for upper_dark, lower_dark in zip(top, bottom, strict=True):
            upper = upper_dark if dark_on_light else not upper_dark
            lower = lower_dark if dark_on_light else not lower_dark
            chars.append(" ▀▄█"[upper + 2 * lower])
        lines.append("".join(chars))
    return "\n".join(lines)


@dataclass(frozen=True)
class RecoveryCodes:
    """Codes to show once, and the hashes to store."""

    codes: list[str]
    hashes: list[str]


def hash_recovery_code(code: str) -> str:
    # 80 random bits per code, so a fast hash is enough (no dictionary to attack).
    canonical = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(canonical.encode("ascii", "ignore")).hexdigest()


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> RecoveryCodes:
    codes = []
    for _ in range(count):
        groups = [
            "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUP_LEN))
            for _ in range(_RECOVERY_GROUPS)
        ]
        codes.append("-".join(groups))
    return RecoveryCodes(codes=codes, hashes=[hash_recovery_code(c) for c in codes])


def match_recovery_code(code: str, hashes: list[str]) -> str | None:
    """The stored hash that `code` matches (to be removed: codes are one-time), or None."""
    candidate = hash_recovery_code(code)
    found = None
    for stored in hashes:
        if hmac.compare_digest(stored, candidate):
            found = stored
    return found


def looks_like_recovery_code(code: str) -> bool:
    return "-" in code or len("".join(code.split())) > DIGITS
