"""Build the wheel, install it in a fresh venv and run the app from outside the checkout.

Proves that styles/ and assets/ ship inside the wheel. Prints one line per step; exit 0 when
every step passed. Used by tests/e2e/test_wheel.py and `make wheel-check`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def step(title: str, cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=600, check=False
    )
    if result.returncode != 0:
        print(f"FAIL {title}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        raise SystemExit(1)
    print(f"ok   {title}")
    return result.stdout


def run_in_pty(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 60) -> int:
    """Run a terminal program on a pseudo-terminal, draining its output; return its exit code."""
    import pty
    import select
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if proc.poll() is None:
            proc.kill()
        return proc.wait()
    finally:
        os.close(master)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="iai-wheel-") as tmp_name:
        tmp = Path(tmp_name)
        dist = tmp / "dist"
        step(
            "build wheel",
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(dist),
                str(ROOT),
            ],
            cwd=tmp,
        )
        wheel = next(dist.glob("interviewai_tui-*.whl"))
        venv = tmp / "venv"
        step("create venv", [sys.executable, "-m", "venv", str(venv)], cwd=tmp)
        py = venv / "bin" / "python"
        step("install wheel", [str(py), "-m", "pip", "install", "--quiet", str(wheel)], cwd=tmp)
        outside = tmp / "elsewhere"
        outside.mkdir()
        (tmp / "config.toml").write_text("# settings for the wheel check\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEWAI_")}
        env.pop("PYTHONPATH", None)
        env.update(
            INTERVIEWAI_DATA_DIR=str(tmp / "data"),
            INTERVIEWAI_CONFIG_FILE=str(tmp / "config.toml"),
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        exe = str(venv / "bin" / "interviewai")
        step("interviewai --version", [exe, "--version"], cwd=outside, env=env)
        where = step(
            "package is the installed one",
            [
                str(py),
                "-c",
                "import interviewai_tui.paths as p; print(p.styles_dir()); "
                "print(p.assets_dir()); assert (p.styles_dir() / 'app.tcss').is_file(); "
                "assert any((p.assets_dir() / 'questions').glob('*.json'))",
            ],
            cwd=outside,
            env=env,
        )
        if str(ROOT) in where:
            print("FAIL styles/assets were found in the checkout, not in the wheel")
            return 1
        out = step("interviewai doctor (loads the bank)", [exe, "doctor"], cwd=outside, env=env)
        if "questions 0" in out:
            print("FAIL the question bank was not loaded from the wheel")
            return 1
        marker = tmp / "painted.json"
        code = run_in_pty(
            [exe],
            cwd=outside,
            env={
                **env,
                "INTERVIEWAI_BENCH_EXIT_ON_PAINT": "1",
                "INTERVIEWAI_BENCH_MARKER": str(marker),
                "TERM": "xterm-256color",
            },
        )
        if code != 0 or not marker.is_file():
            print(f"FAIL the TUI did not paint its first screen (exit {code})")
            return 1
        print("ok   start the TUI to its first frame")
    print("wheel check passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
