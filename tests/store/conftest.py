"""The store contract suite runs every test on each engine: SQLite (a real file in tmp_path),
mongomock, and a real MongoDB when INTERVIEWAI_TEST_MONGODB_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from interviewai_tui.clock import FrozenClock
from interviewai_tui.store import Store, open_store

REAL_MONGO_URL = os.environ.get("INTERVIEWAI_TEST_MONGODB_URL", "")

ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("mongomock", id="mongomock"),
    pytest.param(
        "mongodb",
        id="mongodb",
        marks=[
            pytest.mark.mongo_real,
            pytest.mark.skipif(not REAL_MONGO_URL, reason="INTERVIEWAI_TEST_MONGODB_URL not set"),
        ],
    ),
]

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _real_mongo_url() -> str:
    """The test server URL with a fresh database name, so runs never see each other's data."""
    parts = urlsplit(REAL_MONGO_URL)
    return urlunsplit(parts._replace(path=f"/interviewai_test_{uuid.uuid4().hex[:12]}"))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture(params=ENGINES)
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FrozenClock
) -> AsyncIterator[Store]:
    engine = request.param
    if engine == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    elif engine == "mongomock":
        url = "mongomock://localhost/interviewai_test"
    else:
        url = _real_mongo_url()
    async with open_store(url, clock=clock) as opened:
        yield opened
        if engine == "mongodb":
            await opened.db.client.drop_database(opened.db.name)  # type: ignore[attr-defined]
