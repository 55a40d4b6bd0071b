"""Start-up benchmark: process start → first screen painted, for `interviewai` and a bare app.

Both run in the same session, alternating, each under a pseudo-terminal (80x24, TERM set) so
Textual drives a real terminal. Each process writes a marker right after its first screen's
first refresh (INTERVIEWAI_BENCH_EXIT_ON_PAINT=1) and exits. Prints the medians, their ratio
(target ≤ 1.5), the peak RSS at the sign-in screen (target ≤ 60 MB), and any heavy module that
was imported before the first frame (target: none).

    python benchmarks/startup.py [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    deferred_loaded: list[str]


def app_command() -> list[str]:
    """The installed `interviewai` script next to this Python, else `python -m`."""
    script = Path(sys.executable).with_name("interviewai")
    if script.exists():
        return [str(script)]
    found = shutil.which("interviewai")
    return [found] if found else [sys.executable, "-m", "interviewai_tui"]


def _drain(fd: int) -> None:
    # The child blocks if nobody reads what it writes to the terminal.
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_once(command: list[str], env: dict[str, str], timeout: float = 30.0) -> Run:
    with tempfile.TemporaryDirectory(prefix="iai-bench-") as tmp:
        marker = Path(tmp) / "marker.json"
        child_env = {
            **env,
            "INTERVIEWAI_BENCH_EXIT_ON_PAINT": "1",
            "INTERVIEWAI_BENCH_MARKER": str(marker),
            "INTERVIEWAI_DATA_DIR": str(Path(tmp) / "data"),
            "INTERVIEWAI_CONFIG_FILE": str(Path(tmp) / "config.toml"),
        }
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        started = time.time()
        process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=child_env,
            cwd=tmp,
            start_new_session=True,
        )
        os.close(slave)
        try:
            process.wait(timeout=timeout)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            os.close(master)
            reader.join(timeout=2)
        if not marker.exists():
            raise RuntimeError(f"{command} exited with {process.returncode} before painting")
        record = json.loads(marker.read_text(encoding="utf-8"))
        return Run(
            seconds=record["painted_at"] - started,
            cpu_seconds=float(record.get("cpu_s", 0.0)),
            max_rss_mb=record["max_rss_kb"] / 1024,
            deferred_loaded=list(record.get("deferred_modules_loaded", [])),
        )


def measure(runs: int) -> dict[str, object]:
    env = {**os.environ, "TERM": os.environ.get("TERM", "xterm-256color") or "xterm-256color"}
    env.pop("NO_COLOR", None)
    app = app_command()
    bare = [sys.executable, str(HERE / "bare_app.py")]
    run_once(app, env)  # warm the file cache and compile .pyc files once for both
    run_once(bare, env)
    app_runs: list[Run] = []
    bare_runs: list[Run] = []
    for _ in range(runs):  # alternate so drift in machine load hits both alike
        app_runs.append(run_once(app, env))
        bare_runs.append(run_once(bare, env))
    app_median = statistics.median(r.seconds for r in app_runs)
    bare_median = statistics.median(r.seconds for r in bare_runs)
    app_cpu = statistics.median(r.cpu_seconds for r in app_runs)
    bare_cpu = statistics.median(r.cpu_seconds for r in bare_runs)
    return {
        "runs": runs,
        "command": " ".join(app),
        "app_first_paint_s": round(app_median, 4),
        "bare_first_paint_s": round(bare_median, 4),
        "ratio": round(app_median / bare_median, 3),
        "ratio_target": 1.5,
        "app_cpu_to_paint_s": round(app_cpu, 4),
        "bare_cpu_to_paint_s": round(bare_cpu, 4),
        "cpu_ratio": round(app_cpu / bare_cpu, 3) if bare_cpu else None,
        "app_peak_rss_mb": round(max(r.max_rss_mb for r in app_runs), 1),
        "bare_peak_rss_mb": round(max(r.max_rss_mb for r in bare_runs), 1),
        "rss_target_mb": 60,
        "deferred_modules_loaded_before_paint": sorted(
            {name for r in app_runs for name in r.deferred_loaded}
        ),
        "app_runs_s": [round(r.seconds, 4) for r in app_runs],
        "bare_runs_s": [round(r.seconds, 4) for r in bare_runs],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each program (default 7)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = measure(max(1, args.runs))
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"command:                     {result['command']}")
    print(f"runs:                        {result['runs']} each, alternating")
    print(f"interviewai first paint:     {result['app_first_paint_s']:.3f} s (median)")
    print(f"bare Textual app + Input:    {result['bare_first_paint_s']:.3f} s (median)")
    print(f"ratio:                       {result['ratio']:.2f} (target <= 1.5)")
    print(
        f"CPU time to first paint:     {result['app_cpu_to_paint_s']:.3f} s vs "
        f"{result['bare_cpu_to_paint_s']:.3f} s, ratio {result['cpu_ratio']} "
        "(less sensitive to machine load)"
    )
    print(f"peak RSS at sign-in:         {result['app_peak_rss_mb']} MB (target <= 60)")
    print(f"peak RSS of the bare app:    {result['bare_peak_rss_mb']} MB")
    loaded = result["deferred_modules_loaded_before_paint"]
    print(f"heavy modules before paint:  {', '.join(loaded) if loaded else 'none'}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
