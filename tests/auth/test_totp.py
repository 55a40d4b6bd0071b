from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from interviewai_tui.auth import totp

# RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("unix_time", "eight_digits"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_rfc6238_vectors(unix_time: int, eight_digits: str):
    moment = datetime.fromtimestamp(unix_time, UTC)
    # 6-digit codes are the last 6 digits of the RFC's 8-digit values.
    assert totp.code_at(RFC_SECRET, moment) == eight_digits[-6:]


def test_new_secret_is_random_base32_of_160_bits():
    a, b = totp.new_secret(), totp.new_secret()
    assert a != b
    assert len(base64.b32decode(a + "=" * (-len(a) % 8))) == 20


def test_verify_window_and_replay():
    secret = totp.new_secret()
    now = datetime(2025, 3, 1, 12, 0, 10, tzinfo=UTC)
    step = totp.step_at(now)
    code = totp.code_at(secret, now)
    assert totp.verify(secret, code, now) == step
    assert totp.verify(secret, f"{code[:3]} {code[3:]}", now) == step  # spaces allowed
    earlier = totp.code_at(secret, now - timedelta(seconds=30))
    later = totp.code_at(secret, now + timedelta(seconds=30))
    assert totp.verify(secret, earlier, now) == step - 1
    assert totp.verify(secret, later, now) == step + 1
    too_old = totp.code_at(secret, now - timedelta(seconds=60))
    assert totp.verify(secret, too_old, now) is None
    # The step used at the last sign-in, and anything before it, cannot be used again.
    assert totp.verify(secret, code, now, last_step=step) is None
    assert totp.verify(secret, earlier, now, last_step=step - 1) is None
    assert totp.verify(secret, later, now, last_step=step) == step + 1


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", "12345a", "١٢٣٤٥٦"])
def test_malformed_codes_never_match(bad: str):
    secret = totp.new_secret()
    assert totp.verify(secret, bad, datetime(2025, 1, 1, tzinfo=UTC)) is None


def test_provisioning_uri():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", "jane@example.com")
    parsed = urlparse(uri)
    assert parsed.scheme == "otpauth" and parsed.netloc == "totp"
    assert parsed.path == "/jane@example.com"
    assert parse_qs(parsed.query) == {"secret": ["JBSWY3DPEHPK3PXP"], "issuer": ["InterviewAI"]}


def test_qr_text_is_plain_half_blocks_that_fit_80x24():
    uri = totp.provisioning_uri(totp.new_secret(), "a.rather.long.name@example-company.com")
    text = totp.qr_text(uri)
    lines = text.splitlines()
    assert set(text) <= {" ", "▀", "▄", "█", "\n"}
    assert len({len(line) for line in lines}) == 1
    assert len(lines) <= 23 and len(lines[0]) <= 80
    # Quiet zone: light border all round (ink on a dark terminal = full blocks).
    assert lines[0] == "█" * len(lines[0])
    inverted = totp.qr_text(uri, dark_on_light=True)
    assert inverted.splitlines()[0] == " " * len(lines[0])


def test_qr_text_encodes_the_data():
    """Rebuild the module matrix from the text and compare with segno's."""
    import segno

    data = "otpauth://totp/InterviewAI:a@b.c?secret=ABC&issuer=InterviewAI"
    lines = totp.qr_text(data, dark_on_light=True, border=0).splitlines()
    rows: list[list[bool]] = []
    for line in lines:
        rows.append([ch in "▀█" for ch in line])
        rows.append([ch in "▄█" for ch in line])
    expected = [
        [bool(c) for c in row]
        for row in segno.make(data, error="l", micro=False, boost_error=False).matrix
    ]
    assert rows[: len(expected)] == expected


def test_recovery_codes_are_ten_unique_hashed_and_one_time():
    rc = totp.new_recovery_codes()
    assert len(rc.codes) == 10 and len(set(rc.codes)) == 10
    assert all(len(c) == 19 and c.count("-") == 3 for c in rc.codes)
    assert not set(rc.codes) & set(rc.hashes)
    hashes = list(rc.hashes)
    used = rc.codes[3]
    matched = totp.match_recovery_code(used.upper().replace("-", " "), hashes)
    assert matched == rc.hashes[3]
    hashes.remove(matched)
    assert totp.match_recovery_code(used, hashes) is None
    assert totp.match_recovery_code("aaaa-bbbb-cccc-dddd", rc.hashes) is None
