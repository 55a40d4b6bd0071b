from __future__ import annotations

import time

import bcrypt
import pytest

from interviewai_tui.auth import passwords
from interviewai_tui.auth.passwords import PasswordHasher, WeakCostError, password_problem

EMAIL = "jane.doe@example.com"


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ab1defg", "at least 8 characters"),
        ("abcdefg1x", "uppercase letter"),
        ("ABCDEFG1X", "lowercase letter"),
        ("Abcdefghx", "digit"),
        ("Password1", "10,000 most common"),
        ("Summer2024", "10,000 most common"),
        ("Qwerty123", "10,000 most common"),
        ("Jane.Doe77x", "name part of your email"),
        ("xxJANE.DOEyy9", "name part of your email"),
        ("Aa1" + "x" * 70, "at most 72 bytes"),
        ("Aa1" + "é" * 35, "at most 72 bytes"),  # 73 bytes in 38 characters
    ],
)
def test_policy_refuses_with_the_reason(password: str, expected: str):
    problem = password_problem(EMAIL, password)
    assert problem is not None and expected in problem
    assert problem.endswith(".") and "\n" not in problem


@pytest.mark.parametrize(
    "password", ["Corr3ct-Horse", "Aa1" + "x" * 69, "Zebra-Lamp-9", "Ünïcødé-Pass1"]
)
def test_policy_accepts_good_passwords(password: str):
    assert password_problem(EMAIL, password) is None


def test_short_local_part_is_not_a_rule():
    # "jo" is too short to be a meaningful context word; "Jo" appears in many passwords.
    assert password_problem("jo@example.com", "Jolly-Rog3r") is None


def test_nfkc_normalisation_makes_compatibility_forms_equal():
    # Fullwidth letters and digits are the same password as their ASCII forms.
    fullwidth = "Ｃｏｒｒ３ｃｔ－Ｈｏｒｓｅ"
    assert passwords.normalize(fullwidth) == "Corr3ct-Horse"
    hasher = PasswordHasher(_rounds_for_tests=4)
    assert hasher.verify(fullwidth, hasher.hash("Corr3ct-Horse"))


def test_common_list_has_ten_thousand_distinct_entries():
    lines = passwords.common_passwords_file().read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10_000
    assert len(set(lines)) == 10_000
    assert len(passwords.common_passwords()) == 10_000
    assert {"123456", "password", "qwerty", "iloveyou", "password1"} <= passwords.common_passwords()


def test_common_list_is_loaded_lazily():
    passwords.common_passwords.cache_clear()
    assert passwords.common_passwords.cache_info().currsize == 0
    assert passwords.is_common("LetMeIn")
    assert passwords.common_passwords.cache_info().currsize == 1


def test_cost_below_twelve_is_refused():
    with pytest.raises(WeakCostError, match="at least 12"):
        PasswordHasher(11)
    with pytest.raises(WeakCostError):
        PasswordHasher(_rounds_for_tests=3)
    assert PasswordHasher().cost == 12
    assert PasswordHasher(13).cost == 13


def test_hash_is_bcrypt_at_the_configured_cost():
    hasher = PasswordHasher(_rounds_for_tests=5)
    stored = hasher.hash("Corr3ct-Horse")
    assert stored.startswith("$2b$05$")
    assert bcrypt.checkpw(b"Corr3ct-Horse", stored.encode())
    assert hasher.verify("Corr3ct-Horse", stored)
    assert not hasher.verify("Corr3ct-Horsf", stored)


def test_over_long_password_never_crashes_sign_in():
    hasher = PasswordHasher(_rounds_for_tests=4)
    stored = hasher.hash("Corr3ct-Horse")
    assert hasher.verify("A1" + "x" * 200, stored) is False
    assert hasher.verify("🙂" * 19, stored) is False  # 76 bytes of emoji
    with pytest.raises(ValueError, match="72 bytes"):
        hasher.hash("A1" + "x" * 80)


def test_missing_or_corrupt_hash_is_just_a_wrong_password():
    hasher = PasswordHasher(_rounds_for_tests=4)
    assert hasher.verify("Corr3ct-Horse", None) is False
    assert hasher.verify("Corr3ct-Horse", "notahash") is False
    assert hasher.verify("Corr3ct-Horse", "$2b$04$tooshort") is False


def test_unknown_account_costs_one_check_at_cost_12():
    """A missing hash or an over-long password takes as long as a real check (cost 12).

    Bounds are loose because the suite shares 2 cores with other work; skipping bcrypt
    would make the ratio ~0.01 and checking twice ~2, both far outside them.
    """
    hasher = PasswordHasher(12)
    real = hasher.hash("Corr3ct-Horse")

    def timed(password: str, stored: str | None) -> float:
        started = time.perf_counter()
        hasher.verify(password, stored)
        return time.perf_counter() - started

    real_t, missing_t, long_t = [], [], []
    for _ in range(3):  # interleaved, and the minimum of each: robust to load spikes
        real_t.append(timed("Wrong-Pass1", real))
        missing_t.append(timed("Wrong-Pass1", None))
        long_t.append(timed("A1" + "x" * 100, real))
    assert 0.5 < min(missing_t) / min(real_t) < 1.8
    assert 0.5 < min(long_t) / min(real_t) < 1.8


def test_every_check_uses_the_configured_cost(monkeypatch: pytest.MonkeyPatch):
    """The dummy hash has the same cost as real ones, so it takes the same time."""
    seen: list[bytes] = []
    real_checkpw = bcrypt.checkpw

    def spy(password: bytes, hashed: bytes) -> bool:
        seen.append(hashed[:7])
        return bool(real_checkpw(password, hashed))

    monkeypatch.setattr(bcrypt, "checkpw", spy)
    for cost in (5, 6):
        hasher = PasswordHasher(_rounds_for_tests=cost)
        stored = hasher.hash("Corr3ct-Horse")
        seen.clear()
        hasher.verify("x", stored)
        hasher.verify("x", None)
        hasher.verify("x", "garbage")
        hasher.verify("A1" + "x" * 100, stored)
        assert seen == [f"$2b$0{cost}$".encode()] * 4
