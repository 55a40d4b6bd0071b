"""The first screen paints before drivers, HTTP, bcrypt or keyring are imported."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from interviewai_tui.ui.bench import DEFERRED_MODULES

ROOT = Path(__file__).resolve().parents[2]


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "startup_bench", ROOT / "benchmarks" / "startup.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def test_importing_the_app_and_sign_in_screen_loads_no_heavy_module() -> None:
    code = (
        "import sys, json\n"
        "import interviewai_tui.cli, interviewai_tui.ui.app, interviewai_tui.ui.screens.sign_in\n"
        "import interviewai_tui.container\n"
        f"print(json.dumps([m for m in {list(DEFERRED_MODULES)!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(out.stdout) == []


def test_the_real_command_paints_sign_in_before_heavy_imports(tmp_path: Path) -> None:
    """`interviewai` under a pseudo-terminal, embedded default, temp data dir."""
    bench = load_benchmark()
    run = bench.run_once(bench.app_command(), {"TERM": "xterm-256color", "PATH": "/usr/bin:/bin"})
    assert run.deferred_loaded == []
    assert 0 < run.seconds < 20
    assert run.max_rss_mb < 120  # the benchmark reports the real number against 60 MB
