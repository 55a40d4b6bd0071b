from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.store import Store, open_store

NOW = datetime(2025, 4, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'store.db'}", clock=clock) as opened:
        yield opened


@pytest.fixture(params=["sqlite", "mongomock"])
async def any_store(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FrozenClock
) -> AsyncIterator[Store]:
    """The same test on the embedded store and on the Mongo repositories (mongomock)."""
    url = (
        f"sqlite:///{tmp_path / 'store.db'}"
        if request.param == "sqlite"
        else "mongomock://localhost/analytics_test"
    )
    async with open_store(url, clock=clock) as opened:
        yield opened
