from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest

from interviewai_tui.store import Store, open_store

ENGINES = ["sqlite", "mongomock"]


def store_url(engine: str, folder: Path, name: str = "store") -> str:
    if engine == "sqlite":
        return f"sqlite:///{folder / f'{name}.db'}"
    return f"mongomock://localhost/{name}"


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[[str, str], AbstractAsyncContextManager[Store]]:
    """`async with make_store(engine, name) as store:` — a fresh, opened store."""

    def factory(engine: str, name: str = "store") -> AbstractAsyncContextManager[Store]:
        return open_store(store_url(engine, tmp_path, name))

    return factory


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    async with open_store(store_url("sqlite", tmp_path, "main")) as store:
        yield store
