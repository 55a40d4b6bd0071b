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
from tests.ai.fixtures import fake, pool  # noqa: F401  (fixtures)

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
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def service(
    store: Store,
    fake: FakeServer,  # noqa: F811  (the imported fixture)
    pool: HttpPool,  # noqa: F811
    clock: FrozenClock,
    ticker: Ticker,
) -> ChatService:
    return ChatService(
        store=store, router=make_router(fake, pool, clock=clock), clock=clock, timer=ticker
    )
