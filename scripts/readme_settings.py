"""Rewrite the settings table in README.md from the Settings docstrings (run after a change)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def main() -> int:
    table = subprocess.run(
        [sys.executable, "-m", "interviewai_tui", "config", "--table"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    text = README.read_text()
    pattern = re.compile(r"<!-- settings-table:start -->.*<!-- settings-table:end -->", re.S)
    new = pattern.sub(
        lambda _: f"<!-- settings-table:start -->\n{table}\n<!-- settings-table:end -->", text
    )
    README.write_text(new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
