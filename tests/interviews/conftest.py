from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.store import Store, open_store
from tests.ai.fixtures import fake, pool  # noqa: F401  (fixtures for test_ai_grading)

from .helpers import START


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'store.db'}", clock=clock) as opened:
        yield opened
