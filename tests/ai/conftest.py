from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from interviewai_tui.ai.transport import HttpPool, Timeouts
from tests.ai.fakeserver import FakeServer

FAST = Timeouts(connect=2.0, idle=2.0, no_content=5.0, write=2.0)


@pytest.fixture
async def fake() -> AsyncIterator[FakeServer]:
    server = await FakeServer().start()
    yield server
    await server.close()


@pytest.fixture
async def pool() -> AsyncIterator[HttpPool]:
    p = HttpPool(trust_env=False)
    yield p
    await p.aclose()
