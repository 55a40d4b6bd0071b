"""A fixed, known workload for the sampler: scripted latencies, AI calls, a fixed probe."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from interviewai_tui.admin.system import ServerReading
from interviewai_tui.ai.records import CallRecord, CallRecorder


class ScriptedTimer:
    """A perf_counter stand-in: each timed call lasts the next scripted number of ms."""

    def __init__(self, latencies_ms: Iterable[float]) -> None:
        self._latencies = iter(latencies_ms)
        self._now = 0.0
        self._calls = 0

    def __call__(self) -> float:
        self._calls += 1
        if self._calls % 2 == 0:  # the end of a call
            self._now += next(self._latencies) / 1000
        return self._now


class FixedProbe:
    def __init__(self, reading: ServerReading | None = None) -> None:
        self.reading = reading or ServerReading()

    def set(self, **values: float) -> None:
        fields = {
            name: getattr(self.reading, name)
            for name in ("cpu_percent", "memory_percent", "disk_percent")
        }
        fields.update(values)
        self.reading = ServerReading(**fields)

    def read(self) -> ServerReading:
        return self.reading


def record_ai_calls(recorder: CallRecorder, at: datetime) -> None:
    """Three OpenAI calls (two answered, one rate-limited) and two Gemini timeouts."""

    def call(provider: str, model: str, outcome: str, ms: float, cost: str | None) -> None:
        recorder.record(
            CallRecord(
                provider=provider,
                model=model,
                outcome=outcome,
                latency_ms=ms,
                at=at,
                cost=None if cost is None else Decimal(cost),
            )
        )

    call("openai", "gpt-4o-mini", "ok", 100, "0.002")
    call("openai", "gpt-4o-mini", "ok", 300, "0.002")
    call("openai", "gpt-4o-mini", "rate_limit", 50, "0")
    call("gemini", "gemini-2.5-flash", "timeout", 1000, "0")
    call("gemini", "gemini-2.5-flash", "timeout", 1000, "0")
