"""The wheel ships styles/ and assets/: build it, install it in a fresh venv, run it elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_wheel_installs_and_starts_outside_the_checkout() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "wheel_check.py")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wheel check passed" in result.stdout
