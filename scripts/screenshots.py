"""Copy the README screenshots from the UI snapshot tests into docs/screenshots/.

    python scripts/screenshots.py          # copy the current snapshots
    python scripts/screenshots.py --check  # exit 1 if docs/screenshots/ is out of date

The screenshots are the SVGs the snapshot tests (pytest-textual-snapshot) keep under
tests/ui/__snapshots__/, so they always show the app as the tests render it. After
`pytest --snapshot-update` changes a screen, run this script again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "ui" / "__snapshots__"
TARGET = ROOT / "docs" / "screenshots"

# README name -> (glob patterns under SNAPSHOTS, first match wins; required). Optional ones
# (a screen whose snapshot test may not exist yet); required ones missing are an error.
SHOTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "sign-in.svg": (("test_snapshots/test_sign_in[[]100x30[]].svg",), True),
    "home.svg": (("test_snapshots/test_home_user[[]100x30[]].svg",), True),
    "interview-coding.svg": (
        ("test_interview_snapshots/test_session_screen_on_a_coding_question.svg",),
        True,
    ),
    "results.svg": (("test_interview_snapshots/test_results_screen.svg",), True),
    "admin-dashboard.svg": (("test_admin_snapshots/test_dashboard_80x24.svg",), True),
    "history.svg": (("test_history_snapshots/test_history_screen.svg",), False),
    "progress.svg": (("test_history_snapshots/test_progress_screen.svg",), False),
    "chat.svg": (("test_chat_snapshots/test_conversation_at_80x24.svg", "test_chat*/*.svg"), False),
}


def find(patterns: tuple[str, ...]) -> Path | None:
    for pattern in patterns:
        matches = sorted(SNAPSHOTS.glob(pattern))
        if matches:
            return matches[0]
    return None


def plan() -> tuple[dict[str, Path], list[str]]:
    """The snapshot file for each screenshot, and the required ones that are missing."""
    found: dict[str, Path] = {}
    missing: list[str] = []
    for name, (patterns, required) in SHOTS.items():
        source = find(patterns)
        if source is not None:
            found[name] = source
        elif required:
            missing.append(name)
    return found, missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale screenshots")
    args = parser.parse_args()
    found, missing = plan()
    for name in missing:
        print(f"no snapshot for {name} (patterns {SHOTS[name][0]})", file=sys.stderr)
    stale = [
        name
        for name, source in found.items()
        if not (TARGET / name).is_file() or (TARGET / name).read_bytes() != source.read_bytes()
    ]
    if args.check:
        for name in stale:
            print(f"docs/screenshots/{name} differs from {found[name].relative_to(ROOT)}")
        return 1 if stale or missing else 0
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in stale:
        shutil.copyfile(found[name], TARGET / name)
        print(f"{found[name].relative_to(ROOT)} -> docs/screenshots/{name}")
    print(f"{len(found)} screenshots, {len(stale)} updated")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
