"""The judge run by an ordinary user, where RLIMIT_NPROC is enforced (root ignores it).

Needs root (to drop to uid 65534 with setpriv) and a Python >= 3.11 that user can execute;
skipped otherwise. The judge package only uses the standard library, so the checkout on
PYTHONPATH is enough.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]

SCRIPT = """
import asyncio, json
from interviewai_tui.judge import Limits, TestCase, run

FORKER = '''
import os, sys, time
made = 0
try:
    for _ in range(200):
        if os.fork() == 0:
            time.sleep(5)
            os._exit(0)
        made += 1
except OSError:
    print('fork refused after', made)
    sys.exit(0)
print('forked', made)
'''

async def main():
    report = await run(FORKER, 'python', [TestCase('', '?')], Limits(extra_processes=10))
    print(json.dumps({'got': report.results[0].got, 'isolated': report.network_isolated}))

asyncio.run(main())
"""


def _unprivileged_python() -> list[str] | None:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if not os.path.exists(candidate):
            continue
        probe = subprocess.run(
            [setpriv, *NOBODY, candidate, "-c", "import sys; assert sys.version_info >= (3, 11)"],
            capture_output=True,
            timeout=20,
            cwd="/",
        )
        if probe.returncode == 0:
            return [setpriv, *NOBODY, candidate]
    return None


@pytest.mark.skipif(sys.platform != "linux", reason="Linux only")
def test_process_limit_stops_a_fork_loop_for_an_ordinary_user() -> None:
    command = _unprivileged_python()
    if command is None:
        pytest.skip("needs root, setpriv and a Python >= 3.11 that uid 65534 can run")
    if not os.access(REPO / "interviewai_tui", os.R_OK | os.X_OK):
        pytest.skip("checkout not readable")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO), "HOME": "/"}
    done = subprocess.run(
        [*command, "-c", SCRIPT], capture_output=True, text=True, timeout=60, env=env, cwd="/"
    )
    if done.returncode != 0 and "Permission denied" in done.stderr:
        pytest.skip("uid 65534 cannot read the checkout")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    refused, _, count = result["got"].strip().rpartition(" ")
    assert refused == "fork refused after", result
    assert int(count) <= 10 + 5  # the allowance, plus tasks that ended while we counted
