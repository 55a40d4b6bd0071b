"""Best-effort network isolation with ``unshare -rn``, probed once per process.

Unprivileged user namespaces are switched off on some systems (Ubuntu 24.04 restricts them
through AppArmor), so "no network" cannot be promised everywhere: the probe result is reported
with every judgement so the UI can say so.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess

_PROBE_TIMEOUT = 5.0

# No lock: two concurrent first probes just both run, and a module-level asyncio.Lock would
# be bound to whichever event loop used it first.
_cached: list[str] | None = None


async def _probe() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    prefix = [unshare, "-rn"]
    try:
        proc = await asyncio.create_subprocess_exec(
            *prefix,
            "true",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return []
    try:
        code = await asyncio.wait_for(proc.wait(), _PROBE_TIMEOUT)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        return []
    return prefix if code == 0 else []


async def isolation_prefix() -> list[str]:
    """The command prefix that runs a program without network, or [] where none works."""
    global _cached
    if _cached is None:
        _cached = await _probe()
    return list(_cached)


async def network_isolation_available() -> bool:
    """Whether candidate code runs without network on this machine."""
    return bool(await isolation_prefix())
