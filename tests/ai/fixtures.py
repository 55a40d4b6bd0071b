"""Fixtures for tests that talk to AI providers: a fake provider server on loopback and the
HTTP pool that reaches it. A conftest or test module imports them to use them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from interviewai_tui.ai.transport import HttpPool
from tests.ai.fakeserver import FakeServer


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
