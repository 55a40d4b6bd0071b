"""Versions written into backups, and the time format of manifests."""

from __future__ import annotations

from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import to_utc

# The stored-document schema both engines implement (engine-neutral; see store/base.py).
from interviewai_tui.store import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "iso_now"]


def iso_now(clock: Clock) -> str:
    now = to_utc(clock.now())
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
