"""Where archived documents live: a second store with the same schema next to the main one.

- embedded: `interviewai-archive.db` beside `interviewai.db` (one more file to back up, and
  the main file stays small and fast);
- MongoDB: the database `<name>_archive` on the same deployment (the admin guide grants the
  application user readWrite on it).

The archive is a complete `Store`, so history can read archived interviews with the usual
repository calls (`archive.interviews.list_for_user(...)`); each carries `archived: true`.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from interviewai_tui.clock import Clock
from interviewai_tui.store import BadURLError, Store, open_store
from interviewai_tui.store.factory import sqlite_path_from_url

__all__ = ["archive_url_for", "open_archive"]

_DEFAULT_DB = "interviewai"


def archive_url_for(url: str) -> str:
    """The archive store URL that goes with the main store URL `url`."""
    path = sqlite_path_from_url(url)
    if path is not None:
        suffix = path.suffix or ".db"
        return f"sqlite:///{path.with_name(path.stem + '-archive' + suffix)}"
    parts = urlsplit(url)
    if parts.scheme not in ("mongodb", "mongodb+srv", "mongomock"):
        raise BadURLError(f"No archive location is known for {parts.scheme!r} stores.")
    name = parts.path.lstrip("/").split("/", 1)[0] or _DEFAULT_DB
    return urlunsplit(parts._replace(path=f"/{name}_archive"))


def open_archive(url: str, *, clock: Clock | None = None) -> Store:
    """The (unopened) archive store of the main store at `url`; use `async with`."""
    return open_store(archive_url_for(url), clock=clock)
