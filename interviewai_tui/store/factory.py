"""`open_store(url)`: choose the engine from the URL scheme. Drivers are imported lazily so
that the embedded SQLite path never loads Motor (start-up time)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.store.base import Store
from interviewai_tui.store.errors import BadURLError

__all__ = ["open_store", "sqlite_path_from_url"]

_SUPPORTED = "sqlite:///PATH, a file path, mongodb://, mongodb+srv:// or mongomock://"


def sqlite_path_from_url(url: str) -> Path | None:
    """The file path of a `sqlite:///path` URL or of a bare path; None for other schemes."""
    if url.startswith("sqlite:///"):
        rest = url[len("sqlite:///") :]
        # sqlite:////abs/path (four slashes) and sqlite:///relative/path are both accepted.
        return Path(rest).expanduser()
    if url.startswith("sqlite:"):
        raise BadURLError("Write a SQLite URL as sqlite:///path/to/file.db.")
    if "://" not in url and url.strip():
        return Path(url).expanduser()
    return None


def open_store(url: str, *, clock: Clock | None = None) -> Store:
    """A store for `url`, not yet opened: use `async with open_store(url) as store:`.

    Raises:
        BadURLError: unknown scheme or malformed URL (one line, no password in it).
    """
    clock = clock or SystemClock()
    path = sqlite_path_from_url(url)
    if path is not None:
        from interviewai_tui.store.sqlite.store import SqliteStore

        return SqliteStore(path, clock=clock)
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("mongodb", "mongodb+srv", "mongomock"):
        from interviewai_tui.store.mongo.store import MongoStore

        return MongoStore(url, clock=clock)
    shown = scheme or "(none)"
    raise BadURLError(f"Unknown database URL scheme {shown!r}; use {_SUPPORTED}.")
