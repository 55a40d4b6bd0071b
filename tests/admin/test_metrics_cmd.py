"""``interviewai metrics collect`` and ``metrics alerts`` as real subprocesses."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import AlertType
from interviewai_tui.domain.metrics import Alert, SystemMetric
from interviewai_tui.store import open_store

from .conftest import NOW

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("run_metrics.py")


def env_for(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEWAI_")}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        INTERVIEWAI_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(ROOT),
    )
    return env


def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'interviewai.db'}"


async def count_samples(tmp_path: Path) -> int:
    async with open_store(url(tmp_path)) as store:
        return len(await store.metrics.range(since=NOW - timedelta(days=3650)))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_collect_stops_cleanly_on_a_signal(tmp_path: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPT), "metrics", "collect", "--every", "0.2"],
        env=env_for(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("collecting every 0.2 s into SQLite at"), first
        sample = proc.stdout.readline()
        assert " cpu " in sample and "memory" in sample, sample
        time.sleep(0.3)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    last = out.strip().splitlines()[-1]
    assert last.startswith("stopped after ") and last.endswith(", 0 failed.")
    written = int(last.split()[2])
    assert written >= 2 and await count_samples(tmp_path) == written


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env_for(tmp_path),
        capture_output=True,
        text=True,
        timeout=30,
    )


async def test_collect_count_and_alerts_listing(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "metrics", "alerts").stdout.strip() == "No open alerts."
    done = run_cli(tmp_path, "metrics", "collect", "--every", "0.1", "--count", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "stopped after 2 sample(s), 0 failed."
    assert await count_samples(tmp_path) == 2

    async with open_store(url(tmp_path), clock=FrozenClock(NOW)) as store:
        before = len(await store.metrics.open_alerts())  # a busy test machine may raise some
        alert = Alert(
            type=AlertType.CRITICAL,
            message="Disk usage is 99% \x1b[2J(alert at 90%).",
            component="server.disk",
            timestamp=NOW,
        )
        await store.metrics.insert(metric=SystemMetric(timestamp=NOW, alerts=[alert]))
    listed = run_cli(tmp_path, "metrics", "alerts")
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    expected = (
        "2025-03-01 12:00Z  critical  server.disk     Disk usage is 99% ?[2J(alert at 90%)."
        f"  [{alert.id}]"
    )
    assert expected in lines  # control sequences neutralised, one line per alert
    assert lines[-1] == f"{before + 1} open alert(s); resolve them on the admin dashboard."


def test_bad_interval_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "metrics", "collect", "--every", "0")
    assert done.returncode == 2
    assert done.stderr.strip() == "interviewai: --every must be between 0.1 and 86400 seconds."
