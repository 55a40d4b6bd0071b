"""Run one sandboxed process: bounded reads, wall-clock limit, the whole group killed at the end.

A small SubprocessProtocol rather than ``communicate()`` or StreamReaders: output is kept only
up to the cap (the rest is dropped and the group killed), and the protocol learns the moment
the main process exits. Python 3.11's ``Process.wait()`` only returns once every pipe has
closed, which a forked child holding stdout would delay until the wall limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

STDERR_HEAD = 8 * 1024
STDERR_TAIL = 4 * 1024
# After the group is killed the pipes close at once; a grandchild that escaped the group
# (setsid) could hold them, so stop waiting after this long.
DRAIN_GRACE = 1.0


@dataclass(slots=True)
class Outcome:
    """What one process did."""

    exit_code: int | None
    stdout: bytes
    stderr_head: bytes
    stderr_tail: bytes
    elapsed: float
    timed_out: bool = False
    output_exceeded: bool = False


class _Collector(asyncio.SubprocessProtocol):
    """Keeps at most ``cap`` bytes of stdout and a head and tail of stderr."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.stdout = bytearray()
        self.stderr_head = bytearray()
        self.stderr_tail = bytearray()
        self.stderr_bytes = 0
        self.exceeded = asyncio.Event()
        self.exited = asyncio.Event()
        self.closed = asyncio.Event()

    def pipe_data_received(self, fd: int, data: bytes) -> None:
        if fd == 1:
            room = self.cap - len(self.stdout)
            if room > 0:
                self.stdout += data[:room]
            if len(data) > room:
                self.exceeded.set()
            return
        self.stderr_bytes += len(data)
        if len(self.stderr_head) < STDERR_HEAD:
            self.stderr_head += data[: STDERR_HEAD - len(self.stderr_head)]
        self.stderr_tail = (self.stderr_tail + data[-STDERR_TAIL:])[-STDERR_TAIL:]
        if self.stderr_bytes > self.cap:
            self.exceeded.set()

    def process_exited(self) -> None:
        self.exited.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()


def _kill_group(pgid: int) -> None:
    # The group may already be gone: every member exited and was reaped.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


async def _first(events: list[asyncio.Event], timeout: float) -> bool:
    """Wait until any event is set; False on timeout."""
    waiters = [asyncio.create_task(e.wait()) for e in events]
    try:
        done, _ = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
    return bool(done)


async def run_process(
    argv: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    stdin_path: Path,
    wall_seconds: float,
    output_cap: int,
) -> Outcome:
    """Start ``argv`` in its own session and collect its output within the limits."""
    loop = asyncio.get_running_loop()
    collector = _Collector(output_cap)
    started = time.perf_counter()
    with stdin_path.open("rb") as stdin:
        # A file as stdin: no writer task, and no deadlock when the program never reads it.
        transport, _ = await loop.subprocess_exec(
            lambda: collector,
            *argv,
            cwd=cwd,
            env=env,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    pid = transport.get_pid()
    finished = False
    try:
        finished = await _first([collector.exited, collector.exceeded], wall_seconds)
    finally:
        # The session id is the child's pid (start_new_session), so this reaches every
        # process it forked, including ones that still hold our pipes.
        _kill_group(pid)
        await _first([collector.closed], DRAIN_GRACE)
        await _first([collector.exited], DRAIN_GRACE)
        transport.close()
    elapsed = time.perf_counter() - started
    exceeded = collector.exceeded.is_set()
    return Outcome(
        exit_code=transport.get_returncode(),
        stdout=bytes(collector.stdout),
        stderr_head=bytes(collector.stderr_head),
        stderr_tail=bytes(collector.stderr_tail),
        elapsed=elapsed,
        timed_out=not finished and not exceeded,
        output_exceeded=exceeded,
    )
