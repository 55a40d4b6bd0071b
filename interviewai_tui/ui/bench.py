"""The start-up benchmark's hook: note the first paint, then exit.

``benchmarks/startup.py`` runs the app with INTERVIEWAI_BENCH_EXIT_ON_PAINT=1 and a marker
path; the app calls ``write_marker`` once its first screen has been refreshed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Final

EXIT_ON_PAINT: Final = "INTERVIEWAI_BENCH_EXIT_ON_PAINT"
MARKER: Final = "INTERVIEWAI_BENCH_MARKER"

#: Modules that must load only after the first frame (drivers, HTTP, crypto, keyring, ...).
DEFERRED_MODULES: Final = (
    "motor",
    "pymongo",
    "bson",
    "httpx",
    "bcrypt",
    "keyring",
    "aiosqlite",
    "sqlite3",
    "psutil",
    "segno",
    "pydantic_settings",
)


def enabled() -> bool:
    """Whether this process runs under the start-up benchmark."""
    return os.environ.get(EXIT_ON_PAINT) == "1"


def deferred_modules_loaded() -> list[str]:
    """Which of ``DEFERRED_MODULES`` are imported in this process right now."""
    return [name for name in DEFERRED_MODULES if name in sys.modules]


def write_marker() -> None:
    """Record the time of the first paint, the peak RSS so far, and early heavy imports."""
    import resource  # Unix only, and only needed under the benchmark

    usage = resource.getrusage(resource.RUSAGE_SELF)
    record = {
        "painted_at": time.time(),
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_kb": _peak_rss_kb(usage.ru_maxrss),
        "deferred_modules_loaded": deferred_modules_loaded(),
    }
    path = os.environ.get(MARKER)
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(record, handle)


def _peak_rss_kb(ru_maxrss: int) -> int:
    """This program's own peak RSS.

    Linux carries ``ru_maxrss`` across ``exec``: a child forked from a big process (pytest
    after a hundred UI tests) reports the parent's peak. ``VmHWM`` belongs to the new image.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return ru_maxrss
