"""Choosing an engine from a URL, and what a user sees when that goes wrong."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from interviewai_tui.store import BadURLError, StoreUnavailableError, open_store
from interviewai_tui.store.mongo.store import MongoStore
from interviewai_tui.store.sqlite.store import SqliteStore


def test_schemes_pick_the_engine(tmp_path: Path) -> None:
    assert isinstance(open_store(f"sqlite:///{tmp_path}/a.db"), SqliteStore)
    assert isinstance(open_store(str(tmp_path / "b.db")), SqliteStore)
    assert isinstance(open_store("mongomock://localhost/x"), MongoStore)
    assert open_store("mongodb://127.0.0.1:27017/x").engine == "mongodb"


@pytest.mark.parametrize("url", ["postgres://u:secret@h/db", "ftp://x", "sqlite:relative.db"])
def test_unknown_schemes_are_one_clear_line_without_secrets(url: str) -> None:
    with pytest.raises(BadURLError) as exc:
        open_store(url)
    message = str(exc.value)
    assert "\n" not in message and "secret" not in message


def test_describe_masks_the_password() -> None:
    store = open_store("mongodb://admin:hunter2secret@db.example.com:27017/prod?authSource=admin")
    text = store.describe()
    assert "hunter2" not in text and "secret" not in text
    assert "db.example.com" in text and "admin:****" in text


def test_malformed_mongo_url_is_a_bad_url_without_the_password() -> None:
    with pytest.raises(BadURLError) as exc:
        open_store("mongodb://user:topsecret@host:notaport/db")
    assert "topsecret" not in str(exc.value)


async def test_dead_mongo_server_is_reported_within_five_seconds() -> None:
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(StoreUnavailableError) as exc:
        async with open_store(f"mongodb://u:pw1234secret@127.0.0.1:{port}/x"):
            pass
    assert time.monotonic() - start < 7
    assert "Cannot reach the MongoDB server" in str(exc.value)
    assert "pw1234secret" not in str(exc.value)
