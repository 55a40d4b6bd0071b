from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.chat.service import ChatService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store, open_store
from tests.ai.fakeserver import FakeServer

from .helpers import Ticker, make_router

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'chat.db'}", clock=clock) as opened:
        yield opened


@pytest.fixture
async def user(store: Store) -> User:
    return await store.users.create(user=User(email="ann@example.com", name="Ann"))


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


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def service(
    store: Store, fake: FakeServer, pool: HttpPool, clock: FrozenClock, ticker: Ticker
) -> ChatService:
    return ChatService(
        store=store, router=make_router(fake, pool, clock=clock), clock=clock, timer=ticker
    )
