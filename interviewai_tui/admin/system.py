"""Server readings through psutil: CPU, memory, disk of the data folder, network rates.

psutil reads /proc (or the platform's equivalent) without spawning anything; one reading costs
well under a millisecond, so the sampler may call it on the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import psutil

__all__ = ["PsutilProbe", "ServerReading", "SystemProbe"]


@dataclass(frozen=True, slots=True)
class ServerReading:
    cpu_percent: float = 0.0
    memory_percent: float = 0.0
    disk_percent: float = 0.0
    net_in_per_s: float = 0.0  # bytes per second since the previous reading
    net_out_per_s: float = 0.0


class SystemProbe(Protocol):
    def read(self) -> ServerReading: ...


class PsutilProbe:
    """Readings of this machine. CPU and network are averaged since the previous reading."""

    def __init__(
        self, disk_path: Path | None = None, *, timer: Callable[[], float] = time.monotonic
    ) -> None:
        self.disk_path = disk_path
        self._timer = timer
        psutil.cpu_percent(interval=None)  # the first call only starts the measurement
        self._net = self._net_counters()
        self._net_at = timer()

    @staticmethod
    def _net_counters() -> tuple[int, int] | None:
        counters = psutil.net_io_counters()
        return None if counters is None else (counters.bytes_recv, counters.bytes_sent)

    def _disk_percent(self) -> float:
        path = self.disk_path
        while path is not None and not path.exists() and path != path.parent:
            path = path.parent  # the data dir may not exist yet; measure the disk it will be on
        try:
            return float(psutil.disk_usage(str(path or Path.cwd().anchor)).percent)
        except OSError:
            return 0.0

    def read(self) -> ServerReading:
        now = self._timer()
        net = self._net_counters()
        elapsed = now - self._net_at
        incoming = outgoing = 0.0
        if net is not None and self._net is not None and elapsed > 0:
            incoming = max(0, net[0] - self._net[0]) / elapsed
            outgoing = max(0, net[1] - self._net[1]) / elapsed
        self._net, self._net_at = net, now
        return ServerReading(
            cpu_percent=float(psutil.cpu_percent(interval=None)),
            memory_percent=float(psutil.virtual_memory().percent),
            disk_percent=self._disk_percent(),
            net_in_per_s=round(incoming, 1),
            net_out_per_s=round(outgoing, 1),
        )
