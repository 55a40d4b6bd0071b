"""The surroundings of one run: a scrubbed environment, a throwaway directory, the limits."""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from interviewai_tui.judge.languages import LanguageSpec
from interviewai_tui.judge.models import Limits

LAUNCHER = Path(__file__).with_name("launcher.py")
_DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"


def scrubbed_env(home: Path) -> dict[str, str]:
    """A new environment, built from nothing rather than filtered.

    Only PATH is taken from the parent; API keys, tokens, session-bus and SSH agent variables
    never reach candidate code because nothing else is copied.
    """
    return {
        "PATH": os.environ.get("PATH") or _DEFAULT_PATH,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(home),
        "TMPDIR": str(home),
    }


def make_workdir() -> Path:
    """A fresh private directory used as cwd, HOME and TMPDIR for one test."""
    return Path(tempfile.mkdtemp(prefix="interviewai-judge-"))


def _make_writable(path: str) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRWXU)


def remove_workdir(path: Path) -> None:
    """Remove the directory even if the candidate made parts of it unreadable."""
    shutil.rmtree(path, ignore_errors=True)
    if not path.exists():
        return
    _make_writable(str(path))
    for root, dirs, _files in os.walk(path):
        for name in dirs:
            _make_writable(os.path.join(root, name))
    shutil.rmtree(path, ignore_errors=True)


def _running_tasks_of(uid: int) -> int | None:
    """Threads + processes of ``uid`` (what RLIMIT_NPROC counts on Linux), None without /proc."""
    count = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return None
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            if os.stat(f"/proc/{entry}").st_uid != uid:
                continue
            count += len(os.listdir(f"/proc/{entry}/task"))
        except OSError:
            continue  # the process ended while we looked
    return count


def process_limit(limits: Limits) -> int:
    """The RLIMIT_NPROC to set, or 0 for none.

    Root ignores RLIMIT_NPROC, so it is skipped there. Elsewhere it counts every task of the
    user, not just this tree, so the limit is the user's current count plus the allowance;
    a fixed small number would stop node (which starts threads) on a busy desktop.
    """
    if os.geteuid() == 0:
        return 0
    running = _running_tasks_of(os.getuid())
    if running is None:
        return 0  # no /proc (macOS): the count is unknown, so a limit could stop anything
    return running + limits.extra_processes


def launch_argv(
    spec: LanguageSpec, source: Path, limits: Limits, isolation: list[str], nproc: int
) -> list[str]:
    """The full command: [unshare -rn] python -I -S launcher.py LIMITS -- interpreter ..."""
    settings = [
        f"cpu={max(1, math.ceil(limits.cpu_seconds))}",
        f"as={spec.address_space(limits)}",
        f"fsize={limits.file_size_bytes}",
        f"nofile={limits.open_files}",
        f"nproc={nproc}",
    ]
    return [
        *isolation,
        sys.executable,
        "-I",
        "-S",
        str(LAUNCHER),
        *settings,
        "--",
        *spec.argv(source, limits),
    ]
